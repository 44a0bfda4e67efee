#include "sim/ticket.h"

#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"

bool ticket_keys_generate(ticket_keys *k, rng *r)
{
    return rng_bytes(r, k->name, sizeof k->name) && rng_bytes(r, k->aes, sizeof k->aes) &&
           rng_bytes(r, k->hmac, sizeof k->hmac);
}

/* HMAC over key_name || iv || encrypted_state<0..2^16-1> (RFC 5077 4). */
static bool ticket_mac(const ticket_keys *k, const uint8_t *name, const uint8_t *iv,
                       const uint8_t *enc, size_t enc_len, uint8_t out[ETM_MAC_LEN])
{
    uint8_t len[2] = {(uint8_t)(enc_len >> 8), (uint8_t)enc_len};
    const uint8_t *parts[4] = {name, iv, len, enc};
    size_t lens[4] = {TICKET_KEY_NAME_LEN, ETM_BLOCK, 2, enc_len};
    return etm_mac(k->hmac, sizeof k->hmac, parts, lens, 4, out);
}

bool ticket_seal(const ticket_keys *k, rng *r, const uint8_t *state, size_t n,
                 sealed_ticket *out)
{
    memset(out, 0, sizeof *out);
    size_t enc_len = etm_padded_len(n);
    if (enc_len > 0xffff)
        return false;
    out->encrypted_state = malloc(enc_len);
    if (!out->encrypted_state)
        return false;
    out->encrypted_len = enc_len;
    memcpy(out->key_name, k->name, sizeof out->key_name);
    if (!rng_bytes(r, out->iv, sizeof out->iv) ||
        !etm_encrypt(k->aes, sizeof k->aes, out->iv, state, n, out->encrypted_state) ||
        !ticket_mac(k, out->key_name, out->iv, out->encrypted_state, enc_len, out->mac)) {
        sealed_ticket_free(out);
        return false;
    }
    return true;
}

void sealed_ticket_free(sealed_ticket *t)
{
    free(t->encrypted_state);
    t->encrypted_state = NULL;
}

void ticket_write(writer *w, const sealed_ticket *t)
{
    wr_bytes(w, t->key_name, sizeof t->key_name, "key_name");
    wr_bytes(w, t->iv, sizeof t->iv, "iv");
    wr_mark m = wr_open(w, 2, "encrypted_state");
    wr_bytes(w, t->encrypted_state, t->encrypted_len, NULL);
    wr_close(w, m);
    wr_bytes(w, t->mac, sizeof t->mac, "mac");
}

const char *ticket_verdict_text(ticket_verdict v)
{
    switch (v) {
    case TICKET_OK: return "the ticket is authentic and decrypts to a session state";
    case TICKET_MALFORMED: return "the ticket does not have the layout this server writes";
    case TICKET_UNKNOWN_KEY: return "key_name is not one of this server's ticket keys";
    case TICKET_BAD_MAC: return "the MAC does not match: the ticket was changed or forged";
    default: return "the ticket is authentic but its state cannot be read";
    }
}

ticket_verdict ticket_open(const ticket_keys *k, const uint8_t *ticket, size_t n, uint8_t *state,
                           size_t cap, size_t *state_len, ticket_view *seen)
{
    memset(seen, 0, sizeof *seen);
    tls_err err;
    err_init(&err);
    reader r, enc;
    rd_init(&r, ticket, n, &err, NULL, "ticket");
    seen->key_name = rd_bytes(&r, TICKET_KEY_NAME_LEN, "key_name");
    seen->iv = rd_bytes(&r, ETM_BLOCK, "iv");
    if (!rd_vec(&r, 2, 0, 0xffff, "encrypted_state", &enc))
        return TICKET_MALFORMED;
    seen->encrypted_len = rd_left(&enc);
    seen->encrypted_state = rd_bytes(&enc, seen->encrypted_len, NULL);
    rd_close(&enc);
    seen->mac = rd_bytes(&r, ETM_MAC_LEN, "mac");
    if (!rd_close(&r) || !seen->key_name || !seen->iv || !seen->mac)
        return TICKET_MALFORMED;
    if (memcmp(seen->key_name, k->name, TICKET_KEY_NAME_LEN) != 0)
        return TICKET_UNKNOWN_KEY;
    if (!ticket_mac(k, seen->key_name, seen->iv, seen->encrypted_state, seen->encrypted_len,
                    seen->computed_mac))
        return TICKET_BAD_STATE;
    if (!etm_mac_equal(seen->computed_mac, seen->mac))
        return TICKET_BAD_MAC;
    if (seen->encrypted_len > cap ||
        !etm_decrypt(k->aes, sizeof k->aes, seen->iv, seen->encrypted_state, seen->encrypted_len,
                     state, state_len))
        return TICKET_BAD_STATE;
    return TICKET_OK;
}
