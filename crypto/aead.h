/* AEAD record protection: AES-GCM (RFC 5288) and ChaCha20-Poly1305 (RFC 7905). */
#ifndef TLSSIM_AEAD_H
#define TLSSIM_AEAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum aead_alg {
    AEAD_NONE = 0,
    AEAD_AES128_GCM,
    AEAD_AES256_GCM,
    AEAD_CHACHA20_POLY1305,
} aead_alg;

#define AEAD_NONCE_LEN 12
#define AEAD_TAG_LEN 16

size_t aead_key_len(aead_alg a);
const char *aead_name(aead_alg a); /* "AES-128-GCM" */

/* out receives ptlen bytes of ciphertext followed by the 16-byte tag. */
bool aead_seal(aead_alg a, const uint8_t *key, const uint8_t nonce[AEAD_NONCE_LEN],
               const uint8_t *aad, size_t aadlen, const uint8_t *pt, size_t ptlen, uint8_t *out);
/* in is ciphertext followed by the tag (len >= 16); out receives len - 16 bytes.
 * Returns false for bad arguments; *auth_ok is false when the tag does not match,
 * and then out is zeroed: unauthenticated plaintext is never released. */
bool aead_open(aead_alg a, const uint8_t *key, const uint8_t nonce[AEAD_NONCE_LEN],
               const uint8_t *aad, size_t aadlen, const uint8_t *in, size_t len, uint8_t *out,
               bool *auth_ok);

/* A key prepared once for many records: AES-GCM's key schedule and hash key are
 * computed when the key is first used, not for every record. */
typedef struct aead_key {
    aead_alg alg;
    uint8_t key[32];
    struct gcm_key *gcm; /* allocated on first use */
} aead_key;

void aead_key_init(aead_key *k, aead_alg a, const uint8_t *key);
void aead_key_free(aead_key *k);
bool aead_key_seal(aead_key *k, const uint8_t nonce[AEAD_NONCE_LEN], const uint8_t *aad,
                   size_t aadlen, const uint8_t *pt, size_t ptlen, uint8_t *out);
bool aead_key_open(aead_key *k, const uint8_t nonce[AEAD_NONCE_LEN], const uint8_t *aad,
                   size_t aadlen, const uint8_t *in, size_t len, uint8_t *out, bool *auth_ok);

#endif
