/* Keys and public-key operations over libtomcrypt (GMP math). libtomcrypt 1.18 has
 * no SubjectPublicKeyInfo or PKCS#8 for EC keys and no PKCS#8 export for RSA, so
 * those encodings are written and read here with the project's DER codec. */
/* libtomcrypt exposes its mp_* shorthands over ltc_mp only to its own sources. */
#define LTC_SOURCE
#include "crypto/pkey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "crypto/der.h"
#include "crypto/prof.h"
#include "base/alert.h"

#define OID_RSA "1.2.840.113549.1.1.1"
#define OID_EC_PUBLIC_KEY "1.2.840.10045.2.1"

static const struct {
    ec_curve curve;
    const char *name, *oid;
    int ltc_size; /* bytes: the size field of ltc_ecc_sets[] */
} curves[] = {
    {CURVE_P256, "P-256", "1.2.840.10045.3.1.7", 32},
    {CURVE_P384, "P-384", "1.3.132.0.34", 48},
};

static int curve_row(ec_curve c)
{
    for (size_t i = 0; i < sizeof curves / sizeof curves[0]; i++)
        if (curves[i].curve == c)
            return (int)i;
    return -1;
}

const char *ec_curve_name(ec_curve c)
{
    int r = curve_row(c);
    return r < 0 ? "unknown curve" : curves[r].name;
}

const char *ec_curve_oid(ec_curve c)
{
    int r = curve_row(c);
    return r < 0 ? "" : curves[r].oid;
}

size_t ec_curve_bytes(ec_curve c)
{
    int r = curve_row(c);
    return r < 0 ? 0 : (size_t)curves[r].ltc_size;
}

static ec_curve curve_from_oid(const char *oid)
{
    for (size_t i = 0; i < sizeof curves / sizeof curves[0]; i++)
        if (strcmp(curves[i].oid, oid) == 0)
            return curves[i].curve;
    return CURVE_NONE;
}

/* The ltc_ecc_sets[] index of a curve (libtomcrypt names them by size). */
static int ltc_set_idx(ec_curve c)
{
    size_t bytes = ec_curve_bytes(c);
    for (int i = 0; bytes && ltc_ecc_sets[i].size; i++)
        if ((size_t)ltc_ecc_sets[i].size == bytes)
            return i;
    return -1;
}

void pk_detail_free(pk_detail *d)
{
    if (!d)
        return;
    free(d->block);
    memset(d, 0, sizeof *d);
}

bool pkey_generate_rsa(pkey *k, int bits, rng *r)
{
    memset(k, 0, sizeof *k);
    int idx;
    prng_state *prng = rng_prng(r, &idx);
    if (rsa_make_key(prng, idx, bits / 8, 65537, &k->rsa) != CRYPT_OK)
        return false;
    k->type = PKEY_RSA;
    k->has_private = true;
    return true;
}

bool pkey_generate_ec(pkey *k, ec_curve c, rng *r)
{
    memset(k, 0, sizeof *k);
    int set = ltc_set_idx(c), idx;
    prng_state *prng = rng_prng(r, &idx);
    if (set < 0 || ecc_make_key_ex(prng, idx, &k->ecc, &ltc_ecc_sets[set]) != CRYPT_OK)
        return false;
    k->ecc.idx = set;
    k->type = PKEY_EC;
    k->curve = c;
    k->has_private = true;
    return true;
}

void pkey_free(pkey *k)
{
    if (k->type == PKEY_RSA)
        rsa_free(&k->rsa);
    else if (k->type == PKEY_EC)
        ecc_free(&k->ecc);
    memset(k, 0, sizeof *k);
}

int pkey_bits(const pkey *k)
{
    if (k->type == PKEY_RSA)
        return mp_count_bits(k->rsa.N);
    if (k->type == PKEY_EC)
        return (int)ec_curve_bytes(k->curve) * 8;
    return 0;
}

const char *pkey_describe(const pkey *k, char *buf, size_t n)
{
    if (k->type == PKEY_RSA)
        snprintf(buf, n, "RSA %d", pkey_bits(k));
    else if (k->type == PKEY_EC)
        snprintf(buf, n, "ECDSA %s", ec_curve_name(k->curve));
    else
        snprintf(buf, n, "unsupported key");
    return buf;
}

bool pkey_ec_point(const pkey *k, uint8_t *out, size_t *len)
{
    unsigned long n = *len;
    if (k->type != PKEY_EC || ecc_ansi_x963_export((ecc_key *)&k->ecc, out, &n) != CRYPT_OK)
        return false;
    *len = n;
    return true;
}

/* ---- SubjectPublicKeyInfo ---- */

