/* The key schedule as the trace shows it: each derivation is an event with its
 * formula, inputs and outputs (RFC 5246 8.1, 6.3, 7.4.9; RFC 7627 4). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "sim/actor.h"
#include "sim/actor_keys.h"
#include "base/alert.h"
#include "sim/prf_trace.h"
#include "sim/recompute.h"

/* The actor's own ephemeral private key on the premaster event, with the `openssl`
 * command that recomputes the premaster from it and the peer's value. */
static void record_dh_private(actor *a, trace_event *e, const uint8_t *peer_pub,
                              size_t peer_len)
{
    uint8_t priv[KEX_MAX_PUBLIC], p[KEX_MAX_PUBLIC];
    size_t priv_len = sizeof priv, p_len = sizeof p;
    if (!kex_private(&a->kx, priv, &priv_len))
        return;
    bool client = a->id == ACTOR_CLIENT;
    trace_add_input(e, client ? "client_private" : "server_private", priv, priv_len,
                    "shown so you can recompute; a real implementation never reveals it");
    bool ffdh = a->kx.group == GROUP_FFDHE2048;
    uint8_t g = 2; /* RFC 7919's groups all use 2 */
    /* A group of a peer's own choosing gets no command: RFC 7919's is spelled out. */
    if (!ffdh || (kex_dh_prime(&a->kx, p, &p_len) && kex_is_ffdhe2048(p, p_len, &g, 1)))
        recompute_dh(e, a->kx.group, priv, priv_len, peer_pub, peer_len, ffdh ? p : NULL,
                     p_len, g);
    sodium_memzero(priv, sizeof priv);
}

void actor_record_dh_premaster(actor *a, const uint8_t *own_pub, size_t own_len,
                               const uint8_t *peer_pub, size_t peer_len, const uint8_t *pms,
                               size_t pms_len)
{
    bool client = a->id == ACTOR_CLIENT;
    trace_event *e = actor_compute(a, "premaster secret (Diffie-Hellman)",
                                   "each side combines its own private key with the other's "
                                   "public key: both arrive at the same secret, which never "
                                   "crossed the wire");
    if (!e)
        return;
    trace_set_formula(e, "pre_master_secret = %s(%s_private, %s_public)",
                      kex_group_name(a->kx.group), client ? "client" : "server",
                      client ? "server" : "client");
    trace_add_input(e, client ? "server_public" : "client_public", peer_pub, peer_len, NULL);
    trace_add_input(e, client ? "client_public" : "server_public", own_pub, own_len, NULL);
    trace_add_output(e, "pre_master_secret", pms, pms_len, NULL);
    record_dh_private(a, e, peer_pub, peer_len);
}

bool actor_dh_shared(actor *a, const uint8_t *peer, size_t n, uint8_t *pms, size_t *pms_len)
{
    if (kex_shared(&a->kx, peer, n, pms, pms_len, &a->err))
        return true;
    /* Only failures are recorded: a passing run's trace stays as it was. */
    trace_event *e = actor_verify(a, a->id == ACTOR_CLIENT ? "server's public key share"
                                                           : "client's public key share",
                                  false, a->err.alert, "%s: %s", kex_group_name(a->kx.group),
                                  a->err.msg);
    if (e)
        trace_add_input(e, "received public value", peer, n,
                        a->kx.group == GROUP_FFDHE2048
                            ? "must lie strictly between 1 and p-1, both excluded (RFC 7919 5.1)"
                            : "must be a point on the curve (RFC 8422 5.11)");
    return false;
}

