/* libtomcrypt exposes its mp_* shorthands over ltc_mp only to its own sources. */
#define LTC_SOURCE
#include "crypto/kex.h"

#include <sodium.h>
#include <string.h>

#include "crypto/crypto.h"
#include "crypto/prof.h"
#include "base/alert.h"

/* RFC 7919 appendix A.1; the same bytes OpenSSL's built-in "ffdhe2048" uses. */
static const char ffdhe2048_p_hex[] =
    "FFFFFFFFFFFFFFFFADF85458A2BB4A9AAFDC5620273D3CF1D8B9C583CE2D3695A9E13641146433FBCC939DCE"
    "249B3EF97D2FE363630C75D8F681B202AEC4617AD3DF1ED5D5FD65612433F51F5F066ED0856365553DED1AF3"
    "B557135E7F57C935984F0C70E0E68B77E2A689DAF3EFE8721DF158A136ADE73530ACCA4F483A797ABC0AB182"
    "B324FB61D108A94BB2C8E3FBB96ADAB760D7F4681D4F42A3DE394DF4AE56EDE76372BB190B07A7C8EE0A6D70"
    "9E02FCE1CDF7E2ECC03404CD28342F619172FE9CE98583FF8E4F1232EEF28183C3FE3B1B4C6FAD733BB5FCBC"
    "2EC22005C58EF1837D1683B2C6F34A26C1B2EFFA886B423861285C97FFFFFFFFFFFFFFFF";
#define FFDHE2048_BYTES 256

static const struct {
    kex_group group;
    const char *name, *describe;
} groups[] = {
    {GROUP_X25519, "x25519", "Curve25519 Diffie-Hellman (RFC 7748): fast, simple, what browsers use"},
    {GROUP_SECP256R1, "secp256r1", "ECDH on the NIST P-256 curve"},
    {GROUP_SECP384R1, "secp384r1", "ECDH on the NIST P-384 curve"},
    {GROUP_FFDHE2048, "ffdhe2048", "classic Diffie-Hellman modulo a 2048-bit prime (RFC 7919)"},
};

const char *kex_group_name(kex_group g)
{
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (groups[i].group == g)
            return groups[i].name;
    return "unknown";
}

const char *kex_group_describe(kex_group g)
{
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (groups[i].group == g)
            return groups[i].describe;
    return "unknown group";
}

kex_group kex_group_from_name(const char *name)
{
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (strcmp(groups[i].name, name) == 0)
            return groups[i].group;
    return GROUP_NONE;
}

static ec_curve curve_of(kex_group g)
{
    return g == GROUP_SECP256R1 ? CURVE_P256 : g == GROUP_SECP384R1 ? CURVE_P384 : CURVE_NONE;
}

bool kex_ffdhe2048_params(uint8_t p[FFDHE2048_BYTES], uint8_t *g)
{
    size_t n = 0;
    *g = 2;
    return sodium_hex2bin(p, FFDHE2048_BYTES, ffdhe2048_p_hex, sizeof ffdhe2048_p_hex - 1, NULL,
                          &n, NULL) == 0 &&
           n == FFDHE2048_BYTES;
}

bool kex_is_ffdhe2048(const uint8_t *p, size_t plen, const uint8_t *g, size_t glen)
{
    uint8_t want[FFDHE2048_BYTES], wg;
    while (plen > FFDHE2048_BYTES && *p == 0) { /* a leading zero is harmless */
        p++;
        plen--;
    }
    return kex_ffdhe2048_params(want, &wg) && plen == FFDHE2048_BYTES &&
           memcmp(p, want, plen) == 0 && glen == 1 && g[0] == wg;
}

static bool set_ffdhe2048(dh_key *k)
{
    uint8_t p[FFDHE2048_BYTES], g;
    return kex_ffdhe2048_params(p, &g) && dh_set_pg(p, FFDHE2048_BYTES, &g, 1, k) == CRYPT_OK;
}

