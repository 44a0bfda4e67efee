/* Key exchange against RFC 7748 (X25519) and OpenSSL's `pkeyutl -derive`
 * (ECDH on P-256/P-384, DH on ffdhe2048), and the rejection of bad peer values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>

#include "crypto/der.h"
#include "crypto/kex.h"
#include "crypto/pem.h"
#include "base/alert.h"
#include "tests/unit/helpers.h"
#include "tests/unit/test_rng.h"

static void x25519_rfc7748(void **state)
{
    (void)state;
    kex_keypair kp;
    memset(&kp, 0, sizeof kp);
    kp.group = GROUP_X25519;
    uint8_t peer[32], want[32], out[KEX_MAX_SHARED];
    size_t n = 0;
    tls_err err;
    err_init(&err);
    /* Section 6.1: Alice's private key with Bob's public key. */
    unhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", kp.x25519_priv);
    unhex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", peer);
    unhex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", want);
    assert_true(kex_shared(&kp, peer, 32, out, &n, &err));
    assert_int_equal(n, 32);
    assert_memory_equal(out, want, 32);
    /* Section 5.2, first vector. */
    unhex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4", kp.x25519_priv);
    unhex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c", peer);
    unhex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552", want);
    assert_true(kex_shared(&kp, peer, 32, out, &n, &err));
    assert_memory_equal(out, want, 32);
    /* A point of small order (here 0) gives the all-zero secret: refused. */
    memset(peer, 0, sizeof peer);
    assert_false(kex_shared(&kp, peer, 32, out, &n, &err));
    assert_int_equal(err.alert, ALERT_ILLEGAL_PARAMETER);
    err_init(&err);
    assert_false(kex_shared(&kp, peer, 31, out, &n, &err));
    assert_int_equal(err.alert, ALERT_ILLEGAL_PARAMETER);
}

/* Public keys come from Ed25519's fixed-base multiplication and the map to u; they
 * must equal libsodium's X25519 ladder on the base point (RFC 7748 6.1's way). */
static void x25519_public_keys_match_the_ladder(void **state)
{
    (void)state;
    for (int i = 0; i < 2000; i++) {
        kex_keypair kp;
        assert_true(kex_generate(GROUP_X25519, &kp, test_rng()));
        uint8_t own[32], want[32];
        size_t len = sizeof own;
        assert_true(kex_public(&kp, own, &len));
        assert_int_equal(len, 32);
        assert_int_equal(crypto_scalarmult_curve25519_base(want, kp.x25519_priv), 0);
        assert_memory_equal(own, want, 32);
        kex_free(&kp);
    }
}

static void x25519_pairs_agree(void **state)
{
    (void)state;
    kex_keypair a, b;
    assert_true(kex_generate(GROUP_X25519, &a, test_rng()));
    assert_true(kex_generate(GROUP_X25519, &b, test_rng()));
    uint8_t pa[32], pb[32], za[32], zb[32];
    size_t la = 32, lb = 32, na, nb;
    tls_err err;
    err_init(&err);
    assert_true(kex_public(&a, pa, &la) && kex_public(&b, pb, &lb));
    assert_true(kex_shared(&a, pb, lb, za, &na, &err) && kex_shared(&b, pa, la, zb, &nb, &err));
    assert_memory_equal(za, zb, 32);
    kex_free(&a);
    kex_free(&b);
}

static uint8_t *read_file(const char *dir, const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return slurp(path, len);
}

