/* The incremental libtomcrypt APIs are used so the tag is always computed here and
 * compared in constant time: the one-shot *_memory decrypt paths of 1.18 differ in
 * whether they check the tag themselves. */
#include "crypto/aead.h"

#include <sodium.h>
#include <string.h>
#include <tomcrypt.h>

#include "crypto/crypto.h"

size_t aead_key_len(aead_alg a)
{
    return a == AEAD_AES128_GCM ? 16 : (a == AEAD_AES256_GCM || a == AEAD_CHACHA20_POLY1305) ? 32 : 0;
}

const char *aead_name(aead_alg a)
{
    switch (a) {
    case AEAD_AES128_GCM: return "AES-128-GCM";
    case AEAD_AES256_GCM: return "AES-256-GCM";
    case AEAD_CHACHA20_POLY1305: return "ChaCha20-Poly1305";
    default: return "none";
    }
}

void aead_key_init(aead_key *k, aead_alg a, const uint8_t *key)
{
    memset(k, 0, sizeof *k);
    k->alg = a;
    memcpy(k->key, key, aead_key_len(a));
}

void aead_key_free(aead_key *k)
{
    if (k->gcm) {
        /* 64 KiB of key-derived tables: libsodium's wipe is a fast memset that
         * the compiler may not drop; libtomcrypt's zeromem goes byte by byte. */
        sodium_memzero(k->gcm, sizeof(gcm_state));
        XFREE(k->gcm);
    }
    zeromem(k, sizeof *k);
}

/* Building GCM's tables costs more than sealing a whole handshake's records, and in
 * a simulated run both actors prepare the same two keys (one side's write key is the
 * other's read key). The last few prepared states are kept, so a key whose tables
 * were already built is copied instead of rebuilt. */
enum { GCM_CACHE = 4 };
static struct {
    aead_alg alg;
    uint8_t key[32];
    gcm_state *st;
} gcm_cache[GCM_CACHE];
static unsigned gcm_cache_next;

static bool prepare_gcm(aead_key *k, int cipher, size_t keylen)
{
    k->gcm = XMALLOC(sizeof(gcm_state)); /* large and alignment-sensitive: on the heap */
    if (!k->gcm)
        return false;
    for (unsigned i = 0; i < GCM_CACHE; i++) {
        if (gcm_cache[i].st && gcm_cache[i].alg == k->alg &&
            memcmp(gcm_cache[i].key, k->key, keylen) == 0) {
            memcpy(k->gcm, gcm_cache[i].st, sizeof(gcm_state));
            return true;
        }
    }
    if (gcm_init(k->gcm, cipher, k->key, (int)keylen) != CRYPT_OK)
        return false;
    unsigned slot = gcm_cache_next++ % GCM_CACHE;
    if (!gcm_cache[slot].st)
        gcm_cache[slot].st = XMALLOC(sizeof(gcm_state));
    if (gcm_cache[slot].st) {
        gcm_cache[slot].alg = k->alg;
        memcpy(gcm_cache[slot].key, k->key, keylen);
        memcpy(gcm_cache[slot].st, k->gcm, sizeof(gcm_state));
    }
    return true;
}

/* Runs the cipher in one direction and writes the computed tag. */
static bool run(aead_key *k, const uint8_t *nonce, const uint8_t *aad, size_t aadlen,
                const uint8_t *in, size_t n, uint8_t *out, bool encrypt, uint8_t tag[AEAD_TAG_LEN])
{
    crypto_init();
    unsigned long taglen = AEAD_TAG_LEN;
    if (k->alg == AEAD_CHACHA20_POLY1305) {
        chacha20poly1305_state st;
        bool ok = chacha20poly1305_init(&st, k->key, 32) == CRYPT_OK &&
                  chacha20poly1305_setiv(&st, nonce, AEAD_NONCE_LEN) == CRYPT_OK &&
                  (aadlen == 0 || chacha20poly1305_add_aad(&st, aad, aadlen) == CRYPT_OK) &&
                  (n == 0 || (encrypt ? chacha20poly1305_encrypt(&st, in, n, out)
                                      : chacha20poly1305_decrypt(&st, in, n, out)) == CRYPT_OK) &&
                  chacha20poly1305_done(&st, tag, &taglen) == CRYPT_OK;
        zeromem(&st, sizeof st);
        return ok;
    }
    int cipher = crypto_cipher_idx("aes");
    size_t keylen = aead_key_len(k->alg);
    if (cipher < 0 || keylen == 0)
        return false;
    if (!k->gcm && !prepare_gcm(k, cipher, keylen))
        return false;
    gcm_state *st = k->gcm;
    return gcm_reset(st) == CRYPT_OK && gcm_add_iv(st, nonce, AEAD_NONCE_LEN) == CRYPT_OK &&
           gcm_add_aad(st, aadlen ? aad : NULL, aadlen) == CRYPT_OK &&
           (n == 0 || gcm_process(st, encrypt ? (uint8_t *)in : out, n,
                                  encrypt ? out : (uint8_t *)in,
                                  encrypt ? GCM_ENCRYPT : GCM_DECRYPT) == CRYPT_OK) &&
           gcm_done(st, tag, &taglen) == CRYPT_OK;
}

bool aead_key_seal(aead_key *k, const uint8_t nonce[AEAD_NONCE_LEN], const uint8_t *aad,
                   size_t aadlen, const uint8_t *pt, size_t ptlen, uint8_t *out)
{
    return run(k, nonce, aad, aadlen, pt, ptlen, out, true, out + ptlen);
}

bool aead_key_open(aead_key *k, const uint8_t nonce[AEAD_NONCE_LEN], const uint8_t *aad,
                   size_t aadlen, const uint8_t *in, size_t len, uint8_t *out, bool *auth_ok)
{
    *auth_ok = false;
    if (len < AEAD_TAG_LEN)
        return false;
    size_t n = len - AEAD_TAG_LEN;
    uint8_t tag[AEAD_TAG_LEN];
    if (!run(k, nonce, aad, aadlen, in, n, out, false, tag))
        return false;
    *auth_ok = mem_neq(tag, in + n, AEAD_TAG_LEN) == 0;
    if (!*auth_ok && n)
        zeromem(out, n);
    return true;
}

bool aead_seal(aead_alg a, const uint8_t *key, const uint8_t nonce[AEAD_NONCE_LEN],
               const uint8_t *aad, size_t aadlen, const uint8_t *pt, size_t ptlen, uint8_t *out)
{
    aead_key k;
    aead_key_init(&k, a, key);
    bool ok = aead_key_seal(&k, nonce, aad, aadlen, pt, ptlen, out);
    aead_key_free(&k);
    return ok;
}

bool aead_open(aead_alg a, const uint8_t *key, const uint8_t nonce[AEAD_NONCE_LEN],
               const uint8_t *aad, size_t aadlen, const uint8_t *in, size_t len, uint8_t *out,
               bool *auth_ok)
{
    aead_key k;
    aead_key_init(&k, a, key);
    bool ok = aead_key_open(&k, nonce, aad, aadlen, in, len, out, auth_ok);
    aead_key_free(&k);
    return ok;
}