/* X25519's public key is the u coordinate of clamp(k)G (RFC 7748 5). libsodium's
 * X25519 base multiplication runs the Montgomery ladder; its Ed25519 one uses stored
 * multiples of the same point on the equivalent Edwards curve (Ed25519's B is
 * X25519's G) and takes half the time here. The map back is u = (1 + y) / (1 - y)
 * mod p (RFC 7748 4.1). It touches only the public point, so the variable-time
 * inversion leaks nothing; OpenSSL derives X25519 public keys the same way. */
static bool x25519_public(uint8_t pub[32], const uint8_t priv[32])
{
    uint8_t ed[32], be[32];
    /* Clamps the scalar exactly as X25519 does; fails only for the neutral point. */
    if (crypto_scalarmult_ed25519_base(ed, priv) != 0)
        return false;
    ed[31] &= 0x7f; /* the top bit is the sign of x; the rest is y, little-endian */
    for (int i = 0; i < 32; i++)
        be[i] = ed[31 - i];
    static const uint8_t p_be[32] = {0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xed};
    void *p, *y, *num, *den;
    if (mp_init_multi(&p, &y, &num, &den, NULL) != CRYPT_OK)
        return false;
    bool ok = mp_read_unsigned_bin(p, (unsigned char *)p_be, 32) == CRYPT_OK &&
              mp_read_unsigned_bin(y, be, 32) == CRYPT_OK && mp_add_d(y, 1, num) == CRYPT_OK &&
              mp_set(den, 1) == CRYPT_OK && mp_sub(den, y, den) == CRYPT_OK &&
              mp_mod(den, p, den) == CRYPT_OK && mp_invmod(den, p, den) == CRYPT_OK &&
              mp_mulmod(num, den, p, num) == CRYPT_OK && mp_unsigned_bin_size(num) <= 32;
    if (ok) {
        size_t n = (size_t)mp_unsigned_bin_size(num);
        memset(be, 0, sizeof be);
        ok = mp_to_unsigned_bin(num, be + (32 - n)) == CRYPT_OK;
        for (int i = 0; i < 32; i++)
            pub[i] = be[31 - i];
    }
    mp_clear_multi(p, y, num, den, NULL);
    return ok;
}

static bool generate(kex_group g, kex_keypair *kp, rng *r);

bool kex_generate(kex_group g, kex_keypair *kp, rng *r)
{
    uint64_t t0 = prof_start();
    bool ok = generate(g, kp, r);
    prof_stop(PROF_KEX_KEYGEN, t0);
    return ok;
}

static bool generate(kex_group g, kex_keypair *kp, rng *r)
{
    memset(kp, 0, sizeof *kp);
    crypto_init();
    kp->group = g;
    if (g == GROUP_X25519)
        return rng_bytes(r, kp->x25519_priv, 32) && x25519_public(kp->x25519_pub, kp->x25519_priv);
    if (curve_of(g) != CURVE_NONE)
        return pkey_generate_ec(&kp->ec, curve_of(g), r);
    if (g == GROUP_FFDHE2048) {
        int idx;
        prng_state *prng = rng_prng(r, &idx);
        if (!set_ffdhe2048(&kp->dh))
            return false;
        kp->has_dh = true;
        return dh_generate_key(prng, idx, &kp->dh) == CRYPT_OK;
    }
    return false;
}