/* Our ephemeral key against one made by OpenSSL: both sides derive the same secret. */
static void ecdh_matches_openssl(kex_group g, const char *curve)
{
    const char *dir = test_tmpdir();
    assert_int_equal(sh("cd %s && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:%s "
                        "-out peer.pem && openssl pkey -in peer.pem -pubout -outform DER -out peer.der",
                        dir, curve),
                     0);
    kex_keypair kp;
    assert_true(kex_generate(g, &kp, test_rng()));
    uint8_t *spki = NULL;
    size_t spki_len = 0;
    char *pem = NULL;
    assert_true(pkey_export_spki(&kp.ec, &spki, &spki_len));
    assert_true(pem_encode("PUBLIC KEY", spki, spki_len, &pem));
    char path[512];
    snprintf(path, sizeof path, "%s/ours.pem", dir);
    spit(path, pem, strlen(pem));
    assert_int_equal(sh("cd %s && openssl pkeyutl -derive -inkey peer.pem -peerkey ours.pem -out z.bin", dir), 0);
    size_t zlen = 0, plen = 0;
    uint8_t *want = read_file(dir, "z.bin", &zlen);
    uint8_t *peer_der = read_file(dir, "peer.der", &plen);
    assert_non_null(want);
    assert_non_null(peer_der);
    tls_err err;
    err_init(&err);
    pkey peer;
    assert_true(pkey_import_spki(&peer, peer_der, plen, &err));
    uint8_t point[133], z[KEX_MAX_SHARED];
    size_t point_len = sizeof point, n = 0;
    assert_true(pkey_ec_point(&peer, point, &point_len));
    assert_true(kex_shared(&kp, point, point_len, z, &n, &err));
    assert_int_equal(n, zlen);
    assert_memory_equal(z, want, n);
    /* The same point nudged off the curve, or cut short, is an illegal_parameter. */
    point[point_len - 1] ^= 0x01;
    assert_false(kex_shared(&kp, point, point_len, z, &n, &err));
    assert_int_equal(err.alert, ALERT_ILLEGAL_PARAMETER);
    assert_non_null(strstr(err.msg, "not on"));
    err_init(&err);
    assert_false(kex_shared(&kp, point, point_len - 1, z, &n, &err));
    assert_int_equal(err.alert, ALERT_ILLEGAL_PARAMETER);
    pkey_free(&peer);
    kex_free(&kp);
    free(spki);
    free(pem);
    free(want);
    free(peer_der);
}

static void ecdh_p256_openssl(void **state)
{
    (void)state;
    ecdh_matches_openssl(GROUP_SECP256R1, "P-256");
}

static void ecdh_p384_openssl(void **state)
{
    (void)state;
    ecdh_matches_openssl(GROUP_SECP384R1, "P-384");
}

/* Y from a DH SubjectPublicKeyInfo: BIT STRING holding INTEGER Y. */
static size_t dh_public_from_spki(const uint8_t *der, size_t len, uint8_t *y)
{
    tls_err err;
    err_init(&err);
    reader r, seq, alg, bits, inner;
    rd_init(&r, der, len, &err, NULL, "spki");
    der_read(&r, DER_SEQUENCE, NULL, &seq);
    der_read(&seq, DER_SEQUENCE, NULL, &alg);
    der_read(&seq, DER_BIT_STRING, NULL, &bits);
    rd_u8(&bits, NULL);
    der_read(&bits, DER_INTEGER, NULL, &inner);
    size_t n = rd_left(&inner);
    const uint8_t *p = rd_bytes(&inner, n, NULL);
    while (p && n > 0 && p[0] == 0) {
        p++;
        n--;
    }
    if (p)
        memcpy(y, p, n);
    return p ? n : 0;
}

/* Y as a DH SubjectPublicKeyInfo OpenSSL reads (PKCS #3 dhKeyAgreement with p, g). */
static void write_dh_spki(const char *path, const uint8_t *p, size_t plen, const uint8_t *y,
                          size_t ylen)
{
    writer w;
    wr_init(&w, NULL);
    der_mark spki = der_open(&w, DER_SEQUENCE, NULL);
    der_mark alg = der_open(&w, DER_SEQUENCE, NULL);
    der_write_oid(&w, "1.2.840.113549.1.3.1", NULL);
    der_mark params = der_open(&w, DER_SEQUENCE, NULL);
    der_write_uint(&w, p, plen, NULL);
    der_write_small_int(&w, 2, NULL);
    der_close(&w, params);
    der_close(&w, alg);
    der_mark bits = der_open(&w, DER_BIT_STRING, NULL);
    wr_u8(&w, 0, NULL);
    der_write_uint(&w, y, ylen, NULL);
    der_close(&w, bits);
    der_close(&w, spki);
    char *pem = NULL;
    assert_true(pem_encode("PUBLIC KEY", w.buf, w.len, &pem));
    spit(path, pem, strlen(pem));
    free(pem);
    wr_free(&w);
}

