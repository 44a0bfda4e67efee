/* libtomcrypt set-up: GMP as its math, and the ciphers, hashes and PRNG tlssim uses
 * registered in its descriptor tables. That registration is the only process-wide
 * state tlssim keeps: done once (pthread_once), read-only afterwards, so runs on
 * several threads share it safely. Randomness is per run: crypto/rng.h. */
#ifndef TLSSIM_CRYPTO_H
#define TLSSIM_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tomcrypt.h>

#include "crypto/rng.h"

/* Registers everything, once, from whichever thread comes first; false if
 * registration failed. */
bool crypto_init(void);

/* Indexes of registered algorithms, valid after crypto_init(). */
int crypto_hash_idx(const char *name);   /* "sha1", "sha256", "sha384", "sha512" */
int crypto_cipher_idx(const char *name); /* "aes" */
int crypto_prng_idx(void);               /* ChaCha20, the generator of crypto/rng.h */

#endif
