/* Signed data in parts and the private keys shown (sim/recompute.c, kex_private):
 * on OpenSSL's own ServerKeyExchange (tests/vectors/tls12_openssl) the parts are the
 * ClientHello and ServerHello randoms and the params OpenSSL sent; in simulated runs
 * the parts put together are the signed data, each part is the bytes of the message
 * or field it names, and each private key shown gives its side's public value. */
/* libtomcrypt's mp_ macros, for g^x mod p below */
#define LTC_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <sodium.h>

#include "sim/engine.h"
#include "sim/hs_msg.h"
#include "sim/recompute.h"
#include "sim/suites.h"
#include "tests/unit/helpers.h"
#include "tests/unit/pki_fixture.h"
#include "tests/unit/test_rng.h"

static void defaults(scenario *sc, const char *suite, kex_group g, bool client_auth)
{
    scenario_defaults(sc);
    sc->pki = &p;
    sc->seeded = true;
    sc->seed = 13;
    x509_parse_date("2026-06-01", &sc->now);
    sc->suite = suite_by_name(suite);
    assert_non_null(sc->suite);
    sc->group = g;
    sc->client_auth = client_auth;
}

/* The inputs from first to last, put together, must be the input "signed data". */
static void parts_make_signed_data(const trace_event *e, const char *first, size_t n_parts)
{
    const trace_blob *all = trace_event_input(e, "signed data");
    assert_non_null(all);
    size_t i = 0;
    while (i < e->n_inputs && strcmp(e->inputs[i].name, first) != 0)
        i++;
    assert_true(i + n_parts <= e->n_inputs);
    size_t at = 0;
    for (size_t k = i; k < i + n_parts; k++) {
        assert_true(at + e->inputs[k].len <= all->len);
        assert_memory_equal(all->data + at, e->inputs[k].data, e->inputs[k].len);
        at += e->inputs[k].len;
    }
    assert_int_equal(at, all->len);
}

static const trace_event *find(const trace *t, const char *id, size_t from)
{
    for (size_t i = from; i < t->n; i++)
        if (strcmp(t->ev[i].id, id) == 0)
            return &t->ev[i];
    return NULL;
}

/* The bytes of the field at path in event e. */
static const uint8_t *field(const trace_event *e, const char *path, size_t *len)
{
    char got[256];
    for (size_t i = 0; i < e->fields.n; i++)
        if (trace_field_path(e, i, got, sizeof got) && strcmp(got, path) == 0) {
            *len = e->fields.v[i].length;
            return e->bytes + e->fields.v[i].offset;
        }
    return NULL;
}

static void ske_parts_are_the_messages(const trace *t, const char *id, bool ecdhe)
{
    const trace_event *e = find(t, id, 0);
    assert_non_null(e);
    parts_make_signed_data(e, "client_random", 3);
    const char *params = ecdhe ? "ServerECDHParams" : "ServerDHParams";
    const trace_blob *pb = trace_event_input(e, params);
    assert_non_null(pb);
    /* The params' fields, one after the other, are the params. */
    size_t at = 0;
    const char *names[2][3] = {{"dh_p", "dh_g", "dh_Ys"}, {"curve_type", "namedcurve", "public"}};
    for (int i = 0; i < 3; i++) {
        const trace_blob *b = trace_event_input(e, names[ecdhe][i]);
        assert_non_null(b);
        assert_memory_equal(pb->data + at, b->data, b->len);
        at += b->len;
    }
    assert_int_equal(at, pb->len);
    /* Each part is what its message carried. */
    size_t n;
    const uint8_t *cr = field(find(t, "ClientHello", 0), "ClientHello.random", &n);
    assert_non_null(cr);
    assert_int_equal(n, 32);
    assert_memory_equal(trace_event_input(e, "client_random")->data, cr, 32);
    const uint8_t *sr = field(find(t, "ServerHello", 0), "ServerHello.random", &n);
    assert_non_null(sr);
    assert_memory_equal(trace_event_input(e, "server_random")->data, sr, 32);
    const trace_event *ske = find(t, "ServerKeyExchange", 0);
    assert_non_null(ske);
    assert_true(ske->len >= 4 + pb->len);
    assert_memory_equal(ske->bytes + 4, pb->data, pb->len); /* the params open the body */
    const uint8_t *pub = field(ske, ecdhe ? "ServerKeyExchange.public" : "ServerKeyExchange.dh_Ys", &n);
    assert_non_null(pub);
    const trace_blob *last = trace_event_input(e, ecdhe ? "public" : "dh_Ys");
    assert_int_equal(last->len, n);
    assert_memory_equal(last->data, pub, n);
}

static void run_scenario(trace *t, const char *suite, kex_group g, bool client_auth)
{
    scenario sc;
    defaults(&sc, suite, g, client_auth);
    trace_init(t);
    assert_true(engine_run(&sc, t));
    assert_int_equal(t->result.outcome, OUTCOME_OK);
}