bool actor_derive_keys(actor *a, const uint8_t *pms, size_t pms_len)
{
    const suite_info *s = a->suite;
    uint8_t session_hash[HASH_MAX_LEN];
    size_t sh_len = 0;
    if (a->ems && !actor_transcript_hash(a, session_hash, &sh_len))
        return false;
    prf_steps steps;
    if (!tls12_master_secret_steps(s->prf, pms, pms_len, a->client_random, a->server_random,
                                   a->ems ? session_hash : NULL, sh_len, a->master, &steps)) {
        err_set(&a->err, ALERT_INTERNAL_ERROR, "master secret derivation failed");
        return false;
    }
    trace_event *e = actor_compute(a, "master secret",
                                   a->ems ? "the extended master secret: bound to every handshake "
                                            "message so far, so a man in the middle cannot splice "
                                            "two sessions (RFC 7627)"
                                          : "the classic master secret from the premaster and "
                                            "both randoms (RFC 5246 8.1)");
    if (e) {
        trace_set_formula(e, a->ems ? "master_secret = PRF(pre_master_secret, \"extended master "
                                      "secret\", session_hash)[0..47]"
                                    : "master_secret = PRF(pre_master_secret, \"master secret\", "
                                      "client_random + server_random)[0..47]");
        trace_add_input(e, "pre_master_secret", pms, pms_len, "agreed by the key exchange");
        /* Only what the formula uses: with EMS the session hash stands where the
         * randoms were (they are still in it, inside the hello messages). */
        if (a->ems) {
            trace_add_input(e, "session_hash", session_hash, sh_len,
                            "hash of the handshake messages up to ClientKeyExchange");
        } else {
            trace_add_input(e, "client_random", a->client_random, 32, NULL);
            trace_add_input(e, "server_random", a->server_random, 32, NULL);
        }
        trace_add_output(e, "master_secret", a->master, TLS12_MASTER_LEN,
                         "48 bytes from which every key of the connection comes");
        uint8_t randoms[2 * TLS12_RANDOM_LEN];
        memcpy(randoms, a->client_random, TLS12_RANDOM_LEN);
        memcpy(randoms + TLS12_RANDOM_LEN, a->server_random, TLS12_RANDOM_LEN);
        if (a->ems)
            prf_trace_steps(e, &steps, "pre_master_secret", "extended master secret",
                            session_hash, sh_len, "the session hash alone (RFC 7627 4)",
                            TLS12_MASTER_LEN);
        else
            prf_trace_steps(e, &steps, "pre_master_secret", "master secret", randoms,
                            sizeof randoms, "client_random + server_random, in this order",
                            TLS12_MASTER_LEN);
        if (a->ems)
            recompute_prf(e, s->prf, "pms", pms, pms_len, "extended master secret",
                          "session_hash", session_hash, sh_len, NULL, 0, TLS12_MASTER_LEN,
                          "run it in an empty folder: it prints master_secret");
        else
            recompute_prf(e, s->prf, "pms", pms, pms_len, "master secret",
                          "client_random, server_random", a->client_random, 32,
                          a->server_random, 32, TLS12_MASTER_LEN, "run it in an empty folder: it prints master_secret");
    }
    sodium_memzero(&steps, sizeof steps);
    return actor_derive_key_block(a);
}

bool actor_derive_key_block(actor *a)
{
    const suite_info *s = a->suite;
    trace_event *e;
    prf_steps steps;
    if (!tls12_key_block_steps(s->prf, a->master, a->client_random, a->server_random, s->mac_len,
                               s->key_len, s->iv_len, &a->keys, &a->master_mac, &steps)) {
        err_set(&a->err, ALERT_INTERNAL_ERROR, "key block derivation failed");
        return false;
    }
    tls12_keys *k = &a->keys;
    /* AEAD suites (GCM, ChaCha20-Poly1305) have no MAC keys: the tag does that job. */
    e = actor_compute(a, "key block", s->mac_len ? "cut into MAC keys, encryption keys and IVs, one "
                                                   "set for each direction"
                                                 : "cut into encryption keys and IVs, one set for "
                                                   "each direction (an AEAD suite needs no MAC keys)");
    if (e) {
        trace_set_formula(e, "key_block = PRF(master_secret, \"key expansion\", server_random + "
                             "client_random)[0..%zu]", k->block_len - 1);
        trace_add_input(e, "master_secret", a->master, TLS12_MASTER_LEN, NULL);
        trace_add_input(e, "server_random", a->server_random, 32, NULL);
        trace_add_input(e, "client_random", a->client_random, 32, NULL);
        trace_add_output(e, "key_block", k->block, k->block_len, NULL);
        recompute_prf(e, s->prf, "master", a->master, TLS12_MASTER_LEN, "key expansion",
                      "server_random, client_random", a->server_random, 32, a->client_random,
                      32, k->block_len, "run it in an empty folder: it prints key_block");
        if (k->mac_len) {
            trace_add_output(e, "client_write_MAC_key", k->client_mac, k->mac_len, NULL);
            trace_add_output(e, "server_write_MAC_key", k->server_mac, k->mac_len, NULL);
        }
        trace_add_output(e, "client_write_key", k->client_key, k->key_len, NULL);
        trace_add_output(e, "server_write_key", k->server_key, k->key_len, NULL);
        if (k->iv_len) {
            trace_add_output(e, "client_write_IV", k->client_iv, k->iv_len,
                             s->aead == AEAD_AES128_GCM || s->aead == AEAD_AES256_GCM
                                 ? "the implicit 4-byte salt of each GCM nonce (RFC 5288)"
                                 : "XORed with the sequence number into each nonce (RFC 7905)");
            trace_add_output(e, "server_write_IV", k->server_iv, k->iv_len, NULL);
        }
        uint8_t randoms[2 * TLS12_RANDOM_LEN];
        memcpy(randoms, a->server_random, TLS12_RANDOM_LEN);
        memcpy(randoms + TLS12_RANDOM_LEN, a->client_random, TLS12_RANDOM_LEN);
        prf_trace_steps(e, &steps, "master_secret", "key expansion", randoms, sizeof randoms,
                        "server_random + client_random: the reverse of the master secret's order",
                        k->block_len);
    }
    sodium_memzero(&steps, sizeof steps);
    bool client = a->id == ACTOR_CLIENT;
    rec_state_from_keys(&a->pending_wr, s->protection, s->aead, s->mac, k, client);
    a->pending_wr.rng = a->rng;
    rec_state_from_keys(&a->pending_rd, s->protection, s->aead, s->mac, k, !client);
    return true;
}

