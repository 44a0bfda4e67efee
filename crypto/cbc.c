#include "crypto/cbc.h"

#include <stdlib.h>
#include <string.h>
#include <tomcrypt.h>

#include "crypto/crypto.h"

static bool aes_cbc(const uint8_t *key, size_t keylen, const uint8_t *iv, const uint8_t *in,
                    size_t len, uint8_t *out, bool encrypt)
{
    crypto_init();
    int cipher = crypto_cipher_idx("aes");
    symmetric_CBC cbc;
    if (cipher < 0 || len % CBC_BLOCK != 0 ||
        cbc_start(cipher, iv, key, (int)keylen, 0, &cbc) != CRYPT_OK)
        return false;
    bool ok = len == 0 || (encrypt ? cbc_encrypt(in, out, len, &cbc) : cbc_decrypt(in, out, len, &cbc)) == CRYPT_OK;
    cbc_done(&cbc);
    return ok;
}

bool aes_cbc_encrypt(const uint8_t *key, size_t keylen, const uint8_t iv[CBC_BLOCK],
                     const uint8_t *in, size_t len, uint8_t *out)
{
    return aes_cbc(key, keylen, iv, in, len, out, true);
}

bool aes_cbc_decrypt(const uint8_t *key, size_t keylen, const uint8_t iv[CBC_BLOCK],
                     const uint8_t *in, size_t len, uint8_t *out)
{
    return aes_cbc(key, keylen, iv, in, len, out, false);
}

/* HMAC over seq_num || type || version || length || fragment. */
static bool record_mac(const cbc_hmac_keys *k, const cbc_record_header *h, const uint8_t *frag,
                       size_t n, uint8_t *mac)
{
    uint8_t *buf = malloc(13 + n);
    if (!buf)
        return false;
    for (int i = 0; i < 8; i++)
        buf[i] = (uint8_t)(h->seq >> (56 - 8 * i));
    buf[8] = h->type;
    buf[9] = (uint8_t)(h->version >> 8);
    buf[10] = (uint8_t)h->version;
    buf[11] = (uint8_t)(n >> 8);
    buf[12] = (uint8_t)n;
    if (n)
        memcpy(buf + 13, frag, n);
    bool ok = hmac_compute(k->mac_hash, k->mac_key, k->mac_key_len, buf, 13 + n, mac);
    free(buf);
    return ok;
}

size_t cbc_hmac_sealed_len(const cbc_hmac_keys *k, size_t ptlen)
{
    size_t body = ptlen + hash_len(k->mac_hash) + 1; /* + at least the padding_length byte */
    return CBC_BLOCK + (body + CBC_BLOCK - 1) / CBC_BLOCK * CBC_BLOCK;
}

bool cbc_hmac_seal(const cbc_hmac_keys *k, const uint8_t iv[CBC_BLOCK],
                   const cbc_record_header *h, const uint8_t *pt, size_t ptlen, uint8_t *out,
                   size_t *outlen)
{
    return cbc_hmac_seal_mac(k, iv, h, pt, ptlen, out, outlen, NULL);
}

bool cbc_hmac_seal_mac(const cbc_hmac_keys *k, const uint8_t iv[CBC_BLOCK],
                       const cbc_record_header *h, const uint8_t *pt, size_t ptlen, uint8_t *out,
                       size_t *outlen, uint8_t *mac_out)
{
    size_t maclen = hash_len(k->mac_hash);
    size_t total = cbc_hmac_sealed_len(k, ptlen);
    size_t body = total - CBC_BLOCK;
    uint8_t *plain = malloc(body);
    if (!plain || maclen == 0) {
        free(plain);
        return false;
    }
    if (ptlen)
        memcpy(plain, pt, ptlen);
    bool ok = record_mac(k, h, pt, ptlen, plain + ptlen);
    /* Each padding byte, and the padding_length byte after them, holds the padding length. */
    uint8_t pad = (uint8_t)(body - ptlen - maclen - 1);
    memset(plain + ptlen + maclen, pad, (size_t)pad + 1);
    if (mac_out)
        memcpy(mac_out, plain + ptlen, maclen);
    memcpy(out, iv, CBC_BLOCK);
    ok = ok && aes_cbc_encrypt(k->enc_key, k->enc_key_len, iv, plain, body, out + CBC_BLOCK);
    free(plain);
    *outlen = total;
    return ok;
}

bool cbc_hmac_open(const cbc_hmac_keys *k, const cbc_record_header *h, const uint8_t *in,
                   size_t len, uint8_t *out, size_t *ptlen, bool *ok)
{
    return cbc_hmac_open_checked(k, h, in, len, out, ptlen, ok, NULL);
}

bool cbc_hmac_open_checked(const cbc_hmac_keys *k, const cbc_record_header *h, const uint8_t *in,
                           size_t len, uint8_t *out, size_t *ptlen, bool *ok, cbc_check *chk)
{
    *ok = false;
    *ptlen = 0;
    size_t maclen = hash_len(k->mac_hash);
    if (maclen == 0 || len < CBC_BLOCK + CBC_BLOCK || len % CBC_BLOCK != 0 ||
        len - CBC_BLOCK < maclen + 1)
        return false;
    size_t body = len - CBC_BLOCK;
    uint8_t *plain = malloc(body);
    if (!plain || !aes_cbc_decrypt(k->enc_key, k->enc_key_len, in, in + CBC_BLOCK, body, plain)) {
        free(plain);
        return false;
    }
    size_t pad = plain[body - 1];
    bool pad_ok = pad + 1 + maclen <= body;
    for (size_t i = 0; pad_ok && i <= pad; i++)
        pad_ok = plain[body - 1 - i] == pad;
    /* With bad padding, still compute a MAC as if there were none, so the time taken
     * does not tell the attacker which check failed. */
    size_t n = pad_ok ? body - pad - 1 - maclen : body - maclen;
    uint8_t mac[HASH_MAX_LEN];
    bool mac_ok = record_mac(k, h, plain, n, mac) && mem_neq(mac, plain + n, maclen) == 0;
    *ok = pad_ok && mac_ok;
    if (chk) {
        chk->mac_len = maclen;
        chk->content_len = n;
        chk->padding_ok = pad_ok;
        memcpy(chk->received_mac, plain + n, maclen);
        memcpy(chk->computed_mac, mac, maclen);
    }
    if (*ok) {
        memcpy(out, plain, n);
        *ptlen = n;
    }
    zeromem(plain, body);
    free(plain);
    return true;
}
