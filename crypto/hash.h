/* Hashes and HMAC, by algorithm id (libtomcrypt underneath). */
#ifndef TLSSIM_HASH_H
#define TLSSIM_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tomcrypt.h>

typedef enum hash_alg {
    HASH_NONE = 0,
    HASH_MD5,
    HASH_SHA1,
    HASH_SHA256,
    HASH_SHA384,
    HASH_SHA512,
} hash_alg;

#define HASH_MAX_LEN 64

size_t hash_len(hash_alg h);
const char *hash_name(hash_alg h); /* "SHA-256" */
int hash_ltc_idx(hash_alg h);      /* libtomcrypt's registry index, -1 if unknown */
bool hash_digest(hash_alg h, const uint8_t *msg, size_t n, uint8_t *out);

/* A running hash that can be read without ending it (the handshake hash). */
typedef struct hash_ctx {
    hash_alg alg;
    hash_state st;
} hash_ctx;

bool hash_init(hash_ctx *c, hash_alg h);
bool hash_update(hash_ctx *c, const uint8_t *p, size_t n);
/* Writes the digest of everything so far; the context stays usable. */
bool hash_peek(const hash_ctx *c, uint8_t *out);

bool hmac_compute(hash_alg h, const uint8_t *key, size_t keylen, const uint8_t *msg, size_t n,
                  uint8_t *out);

/* An HMAC key prepared once for many messages (the PRF computes several HMACs under
 * one secret): the hash states after absorbing key^ipad and key^opad (RFC 2104).
 * libtomcrypt's hmac_state cannot be reused, so every call would hash both pads again. */
typedef struct hmac_key {
    int idx; /* libtomcrypt's hash index */
    hash_state inner, outer;
} hmac_key;

bool hmac_key_init(hmac_key *k, hash_alg h, const uint8_t *key, size_t keylen);
bool hmac_key_mac(const hmac_key *k, const uint8_t *msg, size_t n, uint8_t *out);
void hmac_key_wipe(hmac_key *k);

#endif
