#include "crypto/gcm.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <tomcrypt.h>

#include "crypto/crypto.h"

struct gcm_key {
    int cipher;
    symmetric_key aes;
    uint8_t h[16]; /* E_K(0^128) */
};

gcm_key *gcm_key_new(const uint8_t *key, size_t keylen)
{
    crypto_init();
    int cipher = crypto_cipher_idx("aes");
    if (cipher < 0 || (keylen != 16 && keylen != 24 && keylen != 32))
        return NULL;
    /* Not zeroed: symmetric_key is a union of every cipher's schedule (4 KiB), and
     * AES's setup writes its own part, the only one used and wiped (gcm_key_free). */
    gcm_key *g = malloc(sizeof *g);
    if (!g)
        return NULL;
    g->cipher = cipher;
    static const uint8_t zero[16];
    if (cipher_descriptor[cipher].setup(key, (int)keylen, 0, &g->aes) != CRYPT_OK ||
        cipher_descriptor[cipher].ecb_encrypt(zero, g->h, &g->aes) != CRYPT_OK) {
        gcm_key_free(g);
        return NULL;
    }
    return g;
}

void gcm_key_free(gcm_key *g)
{
    if (!g)
        return;
    /* aes_desc keeps its key schedule in the union's rijndael member (libtomcrypt's
     * aes.c): that and H are all the key material there is. */
    sodium_memzero(&g->aes.rijndael, sizeof g->aes.rijndael);
    sodium_memzero(g->h, sizeof g->h);
    free(g);
}

/* x = (x xor block) * H, the GHASH step; a short block is zero-padded. */
static void ghash_block(const gcm_key *g, uint8_t x[16], const uint8_t *block, size_t len)
{
    for (size_t i = 0; i < len; i++)
        x[i] ^= block[i];
    uint8_t t[16];
    gcm_gf_mult(x, g->h, t);
    memcpy(x, t, 16);
}

static void ghash(const gcm_key *g, uint8_t x[16], const uint8_t *p, size_t n)
{
    for (size_t off = 0; off < n; off += 16)
        ghash_block(g, x, p + off, n - off < 16 ? n - off : 16);
}

static void put_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}

bool gcm_crypt(gcm_key *g, const uint8_t nonce[GCM_NONCE_LEN], const uint8_t *aad,
               size_t aadlen, const uint8_t *in, size_t n, uint8_t *out, bool encrypt,
               uint8_t tag[GCM_TAG_LEN])
{
    /* The 32-bit block counter starts at 2 for data (1 masks the tag), so a record
     * may hold at most 2^32 - 2 blocks; TLS records are far below that. */
    if (n > (((uint64_t)1 << 32) - 2) * 16)
        return false;
    const struct ltc_cipher_descriptor *aes = &cipher_descriptor[g->cipher];
    uint8_t x[16] = {0};
    ghash(g, x, aad, aadlen);
    if (!encrypt)
        ghash(g, x, in, n);

    uint8_t ctr[16], ks[16];
    memcpy(ctr, nonce, GCM_NONCE_LEN);
    uint32_t counter = 2;
    for (size_t off = 0; off < n; off += 16, counter++) {
        ctr[12] = (uint8_t)(counter >> 24);
        ctr[13] = (uint8_t)(counter >> 16);
        ctr[14] = (uint8_t)(counter >> 8);
        ctr[15] = (uint8_t)counter;
        if (aes->ecb_encrypt(ctr, ks, &g->aes) != CRYPT_OK)
            return false;
        size_t len = n - off < 16 ? n - off : 16;
        for (size_t i = 0; i < len; i++)
            out[off + i] = in[off + i] ^ ks[i];
    }
    if (encrypt)
        ghash(g, x, out, n);

    uint8_t lengths[16];
    put_be64(lengths, (uint64_t)aadlen * 8);
    put_be64(lengths + 8, (uint64_t)n * 8);
    ghash_block(g, x, lengths, 16);

    memcpy(ctr + 12, "\x00\x00\x00\x01", 4);
    if (aes->ecb_encrypt(ctr, ks, &g->aes) != CRYPT_OK)
        return false;
    for (int i = 0; i < 16; i++)
        tag[i] = ks[i] ^ x[i];
    sodium_memzero(ks, sizeof ks);
    return true;
}
