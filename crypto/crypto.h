/* libtomcrypt set-up and the single source of randomness.
 *
 * Every random byte tlssim uses (client/server randoms, ephemeral keys, key
 * generation, padding) comes from rng_*: the system RNG by default, or a ChaCha20
 * DRBG seeded by --seed so that a run repeats byte for byte. */
#ifndef TLSSIM_CRYPTO_H
#define TLSSIM_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tomcrypt.h>

/* Selects GMP as libtomcrypt's math (ltc_mp = gmp_desc) and registers the
 * ciphers, hashes and PRNGs used. Idempotent; returns false if registration fails. */
bool crypto_init(void);

/* Indexes of registered algorithms, valid after crypto_init(). */
int crypto_hash_idx(const char *name);   /* "sha1", "sha256", "sha384", "sha512" */
int crypto_cipher_idx(const char *name); /* "aes" */

/* Switches to a deterministic ChaCha20 DRBG keyed from seed. */
void rng_seed(uint64_t seed);
/* Switches back to the system RNG. */
void rng_use_system(void);
bool rng_is_deterministic(void);
/* Fills out with random bytes; false only if the system RNG fails. */
bool rng_bytes(uint8_t *out, size_t n);
/* The PRNG handle libtomcrypt's key generation and padding functions take. */
prng_state *rng_prng(int *wprng);

#endif
