#include "crypto/crypto.h"

#include <pthread.h>
#include <sodium.h>

/* Written once under pthread_once, read-only after: see crypto.h. */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool init_ok;
static int chacha_idx = -1;

static void init_once(void)
{
    ltc_mp = gmp_desc;
    if (sodium_init() < 0)
        return;
    if (register_cipher(&aes_desc) < 0 || register_hash(&sha1_desc) < 0 ||
        register_hash(&sha256_desc) < 0 || register_hash(&sha384_desc) < 0 ||
        register_hash(&sha512_desc) < 0 || register_hash(&md5_desc) < 0)
        return;
    chacha_idx = register_prng(&chacha20_prng_desc);
    init_ok = chacha_idx >= 0;
}

bool crypto_init(void)
{
    pthread_once(&once, init_once);
    return init_ok;
}

int crypto_hash_idx(const char *name)
{
    return find_hash(name);
}

int crypto_cipher_idx(const char *name)
{
    return find_cipher(name);
}

int crypto_prng_idx(void)
{
    crypto_init();
    return chacha_idx;
}
