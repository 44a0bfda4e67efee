/* The server side of a full TLS 1.2 handshake (RFC 5246 7.3), step by step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "sim/actor_certs.h"
#include "sim/actor_keys.h"
#include "base/alert.h"
#include "sim/resume.h"
#include "sim/server.h"

static const char response[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 26\r\n"
                               "\r\nHello from tlssim's server";

static bool send_built(actor *a, writer *w, annot_list *al, bool built, const char *explain)
{
    bool ok = built && actor_send_handshake(a, w, al, explain);
    wr_free(w);
    annot_list_free(al);
    return ok;
}

#define BUILD(a, call, explain)                                                                    \
    do {                                                                                           \
        annot_list al_;                                                                            \
        annot_list_init(&al_);                                                                     \
        writer w_;                                                                                 \
        wr_init(&w_, &al_);                                                                        \
        writer *w = &w_;                                                                           \
        if (!send_built(a, &w_, &al_, (call), explain))                                            \
            return false;                                                                          \
    } while (0)

void server_start(actor *a)
{
    hs_shape shape = {.kex = a->sc->suite->kex, .client_auth = a->sc->client_auth,
                      .client_has_cert = true, .anonymous = suite_anonymous(a->sc->suite)};
    hs_cursor_init(&a->cursor, &shape);
}

static const pki_entity *identity(const actor *a)
{
    return &a->sc->pki->e[a->suite->auth == PKEY_EC ? PKI_SERVER_ECDSA : PKI_SERVER_RSA];
}

/* The key of the certificate the server sends (a broken chain has its own). */
static const pkey *server_key(actor *a)
{
    const pki_chain *broken = actor_hook_server_chain(a);
    return broken ? &broken->leaf_key : &identity(a)->key;
}

/* The chain the server sends: its own (leaf, then intermediate), or a broken one that
 * a fault gives it. Returns the key that belongs to the leaf. */
static const pkey *server_chain(actor *a, certificate_msg *cm)
{
    memset(cm, 0, sizeof *cm);
    const pki_chain *broken = actor_hook_server_chain(a);
    if (broken) {
        for (size_t i = 0; i < broken->n && i < HS_MAX_CERTS; i++) {
            cm->cert[i] = broken->certs[i].der;
            cm->len[i] = broken->certs[i].der_len;
            cm->fields[i] = &broken->certs[i].fields;
        }
        cm->n = broken->n;
        return &broken->leaf_key;
    }
    const pki_entity *me = identity(a), *inter = &a->sc->pki->e[PKI_INTERMEDIATE];
    cm->n = 2;
    cm->cert[0] = me->cert.der;
    cm->len[0] = me->cert.der_len;
    cm->fields[0] = &me->cert.fields;
    cm->cert[1] = inter->cert.der;
    cm->len[1] = inter->cert.der_len;
    cm->fields[1] = &inter->cert.fields;
    return &me->key;
}

static bool offered_group(const client_hello *ch, uint16_t group)
{
    for (size_t i = 0; i < ch->n_groups; i++)
        if (ch->groups[i] == group)
            return true;
    return false;
}

/* The server's first elliptic-curve group that the client lists. A client without
 * supported_groups predates RFC 4492's negotiation: P-256 is the curve all have. */
static kex_group ecdhe_group(const actor *a, const client_hello *ch)
{
    kex_group list[SCENARIO_MAX_GROUPS + 1];
    size_t n = scenario_group_list(a->sc, list, sizeof list / sizeof list[0]);
    for (size_t i = 0; i < n; i++) {
        if (list[i] == GROUP_FFDHE2048)
            continue;
        if (ch->n_groups ? offered_group(ch, (uint16_t)list[i]) : list[i] == GROUP_SECP256R1)
            return list[i];
    }
    return GROUP_NONE;
}

/* Beyond being offered, a suite needs a group for (EC)DHE and, when the server signs
 * its key exchange, a signature scheme that the client accepts and the certificate's
 * key can make. NULL if the suite can be used, else why not. */
