#include "sim/record.h"

#include <stdlib.h>
#include <string.h>

#include "crypto/cbc.h"
#include "crypto/crypto.h"
#include "crypto/prof.h"
#include "base/alert.h"

#define GCM_SALT_LEN 4      /* the implicit part of the GCM nonce (RFC 5288 3) */
#define GCM_EXPLICIT_LEN 8  /* the explicit part, sent in each record */

void rec_state_plaintext(rec_state *s)
{
    memset(s, 0, sizeof *s);
}

void rec_state_free(rec_state *s)
{
    aead_key_free(&s->prepared);
    memset(s, 0, sizeof *s);
}

void rec_state_from_keys(rec_state *s, rec_protection kind, aead_alg aead, hash_alg mac_hash,
                         const tls12_keys *k, bool client_write)
{
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->aead = aead;
    s->mac_hash = mac_hash;
    s->key_len = k->key_len;
    s->mac_len = k->mac_len;
    s->iv_len = k->iv_len;
    memcpy(s->key, client_write ? k->client_key : k->server_key, k->key_len);
    memcpy(s->mac_key, client_write ? k->client_mac : k->server_mac, k->mac_len);
    memcpy(s->iv, client_write ? k->client_iv : k->server_iv, k->iv_len);
    if (kind == REC_AEAD)
        aead_key_init(&s->prepared, aead, s->key);
}

/* The header's numbers by name, as the messages' own fields are (RFC 5246 6.2.1). */
static const char *content_type_name(uint8_t t)
{
    switch (t) {
    case CT_CHANGE_CIPHER_SPEC: return "change_cipher_spec";
    case CT_ALERT: return "alert";
    case CT_HANDSHAKE: return "handshake";
    case CT_APPLICATION_DATA: return "application_data";
    default: return "unknown";
    }
}

static const char *record_version_name(uint16_t v)
{
    return v == 0x0303 ? "TLS 1.2" : v == 0x0302 ? "TLS 1.1" : v == 0x0301 ? "TLS 1.0"
           : v == 0x0300 ? "SSL 3.0" : v == 0x0304 ? "TLS 1.3" : "unknown";
}

bool rec_read_header(reader *r, rec_header *h)
{
    h->type = rd_u8(r, "content_type");
    rd_describe(r, "%u (%s)", h->type, content_type_name(h->type));
    h->version = rd_u16(r, "version");
    rd_describe(r, "0x%04x (%s)", h->version, record_version_name(h->version));
    h->length = rd_u16(r, "length");
    if (rd_ok(r) && h->length > REC_MAX_CIPHERTEXT)
        rd_fail(r, ALERT_RECORD_OVERFLOW, "length", "%u bytes, more than 2^14 + 2048",
                h->length);
    return rd_ok(r);
}

/* seq_num + type + version + length: the MAC input and AEAD additional data. */
static void additional_data(const rec_state *s, uint8_t type, uint16_t version, size_t len,
                            uint8_t ad[13])
{
    for (int i = 0; i < 8; i++)
        ad[i] = (uint8_t)(s->seq >> (56 - 8 * i));
    ad[8] = type;
    ad[9] = (uint8_t)(version >> 8);
    ad[10] = (uint8_t)version;
    ad[11] = (uint8_t)(len >> 8);
    ad[12] = (uint8_t)len;
}

/* GCM: salt || explicit; ChaCha20-Poly1305: iv XOR the padded sequence number. */
static void aead_nonce(const rec_state *s, const uint8_t *explicit_part, uint8_t nonce[12])
{
    if (s->aead == AEAD_CHACHA20_POLY1305) {
        memcpy(nonce, s->iv, 12);
        for (int i = 0; i < 8; i++)
            nonce[4 + i] ^= (uint8_t)(s->seq >> (56 - 8 * i));
        return;
    }
    memcpy(nonce, s->iv, GCM_SALT_LEN);
    memcpy(nonce + GCM_SALT_LEN, explicit_part, GCM_EXPLICIT_LEN);
}

static size_t explicit_len(const rec_state *s)
{
    if (s->kind == REC_AEAD)
        return s->aead == AEAD_CHACHA20_POLY1305 ? 0 : GCM_EXPLICIT_LEN;
    return s->kind == REC_CBC_HMAC ? CBC_BLOCK : 0;
}

