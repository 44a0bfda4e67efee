/* The client side of a full TLS 1.2 handshake (RFC 5246 7.3), step by step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "sim/actor_certs.h"
#include "sim/actor_keys.h"
#include "base/alert.h"
#include "sim/client.h"
#include "sim/recompute.h"
#include "sim/resume.h"

static bool build_and_send(actor *a, bool (*build)(writer *, const void *), const void *m,
                           const char *explain)
{
    annot_list al;
    annot_list_init(&al);
    writer w;
    wr_init(&w, &al);
    bool ok = build(&w, m) && actor_send_handshake(a, &w, &al, explain);
    wr_free(&w);
    annot_list_free(&al);
    return ok;
}

static bool build_client_hello(writer *w, const void *m) { return hs_build_client_hello(w, m); }
static bool build_certificate(writer *w, const void *m) { return hs_build_certificate(w, m); }
static bool build_cv(writer *w, const void *m) { return hs_build_certificate_verify(w, m); }
static bool build_finished(writer *w, const void *m) { return hs_build_finished(w, m); }

typedef struct cke_args {
    cke_kind kind;
    client_key_exchange m;
} cke_args;

static bool build_cke(writer *w, const void *m)
{
    const cke_args *c = m;
    return hs_build_client_key_exchange(w, c->kind, &c->m);
}

bool client_start(actor *a)
{
    const scenario *sc = a->sc;
    client_hello ch;
    memset(&ch, 0, sizeof ch);
    ch.version = TLS12_VERSION;
    if (!rng_bytes(a->rng, ch.random, 32))
        return false;
    memcpy(a->client_random, ch.random, 32);
    /* The client's suites and groups, its preferred first: with --suite/--group only
     * those, else every one tlssim implements (sim/scenario.h). The message points at
     * these arrays (the faults of sim/fault_plan.c may edit them in place). */
    const suite_info *suites[SCENARIO_MAX_SUITES + 1];
    uint16_t suite_codes[SCENARIO_MAX_SUITES + 1];
    size_t n_suites = scenario_suite_list(sc, suites, sizeof suites / sizeof suites[0]);
    for (size_t i = 0; i < n_suites; i++)
        suite_codes[i] = suites[i]->code;
    ch.suites = suite_codes;
    ch.n_suites = n_suites;
    snprintf(ch.server_name, sizeof ch.server_name, "%s", sc->server_name);
    kex_group groups[SCENARIO_MAX_GROUPS + 1];
    uint16_t group_codes[SCENARIO_MAX_GROUPS + 1];
    size_t n_groups = scenario_group_list(sc, groups, sizeof groups / sizeof groups[0]);
    for (size_t i = 0; i < n_groups; i++)
        group_codes[i] = (uint16_t)groups[i];
    ch.groups = group_codes;
    ch.n_groups = n_groups;
    ch.point_formats = true;
    const uint16_t *algs;
    uint16_t sig_codes[SIG_SCHEMES_MAX_OFFERED];
    ch.n_sig_algs = sig_schemes_offered(&algs);
    memcpy(sig_codes, algs, ch.n_sig_algs * sizeof *algs);
    ch.sig_algs = sig_codes;
    ch.ems = sc->ems;
    ch.reneg_info = true; /* secure renegotiation, signalled by the extension (RFC 5746 3.4) */
    resume_client_offer(a, &ch); /* a saved session, and the session_ticket extension */
    actor_hook_hello(a, &ch);
    a->client_version = ch.version;
    hs_shape shape = {.kex = sc->suite->kex, .client_auth = false, .client_has_cert = true,
                      .anonymous = suite_anonymous(sc->suite)};
    hs_cursor_init(&a->cursor, &shape);
    size_t hello_event = a->t->n; /* the message event comes first, then its record */
    bool ok = build_and_send(a, build_client_hello, &ch,
                             "the client opens: here is what I support, and a fresh random");
    if (ok && hello_event < a->t->n) /* the key log finds the session by this value */
        trace_add_output(&a->t->ev[hello_event], "client_random", a->client_random, 32, NULL);
    return ok;
}