bool kex_generate_dh(const uint8_t *p, size_t plen, const uint8_t *g, size_t glen, kex_keypair *kp,
                     rng *r, tls_err *err)
{
    memset(kp, 0, sizeof *kp);
    crypto_init();
    while (plen > 0 && *p == 0) {
        p++;
        plen--;
    }
    if (plen < FFDHE2048_BYTES || plen > KEX_MAX_PUBLIC) {
        err_set(err, ALERT_INSUFFICIENT_SECURITY, "the server's DH prime has %zu bits; 2048 are needed",
                plen * 8);
        return false;
    }
    int idx;
    prng_state *prng = rng_prng(r, &idx);
    kp->group = GROUP_FFDHE2048; /* finite-field DH; the prime is the server's */
    if (dh_set_pg(p, (unsigned long)plen, g, (unsigned long)glen, &kp->dh) != CRYPT_OK) {
        err_set(err, ALERT_ILLEGAL_PARAMETER, "the server's DH parameters are not usable");
        return false;
    }
    kp->has_dh = true;
    uint64_t t0 = prof_start();
    int rc = dh_generate_key(prng, idx, &kp->dh);
    prof_stop(PROF_KEX_KEYGEN, t0);
    if (rc != CRYPT_OK) {
        err_set(err, ALERT_INTERNAL_ERROR, "DH key generation failed");
        return false;
    }
    return true;
}

bool kex_public(const kex_keypair *kp, uint8_t *out, size_t *len)
{
    if (kp->group == GROUP_X25519) {
        memcpy(out, kp->x25519_pub, 32);
        *len = 32;
        return true;
    }
    if (curve_of(kp->group) != CURVE_NONE)
        return pkey_ec_point(&kp->ec, out, len);
    if (kp->group != GROUP_FFDHE2048 || !kp->has_dh)
        return false;
    size_t n = (size_t)mp_unsigned_bin_size(kp->dh.y);
    size_t plen = (size_t)mp_unsigned_bin_size(kp->dh.prime);
    if (n > plen || plen > KEX_MAX_PUBLIC)
        return false;
    memset(out, 0, plen);
    *len = plen;
    return mp_to_unsigned_bin(kp->dh.y, out + (plen - n)) == CRYPT_OK;
}

bool kex_dh_prime(const kex_keypair *kp, uint8_t *out, size_t *len)
{
    if (!kp->has_dh)
        return false;
    size_t plen = (size_t)mp_unsigned_bin_size(kp->dh.prime);
    if (plen > *len)
        return false;
    *len = plen;
    return mp_to_unsigned_bin(kp->dh.prime, out) == CRYPT_OK;
}

/* 1 < Y < p-1 (RFC 7919 5.1): 0, 1 and p-1 would force a known shared secret. */
static bool dh_peer_in_range(const dh_key *own, const dh_key *peer)
{
    void *pm1;
    if (mp_init(&pm1) != CRYPT_OK)
        return false;
    bool ok = mp_sub_d(own->prime, 1, pm1) == CRYPT_OK && mp_cmp_d(peer->y, 1) == LTC_MP_GT &&
              mp_cmp(peer->y, pm1) == LTC_MP_LT;
    mp_clear(pm1);
    return ok;
}

static bool shared_ffdhe(const kex_keypair *kp, const uint8_t *peer, size_t n, uint8_t *out,
                         size_t *outlen, tls_err *err)
{
    dh_key pub;
    memset(&pub, 0, sizeof pub);
    /* The peer's Y lives in our group: same p and g. */
    uint8_t p[KEX_MAX_PUBLIC], g[8];
    unsigned long plen = (unsigned long)mp_unsigned_bin_size(kp->dh.prime);
    unsigned long glen = (unsigned long)mp_unsigned_bin_size(kp->dh.base);
    bool params = plen <= sizeof p && glen <= sizeof g &&
                  mp_to_unsigned_bin(kp->dh.prime, p) == CRYPT_OK &&
                  mp_to_unsigned_bin(kp->dh.base, g) == CRYPT_OK;
    if (n == 0 || n > KEX_MAX_PUBLIC || !params || dh_set_pg(p, plen, g, glen, &pub) != CRYPT_OK ||
        dh_set_key(peer, (unsigned long)n, PK_PUBLIC, &pub) != CRYPT_OK ||
        !dh_peer_in_range(&kp->dh, &pub)) {
        dh_free(&pub);
        err_set(err, ALERT_ILLEGAL_PARAMETER, "DH public value (%zu bytes) is not strictly between 1 and p-1 (both bounds excluded)", n);
        return false;
    }
    unsigned long len = KEX_MAX_SHARED;
    bool ok = dh_shared_secret((dh_key *)&kp->dh, &pub, out, &len) == CRYPT_OK;
    dh_free(&pub);
    if (!ok)
        err_set(err, ALERT_ILLEGAL_PARAMETER, "DH shared secret could not be computed");
    *outlen = len;
    return ok;
}