static bool seal_aead(rec_state *s, uint8_t type, uint16_t version, const uint8_t *frag, size_t n,
                      writer *w, rec_sealed *rs)
{
    uint8_t ad[13], nonce[12], explicit_part[GCM_EXPLICIT_LEN];
    /* Never repeats under one key: it grows with the sequence number (RFC 5288 3). */
    uint64_t explicit_nonce = s->nonce_base + s->seq;
    for (int i = 0; i < GCM_EXPLICIT_LEN; i++)
        explicit_part[i] = (uint8_t)(explicit_nonce >> (56 - 8 * i));
    additional_data(s, type, version, n, ad);
    aead_nonce(s, explicit_part, nonce);
    if (explicit_len(s))
        wr_bytes(w, explicit_part, GCM_EXPLICIT_LEN, "nonce_explicit");
    uint8_t *out = wr_reserve(w, n + AEAD_TAG_LEN);
    if (!out || !aead_key_seal(&s->prepared, nonce, ad, 13, frag, n, out))
        return false;
    if (w->ann) {
        annot_add(w->ann, "encrypted fragment", w->len - n - AEAD_TAG_LEN, n, w->depth);
        annot_add(w->ann, "authentication tag", w->len - AEAD_TAG_LEN, AEAD_TAG_LEN, w->depth);
    }
    if (rs) {
        memcpy(rs->ad, ad, 13);
        memcpy(rs->nonce, nonce, 12);
        memcpy(rs->explicit_nonce, explicit_part, GCM_EXPLICIT_LEN);
        rs->ct_at = w->len - n - AEAD_TAG_LEN;
        rs->ct_len = n;
        rs->tag_at = w->len - AEAD_TAG_LEN;
    }
    return true;
}

static bool seal_cbc(rec_state *s, uint8_t type, uint16_t version, const uint8_t *frag, size_t n,
                     writer *w, rec_sealed *rs)
{
    cbc_hmac_keys k = {s->mac_hash, s->mac_key, s->mac_len, s->key, s->key_len};
    cbc_record_header h = {s->seq, type, version};
    uint8_t iv[CBC_BLOCK];
    size_t len = cbc_hmac_sealed_len(&k, n);
    uint8_t *out = rng_bytes(s->rng, iv, sizeof iv) ? wr_reserve(w, len) : NULL;
    if (!out || !cbc_hmac_seal_mac(&k, iv, &h, frag, n, out, &len, rs ? rs->mac : NULL))
        return false;
    if (rs) {
        additional_data(s, type, version, n, rs->ad);
        memcpy(rs->iv, iv, CBC_BLOCK);
        rs->mac_len = hash_len(s->mac_hash);
        rs->pad_len = len - CBC_BLOCK - n - rs->mac_len;
        rs->ct_at = w->len - len + CBC_BLOCK;
        rs->ct_len = len - CBC_BLOCK;
    }
    if (w->ann) {
        annot_add(w->ann, "explicit IV", w->len - len, CBC_BLOCK, w->depth);
        annot_add(w->ann, "encrypted fragment + MAC + padding", w->len - len + CBC_BLOCK,
                  len - CBC_BLOCK, w->depth);
    }
    return true;
}

bool rec_seal(rec_state *s, uint8_t type, uint16_t version, const uint8_t *frag, size_t n,
              writer *w)
{
    return rec_seal_traced(s, type, version, frag, n, w, NULL);
}

bool rec_seal_traced(rec_state *s, uint8_t type, uint16_t version, const uint8_t *frag, size_t n,
                     writer *w, rec_sealed *out)
{
    if (out) {
        memset(out, 0, sizeof *out);
        out->seq = s->seq;
        out->filled = s->kind != REC_PLAINTEXT;
    }
    if (n > REC_MAX_PLAINTEXT)
        return false;
    uint64_t t0 = prof_start();
    wr_u8(w, type, "content_type");
    wr_describe(w, "%u (%s)", type, content_type_name(type));
    wr_u16(w, version, "version");
    wr_describe(w, "0x%04x (%s)", version, record_version_name(version));
    wr_mark len = wr_open(w, 2, "fragment");
    bool ok = true;
    if (s->kind == REC_PLAINTEXT)
        wr_bytes(w, frag, n, NULL);
    else if (s->kind == REC_AEAD)
        ok = seal_aead(s, type, version, frag, n, w, out);
    else
        ok = seal_cbc(s, type, version, frag, n, w, out);
    wr_close(w, len);
    if (s->kind != REC_PLAINTEXT) {
        s->seq++;
        prof_stop(PROF_SYMMETRIC, t0);
    }
    return ok && !w->failed;
}