static bool on_server_hello(actor *a, reader *r)
{
    server_hello sh;
    if (!hs_parse_server_hello(r, &sh))
        return false;
    if (sh.version != TLS12_VERSION) {
        err_set(&a->err, ALERT_PROTOCOL_VERSION, "ServerHello.version 0x%04x: only TLS 1.2 (0x0303) is spoken",
                sh.version);
        return false;
    }
    /* The scenario's own suite may be one no list holds (the anonymous demonstration). */
    a->suite = sh.suite == a->sc->suite->code ? a->sc->suite : suite_by_code(sh.suite);
    if (!a->suite || !scenario_has_suite(a->sc, sh.suite)) { /* RFC 5246 7.4.1.3 */
        err_set(&a->err, ALERT_ILLEGAL_PARAMETER, "the server chose suite 0x%04x, which was not offered",
                sh.suite);
        return false;
    }
    memcpy(a->server_random, sh.random, 32);
    a->ems = a->sc->ems && sh.ems;
    actor_verify(a, "negotiation", true, 0, "the server chose %s, %s%s", a->suite->name,
                 a->suite == a->sc->suite ? "the client's first choice" : "one the client offered",
                 a->ems ? "; extended master secret on" : "");
    hs_shape shape = {.kex = a->suite->kex, .client_auth = a->cursor.shape.client_auth,
                      .client_has_cert = true, .anonymous = suite_anonymous(a->suite)};
    hs_cursor_reshape(&a->cursor, &shape);
    return resume_client_server_hello(a, &sh); /* resumed or not: sim/resume.c */
}

/* DHE: the server's Ys, and a key pair of our own in the group it sent. */
static bool take_dh_params(actor *a, const server_key_exchange *ske)
{
    if (ske->pub_len > sizeof a->peer_public)
        return false;
    memcpy(a->peer_public, ske->pub, ske->pub_len);
    a->peer_public_len = ske->pub_len;
    /* TLS 1.2 lets a server send any group; tlssim's server sends RFC 7919's. */
    actor_verify(a, "DH group", true, 0, "%zu-bit prime%s", ske->p_len * 8,
                 kex_is_ffdhe2048(ske->p, ske->p_len, ske->g, ske->g_len)
                     ? ": RFC 7919's ffdhe2048"
                     : ", a group of the server's own choosing");
    a->have_kx = kex_generate_dh(ske->p, ske->p_len, ske->g, ske->g_len, &a->kx, a->rng, &a->err);
    return a->have_kx;
}

static bool on_server_key_exchange(actor *a, reader *r, const uint8_t *msg)
{
    server_key_exchange ske;
    bool ecdhe = a->suite->kex == HS_KEX_ECDHE;
    if (suite_anonymous(a->suite)) {
        if (!hs_parse_server_key_exchange_anon(r, &ske))
            return false;
        actor_note(a, "no signature to check",
                   "an anonymous suite: nothing ties this key share to server.test, so whoever "
                   "sent it, the client will share keys with them");
        return take_dh_params(a, &ske);
    }
    if (!hs_parse_server_key_exchange(r, ecdhe, &ske))
        return false;
    /* signed_params = client_random + server_random + params (RFC 5246 7.4.3). */
    size_t tbs_len = 64 + ske.params_len;
    uint8_t *tbs = malloc(tbs_len);
    if (!tbs)
        return false;
    memcpy(tbs, a->client_random, 32);
    memcpy(tbs + 32, a->server_random, 32);
    memcpy(tbs + 64, msg + ske.params_off, ske.params_len);
    const uint16_t *algs;
    size_t n_algs = sig_schemes_offered(&algs);
    bool ok = actor_check_signature(a, "ServerKeyExchange signature", &a->peer[0], ske.sig_scheme,
                                    tbs, tbs_len, ske.sig, ske.sig_len, algs, n_algs);
    free(tbs);
    if (!ok)
        return false;
    kex_group g = ecdhe ? (kex_group)ske.group : GROUP_FFDHE2048;
    if (ecdhe && (g == GROUP_FFDHE2048 || !scenario_has_group(a->sc, g))) { /* RFC 8422 5.4 */
        err_set(&a->err, ALERT_ILLEGAL_PARAMETER, "the server chose group %u, which was not offered",
                ske.group);
        return false;
    }
    if (!ecdhe)
        return take_dh_params(a, &ske);
    if (ske.pub_len > sizeof a->peer_public)
        return false;
    memcpy(a->peer_public, ske.pub, ske.pub_len);
    a->peer_public_len = ske.pub_len;
    a->have_kx = kex_generate(g, &a->kx, a->rng);
    return a->have_kx;
}

