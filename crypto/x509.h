/* X.509 v3 certificates (RFC 5280): parse with per-field annotations, and build
 * from a spec. Validation lives in crypto/x509_verify.h. */
#ifndef TLSSIM_X509_H
#define TLSSIM_X509_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/hash.h"
#include "crypto/pkey.h"
#include "base/annot.h"
#include "base/err.h"

/* keyUsage bits (RFC 5280 4.2.1.3), as flags of our own (not the BIT STRING order). */
enum {
    KU_DIGITAL_SIGNATURE = 1u << 0,
    KU_NON_REPUDIATION = 1u << 1,
    KU_KEY_ENCIPHERMENT = 1u << 2,
    KU_DATA_ENCIPHERMENT = 1u << 3,
    KU_KEY_AGREEMENT = 1u << 4,
    KU_KEY_CERT_SIGN = 1u << 5,
    KU_CRL_SIGN = 1u << 6,
};
/* extendedKeyUsage purposes (RFC 5280 4.2.1.12). */
enum {
    EKU_SERVER_AUTH = 1u << 0,
    EKU_CLIENT_AUTH = 1u << 1,
    EKU_CODE_SIGNING = 1u << 2,
    EKU_EMAIL_PROTECTION = 1u << 3,
    EKU_ANY = 1u << 4,
    EKU_OTHER = 1u << 5,
};

#define X509_MAX_SAN 16

typedef struct x509_cert {
    uint8_t *der; /* the whole certificate (owned); every offset below points into it */
    size_t der_len;
    size_t tbs_off, tbs_len;         /* TBSCertificate: the bytes the signature covers */
    int version;                     /* 1..3 */
    uint8_t serial[32];
    size_t serial_len;
    char sig_alg[64];                /* "sha256WithRSAEncryption", "ecdsa-with-SHA256" */
    sig_kind sig_kind;               /* SIG_NONE when the algorithm is unknown */
    hash_alg sig_hash;
    size_t issuer_off, issuer_len;   /* Name DER, compared byte for byte when chaining */
    size_t subject_off, subject_len;
    char issuer_str[256];            /* "CN=tlssim Intermediate CA, O=tlssim demo" */
    char subject_str[256];
    char subject_cn[128];
    int64_t not_before, not_after;   /* seconds since 1970 (UTC) */
    pkey pubkey;
    bool pubkey_ok;                  /* false: unsupported or malformed key */
    char pubkey_desc[32];            /* "RSA 2048", "ECDSA P-256" */
    bool has_basic_constraints, is_ca;
    int path_len;                    /* -1: no pathLenConstraint */
    bool has_key_usage;
    unsigned key_usage;              /* KU_* */
    bool has_eku;
    unsigned eku;                    /* EKU_* */
    char *san_dns[X509_MAX_SAN];     /* subjectAltName dNSName entries */
    size_t n_san_dns;
    uint8_t skid[64], akid[64];      /* subject / authority key identifiers */
    size_t skid_len, akid_len;
    bool unknown_critical;           /* a critical extension this parser does not know */
    char unknown_critical_oid[64];
    const uint8_t *sig;              /* signatureValue, without the unused-bits byte */
    size_t sig_len;
    annot_list fields;               /* the annotated tree: name, offset, length, value */
} x509_cert;

/* Parses DER; fills out (which the caller frees with x509_free, also on failure).
 * A malformed certificate sets err naming the field (alert: bad_certificate or
 * decode_error as a TLS peer would send). */
bool x509_parse(const uint8_t *der, size_t len, x509_cert *out, tls_err *err);
/* The same checks and results without the annotated tree (fields stays empty), for a
 * chain that is verified but not shown: a peer's chain appears in the trace as the
 * Certificate message its sender built. */
bool x509_parse_unannotated(const uint8_t *der, size_t len, x509_cert *out, tls_err *err);
void x509_free(x509_cert *c);

/* What to build. Zero-initialise and fill in; the defaults in comments apply to 0. */
typedef struct x509_spec {
    const char *subject_cn;
    const char *subject_o;          /* NULL: no O attribute */
    const x509_cert *issuer;        /* NULL: self-issued (issuer name = subject name) */
    const pkey *subject_key;        /* the key being certified (public half used) */
    const pkey *issuer_key;         /* the key that signs; for self-signed, subject_key */
    uint64_t serial;                /* must be > 0 */
    int64_t not_before, not_after;  /* seconds since 1970 (UTC) */
    hash_alg sig_hash;              /* HASH_SHA256 when 0 */
    bool basic_constraints;         /* include basicConstraints (critical) */
    bool ca;
    int path_len;                   /* -1: omit pathLenConstraint */
    bool key_usage;                 /* include keyUsage (critical) with key_usage_bits */
    unsigned key_usage_bits;
    unsigned eku;                   /* 0: omit extendedKeyUsage */
    const char *dns_names[X509_MAX_SAN]; /* subjectAltName; none: omitted */
    size_t n_dns;
    bool key_ids;                   /* include subject/authority key identifiers */
    bool corrupt_signature;         /* flip one bit of the signature (fault builder) */
} x509_spec;

/* Builds and signs a certificate; *der is malloc'd. */
bool x509_build(const x509_spec *spec, rng *r, uint8_t **der, size_t *len, tls_err *err);

/* RFC 5280 time helpers: "2026-11-24" → seconds (UTC midnight); false if malformed. */
bool x509_parse_date(const char *ymd, int64_t *out);
void x509_format_time(int64_t t, char *buf, size_t n); /* "2026-11-24 00:00:00 UTC" */
/* A UTC calendar time to seconds since 1970; false for an impossible date. */
bool x509_civil_to_time(int64_t y, int mo, int d, int h, int mi, int s, int64_t *out);

#endif