static const char *suite_unusable(actor *a, const client_hello *ch, const suite_info *s,
                                  kex_group *g, const sig_scheme_info **scheme)
{
    *g = GROUP_NONE;
    *scheme = NULL;
    if (s->kex == HS_KEX_ECDHE && (*g = ecdhe_group(a, ch)) == GROUP_NONE)
        return "no elliptic-curve group that both sides support";
    if (s->kex == HS_KEX_DHE) {
        /* RFC 7919 4: a client that lists finite-field groups gets one of them, or no DHE. */
        bool any_ffdhe = false;
        for (size_t i = 0; i < ch->n_groups; i++)
            any_ffdhe |= ch->groups[i] >> 8 == 0x01;
        if (!scenario_has_group(a->sc, GROUP_FFDHE2048) ||
            (any_ffdhe && !offered_group(ch, GROUP_FFDHE2048)))
            return "no finite-field group that both sides support";
        *g = GROUP_FFDHE2048;
    }
    if (s->kex != HS_KEX_RSA && !suite_anonymous(s)) {
        const pki_entity *me = &a->sc->pki->e[s->auth == PKEY_EC ? PKI_SERVER_ECDSA : PKI_SERVER_RSA];
        if (!(*scheme = sig_scheme_choose(&me->key, a->peer_sig_algs, a->n_peer_sig_algs)))
            return s->auth == PKEY_EC ? "no signature scheme the client accepts fits the server's "
                                        "ECDSA key"
                                      : "no signature scheme the client accepts fits the server's "
                                        "RSA key";
    }
    return NULL;
}

/* Everything is decided here, before ServerHello, as OpenSSL does: the suite in the
 * server's order of preference, its group, the certificate and the signature scheme.
 * A server that cannot finish must say so before it commits to anything. */
static bool choose(actor *a, const client_hello *ch)
{
    if (ch->version < TLS12_VERSION) {
        err_set(&a->err, ALERT_PROTOCOL_VERSION, "the client offers at most 0x%04x; TLS 1.2 is required",
                ch->version);
        return false;
    }
    static const uint16_t sha1_only[] = {0x0201, 0x0203}; /* RFC 5246 7.4.1.4.1: absent means SHA-1 */
    bool kept = ch->n_sig_algs ? actor_keep_peer_sig_algs(a, ch->sig_algs, ch->n_sig_algs)
                               : actor_keep_peer_sig_algs(a, sha1_only, 2);
    if (!kept)
        return false;
    const suite_info *list[SCENARIO_MAX_SUITES + 2];
    size_t n = scenario_suite_list(a->sc, list, SCENARIO_MAX_SUITES + 1);
    const suite_info *legacy = a->sc->legacy_suite;
    bool legacy_listed = false;
    for (size_t i = 0; i < n; i++)
        legacy_listed |= list[i] == legacy;
    if (legacy && !legacy_listed)
        list[n++] = legacy;
    const suite_info *want = NULL, *blocked = NULL;
    const char *why_not = NULL;
    kex_group g = GROUP_NONE;
    const sig_scheme_info *scheme = NULL;
    for (size_t i = 0; i < n && !want; i++) {
        if (!hs_client_hello_offers_suite(ch, list[i]->code))
            continue;
        const char *why = suite_unusable(a, ch, list[i], &g, &scheme);
        if (!why)
            want = list[i];
        else if (!blocked) {
            blocked = list[i];
            why_not = why;
        }
    }
    if (!want) {
        /* RFC 7919 4: a client that lists finite-field groups, none of whose groups the
         * server takes, and none of whose other suites either, gets insufficient_security. */
        bool ffdhe_listed = false, group_taken = false;
        for (size_t i = 0; i < ch->n_groups; i++) {
            ffdhe_listed |= ch->groups[i] >> 8 == 0x01;
            group_taken |= scenario_has_group(a->sc, (kex_group)ch->groups[i]);
        }
        int alert = ffdhe_listed && !group_taken ? ALERT_INSUFFICIENT_SECURITY : ALERT_HANDSHAKE_FAILURE;
        if (blocked)
            err_set(&a->err, alert, "no usable cipher suite: the client offers %s but there is %s",
                    blocked->name, why_not);
        else
            err_set(&a->err, alert, "no shared cipher suite: the client offers none of the "
                    "server's %zu", n);
        actor_verify(a, "negotiation", false, alert, "%s (decided before ServerHello: nothing was "
                     "sent)", a->err.msg);
        return false;
    }
    if (want == legacy && !hs_client_hello_offers_suite(ch, a->sc->suite->code)) {
        /* The server cannot tell an old client from a hello an attacker edited. */
        actor_note(a, "falling back to a legacy suite",
                   "the client does not offer the server's preferred suite, so the server takes "
                   "the weaker one it keeps for old clients");
    }
    a->suite = want;
    a->group = g;
    a->ems = ch->ems;
    char first[64];
    const char *client_first = ch->n_suites ? suite_name(ch->suites[0], first, sizeof first) : "none";
    char why[160];
    if (ch->n_suites == 1)
        snprintf(why, sizeof why, "the only suite the client offered");
    else if (want->code == ch->suites[0])
        snprintf(why, sizeof why, "the server's first choice among the %zu suites the client "
                 "offered, and the client's first too", ch->n_suites);
    else
        snprintf(why, sizeof why, "the server's first choice among the %zu suites the client "
                 "offered (the client's first: %s)", ch->n_suites, client_first);
    actor_verify(a, "negotiation", true, 0, "%s: %s%s%s%s%s; %s",
                 want->name, why, g != GROUP_NONE ? "; group " : "",
                 g != GROUP_NONE ? kex_group_name(g) : "", scheme ? "; signature " : "",
                 scheme ? scheme->name : "", a->ems ? "extended master secret on" : "classic master secret");
    if (scheme && sig_scheme_legacy(scheme))
        actor_note(a, "legacy signature: SHA-1",
                   ch->n_sig_algs == 0
                       ? "the client sent no signature_algorithms, which means SHA-1 (RFC 5246 "
                         "7.4.1.4.1). " SIG_LEGACY_SHA1
                       : "the client offers nothing stronger that fits the key. " SIG_LEGACY_SHA1);
    return true;
}

