#include "crypto/rng.h"

#include <sodium.h>
#include <string.h>

#include "crypto/crypto.h"

/* libtomcrypt's sprng would open /dev/urandom on every read, several times a
 * handshake: a ChaCha20 generator keyed once from the OS reads it once a run. */
bool rng_init_system(rng *r)
{
    memset(r, 0, sizeof *r);
    if (!crypto_init())
        return false;
    uint8_t os_seed[40];
    randombytes_buf(os_seed, sizeof os_seed);
    r->ready = chacha20_prng_start(&r->st) == CRYPT_OK &&
               chacha20_prng_add_entropy(os_seed, sizeof os_seed, &r->st) == CRYPT_OK &&
               chacha20_prng_ready(&r->st) == CRYPT_OK;
    sodium_memzero(os_seed, sizeof os_seed);
    return r->ready;
}

bool rng_init_seeded(rng *r, uint64_t seed)
{
    memset(r, 0, sizeof *r);
    if (!crypto_init())
        return false;
    /* A fixed domain-separation prefix, then the seed in big-endian order. */
    uint8_t key[40] = "tlssim deterministic rng seed v1";
    for (int i = 0; i < 8; i++)
        key[32 + i] = (uint8_t)(seed >> (56 - 8 * i));
    r->ready = chacha20_prng_start(&r->st) == CRYPT_OK &&
               chacha20_prng_add_entropy(key, sizeof key, &r->st) == CRYPT_OK &&
               chacha20_prng_ready(&r->st) == CRYPT_OK;
    r->seeded = true;
    return r->ready;
}

void rng_free(rng *r)
{
    if (r->ready)
        chacha20_prng_done(&r->st);
    sodium_memzero(r, sizeof *r);
}

bool rng_is_deterministic(const rng *r)
{
    return r->seeded;
}

bool rng_bytes(rng *r, uint8_t *out, size_t n)
{
    return r && r->ready && chacha20_prng_read(out, (unsigned long)n, &r->st) == n;
}

prng_state *rng_prng(rng *r, int *wprng)
{
    *wprng = crypto_prng_idx();
    return &r->st;
}
