/* Handshake message codecs on a real OpenSSL session (tests/vectors/tls12_openssl):
 * OpenSSL's messages parse to what the session negotiated, the ServerKeyExchange
 * signature verifies with the server certificate inside the Certificate message,
 * messages rebuilt from their parse are OpenSSL's bytes, and every truncation,
 * extension and trailing byte is refused with the right alert. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "crypto/x509.h"
#include "base/alert.h"
#include "sim/hs_msg.h"
#include "sim/suites.h"
#include "tests/unit/helpers.h"

/* The plaintext handshake messages of the session, in order (each in its own record). */
static uint8_t *msg[6];
static size_t len[6];

static int load(void **state)
{
    (void)state;
    /* The first six records each hold one plaintext handshake message. */
    uint8_t *rec[6];
    size_t rl[6];
    size_t k = load_openssl_records(rec, rl, NULL, 6);
    for (size_t i = 0; i < k; i++) {
        msg[i] = malloc(rl[i] - 5);
        memcpy(msg[i], rec[i] + 5, rl[i] - 5);
        len[i] = rl[i] - 5;
        free(rec[i]);
    }
    return k == 6 ? 0 : -1;
}

static int unload(void **state)
{
    (void)state;
    for (int i = 0; i < 6; i++)
        free(msg[i]);
    return 0;
}

static void reader_on(reader *r, tls_err *err, annot_list *al, const uint8_t *p, size_t n)
{
    err_init(err);
    rd_init(r, p, n, err, al, hs_type_name(p[0]));
}

static void openssl_hellos_parse(void **state)
{
    (void)state;
    tls_err err;
    reader r;
    annot_list al;
    annot_list_init(&al);
    client_hello ch;
    reader_on(&r, &err, &al, msg[0], len[0]);
    assert_true(hs_parse_client_hello(&r, &ch));
    assert_int_equal(ch.version, 0x0303);
    assert_int_equal(ch.n_suites, 2); /* -cipher ECDHE-RSA-AES128-GCM-SHA256 + the SCSV */
    assert_int_equal(ch.suites[0], 0xc02f);
    assert_int_equal(ch.suites[1], 0x00ff);
    assert_string_equal(ch.server_name, "server.test");
    assert_int_equal(ch.groups[0], 29);
    assert_true(ch.ems);
    assert_true(ch.point_formats);
    assert_true(ch.n_sig_algs > 5);
    hs_client_hello_free(&ch);
    /* The random's annotation: 32 bytes after header (4) and version (2). */
    const annot *rnd = NULL, *sni = NULL;
    for (size_t i = 0; i < al.n; i++) {
        if (!strcmp(al.v[i].name, "random"))
            rnd = &al.v[i];
        if (!strcmp(al.v[i].name, "host_name"))
            sni = &al.v[i];
    }
    assert_non_null(rnd);
    assert_int_equal(rnd->offset, 6);
    assert_int_equal(rnd->length, 32);
    assert_non_null(sni);
    assert_string_equal(sni->value, "server.test");
    assert_memory_equal(msg[0] + sni->offset + 2, "server.test", 11);
    annot_list_free(&al);

    server_hello sh;
    reader_on(&r, &err, NULL, msg[1], len[1]);
    assert_true(hs_parse_server_hello(&r, &sh));
    assert_int_equal(sh.suite, 0xc02f);
    assert_true(sh.ems);
    assert_true(sh.reneg_info);
}

