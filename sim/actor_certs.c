/* Receiving a certificate chain: each certificate parsed, then every check of the
 * validator recorded in the trace with what it compared. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/x509_verify.h"
#include "sim/actor.h"
#include "sim/actor_certs.h"
#include "sim/cert_alerts.h"
#include "base/alert.h"
#include "base/fmt.h"
#include "sim/recompute.h"
#include "sim/suites.h"

bool actor_receive_chain(actor *a, const certificate_msg *m, x509_purpose purpose,
                         const char *hostname)
{
    tls_err perr;
    /* An empty list has nothing to parse: the validator's first check says so. */
    if (m->n && (a->peer || !(a->peer = calloc(m->n, sizeof *a->peer)))) {
        err_set(&a->err, ALERT_INTERNAL_ERROR, "no room for the peer's chain");
        return false;
    }
    for (size_t i = 0; i < m->n; i++) {
        err_init(&perr);
        if (!x509_parse_unannotated(m->cert[i], m->len[i], &a->peer[a->n_peer], &perr)) {
            x509_free(&a->peer[a->n_peer]);
            /* OpenSSL answers an unparsable certificate with decode_error. */
            err_set(&a->err, ALERT_DECODE_ERROR, "certificate %zu: %s", i, perr.msg);
            return false;
        }
        a->n_peer++;
    }
    /* The server always trusts the demo root for client certificates; the client
     * trusts --cafile's anchors when given. */
    bool own = a->id == ACTOR_CLIENT && a->sc->anchors;
    const x509_cert *anchors = own ? a->sc->anchors : &a->sc->pki->e[PKI_ROOT].cert;
    size_t n_anchors = own ? a->sc->n_anchors : 1;
    x509_verify_opts o = {.now = a->sc->now, .purpose = purpose, .hostname = hostname};
    x509_verdict v;
    x509_verify_chain(a->peer, a->n_peer, anchors, n_anchors, &o, &v);
    for (size_t i = 0; i < v.n; i++) {
        const x509_check *c = &v.checks[i];
        char title[96];
        fmt(title, sizeof title, "certificate check: %s (depth %d)", c->name, c->depth);
        actor_verify(a, title, c->ok, cert_alert_for(c->code), "%s%s%s", c->detail, c->ok ? "" : " — ",
                     c->ok ? "" : c->reason);
    }
    if (!v.ok) {
        const x509_check *f = &v.checks[v.first_failure];
        err_set(&a->err, cert_alert_for(f->code), "certificate check '%s' failed at depth %d: %s", f->name,
                f->depth, f->reason);
    }
    bool ok = v.ok;
    x509_verdict_free(&v);
    return ok;
}

/* The signed data cut into what it is made of: the ServerKeyExchange's parts or the
 * handshake messages a CertificateVerify covers (sim/recompute.c). */
static void signed_parts(actor *a, trace_event *e, const char *title, const uint8_t *tbs,
                         size_t n)
{
    if (strcmp(title, "ServerKeyExchange signature") == 0)
        recompute_ske_parts(e, tbs, n, a->suite && a->suite->kex == HS_KEX_ECDHE);
    else if (strcmp(title, "CertificateVerify signature") == 0)
        recompute_cv_parts(e, a->t, tbs, n);
}

bool actor_check_signature(actor *a, const char *title, const x509_cert *signer, uint16_t scheme,
                           const uint8_t *tbs, size_t tbs_len, const uint8_t *sig, size_t sig_len,
                           const uint16_t *allowed, size_t n_allowed)
{
    const sig_scheme_info *s = sig_scheme_by_code(scheme);
    bool offered = false;
    for (size_t i = 0; i < n_allowed; i++)
        offered |= allowed[i] == scheme;
    if (!s || !offered) {
        /* RFC 5246 7.4.1.4.1: only what was offered may be used. */
        err_set(&a->err, ALERT_ILLEGAL_PARAMETER, "%s: signature scheme 0x%04x was not offered",
                title, scheme);
        actor_verify(a, title, false, ALERT_ILLEGAL_PARAMETER, "%s", a->err.msg);
        return false;
    }
    bool valid = false;
    pk_detail d;
    bool ran = signer->pubkey_ok &&
               pkey_verify(&signer->pubkey, s->kind, s->hash, tbs, tbs_len, sig, sig_len, &valid, &d);
    trace_event *e = actor_verify(a, title, ran && valid, ALERT_DECRYPT_ERROR,
                                  "%s signature checked with the public key of '%s' (%s): %s",
                                  s->name, signer->subject_str, signer->pubkey_desc,
                                  !ran ? "could not be checked" : valid ? "valid" : "does not match");
    if (e && ran) {
        trace_add_input(e, "signed data", tbs, tbs_len, NULL);
        signed_parts(a, e, title, tbs, tbs_len);
        trace_add_input(e, "digest", d.digest, d.digest_len, NULL);
        if (d.block)
            trace_add_input(e, "decrypted signature block", d.block, d.block_len,
                            s->kind == SIG_RSA_PSS
                                ? "PSS encoding (RFC 8017 9.1.1): maskedDB (hides the salt), "
                                  "H = hash(zeros + digest + salt), then bc"
                                : "PKCS#1 padding: 00 01 FF..FF 00 DigestInfo(digest)");
        trace_add_input(e, "signature", sig, sig_len, NULL);
        recompute_signature(e, &signer->pubkey, s->kind, s->hash, tbs, tbs_len, sig, sig_len);
    }
    if (ran)
        pk_detail_free(&d);
    if (!ran || !valid)
        err_set(&a->err, ALERT_DECRYPT_ERROR, "%s: the signature does not verify", title);
    return ran && valid;
}

bool actor_sign(actor *a, const char *title, const pkey *key, const uint16_t *peer_algs,
                size_t n, const uint8_t *tbs, size_t tbs_len, uint16_t *scheme, uint8_t **sig,
                size_t *sig_len)
{
    const sig_scheme_info *s = sig_scheme_choose(key, peer_algs, n);
    if (!s) {
        err_set(&a->err, ALERT_HANDSHAKE_FAILURE, "%s: no signature scheme both sides support",
                title);
        return false;
    }
    pk_detail d;
    if (!pkey_sign(key, s->kind, s->hash, tbs, tbs_len, a->rng, sig, sig_len, &d)) {
        err_set(&a->err, ALERT_INTERNAL_ERROR, "%s: signing failed", title);
        return false;
    }
    *scheme = s->code;
    trace_event *e = actor_compute(a, title, "signed with the private key of the certificate");
    if (e) {
        trace_set_formula(e, "signature = %s(private_key, %s(signed data))", s->name,
                          hash_name(s->hash));
        trace_add_input(e, "signed data", tbs, tbs_len, NULL);
        signed_parts(a, e, title, tbs, tbs_len);
        trace_add_input(e, "digest", d.digest, d.digest_len, NULL);
        trace_add_output(e, "signature", *sig, *sig_len, NULL);
        recompute_signature(e, key, s->kind, s->hash, tbs, tbs_len, *sig, *sig_len);
    }
    pk_detail_free(&d);
    return true;
}
