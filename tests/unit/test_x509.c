/* X.509 parsing and building, with OpenSSL as the reference: certificates OpenSSL
 * made parse to what `openssl x509` prints, annotations point where `openssl
 * asn1parse` says, and certificates we build are what `openssl verify` accepts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "crypto/pem.h"
#include "crypto/x509.h"
#include "crypto/x509_oid.h"
#include "base/alert.h"
#include "tests/unit/helpers.h"
#include "tests/unit/test_rng.h"

static const char *dir;

static int setup(void **state)
{
    (void)state;
    dir = test_tmpdir();
    if (!dir)
        return -1;
    /* An RSA leaf and an EC CA, made by OpenSSL. */
    return sh("cd %s && openssl req -x509 -newkey rsa:2048 -nodes -keyout rsa.key -out rsa.pem "
              "-subj '/O=Test Org/CN=a.test' -days 30 "
              "-addext 'subjectAltName=DNS:a.test,DNS:*.b.test' "
              "-addext 'keyUsage=critical,digitalSignature,keyEncipherment' "
              "-addext 'extendedKeyUsage=serverAuth,clientAuth' 2>/dev/null && "
              "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ec.key "
              "-out ec.pem -subj '/C=NL/CN=EC CA' -days 3650 "
              "-addext 'basicConstraints=critical,CA:TRUE,pathlen:1' "
              "-addext 'keyUsage=critical,keyCertSign,cRLSign' 2>/dev/null && "
              "openssl x509 -in rsa.pem -outform DER -out rsa.der && "
              "openssl x509 -in ec.pem -outform DER -out ec.der",
              dir) == 0
               ? 0
               : -1;
}

/* The first line of a command's output, with the trailing newline cut. */
static char *first_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *first_line(const char *fmt, ...)
{
    static char line[4096];
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    FILE *p = popen(cmd, "r");
    line[0] = '\0';
    if (p) {
        if (!fgets(line, sizeof line, p))
            line[0] = '\0';
        pclose(p);
    }
    line[strcspn(line, "\n")] = '\0';
    return line;
}

static void parse_file(const char *name, x509_cert *c)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t len = 0;
    uint8_t *der = slurp(path, &len);
    assert_non_null(der);
    tls_err err;
    err_init(&err);
    bool ok = x509_parse(der, len, c, &err);
    if (!ok)
        fprintf(stderr, "x509_parse: %s\n", err.msg);
    assert_true(ok);
    free(der);
}

/* "O=Test Org, CN=a.test" as OpenSSL's compat form "/O=Test Org/CN=a.test". */
static void slash_form(const char *ours, char *out, size_t n)
{
    size_t k = 0;
    out[k++] = '/';
    for (const char *s = ours; *s && k + 1 < n; s++) {
        if (s[0] == ',' && s[1] == ' ') {
            out[k++] = '/';
            s++;
        } else {
            out[k++] = *s;
        }
    }
    out[k] = '\0';
}

static void fields_match_openssl(const char *stem, x509_cert *c)
{
    char der[64], text[300];
    snprintf(der, sizeof der, "%s/%s.der", dir, stem);
    /* serial=HEX */
    const char *serial = first_line("openssl x509 -inform DER -in %s -noout -serial", der) + 7;
    char ours[80] = "";
    for (size_t i = 0; i < c->serial_len; i++)
        snprintf(ours + 2 * i, 3, "%02X", c->serial[i]);
    assert_string_equal(ours, serial);
    slash_form(c->subject_str, text, sizeof text);
    assert_string_equal(text, first_line("openssl x509 -inform DER -in %s -noout -subject -nameopt compat", der) + 8);
    slash_form(c->issuer_str, text, sizeof text);
    assert_string_equal(text, first_line("openssl x509 -inform DER -in %s -noout -issuer -nameopt compat", der) + 7);
    /* notBefore=2026-11-24 20:53:04Z */
    char when[40];
    x509_format_time(c->not_before, when, sizeof when);
    when[19] = '\0';
    char *nb = first_line("openssl x509 -inform DER -in %s -noout -startdate -dateopt iso_8601", der) + 10;
    nb[19] = '\0';
    assert_string_equal(when, nb);
    x509_format_time(c->not_after, when, sizeof when);
    when[19] = '\0';
    char *na = first_line("openssl x509 -inform DER -in %s -noout -enddate -dateopt iso_8601", der) + 9;
    na[19] = '\0';
    assert_string_equal(when, na);
}