static bool send_unsigned_key_exchange(actor *a, server_key_exchange *ske)
{
    annot_list al;
    annot_list_init(&al);
    writer w;
    wr_init(&w, &al);
    return send_built(a, &w, &al, hs_build_server_key_exchange(&w, ske),
                      "the server's ephemeral DH value, unsigned: an anonymous suite proves nothing "
                      "about who sent it");
}

/* key: the certificate's key that signs the params; NULL for an anonymous suite. */
static bool send_server_key_exchange(actor *a, const pkey *key)
{
    kex_group g = a->group; /* chosen with the suite */
    a->have_kx = kex_generate(g, &a->kx, a->rng);
    uint8_t pub[KEX_MAX_PUBLIC], p[256] = {0}, gen = 0;
    size_t pub_len = sizeof pub;
    /* The prime is decoded only when it goes out (DHE). */
    if (!a->have_kx || !kex_public(&a->kx, pub, &pub_len) ||
        (g == GROUP_FFDHE2048 && !kex_ffdhe2048_params(p, &gen)))
        return false;
    /* Before signing: the server itself sends the changed value. */
    actor_hook_edit(a, FP_KEY_SHARE, pub, &pub_len, sizeof pub);
    server_key_exchange ske = {.ecdhe = a->suite->kex == HS_KEX_ECDHE, .group = (uint16_t)g,
                               .p = p, .p_len = sizeof p, .g = &gen, .g_len = 1, .pub = pub,
                               .pub_len = pub_len, .anonymous = key == NULL};
    if (ske.anonymous) /* nothing to sign with: the params go out bare */
        return send_unsigned_key_exchange(a, &ske);
    /* Build once to learn the params' bytes, sign them, then build for real. */
    writer probe;
    wr_init(&probe, NULL);
    bool ok = hs_build_server_key_exchange(&probe, &ske);
    size_t tbs_len = 64 + ske.params_len;
    uint8_t *tbs = ok ? malloc(tbs_len) : NULL;
    uint8_t *sig = NULL;
    if (tbs) {
        memcpy(tbs, a->client_random, 32);
        memcpy(tbs + 32, a->server_random, 32);
        memcpy(tbs + 64, probe.buf + ske.params_off, ske.params_len);
        ok = actor_sign(a, "ServerKeyExchange signature", actor_hook_signing_key(a, key), a->peer_sig_algs,
                        a->n_peer_sig_algs, tbs, tbs_len, &ske.sig_scheme, &sig, &ske.sig_len);
        if (ok)
            actor_hook_flip(a, FP_SKE_SIGNATURE, sig, ske.sig_len);
    }
    ske.sig = sig;
    wr_free(&probe);
    free(tbs);
    if (!ok || !tbs) {
        free(sig);
        return false;
    }
    annot_list al;
    annot_list_init(&al);
    writer w;
    wr_init(&w, &al);
    ok = send_built(a, &w, &al, hs_build_server_key_exchange(&w, &ske),
                    "the server's ephemeral key share, signed so the client knows it is the server's");
    free(sig);
    return ok;
}