static void write_ec_algorithm(writer *w, ec_curve c)
{
    der_mark alg = der_open(w, DER_SEQUENCE, NULL);
    der_write_oid(w, OID_EC_PUBLIC_KEY, NULL);
    der_write_oid(w, ec_curve_oid(c), NULL); /* namedCurve (RFC 5480 2.1.1) */
    der_close(w, alg);
}

/* A BIT STRING with no unused bits around the given bytes. */
static void write_bit_string(writer *w, const uint8_t *p, size_t n)
{
    der_mark m = der_open(w, DER_BIT_STRING, NULL);
    wr_u8(w, 0, NULL);
    wr_bytes(w, p, n, NULL);
    der_close(w, m);
}

/* An unsigned big number's magnitude into a malloc'd buffer (NULL when it fails). */
static uint8_t *mp_bytes(void *n, size_t *len)
{
    *len = (size_t)mp_unsigned_bin_size(n);
    uint8_t *p = malloc(*len ? *len : 1);
    if (p && mp_to_unsigned_bin(n, p) != CRYPT_OK) {
        free(p);
        p = NULL;
    }
    return p;
}

/* Written with the project's DER writer for both key types: libtomcrypt's
 * rsa_export encodes the BIT STRING one bit at a time, which made exporting a
 * certificate's key cost as much as the rest of a handshake's trace texts. */
bool pkey_export_spki(const pkey *k, uint8_t **der, size_t *len)
{
    crypto_init(); /* libtomcrypt asserts (aborts) when no math library is set */
    writer w;
    wr_init(&w, NULL);
    der_mark spki = der_open(&w, DER_SEQUENCE, NULL);
    if (k->type == PKEY_RSA) {
        /* RFC 3279 2.3.1: rsaEncryption with NULL parameters, then the PKCS#1
         * RSAPublicKey (modulus, publicExponent) inside the BIT STRING. */
        der_mark alg = der_open(&w, DER_SEQUENCE, NULL);
        der_write_oid(&w, OID_RSA, NULL);
        der_write(&w, DER_NULL, NULL, 0, NULL);
        der_close(&w, alg);
        size_t nl = 0, el = 0;
        uint8_t *n = mp_bytes(k->rsa.N, &nl), *e = mp_bytes(k->rsa.e, &el);
        der_mark bits = der_open(&w, DER_BIT_STRING, NULL);
        wr_u8(&w, 0, NULL);
        der_mark pub = der_open(&w, DER_SEQUENCE, NULL);
        if (n && e) {
            der_write_uint(&w, n, nl, NULL);
            der_write_uint(&w, e, el, NULL);
        } else {
            w.failed = true;
        }
        der_close(&w, pub);
        der_close(&w, bits);
        free(n);
        free(e);
    } else {
        uint8_t point[1 + 2 * 66];
        size_t plen = sizeof point;
        if (!pkey_ec_point(k, point, &plen))
            w.failed = true;
        write_ec_algorithm(&w, k->curve);
        write_bit_string(&w, point, plen);
    }
    der_close(&w, spki);
    if (w.failed) {
        wr_free(&w);
        return false;
    }
    *der = wr_take(&w, len);
    return true;
}

/* y^2 = x^3 - 3x + b (mod p): libtomcrypt 1.18's point import does not check that
 * the point lies on the curve, and an off-curve point is how invalid-curve attacks
 * begin (RFC 8422 5.11 asks implementations to validate). */
static bool ec_point_on_curve(const ecc_key *key)
{
    void *p, *b, *lhs, *rhs, *t;
    if (mp_init_multi(&p, &b, &lhs, &rhs, &t, NULL) != CRYPT_OK)
        return false;
    bool ok = mp_read_radix(p, key->dp->prime, 16) == CRYPT_OK &&
              mp_read_radix(b, key->dp->B, 16) == CRYPT_OK &&
              mp_cmp(key->pubkey.x, p) == LTC_MP_LT && mp_cmp(key->pubkey.y, p) == LTC_MP_LT &&
              mp_sqrmod(key->pubkey.y, p, lhs) == CRYPT_OK &&          /* y^2 */
              mp_sqrmod(key->pubkey.x, p, t) == CRYPT_OK &&            /* x^2 */
              mp_mulmod(t, key->pubkey.x, p, rhs) == CRYPT_OK &&       /* x^3 */
              mp_mul_d(key->pubkey.x, 3, t) == CRYPT_OK &&             /* 3x */
              mp_sub(rhs, t, rhs) == CRYPT_OK && mp_add(rhs, b, rhs) == CRYPT_OK &&
              mp_mod(rhs, p, rhs) == CRYPT_OK && mp_cmp(lhs, rhs) == LTC_MP_EQ;
    mp_clear_multi(p, b, lhs, rhs, t, NULL);
    return ok;
}