static void ske_signature_verifies(void **state)
{
    (void)state;
    tls_err err;
    reader r;
    client_hello ch;
    server_hello sh;
    certificate_msg cm;
    server_key_exchange ske;
    reader_on(&r, &err, NULL, msg[0], len[0]);
    assert_true(hs_parse_client_hello(&r, &ch));
    reader_on(&r, &err, NULL, msg[1], len[1]);
    assert_true(hs_parse_server_hello(&r, &sh));
    reader_on(&r, &err, NULL, msg[2], len[2]);
    assert_true(hs_parse_certificate(&r, &cm));
    assert_int_equal(cm.n, 1);
    reader_on(&r, &err, NULL, msg[3], len[3]);
    assert_true(hs_parse_server_key_exchange(&r, true, &ske));
    assert_int_equal(ske.group, 29);
    assert_int_equal(ske.pub_len, 32);
    x509_cert cert;
    assert_true(x509_parse(cm.cert[0], cm.len[0], &cert, &err));
    /* signed_params = client_random + server_random + ServerECDHParams (RFC 8422 5.4) */
    uint8_t tbs[64 + 128];
    memcpy(tbs, ch.random, 32);
    hs_client_hello_free(&ch);
    memcpy(tbs + 32, sh.random, 32);
    memcpy(tbs + 64, msg[3] + ske.params_off, ske.params_len);
    const sig_scheme_info *scheme = sig_scheme_by_code(ske.sig_scheme);
    assert_non_null(scheme);
    bool valid = false;
    assert_true(pkey_verify(&cert.pubkey, scheme->kind, scheme->hash, tbs, 64 + ske.params_len,
                            ske.sig, ske.sig_len, &valid, NULL));
    assert_true(valid);
    tbs[70] ^= 1; /* a different client random: the signature no longer fits */
    assert_true(pkey_verify(&cert.pubkey, scheme->kind, scheme->hash, tbs, 64 + ske.params_len,
                            ske.sig, ske.sig_len, &valid, NULL));
    assert_false(valid);
    x509_free(&cert);
}

static void rebuilt_messages_are_openssls(void **state)
{
    (void)state;
    tls_err err;
    reader r;
    writer w;
    certificate_msg cm;
    reader_on(&r, &err, NULL, msg[2], len[2]);
    assert_true(hs_parse_certificate(&r, &cm));
    wr_init(&w, NULL);
    assert_true(hs_build_certificate(&w, &cm));
    assert_int_equal(w.len, len[2]);
    assert_memory_equal(w.buf, msg[2], len[2]);
    wr_free(&w);

    server_key_exchange ske;
    reader_on(&r, &err, NULL, msg[3], len[3]);
    assert_true(hs_parse_server_key_exchange(&r, true, &ske));
    wr_init(&w, NULL);
    assert_true(hs_build_server_key_exchange(&w, &ske));
    assert_int_equal(w.len, len[3]);
    assert_memory_equal(w.buf, msg[3], len[3]);
    wr_free(&w);

    reader_on(&r, &err, NULL, msg[4], len[4]);
    assert_true(hs_parse_server_hello_done(&r));
    wr_init(&w, NULL);
    assert_true(hs_build_server_hello_done(&w));
    assert_memory_equal(w.buf, msg[4], len[4]);
    wr_free(&w);

    client_key_exchange cke;
    reader_on(&r, &err, NULL, msg[5], len[5]);
    assert_true(hs_parse_client_key_exchange(&r, CKE_ECDHE, &cke));
    assert_int_equal(cke.len, 32);
    wr_init(&w, NULL);
    assert_true(hs_build_client_key_exchange(&w, CKE_ECDHE, &cke));
    assert_memory_equal(w.buf, msg[5], len[5]);
    wr_free(&w);
}