static bool answer_client_hello(actor *a, const client_hello *ch)
{
    memcpy(a->client_random, ch->random, 32);
    a->client_version = ch->version;
    /* A session offered and found: the abbreviated handshake (sim/resume.c). */
    int resume = resume_server_lookup(a, ch);
    if (resume != 0)
        return resume > 0 && resume_server_abbreviated(a, ch);
    if (!choose(a, ch))
        return false;
    hs_shape shape = {.kex = a->suite->kex, .client_auth = a->sc->client_auth,
                      .client_has_cert = true, .anonymous = suite_anonymous(a->suite)};
    hs_cursor_reshape(&a->cursor, &shape);
    /* Secure renegotiation is acknowledged when the client signalled it, by the
     * extension or by the SCSV (RFC 5746 3.6). */
    bool scsv = false;
    for (size_t i = 0; i < ch->n_suites; i++)
        scsv |= ch->suites[i] == 0x00ff;
    server_hello sh = {.version = TLS12_VERSION, .suite = a->suite->code, .ems = a->ems,
                       .reneg_info = ch->reneg_info || scsv, .point_formats = ch->point_formats};
    if (!rng_bytes(a->rng, sh.random, 32) || !resume_server_full_hello(a, ch, &sh))
        return false;
    memcpy(a->server_random, sh.random, 32);
    BUILD(a, hs_build_server_hello(w, &sh), "the server picks the suite and adds its own random");
    const pkey *key = NULL;
    if (!suite_anonymous(a->suite)) {
        certificate_msg cm;
        key = server_chain(a, &cm);
        BUILD(a, hs_build_certificate(w, &cm), "the server's certificate chain: leaf, then intermediate");
    }
    if (a->suite->kex != HS_KEX_RSA && !send_server_key_exchange(a, key))
        return false;
    if (a->sc->client_auth) {
        certificate_request cr = {.n_types = 2, .types = {1, 64}};
        const uint16_t *algs;
        uint16_t sig_codes[SIG_SCHEMES_MAX_OFFERED];
        cr.n_sig_algs = sig_schemes_offered(&algs);
        memcpy(sig_codes, algs, cr.n_sig_algs * sizeof *algs);
        cr.sig_algs = sig_codes;
        BUILD(a, hs_build_certificate_request(w, &cr), "mutual TLS: the server wants the client's "
                                                       "certificate too");
    }
    BUILD(a, hs_build_server_hello_done(w), "the server's first flight is complete");
    return true;
}

static bool on_client_hello(actor *a, reader *r)
{
    client_hello ch;
    bool ok = hs_parse_client_hello(r, &ch) && answer_client_hello(a, &ch);
    hs_client_hello_free(&ch);
    return ok;
}

/* RFC 5246 7.4.7.1: decrypt, and on any problem carry on with a random premaster so
 * that the failure shows only at Finished, not as a different alert (Bleichenbacher). */