static const annot *find_field(const x509_cert *c, const char *name)
{
    for (size_t i = 0; i < c->fields.n; i++)
        if (strcmp(c->fields.v[i].name, name) == 0)
            return &c->fields.v[i];
    return NULL;
}

/* asn1parse's "offset:d=D  hl=H l=L ... TYPE" line for the n-th match of a pattern. */
static void asn1_span(const char *der, const char *pattern, size_t *off, size_t *len)
{
    char *line = first_line("openssl asn1parse -inform DER -in %s | grep -E '%s' | head -1", der, pattern);
    unsigned o = 0, hl = 0, l = 0, d = 0;
    assert_int_equal(sscanf(line, " %u:d=%u hl=%u l=%u", &o, &d, &hl, &l), 4);
    *off = o;
    *len = (size_t)hl + l;
}

static void rsa_leaf_parses_like_openssl(void **state)
{
    (void)state;
    x509_cert c;
    parse_file("rsa.der", &c);
    fields_match_openssl("rsa", &c);
    assert_int_equal(c.version, 3);
    assert_string_equal(c.sig_alg, "sha256WithRSAEncryption");
    assert_true(c.pubkey_ok);
    assert_string_equal(c.pubkey_desc, "RSA 2048");
    assert_int_equal(c.n_san_dns, 2);
    assert_string_equal(c.san_dns[0], "a.test");
    assert_string_equal(c.san_dns[1], "*.b.test");
    assert_true(c.has_key_usage);
    assert_int_equal(c.key_usage, KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT);
    assert_true(c.has_eku);
    assert_int_equal(c.eku, EKU_SERVER_AUTH | EKU_CLIENT_AUTH);
    assert_string_equal(c.subject_cn, "a.test");
    /* Self-signed by OpenSSL: subject key id = authority key id. */
    assert_true(c.skid_len == 20 && c.akid_len == 20);
    assert_memory_equal(c.skid, c.akid, 20);

    char der[512];
    snprintf(der, sizeof der, "%s/rsa.der", dir);
    size_t off, len;
    const annot *a = find_field(&c, "signatureValue");
    assert_non_null(a);
    asn1_span(der, "d=1 .*BIT STRING", &off, &len);
    assert_int_equal(a->offset, off);
    assert_int_equal(a->length, len);
    a = find_field(&c, "serialNumber");
    assert_non_null(a);
    asn1_span(der, "d=2 .*INTEGER", &off, &len);
    assert_int_equal(a->offset, off);
    assert_int_equal(a->length, len);
    a = find_field(&c, "tbsCertificate");
    assert_non_null(a);
    asn1_span(der, "d=1 .*SEQUENCE", &off, &len);
    assert_int_equal(a->offset, off);
    assert_int_equal(a->length, len);
    assert_int_equal(c.tbs_off, off);
    assert_int_equal(c.tbs_len, len);
    /* Decoded values and explanations are attached for the UI. */
    a = find_field(&c, "subjectAltName");
    assert_non_null(a);
    assert_non_null(strstr(a->value, "DNS:*.b.test"));
    assert_non_null(a->explain);
    /* Every field the explanation table covers gets its line (the table is searched
     * by halves, so an entry out of order would be missed). */
    const char *explained[] = {"Certificate", "tbsCertificate", "version", "serialNumber",
                               "signature", "issuer", "validity", "notBefore", "notAfter",
                               "subject", "subjectPublicKeyInfo", "extensions", "basicConstraints",
                               "keyUsage", "extendedKeyUsage", "subjectKeyIdentifier",
                               "authorityKeyIdentifier", "signatureAlgorithm", "signatureValue"};
    for (size_t i = 0; i < sizeof explained / sizeof explained[0]; i++) {
        a = find_field(&c, explained[i]);
        assert_non_null(a);
        assert_ptr_equal(a->explain, x509_explain(explained[i]));
        assert_non_null(a->explain);
    }
    assert_null(x509_explain("modulus"));
    x509_free(&c);
}

