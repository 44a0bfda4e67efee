/* The chain validator on the built-in demo PKI: host-name rules from RFC 6125 6.4.3,
 * each check recorded with what it compared, the first failure decides. Agreement
 * with `openssl verify` on every variant is tested in tests/integration/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "crypto/pki_builtin.h"
#include "crypto/x509_verify.h"
#include "base/alert.h"
#include "sim/cert_alerts.h"

static void host_names_follow_rfc6125(void **state)
{
    (void)state;
    assert_true(x509_host_matches("server.test", "server.test"));
    assert_true(x509_host_matches("Server.TEST", "server.test")); /* case-insensitive */
    assert_true(x509_host_matches("server.test.", "server.test")); /* absolute form */
    assert_false(x509_host_matches("server.test", "www.server.test"));
    assert_true(x509_host_matches("*.example.test", "www.example.test"));
    /* The wildcard stands for exactly one label, and only the left-most one. */
    assert_false(x509_host_matches("*.example.test", "a.b.example.test"));
    assert_false(x509_host_matches("*.example.test", "example.test"));
    assert_false(x509_host_matches("www.*.test", "www.example.test"));
    /* Never a wildcard over a single remaining label ("*.test" would cover a TLD). */
    assert_false(x509_host_matches("*.test", "server.test"));
    assert_false(x509_host_matches("", "server.test"));
    assert_false(x509_host_matches("*", "server"));
}

typedef struct fixture {
    pki p;
    x509_cert anchor;
} fixture;

static int setup(void **state)
{
    static fixture f;
    tls_err err;
    err_init(&err);
    if (!pki_load_builtin(&f.p, &err))
        return -1;
    f.anchor = f.p.e[PKI_ROOT].cert;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    pki_free(&f->p);
    return 0;
}

static const x509_check *first_failure(const x509_verdict *v)
{
    return v->first_failure >= 0 ? &v->checks[v->first_failure] : NULL;
}

static void verify_server(fixture *f, const x509_cert *leaf, const char *date, const char *host,
                          x509_verdict *v)
{
    x509_cert chain[2] = {*leaf, f->p.e[PKI_INTERMEDIATE].cert};
    x509_verify_opts o = {.purpose = X509_PURPOSE_SERVER, .hostname = host};
    assert_true(x509_parse_date(date, &o.now));
    x509_verify_chain(chain, 2, &f->anchor, 1, &o, v);
}

static void builtin_chain_is_valid(void **state)
{
    fixture *f = *state;
    x509_verdict v;
    verify_server(f, &f->p.e[PKI_SERVER_RSA].cert, "2026-11-24", "server.test", &v);
    assert_true(v.ok);
    assert_null(first_failure(&v));
    /* Both links' signatures were actually checked. */
    int sigs = 0;
    for (size_t i = 0; i < v.n; i++)
        sigs += strcmp(v.checks[i].name, "signature") == 0 && v.checks[i].ok;
    assert_int_equal(sigs, 2);
    x509_verdict_free(&v);
}

static void expiry_records_both_times(void **state)
{
    fixture *f = *state;
    x509_verdict v;
    verify_server(f, &f->p.e[PKI_SERVER_RSA].cert, "2036-01-01", "server.test", &v);
    const x509_check *c = first_failure(&v);
    assert_non_null(c);
    assert_string_equal(c->name, "validity");
    assert_int_equal(c->depth, 0);
    assert_int_equal(c->code, X509_V_ERR_CERT_HAS_EXPIRED);
    assert_string_equal(c->reason, "certificate has expired");
    assert_int_equal(cert_alert_for(c->code), ALERT_CERTIFICATE_EXPIRED); /* sim/ maps it */
    assert_non_null(strstr(c->detail, "2036-01-01"));
    assert_non_null(strstr(c->detail, "2035-01-01"));
    x509_verdict_free(&v);
}

static void wrong_host_names_what_was_offered(void **state)
{
    fixture *f = *state;
    x509_verdict v;
    verify_server(f, &f->p.e[PKI_SERVER_ECDSA].cert, "2026-11-24", "evil.test", &v);
    const x509_check *c = first_failure(&v);
    assert_non_null(c);
    assert_string_equal(c->name, "host name");
    assert_non_null(strstr(c->detail, "evil.test"));
    assert_non_null(strstr(c->detail, "server.test"));
    x509_verdict_free(&v);
}

static void flipped_signature_bit_is_caught(void **state)
{
    fixture *f = *state;
    const x509_cert *good = &f->p.e[PKI_SERVER_RSA].cert;
    uint8_t der[4096];
    assert_true(good->der_len <= sizeof der);
    memcpy(der, good->der, good->der_len);
    der[good->der_len - 1] ^= 0x01; /* the signature is the certificate's last field */
    x509_cert bad;
    tls_err err;
    err_init(&err);
    assert_true(x509_parse(der, good->der_len, &bad, &err));
    x509_verdict v;
    verify_server(f, &bad, "2026-11-24", "server.test", &v);
    const x509_check *c = first_failure(&v);
    assert_non_null(c);
    assert_string_equal(c->name, "signature");
    assert_int_equal(c->depth, 0);
    x509_verdict_free(&v);
    x509_free(&bad);
}

static void no_certificate_fails(void **state)
{
    fixture *f = *state;
    x509_verify_opts o = {.purpose = X509_PURPOSE_CLIENT};
    x509_verdict v;
    assert_false(x509_verify_chain(NULL, 0, &f->anchor, 1, &o, &v));
    assert_false(v.ok);
    x509_verdict_free(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(host_names_follow_rfc6125),
        cmocka_unit_test(builtin_chain_is_valid),
        cmocka_unit_test(expiry_records_both_times),
        cmocka_unit_test(wrong_host_names_what_was_offered),
        cmocka_unit_test(flipped_signature_bit_is_caught),
        cmocka_unit_test(no_certificate_fails),
    };
    return cmocka_run_group_tests_name("x509_verify", tests, setup, teardown);
}
