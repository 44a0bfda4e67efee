#include "crypto/hash.h"

#include "crypto/crypto.h"

static const struct {
    hash_alg alg;
    const char *ltc_name;
    const char *name;
} hashes[] = {
    {HASH_MD5, "md5", "MD5"},
    {HASH_SHA1, "sha1", "SHA-1"},
    {HASH_SHA256, "sha256", "SHA-256"},
    {HASH_SHA384, "sha384", "SHA-384"},
    {HASH_SHA512, "sha512", "SHA-512"},
};

int hash_ltc_idx(hash_alg h)
{
    crypto_init();
    for (size_t i = 0; i < sizeof hashes / sizeof hashes[0]; i++)
        if (hashes[i].alg == h)
            return find_hash(hashes[i].ltc_name);
    return -1;
}

const char *hash_name(hash_alg h)
{
    for (size_t i = 0; i < sizeof hashes / sizeof hashes[0]; i++)
        if (hashes[i].alg == h)
            return hashes[i].name;
    return "none";
}

size_t hash_len(hash_alg h)
{
    int idx = hash_ltc_idx(h);
    return idx < 0 ? 0 : hash_descriptor[idx].hashsize;
}

bool hash_digest(hash_alg h, const uint8_t *msg, size_t n, uint8_t *out)
{
    int idx = hash_ltc_idx(h);
    unsigned long outlen = HASH_MAX_LEN;
    return idx >= 0 && hash_memory(idx, msg, (unsigned long)n, out, &outlen) == CRYPT_OK;
}

bool hash_init(hash_ctx *c, hash_alg h)
{
    int idx = hash_ltc_idx(h);
    c->alg = h;
    return idx >= 0 && hash_descriptor[idx].init(&c->st) == CRYPT_OK;
}

bool hash_update(hash_ctx *c, const uint8_t *p, size_t n)
{
    int idx = hash_ltc_idx(c->alg);
    return idx >= 0 && hash_descriptor[idx].process(&c->st, p, (unsigned long)n) == CRYPT_OK;
}

bool hash_peek(const hash_ctx *c, uint8_t *out)
{
    int idx = hash_ltc_idx(c->alg);
    hash_state copy = c->st; /* hash_state is plain data: finishing a copy leaves c running */
    return idx >= 0 && hash_descriptor[idx].done(&copy, out) == CRYPT_OK;
}

bool hmac_compute(hash_alg h, const uint8_t *key, size_t keylen, const uint8_t *msg, size_t n,
                  uint8_t *out)
{
    int idx = hash_ltc_idx(h);
    unsigned long outlen = HASH_MAX_LEN;
    return idx >= 0 && hmac_memory(idx, key, (unsigned long)keylen, msg, (unsigned long)n, out,
                                   &outlen) == CRYPT_OK;
}