static void ec_ca_parses_like_openssl(void **state)
{
    (void)state;
    x509_cert c;
    parse_file("ec.der", &c);
    fields_match_openssl("ec", &c);
    assert_string_equal(c.sig_alg, "ecdsa-with-SHA256");
    assert_string_equal(c.pubkey_desc, "ECDSA P-256");
    assert_true(c.has_basic_constraints);
    assert_true(c.is_ca);
    assert_int_equal(c.path_len, 1);
    assert_int_equal(c.key_usage, KU_KEY_CERT_SIGN | KU_CRL_SIGN);
    assert_false(c.has_eku);
    assert_int_equal(c.n_san_dns, 0);
    /* Its self-signature verifies with its own key. */
    bool valid = false;
    assert_true(pkey_verify(&c.pubkey, c.sig_kind, c.sig_hash, c.der + c.tbs_off, c.tbs_len, c.sig,
                            c.sig_len, &valid, NULL));
    assert_true(valid);
    x509_free(&c);
}

static void write_cert(const char *name, const uint8_t *der, size_t len)
{
    char *pem = NULL;
    assert_true(pem_encode("CERTIFICATE", der, len, &pem));
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    spit(path, pem, strlen(pem));
    free(pem);
}

static void built_chain_verifies_with_openssl(void **state)
{
    (void)state;
    pkey root_key, leaf_key;
    assert_true(pkey_generate_rsa(&root_key, 2048, test_rng()));
    assert_true(pkey_generate_ec(&leaf_key, CURVE_P256, test_rng()));
    int64_t from, until;
    assert_true(x509_parse_date("2025-01-01", &from));
    assert_true(x509_parse_date("2050-06-30", &until)); /* GeneralizedTime from 2050 */
    x509_spec rs = {.subject_cn = "Test Root", .subject_o = "tlssim tests", .subject_key = &root_key,
                    .issuer_key = &root_key, .serial = 1, .not_before = from, .not_after = until,
                    .basic_constraints = true, .ca = true, .path_len = 0, .key_usage = true,
                    .key_usage_bits = KU_KEY_CERT_SIGN | KU_CRL_SIGN, .key_ids = true};
    uint8_t *der = NULL;
    size_t len = 0;
    tls_err err;
    err_init(&err);
    assert_true(x509_build(&rs, test_rng(), &der, &len, &err));
    x509_cert root;
    assert_true(x509_parse(der, len, &root, &err));
    write_cert("b-root.pem", der, len);
    free(der);
    x509_spec ls = {.subject_cn = "leaf.test", .issuer = &root, .subject_key = &leaf_key,
                    .issuer_key = &root_key, .serial = 0x1234567890abcdefull, .not_before = from,
                    .not_after = from + 86400 * 400, .basic_constraints = true, .path_len = -1,
                    .key_usage = true, .key_usage_bits = KU_DIGITAL_SIGNATURE,
                    .eku = EKU_SERVER_AUTH, .dns_names = {"leaf.test", "www.leaf.test"}, .n_dns = 2,
                    .key_ids = true, .sig_hash = HASH_SHA384};
    assert_true(x509_build(&ls, test_rng(), &der, &len, &err));
    x509_cert leaf;
    assert_true(x509_parse(der, len, &leaf, &err));
    write_cert("b-leaf.pem", der, len);
    free(der);
    assert_int_equal(sh("cd %s && openssl x509 -in b-leaf.pem -noout -text >/dev/null && "
                        "openssl verify -attime 1750000000 -CAfile b-root.pem -purpose sslserver "
                        "-verify_hostname www.leaf.test b-leaf.pem >/dev/null",
                        dir),
                     0);
    const char *san = first_line("openssl x509 -in %s/b-leaf.pem -noout -ext subjectAltName | tail -1", dir);
    assert_non_null(strstr(san, "DNS:leaf.test, DNS:www.leaf.test"));
    assert_non_null(strstr(first_line("openssl x509 -in %s/b-root.pem -noout -ext basicConstraints | tail -1", dir),
                           "CA:TRUE, pathlen:0"));
    assert_non_null(strstr(first_line("openssl x509 -in %s/b-root.pem -noout -enddate", dir), "2050"));
    assert_non_null(strstr(first_line("openssl x509 -in %s/b-leaf.pem -noout -text | grep 'Signature Algorithm' | head -1", dir),
                           "sha384WithRSAEncryption"));
    /* Our parse of our build gives back what the spec said. */
    assert_string_equal(leaf.subject_cn, "leaf.test");
    assert_int_equal(leaf.n_san_dns, 2);
    assert_int_equal(leaf.key_usage, KU_DIGITAL_SIGNATURE);
    assert_int_equal(leaf.eku, EKU_SERVER_AUTH);
    assert_false(leaf.is_ca);
    assert_string_equal(leaf.sig_alg, "sha384WithRSAEncryption");
    assert_int_equal(root.not_after, until);
    assert_memory_equal(leaf.akid, root.skid, 20);

    /* A flipped signature bit: OpenSSL reports a signature failure. */
    ls.corrupt_signature = true;
    assert_true(x509_build(&ls, test_rng(), &der, &len, &err));
    write_cert("b-bad.pem", der, len);
    free(der);
    assert_non_null(strstr(first_line("openssl verify -attime 1750000000 -CAfile %s/b-root.pem %s/b-bad.pem 2>&1 | grep error",
                                      dir, dir),
                           "certificate signature failure"));
    x509_free(&leaf);
    x509_free(&root);
    pkey_free(&root_key);
    pkey_free(&leaf_key);
}

