/* Keys, signatures and RSA encryption against the openssl command line: keys read
 * both ways, signatures verify both ways, ciphertexts decrypt both ways. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "crypto/crypto.h"
#include "crypto/pem.h"
#include "crypto/pkey.h"
#include "base/alert.h"
#include "tests/unit/helpers.h"
#include "tests/unit/test_rng.h"

static const char *dir;

static char *path_of(const char *name)
{
    static char buf[8][512]; /* several may appear in one call */
    static int k;
    k = (k + 1) % 8;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static void write_pem(const char *name, const char *label, const uint8_t *der, size_t len)
{
    char *pem = NULL;
    assert_true(pem_encode(label, der, len, &pem));
    spit(path_of(name), pem, strlen(pem));
    free(pem);
}

/* Loads the first PEM block of a file as a private key. */
static void load_private(const char *name, pkey *k)
{
    char *text = NULL;
    size_t len = 0, pos = 0, der_len = 0;
    uint8_t *der = NULL;
    char label[64];
    tls_err err;
    err_init(&err);
    assert_true(pem_read_file(path_of(name), &text, &len, &err));
    assert_true(pem_next(text, len, &pos, label, sizeof label, &der, &der_len, &err));
    assert_true(pkey_import_private(k, der, der_len, &err));
    free(text);
    free(der);
}

static int setup(void **state)
{
    (void)state;
    dir = test_tmpdir();
    return dir ? 0 : -1;
}

/* Our key, written as PKCS#8, is what OpenSSL reads: its SPKI equals ours. */
static void check_export(const pkey *k, const char *stem)
{
    uint8_t *der = NULL, *spki = NULL;
    size_t len = 0, spki_len = 0;
    char name[64], pub[64];
    assert_true(pkey_export_pkcs8(k, &der, &len));
    snprintf(name, sizeof name, "%s.key", stem);
    snprintf(pub, sizeof pub, "%s.pub.der", stem);
    write_pem(name, "PRIVATE KEY", der, len);
    assert_int_equal(sh("openssl pkey -in %s -noout -check >/dev/null 2>&1 || "
                        "openssl pkey -in %s -noout", path_of(name), path_of(name)), 0);
    /* OpenSSL re-encodes the key in the same PKCS#8 PEM we wrote, byte for byte. */
    assert_int_equal(sh("openssl pkey -in %s -out %s.reenc", path_of(name), path_of(name)), 0);
    char reenc[80];
    snprintf(reenc, sizeof reenc, "%s.reenc", name);
    size_t rlen = 0, wlen = 0;
    uint8_t *re = slurp(path_of(reenc), &rlen);
    uint8_t *written = slurp(path_of(name), &wlen);
    assert_non_null(re);
    assert_non_null(written);
    assert_int_equal(rlen, wlen);
    assert_memory_equal(re, written, wlen);
    free(written);
    assert_int_equal(sh("openssl pkey -in %s -pubout -outform DER -out %s", path_of(name), path_of(pub)), 0);
    size_t olen = 0;
    uint8_t *theirs = slurp(path_of(pub), &olen);
    assert_true(pkey_export_spki(k, &spki, &spki_len));
    assert_int_equal(olen, spki_len);
    assert_memory_equal(theirs, spki, spki_len);
    free(der);
    free(spki);
    free(theirs);
    free(re);
}

