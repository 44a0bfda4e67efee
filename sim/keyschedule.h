/* The TLS 1.2 key schedule (RFC 5246 6.3, 7.4.9, 8.1; RFC 7627): premaster secret
 * to master secret, master secret to key block, and Finished's verify_data. Pure
 * functions: the engine records each step in the trace with these same inputs. */
#ifndef TLSSIM_KEYSCHEDULE_H
#define TLSSIM_KEYSCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/hash.h"
#include "crypto/prf.h"

#define TLS12_MASTER_LEN 48
#define TLS12_RANDOM_LEN 32
#define TLS12_VERIFY_LEN 12

/* Extended master secret (RFC 7627 4): PRF(pms, "extended master secret",
 * session_hash); classic (RFC 5246 8.1): PRF(pms, "master secret",
 * client_random + server_random). session_hash is NULL for the classic form. */
bool tls12_master_secret(hash_alg prf, const uint8_t *pms, size_t pms_len,
                         const uint8_t client_random[TLS12_RANDOM_LEN],
                         const uint8_t server_random[TLS12_RANDOM_LEN],
                         const uint8_t *session_hash, size_t session_hash_len,
                         uint8_t master[TLS12_MASTER_LEN]);
/* Each of the three derivations also comes as _steps, which copies the PRF's
 * iterations to steps as they are computed (crypto/prf.h), for the trace. */
bool tls12_master_secret_steps(hash_alg prf, const uint8_t *pms, size_t pms_len,
                               const uint8_t client_random[TLS12_RANDOM_LEN],
                               const uint8_t server_random[TLS12_RANDOM_LEN],
                               const uint8_t *session_hash, size_t session_hash_len,
                               uint8_t master[TLS12_MASTER_LEN], prf_steps *steps);

/* The master secret prepared as an HMAC key (RFC 2104: the hash states after key^ipad
 * and key^opad), kept by each side for the key block and both Finished messages, the
 * PRFs under the master secret: each would otherwise hash the two padded keys again.
 * It holds a copy of the secret it was made from and remakes itself when the secret
 * or the hash differs (a resumed session brings its own). Zeroed: empty. */
typedef struct tls12_master_mac {
    hash_alg prf;
    uint8_t master[TLS12_MASTER_LEN];
    hmac_key key;
} tls12_master_mac;

void tls12_master_mac_wipe(tls12_master_mac *m);

/* The key block split into its parts (RFC 5246 6.3), in the order it is cut. */
typedef struct tls12_keys {
    size_t mac_len, key_len, iv_len;
    uint8_t client_mac[48], server_mac[48];
    uint8_t client_key[32], server_key[32];
    uint8_t client_iv[16], server_iv[16];
    uint8_t block[2 * (48 + 32 + 16)]; /* the whole key block, for the trace */
    size_t block_len;
} tls12_keys;

/* key_block = PRF(master, "key expansion", server_random + client_random): note the
 * randoms swap places here compared with the master secret. mm: the side's prepared
 * master secret, or NULL to prepare it for this call only (also in tls12_verify_data). */
bool tls12_key_block(hash_alg prf, const uint8_t master[TLS12_MASTER_LEN],
                     const uint8_t client_random[TLS12_RANDOM_LEN],
                     const uint8_t server_random[TLS12_RANDOM_LEN], size_t mac_len,
                     size_t key_len, size_t iv_len, tls12_keys *out, tls12_master_mac *mm);
bool tls12_key_block_steps(hash_alg prf, const uint8_t master[TLS12_MASTER_LEN],
                           const uint8_t client_random[TLS12_RANDOM_LEN],
                           const uint8_t server_random[TLS12_RANDOM_LEN], size_t mac_len,
                           size_t key_len, size_t iv_len, tls12_keys *out, tls12_master_mac *mm,
                           prf_steps *steps);

/* verify_data = PRF(master, "client finished" | "server finished", Hash(handshake)). */
bool tls12_verify_data(hash_alg prf, const uint8_t master[TLS12_MASTER_LEN], bool client,
                       const uint8_t *handshake_hash, size_t hash_len,
                       uint8_t out[TLS12_VERIFY_LEN], tls12_master_mac *mm);
bool tls12_verify_data_steps(hash_alg prf, const uint8_t master[TLS12_MASTER_LEN], bool client,
                             const uint8_t *handshake_hash, size_t hash_len,
                             uint8_t out[TLS12_VERIFY_LEN], tls12_master_mac *mm,
                             prf_steps *steps);

#endif
