/* The TLS 1.2 pseudo-random function (RFC 5246 5): P_hash(secret, label + seed). */
#ifndef TLSSIM_PRF_H
#define TLSSIM_PRF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/hash.h"

/* PRF(secret, label, seed) = P_<h>(secret, label || seed), cut to outlen bytes. */
bool tls12_prf(hash_alg h, const uint8_t *secret, size_t slen, const char *label,
               const uint8_t *seed, size_t seedlen, uint8_t *out, size_t outlen);

/* The same with the secret already prepared as an HMAC key (crypto/hash.h), for
 * several PRFs under one secret: each then skips hashing the two padded keys. */
bool tls12_prf_keyed(const hmac_key *key, const char *label, const uint8_t *seed, size_t seedlen,
                     uint8_t *out, size_t outlen);

#endif