bool pkey_import_ec_point(pkey *k, ec_curve c, const uint8_t *point, size_t n, tls_err *err)
{
    int set = ltc_set_idx(c);
    size_t bytes = ec_curve_bytes(c);
    if (set < 0 || n != 1 + 2 * bytes || point[0] != 0x04) {
        err_set(err, ALERT_ILLEGAL_PARAMETER, "EC point: %zu bytes, not an uncompressed %s point",
                n, ec_curve_name(c));
        return false;
    }
    if (ecc_ansi_x963_import_ex(point, (unsigned long)n, &k->ecc,
                                (ltc_ecc_set_type *)&ltc_ecc_sets[set]) != CRYPT_OK) {
        err_set(err, ALERT_ILLEGAL_PARAMETER, "EC point: cannot be decoded");
        return false;
    }
    k->ecc.idx = set;
    k->type = PKEY_EC;
    k->curve = c;
    if (!ec_point_on_curve(&k->ecc)) {
        pkey_free(k);
        err_set(err, ALERT_ILLEGAL_PARAMETER, "EC point: not on %s", ec_curve_name(c));
        return false;
    }
    return true;
}

/* Reads AlgorithmIdentifier { algorithm, parameters } of a key. */
static bool read_key_algorithm(reader *r, char *oid, size_t oidlen, ec_curve *curve)
{
    reader alg, o;
    *curve = CURVE_NONE;
    if (!der_read(r, DER_SEQUENCE, "algorithm", &alg) || !der_read(&alg, DER_OID, "oid", &o) ||
        !der_oid_to_string(o.base + o.pos, rd_left(&o), oid, oidlen)) {
        rd_fail(r, ALERT_DECODE_ERROR, "algorithm", "malformed AlgorithmIdentifier");
        return false;
    }
    if (strcmp(oid, OID_EC_PUBLIC_KEY) == 0) {
        char curve_oid[64];
        if (!der_read(&alg, DER_OID, "namedCurve", &o) ||
            !der_oid_to_string(o.base + o.pos, rd_left(&o), curve_oid, sizeof curve_oid))
            return false;
        *curve = curve_from_oid(curve_oid);
        if (*curve == CURVE_NONE) {
            rd_fail(r, ALERT_UNSUPPORTED_CERTIFICATE, "namedCurve", "curve %s is not supported",
                    curve_oid);
            return false;
        }
    }
    return true;
}

/* A positive DER INTEGER's magnitude: one leading zero byte is allowed only before a
 * byte with its high bit set, which would otherwise read as negative. */
static const uint8_t *read_positive(reader *r, const char *name, size_t *n)
{
    reader v;
    if (!der_read(r, DER_INTEGER, name, &v))
        return NULL;
    *n = rd_left(&v);
    const uint8_t *p = rd_bytes(&v, *n, NULL);
    if (!p || *n == 0 || (p[0] & 0x80) || (p[0] == 0 && (*n == 1 || !(p[1] & 0x80))))
        return NULL;
    if (p[0] == 0) {
        p++;
        (*n)--;
    }
    return p;
}

/* RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1),
 * read with the project's reader: libtomcrypt's rsa_import decodes the whole
 * SubjectPublicKeyInfo again and expands its BIT STRING to a byte per bit. */
static bool import_rsa_public(pkey *k, const uint8_t *p, size_t len, tls_err *err)
{
    tls_err ignored;
    err_init(&ignored);
    reader r, seq;
    rd_init(&r, p, len, &ignored, NULL, "RSAPublicKey");
    size_t nlen = 0, elen = 0;
    const uint8_t *modulus = NULL, *exponent = NULL;
    bool ok = der_read(&r, DER_SEQUENCE, NULL, &seq) &&
              (modulus = read_positive(&seq, "modulus", &nlen)) != NULL &&
              (exponent = read_positive(&seq, "publicExponent", &elen)) != NULL && rd_close(&seq) &&
              rd_left(&r) == 0 &&
              rsa_set_key(modulus, (unsigned long)nlen, exponent, (unsigned long)elen, NULL, 0,
                          &k->rsa) == CRYPT_OK;
    if (!ok) {
        err_set(err, ALERT_BAD_CERTIFICATE, "SubjectPublicKeyInfo: malformed RSA public key");
        return false;
    }
    k->type = PKEY_RSA;
    return true;
}

