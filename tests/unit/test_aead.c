/* Record ciphers against published answers: the GCM specification's test cases
 * (McGrew and Viega) 2-4 and 14-16, RFC 8439 2.8.2, NIST SP 800-38A F.2.1/F.2.5,
 * RFC 4231 test case 2; TLS CBC records cross-checked with openssl enc and dgst. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <tomcrypt.h>

#include "crypto/aead.h"
#include "crypto/cbc.h"
#include "tests/unit/helpers.h"

typedef struct gcm_case {
    aead_alg alg;
    const char *key, *iv, *pt, *aad, *ct, *tag;
} gcm_case;

#define P3 "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72" \
           "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255"
#define P4 "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72" \
           "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"
#define K3 "feffe9928665731c6d6a8f9467308308"
#define A4 "feedfacedeadbeeffeedfacedeadbeefabaddad2"

static const gcm_case gcm_cases[] = {
    {AEAD_AES128_GCM, "00000000000000000000000000000000", "000000000000000000000000",
     "00000000000000000000000000000000", "", "0388dace60b6a392f328c2b971b2fe78",
     "ab6e47d42cec13bdf53a67b21257bddf"},
    {AEAD_AES128_GCM, K3, "cafebabefacedbaddecaf888", P3, "",
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
     "4d5c2af327cd64a62cf35abd2ba6fab4"},
    {AEAD_AES128_GCM, K3, "cafebabefacedbaddecaf888", P4, A4,
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
     "5bc94fbc3221a5db94fae95ae7121a47"},
    {AEAD_AES256_GCM, "0000000000000000000000000000000000000000000000000000000000000000",
     "000000000000000000000000", "00000000000000000000000000000000", "",
     "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"},
    {AEAD_AES256_GCM, K3 K3, "cafebabefacedbaddecaf888", P3, "",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
     "b094dac5d93471bdec1a502270e3cc6c"},
    {AEAD_AES256_GCM, K3 K3, "cafebabefacedbaddecaf888", P4, A4,
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
};

static void check_case(const gcm_case *c)
{
    uint8_t key[32], iv[12], pt[128], aad[64], want[160], out[160], back[128];
    unhex(c->key, key);
    unhex(c->iv, iv);
    size_t n = unhex(c->pt, pt);
    size_t aadlen = unhex(c->aad, aad);
    size_t ctlen = unhex(c->ct, want);
    unhex(c->tag, want + ctlen);
    assert_int_equal(ctlen, n);
    assert_true(aead_seal(c->alg, key, iv, aad, aadlen, pt, n, out));
    assert_memory_equal(out, want, n + AEAD_TAG_LEN);
    bool ok = false;
    assert_true(aead_open(c->alg, key, iv, aad, aadlen, out, n + AEAD_TAG_LEN, back, &ok));
    assert_true(ok);
    assert_memory_equal(back, pt, n);
    /* Any flipped bit, in the ciphertext, the tag or the associated data, is caught. */
    size_t positions[] = {0, n / 2, n + AEAD_TAG_LEN - 1};
    for (size_t i = 0; i < 3; i++) {
        out[positions[i]] ^= 0x01;
        assert_true(aead_open(c->alg, key, iv, aad, aadlen, out, n + AEAD_TAG_LEN, back, &ok));
        assert_false(ok);
        out[positions[i]] ^= 0x01;
    }
    if (aadlen) {
        aad[0] ^= 0x80;
        assert_true(aead_open(c->alg, key, iv, aad, aadlen, out, n + AEAD_TAG_LEN, back, &ok));
        assert_false(ok);
    }
}

static void gcm_spec_vectors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof gcm_cases / sizeof gcm_cases[0]; i++)
        check_case(&gcm_cases[i]);
}

/* crypto/gcm.c composes GCM itself: every split of a block boundary, in the data
 * and in the associated data, and a full-size record, must match libtomcrypt's own
 * GCM mode, byte for byte, sealing and opening, also in place. */