static bool rsa_premaster(actor *a, const client_key_exchange *cke, uint8_t pms[48])
{
    uint8_t fallback[48];
    if (!rng_bytes(a->rng, fallback, 48))
        return false;
    uint8_t *out = NULL;
    size_t out_len = 0;
    bool padding_ok = false;
    pk_detail d;
    if (!pkey_rsa_decrypt(server_key(a), cke->data, cke->len, &out, &out_len, &padding_ok, &d))
        return false;
    bool version_ok = padding_ok && out_len == 48 && out[0] == (uint8_t)(a->client_version >> 8) &&
                      out[1] == (uint8_t)a->client_version;
    memcpy(pms, version_ok ? out : fallback, 48);
    trace_event *e = actor_compute(a, "premaster secret (RSA decryption)",
                                   version_ok ? "the server decrypts the premaster with its private key"
                                              : "the block is malformed: the server silently uses a "
                                                "random premaster instead (RFC 5246 7.4.7.1), so the "
                                                "handshake fails later at Finished");
    if (e) {
        trace_set_formula(e, "pre_master_secret = RSAES-PKCS1-v1_5-Decrypt(server_private_key, "
                             "encrypted_pre_master_secret)");
        trace_add_input(e, "encrypted_pre_master_secret", cke->data, cke->len, NULL);
        if (d.block)
            trace_add_output(e, "decrypted block", d.block, d.block_len,
                             pkcs1_block_explain(&d));
        trace_add_output(e, "pre_master_secret", pms, 48, NULL);
    }
    pk_detail_free(&d);
    free(out);
    return true;
}

static bool on_client_key_exchange(actor *a, reader *r)
{
    cke_kind kind = a->suite->kex == HS_KEX_RSA ? CKE_RSA : a->suite->kex == HS_KEX_DHE ? CKE_DHE : CKE_ECDHE;
    client_key_exchange cke;
    if (!hs_parse_client_key_exchange(r, kind, &cke))
        return false;
    uint8_t pms[KEX_MAX_SHARED];
    size_t pms_len = 48;
    if (kind == CKE_RSA) {
        if (!rsa_premaster(a, &cke, pms))
            return false;
    } else {
        if (!actor_dh_shared(a, cke.data, cke.len, pms, &pms_len))
            return false;
        uint8_t pub[KEX_MAX_PUBLIC];
        size_t pub_len = sizeof pub;
        kex_public(&a->kx, pub, &pub_len);
        actor_record_dh_premaster(a, pub, pub_len, cke.data, cke.len, pms, pms_len);
    }
    /* The extended master secret's session hash ends with this message (RFC 7627 3). */
    wr_bytes(&a->transcript, r->base, r->end, NULL);
    return actor_derive_keys(a, pms, pms_len);
}

static bool on_client_certificate(actor *a, reader *r)
{
    certificate_msg cm;
    if (!hs_parse_certificate(r, &cm))
        return false;
    if (cm.n == 0) {
        hs_shape shape = a->cursor.shape;
        shape.client_has_cert = false;
        hs_cursor_reshape(&a->cursor, &shape);
        /* OpenSSL with -Verify answers a missing client certificate with handshake_failure. */
        err_set(&a->err, ALERT_HANDSHAKE_FAILURE, "the client sent no certificate, but one is required");
        actor_verify(a, "client certificate present", false, ALERT_HANDSHAKE_FAILURE, "%s",
                     a->err.msg);
        return false;
    }
    return actor_receive_chain(a, &cm, X509_PURPOSE_CLIENT, NULL);
}

static bool on_certificate_verify(actor *a, reader *r)
{
    digitally_signed cv;
    if (!hs_parse_certificate_verify(r, &cv))
        return false;
    const uint16_t *algs;
    size_t n = sig_schemes_offered(&algs);
    bool ok = actor_check_signature(a, "CertificateVerify signature", &a->peer[0], cv.scheme,
                                    a->transcript.buf, a->transcript.len, cv.sig, cv.sig_len, algs, n);
    wr_bytes(&a->transcript, r->base, r->end, NULL);
    return ok;
}

