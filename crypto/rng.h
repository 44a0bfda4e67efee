/* Randomness: every random byte a run uses (client and server randoms, ephemeral keys,
 * signature nonces, padding, generated keys) comes from a generator the run owns: a
 * ChaCha20 DRBG keyed from the OS, or from --seed so that a run repeats byte for byte.
 * A generator is a value, held by whoever runs: two runs never draw from one, so
 * neither can change what the other sees. */
#ifndef TLSSIM_RNG_H
#define TLSSIM_RNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tomcrypt.h>

typedef struct rng {
    prng_state st;
    bool seeded; /* keyed from a seed: deterministic */
    bool ready;
} rng;

/* Keyed from the OS (through libsodium); false only if that fails. */
bool rng_init_system(rng *r);
/* Keyed from seed: the same seed gives the same bytes, in every process. */
bool rng_init_seeded(rng *r, uint64_t seed);
void rng_free(rng *r);
bool rng_is_deterministic(const rng *r);
/* Fills out with random bytes; false if the generator is not ready. */
bool rng_bytes(rng *r, uint8_t *out, size_t n);
/* The PRNG handle (and its index, in *wprng) that libtomcrypt's key generation,
 * signing and padding functions take. */
prng_state *rng_prng(rng *r, int *wprng);

#endif