bool pkey_import_spki(pkey *k, const uint8_t *der, size_t len, tls_err *err)
{
    crypto_init(); /* libtomcrypt asserts (aborts) when no math library is set */
    memset(k, 0, sizeof *k);
    reader r, spki, bits;
    rd_init(&r, der, len, err, NULL, "SubjectPublicKeyInfo");
    char oid[64];
    ec_curve curve;
    if (!der_read(&r, DER_SEQUENCE, NULL, &spki) ||
        !read_key_algorithm(&spki, oid, sizeof oid, &curve) ||
        !der_read(&spki, DER_BIT_STRING, "subjectPublicKey", &bits) || !rd_close(&spki))
        return false;
    if (rd_u8(&bits, "unused bits") != 0) {
        rd_fail(&r, ALERT_DECODE_ERROR, "subjectPublicKey", "unused bits in a key");
        return false;
    }
    size_t n = rd_left(&bits);
    const uint8_t *p = rd_bytes(&bits, n, NULL);
    if (strcmp(oid, OID_RSA) == 0)
        return p && import_rsa_public(k, p, n, err);
    if (strcmp(oid, OID_EC_PUBLIC_KEY) == 0)
        return p && pkey_import_ec_point(k, curve, p, n, err);
    err_set(err, ALERT_UNSUPPORTED_CERTIFICATE,
            "SubjectPublicKeyInfo: key algorithm %s is not supported", oid);
    return false;
}

bool pkey_same_public(const pkey *a, const pkey *b)
{
    uint8_t *da = NULL, *db = NULL;
    size_t la = 0, lb = 0;
    bool same = a->type == b->type && pkey_export_spki(a, &da, &la) &&
                pkey_export_spki(b, &db, &lb) && la == lb && memcmp(da, db, la) == 0;
    free(da);
    free(db);
    return same;
}

/* ---- private keys: PKCS#8 (RFC 5208), PKCS#1, ECPrivateKey (RFC 5915) ---- */

static bool ec_scalar(const pkey *k, uint8_t *out, size_t bytes)
{
    size_t n = (size_t)mp_unsigned_bin_size(k->ecc.k);
    if (n > bytes)
        return false;
    memset(out, 0, bytes);
    return mp_to_unsigned_bin(k->ecc.k, out + (bytes - n)) == CRYPT_OK;
}

bool pkey_export_pkcs8(const pkey *k, uint8_t **der, size_t *len)
{
    crypto_init(); /* libtomcrypt asserts (aborts) when no math library is set */
    if (!k->has_private)
        return false;
    writer w;
    wr_init(&w, NULL);
    der_mark info = der_open(&w, DER_SEQUENCE, NULL);
    der_write_small_int(&w, 0, NULL);
    if (k->type == PKEY_RSA) {
        der_mark alg = der_open(&w, DER_SEQUENCE, NULL);
        der_write_oid(&w, OID_RSA, NULL);
        der_write(&w, DER_NULL, NULL, 0, NULL);
        der_close(&w, alg);
        unsigned long n = 8192;
        uint8_t *pkcs1 = malloc(n);
        if (!pkcs1 || rsa_export(pkcs1, &n, PK_PRIVATE, (rsa_key *)&k->rsa) != CRYPT_OK)
            w.failed = true;
        else
            der_write(&w, DER_OCTET_STRING, pkcs1, n, NULL);
        free(pkcs1);
    } else {
        write_ec_algorithm(&w, k->curve);
        size_t bytes = ec_curve_bytes(k->curve);
        uint8_t scalar[66], point[1 + 2 * 66];
        size_t plen = sizeof point;
        if (!ec_scalar(k, scalar, bytes) || !pkey_ec_point(k, point, &plen))
            w.failed = true;
        /* ECPrivateKey: the curve is already in the AlgorithmIdentifier, so only the
         * version, the scalar and the public key [1], as OpenSSL writes it. */
        der_mark oct = der_open(&w, DER_OCTET_STRING, NULL);
        der_mark ecpk = der_open(&w, DER_SEQUENCE, NULL);
        der_write_small_int(&w, 1, NULL);
        der_write(&w, DER_OCTET_STRING, scalar, bytes, NULL);
        der_mark pub = der_open(&w, DER_CONTEXT(1), NULL);
        write_bit_string(&w, point, plen);
        der_close(&w, pub);
        der_close(&w, ecpk);
        der_close(&w, oct);
    }
    der_close(&w, info);
    if (w.failed) {
        wr_free(&w);
        return false;
    }
    *der = wr_take(&w, len);
    return true;
}

