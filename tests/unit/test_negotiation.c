/* Negotiation with a client and a server that are configured apart (as real peers
 * are): the server takes the first suite and group of its own order that the client
 * offers and it can use, decides everything before ServerHello, and answers a hello
 * without signature_algorithms with SHA-1 (RFC 5246 7.4.1.4.1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "crypto/crypto.h"
#include "sim/actor.h"
#include "base/alert.h"
#include "sim/client.h"
#include "sim/server.h"
#include "tests/unit/pki_fixture.h"

static void defaults(scenario *sc)
{
    scenario_defaults(sc);
    sc->pki = &p;
    x509_parse_date("2026-06-01", &sc->now);
}

static void set_suites(scenario *sc, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const suite_info *s = suite_by_name(names[i]);
        assert_non_null(s);
        sc->suites[sc->n_suites++] = s;
    }
    sc->suite = sc->suites[0];
}

static void set_groups(scenario *sc, const kex_group *g, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sc->groups[sc->n_groups++] = g[i];
    sc->group = g[0];
}

static actor client, server; /* large receive buffers: kept off the stack */
static rng gen;               /* this test's generator (the runs here are not seeded) */

static bool pass(actor *from, actor *to, void (*receive)(actor *, const uint8_t *, size_t))
{
    actor_flush(from);
    if (from->out.len == 0)
        return false;
    size_t n = 0;
    uint8_t *bytes = wr_take(&from->out, &n);
    receive(to, bytes, n);
    free(bytes);
    return true;
}

/* A whole exchange between a client set up by c and a server set up by s. */
static void run(const scenario *c, const scenario *s, trace *t)
{
    trace_init(t);
    actor_init(&client, ACTOR_CLIENT, c, t, &gen);
    actor_init(&server, ACTOR_SERVER, s, t, &gen);
    server_start(&server);
    assert_true(client_start(&client));
    for (int turn = 0; turn < 16; turn++)
        if (!(pass(&client, &server, server_receive) | pass(&server, &client, client_receive)))
            break;
}

static void finish(trace *t)
{
    actor_free(&client);
    actor_free(&server);
    trace_free(t);
}

static const trace_event *find(const trace *t, actor_id who, ev_kind kind, const char *title)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->ev[i].actor == who && t->ev[i].kind == kind && strcmp(t->ev[i].title, title) == 0)
            return &t->ev[i];
    return NULL;
}

