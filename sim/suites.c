#include "sim/suites.h"

#include <stdio.h>
#include <string.h>

/* In the server's order of preference (tlssim list suites shows it), by these rules
 * in turn: forward secrecy first (ECDHE, then DHE, whose 2048-bit group is slower
 * and weaker per bit; RSA key transport last); then AEAD before CBC, and CBC with
 * HMAC-SHA256 before HMAC-SHA1; then AES-128 before AES-256 and ChaCha20 (128 bits
 * is ample, and AES-128 is the fastest with AES hardware, as Mozilla's server
 * guidelines order it); then an RSA certificate before an ECDSA one, so that the
 * default run shows the certificate most servers still have. */
static const suite_info suites[] = {
    {0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", HS_KEX_ECDHE, PKEY_RSA, REC_AEAD,
     AEAD_AES128_GCM, HASH_NONE, HASH_SHA256, 0, 16, 4,
     "ephemeral ECDH, RSA-signed; AES-128 in GCM mode: what most servers negotiate", NULL},
    {0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", HS_KEX_ECDHE, PKEY_EC, REC_AEAD,
     AEAD_AES128_GCM, HASH_NONE, HASH_SHA256, 0, 16, 4,
     "ephemeral ECDH signed with an ECDSA certificate; AES-128-GCM", NULL},
    {0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", HS_KEX_ECDHE, PKEY_RSA, REC_AEAD,
     AEAD_AES256_GCM, HASH_NONE, HASH_SHA384, 0, 32, 4,
     "as above with AES-256, and SHA-384 for the PRF and the handshake hash", NULL},
    {0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", HS_KEX_ECDHE, PKEY_EC, REC_AEAD,
     AEAD_AES256_GCM, HASH_NONE, HASH_SHA384, 0, 32, 4,
     "ECDHE with an ECDSA certificate; AES-256-GCM, SHA-384 for the PRF", NULL},
    {0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", HS_KEX_ECDHE, PKEY_RSA, REC_AEAD,
     AEAD_CHACHA20_POLY1305, HASH_NONE, HASH_SHA256, 0, 32, 12,
     "ephemeral ECDH, RSA-signed; ChaCha20-Poly1305, fast without AES hardware", NULL},
    {0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", HS_KEX_DHE, PKEY_RSA, REC_AEAD,
     AEAD_AES128_GCM, HASH_NONE, HASH_SHA256, 0, 16, 4,
     "classic ephemeral Diffie-Hellman (ffdhe2048), RSA-signed; AES-128-GCM", NULL},
    {0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", HS_KEX_DHE, PKEY_RSA, REC_AEAD,
     AEAD_AES256_GCM, HASH_NONE, HASH_SHA384, 0, 32, 4,
     "ephemeral DH (ffdhe2048), RSA-signed; AES-256-GCM, SHA-384 for the PRF", NULL},
    {0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", HS_KEX_ECDHE, PKEY_RSA, REC_CBC_HMAC,
     AEAD_NONE, HASH_SHA256, HASH_SHA256, 32, 16, 0,
     "ephemeral ECDH, RSA-signed; AES-CBC with HMAC-SHA256, MAC then encrypt", NULL},
    {0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", HS_KEX_ECDHE, PKEY_RSA, REC_CBC_HMAC,
     AEAD_NONE, HASH_SHA1, HASH_SHA256, 20, 16, 0,
     "ephemeral ECDH, RSA-signed; AES-128-CBC with HMAC-SHA1 (RFC 4492)", SUITE_LEGACY_CBC_SHA1},
    {0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", HS_KEX_ECDHE, PKEY_EC, REC_CBC_HMAC,
     AEAD_NONE, HASH_SHA1, HASH_SHA256, 20, 16, 0,
     "ephemeral ECDH, ECDSA-signed; AES-128-CBC with HMAC-SHA1 (RFC 4492)", SUITE_LEGACY_CBC_SHA1},
    {0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", HS_KEX_ECDHE, PKEY_RSA, REC_CBC_HMAC,
     AEAD_NONE, HASH_SHA1, HASH_SHA256, 20, 32, 0,
     "ephemeral ECDH, RSA-signed; AES-256-CBC with HMAC-SHA1 (RFC 4492)", SUITE_LEGACY_CBC_SHA1},
    {0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", HS_KEX_DHE, PKEY_RSA, REC_CBC_HMAC, AEAD_NONE,
     HASH_SHA1, HASH_SHA256, 20, 16, 0,
     "ephemeral DH (ffdhe2048), RSA-signed; AES-128-CBC with HMAC-SHA1", SUITE_LEGACY_CBC_SHA1},
    {0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256", HS_KEX_RSA, PKEY_RSA, REC_AEAD, AEAD_AES128_GCM,
     HASH_NONE, HASH_SHA256, 0, 16, 4,
     "RSA key transport: the client encrypts the premaster to the server's key (no forward secrecy)",
     NULL},
    {0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384", HS_KEX_RSA, PKEY_RSA, REC_AEAD, AEAD_AES256_GCM,
     HASH_NONE, HASH_SHA384, 0, 32, 4,
     "RSA key transport (no forward secrecy); AES-256-GCM, SHA-384 for the PRF", NULL},
    {0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256", HS_KEX_RSA, PKEY_RSA, REC_CBC_HMAC, AEAD_NONE,
     HASH_SHA256, HASH_SHA256, 32, 16, 0,
     "RSA key transport with AES-CBC and HMAC-SHA256: the classic of TLS 1.2", NULL},
    {0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA", HS_KEX_RSA, PKEY_RSA, REC_CBC_HMAC, AEAD_NONE,
     HASH_SHA1, HASH_SHA256, 20, 16, 0,
     "RSA key transport, AES-128-CBC, HMAC-SHA1: the suite RFC 5246 (9) makes mandatory",
     SUITE_LEGACY_CBC_SHA1},
    {0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", HS_KEX_RSA, PKEY_RSA, REC_CBC_HMAC, AEAD_NONE,
     HASH_SHA1, HASH_SHA256, 20, 32, 0,
     "RSA key transport, AES-256-CBC, HMAC-SHA1", SUITE_LEGACY_CBC_SHA1},
};
#define NSUITES (sizeof suites / sizeof suites[0])

