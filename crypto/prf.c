#include "crypto/prf.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* P_hash (RFC 5246 5): A(0) = seed, A(i) = HMAC(secret, A(i-1));
 * output = HMAC(secret, A(1) || seed) || HMAC(secret, A(2) || seed) || ... */
bool tls12_prf(hash_alg h, const uint8_t *secret, size_t slen, const char *label,
               const uint8_t *seed, size_t seedlen, uint8_t *out, size_t outlen)
{
    hmac_key key;
    bool ok = hmac_key_init(&key, h, secret, slen) &&
              tls12_prf_keyed(&key, label, seed, seedlen, out, outlen, NULL);
    hmac_key_wipe(&key);
    return ok;
}

bool tls12_prf_keyed(const hmac_key *key, const char *label, const uint8_t *seed, size_t seedlen,
                     uint8_t *out, size_t outlen, prf_steps *steps)
{
    size_t hl = key->idx < 0 ? 0 : hash_descriptor[key->idx].hashsize;
    size_t label_len = strlen(label), ls_len = label_len + seedlen;
    if (hl == 0)
        return false;
    if (steps) {
        steps->hash_len = hl;
        steps->n = 0;
        if (outlen > PRF_MAX_BLOCKS * hl)
            steps = NULL; /* too long to record: computed all the same */
    }
    /* buf holds A(i) followed by label || seed, so HMAC(A(i) || label || seed) is one call.
     * TLS's labels and seeds fit on the stack; a longer seed gets the heap. */
    uint8_t small[256];
    uint8_t *buf = hl + ls_len <= sizeof small ? small : malloc(hl + ls_len);
    if (!buf)
        return false;
    memcpy(buf + hl, label, label_len);
    memcpy(buf + hl + label_len, seed, seedlen);
    uint8_t a[HASH_MAX_LEN], block[HASH_MAX_LEN];
    bool ok = hmac_key_mac(key, buf + hl, ls_len, a); /* A(1) */
    for (size_t done = 0; ok && done < outlen; done += hl) {
        memcpy(buf, a, hl);
        size_t take = outlen - done < hl ? outlen - done : hl;
        ok = hmac_key_mac(key, buf, hl + ls_len, block) &&
             (done + take == outlen || hmac_key_mac(key, a, hl, a)); /* A(i+1), if wanted */
        memcpy(out + done, block, take);
        if (steps && ok) { /* buf still holds this A(i); a may be A(i+1) already */
            memcpy(steps->a[steps->n], buf, hl);
            memcpy(steps->block[steps->n++], block, hl);
        }
    }
    sodium_memzero(block, sizeof block);
    sodium_memzero(a, sizeof a);
    sodium_memzero(buf, hl); /* the last A(i) */
    if (buf != small)
        free(buf);
    return ok;
}