static void sign_both_ways(const pkey *k, const char *stem, sig_kind kind, hash_alg h,
                           const char *dgst, const char *sigopts)
{
    const uint8_t msg[] = "client_random || server_random || ServerKeyExchange.params";
    spit(path_of("msg.bin"), msg, sizeof msg);
    uint8_t *sig = NULL;
    size_t siglen = 0;
    pk_detail d;
    assert_true(pkey_sign(k, kind, h, msg, sizeof msg, test_rng(), &sig, &siglen, &d));
    assert_int_equal(d.digest_len, hash_len(h));
    if (kind == SIG_RSA_PKCS1) {
        /* EMSA-PKCS1-v1_5: 00 01 FF .. FF 00 DigestInfo (RFC 8017 9.2). */
        assert_non_null(d.block);
        assert_int_equal(d.block[0], 0x00);
        assert_int_equal(d.block[1], 0x01);
        assert_int_equal(d.block[2], 0xff);
        assert_memory_equal(d.block + d.block_len - d.digest_len, d.digest, d.digest_len);
    }
    pk_detail_free(&d);
    spit(path_of("ours.sig"), sig, siglen);
    char key[64];
    snprintf(key, sizeof key, "%s.key", stem);
    assert_int_equal(sh("openssl dgst -%s %s -prverify %s -signature %s %s >/dev/null", dgst, sigopts,
                        path_of(key), path_of("ours.sig"), path_of("msg.bin")), 0);
    assert_int_equal(sh("openssl dgst -%s %s -sign %s -out %s %s", dgst, sigopts, path_of(key),
                        path_of("theirs.sig"), path_of("msg.bin")), 0);
    size_t tlen = 0;
    uint8_t *theirs = slurp(path_of("theirs.sig"), &tlen);
    bool valid = false;
    assert_true(pkey_verify(k, kind, h, msg, sizeof msg, theirs, tlen, &valid, NULL));
    assert_true(valid);
    /* One flipped bit anywhere: not valid, and no error either. */
    theirs[tlen / 2] ^= 0x10;
    assert_true(pkey_verify(k, kind, h, msg, sizeof msg, theirs, tlen, &valid, NULL));
    assert_false(valid);
    assert_true(pkey_verify(k, kind, h, msg, sizeof msg, theirs, tlen - 1, &valid, NULL));
    assert_false(valid);
    free(sig);
    free(theirs);
}

static void rsa_keys_and_signatures(void **state)
{
    (void)state;
    pkey k;
    assert_true(pkey_generate_rsa(&k, 2048, test_rng()));
    assert_int_equal(pkey_bits(&k), 2048);
    check_export(&k, "rsa");
    sign_both_ways(&k, "rsa", SIG_RSA_PKCS1, HASH_SHA256, "sha256", "");
    sign_both_ways(&k, "rsa", SIG_RSA_PSS, HASH_SHA256, "sha256",
                   "-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest");
    sign_both_ways(&k, "rsa", SIG_RSA_PKCS1, HASH_SHA384, "sha384", "");
    /* rsa_pkcs1_sha1 (what a hello without signature_algorithms means, RFC 5246
     * 7.4.1.4.1) and rsa_pss_rsae_sha512 (salt of 64 bytes). */
    sign_both_ways(&k, "rsa", SIG_RSA_PKCS1, HASH_SHA1, "sha1", "");
    sign_both_ways(&k, "rsa", SIG_RSA_PSS, HASH_SHA512, "sha512",
                   "-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest");
    pkey_free(&k);
}

/* OpenSSL's bare public operation on a signature (s^e mod n, no padding removed). */
static uint8_t *openssl_recover(const char *key, const char *sig, size_t *len)
{
    assert_int_equal(sh("openssl pkeyutl -verifyrecover -pkeyopt rsa_padding_mode:none -inkey %s "
                        "-in %s -out %s", path_of(key), path_of(sig), path_of("raw.bin")), 0);
    return slurp(path_of("raw.bin"), len);
}

/* The padded block the trace shows comes from the operation itself (the encoded
 * message signed, the block the verification recovered): it must equal OpenSSL's
 * s^e mod n of the same signature, valid or not. A 1033-bit modulus is the case
 * where EMSA-PSS's EM is one byte shorter than the modulus (RFC 8017 9.1). */
