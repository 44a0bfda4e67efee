#include "crypto/hash.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

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

/* libtomcrypt's indexes, looked up by name once (the handshake hash and the PRF ask
 * for every block): written under pthread_once, read-only after, like the descriptor
 * table they index (crypto/crypto.h). */
static pthread_once_t looked_up = PTHREAD_ONCE_INIT;
static int idx[sizeof hashes / sizeof hashes[0]];

static void look_up(void)
{
    crypto_init();
    for (size_t i = 0; i < sizeof hashes / sizeof hashes[0]; i++)
        idx[i] = find_hash(hashes[i].ltc_name);
}

int hash_ltc_idx(hash_alg h)
{
    pthread_once(&looked_up, look_up);
    for (size_t i = 0; i < sizeof hashes / sizeof hashes[0]; i++)
        if (hashes[i].alg == h)
            return idx[i];
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

static bool absorb_pad(int idx, hash_state *st, const uint8_t *key, size_t keylen, uint8_t pad)
{
    const struct ltc_hash_descriptor *d = &hash_descriptor[idx];
    uint8_t block[MAXBLOCKSIZE];
    memset(block, pad, d->blocksize);
    for (size_t i = 0; i < keylen; i++)
        block[i] ^= key[i];
    bool ok = d->init(st) == CRYPT_OK && d->process(st, block, d->blocksize) == CRYPT_OK;
    sodium_memzero(block, sizeof block);
    return ok;
}

bool hmac_key_init(hmac_key *k, hash_alg h, const uint8_t *key, size_t keylen)
{
    memset(k, 0, sizeof *k);
    k->idx = hash_ltc_idx(h);
    if (k->idx < 0)
        return false;
    const struct ltc_hash_descriptor *d = &hash_descriptor[k->idx];
    uint8_t hashed[MAXBLOCKSIZE];
    if (keylen > d->blocksize) { /* a long key is replaced by its hash */
        unsigned long len = sizeof hashed;
        if (hash_memory(k->idx, key, (unsigned long)keylen, hashed, &len) != CRYPT_OK)
            return false;
        key = hashed;
        keylen = len;
    }
    bool ok = absorb_pad(k->idx, &k->inner, key, keylen, 0x36) &&
              absorb_pad(k->idx, &k->outer, key, keylen, 0x5c);
    sodium_memzero(hashed, sizeof hashed);
    return ok;
}

bool hmac_key_mac(const hmac_key *k, const uint8_t *msg, size_t n, uint8_t *out)
{
    const struct ltc_hash_descriptor *d = &hash_descriptor[k->idx];
    uint8_t inner_digest[MAXBLOCKSIZE];
    hash_state st = k->inner;
    bool ok = d->process(&st, msg, (unsigned long)n) == CRYPT_OK && d->done(&st, inner_digest) == CRYPT_OK;
    st = k->outer;
    ok = ok && d->process(&st, inner_digest, d->hashsize) == CRYPT_OK && d->done(&st, out) == CRYPT_OK;
    sodium_memzero(&st, sizeof st);
    sodium_memzero(inner_digest, sizeof inner_digest);
    return ok;
}

void hmac_key_wipe(hmac_key *k)
{
    sodium_memzero(k, sizeof *k);
}

bool hmac_compute(hash_alg h, const uint8_t *key, size_t keylen, const uint8_t *msg, size_t n,
                  uint8_t *out)
{
    hmac_key k;
    bool ok = hmac_key_init(&k, h, key, keylen) && hmac_key_mac(&k, msg, n, out);
    hmac_key_wipe(&k);
    return ok;
}