/* Our ClientHello parses back to what was built, and the built bytes carry their fields. */
static void client_hello_round_trip(void **state)
{
    (void)state;
    uint16_t suites[] = {0xc02f, 0x009c, 0x00ff}, groups[] = {29, 23}, sigs[] = {0x0401, 0x0403};
    client_hello a = {.version = 0x0303, .n_suites = 3, .suites = suites,
                      .server_name = "server.test", .n_groups = 2, .groups = groups,
                      .point_formats = true, .n_sig_algs = 2, .sig_algs = sigs,
                      .ems = true, .reneg_info = true, .null_compression = true};
    for (int i = 0; i < 32; i++)
        a.random[i] = (uint8_t)i;
    annot_list al;
    annot_list_init(&al);
    writer w;
    wr_init(&w, &al);
    assert_true(hs_build_client_hello(&w, &a));
    assert_int_equal(w.buf[0], 1);
    assert_int_equal((size_t)(w.buf[1] << 16 | w.buf[2] << 8 | w.buf[3]), w.len - 4);
    tls_err err;
    reader r;
    reader_on(&r, &err, NULL, w.buf, w.len);
    client_hello b;
    assert_true(hs_parse_client_hello(&r, &b));
    /* The lists compare by value (the parsed ones are copies); the rest byte for byte. */
    assert_int_equal(b.n_suites, 3);
    assert_memory_equal(b.suites, suites, sizeof suites);
    assert_int_equal(b.n_groups, 2);
    assert_memory_equal(b.groups, groups, sizeof groups);
    assert_int_equal(b.n_sig_algs, 2);
    assert_memory_equal(b.sig_algs, sigs, sizeof sigs);
    client_hello lists_aside = b;
    lists_aside.suites = a.suites;
    lists_aside.groups = a.groups;
    lists_aside.sig_algs = a.sig_algs;
    assert_memory_equal(&a, &lists_aside, sizeof a);
    hs_client_hello_free(&b);
    for (size_t i = 0; i < al.n; i++)
        assert_true(al.v[i].offset + al.v[i].length <= w.len);
    annot_list_free(&al);
    wr_free(&w);
}

typedef bool (*parse_fn)(reader *r, const uint8_t *p, size_t n);

static bool parse_any(reader *r, const uint8_t *p, size_t n)
{
    (void)n;
    client_hello ch;
    server_hello sh;
    certificate_msg cm;
    server_key_exchange ske;
    client_key_exchange cke;
    bool ok;
    switch (p[0]) {
    case HS_CLIENT_HELLO:
        ok = hs_parse_client_hello(r, &ch);
        hs_client_hello_free(&ch);
        return ok;
    case HS_SERVER_HELLO: return hs_parse_server_hello(r, &sh);
    case HS_CERTIFICATE: return hs_parse_certificate(r, &cm);
    case HS_SERVER_KEY_EXCHANGE: return hs_parse_server_key_exchange(r, true, &ske);
    case HS_SERVER_HELLO_DONE: return hs_parse_server_hello_done(r);
    default: return hs_parse_client_key_exchange(r, CKE_ECDHE, &cke);
    }
}

/* Every truncation and a trailing byte are decode_errors; none crash. */
static void malformed_messages_refused(void **state)
{
    (void)state;
    for (int m = 0; m < 6; m++) {
        uint8_t *copy = malloc(len[m] + 1);
        memcpy(copy, msg[m], len[m]);
        for (size_t n = 1; n < len[m]; n++) {
            tls_err err;
            reader r;
            reader_on(&r, &err, NULL, copy, n);
            assert_false(parse_any(&r, copy, n));
            assert_int_equal(err.alert, ALERT_DECODE_ERROR);
        }
        /* One byte more than the header announces. */
        copy[len[m]] = 0;
        tls_err err;
        reader r;
        reader_on(&r, &err, NULL, copy, len[m] + 1);
        assert_false(parse_any(&r, copy, len[m] + 1));
        assert_int_equal(err.alert, ALERT_DECODE_ERROR);
        free(copy);
    }
}

static void duplicate_extension_refused(void **state)
{
    (void)state;
    /* A ClientHello with extended_master_secret twice (RFC 5246 7.4.1.4). */
    const char *hex = "01000035" "0303" "0000000000000000000000000000000000000000000000000000000000000000"
                      "00" "0002c02f" "0100" "0008" "00170000" "00170000";
    uint8_t buf[128];
    size_t n = unhex(hex, buf);
    buf[3] = (uint8_t)(n - 4);
    tls_err err;
    reader r;
    reader_on(&r, &err, NULL, buf, n);
    client_hello ch;
    assert_false(hs_parse_client_hello(&r, &ch));
    hs_client_hello_free(&ch);
    assert_int_equal(err.alert, ALERT_ILLEGAL_PARAMETER);
    assert_non_null(strstr(err.msg, "twice"));
}

