#include "crypto/crypto.h"

#include <sodium.h>
#include <string.h>

static bool initialised;
static prng_state drbg;      /* ChaCha20 DRBG, when seeded */
/* Unseeded runs: a ChaCha20 generator keyed once from the OS (through libsodium).
 * libtomcrypt's sprng would open /dev/urandom on every read, several times a handshake. */
static prng_state system_rng;
static bool deterministic;
static int drbg_idx = -1;

bool crypto_init(void)
{
    if (initialised)
        return true;
    ltc_mp = gmp_desc;
    if (sodium_init() < 0)
        return false;
    if (register_cipher(&aes_desc) < 0 || register_hash(&sha1_desc) < 0 ||
        register_hash(&sha256_desc) < 0 || register_hash(&sha384_desc) < 0 ||
        register_hash(&sha512_desc) < 0 || register_hash(&md5_desc) < 0)
        return false;
    drbg_idx = register_prng(&chacha20_prng_desc);
    if (drbg_idx < 0)
        return false;
    uint8_t os_seed[40];
    randombytes_buf(os_seed, sizeof os_seed);
    bool seeded = chacha20_prng_start(&system_rng) == CRYPT_OK &&
                  chacha20_prng_add_entropy(os_seed, sizeof os_seed, &system_rng) == CRYPT_OK &&
                  chacha20_prng_ready(&system_rng) == CRYPT_OK;
    sodium_memzero(os_seed, sizeof os_seed);
    if (!seeded)
        return false;
    initialised = true;
    return true;
}

int crypto_hash_idx(const char *name)
{
    return find_hash(name);
}

int crypto_cipher_idx(const char *name)
{
    return find_cipher(name);
}

void rng_seed(uint64_t seed)
{
    crypto_init();
    if (deterministic)
        chacha20_prng_done(&drbg);
    /* A fixed domain-separation prefix, then the seed in big-endian order. */
    uint8_t key[40] = "tlssim deterministic rng seed v1";
    for (int i = 0; i < 8; i++)
        key[32 + i] = (uint8_t)(seed >> (56 - 8 * i));
    chacha20_prng_start(&drbg);
    chacha20_prng_add_entropy(key, sizeof key, &drbg);
    chacha20_prng_ready(&drbg);
    deterministic = true;
}

void rng_use_system(void)
{
    if (deterministic)
        chacha20_prng_done(&drbg);
    deterministic = false;
}

bool rng_is_deterministic(void)
{
    return deterministic;
}

bool rng_bytes(uint8_t *out, size_t n)
{
    crypto_init();
    if (deterministic)
        return chacha20_prng_read(out, (unsigned long)n, &drbg) == n;
    return chacha20_prng_read(out, (unsigned long)n, &system_rng) == n;
}

prng_state *rng_prng(int *wprng)
{
    crypto_init();
    *wprng = drbg_idx;
    return deterministic ? &drbg : &system_rng;
}