static void rsa_blocks_match_openssl(void **state)
{
    (void)state;
    static const int bits[] = {2048, 1033};
    static const struct {
        sig_kind kind;
        const char *opts;
    } kinds[] = {{SIG_RSA_PKCS1, ""},
                 {SIG_RSA_PSS, "-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest"}};
    const uint8_t msg[] = "the ServerKeyExchange's signed data";
    spit(path_of("m.bin"), msg, sizeof msg);
    for (size_t b = 0; b < 2; b++) {
        assert_int_equal(sh("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:%d -out %s "
                            "2>/dev/null", bits[b], path_of("b.key")), 0);
        pkey k;
        load_private("b.key", &k);
        assert_int_equal(pkey_bits(&k), bits[b]);
        for (size_t i = 0; i < 2; i++) {
            uint8_t *sig = NULL;
            size_t siglen = 0, rawlen = 0, tlen = 0;
            pk_detail d;
            assert_true(pkey_sign(&k, kinds[i].kind, HASH_SHA256, msg, sizeof msg, test_rng(), &sig,
                                  &siglen, &d));
            spit(path_of("s.sig"), sig, siglen);
            assert_int_equal(sh("openssl dgst -sha256 %s -prverify %s -signature %s %s >/dev/null",
                                kinds[i].opts, path_of("b.key"), path_of("s.sig"), path_of("m.bin")), 0);
            uint8_t *raw = openssl_recover("b.key", "s.sig", &rawlen);
            assert_int_equal(d.block_len, rawlen);
            assert_memory_equal(d.block, raw, rawlen);
            pk_detail_free(&d);
            free(raw);
            free(sig);
            /* OpenSSL's signature, then the same with one bit flipped. */
            assert_int_equal(sh("openssl dgst -sha256 %s -sign %s -out %s %s", kinds[i].opts,
                                path_of("b.key"), path_of("t.sig"), path_of("m.bin")), 0);
            uint8_t *theirs = slurp(path_of("t.sig"), &tlen);
            for (int flip = 0; flip < 2; flip++) {
                theirs[tlen / 3] ^= (uint8_t)flip;
                spit(path_of("t.sig"), theirs, tlen);
                bool valid = false;
                assert_true(pkey_verify(&k, kinds[i].kind, HASH_SHA256, msg, sizeof msg, theirs,
                                        tlen, &valid, &d));
                assert_int_equal(valid, !flip);
                raw = openssl_recover("b.key", "t.sig", &rawlen);
                assert_int_equal(d.block_len, rawlen);
                assert_memory_equal(d.block, raw, rawlen);
                pk_detail_free(&d);
                free(raw);
            }
            /* The wrong hash, or the other padding, over the right block: not valid. */
            bool valid = true;
            theirs[tlen / 3] ^= 1;
            assert_true(pkey_verify(&k, kinds[i].kind, HASH_SHA384, msg, sizeof msg, theirs, tlen,
                                    &valid, NULL));
            assert_false(valid);
            valid = true;
            assert_true(pkey_verify(&k, kinds[1 - i].kind, HASH_SHA256, msg, sizeof msg, theirs,
                                    tlen, &valid, NULL));
            assert_false(valid);
            free(theirs);
        }
        pkey_free(&k);
    }
}

static void ec_keys_and_signatures(void **state)
{
    (void)state;
    pkey k;
    assert_true(pkey_generate_ec(&k, CURVE_P256, test_rng()));
    check_export(&k, "p256");
    sign_both_ways(&k, "p256", SIG_ECDSA, HASH_SHA256, "sha256", "");
    sign_both_ways(&k, "p256", SIG_ECDSA, HASH_SHA1, "sha1", ""); /* ecdsa_sha1 */
    pkey_free(&k);
    assert_true(pkey_generate_ec(&k, CURVE_P384, test_rng()));
    check_export(&k, "p384");
    sign_both_ways(&k, "p384", SIG_ECDSA, HASH_SHA384, "sha384", "");
    sign_both_ways(&k, "p384", SIG_ECDSA, HASH_SHA1, "sha1", "");
    pkey_free(&k);
}