/* A ClientHello whose cipher_suites holds n_bytes (2 per suite: 0x0a00 + i, the last
 * TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), with no extensions. Returns its length. */
static size_t hello_with_suites(uint8_t *buf, size_t n_bytes)
{
    size_t n = 0;
    buf[n++] = HS_CLIENT_HELLO;
    n += 3; /* the length, below */
    buf[n++] = 0x03;
    buf[n++] = 0x03;
    memset(buf + n, 0x5a, 32); /* random */
    n += 32;
    buf[n++] = 0; /* session_id */
    buf[n++] = (uint8_t)(n_bytes >> 8);
    buf[n++] = (uint8_t)n_bytes;
    for (size_t i = 0; i + 1 < n_bytes; i += 2) {
        uint16_t v = i + 2 >= n_bytes ? 0xc02f : (uint16_t)(0x0a00 + i / 2);
        buf[n + i] = (uint8_t)(v >> 8);
        buf[n + i + 1] = (uint8_t)v;
    }
    if (n_bytes % 2)
        buf[n + n_bytes - 1] = 0;
    n += n_bytes;
    buf[n++] = 1; /* compression_methods: null */
    buf[n++] = 0;
    size_t body = n - 4;
    buf[1] = (uint8_t)(body >> 16);
    buf[2] = (uint8_t)(body >> 8);
    buf[3] = (uint8_t)body;
    return n;
}

/* cipher_suites<2..2^16-2> (RFC 5246 7.4.1.2): the longest list, 32767 suites, is
 * kept whole (the last one too), and the trace names 64 of them and the rest in one
 * span; a list one byte past the bound is a decode_error. */
static void longest_suite_list_kept(void **state)
{
    (void)state;
    uint8_t *buf = malloc(0x10000 + 64);
    assert_non_null(buf);
    size_t n = hello_with_suites(buf, 0xfffe);
    tls_err err;
    reader r;
    annot_list al;
    annot_list_init(&al);
    reader_on(&r, &err, &al, buf, n);
    client_hello ch;
    assert_true(hs_parse_client_hello(&r, &ch));
    assert_int_equal(ch.n_suites, 32767);
    assert_int_equal(ch.suites[0], 0x0a00);
    assert_int_equal(ch.suites[32765], 0x0a00 + 32765);
    assert_int_equal(ch.suites[32766], 0xc02f);
    hs_client_hello_free(&ch);
    assert_null(ch.suites);
    size_t entries = 0;
    const annot *more = NULL;
    for (size_t i = 0; i < al.n; i++) {
        entries += !strcmp(al.v[i].name, "entry");
        if (!strcmp(al.v[i].name, "more entries"))
            more = &al.v[i];
    }
    assert_int_equal(entries, 64);
    assert_non_null(more);
    assert_int_equal(more->length, (32767 - 64) * 2);
    assert_string_equal(more->value, "32703 more entries, not listed one by one");
    annot_list_free(&al);

    n = hello_with_suites(buf, 0xffff);
    reader_on(&r, &err, NULL, buf, n);
    assert_false(hs_parse_client_hello(&r, &ch));
    hs_client_hello_free(&ch);
    assert_int_equal(err.alert, ALERT_DECODE_ERROR);
    assert_non_null(strstr(err.msg, "cipher_suites"));
    assert_non_null(strstr(err.msg, "65535 outside <2..65534>"));
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(openssl_hellos_parse),
        cmocka_unit_test(ske_signature_verifies),
        cmocka_unit_test(rebuilt_messages_are_openssls),
        cmocka_unit_test(client_hello_round_trip),
        cmocka_unit_test(malformed_messages_refused),
        cmocka_unit_test(duplicate_extension_refused),
        cmocka_unit_test(longest_suite_list_kept),
    };
    return cmocka_run_group_tests_name("handshake messages", tests, load, unload);
}