/* Every truncation fails cleanly, and byte flips never crash (the sanitizer run
 * turns any out-of-bounds read into a failure). */
static void malformed_input_is_refused(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/rsa.der", dir);
    size_t len = 0;
    uint8_t *der = slurp(path, &len);
    assert_non_null(der);
    for (size_t n = 0; n < len; n++) {
        x509_cert c;
        tls_err err;
        err_init(&err);
        assert_false(x509_parse(der, n, &c, &err));
        assert_true(err_is_set(&err));
        x509_free(&c);
    }
    for (size_t i = 0; i < 300 && i < len; i++) {
        for (int bit = 0; bit < 8; bit += 3) {
            der[i] ^= (uint8_t)(1 << bit);
            x509_cert c;
            tls_err err;
            err_init(&err);
            if (!x509_parse(der, len, &c, &err))
                assert_true(err_is_set(&err));
            x509_free(&c);
            der[i] ^= (uint8_t)(1 << bit);
        }
    }
    tls_err err;
    err_init(&err);
    x509_cert c;
    der[1] = 0x85; /* a five-byte length: not DER */
    assert_false(x509_parse(der, len, &c, &err));
    assert_int_equal(err.alert, ALERT_DECODE_ERROR);
    x509_free(&c);
    free(der);
}

/* Parsed with and without annotations: the same verdict, error and fields. */
static void same_parse(const uint8_t *der, size_t len)
{
    x509_cert a, b;
    tls_err ea, eb;
    err_init(&ea);
    err_init(&eb);
    bool oka = x509_parse(der, len, &a, &ea), okb = x509_parse_unannotated(der, len, &b, &eb);
    assert_int_equal(oka, okb);
    assert_int_equal(ea.alert, eb.alert);
    assert_string_equal(ea.msg, eb.msg);
    assert_int_equal(b.fields.n, 0);
    if (oka) {
        assert_true(a.fields.n > 0);
        assert_int_equal(a.tbs_off, b.tbs_off);
        assert_int_equal(a.tbs_len, b.tbs_len);
        assert_int_equal(a.version, b.version);
        assert_int_equal(a.serial_len, b.serial_len);
        assert_memory_equal(a.serial, b.serial, a.serial_len);
        assert_string_equal(a.sig_alg, b.sig_alg);
        assert_int_equal(a.sig_kind, b.sig_kind);
        assert_int_equal(a.sig_hash, b.sig_hash);
        assert_string_equal(a.issuer_str, b.issuer_str);
        assert_string_equal(a.subject_str, b.subject_str);
        assert_string_equal(a.subject_cn, b.subject_cn);
        assert_int_equal(a.issuer_off, b.issuer_off);
        assert_int_equal(a.subject_off, b.subject_off);
        assert_true(a.not_before == b.not_before && a.not_after == b.not_after);
        assert_int_equal(a.pubkey_ok, b.pubkey_ok);
        assert_true(!a.pubkey_ok || pkey_same_public(&a.pubkey, &b.pubkey));
        assert_string_equal(a.pubkey_desc, b.pubkey_desc);
        assert_true(a.is_ca == b.is_ca && a.path_len == b.path_len && a.key_usage == b.key_usage &&
                    a.eku == b.eku && a.unknown_critical == b.unknown_critical);
        assert_int_equal(a.n_san_dns, b.n_san_dns);
        for (size_t i = 0; i < a.n_san_dns; i++)
            assert_string_equal(a.san_dns[i], b.san_dns[i]);
        assert_int_equal(a.skid_len, b.skid_len);
        assert_int_equal(a.akid_len, b.akid_len);
        assert_int_equal(a.sig_len, b.sig_len);
        assert_memory_equal(a.sig, b.sig, a.sig_len);
    }
    x509_free(&a);
    x509_free(&b);
}