/* The premaster secret: RSA transport or the (EC)DH shared secret. */
static bool make_premaster(actor *a, cke_args *cke, uint8_t *pms, size_t *pms_len,
                           uint8_t **owned)
{
    if (a->suite->kex == HS_KEX_RSA) {
        /* client_version (as offered) + 46 random bytes (RFC 5246 7.4.7.1). */
        pms[0] = (uint8_t)(a->client_version >> 8);
        pms[1] = (uint8_t)a->client_version;
        if (!rng_bytes(a->rng, pms + 2, 46))
            return false;
        actor_hook_flip(a, FP_PREMASTER_VERSION, pms, 2);
        *pms_len = 48;
        pk_detail d;
        size_t ct_len = 0;
        if (!pkey_rsa_encrypt(&a->peer[0].pubkey, pms, 48, a->rng, owned, &ct_len, &d)) {
            err_set(&a->err, ALERT_INTERNAL_ERROR, "RSA encryption of the premaster failed");
            return false;
        }
        /* rsa-pms-bad-padding: block type 02 becomes 03, and the block is encrypted again. */
        if (actor_hook_flip(a, FP_PREMASTER_BLOCK, d.block, d.block_len)) {
            free(*owned);
            *owned = NULL;
            if (!pkey_rsa_public_raw(&a->peer[0].pubkey, d.block, d.block_len, owned, &ct_len)) {
                pk_detail_free(&d);
                err_set(&a->err, ALERT_INTERNAL_ERROR, "RSA encryption of the premaster failed");
                return false;
            }
        }
        trace_event *e = actor_compute(a, "premaster secret (RSA key transport)",
                                       "the client picks the premaster and encrypts it to the "
                                       "server's RSA key: whoever holds that key can read it, even "
                                       "years later");
        if (e) {
            trace_set_formula(e, "encrypted = RSAES-PKCS1-v1_5(server_public_key, pre_master_secret)");
            trace_add_output(e, "pre_master_secret", pms, 48, "client_version + 46 random bytes");
            trace_add_output(e, "padded block", d.block, d.block_len, pkcs1_block_explain(&d));
            trace_add_output(e, "encrypted_pre_master_secret", *owned, ct_len, NULL);
            recompute_rsa_block(e, *owned, ct_len);
        }
        pk_detail_free(&d);
        cke->kind = CKE_RSA;
        cke->m.data = *owned;
        cke->m.len = ct_len;
        return true;
    }
    uint8_t pub[KEX_MAX_PUBLIC];
    size_t pub_len = sizeof pub;
    if (!kex_public(&a->kx, pub, &pub_len) ||
        !actor_dh_shared(a, a->peer_public, a->peer_public_len, pms, pms_len))
        return false;
    actor_hook_edit(a, FP_KEY_SHARE, pub, &pub_len, sizeof pub);
    actor_record_dh_premaster(a, pub, pub_len, a->peer_public, a->peer_public_len, pms, *pms_len);
    *owned = malloc(pub_len);
    if (!*owned)
        return false;
    memcpy(*owned, pub, pub_len);
    cke->kind = a->suite->kex == HS_KEX_DHE ? CKE_DHE : CKE_ECDHE;
    cke->m.data = *owned;
    cke->m.len = pub_len;
    return true;
}

static const pki_entity *client_identity(const actor *a)
{
    return &a->sc->pki->e[a->suite->auth == PKEY_EC ? PKI_CLIENT_ECDSA : PKI_CLIENT_RSA];
}

