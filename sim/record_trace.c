/* The named values of record protection (RFC 5246 6.2.3), the same names on a sealed
 * record and on a failed check, each with one plain line. */
#include "sim/record_trace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/cbc.h"

static const char SEQ_EXPLAIN[] =
    "counted by each side, never sent";
static const char AD_AEAD[] = "seq, type, version, length: under the tag";
static const char AD_MAC[] = "seq, type, version, length: MAC covers it";

static void put_seq(trace_event *e, uint64_t seq)
{
    uint8_t b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (uint8_t)(seq >> (56 - 8 * i));
    trace_add_input(e, "sequence number", b, 8, SEQ_EXPLAIN);
}

/* GCM's nonce: the implicit salt from the key block, then the explicit part the
 * record carries (RFC 5288 3). */
static void sealed_gcm(trace_event *e, const rec_state *s, const rec_sealed *r)
{
    trace_add_input(e, "write IV", s->iv, 4,
                    e->actor == ACTOR_CLIENT
                        ? "client_write_IV: the nonce's hidden salt"
                        : "server_write_IV: the nonce's hidden salt");
    trace_add_input(e, "explicit nonce", r->explicit_nonce, 8,
                    "the nonce's part sent in the record");
    trace_add_input(e, "nonce", r->nonce, AEAD_NONCE_LEN,
                    "write IV + explicit nonce: never reused");
    trace_set_formula(e, "nonce = write IV + explicit nonce; ciphertext, tag = %s(key, nonce, "
                         "additional data, plaintext)",
                      aead_name(s->aead));
}

/* ChaCha20-Poly1305's nonce: the IV XOR the sequence number padded to 12 bytes
 * (RFC 7905 2); nothing of it is sent. */
static void sealed_chacha(trace_event *e, const rec_state *s, const rec_sealed *r)
{
    uint8_t padded[AEAD_NONCE_LEN] = {0};
    for (int i = 0; i < 8; i++)
        padded[4 + i] = (uint8_t)(r->seq >> (56 - 8 * i));
    trace_add_input(e, "write IV", s->iv, AEAD_NONCE_LEN,
                    e->actor == ACTOR_CLIENT ? "client_write_IV from the key block"
                                             : "server_write_IV from the key block");
    trace_add_input(e, "padded sequence number", padded, AEAD_NONCE_LEN,
                    "4 zero bytes, then the sequence number");
    trace_add_input(e, "nonce", r->nonce, AEAD_NONCE_LEN,
                    "write IV XOR padded seq: never sent");
    trace_set_formula(e, "nonce = write IV XOR padded sequence number; ciphertext, tag = "
                         "%s(key, nonce, additional data, plaintext)",
                      aead_name(s->aead));
}

static void sealed_cbc(trace_event *e, const rec_state *s, const rec_sealed *r, const uint8_t *pt,
                       size_t n, const uint8_t *buf)
{
    trace_add_input(e, "additional data", r->ad, 13, AD_MAC);
    trace_add_input(e, "plaintext", pt, n, "the content before protection");
    trace_add_input(e, "MAC key", s->mac_key, s->mac_len, "the sender's write MAC key");
    /* The MAC input is the additional data followed by the plaintext (6.2.3.1). */
    uint8_t *mac_input = malloc(13 + n);
    if (mac_input) {
        memcpy(mac_input, r->ad, 13);
        if (n)
            memcpy(mac_input + 13, pt, n);
        trace_add_input(e, "MAC input", mac_input, 13 + n,
                        "additional data + plaintext");
        free(mac_input);
    }
    trace_add_input(e, "IV", r->iv, CBC_BLOCK, "random, sent before the ciphertext");
    trace_add_input(e, "key", s->key, s->key_len, "the sender's write key (key block)");
    trace_add_output(e, "MAC", r->mac, r->mac_len, "HMAC of the MAC input");
    uint8_t pad[256];
    memset(pad, (int)(r->pad_len - 1), r->pad_len);
    trace_add_output(e, "padding", pad, r->pad_len,
                     "each byte = padding length; fills a block");
    trace_add_output(e, "ciphertext", buf + r->ct_at, r->ct_len,
                     "AES-CBC of plaintext + MAC + padding");
    trace_set_formula(e, "MAC = HMAC-%s(MAC key, additional data + plaintext); ciphertext = "
                         "AES-CBC(key, IV, plaintext + MAC + padding)",
                      hash_name(s->mac_hash));
}

void rec_trace_sealed(trace_event *e, const rec_state *s, const rec_sealed *r, const uint8_t *pt,
                      size_t n, const uint8_t *buf)
{
    if (!e || !r->filled)
        return;
    put_seq(e, r->seq);
    if (s->kind == REC_CBC_HMAC) {
        sealed_cbc(e, s, r, pt, n, buf);
        return;
    }
    if (s->aead == AEAD_CHACHA20_POLY1305)
        sealed_chacha(e, s, r);
    else
        sealed_gcm(e, s, r);
    trace_add_input(e, "additional data", r->ad, 13, AD_AEAD);
    trace_add_input(e, "plaintext", pt, n, "the content before protection");
    trace_add_input(e, "key", s->key, s->key_len, "the sender's write key (key block)");
    trace_add_output(e, "ciphertext", buf + r->ct_at, r->ct_len,
                     "the plaintext encrypted, same length");
    trace_add_output(e, "tag", buf + r->tag_at, AEAD_TAG_LEN,
                     "checks ciphertext and additional data");
}

void rec_trace_failed(trace_event *e, const rec_state *s, const rec_check *c)
{
    if (!e)
        return;
    bool aead = s->kind == REC_AEAD;
    trace_add_input(e, aead ? "received tag" : "received MAC", c->received, c->tag_len,
                    "as it arrived at the end of the record");
    trace_add_input(e, aead ? "computed tag" : "computed MAC", c->computed, c->tag_len,
                    "what this side computes over the same bytes with its keys");
    put_seq(e, c->seq);
    trace_add_input(e, "additional data", c->ad, 13, aead ? AD_AEAD : AD_MAC);
    if (aead)
        trace_add_input(e, "nonce", c->nonce, AEAD_NONCE_LEN, NULL);
    else
        trace_add_input(e, "MAC key", s->mac_key, s->mac_len,
                        "the peer's write MAC key, as this side derived it");
    trace_add_input(e, "key", s->key, s->key_len, "the peer's write key, as this side derived it");
}

void rec_ordinal(uint64_t seq, char *out, size_t n)
{
    static const char *const words[] = {"first", "second", "third", "fourth", "fifth",
                                        "sixth", "seventh", "eighth", "ninth", "tenth"};
    if (seq < 10) {
        snprintf(out, n, "%s", words[seq]);
        return;
    }
    unsigned long long k = (unsigned long long)seq + 1;
    const char *suffix = k % 100 >= 11 && k % 100 <= 13 ? "th"
                         : k % 10 == 1                   ? "st"
                         : k % 10 == 2                   ? "nd"
                         : k % 10 == 3                   ? "rd"
                                                         : "th";
    snprintf(out, n, "%llu%s", k, suffix);
}
