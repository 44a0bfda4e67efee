#include "crypto/hkdf.h"

#include <string.h>
#include <tomcrypt.h>

#include "base/codec.h"

bool hkdf_extract_prk(hash_alg h, const uint8_t *salt, size_t saltlen, const uint8_t *ikm,
                      size_t ikmlen, uint8_t *out)
{
    int idx = hash_ltc_idx(h);
    unsigned long outlen = HASH_MAX_LEN;
    /* RFC 5869 2.2: an absent salt is HashLen zero bytes. */
    uint8_t zeros[HASH_MAX_LEN] = {0};
    if (!salt || saltlen == 0) {
        salt = zeros;
        saltlen = hash_len(h);
    }
    return idx >= 0 && hkdf_extract(idx, salt, saltlen, ikm, ikmlen, out, &outlen) == CRYPT_OK;
}

bool hkdf_expand_okm(hash_alg h, const uint8_t *prk, size_t prklen, const uint8_t *info,
                     size_t infolen, uint8_t *out, size_t outlen)
{
    int idx = hash_ltc_idx(h);
    return idx >= 0 && outlen <= 255 * hash_len(h) &&
           hkdf_expand(idx, info, infolen, prk, prklen, out, outlen) == CRYPT_OK;
}

bool hkdf_expand_label(hash_alg h, const uint8_t *secret, size_t secretlen, const char *label,
                       const uint8_t *context, size_t contextlen, uint8_t *out, size_t outlen)
{
    /* struct { uint16 length; opaque label<7..255> = "tls13 " + Label;
     *          opaque context<0..255>; } HkdfLabel; */
    writer w;
    wr_init(&w, NULL);
    wr_u16(&w, (uint16_t)outlen, NULL);
    wr_mark l = wr_open(&w, 1, NULL);
    wr_bytes(&w, (const uint8_t *)"tls13 ", 6, NULL);
    wr_bytes(&w, (const uint8_t *)label, strlen(label), NULL);
    wr_close(&w, l);
    wr_mark c = wr_open(&w, 1, NULL);
    wr_bytes(&w, context, contextlen, NULL);
    wr_close(&w, c);
    bool ok = !w.failed && hkdf_expand_okm(h, secret, secretlen, w.buf, w.len, out, outlen);
    wr_free(&w);
    return ok;
}
