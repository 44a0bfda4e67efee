/* Encrypt-then-MAC for data only its own author reads back: AES-CBC with PKCS#7
 * padding, and HMAC-SHA256 over what the caller names. RFC 5077 4 recommends this
 * pair for session tickets: the server seals the session state, the client keeps the
 * opaque result, and the server alone can open and authenticate it. */
#ifndef TLSSIM_ETM_H
#define TLSSIM_ETM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ETM_BLOCK 16
#define ETM_MAC_LEN 32 /* HMAC-SHA256 */

/* The ciphertext length for n bytes of plaintext: padded to whole blocks, a full
 * block of padding when n is already a multiple (PKCS#7, RFC 5652 6.3). */
size_t etm_padded_len(size_t n);
/* out (etm_padded_len(n) bytes) = AES-CBC(key, iv, pt || padding). */
bool etm_encrypt(const uint8_t *key, size_t keylen, const uint8_t iv[ETM_BLOCK],
                 const uint8_t *pt, size_t n, uint8_t *out);
/* Decrypts and removes the padding; false when the sizes or the padding are wrong
 * (only ever called after the MAC was checked, so no padding oracle). */
bool etm_decrypt(const uint8_t *key, size_t keylen, const uint8_t iv[ETM_BLOCK],
                 const uint8_t *ct, size_t n, uint8_t *out, size_t *out_len);
/* HMAC-SHA256 of the concatenation of parts. */
bool etm_mac(const uint8_t *key, size_t keylen, const uint8_t *const *parts, const size_t *lens,
             size_t n_parts, uint8_t out[ETM_MAC_LEN]);
/* Compares two MACs in constant time. */
bool etm_mac_equal(const uint8_t a[ETM_MAC_LEN], const uint8_t b[ETM_MAC_LEN]);

#endif