/* Certificate, ClientKeyExchange, CertificateVerify, ChangeCipherSpec, Finished. */
static bool send_second_flight(actor *a)
{
    const pki_entity *me = client_identity(a);
    if (a->client_auth_requested) {
        certificate_msg cm = {.n = 0};
        if (a->sc->client_auth) {
            cm.n = 2;
            cm.cert[0] = me->cert.der;
            cm.len[0] = me->cert.der_len;
            cm.fields[0] = &me->cert.fields;
            cm.cert[1] = a->sc->pki->e[PKI_INTERMEDIATE].cert.der;
            cm.len[1] = a->sc->pki->e[PKI_INTERMEDIATE].cert.der_len;
            cm.fields[1] = &a->sc->pki->e[PKI_INTERMEDIATE].cert.fields;
            actor_hook_client_chain(a, &cm);
        } else {
            actor_note(a, "no client certificate to send",
                       "the server asks for one, but this client has none configured (no "
                       "--client-auth): it answers with an empty list (RFC 5246 7.4.6) and the "
                       "server decides whether to go on");
        }
        if (cm.n == 0) { /* no certificate, so no CertificateVerify either (RFC 5246 7.4.8) */
            hs_shape shape = a->cursor.shape;
            shape.client_has_cert = false;
            hs_cursor_reshape(&a->cursor, &shape);
        }
        if (!build_and_send(a, build_certificate, &cm,
                            cm.n ? "the client's certificate chain, as asked"
                                 : "an empty certificate list: the client has none to present"))
            return false;
    }
    cke_args cke;
    uint8_t pms[KEX_MAX_SHARED], *owned = NULL;
    size_t pms_len = 0;
    bool ok = make_premaster(a, &cke, pms, &pms_len, &owned) &&
              build_and_send(a, build_cke, &cke, "the client's half of the key exchange");
    free(owned);
    if (!ok || !actor_derive_keys(a, pms, pms_len))
        return false;
    if (a->client_auth_requested && a->cursor.shape.client_has_cert) {
        digitally_signed cv;
        uint8_t *sig = NULL;
        ok = actor_sign(a, "CertificateVerify signature", &me->key, a->peer_sig_algs,
                        a->n_peer_sig_algs, a->transcript.buf, a->transcript.len, &cv.scheme, &sig,
                        &cv.sig_len);
        if (ok)
            actor_hook_flip(a, FP_CV_SIGNATURE, sig, cv.sig_len);
        cv.sig = sig;
        ok = ok && build_and_send(a, build_cv, &cv, "proof that the client holds its key");
        free(sig);
        if (!ok)
            return false;
    }
    actor_send_change_cipher_spec(a);
    /* client-data-before-finished: the request goes where Finished belongs. */
    if (actor_hook_skip(a, FP_SEND_FINISHED))
        return actor_send_app_data(a, (const uint8_t *)a->sc->message, strlen(a->sc->message),
                                   "application data (request), with no Finished before it");
    uint8_t vd[TLS12_VERIFY_LEN];
    if (!actor_verify_data(a, true, vd))
        return false;
    actor_hook_flip(a, FP_FINISHED, vd, sizeof vd);
    return build_and_send(a, build_finished, vd, "the client's proof that it saw the same handshake");
}

/* RFC 5246 7.4.1.1: a HelloRequest asks the client to start a new handshake. During
 * one it is ignored; afterwards tlssim, which never renegotiates, declines with a
 * warning (7.2.2, RFC 5746 4.2). It is not part of the handshake hash. */
static bool on_hello_request(actor *a, const uint8_t *msg, size_t len)
{
    if (len != HS_HEADER_LEN) {
        err_set(&a->err, ALERT_DECODE_ERROR, "HelloRequest: %zu bytes of body, it has none",
                len - HS_HEADER_LEN);
        return false;
    }
    bool during = hs_cursor_expected(&a->cursor) != STEP_COUNT;
    trace_add(a->t, ACTOR_CLIENT, EV_NOTE,
              during ? "HelloRequest ignored" : "HelloRequest: renegotiation declined",
              during ? "the server asks for a new handshake while this one is still running: "
                       "the client ignores it (RFC 5246 7.4.1.1)"
                     : "the server asks for a new handshake; tlssim does not renegotiate, so "
                       "the client says no with a warning and the connection goes on",
              msg, len);
    if (!during)
        actor_send_warning(a, ALERT_NO_RENEGOTIATION,
                           "the client declines to renegotiate (RFC 5246 7.4.1.1)");
    return true;
}

