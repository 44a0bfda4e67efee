/* AES-CBC with HMAC, as TLS 1.2 protects records with it (RFC 5246 6.2.3.2):
 * MAC-then-encrypt, explicit per-record IV, TLS padding. */
#ifndef TLSSIM_CBC_H
#define TLSSIM_CBC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/hash.h"

#define CBC_BLOCK 16

/* Raw AES-CBC over whole blocks (len a multiple of 16); no padding of its own. */
bool aes_cbc_encrypt(const uint8_t *key, size_t keylen, const uint8_t iv[CBC_BLOCK],
                     const uint8_t *in, size_t len, uint8_t *out);
bool aes_cbc_decrypt(const uint8_t *key, size_t keylen, const uint8_t iv[CBC_BLOCK],
                     const uint8_t *in, size_t len, uint8_t *out);

typedef struct cbc_hmac_keys {
    hash_alg mac_hash;
    const uint8_t *mac_key;
    size_t mac_key_len;
    const uint8_t *enc_key;
    size_t enc_key_len;
} cbc_hmac_keys;

/* The bytes the record MAC covers before the fragment: seq_num(8) || type(1) ||
 * version(2) || length(2) (RFC 5246 6.2.3.1). */
typedef struct cbc_record_header {
    uint64_t seq;
    uint8_t type;
    uint16_t version;
} cbc_record_header;

/* Size of the protected fragment for a plaintext of ptlen bytes. */
size_t cbc_hmac_sealed_len(const cbc_hmac_keys *k, size_t ptlen);
/* out = IV || AES-CBC(plaintext || MAC || padding); *outlen is the total. */
bool cbc_hmac_seal(const cbc_hmac_keys *k, const uint8_t iv[CBC_BLOCK],
                   const cbc_record_header *h, const uint8_t *pt, size_t ptlen, uint8_t *out,
                   size_t *outlen);
/* cbc_hmac_seal that also hands back the MAC it encrypted (hash_len bytes), so the
 * trace can show it; mac_out may be NULL. */
bool cbc_hmac_seal_mac(const cbc_hmac_keys *k, const uint8_t iv[CBC_BLOCK],
                       const cbc_record_header *h, const uint8_t *pt, size_t ptlen, uint8_t *out,
                       size_t *outlen, uint8_t *mac_out);
/* Returns false for malformed sizes; *ok is false when the padding or the MAC is
 * wrong: one answer for both, and the MAC is checked even when the padding is bad,
 * so the two cannot be told apart (RFC 5246 6.2.3.2, the padding-oracle note). */
bool cbc_hmac_open(const cbc_hmac_keys *k, const cbc_record_header *h, const uint8_t *in,
                   size_t len, uint8_t *out, size_t *ptlen, bool *ok);

/* What cbc_hmac_open compared, for the trace: the MAC found at the end of the
 * decrypted record and the one computed over its content, and whether the padding
 * was well-formed. Local knowledge only: the peer still gets one answer. */
typedef struct cbc_check {
    uint8_t received_mac[HASH_MAX_LEN], computed_mac[HASH_MAX_LEN];
    size_t mac_len;
    size_t content_len; /* what the MAC was computed over */
    bool padding_ok;
} cbc_check;
bool cbc_hmac_open_checked(const cbc_hmac_keys *k, const cbc_record_header *h, const uint8_t *in,
                           size_t len, uint8_t *out, size_t *ptlen, bool *ok, cbc_check *chk);

#endif