/* The client's favourite is the server's last choice: the server's order wins. */
static void server_order_wins(void **state)
{
    (void)state;
    scenario c, s;
    defaults(&c);
    defaults(&s);
    const char *const offer[] = {"TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                                 "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"};
    set_suites(&c, offer, 3);
    trace t;
    run(&c, &s, &t);
    assert_int_equal(t.result.outcome, OUTCOME_OK);
    assert_string_equal(t.result.suite, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    const trace_event *e = find(&t, ACTOR_SERVER, EV_VERIFY, "negotiation");
    assert_non_null(e);
    assert_non_null(strstr(e->reason, "the client's first: TLS_RSA_WITH_AES_128_CBC_SHA"));
    assert_non_null(strstr(e->reason, "among the 3 suites"));
    finish(&t);
}

/* The server's --suite set: only those, in its order; the client offers all. */
static void server_set_restricts(void **state)
{
    (void)state;
    scenario c, s;
    defaults(&c);
    defaults(&s);
    const char *const accept[] = {"TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"};
    set_suites(&s, accept, 2);
    trace t;
    run(&c, &s, &t);
    assert_int_equal(t.result.outcome, OUTCOME_OK);
    assert_string_equal(t.result.suite, "TLS_RSA_WITH_AES_256_CBC_SHA");
    finish(&t);
    /* A client that offers neither: handshake_failure, and nothing sent before it. */
    const char *const offer[] = {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"};
    set_suites(&c, offer, 1);
    run(&c, &s, &t);
    assert_int_equal(t.result.outcome, OUTCOME_ALERT);
    assert_int_equal(t.result.alert, ALERT_HANDSHAKE_FAILURE);
    assert_null(find(&t, ACTOR_SERVER, EV_MESSAGE, "ServerHello"));
    finish(&t);
}

/* Groups: the client's --group restricts its offer, the server's its set. */
static void groups_restrict(void **state)
{
    (void)state;
    scenario c, s;
    defaults(&c);
    defaults(&s);
    const kex_group p384[] = {GROUP_SECP384R1}, p256_x[] = {GROUP_SECP256R1, GROUP_X25519};
    set_groups(&c, p384, 1);
    trace t;
    run(&c, &s, &t);
    assert_int_equal(t.result.outcome, OUTCOME_OK);
    assert_non_null(strstr(find(&t, ACTOR_SERVER, EV_VERIFY, "negotiation")->reason, "group secp384r1"));
    finish(&t);
    defaults(&c);
    set_groups(&s, p256_x, 2);
    run(&c, &s, &t); /* the client prefers x25519; the server secp256r1 */
    assert_int_equal(t.result.outcome, OUTCOME_OK);
    assert_non_null(strstr(find(&t, ACTOR_SERVER, EV_VERIFY, "negotiation")->reason, "group secp256r1"));
    finish(&t);
    /* No group in common for ECDHE, and the server's set leaves out ffdhe2048 for
     * DHE: it falls to RSA key transport, which needs no group, as a real server does. */
    set_groups(&c, p384, 1);
    run(&c, &s, &t);
    assert_int_equal(t.result.outcome, OUTCOME_OK);
    assert_string_equal(t.result.suite, "TLS_RSA_WITH_AES_128_GCM_SHA256");
    finish(&t);
}

/* Feeds the server one ClientHello built here; returns the trace. */
static void hello_to_server(const scenario *s, client_hello *ch, trace *t)
{
    trace_init(t);
    actor_init(&server, ACTOR_SERVER, s, t, &gen);
    server_start(&server);
    annot_list al;
    annot_list_init(&al);
    writer w;
    wr_init(&w, &al);
    assert_true(hs_build_client_hello(&w, ch));
    /* One plaintext handshake record around it (RFC 5246 6.2.1). */
    uint8_t *rec = malloc(5 + w.len);
    assert_non_null(rec);
    rec[0] = CT_HANDSHAKE;
    rec[1] = 3;
    rec[2] = 3;
    rec[3] = (uint8_t)(w.len >> 8);
    rec[4] = (uint8_t)w.len;
    memcpy(rec + 5, w.buf, w.len);
    server_receive(&server, rec, 5 + w.len);
    actor_flush(&server);
    free(rec);
    wr_free(&w);
    annot_list_free(&al);
}

/* The lists of the one ClientHello a test builds at a time (room for what they add). */
static uint16_t hello_suites[8], hello_groups[8], hello_sigs[8];

static void plain_hello(client_hello *ch, uint16_t suite)
{
    memset(ch, 0, sizeof *ch);
    ch->suites = hello_suites;
    ch->groups = hello_groups;
    ch->sig_algs = hello_sigs;
    ch->version = TLS12_VERSION;
    assert_true(rng_bytes(&gen, ch->random, 32));
    ch->suites[ch->n_suites++] = suite;
    ch->groups[ch->n_groups++] = GROUP_X25519;
    ch->point_formats = true;
}

/* No signature_algorithms: SHA-1 for the certificate's key type, and a signature
 * that verifies with the certificate's key. */
static void no_sig_algs_means_sha1(void **state)
{
    (void)state;
    scenario s;
    defaults(&s);
    const struct {
        uint16_t suite;
        const char *scheme;
        pki_role leaf;
        sig_kind kind;
    } cases[] = {{0xc02f, "rsa_pkcs1_sha1", PKI_SERVER_RSA, SIG_RSA_PKCS1},
                 {0xc009, "ecdsa_sha1", PKI_SERVER_ECDSA, SIG_ECDSA}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        client_hello ch;
        plain_hello(&ch, cases[i].suite);
        trace t;
        hello_to_server(&s, &ch, &t);
        const trace_event *n = find(&t, ACTOR_SERVER, EV_VERIFY, "negotiation");
        assert_non_null(n);
        assert_true(n->ok);
        assert_non_null(strstr(n->reason, cases[i].scheme));
        assert_non_null(find(&t, ACTOR_SERVER, EV_NOTE, "legacy signature: SHA-1"));
        const trace_event *sig = find(&t, ACTOR_SERVER, EV_COMPUTE, "ServerKeyExchange signature");
        assert_non_null(sig);
        assert_non_null(strstr(sig->formula, cases[i].scheme));
        /* The signature checks out with the leaf's public key and SHA-1. */
        const trace_blob *tbs = NULL, *sg = NULL;
        for (size_t k = 0; k < sig->n_inputs; k++)
            if (strcmp(sig->inputs[k].name, "signed data") == 0)
                tbs = &sig->inputs[k];
        for (size_t k = 0; k < sig->n_outputs; k++)
            if (strcmp(sig->outputs[k].name, "signature") == 0)
                sg = &sig->outputs[k];
        if (!tbs || !sg) {
            fail_msg("the signature event lacks its signed data or signature");
            return;
        }
        bool valid = false;
        assert_true(pkey_verify(&p.e[cases[i].leaf].key, cases[i].kind, HASH_SHA1, tbs->data, tbs->len,
                                sg->data, sg->len, &valid, NULL));
        assert_true(valid);
        actor_free(&server);
        trace_free(&t);
    }
}

/* Only schemes the server cannot make: handshake_failure decided before ServerHello,
 * so neither ServerHello nor Certificate goes out (OpenSSL does the same). */
static void unusable_sig_algs_fail_before_server_hello(void **state)
{
    (void)state;
    scenario s;
    defaults(&s);
    client_hello ch;
    plain_hello(&ch, 0xc02f);
    ch.sig_algs[ch.n_sig_algs++] = 0x0301; /* rsa_pkcs1_sha224: a scheme tlssim does not sign with */
    ch.sig_algs[ch.n_sig_algs++] = 0x0807; /* ed25519: no such key */
    trace t;
    hello_to_server(&s, &ch, &t);
    assert_int_equal(t.result.outcome, OUTCOME_ALERT);
    assert_int_equal(t.result.alert, ALERT_HANDSHAKE_FAILURE);
    assert_null(find(&t, ACTOR_SERVER, EV_MESSAGE, "ServerHello"));
    assert_null(find(&t, ACTOR_SERVER, EV_MESSAGE, "Certificate"));
    const trace_event *n = find(&t, ACTOR_SERVER, EV_VERIFY, "negotiation");
    assert_non_null(n);
    assert_false(n->ok);
    assert_non_null(strstr(n->reason, "signature scheme"));
    actor_free(&server);
    trace_free(&t);
    /* With the RSA key transport suite also offered, that one needs no signature. */
    plain_hello(&ch, 0xc02f);
    ch.suites[ch.n_suites++] = 0x002f;
    ch.sig_algs[ch.n_sig_algs++] = 0x0301;
    hello_to_server(&s, &ch, &t);
    const trace_event *ok = find(&t, ACTOR_SERVER, EV_VERIFY, "negotiation");
    assert_non_null(ok);
    assert_true(ok->ok);
    assert_non_null(strstr(ok->reason, "TLS_RSA_WITH_AES_128_CBC_SHA"));
    actor_free(&server);
    trace_free(&t);
}

/* RFC 7919 4: DHE with a client that lists finite-field groups only if ffdhe2048 is
 * among them; a client that lists none may get it; one whose finite-field groups are
 * all unknown and that offers nothing else gets insufficient_security. */
static void ffdhe_groups_follow_rfc7919(void **state)
{
    (void)state;
    scenario s;
    defaults(&s);
    client_hello ch;
    plain_hello(&ch, 0x009e);
    ch.groups[0] = 0x0101; /* ffdhe3072 */
    trace t;
    hello_to_server(&s, &ch, &t);
    assert_int_equal(t.result.outcome, OUTCOME_ALERT);
    assert_int_equal(t.result.alert, ALERT_INSUFFICIENT_SECURITY);
    actor_free(&server);
    trace_free(&t);
    ch.suites[ch.n_suites++] = 0xc02f; /* and an ECDHE suite, but no curve to run it on */
    hello_to_server(&s, &ch, &t);
    assert_int_equal(t.result.alert, ALERT_INSUFFICIENT_SECURITY);
    actor_free(&server);
    trace_free(&t);
    ch.groups[ch.n_groups++] = GROUP_X25519; /* a group in common, but no suite for it */
    ch.suites[1] = 0xc02b;
    s.n_suites = 0;
    const char *const only[] = {"TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"};
    set_suites(&s, only, 2);
    hello_to_server(&s, &ch, &t);
    assert_int_equal(t.result.alert, ALERT_HANDSHAKE_FAILURE);
    actor_free(&server);
    trace_free(&t);
    defaults(&s);
    plain_hello(&ch, 0x009e); /* x25519 only: no finite-field group named, DHE is fine */
    hello_to_server(&s, &ch, &t);
    const trace_event *n = find(&t, ACTOR_SERVER, EV_VERIFY, "negotiation");
    assert_non_null(n);
    assert_true(n->ok);
    assert_non_null(strstr(n->reason, "group ffdhe2048"));
    actor_free(&server);
    trace_free(&t);
}

/* Every suite, client and server each set to it alone, completes in-process. */
static void every_suite_completes(void **state)
{
    (void)state;
    for (size_t i = 0; i < suite_count(); i++) {
        scenario c, s;
        defaults(&c);
        defaults(&s);
        const char *name = suite_at(i)->name;
        set_suites(&c, &name, 1);
        set_suites(&s, &name, 1);
        trace t;
        run(&c, &s, &t);
        assert_int_equal(t.result.outcome, OUTCOME_OK);
        assert_string_equal(t.result.suite, name);
        finish(&t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(server_order_wins),
        cmocka_unit_test(server_set_restricts),
        cmocka_unit_test(groups_restrict),
        cmocka_unit_test(no_sig_algs_means_sha1),
        cmocka_unit_test(unusable_sig_algs_fail_before_server_hello),
        cmocka_unit_test(ffdhe_groups_follow_rfc7919),
        cmocka_unit_test(every_suite_completes),
    };
    if (!rng_init_system(&gen))
        return 1;
    int failed = cmocka_run_group_tests(tests, setup, teardown);
    rng_free(&gen);
    return failed;
}
