/* HKDF (RFC 5869) and TLS 1.3's HKDF-Expand-Label (RFC 8446 7.1). */
#ifndef TLSSIM_HKDF_H
#define TLSSIM_HKDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/hash.h"

/* PRK = HMAC-Hash(salt, IKM); out receives hash_len(h) bytes. */
bool hkdf_extract_prk(hash_alg h, const uint8_t *salt, size_t saltlen, const uint8_t *ikm,
                      size_t ikmlen, uint8_t *out);
bool hkdf_expand_okm(hash_alg h, const uint8_t *prk, size_t prklen, const uint8_t *info,
                     size_t infolen, uint8_t *out, size_t outlen);
/* HKDF-Expand(secret, HkdfLabel{length, "tls13 " + label, context}, length). */
bool hkdf_expand_label(hash_alg h, const uint8_t *secret, size_t secretlen, const char *label,
                       const uint8_t *context, size_t contextlen, uint8_t *out, size_t outlen);

#endif
