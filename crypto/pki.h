/* The demo PKI: root CA -> intermediate CA -> server and client leaves, built
 * deterministically from a seed, plus the deliberately broken variants that the
 * fault catalogue and the lessons use. */
#ifndef TLSSIM_PKI_H
#define TLSSIM_PKI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/pkey.h"
#include "crypto/x509.h"
#include "base/err.h"

/* The seed of the built-in PKI (and of `tlssim pki` without --seed). */
#define PKI_DEFAULT_SEED 20261124u
#define PKI_HOST "server.test"

typedef enum pki_role {
    PKI_ROOT,
    PKI_INTERMEDIATE,
    PKI_SERVER_RSA,
    PKI_SERVER_ECDSA,
    PKI_CLIENT_RSA,
    PKI_CLIENT_ECDSA,
    PKI_NROLES
} pki_role;

typedef struct pki_entity {
    pkey key;
    x509_cert cert; /* parsed; cert.der holds the DER */
    bool present;
} pki_entity;

typedef struct pki {
    pki_entity e[PKI_NROLES];
} pki;

/* "root-ca", "intermediate-ca", "server-rsa", ... : the file stem of a role. */
const char *pki_role_file(pki_role r);

/* Builds every key and certificate from seed (reseeds the RNG, then restores the
 * system RNG unless the caller had seeded it: callers seed again before a run). */
bool pki_generate(pki *p, uint64_t seed, tls_err *err);
/* Writes NAME.pem, NAME.key (PKCS#8) for every role, and the two server chains. */
bool pki_write_dir(const pki *p, const char *dir, tls_err *err);
/* Reads what pki_write_dir wrote (or the same files made by other tools). */
bool pki_load_dir(pki *p, const char *dir, tls_err *err);
/* Reads the role files from in-memory PEM texts, indexed by role. */
bool pki_load_texts(pki *p, const char *const cert_pem[PKI_NROLES],
                    const char *const key_pem[PKI_NROLES], tls_err *err);
void pki_free(pki *p);

/* The certificate spec of a role (the variants start from it and change one thing). */
void pki_role_spec(const pki *p, pki_role r, x509_spec *s);
/* "2025-01-01" as seconds since 1970 (0 if malformed: only fixed dates are passed). */
int64_t pki_date(const char *ymd);
/* Builds s with a fresh random serial (and signature) from r and parses the result
 * into out. */
bool pki_issue(const x509_spec *s, rng *r, x509_cert *out, tls_err *err);
/* Writes dir/name with the certificates as PEM, in order (a chain: leaf first). */
bool pki_write_certs(const char *dir, const char *name, const x509_cert *const certs[], size_t n,
                     tls_err *err);
/* A positive 63-bit serial number drawn from r (RFC 5280 4.1.2.2). */
uint64_t pki_random_serial(rng *r);
/* Writes dir/name holding each DER as a PEM block with label, in order. */
bool pki_write_pem(const char *dir, const char *name, const char *label,
                   const uint8_t *const der[], const size_t len[], size_t n, tls_err *err);
/* Creates dir and its missing parents (mkdir -p). */
bool pki_make_dir(const char *dir, tls_err *err);
/* Writes dir/name with the key as PKCS#8 PEM. */
bool pki_write_key(const char *dir, const char *name, const pkey *k, tls_err *err);

/* Broken server certificates, each made the way a misconfigured or malicious
 * server would present it. */
typedef enum pki_variant {
    PKI_VAR_EXPIRED,
    PKI_VAR_NOT_YET_VALID,
    PKI_VAR_WRONG_HOST,
    PKI_VAR_SELF_SIGNED,
    PKI_VAR_UNKNOWN_CA,
    PKI_VAR_BAD_SIGNATURE,
    PKI_VAR_MISSING_INTERMEDIATE,
    PKI_VAR_INTERMEDIATE_NOT_CA,
    PKI_VAR_WRONG_EKU,
    PKI_VAR_MISSING_KEY_USAGE,
    PKI_VAR_WEAK_KEY,
    PKI_VAR_SHA1,
    PKI_NVARIANTS
} pki_variant;

typedef struct pki_chain {
    x509_cert certs[3]; /* as the server sends them: leaf first */
    size_t n;
    pkey leaf_key;
} pki_chain;

const char *pki_variant_name(pki_variant v);    /* "expired" */
const char *pki_variant_explain(pki_variant v); /* one line for students */
/* Builds the variant from the base PKI's server-rsa chain (deterministic from seed). */
bool pki_build_variant(const pki *base, pki_variant v, uint64_t seed, pki_chain *out,
                       tls_err *err);
void pki_chain_free(pki_chain *c);
/* Broken client certificates, for mutual TLS. */
typedef enum pki_client_variant {
    PKI_CLIENT_VAR_EXPIRED,     /* validity ended in 2021 */
    PKI_CLIENT_VAR_SELF_SIGNED, /* signed with its own key: no CA vouches for it */
} pki_client_variant;

/* Builds the variant from the base PKI's client chain of that role (PKI_CLIENT_RSA or
 * PKI_CLIENT_ECDSA); the leaf keeps the client's key. Deterministic from seed. */
bool pki_build_client_variant(const pki *base, pki_role role, pki_client_variant v, uint64_t seed,
                              pki_chain *out, tls_err *err);
/* Writes chain.pem (as sent), leaf.pem, leaf.key and, when present, intermediates.pem. */
bool pki_chain_write_dir(const pki_chain *c, const char *dir, tls_err *err);

#endif
