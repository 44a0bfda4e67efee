/* AES-GCM (NIST SP 800-38D) for TLS's 96-bit nonces, over libtomcrypt's AES and its
 * GF(2^128) multiply. libtomcrypt's own GCM is built with LTC_GCM_TABLES: every key
 * first fills 64 KiB of tables with 256 multiplications, which costs more than all the
 * records a handshake seals with that key. Multiplying by H directly needs no set-up. */
#ifndef TLSSIM_GCM_H
#define TLSSIM_GCM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GCM_NONCE_LEN 12
#define GCM_TAG_LEN 16

typedef struct gcm_key gcm_key; /* the AES key schedule and the hash key H */

/* Returns NULL for a key length other than 16, 24 or 32, or when out of memory. */
gcm_key *gcm_key_new(const uint8_t *key, size_t keylen);
void gcm_key_free(gcm_key *g); /* wipes it */

/* Encrypts or decrypts n bytes (in and out may be the same buffer) and writes the
 * tag computed over the ciphertext: the caller compares it when opening. */
bool gcm_crypt(gcm_key *g, const uint8_t nonce[GCM_NONCE_LEN], const uint8_t *aad,
               size_t aadlen, const uint8_t *in, size_t n, uint8_t *out, bool encrypt,
               uint8_t tag[GCM_TAG_LEN]);

#endif
