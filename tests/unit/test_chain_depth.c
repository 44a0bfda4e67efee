/* Chains as long as OpenSSL verifies them, and no longer: its default verify depth
 * is 100, so a leaf, 100 CAs and the trust anchor pass, and one CA more is
 * "certificate chain too long" (X509_V_ERR_CERT_CHAIN_TOO_LONG, 22), which OpenSSL
 * answers with unknown_ca. Both chains are also given to `openssl verify`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "crypto/crypto.h"
#include "crypto/pki.h"
#include "crypto/x509_verify.h"
#include "base/alert.h"
#include "sim/cert_alerts.h"
#include "tests/unit/helpers.h"

#define MAX_CAS 101

/* root, then n CAs each issued by the one before, then a leaf: chain[0] is the leaf,
 * chain[1..n] the CAs from the leaf's issuer up. One key signs everything: the names
 * make the chain, and building it stays quick. */
static void build_chain(size_t n, const pkey *k, rng *r, x509_cert *root, x509_cert *chain)
{
    tls_err err;
    err_init(&err);
    int64_t from = pki_date("2026-01-01"), to = pki_date("2027-01-01");
    x509_spec s = {.subject_cn = "depth root", .subject_key = k, .issuer_key = k, .serial = 1,
                   .not_before = from, .not_after = to, .basic_constraints = true, .ca = true,
                   .path_len = -1, .key_usage = true, .key_usage_bits = KU_KEY_CERT_SIGN};
    assert_true(pki_issue(&s, r, root, &err));
    const x509_cert *issuer = root;
    static char names[MAX_CAS + 1][32];
    for (size_t i = 0; i < n; i++) {
        snprintf(names[i], sizeof names[i], "depth CA %zu", i + 1);
        s.subject_cn = names[i];
        s.issuer = issuer;
        assert_true(pki_issue(&s, r, &chain[n - i], &err));
        issuer = &chain[n - i];
    }
    x509_spec leaf = {.subject_cn = "server.test", .issuer = issuer, .subject_key = k,
                      .issuer_key = k, .serial = 2, .not_before = from, .not_after = to,
                      .basic_constraints = true, .ca = false, .path_len = -1,
                      .key_usage = true, .key_usage_bits = KU_DIGITAL_SIGNATURE,
                      .eku = EKU_SERVER_AUTH, .dns_names = {"server.test"}, .n_dns = 1};
    assert_true(pki_issue(&leaf, r, &chain[0], &err));
}

/* What `openssl verify` says of the same chain: 0 for OK, else its error number. */
static int openssl_verdict(const x509_cert *root, const x509_cert *chain, size_t n)
{
    const char *dir = test_tmpdir();
    tls_err err;
    err_init(&err);
    /* One file per certificate (the PEM writer takes a few at a time), then joined. */
    for (size_t i = 1; i <= n; i++) {
        char name[32];
        snprintf(name, sizeof name, "ca%03zu.pem", i);
        const x509_cert *c = &chain[i];
        assert_true(pki_write_certs(dir, name, &c, 1, &err));
    }
    assert_true(pki_write_certs(dir, "root.pem", &root, 1, &err));
    const x509_cert *leaf = &chain[0];
    assert_true(pki_write_certs(dir, "leaf.pem", &leaf, 1, &err));
    sh("cd '%s' && cat ca*.pem >untrusted.pem && rm ca*.pem && openssl verify -attime %lld "
       "-CAfile root.pem -untrusted untrusted.pem leaf.pem >out.txt 2>&1",
       dir, (long long)pki_date("2026-06-01"));
    char path[256];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    size_t len = 0;
    char *out = (char *)slurp(path, &len);
    assert_non_null(out);
    out = realloc(out, len + 1);
    out[len] = '\0';
    int code = -1;
    const char *e = strstr(out, "error ");
    if (strstr(out, "leaf.pem: OK"))
        code = 0;
    else if (e)
        code = atoi(e + 6);
    free(out);
    return code;
}

static void depth_limit_matches_openssl(void **state)
{
    (void)state;
    rng r;
    assert_true(rng_init_seeded(&r, 3));
    pkey k;
    assert_true(pkey_generate_ec(&k, CURVE_P256, &r));
    for (size_t n = 100; n <= 101; n++) {
        x509_cert root, chain[MAX_CAS + 1];
        build_chain(n, &k, &r, &root, chain);
        x509_verify_opts o = {.now = pki_date("2026-06-01"), .purpose = X509_PURPOSE_SERVER,
                              .hostname = "server.test"};
        x509_verdict v;
        bool ok = x509_verify_chain(chain, n + 1, &root, 1, &o, &v);
        int theirs = openssl_verdict(&root, chain, n);
        if (n == 100) {
            assert_true(ok);
            assert_int_equal(theirs, 0);
        } else {
            assert_false(ok);
            const x509_check *f = &v.checks[v.first_failure];
            assert_string_equal(f->name, "chain length");
            assert_int_equal(f->code, 22);
            assert_int_equal(cert_alert_for(f->code), ALERT_UNKNOWN_CA);
            assert_int_equal(theirs, 22);
        }
        x509_verdict_free(&v);
        x509_free(&root);
        for (size_t i = 0; i <= n; i++)
            x509_free(&chain[i]);
    }
    pkey_free(&k);
    rng_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(depth_limit_matches_openssl),
    };
    return cmocka_run_group_tests_name("chain depth", tests, NULL, NULL);
}