/* Builds a private EC key from its scalar; the public point is k*G. */
static bool ec_from_scalar(pkey *k, ec_curve c, const uint8_t *s, size_t n, tls_err *err)
{
    int set = ltc_set_idx(c);
    if (set < 0 || n == 0 || n > ec_curve_bytes(c)) {
        err_set(err, ALERT_NONE, "EC private key: bad scalar length %zu", n);
        return false;
    }
    const ltc_ecc_set_type *dp = &ltc_ecc_sets[set];
    ecc_key *e = &k->ecc;
    memset(e, 0, sizeof *e);
    if (mp_init_multi(&e->k, &e->pubkey.x, &e->pubkey.y, &e->pubkey.z, NULL) != CRYPT_OK)
        return false;
    ecc_point *g = ltc_ecc_new_point();
    void *prime = NULL, *order = NULL;
    bool ok = g && mp_init_multi(&prime, &order, NULL) == CRYPT_OK &&
              mp_read_unsigned_bin(e->k, (unsigned char *)s, (unsigned long)n) == CRYPT_OK &&
              mp_read_radix(prime, dp->prime, 16) == CRYPT_OK &&
              mp_read_radix(order, dp->order, 16) == CRYPT_OK &&
              mp_read_radix(g->x, dp->Gx, 16) == CRYPT_OK &&
              mp_read_radix(g->y, dp->Gy, 16) == CRYPT_OK && mp_set(g->z, 1) == CRYPT_OK &&
              !mp_iszero(e->k) && mp_cmp(e->k, order) == LTC_MP_LT &&
              ltc_mp.ecc_ptmul(e->k, g, &e->pubkey, prime, 1) == CRYPT_OK;
    if (g)
        ltc_ecc_del_point(g);
    if (prime)
        mp_clear_multi(prime, order, NULL);
    if (!ok) {
        mp_clear_multi(e->k, e->pubkey.x, e->pubkey.y, e->pubkey.z, NULL);
        memset(e, 0, sizeof *e);
        err_set(err, ALERT_NONE, "EC private key: scalar out of range for %s", ec_curve_name(c));
        return false;
    }
    e->type = PK_PRIVATE;
    e->idx = set;
    e->dp = dp;
    k->type = PKEY_EC;
    k->curve = c;
    k->has_private = true;
    return true;
}

/* ECPrivateKey (RFC 5915 3); curve comes from the PKCS#8 algorithm or from [0]. */
static bool read_ec_private(reader *r, ec_curve curve, pkey *k, tls_err *err)
{
    reader seq, scalar, ctx, o;
    if (!der_read(r, DER_SEQUENCE, "ECPrivateKey", &seq))
        return false;
    if (rd_u8(&seq, NULL) != DER_INTEGER || rd_u8(&seq, NULL) != 1 || rd_u8(&seq, NULL) != 1) {
        rd_fail(r, ALERT_NONE, "ECPrivateKey", "version must be 1");
        return false;
    }
    if (!der_read(&seq, DER_OCTET_STRING, "privateKey", &scalar))
        return false;
    if (der_peek_tag(&seq) == DER_CONTEXT(0)) {
        char oid[64];
        if (!der_read(&seq, DER_CONTEXT(0), "parameters", &ctx) ||
            !der_read(&ctx, DER_OID, "namedCurve", &o) ||
            !der_oid_to_string(o.base + o.pos, rd_left(&o), oid, sizeof oid))
            return false;
        ec_curve named = curve_from_oid(oid);
        if (curve != CURVE_NONE && named != curve) {
            rd_fail(r, ALERT_NONE, "ECPrivateKey", "curve %s disagrees with the algorithm", oid);
            return false;
        }
        curve = named;
    }
    if (curve == CURVE_NONE) {
        rd_fail(r, ALERT_NONE, "ECPrivateKey", "unknown or unsupported curve");
        return false;
    }
    /* The optional [1] publicKey is recomputed from the scalar instead of trusted. */
    size_t n = rd_left(&scalar);
    const uint8_t *s = rd_bytes(&scalar, n, NULL);
    return s && ec_from_scalar(k, curve, s, n, err);
}

/* rsa_import also accepts a public key; anything but a private one is refused, and
 * what it allocated is released. */
static bool import_rsa_private(pkey *k, const uint8_t *der, size_t len)
{
    if (rsa_import(der, (unsigned long)len, &k->rsa) != CRYPT_OK)
        return false;
    if (k->rsa.type != PK_PRIVATE) {
        rsa_free(&k->rsa);
        return false;
    }
    return true;
}