static void ffdhe2048_matches_openssl(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    assert_int_equal(sh("cd %s && openssl genpkey -algorithm DH -pkeyopt group:ffdhe2048 -out dh.pem && "
                        "openssl pkey -in dh.pem -pubout -outform DER -out dh.der",
                        dir),
                     0);
    kex_keypair kp;
    assert_true(kex_generate(GROUP_FFDHE2048, &kp, test_rng()));
    uint8_t y[KEX_MAX_PUBLIC], peer_y[KEX_MAX_PUBLIC], p[256], z[KEX_MAX_SHARED];
    size_t ylen = sizeof y, n = 0;
    assert_true(kex_public(&kp, y, &ylen));
    assert_int_equal(ylen, 256); /* left-padded to the size of p (RFC 7919 3) */
    /* OpenSSL's own ffdhe2048 prime, from its parameters, is the one we use. */
    assert_int_equal(sh("cd %s && openssl pkey -in dh.pem -text -noout | grep -q 'GROUP: ffdhe2048'", dir), 0);
    assert_int_equal(sh("cd %s && openssl asn1parse -in dh.pem > dh.asn1", dir), 0);
    size_t alen = 0;
    uint8_t *asn1 = read_file(dir, "dh.asn1", &alen);
    assert_non_null(asn1);
    char *text = calloc(1, alen + 1);
    memcpy(text, asn1, alen);
    char *colon = strstr(text, "INTEGER           :FFFFFFFFFFFFFFFF");
    assert_non_null(colon);
    char *hex = colon + strlen("INTEGER           :");
    hex[strcspn(hex, "\n")] = '\0';
    size_t plen = unhex(hex, p);
    assert_int_equal(plen, 256);
    char ours_path[512];
    snprintf(ours_path, sizeof ours_path, "%s/ours_dh.pem", dir);
    write_dh_spki(ours_path, p, plen, y, ylen);
    assert_int_equal(sh("cd %s && openssl pkeyutl -derive -inkey dh.pem -peerkey ours_dh.pem -out zdh.bin", dir), 0);
    size_t zlen = 0, dlen = 0;
    uint8_t *want = read_file(dir, "zdh.bin", &zlen);
    uint8_t *der = read_file(dir, "dh.der", &dlen);
    size_t peer_len = dh_public_from_spki(der, dlen, peer_y);
    tls_err err;
    err_init(&err);
    assert_true(kex_shared(&kp, peer_y, peer_len, z, &n, &err));
    /* TLS strips Z's leading zero bytes (RFC 5246 8.1.2); compare the same way. */
    size_t skip = 0;
    while (skip < zlen && want[skip] == 0)
        skip++;
    assert_int_equal(n, zlen - skip);
    assert_memory_equal(z, want + skip, n);
    /* Y = 1 and Y = p - 1 force a known secret: refused. */
    uint8_t one = 1;
    assert_false(kex_shared(&kp, &one, 1, z, &n, &err));
    assert_int_equal(err.alert, ALERT_ILLEGAL_PARAMETER);
    err_init(&err);
    p[255] -= 1;
    assert_false(kex_shared(&kp, p, 256, z, &n, &err));
    assert_int_equal(err.alert, ALERT_ILLEGAL_PARAMETER);
    kex_free(&kp);
    free(asn1);
    free(text);
    free(want);
    free(der);
}

static void group_names(void **state)
{
    (void)state;
    assert_int_equal(kex_group_from_name("x25519"), 29);
    assert_int_equal(kex_group_from_name("secp256r1"), 23);
    assert_int_equal(kex_group_from_name("secp384r1"), 24);
    assert_int_equal(kex_group_from_name("ffdhe2048"), 256);
    assert_int_equal(kex_group_from_name("x448"), GROUP_NONE);
    assert_string_equal(kex_group_name(GROUP_X25519), "x25519");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(x25519_rfc7748),     cmocka_unit_test(x25519_public_keys_match_the_ladder),
        cmocka_unit_test(x25519_pairs_agree),
        cmocka_unit_test(ecdh_p256_openssl),  cmocka_unit_test(ecdh_p384_openssl),
        cmocka_unit_test(ffdhe2048_matches_openssl), cmocka_unit_test(group_names),
    };
    return cmocka_run_group_tests_name("key exchange", tests, NULL, NULL);
}
