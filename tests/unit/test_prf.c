/* TLS 1.2 PRF and HKDF against published answers (../shared/vectors/README.md,
 * RFC 5869 appendix A) and OpenSSL's KDF. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "crypto/hkdf.h"
#include "crypto/prf.h"
#include "tests/unit/helpers.h"

static void prf_sha256_vector(void **state)
{
    (void)state;
    uint8_t secret[16], seed[16], want[100], out[100];
    unhex("9bbe436ba940f017b17652849a71db35", secret);
    unhex("a0ba9f936cda311827a6f796ffd5198c", seed);
    unhex("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a4"
          "6b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d1"
          "22ee42c5a72e5a5110fff70187347b66",
          want);
    assert_true(tls12_prf(HASH_SHA256, secret, 16, "test label", seed, 16, out, 100));
    assert_memory_equal(out, want, 100);
}

static void prf_sha384_vector(void **state)
{
    (void)state;
    uint8_t secret[16], seed[16], want[148], out[148];
    unhex("b80b733d6ceefcdc71566ea48e5567df", secret);
    unhex("cd665cf6a8447dd6ff8b27555edb7465", seed);
    unhex("7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82"
          "b1233c9146a0e534cb400fed2700884f9dc236f80edd8bfa961144c9e8d792eca722a7b32fc3d416d473"
          "ebc2c5fd4abfdad05d9184259b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9"
          "aee691c8f3a26854308d5eaa3be85e0990703d73e56f",
          want);
    assert_true(tls12_prf(HASH_SHA384, secret, 16, "test label", seed, 16, out, 148));
    assert_memory_equal(out, want, 148);
}

/* openssl kdf -keylen 48 -kdfopt digest:SHA2-256 -kdfopt hexsecret:0102030405060708
 *   -kdfopt hexseed:<"master secret" as hex>aabbccdd TLS1-PRF   (OpenSSL 3.0.19) */
static void prf_master_secret_shape(void **state)
{
    (void)state;
    uint8_t secret[8], seed[4], want[48], out[48];
    unhex("0102030405060708", secret);
    unhex("aabbccdd", seed);
    unhex("5E068FB3AEB31DEB21427393E5F569481F04FE14EDE5A787D5927C3025C4595F"
          "F3D23B9EF6460F9B8050D3ED307391F8",
          want);
    assert_true(tls12_prf(HASH_SHA256, secret, 8, "master secret", seed, 4, out, 48));
    assert_memory_equal(out, want, 48);
}

/* RFC 5869 A.1 (test case 1) and A.3 (test case 3: no salt, no info). */
static void hkdf_rfc5869(void **state)
{
    (void)state;
    uint8_t ikm[22], salt[13], info[10], prk[32], want_prk[32], okm[42], want_okm[42];
    unhex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", ikm);
    unhex("000102030405060708090a0b0c", salt);
    unhex("f0f1f2f3f4f5f6f7f8f9", info);
    unhex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", want_prk);
    unhex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
          want_okm);
    assert_true(hkdf_extract_prk(HASH_SHA256, salt, 13, ikm, 22, prk));
    assert_memory_equal(prk, want_prk, 32);
    assert_true(hkdf_expand_okm(HASH_SHA256, prk, 32, info, 10, okm, 42));
    assert_memory_equal(okm, want_okm, 42);

    unhex("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04", want_prk);
    unhex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
          want_okm);
    assert_true(hkdf_extract_prk(HASH_SHA256, NULL, 0, ikm, 22, prk));
    assert_memory_equal(prk, want_prk, 32);
    assert_true(hkdf_expand_okm(HASH_SHA256, prk, 32, NULL, 0, okm, 42));
    assert_memory_equal(okm, want_okm, 42);
}

/* HKDF-Expand-Label's HkdfLabel, written out by hand here (RFC 8446 7.1), fed to
 * OpenSSL's HKDF in expand-only mode. */
static void hkdf_expand_label_matches_openssl(void **state)
{
    (void)state;
    const char *secret = "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a";
    /* length 16 | len 9 "tls13 key" | empty context */
    const char *info = "0010" "09" "746c73313320" "6b6579" "00";
    const char *dir = test_tmpdir();
    assert_non_null(dir);
    assert_int_equal(sh("openssl kdf -keylen 16 -kdfopt digest:SHA2-256 -kdfopt mode:EXPAND_ONLY "
                        "-kdfopt hexkey:%s -kdfopt hexinfo:%s -binary -out %s/hkdf.bin HKDF",
                        secret, info, dir),
                     0);
    char path[256];
    snprintf(path, sizeof path, "%s/hkdf.bin", dir);
    size_t n = 0;
    uint8_t *want = slurp(path, &n);
    assert_non_null(want);
    assert_int_equal(n, 16);
    uint8_t key[32], out[16];
    unhex(secret, key);
    assert_true(hkdf_expand_label(HASH_SHA256, key, 32, "key", NULL, 0, out, 16));
    assert_memory_equal(out, want, 16);
    free(want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(prf_sha256_vector),
        cmocka_unit_test(prf_sha384_vector),
        cmocka_unit_test(prf_master_secret_shape),
        cmocka_unit_test(hkdf_rfc5869),
        cmocka_unit_test(hkdf_expand_label_matches_openssl),
    };
    return cmocka_run_group_tests_name("prf and hkdf", tests, NULL, NULL);
}