bool pkey_import_private(pkey *k, const uint8_t *der, size_t len, tls_err *err)
{
    memset(k, 0, sizeof *k);
    crypto_init();
    reader r, seq, ver;
    rd_init(&r, der, len, err, NULL, "private key");
    if (!der_read(&r, DER_SEQUENCE, NULL, &seq) || !der_read(&seq, DER_INTEGER, "version", &ver))
        return false;
    int next = der_peek_tag(&seq);
    if (next == DER_INTEGER) { /* PKCS#1 RSAPrivateKey: version, n, e, d, ... */
        if (!import_rsa_private(k, der, len)) {
            err_set(err, ALERT_NONE, "private key: malformed PKCS#1 RSA key");
            return false;
        }
        k->type = PKEY_RSA;
        k->has_private = true;
        return true;
    }
    if (next == DER_OCTET_STRING) { /* traditional ECPrivateKey, already inside */
        reader whole;
        rd_init(&whole, der, len, err, NULL, "private key");
        return read_ec_private(&whole, CURVE_NONE, k, err);
    }
    char oid[64];
    ec_curve curve;
    reader key;
    if (!read_key_algorithm(&seq, oid, sizeof oid, &curve) ||
        !der_read(&seq, DER_OCTET_STRING, "privateKey", &key))
        return false;
    if (strcmp(oid, OID_RSA) == 0) {
        size_t n = rd_left(&key);
        const uint8_t *p = rd_bytes(&key, n, NULL);
        if (!p || !import_rsa_private(k, p, n)) {
            err_set(err, ALERT_NONE, "private key: malformed RSA key inside PKCS#8");
            return false;
        }
        k->type = PKEY_RSA;
        k->has_private = true;
        return true;
    }
    if (strcmp(oid, OID_EC_PUBLIC_KEY) == 0)
        return read_ec_private(&key, curve, k, err);
    err_set(err, ALERT_NONE, "private key: algorithm %s is not supported", oid);
    return false;
}

/* ---- signatures ---- */

/* The largest RSA modulus handled, in bytes: OpenSSL's limit (16384 bits). */
enum { RSA_MAX_BYTES = 16384 / 8 };

/* The encoded message EM that RSA signs, built with libtomcrypt's own encoders, as
 * rsa_sign_hash_ex does inside: EMSA-PKCS1-v1_5 is 00 01 FF..FF 00 DigestInfo
 * (RFC 8017 9.2), EMSA-PSS is maskedDB || H || BC with a random salt as long as the
 * hash (RFC 8017 9.1.1). Building it here lets the trace show the block that is
 * really signed or checked, without a second RSA operation to recover it. */
static bool emsa_encode(const pkey *k, sig_kind kind, int hidx, const uint8_t *digest,
                        size_t dlen, rng *r, uint8_t *em, unsigned long *emlen)
{
    unsigned long bits = (unsigned long)mp_count_bits(k->rsa.N);
    if (kind == SIG_RSA_PSS) {
        int pidx;
        if (!r)
            return false; /* the salt is random */
        prng_state *prng = rng_prng(r, &pidx);
        return pkcs_1_pss_encode(digest, (unsigned long)dlen, (unsigned long)dlen, prng, pidx,
                                 hidx, bits, em, emlen) == CRYPT_OK;
    }
    /* DigestInfo ::= SEQUENCE { SEQUENCE { hash OID, NULL }, OCTET STRING digest } */
    ltc_asn1_list alg[2], info[2];
    LTC_SET_ASN1(alg, 0, LTC_ASN1_OBJECT_IDENTIFIER, hash_descriptor[hidx].OID,
                 hash_descriptor[hidx].OIDlen);
    LTC_SET_ASN1(alg, 1, LTC_ASN1_NULL, NULL, 0);
    LTC_SET_ASN1(info, 0, LTC_ASN1_SEQUENCE, alg, 2);
    LTC_SET_ASN1(info, 1, LTC_ASN1_OCTET_STRING, digest, dlen);
    uint8_t der[128];
    unsigned long derlen = sizeof der;
    return hash_descriptor[hidx].OIDlen > 0 &&
           der_encode_sequence(info, 2, der, &derlen) == CRYPT_OK &&
           pkcs_1_v1_5_encode(der, derlen, LTC_PKCS_1_EMSA, bits, NULL, 0, em, emlen) ==
               CRYPT_OK;
}

/* The block as the integer it is, in the modulus's k bytes (I2OSP, RFC 8017 4.1):
 * EMSA-PSS's EM is one byte shorter when the modulus has 8x+1 bits. */
static bool keep_block(pk_detail *d, const uint8_t *em, size_t emlen, size_t modlen)
{
    if (emlen > modlen || !(d->block = calloc(1, modlen)))
        return false;
    memcpy(d->block + (modlen - emlen), em, emlen);
    d->block_len = modlen;
    return true;
}

static bool rsa_sign(const pkey *k, sig_kind kind, int hidx, const uint8_t *digest, size_t dlen,
                     rng *r, uint8_t *out, unsigned long *outlen, pk_detail *detail)
{
    size_t modlen = (size_t)mp_unsigned_bin_size(k->rsa.N);
    uint8_t em[RSA_MAX_BYTES];
    unsigned long emlen = sizeof em;
    if (modlen > sizeof em || !emsa_encode(k, kind, hidx, digest, dlen, r, em, &emlen))
        return false;
    uint64_t t0 = prof_start();
    /* libtomcrypt's private operation blinds the input and checks the CRT result
     * with the public exponent before returning it. */
    int rc = rsa_exptmod(em, emlen, out, outlen, PK_PRIVATE, (rsa_key *)&k->rsa);
    prof_stop(PROF_RSA_SIGN, t0);
    return rc == CRYPT_OK && (!detail || keep_block(detail, em, emlen, modlen));
}

