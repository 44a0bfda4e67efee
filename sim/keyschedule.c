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

/* PRF(master, label, seed), through mm when given. */
static bool master_prf(tls12_master_mac *mm, hash_alg prf, const uint8_t master[TLS12_MASTER_LEN],
                       const char *label, const uint8_t *seed, size_t seedlen, uint8_t *out,
                       size_t outlen)
{
    if (!mm)
        return tls12_prf(prf, master, TLS12_MASTER_LEN, label, seed, seedlen, out, outlen);
    if (mm->prf != prf || !same_secret(mm->master, master)) {
        tls12_master_mac_wipe(mm);
        if (!hmac_key_init(&mm->key, prf, master, TLS12_MASTER_LEN)) {
            tls12_master_mac_wipe(mm);
            return false;
        }
        mm->prf = prf;
        memcpy(mm->master, master, TLS12_MASTER_LEN);
    }
    return tls12_prf_keyed(&mm->key, label, seed, seedlen, out, outlen);
}

bool tls12_master_secret(hash_alg prf, const uint8_t *pms, size_t pms_len,
                         const uint8_t client_random[TLS12_RANDOM_LEN],
                         const uint8_t server_random[TLS12_RANDOM_LEN],
                         const uint8_t *session_hash, size_t session_hash_len,
                         uint8_t master[TLS12_MASTER_LEN])
{
    if (session_hash)
        return tls12_prf(prf, pms, pms_len, "extended master secret", session_hash,
                         session_hash_len, master, TLS12_MASTER_LEN);
    uint8_t seed[2 * TLS12_RANDOM_LEN];
    memcpy(seed, client_random, TLS12_RANDOM_LEN);
    memcpy(seed + TLS12_RANDOM_LEN, server_random, TLS12_RANDOM_LEN);
    return tls12_prf(prf, pms, pms_len, "master secret", seed, sizeof seed, master,
                     TLS12_MASTER_LEN);
}

bool tls12_key_block(hash_alg prf, const uint8_t master[TLS12_MASTER_LEN],
                     const uint8_t client_random[TLS12_RANDOM_LEN],
                     const uint8_t server_random[TLS12_RANDOM_LEN], size_t mac_len,
                     size_t key_len, size_t iv_len, tls12_keys *out, tls12_master_mac *mm)
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
                    out->block_len))
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
    return master_prf(mm, prf, master, client ? "client finished" : "server finished",
                      handshake_hash, hash_len, out, TLS12_VERIFY_LEN);
}