static const suite_info dh_anon = {
    0x006c, "TLS_DH_anon_WITH_AES_128_CBC_SHA256", HS_KEX_DHE, PKEY_NONE, REC_CBC_HMAC, AEAD_NONE,
    HASH_SHA256, HASH_SHA256, 32, 16, 0,
    "anonymous Diffie-Hellman: no certificate and no signature, so either side may be anyone", NULL};

const suite_info *suite_dh_anon(void)
{
    return &dh_anon;
}

bool suite_anonymous(const suite_info *s)
{
    return s && s->auth == PKEY_NONE;
}

const suite_info *suite_by_code(uint16_t code)
{
    for (size_t i = 0; i < NSUITES; i++)
        if (suites[i].code == code)
            return &suites[i];
    return NULL;
}

const suite_info *suite_by_name(const char *name)
{
    for (size_t i = 0; i < NSUITES; i++)
        if (strcmp(suites[i].name, name) == 0)
            return &suites[i];
    return NULL;
}

size_t suite_count(void)
{
    return NSUITES;
}

const suite_info *suite_at(size_t i)
{
    return i < NSUITES ? &suites[i] : NULL;
}

/* Suites others offer that a student will meet in captures, by name. */
static const struct {
    uint16_t code;
    const char *name;
} others[] = {
    {0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"},
    {0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"},
    {0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"},
    {0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"},
    {0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"},
    {0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"},
    {0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"},
    {0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"},
    {0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"},
    {0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256"},
    {0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
    {0x1301, "TLS_AES_128_GCM_SHA256"},
    {0x1302, "TLS_AES_256_GCM_SHA384"},
    {0x1303, "TLS_CHACHA20_POLY1305_SHA256"},
};

const char *suite_name(uint16_t code, char *buf, size_t n)
{
    const suite_info *s = code == dh_anon.code ? &dh_anon : suite_by_code(code);
    if (s)
        return s->name;
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        if (others[i].code == code)
            return others[i].name;
    snprintf(buf, n, "unknown suite 0x%04x", code);
    return buf;
}

static const sig_scheme_info schemes[] = {
    {0x0403, "ecdsa_secp256r1_sha256", SIG_ECDSA, HASH_SHA256},
    {0x0503, "ecdsa_secp384r1_sha384", SIG_ECDSA, HASH_SHA384},
    {0x0804, "rsa_pss_rsae_sha256", SIG_RSA_PSS, HASH_SHA256},
    {0x0805, "rsa_pss_rsae_sha384", SIG_RSA_PSS, HASH_SHA384},
    {0x0806, "rsa_pss_rsae_sha512", SIG_RSA_PSS, HASH_SHA512},
    {0x0401, "rsa_pkcs1_sha256", SIG_RSA_PKCS1, HASH_SHA256},
    {0x0501, "rsa_pkcs1_sha384", SIG_RSA_PKCS1, HASH_SHA384},
    {0x0601, "rsa_pkcs1_sha512", SIG_RSA_PKCS1, HASH_SHA512},
    {0x0201, "rsa_pkcs1_sha1", SIG_RSA_PKCS1, HASH_SHA1},
    {0x0203, "ecdsa_sha1", SIG_ECDSA, HASH_SHA1},
};
#define NSCHEMES (sizeof schemes / sizeof schemes[0])

/* Offered by the client, as OpenSSL 3.0 does at its default security level: no SHA-1.
 * SHA-1 collisions are practical (SHAttered, 2017; a chosen-prefix collision, 2020), so
 * OpenSSL 3.0 rates a SHA-1 signature below that level's 80 bits and neither offers nor
 * accepts one. The SHA-1 schemes are known, to be named and to answer a client that
 * sends no signature_algorithms (RFC 5246 7.4.1.4.1), but never offered. */
static const uint16_t offered[] = {0x0403, 0x0503, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601};
_Static_assert(sizeof offered / sizeof offered[0] <= SIG_SCHEMES_MAX_OFFERED,
               "builders hold the offered schemes in SIG_SCHEMES_MAX_OFFERED entries");

const sig_scheme_info *sig_scheme_by_code(uint16_t code)
{
    for (size_t i = 0; i < NSCHEMES; i++)
        if (schemes[i].code == code)
            return &schemes[i];
    return NULL;
}

const char *sig_scheme_name(uint16_t code)
{
    const sig_scheme_info *s = sig_scheme_by_code(code);
    return s ? s->name : "unknown scheme";
}

size_t sig_schemes_offered(const uint16_t **codes)
{
    *codes = offered;
    return sizeof offered / sizeof offered[0];
}

bool sig_scheme_legacy(const sig_scheme_info *s)
{
    return s && s->hash == HASH_SHA1;
}

static bool fits(const sig_scheme_info *s, const pkey *key)
{
    if (key->type == PKEY_RSA)
        return s->kind == SIG_RSA_PKCS1 || s->kind == SIG_RSA_PSS;
    /* In TLS 1.2 an ECDSA scheme's curve is not binding; match it anyway, as 1.3 does.
     * ecdsa_sha1 names no curve (it is TLS 1.2's hash-and-signature pair). */
    return key->type == PKEY_EC && s->kind == SIG_ECDSA &&
           (s->hash == HASH_SHA1 || (key->curve == CURVE_P256 && s->hash == HASH_SHA256) ||
            (key->curve == CURVE_P384 && s->hash == HASH_SHA384));
}

const sig_scheme_info *sig_scheme_choose(const pkey *key, const uint16_t *peer, size_t n)
{
    /* Our preference order, among what the peer listed. PKCS#1 v1.5 first for RSA:
     * it is what TLS 1.2 peers expect most and what students meet in captures. SHA-1
     * last, for a peer that can do nothing better. */
    static const uint16_t rsa_order[] = {0x0401, 0x0804, 0x0501, 0x0805, 0x0601, 0x0806, 0x0201};
    static const uint16_t ec_order[] = {0x0403, 0x0503, 0x0203};
    const uint16_t *order = key->type == PKEY_RSA ? rsa_order : ec_order;
    size_t n_order = key->type == PKEY_RSA ? sizeof rsa_order / sizeof rsa_order[0]
                                           : sizeof ec_order / sizeof ec_order[0];
    for (size_t i = 0; i < n_order; i++) {
        const sig_scheme_info *s = sig_scheme_by_code(order[i]);
        if (!s || !fits(s, key))
            continue;
        for (size_t j = 0; j < n; j++)
            if (peer[j] == s->code)
                return s;
    }
    return NULL;
}

static const kex_group groups[] = {GROUP_X25519, GROUP_SECP256R1, GROUP_SECP384R1,
                                   GROUP_FFDHE2048};

size_t groups_implemented(const kex_group **out)
{
    *out = groups;
    return sizeof groups / sizeof groups[0];
}