/* One public operation, s^e mod n, gives the block; the verdict comes from that block:
 * PKCS#1 v1.5 compares it with the encoding of the expected digest (RFC 8017 8.2.2
 * step 4), PSS checks it with libtomcrypt's EMSA-PSS-VERIFY (RFC 8017 9.1.2). A
 * signature that is not below the modulus has no block and is not valid. */
static bool rsa_verify(const pkey *k, sig_kind kind, int hidx, const uint8_t *digest,
                       size_t dlen, const uint8_t *sig, size_t siglen, pk_detail *detail)
{
    uint8_t block[RSA_MAX_BYTES], want[RSA_MAX_BYTES];
    unsigned long blen = sizeof block, wlen = sizeof want;
    unsigned long bits = (unsigned long)mp_count_bits(k->rsa.N);
    if (siglen > sizeof block)
        return false;
    uint64_t t0 = prof_start();
    int rc = rsa_exptmod(sig, (unsigned long)siglen, block, &blen, PK_PUBLIC, (rsa_key *)&k->rsa);
    prof_stop(PROF_RSA_VERIFY, t0);
    if (rc != CRYPT_OK || blen != siglen)
        return false;
    if (detail)
        keep_block(detail, block, blen, blen);
    if (kind == SIG_RSA_PSS) {
        /* With 8x+1 bits, EM is the block without its leading zero byte. */
        size_t skip = bits % 8 == 1 ? 1 : 0;
        int stat = 0;
        return (skip == 0 || block[0] == 0) &&
               pkcs_1_pss_decode(digest, (unsigned long)dlen, block + skip, blen - skip,
                                 (unsigned long)dlen, hidx, bits, &stat) == CRYPT_OK &&
               stat == 1;
    }
    return emsa_encode(k, kind, hidx, digest, dlen, NULL, want, &wlen) && wlen == blen &&
           mem_neq(want, block, blen) == 0;
}

bool pkey_sign(const pkey *k, sig_kind kind, hash_alg h, const uint8_t *msg, size_t n, rng *r,
               uint8_t **sig, size_t *siglen, pk_detail *detail)
{
    uint8_t digest[HASH_MAX_LEN];
    size_t dlen = hash_len(h);
    int hidx = hash_ltc_idx(h), pidx;
    if (!k->has_private || hidx < 0 || !r || !hash_digest(h, msg, n, digest))
        return false;
    if (detail) {
        memset(detail, 0, sizeof *detail);
        memcpy(detail->digest, digest, dlen);
        detail->digest_len = dlen;
    }
    unsigned long outlen = RSA_MAX_BYTES;
    uint8_t *out = malloc(outlen);
    bool ok = false;
    if (out && k->type == PKEY_RSA && (kind == SIG_RSA_PKCS1 || kind == SIG_RSA_PSS)) {
        ok = rsa_sign(k, kind, hidx, digest, dlen, r, out, &outlen, detail);
    } else if (out && k->type == PKEY_EC && kind == SIG_ECDSA) {
        prng_state *prng = rng_prng(r, &pidx);
        uint64_t t0 = prof_start();
        ok = ecc_sign_hash(digest, dlen, out, &outlen, prng, pidx, (ecc_key *)&k->ecc) ==
             CRYPT_OK;
        prof_stop(PROF_ECDSA_SIGN, t0);
    }
    if (!ok) {
        free(out);
        pk_detail_free(detail);
        return false;
    }
    *sig = out;
    *siglen = outlen;
    return true;
}

bool pkey_verify(const pkey *k, sig_kind kind, hash_alg h, const uint8_t *msg, size_t n,
                 const uint8_t *sig, size_t siglen, bool *valid, pk_detail *detail)
{
    *valid = false;
    if (!sig || !msg)
        return false;
    uint8_t digest[HASH_MAX_LEN];
    size_t dlen = hash_len(h);
    int hidx = hash_ltc_idx(h);
    if (hidx < 0 || !hash_digest(h, msg, n, digest))
        return false;
    if (detail) {
        memset(detail, 0, sizeof *detail);
        memcpy(detail->digest, digest, dlen);
        detail->digest_len = dlen;
    }
    if (k->type == PKEY_RSA && (kind == SIG_RSA_PKCS1 || kind == SIG_RSA_PSS)) {
        if (siglen != (size_t)mp_unsigned_bin_size(k->rsa.N))
            return true; /* a signature of the wrong size is simply not valid */
        *valid = rsa_verify(k, kind, hidx, digest, dlen, sig, siglen, detail);
        return true;
    }
    if (k->type != PKEY_EC || kind != SIG_ECDSA)
        return false; /* the key cannot make this kind of signature */
    int stat = 0;
    uint64_t t0 = prof_start();
    int rc = ecc_verify_hash(sig, siglen, digest, dlen, &stat, (ecc_key *)&k->ecc);
    prof_stop(PROF_ECDSA_VERIFY, t0);
    /* A forged signature is CRYPT_OK with stat 0; a garbled one may be an error
     * code (bad DER, value out of range): either way it does not verify. */
    *valid = rc == CRYPT_OK && stat == 1;
    return true;
}