static void ske_parts_ecdhe(void **state)
{
    (void)state;
    trace t;
    run_scenario(&t, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", GROUP_X25519, false);
    ske_parts_are_the_messages(&t, "ske_signature", true);
    ske_parts_are_the_messages(&t, "check.ske_signature", true);
    trace_free(&t);
}

static void ske_parts_dhe(void **state)
{
    (void)state;
    trace t;
    run_scenario(&t, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", GROUP_FFDHE2048, false);
    ske_parts_are_the_messages(&t, "ske_signature", false);
    ske_parts_are_the_messages(&t, "check.ske_signature", false);
    trace_free(&t);
}

/* CertificateVerify: every message from ClientHello to ClientKeyExchange, by id, in
 * the order sent; each part the bytes of that message's event. */
static void cv_parts_are_the_messages(void **state)
{
    (void)state;
    trace t;
    run_scenario(&t, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", GROUP_SECP256R1, true);
    const char *want[] = {"ClientHello",        "ServerHello",     "Certificate",
                          "ServerKeyExchange",  "CertificateRequest", "ServerHelloDone",
                          "Certificate",        "ClientKeyExchange"};
    const char *ids[] = {"certificate_verify_signature", "check.certificate_verify"};
    for (int s = 0; s < 2; s++) {
        const trace_event *e = find(&t, ids[s], 0);
        assert_non_null(e);
        parts_make_signed_data(e, "ClientHello", 8);
        size_t i = 0;
        while (strcmp(e->inputs[i].name, "ClientHello") != 0)
            i++;
        size_t from = 0;
        for (size_t k = 0; k < 8; k++) {
            assert_string_equal(e->inputs[i + k].name, want[k]);
            const trace_event *m = find(&t, want[k], from);
            while (m && m->kind != EV_MESSAGE)
                m = find(&t, want[k], (size_t)(m - t.ev) + 1);
            assert_non_null(m);
            assert_int_equal(m->len, e->inputs[i + k].len);
            assert_memory_equal(m->bytes, e->inputs[i + k].data, m->len);
            from = (size_t)(m - t.ev) + 1;
        }
        assert_string_equal(trace_event_text(e, "signed_messages"),
                            "ClientHello, ServerHello, Certificate, ServerKeyExchange, "
                            "CertificateRequest, ServerHelloDone, Certificate, "
                            "ClientKeyExchange");
    }
    trace_free(&t);
}

/* OpenSSL's ServerKeyExchange: the parts are its randoms and params. */
static void ske_parts_of_openssl_session(void **state)
{
    (void)state;
    uint8_t *rec[6] = {0};
    size_t rl[6] = {0};
    if (load_openssl_records(rec, rl, NULL, 6) != 6) {
        fail_msg("the OpenSSL session's first six records are missing");
        return;
    }
    tls_err err;
    reader r;
    client_hello ch;
    server_hello sh;
    server_key_exchange ske;
    err_init(&err);
    rd_init(&r, rec[0] + 5, rl[0] - 5, &err, NULL, "ClientHello");
    assert_true(hs_parse_client_hello(&r, &ch));
    rd_init(&r, rec[1] + 5, rl[1] - 5, &err, NULL, "ServerHello");
    assert_true(hs_parse_server_hello(&r, &sh));
    rd_init(&r, rec[3] + 5, rl[3] - 5, &err, NULL, "ServerKeyExchange");
    assert_true(hs_parse_server_key_exchange(&r, true, &ske));
    uint8_t tbs[64 + 128];
    memcpy(tbs, ch.random, 32);
    memcpy(tbs + 32, sh.random, 32);
    memcpy(tbs + 64, rec[3] + 5 + ske.params_off, ske.params_len);
    trace t;
    trace_init(&t);
    trace_event *e = trace_add(&t, ACTOR_CLIENT, EV_VERIFY, "ServerKeyExchange signature", NULL,
                               NULL, 0);
    assert_non_null(e);
    assert_true(trace_add_input(e, "signed data", tbs, 64 + ske.params_len, NULL));
    assert_true(recompute_ske_parts(e, tbs, 64 + ske.params_len, true));
    parts_make_signed_data(e, "client_random", 3);
    assert_memory_equal(trace_event_input(e, "client_random")->data, ch.random, 32);
    assert_memory_equal(trace_event_input(e, "server_random")->data, sh.random, 32);
    const trace_blob *pub = trace_event_input(e, "public");
    assert_int_equal(pub->len, 1 + ske.pub_len);
    assert_int_equal(pub->data[0], ske.pub_len);
    assert_memory_equal(pub->data + 1, ske.pub, ske.pub_len);
    assert_int_equal(trace_event_input(e, "namedcurve")->data[1], 29);
    /* Params cut short or too long are not shown as parts. */
    size_t before = e->n_inputs;
    assert_false(recompute_ske_parts(e, tbs, 64 + ske.params_len - 1, true));
    assert_false(recompute_ske_parts(e, tbs, 63, true));
    assert_false(recompute_ske_parts(e, tbs, 64 + ske.params_len, false));
    assert_int_equal(e->n_inputs, before);
    trace_free(&t);
    hs_client_hello_free(&ch);
    for (int i = 0; i < 6; i++)
        free(rec[i]);
}

/* The private key shown is the one behind the public value sent. */
static void private_keys_give_the_public_values(void **state)
{
    (void)state;
    kex_group groups[] = {GROUP_X25519, GROUP_SECP256R1, GROUP_SECP384R1, GROUP_FFDHE2048};
    for (size_t i = 0; i < sizeof groups / sizeof *groups; i++) {
        kex_keypair kp;
        assert_true(kex_generate(groups[i], &kp, test_rng()));
        uint8_t priv[KEX_MAX_PUBLIC], pub[KEX_MAX_PUBLIC], want[KEX_MAX_PUBLIC];
        size_t priv_len = sizeof priv, pub_len = sizeof pub, want_len = sizeof want;
        assert_true(kex_private(&kp, priv, &priv_len));
        assert_true(kex_public(&kp, pub, &pub_len));
        if (groups[i] == GROUP_X25519) {
            assert_int_equal(priv_len, 32);
            assert_int_equal(crypto_scalarmult_curve25519_base(want, priv), 0);
            want_len = 32;
        } else if (groups[i] == GROUP_FFDHE2048) {
            /* Y = g^x mod p with g = 2 (RFC 7919 A.1). */
            uint8_t p_be[256], g = 0;
            assert_true(kex_ffdhe2048_params(p_be, &g));
            void *x, *pm, *gm, *y;
            assert_int_equal(mp_init_multi(&x, &pm, &gm, &y, NULL), CRYPT_OK);
            assert_int_equal(mp_read_unsigned_bin(x, priv, (unsigned long)priv_len), CRYPT_OK);
            assert_int_equal(mp_read_unsigned_bin(pm, p_be, 256), CRYPT_OK);
            assert_int_equal(mp_set_int(gm, g), CRYPT_OK);
            assert_int_equal(mp_exptmod(gm, x, pm, y), CRYPT_OK);
            memset(want, 0, 256);
            size_t n = (size_t)mp_unsigned_bin_size(y);
            assert_int_equal(mp_to_unsigned_bin(y, want + 256 - n), CRYPT_OK);
            want_len = 256;
            mp_clear_multi(x, pm, gm, y, NULL);
        } else {
            /* The scalar imported as a private key gives the same point. */
            size_t w = groups[i] == GROUP_SECP256R1 ? 32 : 48;
            assert_int_equal(priv_len, w);
            uint8_t der[128];
            const uint8_t *pre = w == 32 ? (const uint8_t *)"\x30\x31\x02\x01\x01\x04\x20"
                                         : (const uint8_t *)"\x30\x3e\x02\x01\x01\x04\x30";
            const uint8_t *suf = w == 32 ? (const uint8_t *)"\xa0\x0a\x06\x08\x2a\x86\x48\xce\x3d\x03\x01\x07"
                                         : (const uint8_t *)"\xa0\x07\x06\x05\x2b\x81\x04\x00\x22";
            size_t sl = w == 32 ? 12 : 9;
            memcpy(der, pre, 7);
            memcpy(der + 7, priv, w);
            memcpy(der + 7 + w, suf, sl);
            pkey k;
            tls_err err;
            err_init(&err);
            assert_true(pkey_import_private(&k, der, 7 + w + sl, &err));
            assert_true(pkey_ec_point(&k, want, &want_len));
            pkey_free(&k);
        }
        assert_int_equal(pub_len, want_len);
        assert_memory_equal(pub, want, pub_len);
        kex_free(&kp);
    }
}

/* Every successful run's premaster event shows its side's private key. */
static void premaster_shows_private_key(void **state)
{
    (void)state;
    trace t;
    run_scenario(&t, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", GROUP_X25519, false);
    const trace_event *c = find(&t, "premaster_secret", 0);
    assert_non_null(c);
    assert_int_equal(c->actor, ACTOR_CLIENT);
    const trace_blob *priv = trace_event_input(c, "client_private");
    const trace_blob *pub = trace_event_input(c, "client_public");
    assert_non_null(priv);
    uint8_t want[32];
    assert_int_equal(crypto_scalarmult_curve25519_base(want, priv->data), 0);
    assert_memory_equal(pub->data, want, 32);
    assert_non_null(trace_event_text(c, "recompute"));
    const trace_event *s = find(&t, "premaster_secret", (size_t)(c - t.ev) + 1);
    assert_non_null(s);
    assert_non_null(trace_event_input(s, "server_private"));
    trace_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ske_parts_of_openssl_session),
        cmocka_unit_test(ske_parts_ecdhe),
        cmocka_unit_test(ske_parts_dhe),
        cmocka_unit_test(cv_parts_are_the_messages),
        cmocka_unit_test(private_keys_give_the_public_values),
        cmocka_unit_test(premaster_shows_private_key),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
