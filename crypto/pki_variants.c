/* Broken server certificate chains for the fault catalogue. Each variant changes
 * exactly one thing about the demo server-rsa chain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "crypto/pem.h"
#include "crypto/pki.h"
#include "base/alert.h"

static const struct {
    const char *name;
    const char *explain;
} variants[PKI_NVARIANTS] = {
    [PKI_VAR_EXPIRED] = {"expired", "the server certificate's validity ended in 2021"},
    [PKI_VAR_NOT_YET_VALID] = {"not-yet-valid", "the server certificate only becomes valid in 2038"},
    [PKI_VAR_WRONG_HOST] = {"wrong-host", "the certificate names other.test, not server.test"},
    [PKI_VAR_SELF_SIGNED] = {"self-signed", "the server signed its own certificate; no CA vouches for it"},
    [PKI_VAR_UNKNOWN_CA] = {"unknown-ca", "a CA the client does not trust issued the chain"},
    [PKI_VAR_BAD_SIGNATURE] = {"bad-signature", "one bit of the certificate's signature is flipped"},
    [PKI_VAR_MISSING_INTERMEDIATE] = {"missing-intermediate", "the server sends its certificate without the intermediate CA"},
    [PKI_VAR_INTERMEDIATE_NOT_CA] = {"intermediate-not-ca", "the intermediate's basicConstraints say it is not a CA"},
    [PKI_VAR_WRONG_EKU] = {"wrong-eku", "the certificate is for client authentication only"},
    [PKI_VAR_MISSING_KEY_USAGE] = {"missing-key-usage", "the certificate has no keyUsage extension (RFC 5280 allows that for a leaf)"},
    [PKI_VAR_WEAK_KEY] = {"weak-key", "the server key is RSA 1024, below today's minimum of 2048 bits"},
    [PKI_VAR_SHA1] = {"sha1", "the certificate is signed with SHA-1, whose collisions can be forged"},
};

const char *pki_variant_name(pki_variant v)
{
    return v < PKI_NVARIANTS ? variants[v].name : "?";
}

const char *pki_variant_explain(pki_variant v)
{
    return v < PKI_NVARIANTS ? variants[v].explain : "?";
}


static bool add_cert(pki_chain *c, const x509_spec *s, rng *r, tls_err *err)
{
    bool ok = c->n < 3 && pki_issue(s, r, &c->certs[c->n], err);
    if (ok)
        c->n++;
    return ok;
}

static bool add_copy(pki_chain *c, const x509_cert *cert, tls_err *err)
{
    bool ok = c->n < 3 && x509_parse(cert->der, cert->der_len, &c->certs[c->n], err);
    if (ok)
        c->n++;
    return ok;
}

static bool copy_key(pkey *dst, const pkey *src, tls_err *err)
{
    uint8_t *der = NULL;
    size_t len = 0;
    bool ok = pkey_export_pkcs8(src, &der, &len) && pkey_import_private(dst, der, len, err);
    free(der);
    return ok;
}

/* A CA hierarchy the client has never heard of: its own root and intermediate. */
static bool build_unknown_ca(const pki *p, pki_chain *out, rng *r, tls_err *err)
{
    pkey root, inter;
    memset(&root, 0, sizeof root);
    memset(&inter, 0, sizeof inter);
    if (!pkey_generate_ec(&root, CURVE_P256, r) || !pkey_generate_ec(&inter, CURVE_P256, r)) {
        err_set(err, ALERT_INTERNAL_ERROR, "key generation failed");
        return false;
    }
    x509_spec rs, is, ls;
    memset(&rs, 0, sizeof rs);
    rs.subject_cn = "Unknown Root CA";
    rs.subject_o = "Nobody You Trust";
    rs.subject_key = rs.issuer_key = &root;
    rs.not_before = pki_date("2025-01-01");
    rs.not_after = pki_date("2045-01-01");
    rs.basic_constraints = rs.ca = rs.key_usage = rs.key_ids = true;
    rs.path_len = -1;
    rs.key_usage_bits = KU_KEY_CERT_SIGN | KU_CRL_SIGN;
    pki_chain tmp;
    memset(&tmp, 0, sizeof tmp);
    bool ok = add_cert(&tmp, &rs, r, err);
    is = rs;
    is.subject_cn = "Unknown Intermediate CA";
    is.subject_key = &inter;
    is.issuer = &tmp.certs[0];
    is.issuer_key = &root;
    ok = ok && add_cert(&tmp, &is, r, err);
    pki_role_spec(p, PKI_SERVER_RSA, &ls);
    ls.issuer = &tmp.certs[1];
    ls.issuer_key = &inter;
    ok = ok && add_cert(out, &ls, r, err) && add_copy(out, &tmp.certs[1], err);
    pki_chain_free(&tmp);
    pkey_free(&root);
    pkey_free(&inter);
    return ok;
}