/* A peer's chain is parsed without annotations: for whole, cut and bit-flipped
 * certificates the outcome equals the annotated parse. */
static void unannotated_parse_matches(void **state)
{
    (void)state;
    const char *names[] = {"rsa.der", "ec.der"};
    for (size_t f = 0; f < 2; f++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, names[f]);
        size_t len = 0;
        uint8_t *der = slurp(path, &len);
        assert_non_null(der);
        same_parse(der, len);
        for (size_t n = 0; n < len; n += 7)
            same_parse(der, n);
        for (size_t i = 0; i < len; i++) {
            for (int bit = 0; bit < 8; bit += 7) {
                der[i] ^= (uint8_t)(1 << bit);
                same_parse(der, len);
                der[i] ^= (uint8_t)(1 << bit);
            }
        }
        free(der);
    }
}

static void dates(void **state)
{
    (void)state;
    int64_t t;
    char buf[40];
    assert_true(x509_parse_date("1970-01-01", &t));
    assert_int_equal(t, 0);
    assert_true(x509_parse_date("2000-02-29", &t));
    assert_int_equal(t, 951782400); /* date -u -d 2000-02-29 +%s */
    assert_true(x509_parse_date("2049-12-31", &t));
    assert_int_equal(t, 2524521600);
    assert_true(x509_parse_date("2050-01-01", &t));
    x509_format_time(t + 3723, buf, sizeof buf);
    assert_string_equal(buf, "2050-01-01 01:02:03 UTC");
    assert_false(x509_parse_date("2026-02-29", &t));
    assert_false(x509_parse_date("2026-02-30", &t));
    assert_false(x509_parse_date("2026-13-01", &t));
    assert_false(x509_parse_date("2026-1-01", &t));
    assert_false(x509_parse_date("abc", &t));
    assert_false(x509_parse_date("", &t));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rsa_leaf_parses_like_openssl),
        cmocka_unit_test(ec_ca_parses_like_openssl),
        cmocka_unit_test(built_chain_verifies_with_openssl),
        cmocka_unit_test(malformed_input_is_refused),
        cmocka_unit_test(unannotated_parse_matches),
        cmocka_unit_test(dates),
    };
    return cmocka_run_group_tests_name("x509", tests, setup, NULL);
}