/* ---- RSAES-PKCS1-v1_5 ---- */

bool pkey_rsa_encrypt(const pkey *k, const uint8_t *msg, size_t n, rng *r, uint8_t **ct,
                      size_t *ctlen, pk_detail *detail)
{
    crypto_init(); /* libtomcrypt asserts (aborts) when no math library is set */
    if (k->type != PKEY_RSA || !r)
        return false;
    int pidx;
    prng_state *prng = rng_prng(r, &pidx);
    unsigned long bits = (unsigned long)mp_count_bits(k->rsa.N);
    unsigned long modlen = (bits + 7) / 8, emlen = modlen, outlen = modlen;
    uint8_t *em = malloc(modlen), *out = malloc(modlen);
    uint64_t t0 = prof_start();
    bool ok = em && out &&
              pkcs_1_v1_5_encode(msg, (unsigned long)n, LTC_PKCS_1_EME, bits, prng, pidx, em,
                                 &emlen) == CRYPT_OK &&
              rsa_exptmod(em, emlen, out, &outlen, PK_PUBLIC, (rsa_key *)&k->rsa) == CRYPT_OK;
    prof_stop(PROF_RSA_ENCRYPT, t0);
    if (ok && detail) {
        memset(detail, 0, sizeof *detail);
        detail->block = em;
        detail->block_len = emlen;
        em = NULL;
    }
    free(em);
    if (!ok) {
        free(out);
        return false;
    }
    *ct = out;
    *ctlen = outlen;
    return true;
}

bool pkey_rsa_public_raw(const pkey *k, const uint8_t *block, size_t n, uint8_t **ct,
                         size_t *ctlen)
{
    crypto_init();
    if (k->type != PKEY_RSA)
        return false;
    unsigned long outlen = (unsigned long)(mp_count_bits(k->rsa.N) + 7) / 8;
    uint8_t *out = malloc(outlen);
    if (!out || rsa_exptmod(block, (unsigned long)n, out, &outlen, PK_PUBLIC, (rsa_key *)&k->rsa) != CRYPT_OK) {
        free(out);
        return false;
    }
    *ct = out;
    *ctlen = outlen;
    return true;
}

bool pkey_rsa_decrypt(const pkey *k, const uint8_t *ct, size_t ctlen, uint8_t **out,
                      size_t *outlen, bool *padding_ok, pk_detail *detail)
{
    crypto_init(); /* libtomcrypt asserts (aborts) when no math library is set */
    *padding_ok = false;
    *out = NULL;
    *outlen = 0;
    if (k->type != PKEY_RSA || !k->has_private || !ct)
        return false;
    if (detail)
        memset(detail, 0, sizeof *detail);
    unsigned long bits = (unsigned long)mp_count_bits(k->rsa.N);
    unsigned long modlen = (bits + 7) / 8, emlen = modlen;
    if (ctlen != modlen)
        return true; /* wrong size: treated like bad padding (RFC 5246 7.4.7.1) */
    uint8_t *em = malloc(modlen), *msg = malloc(modlen);
    if (!em || !msg) {
        free(em);
        free(msg);
        return false;
    }
    uint64_t t0 = prof_start();
    int rc = rsa_exptmod(ct, (unsigned long)ctlen, em, &emlen, PK_PRIVATE, (rsa_key *)&k->rsa);
    prof_stop(PROF_RSA_DECRYPT, t0);
    if (rc != CRYPT_OK) {
        /* A ciphertext not below the modulus cannot be decrypted: bad, not fatal. */
        free(em);
        free(msg);
        return true;
    }
    unsigned long mlen = modlen;
    int valid = 0;
    if (pkcs_1_v1_5_decode(em, emlen, LTC_PKCS_1_EME, bits, msg, &mlen, &valid) == CRYPT_OK &&
        valid) {
        *padding_ok = true;
        *out = msg;
        *outlen = mlen;
    } else {
        free(msg);
    }
    if (detail) {
        detail->block = em;
        detail->block_len = emlen;
    } else {
        free(em);
    }
    return true;
}
