/* The TLS 1.2 pseudo-random function (RFC 5246 5): P_hash(secret, label + seed). */
#ifndef TLSSIM_PRF_H
#define TLSSIM_PRF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/hash.h"

/* The PRF opened up: each A(i) and each output block, copied from the computation
 * as it runs (never computed a second time), so a student can follow P_hash. Room
 * for the longest TLS 1.2 output, a 192-byte key block in 32-byte blocks; a longer
 * output is computed as always but not recorded (n stays 0). */
#define PRF_MAX_BLOCKS 8
typedef struct prf_steps {
    size_t hash_len; /* the length of each A(i) and block: 32 (SHA-256) or 48 (SHA-384) */
    size_t n;        /* blocks recorded: block i is bytes (i-1)*hash_len onwards */
    uint8_t a[PRF_MAX_BLOCKS][HASH_MAX_LEN];     /* A(1) ... A(n) */
    uint8_t block[PRF_MAX_BLOCKS][HASH_MAX_LEN]; /* HMAC(secret, A(i) + label + seed) */
} prf_steps;

/* PRF(secret, label, seed) = P_<h>(secret, label || seed), cut to outlen bytes. */
bool tls12_prf(hash_alg h, const uint8_t *secret, size_t slen, const char *label,
               const uint8_t *seed, size_t seedlen, uint8_t *out, size_t outlen);

/* The same with the secret already prepared as an HMAC key (crypto/hash.h), for
 * several PRFs under one secret: each then skips hashing the two padded keys.
 * steps: where to copy the iterations, or NULL. */
bool tls12_prf_keyed(const hmac_key *key, const char *label, const uint8_t *seed, size_t seedlen,
                     uint8_t *out, size_t outlen, prf_steps *steps);

#endif
