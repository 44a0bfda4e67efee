#include "crypto/etm.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/cbc.h"
#include "crypto/hash.h"

size_t etm_padded_len(size_t n)
{
    return (n / ETM_BLOCK + 1) * ETM_BLOCK;
}

bool etm_encrypt(const uint8_t *key, size_t keylen, const uint8_t iv[ETM_BLOCK],
                 const uint8_t *pt, size_t n, uint8_t *out)
{
    size_t total = etm_padded_len(n);
    uint8_t pad = (uint8_t)(total - n);
    uint8_t *buf = malloc(total);
    if (!buf)
        return false;
    if (n)
        memcpy(buf, pt, n);
    memset(buf + n, pad, pad);
    bool ok = aes_cbc_encrypt(key, keylen, iv, buf, total, out);
    sodium_memzero(buf, total);
    free(buf);
    return ok;
}

bool etm_decrypt(const uint8_t *key, size_t keylen, const uint8_t iv[ETM_BLOCK],
                 const uint8_t *ct, size_t n, uint8_t *out, size_t *out_len)
{
    if (n == 0 || n % ETM_BLOCK != 0 || !aes_cbc_decrypt(key, keylen, iv, ct, n, out))
        return false;
    uint8_t pad = out[n - 1];
    if (pad == 0 || pad > ETM_BLOCK)
        return false;
    for (size_t i = n - pad; i < n; i++)
        if (out[i] != pad)
            return false;
    *out_len = n - pad;
    return true;
}

bool etm_mac(const uint8_t *key, size_t keylen, const uint8_t *const *parts, const size_t *lens,
             size_t n_parts, uint8_t out[ETM_MAC_LEN])
{
    size_t total = 0;
    for (size_t i = 0; i < n_parts; i++)
        total += lens[i];
    uint8_t *buf = malloc(total ? total : 1);
    if (!buf)
        return false;
    size_t off = 0;
    for (size_t i = 0; i < n_parts; i++) {
        if (lens[i])
            memcpy(buf + off, parts[i], lens[i]);
        off += lens[i];
    }
    bool ok = hmac_compute(HASH_SHA256, key, keylen, buf, total, out);
    free(buf);
    return ok;
}

bool etm_mac_equal(const uint8_t a[ETM_MAC_LEN], const uint8_t b[ETM_MAC_LEN])
{
    return sodium_memcmp(a, b, ETM_MAC_LEN) == 0;
}
