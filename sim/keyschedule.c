#include "sim/keyschedule.h"

#include <sodium.h>
#include <string.h>

#include "crypto/prf.h"

void tls12_master_mac_wipe(tls12_master_mac *m)
{
    sodium_memzero(m, sizeof *m);
}

static bool same_secret(const uint8_t *a, const uint8_t *b)
{
    uint8_t d = 0; /* every byte looked at: the time says nothing about where they differ */
    for (size_t i = 0; i < TLS12_MASTER_LEN; i++)
        d |= (uint8_t)(a[i] ^ b[i]);
    return d == 0;
}

/* PRF(secret, label, seed) with its iterations copied to steps (may be NULL). */
static bool prf_once(hash_alg prf, const uint8_t *secret, size_t slen, const char *label,
                     const uint8_t *seed, size_t seedlen, uint8_t *out, size_t outlen,
                     prf_steps *steps)
{
    hmac_key key;
    bool ok = hmac_key_init(&key, prf, secret, slen) &&
              tls12_prf_keyed(&key, label, seed, seedlen, out, outlen, steps);
    hmac_key_wipe(&key);
    return ok;
}

/* PRF(master, label, seed), through mm when given. */
static bool master_prf(tls12_master_mac *mm, hash_alg prf, const uint8_t master[TLS12_MASTER_LEN],
                       const char *label, const uint8_t *seed, size_t seedlen, uint8_t *out,
                       size_t outlen, prf_steps *steps)
{
    if (!mm)
        return prf_once(prf, master, TLS12_MASTER_LEN, label, seed, seedlen, out, outlen, steps);
    if (mm->prf != prf || !same_secret(mm->master, master)) {
        tls12_master_mac_wipe(mm);
        if (!hmac_key_init(&mm->key, prf, master, TLS12_MASTER_LEN)) {
            tls12_master_mac_wipe(mm);
            return false;
        }
        mm->prf = prf;
        memcpy(mm->master, master, TLS12_MASTER_LEN);
    }
    return tls12_prf_keyed(&mm->key, label, seed, seedlen, out, outlen, steps);
}

bool tls12_master_secret(hash_alg prf, const uint8_t *pms, size_t pms_len,
                         const uint8_t client_random[TLS12_RANDOM_LEN],
                         const uint8_t server_random[TLS12_RANDOM_LEN],
                         const uint8_t *session_hash, size_t session_hash_len,
                         uint8_t master[TLS12_MASTER_LEN])
{
    return tls12_master_secret_steps(prf, pms, pms_len, client_random, server_random,
                                     session_hash, session_hash_len, master, NULL);
}

bool tls12_master_secret_steps(hash_alg prf, const uint8_t *pms, size_t pms_len,
                               const uint8_t client_random[TLS12_RANDOM_LEN],
                               const uint8_t server_random[TLS12_RANDOM_LEN],
                               const uint8_t *session_hash, size_t session_hash_len,
                               uint8_t master[TLS12_MASTER_LEN], prf_steps *steps)
{
    if (session_hash)
        return prf_once(prf, pms, pms_len, "extended master secret", session_hash,
                        session_hash_len, master, TLS12_MASTER_LEN, steps);
    uint8_t seed[2 * TLS12_RANDOM_LEN];
    memcpy(seed, client_random, TLS12_RANDOM_LEN);
    memcpy(seed + TLS12_RANDOM_LEN, server_random, TLS12_RANDOM_LEN);
    return prf_once(prf, pms, pms_len, "master secret", seed, sizeof seed, master,
                    TLS12_MASTER_LEN, steps);
}

bool tls12_key_block(hash_alg prf, const uint8_t master[TLS12_MASTER_LEN],
                     const uint8_t client_random[TLS12_RANDOM_LEN],
                     const uint8_t server_random[TLS12_RANDOM_LEN], size_t mac_len,
                     size_t key_len, size_t iv_len, tls12_keys *out, tls12_master_mac *mm)
{
    return tls12_key_block_steps(prf, master, client_random, server_random, mac_len, key_len,
                                 iv_len, out, mm, NULL);
}

bool tls12_key_block_steps(hash_alg prf, const uint8_t master[TLS12_MASTER_LEN],
                           const uint8_t client_random[TLS12_RANDOM_LEN],
                           const uint8_t server_random[TLS12_RANDOM_LEN], size_t mac_len,
                           size_t key_len, size_t iv_len, tls12_keys *out, tls12_master_mac *mm,
                           prf_steps *steps)
{
    memset(out, 0, sizeof *out);
    if (mac_len > sizeof out->client_mac || key_len > sizeof out->client_key ||
        iv_len > sizeof out->client_iv)
        return false;
    out->mac_len = mac_len;
    out->key_len = key_len;
    out->iv_len = iv_len;
    out->block_len = 2 * (mac_len + key_len + iv_len);
    uint8_t seed[2 * TLS12_RANDOM_LEN];
    memcpy(seed, server_random, TLS12_RANDOM_LEN);
    memcpy(seed + TLS12_RANDOM_LEN, client_random, TLS12_RANDOM_LEN);
    if (!master_prf(mm, prf, master, "key expansion", seed, sizeof seed, out->block,
                    out->block_len, steps))
        return false;
    /* client_write_MAC_key, server_write_MAC_key, client_write_key, server_write_key,
     * client_write_IV, server_write_IV: in this order (RFC 5246 6.3). */
    const uint8_t *p = out->block;
    uint8_t *parts[6] = {out->client_mac, out->server_mac, out->client_key,
                         out->server_key, out->client_iv,  out->server_iv};
    size_t lens[6] = {mac_len, mac_len, key_len, key_len, iv_len, iv_len};
    for (int i = 0; i < 6; i++) {
        memcpy(parts[i], p, lens[i]);
        p += lens[i];
    }
    return true;
}

bool tls12_verify_data(hash_alg prf, const uint8_t master[TLS12_MASTER_LEN], bool client,
                       const uint8_t *handshake_hash, size_t hash_len,
                       uint8_t out[TLS12_VERIFY_LEN], tls12_master_mac *mm)
{
    return tls12_verify_data_steps(prf, master, client, handshake_hash, hash_len, out, mm, NULL);
}

bool tls12_verify_data_steps(hash_alg prf, const uint8_t master[TLS12_MASTER_LEN], bool client,
                             const uint8_t *handshake_hash, size_t hash_len,
                             uint8_t out[TLS12_VERIFY_LEN], tls12_master_mac *mm,
                             prf_steps *steps)
{
    return master_prf(mm, prf, master, client ? "client finished" : "server finished",
                      handshake_hash, hash_len, out, TLS12_VERIFY_LEN, steps);
}