/* The tag the receiver expected for this ciphertext. GCM and ChaCha20-Poly1305 are
 * stream ciphers with the tag over the ciphertext: sealing zeros gives the keystream,
 * the keystream gives the plaintext, and sealing that plaintext again gives back the
 * same ciphertext with the tag that should have come with it. Used only to show a
 * failure; the plaintext is wiped and never released. */
static void expected_tag(const rec_state *s, const uint8_t nonce[12], const uint8_t ad[13],
                         const uint8_t *ct, size_t n, uint8_t tag[AEAD_TAG_LEN])
{
    uint8_t *buf = calloc(1, 2 * (n + AEAD_TAG_LEN) + 1);
    if (!buf)
        return;
    uint8_t *ks = buf, *pt = buf + n + AEAD_TAG_LEN;
    if (aead_seal(s->aead, s->key, nonce, ad, 13, pt, n, ks)) {
        for (size_t i = 0; i < n; i++)
            pt[i] = ct[i] ^ ks[i];
        if (aead_seal(s->aead, s->key, nonce, ad, 13, pt, n, ks))
            memcpy(tag, ks + n, AEAD_TAG_LEN);
    }
    memset(buf, 0, 2 * (n + AEAD_TAG_LEN) + 1);
    free(buf);
}

bool rec_open(rec_state *s, const rec_header *h, const uint8_t *frag, size_t len, uint8_t *out,
              size_t *outlen, tls_err *err)
{
    return rec_open_checked(s, h, frag, len, out, outlen, err, NULL);
}

bool rec_open_checked(rec_state *s, const rec_header *h, const uint8_t *frag, size_t len,
                      uint8_t *out, size_t *outlen, tls_err *err, rec_check *chk)
{
    bool ok = false;
    *outlen = 0;
    if (s->kind == REC_PLAINTEXT) {
        if (len > REC_MAX_PLAINTEXT) {
            err_set(err, ALERT_RECORD_OVERFLOW, "record: %zu bytes of plaintext, more than 2^14", len);
            return false;
        }
        memcpy(out, frag, len);
        *outlen = len;
        return true;
    }
    size_t ex = explicit_len(s);
    uint64_t t0 = prof_start();
    if (s->kind == REC_AEAD && len >= ex + AEAD_TAG_LEN) {
        size_t n = len - ex - AEAD_TAG_LEN;
        uint8_t ad[13], nonce[12];
        additional_data(s, h->type, h->version, n, ad);
        aead_nonce(s, frag, nonce);
        bool auth = false;
        ok = aead_key_open(&s->prepared, nonce, ad, 13, frag + ex, len - ex, out, &auth) && auth;
        *outlen = ok ? n : 0;
        if (!ok && chk) {
            chk->compared = true;
            chk->tag_len = AEAD_TAG_LEN;
            memcpy(chk->ad, ad, 13);
            memcpy(chk->nonce, nonce, 12);
            memcpy(chk->received, frag + len - AEAD_TAG_LEN, AEAD_TAG_LEN);
            expected_tag(s, nonce, ad, frag + ex, n, chk->computed);
        }
    } else if (s->kind == REC_CBC_HMAC) {
        cbc_hmac_keys k = {s->mac_hash, s->mac_key, s->mac_len, s->key, s->key_len};
        cbc_record_header ch = {s->seq, h->type, h->version};
        bool auth = false;
        cbc_check cc;
        memset(&cc, 0, sizeof cc);
        ok = cbc_hmac_open_checked(&k, &ch, frag, len, out, outlen, &auth, &cc) && auth;
        if (!ok && chk && cc.mac_len) {
            chk->compared = true;
            chk->tag_len = cc.mac_len;
            chk->padding_ok = cc.padding_ok;
            memcpy(chk->received, cc.received_mac, cc.mac_len);
            memcpy(chk->computed, cc.computed_mac, cc.mac_len);
            /* The MAC covers the content's length, as found after removing the padding. */
            additional_data(s, h->type, h->version, cc.content_len, chk->ad);
        }
    }
    if (chk)
        chk->seq = s->seq;
    prof_stop(PROF_SYMMETRIC, t0);
    if (!ok) {
        err_set(err, ALERT_BAD_RECORD_MAC,
                "the encrypted record with sequence number %llu did not authenticate",
                (unsigned long long)s->seq);
        return false;
    }
    if (*outlen > REC_MAX_PLAINTEXT) {
        err_set(err, ALERT_RECORD_OVERFLOW, "record: %zu bytes of plaintext, more than 2^14",
                *outlen);
        return false;
    }
    s->seq++;
    return true;
}