static bool shared(const kex_keypair *kp, const uint8_t *peer, size_t n, uint8_t *out,
                   size_t *outlen, tls_err *err);

bool kex_shared(const kex_keypair *kp, const uint8_t *peer, size_t n, uint8_t *out,
                size_t *outlen, tls_err *err)
{
    uint64_t t0 = prof_start();
    bool ok = shared(kp, peer, n, out, outlen, err);
    prof_stop(PROF_KEX_SHARED, t0);
    return ok;
}

static bool shared(const kex_keypair *kp, const uint8_t *peer, size_t n, uint8_t *out,
                   size_t *outlen, tls_err *err)
{
    if (kp->group == GROUP_X25519) {
        if (n != 32) {
            err_set(err, ALERT_ILLEGAL_PARAMETER, "x25519 public key is %zu bytes, not 32", n);
            return false;
        }
        /* libsodium refuses a result of all zeros (a small-order peer point, RFC 7748 6.1). */
        if (crypto_scalarmult_curve25519(out, kp->x25519_priv, peer) != 0) {
            err_set(err, ALERT_ILLEGAL_PARAMETER, "x25519 public key has small order");
            return false;
        }
        *outlen = 32;
        return true;
    }
    ec_curve c = curve_of(kp->group);
    if (c != CURVE_NONE) {
        pkey pub;
        memset(&pub, 0, sizeof pub);
        if (!pkey_import_ec_point(&pub, c, peer, n, err))
            return false;
        unsigned long len = KEX_MAX_SHARED;
        bool ok = ecc_shared_secret((ecc_key *)&kp->ec.ecc, &pub.ecc, out, &len) == CRYPT_OK;
        pkey_free(&pub);
        if (!ok)
            err_set(err, ALERT_ILLEGAL_PARAMETER, "ECDH on %s failed", ec_curve_name(c));
        *outlen = len;
        return ok;
    }
    if (kp->group == GROUP_FFDHE2048)
        return shared_ffdhe(kp, peer, n, out, outlen, err);
    err_set(err, ALERT_INTERNAL_ERROR, "unknown key-exchange group %d", (int)kp->group);
    return false;
}

bool kex_private(const kex_keypair *kp, uint8_t *out, size_t *len)
{
    if (kp->group == GROUP_X25519) {
        if (*len < 32)
            return false;
        memcpy(out, kp->x25519_priv, 32);
        *len = 32;
        return true;
    }
    void *x = NULL;
    size_t width = 0; /* an EC scalar keeps the curve's size; a DH exponent its own */
    ec_curve c = curve_of(kp->group);
    if (c != CURVE_NONE) {
        x = kp->ec.ecc.k;
        width = ec_curve_bytes(c);
    } else if (kp->has_dh) {
        x = kp->dh.x;
    }
    if (!x)
        return false;
    size_t n = (size_t)mp_unsigned_bin_size(x);
    if (n > width)
        width = n;
    if (width > *len)
        return false;
    memset(out, 0, width - n);
    if (mp_to_unsigned_bin(x, out + width - n) != CRYPT_OK)
        return false;
    *len = width;
    return true;
}

void kex_free(kex_keypair *kp)
{
    if (kp->group == GROUP_SECP256R1 || kp->group == GROUP_SECP384R1)
        pkey_free(&kp->ec);
    if (kp->has_dh)
        dh_free(&kp->dh);
    sodium_memzero(kp, sizeof *kp);
}
