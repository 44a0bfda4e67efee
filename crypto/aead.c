/* The tag is always computed here and compared in constant time: for ChaCha20-Poly1305
 * through libtomcrypt's incremental API, whose one-shot *_memory decrypt paths of 1.18
 * differ in whether they check the tag themselves; AES-GCM comes from crypto/gcm.c. */
#include "crypto/aead.h"

#include <string.h>
#include <tomcrypt.h>

#include "crypto/crypto.h"
#include "crypto/gcm.h"

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
    gcm_key_free(k->gcm);
    zeromem(k, sizeof *k);
}

/* Runs the cipher in one direction and writes the computed tag. */
static bool run(aead_key *k, const uint8_t *nonce, const uint8_t *aad, size_t aadlen,
                const uint8_t *in, size_t n, uint8_t *out, bool encrypt, uint8_t tag[AEAD_TAG_LEN])
{
    crypto_init();
    if (k->alg == AEAD_CHACHA20_POLY1305) {
        unsigned long taglen = AEAD_TAG_LEN;
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
    if (!k->gcm && !(k->gcm = gcm_key_new(k->key, aead_key_len(k->alg))))
        return false;
    return gcm_crypt(k->gcm, nonce, aad, aadlen, in, n, out, encrypt, tag);
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