/* Keys OpenSSL made, in PKCS#8 and in the traditional forms, import and match. */
static void openssl_keys_import(void **state)
{
    (void)state;
    const char *kinds[] = {"RSA -pkeyopt rsa_keygen_bits:2048", "EC -pkeyopt ec_paramgen_curve:P-256",
                           "EC -pkeyopt ec_paramgen_curve:P-384"};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(sh("openssl genpkey -algorithm %s -out %s 2>/dev/null", kinds[i], path_of("o.key")), 0);
        assert_int_equal(sh("openssl pkey -in %s -traditional -out %s", path_of("o.key"),
                            path_of("o.trad")), 0);
        assert_int_equal(sh("openssl pkey -in %s -pubout -outform DER -out %s", path_of("o.key"),
                            path_of("o.spki")), 0);
        pkey a, b, pub;
        load_private("o.key", &a);
        load_private("o.trad", &b);
        size_t len = 0;
        uint8_t *spki = slurp(path_of("o.spki"), &len);
        tls_err err;
        err_init(&err);
        assert_true(pkey_import_spki(&pub, spki, len, &err));
        assert_true(pkey_same_public(&a, &pub));
        assert_true(pkey_same_public(&b, &pub));
        pkey_free(&a);
        pkey_free(&b);
        pkey_free(&pub);
        free(spki);
    }
}

static void rsa_encryption_both_ways(void **state)
{
    (void)state;
    pkey k;
    load_private("rsa.key", &k);
    uint8_t premaster[48];
    premaster[0] = 0x03;
    premaster[1] = 0x03;
    assert_true(rng_bytes(test_rng(), premaster + 2, 46));
    uint8_t *ct = NULL, *pt = NULL;
    size_t ctlen = 0, ptlen = 0;
    pk_detail d;
    assert_true(pkey_rsa_encrypt(&k, premaster, 48, test_rng(), &ct, &ctlen, &d));
    /* EME-PKCS1-v1_5: 00 02 nonzero-padding 00 message (RFC 8017 7.2.1). */
    assert_int_equal(d.block[0], 0x00);
    assert_int_equal(d.block[1], 0x02);
    assert_int_equal(d.block[d.block_len - 49], 0x00);
    assert_memory_equal(d.block + d.block_len - 48, premaster, 48);
    pk_detail_free(&d);
    spit(path_of("ct.bin"), ct, ctlen);
    assert_int_equal(sh("openssl pkeyutl -decrypt -inkey %s -in %s -out %s", path_of("rsa.key"),
                        path_of("ct.bin"), path_of("pt.bin")), 0);
    size_t n = 0;
    uint8_t *theirs = slurp(path_of("pt.bin"), &n);
    assert_int_equal(n, 48);
    assert_memory_equal(theirs, premaster, 48);
    free(theirs);
    free(ct);

    assert_int_equal(sh("openssl pkey -in %s -pubout -out %s && "
                        "openssl pkeyutl -encrypt -pubin -inkey %s -in %s -out %s",
                        path_of("rsa.key"), path_of("rsa.pub"), path_of("rsa.pub"),
                        path_of("pt.bin"), path_of("ct2.bin")), 0);
    ct = slurp(path_of("ct2.bin"), &ctlen);
    bool padding_ok = false;
    assert_true(pkey_rsa_decrypt(&k, ct, ctlen, &pt, &ptlen, &padding_ok, &d));
    assert_true(padding_ok);
    assert_int_equal(ptlen, 48);
    assert_memory_equal(pt, premaster, 48);
    free(pt);
    pk_detail_free(&d);
    /* A corrupted ciphertext decrypts to a block whose padding is wrong; the block is
     * still shown (the teaching point of RFC 5246 7.4.7.1). */
    ct[10] ^= 0x01;
    assert_true(pkey_rsa_decrypt(&k, ct, ctlen, &pt, &ptlen, &padding_ok, &d));
    assert_false(padding_ok);
    assert_null(pt);
    assert_non_null(d.block);
    assert_int_equal(d.block_len, 256);
    pk_detail_free(&d);
    assert_true(pkey_rsa_decrypt(&k, ct, ctlen - 1, &pt, &ptlen, &padding_ok, NULL));
    assert_false(padding_ok);
    free(ct);
    pkey_free(&k);
}