static bool client_handshake(actor *a, const uint8_t *msg, size_t len)
{
    uint8_t type = msg[0];
    if (type == HS_HELLO_REQUEST)
        return on_hello_request(a, msg, len);
    if (type == HS_CERTIFICATE_REQUEST && !a->cursor.shape.client_auth) {
        hs_shape shape = a->cursor.shape;
        shape.client_auth = true;
        hs_cursor_reshape(&a->cursor, &shape);
    }
    if (!hs_cursor_accept(&a->cursor, ACTOR_SERVER, CT_HANDSHAKE, type, &a->err))
        return false;
    tls_err perr;
    err_init(&perr);
    reader r;
    rd_init(&r, msg, len, &perr, NULL, hs_type_name(type));
    bool ok = true;
    if (type != HS_FINISHED)
        wr_bytes(&a->transcript, msg, len, NULL);
    switch (type) {
    case HS_SERVER_HELLO:
        ok = on_server_hello(a, &r);
        break;
    case HS_CERTIFICATE: {
        certificate_msg cm;
        ok = hs_parse_certificate(&r, &cm) &&
             actor_receive_chain(a, &cm, X509_PURPOSE_SERVER, a->sc->server_name);
        break;
    }
    case HS_SERVER_KEY_EXCHANGE:
        ok = on_server_key_exchange(a, &r, msg);
        break;
    case HS_CERTIFICATE_REQUEST: {
        certificate_request cr;
        ok = hs_parse_certificate_request(&r, &cr) &&
             actor_keep_peer_sig_algs(a, cr.sig_algs, cr.n_sig_algs);
        a->client_auth_requested = ok;
        hs_certificate_request_free(&cr);
        break;
    }
    case HS_SERVER_HELLO_DONE:
        ok = hs_parse_server_hello_done(&r) && send_second_flight(a);
        break;
    case HS_NEW_SESSION_TICKET:
        ok = resume_client_ticket(a, &r);
        break;
    case HS_FINISHED:
        /* Resumed, the server finished first: the client's own Finished follows. */
        ok = actor_check_finished(a, msg, len) && (!a->resume.resumed || resume_client_finish(a));
        if (ok) {
            resume_client_save(a);
            actor_note(a, "handshake complete", "both Finished messages checked: the keys are "
                                                "shared and the handshake was not tampered with");
            ok = actor_send_app_data(a, (const uint8_t *)a->sc->message, strlen(a->sc->message),
                                     "application data (request)");
        }
        break;
    default:
        break;
    }
    if (err_is_set(&perr)) /* a parse failure: its alert is the parser's */
        err_set(&a->err, perr.alert, "%s", perr.msg);
    return ok && !err_is_set(&a->err);
}

static bool client_app_data(actor *a, const uint8_t *p, size_t n)
{
    trace_add(a->t, ACTOR_CLIENT, EV_NOTE, "response received",
              "the server's answer arrived, decrypted and authenticated", p, n);
    a->done = true;
    actor_send_close_notify(a);
    if (a->t->result.outcome == OUTCOME_NONE) {
        a->t->result.outcome = OUTCOME_OK;
        snprintf(a->t->result.suite, sizeof a->t->result.suite, "%s", a->suite->name);
    }
    return true;
}

static const actor_handlers client_handlers = {client_handshake, NULL, client_app_data};

void client_receive(actor *a, const uint8_t *p, size_t n)
{
    actor_receive(a, p, n, &client_handlers);
}

bool client_succeeded(const actor *a)
{
    return a->t->result.outcome == OUTCOME_OK;
}