bool pki_build_variant(const pki *p, pki_variant v, uint64_t seed, pki_chain *out, tls_err *err)
{
    memset(out, 0, sizeof *out);
    rng r; /* its own generator: a variant is the same in every run */
    if (!rng_init_seeded(&r, seed * 31 + (uint64_t)v + 1)) {
        err_set(err, ALERT_INTERNAL_ERROR, "no random generator");
        return false;
    }
    x509_spec s;
    pki_role_spec(p, PKI_SERVER_RSA, &s);
    const x509_cert *inter = &p->e[PKI_INTERMEDIATE].cert;
    bool ok = true, send_inter = true;
    switch (v) {
    case PKI_VAR_EXPIRED:
        s.not_before = pki_date("2020-01-01");
        s.not_after = pki_date("2021-01-01");
        break;
    case PKI_VAR_NOT_YET_VALID:
        s.not_before = pki_date("2038-01-01");
        s.not_after = pki_date("2039-01-01");
        break;
    case PKI_VAR_WRONG_HOST:
        s.subject_cn = "other.test";
        s.dns_names[0] = "other.test";
        break;
    case PKI_VAR_SELF_SIGNED:
        s.issuer = NULL;
        s.issuer_key = s.subject_key;
        send_inter = false;
        break;
    case PKI_VAR_BAD_SIGNATURE:
        s.corrupt_signature = true;
        break;
    case PKI_VAR_MISSING_INTERMEDIATE:
        send_inter = false;
        break;
    case PKI_VAR_WRONG_EKU:
        s.eku = EKU_CLIENT_AUTH;
        break;
    case PKI_VAR_MISSING_KEY_USAGE:
        s.key_usage = false;
        break;
    case PKI_VAR_SHA1:
        s.sig_hash = HASH_SHA1;
        break;
    default:
        break;
    }
    if (v == PKI_VAR_UNKNOWN_CA) {
        ok = build_unknown_ca(p, out, &r, err);
        send_inter = false;
    } else if (v == PKI_VAR_WEAK_KEY) {
        ok = pkey_generate_rsa(&out->leaf_key, 1024, &r);
        s.subject_key = &out->leaf_key;
        ok = ok && add_cert(out, &s, &r, err);
    } else if (v == PKI_VAR_INTERMEDIATE_NOT_CA) {
        /* The same intermediate name and key, re-issued by the root with cA=FALSE:
         * the genuine leaf still chains to it by name and key identifier. */
        x509_spec is;
        memset(&is, 0, sizeof is);
        is.subject_cn = "tlssim Demo Intermediate CA";
        is.subject_o = "tlssim demo PKI";
        is.subject_key = &p->e[PKI_INTERMEDIATE].key;
        is.issuer = &p->e[PKI_ROOT].cert;
        is.issuer_key = &p->e[PKI_ROOT].key;
        is.not_before = pki_date("2025-01-01");
        is.not_after = pki_date("2040-01-01");
        is.basic_constraints = is.key_usage = is.key_ids = true;
        is.ca = false;
        is.path_len = -1;
        is.key_usage_bits = KU_KEY_CERT_SIGN | KU_CRL_SIGN;
        ok = add_copy(out, &p->e[PKI_SERVER_RSA].cert, err) && add_cert(out, &is, &r, err);
        send_inter = false;
    } else if (v >= PKI_NVARIANTS) {
        err_set(err, ALERT_INTERNAL_ERROR, "unknown certificate variant %d", (int)v);
        ok = false;
    } else {
        ok = add_cert(out, &s, &r, err);
    }
    if (ok && send_inter)
        ok = add_copy(out, inter, err);
    if (ok && v != PKI_VAR_WEAK_KEY)
        ok = copy_key(&out->leaf_key, &p->e[PKI_SERVER_RSA].key, err);
    rng_free(&r);
    return ok;
}

bool pki_build_client_variant(const pki *p, pki_role role, pki_client_variant v, uint64_t seed,
                              pki_chain *out, tls_err *err)
{
    memset(out, 0, sizeof *out);
    if (role != PKI_CLIENT_RSA && role != PKI_CLIENT_ECDSA) {
        err_set(err, ALERT_INTERNAL_ERROR, "not a client role: %d", (int)role);
        return false;
    }
    rng r;
    if (!rng_init_seeded(&r, seed * 31 + (uint64_t)v + 101)) {
        err_set(err, ALERT_INTERNAL_ERROR, "no random generator");
        return false;
    }
    x509_spec s;
    pki_role_spec(p, role, &s);
    bool send_inter = true;
    if (v == PKI_CLIENT_VAR_EXPIRED) {
        s.not_before = pki_date("2020-01-01");
        s.not_after = pki_date("2021-01-01");
    } else {
        s.issuer = NULL;
        s.issuer_key = s.subject_key;
        send_inter = false;
    }
    bool ok = add_cert(out, &s, &r, err) && (!send_inter || add_copy(out, &p->e[PKI_INTERMEDIATE].cert, err)) &&
              copy_key(&out->leaf_key, &p->e[role].key, err);
    rng_free(&r);
    return ok;
}

void pki_chain_free(pki_chain *c)
{
    for (size_t i = 0; i < c->n; i++)
        x509_free(&c->certs[i]);
    if (c->leaf_key.type != PKEY_NONE)
        pkey_free(&c->leaf_key);
    memset(c, 0, sizeof *c);
}

static bool write_certs(const char *dir, const char *name, const x509_cert *certs, size_t n,
                        tls_err *err)
{
    const x509_cert *list[3];
    for (size_t i = 0; i < n && i < 3; i++)
        list[i] = &certs[i];
    return pki_write_certs(dir, name, list, n, err);
}

bool pki_chain_write_dir(const pki_chain *c, const char *dir, tls_err *err)
{
    return write_certs(dir, "chain.pem", c->certs, c->n, err) &&
           write_certs(dir, "leaf.pem", c->certs, 1, err) &&
           (c->n < 2 || write_certs(dir, "intermediates.pem", c->certs + 1, c->n - 1, err)) &&
           pki_write_key(dir, "leaf.key", &c->leaf_key, err);
}