static bool finish(actor *a)
{
    if (!resume_server_keep(a)) /* the new session: cached, or sealed into a ticket */
        return false;
    actor_send_change_cipher_spec(a);
    /* server-data-before-finished: the response goes where Finished belongs. */
    if (actor_hook_skip(a, FP_SEND_FINISHED))
        return actor_send_app_data(a, (const uint8_t *)response, sizeof response - 1,
                                   "application data (response), with no Finished before it");
    uint8_t vd[TLS12_VERIFY_LEN];
    if (!actor_verify_data(a, false, vd))
        return false;
    BUILD(a, hs_build_finished(w, vd), "the server's proof that it saw the same handshake");
    return true;
}

/* A ClientHello after the handshake asks to renegotiate. tlssim never does: the
 * server says no with a warning, as OpenSSL's s_server does by default (RFC 5246
 * 7.2.2), and the connection goes on. */
static bool decline_renegotiation(actor *a, const uint8_t *msg, size_t len)
{
    trace_add(a->t, ACTOR_SERVER, EV_NOTE, "ClientHello after the handshake: declined",
              "the client asks for a new handshake on this connection (renegotiation); "
              "tlssim does not renegotiate, so the server says no with a warning",
              msg, len);
    actor_send_warning(a, ALERT_NO_RENEGOTIATION,
                       "the server declines to renegotiate (RFC 5246 7.2.2)");
    return true;
}

static bool server_handshake(actor *a, const uint8_t *msg, size_t len)
{
    uint8_t type = msg[0];
    if (type == HS_CLIENT_HELLO && hs_cursor_expected(&a->cursor) == STEP_COUNT)
        return decline_renegotiation(a, msg, len);
    if (!hs_cursor_accept(&a->cursor, ACTOR_CLIENT, CT_HANDSHAKE, type, &a->err))
        return false;
    tls_err perr;
    err_init(&perr);
    reader r;
    rd_init(&r, msg, len, &perr, NULL, hs_type_name(type));
    /* Added to the transcript before handling, except where the handling must see
     * the transcript without the message (CertificateVerify, Finished) or up to it. */
    if (type == HS_CLIENT_HELLO || type == HS_CERTIFICATE)
        wr_bytes(&a->transcript, msg, len, NULL);
    bool ok = true;
    switch (type) {
    case HS_CLIENT_HELLO:
        ok = on_client_hello(a, &r);
        break;
    case HS_CERTIFICATE:
        ok = on_client_certificate(a, &r);
        break;
    case HS_CLIENT_KEY_EXCHANGE:
        ok = on_client_key_exchange(a, &r);
        break;
    case HS_CERTIFICATE_VERIFY:
        ok = on_certificate_verify(a, &r);
        break;
    case HS_FINISHED:
        /* Resumed, the server already finished: the client's Finished ends it. */
        ok = actor_check_finished(a, msg, len) && (a->resume.resumed || finish(a));
        break;
    default:
        break;
    }
    if (err_is_set(&perr))
        err_set(&a->err, perr.alert, "%s", perr.msg);
    return ok && !err_is_set(&a->err);
}

static bool server_app_data(actor *a, const uint8_t *p, size_t n)
{
    trace_add(a->t, ACTOR_SERVER, EV_NOTE, "request received",
              "the client's request arrived, decrypted and authenticated", p, n);
    bool ok = actor_send_app_data(a, (const uint8_t *)response, sizeof response - 1,
                                  "application data (response)");
    if (ok && a->t->result.outcome == OUTCOME_NONE) {
        a->t->result.outcome = OUTCOME_OK; /* data went both ways */
        snprintf(a->t->result.suite, sizeof a->t->result.suite, "%s", a->suite->name);
    }
    /* One request, one response, then the server closes (as HTTP/1.0 servers do). */
    if (ok) {
        actor_send_close_notify(a);
        a->done = true;
    }
    return ok;
}

static const actor_handlers server_handlers = {server_handshake, NULL, server_app_data};

void server_receive(actor *a, const uint8_t *p, size_t n)
{
    actor_receive(a, p, n, &server_handlers);
    resume_server_forget(a); /* after a fatal alert, the session is not kept */
}