static void seeded_generation_repeats(void **state)
{
    (void)state;
    uint8_t *a = NULL, *b = NULL;
    size_t alen = 0, blen = 0;
    pkey k;
    rng r;
    assert_true(rng_init_seeded(&r, 42));
    assert_true(pkey_generate_ec(&k, CURVE_P256, &r));
    assert_true(pkey_export_pkcs8(&k, &a, &alen));
    pkey_free(&k);
    rng_free(&r);
    assert_true(rng_init_seeded(&r, 42));
    assert_true(pkey_generate_ec(&k, CURVE_P256, &r));
    assert_true(pkey_export_pkcs8(&k, &b, &blen));
    pkey_free(&k);
    rng_free(&r);
    assert_int_equal(alen, blen);
    assert_memory_equal(a, b, alen);
    free(a);
    free(b);
}

static void malformed_keys_are_refused(void **state)
{
    (void)state;
    pkey k;
    tls_err err;
    err_init(&err);
    const uint8_t junk[] = {0x30, 0x03, 0x02, 0x01, 0x00};
    assert_false(pkey_import_private(&k, junk, sizeof junk, &err));
    assert_true(err_is_set(&err));
    err_init(&err);
    assert_false(pkey_import_spki(&k, junk, sizeof junk, &err));
    assert_true(err_is_set(&err));
    err_init(&err);
    assert_false(pkey_import_spki(&k, junk, 2, &err));
    assert_true(err_is_set(&err));
    /* An RSA public key where a private one belongs (found by fuzz_keys: it leaked). */
    const uint8_t public_only[] = {0x30, 0x06, 0x02, 0x01, 0x06, 0x02, 0x01, 0x01};
    err_init(&err);
    assert_false(pkey_import_private(&k, public_only, sizeof public_only, &err));
    assert_true(err_is_set(&err));
}