static void gcm_matches_libtomcrypt_gcm(void **state)
{
    (void)state;
    enum { BIG = 16384 + 1 };
    uint8_t key[32], iv[12], aad[40];
    static uint8_t pt[BIG], ours[BIG + 16], theirs[BIG + 16];
    for (size_t i = 0; i < sizeof key; i++)
        key[i] = (uint8_t)(7 * i + 1);
    for (size_t i = 0; i < sizeof iv; i++)
        iv[i] = (uint8_t)(0xa0 + i);
    for (size_t i = 0; i < sizeof aad; i++)
        aad[i] = (uint8_t)(3 * i);
    for (size_t i = 0; i < BIG; i++)
        pt[i] = (uint8_t)(i * 31 + 5);
    int cipher = register_cipher(&aes_desc);
    assert_true(cipher >= 0);
    const aead_alg algs[] = {AEAD_AES128_GCM, AEAD_AES256_GCM};
    for (size_t a = 0; a < 2; a++) {
        unsigned long keylen = aead_key_len(algs[a]);
        for (size_t n = 0; n <= BIG; n += n < 49 ? 1 : BIG - 49) {
            for (size_t aadlen = 0; aadlen <= sizeof aad; aadlen += aadlen < 17 ? 1 : 23) {
                unsigned long taglen = 16;
                assert_int_equal(gcm_memory(cipher, key, keylen, iv, sizeof iv, aad, aadlen, pt, n,
                                            theirs, theirs + n, &taglen, GCM_ENCRYPT),
                                 CRYPT_OK);
                assert_true(aead_seal(algs[a], key, iv, aad, aadlen, pt, n, ours));
                assert_memory_equal(ours, theirs, n + 16);
                bool ok = false;
                assert_true(aead_open(algs[a], key, iv, aad, aadlen, ours, n + 16, ours, &ok));
                assert_true(ok);
                assert_memory_equal(ours, pt, n);
            }
        }
    }
}

static void chacha20_poly1305_rfc8439(void **state)
{
    (void)state;
    const char *text = "Ladies and Gentlemen of the class of '99: If I could offer you only one "
                       "tip for the future, sunscreen would be it.";
    char pt_hex[512] = "";
    for (size_t i = 0; text[i]; i++)
        snprintf(pt_hex + 2 * i, 3, "%02x", (unsigned char)text[i]);
    gcm_case c = {AEAD_CHACHA20_POLY1305,
                  "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
                  "070000004041424344454647", pt_hex, "50515253c0c1c2c3c4c5c6c7",
                  "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                  "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                  "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                  "3ff4def08e4b7a9de576d26586cec64b6116",
                  "1ae10b594f09e26a7e902ecbd0600691"};
    check_case(&c);
}

static void short_input_is_rejected(void **state)
{
    (void)state;
    uint8_t key[32] = {0}, iv[12] = {0}, in[15] = {0}, out[16];
    bool ok = true;
    assert_false(aead_open(AEAD_AES128_GCM, key, iv, NULL, 0, in, sizeof in, out, &ok));
    assert_false(ok);
}

/* NIST SP 800-38A F.2.1 (CBC-AES128.Encrypt) and F.2.5 (CBC-AES256.Encrypt). */
static void aes_cbc_sp800_38a(void **state)
{
    (void)state;
    uint8_t iv[16], pt[64], k128[16], k256[32], want[64], out[64], back[64];
    unhex("000102030405060708090a0b0c0d0e0f", iv);
    unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
          "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
          pt);
    unhex("2b7e151628aed2a6abf7158809cf4f3c", k128);
    unhex("7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
          "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7",
          want);
    assert_true(aes_cbc_encrypt(k128, 16, iv, pt, 64, out));
    assert_memory_equal(out, want, 64);
    assert_true(aes_cbc_decrypt(k128, 16, iv, out, 64, back));
    assert_memory_equal(back, pt, 64);
    unhex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", k256);
    unhex("f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
          "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b",
          want);
    assert_true(aes_cbc_encrypt(k256, 32, iv, pt, 64, out));
    assert_memory_equal(out, want, 64);
    assert_false(aes_cbc_encrypt(k128, 16, iv, pt, 15, out)); /* not whole blocks */
}

/* RFC 4231 4.3 (test case 2, SHA-256 and SHA-384) and 4.7 (test case 6: a key longer
 * than the block is hashed first). */
static void hmac_sha256_rfc4231(void **state)
{
    (void)state;
    uint8_t mac[48], want[48], long_key[131];
    unhex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", want);
    const char *data = "what do ya want for nothing?";
    assert_true(hmac_compute(HASH_SHA256, (const uint8_t *)"Jefe", 4, (const uint8_t *)data,
                             strlen(data), mac));
    assert_memory_equal(mac, want, 32);
    unhex("af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
          "8e2240ca5e69e2c78b3239ecfab21649", want);
    assert_true(hmac_compute(HASH_SHA384, (const uint8_t *)"Jefe", 4, (const uint8_t *)data,
                             strlen(data), mac));
    assert_memory_equal(mac, want, 48);
    memset(long_key, 0xaa, sizeof long_key);
    data = "Test Using Larger Than Block-Size Key - Hash Key First";
    unhex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", want);
    assert_true(hmac_compute(HASH_SHA256, long_key, sizeof long_key, (const uint8_t *)data,
                             strlen(data), mac));
    assert_memory_equal(mac, want, 32);
}