bool actor_verify_data(actor *a, bool client_finished, uint8_t out[TLS12_VERIFY_LEN])
{
    uint8_t hh[HASH_MAX_LEN];
    size_t n = 0;
    prf_steps steps;
    if (!actor_transcript_hash(a, hh, &n) ||
        !tls12_verify_data_steps(a->suite->prf, a->master, client_finished, hh, n, out,
                                 &a->master_mac, &steps)) {
        err_set(&a->err, ALERT_INTERNAL_ERROR, "verify_data derivation failed");
        return false;
    }
    trace_event *e = actor_compute(a, client_finished ? "verify_data (client Finished)"
                                                      : "verify_data (server Finished)",
                                   "a MAC over the whole handshake keyed by the master secret: "
                                   "any change to any message so far changes it");
    if (e) {
        trace_set_formula(e, "verify_data = PRF(master_secret, \"%s finished\", "
                             "Hash(handshake_messages))[0..11]",
                          client_finished ? "client" : "server");
        trace_add_input(e, "handshake_hash", hh, n, NULL);
        trace_add_output(e, "verify_data", out, TLS12_VERIFY_LEN, NULL);
        prf_trace_steps(e, &steps, "master_secret",
                        client_finished ? "client finished" : "server finished", hh, n,
                        "the handshake hash", TLS12_VERIFY_LEN);
    }
    sodium_memzero(&steps, sizeof steps);
    return true;
}

const char *pkcs1_block_explain(const pk_detail *d)
{
    if (d->block_len >= 2 && d->block[0] == 0x00 && d->block[1] == 0x02)
        return "00 02, random nonzero bytes, 00, then the premaster (PKCS #1 v1.5, RFC 8017 7.2.1)";
    return "not a PKCS #1 v1.5 encryption block: it must start 00 02 (RFC 8017 7.2.2)";
}

bool actor_check_finished(actor *a, const uint8_t *msg, size_t len)
{
    bool from_client = a->id == ACTOR_SERVER;
    uint8_t want[TLS12_VERIFY_LEN], got[TLS12_VERIFY_LEN];
    tls_err perr;
    err_init(&perr);
    reader r;
    rd_init(&r, msg, len, &perr, NULL, "Finished");
    if (!hs_parse_finished(&r, got)) {
        err_set(&a->err, perr.alert, "%s", perr.msg);
        return false;
    }
    if (!actor_verify_data(a, from_client, want))
        return false;
    bool ok = memcmp(want, got, sizeof want) == 0;
    char w[25], g[25];
    sodium_bin2hex(w, sizeof w, want, sizeof want);
    sodium_bin2hex(g, sizeof g, got, sizeof got);
    trace_event *e = actor_verify(a, from_client ? "client Finished" : "server Finished", ok,
                                  ALERT_DECRYPT_ERROR, "verify_data received %s, computed %s: %s", g,
                                  w, ok ? "equal, so both sides saw the same handshake"
                                        : "different: the two sides saw different handshakes or "
                                          "hold different keys, or the sender computed its "
                                          "Finished wrong (this check cannot tell which)");
    if (e) {
        trace_add_input(e, "received", got, sizeof got, NULL);
        trace_add_input(e, "computed", want, sizeof want, NULL);
    }
    if (!ok) /* RFC 5246 7.4.9: a wrong verify_data is a decrypt_error */
        err_set(&a->err, ALERT_DECRYPT_ERROR, "%s Finished: verify_data does not match",
                from_client ? "client" : "server");
    wr_bytes(&a->transcript, msg, len, NULL);
    return ok;
}