/* SubjectPublicKeyInfo for rsaEncryption around the given RSAPublicKey bytes. */
static size_t rsa_spki(const uint8_t *rsa_public, size_t n, uint8_t *out)
{
    static const uint8_t alg[] = {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
                                  0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    size_t body = sizeof alg + 3 + n;
    out[0] = 0x30;
    out[1] = (uint8_t)body;
    memcpy(out + 2, alg, sizeof alg);
    out[2 + sizeof alg] = 0x03;
    out[3 + sizeof alg] = (uint8_t)(n + 1);
    out[4 + sizeof alg] = 0x00;
    memcpy(out + 5 + sizeof alg, rsa_public, n);
    return 2 + body;
}

/* The RSAPublicKey inside a certificate: its integers must be positive and minimally
 * encoded, and nothing may follow it. */
static void rsa_public_key_encoding(void **state)
{
    (void)state;
    static const struct {
        uint8_t der[12];
        size_t len;
        bool ok;
    } cases[] = {
        {{0x30, 0x07, 0x02, 0x02, 0x00, 0xc5, 0x02, 0x01, 0x03}, 9, true},
        {{0x30, 0x06, 0x02, 0x01, 0xc5, 0x02, 0x01, 0x03}, 8, false},         /* negative */
        {{0x30, 0x07, 0x02, 0x02, 0x00, 0x45, 0x02, 0x01, 0x03}, 9, false},   /* padded */
        {{0x30, 0x05, 0x02, 0x00, 0x02, 0x01, 0x03}, 7, false},               /* empty */
        {{0x30, 0x07, 0x02, 0x02, 0x00, 0xc5, 0x02, 0x01, 0x03, 0x00}, 10, false}, /* trailing */
        {{0x30, 0x04, 0x02, 0x02, 0x00, 0xc5}, 6, false},                     /* no exponent */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t spki[64];
        size_t len = rsa_spki(cases[i].der, cases[i].len, spki);
        pkey k;
        tls_err err;
        err_init(&err);
        bool ok = pkey_import_spki(&k, spki, len, &err);
        assert_int_equal(ok, cases[i].ok);
        assert_int_equal(err_is_set(&err), !cases[i].ok);
        if (ok)
            pkey_free(&k);
    }
}

static void pem_round_trip_and_errors(void **state)
{
    (void)state;
    assert_int_equal(sh("openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=pem.test -days 1 "
                        "-keyout %s -out %s 2>/dev/null && openssl x509 -in %s -outform DER -out %s",
                        path_of("c.key"), path_of("c.pem"), path_of("c.pem"), path_of("c.der")), 0);
    size_t dlen = 0, tlen = 0;
    uint8_t *der = slurp(path_of("c.der"), &dlen);
    uint8_t *text = slurp(path_of("c.pem"), &tlen);
    char *ours = NULL;
    assert_true(pem_encode("CERTIFICATE", der, dlen, &ours));
    assert_int_equal(strlen(ours), tlen); /* byte for byte what OpenSSL wrote */
    assert_memory_equal(ours, text, tlen);
    /* Decoding skips text around the block and accepts CRLF line ends. */
    char *crlf = malloc(2 * tlen + 64);
    size_t k = 0;
    k += (size_t)sprintf(crlf, "Certificate:\r\n  junk\r\n");
    for (size_t i = 0; i < tlen; i++) {
        if (text[i] == '\n')
            crlf[k++] = '\r';
        crlf[k++] = (char)text[i];
    }
    size_t pos = 0, back_len = 0;
    uint8_t *back = NULL;
    char label[64];
    tls_err err;
    err_init(&err);
    assert_true(pem_next(crlf, k, &pos, label, sizeof label, &back, &back_len, &err));
    assert_string_equal(label, "CERTIFICATE");
    assert_int_equal(back_len, dlen);
    assert_memory_equal(back, der, dlen);
    free(back);
    assert_false(pem_next(crlf, k, &pos, label, sizeof label, &back, &back_len, &err));
    assert_false(err_is_set(&err)); /* the end, not an error */
    const char *no_end = "-----BEGIN CERTIFICATE-----\nMIIB\n";
    pos = 0;
    assert_false(pem_next(no_end, strlen(no_end), &pos, label, sizeof label, &back, &back_len, &err));
    assert_non_null(strstr(err.msg, "no END line"));
    err_init(&err);
    const char *bad = "-----BEGIN X-----\n!!!!\n-----END X-----\n";
    pos = 0;
    assert_false(pem_next(bad, strlen(bad), &pos, label, sizeof label, &back, &back_len, &err));
    assert_non_null(strstr(err.msg, "base64"));
    err_init(&err);
    const char *mismatch = "-----BEGIN X-----\nAAAA\n-----END Y-----\n";
    pos = 0;
    assert_false(pem_next(mismatch, strlen(mismatch), &pos, label, sizeof label, &back, &back_len, &err));
    assert_true(err_is_set(&err));
    free(der);
    free(text);
    free(ours);
    free(crlf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rsa_keys_and_signatures),
        cmocka_unit_test(rsa_blocks_match_openssl),
        cmocka_unit_test(ec_keys_and_signatures),
        cmocka_unit_test(openssl_keys_import),
        cmocka_unit_test(rsa_encryption_both_ways),
        cmocka_unit_test(seeded_generation_repeats),
        cmocka_unit_test(malformed_keys_are_refused),
        cmocka_unit_test(rsa_public_key_encoding),
        cmocka_unit_test(pem_round_trip_and_errors),
    };
    return cmocka_run_group_tests_name("keys, signatures, PEM", tests, setup, NULL);
}