static void hex_of(const uint8_t *p, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", p[i]);
}

/* A sealed TLS CBC record decrypts with `openssl enc` to plaintext || HMAC || padding,
 * where the HMAC is what `openssl dgst -hmac` computes over seq||type||version||len||data. */
static void cbc_record_matches_openssl(void **state)
{
    (void)state;
    uint8_t mac_key[32], enc_key[16], iv[16];
    unhex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", mac_key);
    unhex("000102030405060708090a0b0c0d0e0f", enc_key);
    unhex("f0e0d0c0b0a090807060504030201000", iv);
    const char *msg = "GET / HTTP/1.1\r\nHost: server.test\r\n\r\n";
    size_t n = strlen(msg);
    cbc_hmac_keys k = {HASH_SHA256, mac_key, 32, enc_key, 16};
    cbc_record_header h = {7, 23, 0x0303};
    uint8_t rec[256];
    size_t rec_len = 0;
    assert_true(cbc_hmac_seal(&k, iv, &h, (const uint8_t *)msg, n, rec, &rec_len));
    assert_int_equal(rec_len, cbc_hmac_sealed_len(&k, n));
    assert_int_equal(rec_len % 16, 0);
    assert_memory_equal(rec, iv, 16); /* the explicit IV travels first */

    const char *dir = test_tmpdir();
    char path[256], kh[65], ivh[33], mkh[65];
    snprintf(path, sizeof path, "%s/rec.bin", dir);
    spit(path, rec + 16, rec_len - 16);
    hex_of(enc_key, 16, kh);
    hex_of(iv, 16, ivh);
    hex_of(mac_key, 32, mkh);
    assert_int_equal(sh("openssl enc -d -aes-128-cbc -nopad -K %s -iv %s -in %s -out %s/plain.bin",
                        kh, ivh, path, dir), 0);
    snprintf(path, sizeof path, "%s/plain.bin", dir);
    size_t plen = 0;
    uint8_t *plain = slurp(path, &plen);
    assert_non_null(plain);
    assert_int_equal(plen, rec_len - 16);
    assert_memory_equal(plain, msg, n);
    uint8_t pad = plain[plen - 1];
    for (size_t i = 0; i <= pad; i++)
        assert_int_equal(plain[plen - 1 - i], pad);
    assert_int_equal(n + 32 + pad + 1, plen);

    uint8_t macin[13 + 64];
    unhex("0000000000000007" "17" "0303", macin);
    macin[11] = 0;
    macin[12] = (uint8_t)n;
    memcpy(macin + 13, msg, n);
    snprintf(path, sizeof path, "%s/macin.bin", dir);
    spit(path, macin, 13 + n);
    assert_int_equal(sh("openssl dgst -sha256 -mac HMAC -macopt hexkey:%s -binary -out %s/mac.bin %s",
                        mkh, dir, path), 0);
    snprintf(path, sizeof path, "%s/mac.bin", dir);
    size_t mlen = 0;
    uint8_t *mac = slurp(path, &mlen);
    assert_non_null(mac);
    assert_int_equal(mlen, 32);
    assert_memory_equal(plain + n, mac, 32);
    free(plain);
    free(mac);

    /* Round trip, then every single-byte change is refused with one answer. */
    uint8_t back[256];
    size_t blen = 0;
    bool ok = false;
    assert_true(cbc_hmac_open(&k, &h, rec, rec_len, back, &blen, &ok));
    assert_true(ok);
    assert_int_equal(blen, n);
    assert_memory_equal(back, msg, n);
    for (size_t i = 0; i < rec_len; i++) {
        rec[i] ^= 0x04;
        assert_true(cbc_hmac_open(&k, &h, rec, rec_len, back, &blen, &ok));
        assert_false(ok);
        rec[i] ^= 0x04;
    }
    cbc_record_header wrong_seq = {8, 23, 0x0303};
    assert_true(cbc_hmac_open(&k, &wrong_seq, rec, rec_len, back, &blen, &ok));
    assert_false(ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gcm_spec_vectors),
        cmocka_unit_test(gcm_matches_libtomcrypt_gcm),
        cmocka_unit_test(chacha20_poly1305_rfc8439),
        cmocka_unit_test(short_input_is_rejected),
        cmocka_unit_test(aes_cbc_sp800_38a),
        cmocka_unit_test(hmac_sha256_rfc4231),
        cmocka_unit_test(cbc_record_matches_openssl),
    };
    return cmocka_run_group_tests_name("record ciphers", tests, NULL, NULL);
}
