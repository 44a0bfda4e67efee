/* The demo PKI, built from a seed. Everything random (keys, serials) is drawn from
 * the seeded DRBG in a fixed order, and validity windows are fixed dates, so one
 * seed always gives the same bytes. */
#include "crypto/pki.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "crypto/crypto.h"
#include "crypto/pem.h"
#include "base/alert.h"

static const struct {
    const char *file;
    const char *cn;
    pki_role issuer;
    bool rsa;
} roles[PKI_NROLES] = {
    [PKI_ROOT] = {"root-ca", "tlssim Demo Root CA", PKI_ROOT, true},
    [PKI_INTERMEDIATE] = {"intermediate-ca", "tlssim Demo Intermediate CA", PKI_ROOT, true},
    [PKI_SERVER_RSA] = {"server-rsa", PKI_HOST, PKI_INTERMEDIATE, true},
    [PKI_SERVER_ECDSA] = {"server-ecdsa", PKI_HOST, PKI_INTERMEDIATE, false},
    [PKI_CLIENT_RSA] = {"client-rsa", "tlssim demo client (RSA)", PKI_INTERMEDIATE, true},
    [PKI_CLIENT_ECDSA] = {"client-ecdsa", "tlssim demo client (ECDSA)", PKI_INTERMEDIATE, false},
};

#define PKI_ORG "tlssim demo PKI"

const char *pki_role_file(pki_role r)
{
    return r < PKI_NROLES ? roles[r].file : "?";
}

int64_t pki_date(const char *ymd)
{
    int64_t t = 0;
    x509_parse_date(ymd, &t);
    return t;
}

uint64_t pki_random_serial(rng *r)
{
    uint8_t b[8] = {0};
    rng_bytes(r, b, sizeof b);
    uint64_t s = 0;
    for (int i = 0; i < 8; i++)
        s = (s << 8) | b[i];
    s &= 0x7fffffffffffffffull; /* positive, as RFC 5280 4.1.2.2 requires */
    return s ? s : 1;
}

/* The spec of a role's certificate; variants start from it and change one thing. */
void pki_role_spec(const pki *p, pki_role r, x509_spec *s)
{
    memset(s, 0, sizeof *s);
    s->subject_cn = roles[r].cn;
    s->subject_o = PKI_ORG;
    s->subject_key = &p->e[r].key;
    s->issuer = r == PKI_ROOT ? NULL : &p->e[roles[r].issuer].cert;
    s->issuer_key = &p->e[roles[r].issuer].key;
    s->sig_hash = HASH_SHA256;
    s->key_ids = true;
    s->basic_constraints = true;
    s->path_len = -1;
    s->key_usage = true;
    switch (r) {
    case PKI_ROOT:
        s->not_before = pki_date("2025-01-01");
        s->not_after = pki_date("2045-01-01");
        s->ca = true;
        s->key_usage_bits = KU_KEY_CERT_SIGN | KU_CRL_SIGN;
        break;
    case PKI_INTERMEDIATE:
        s->not_before = pki_date("2025-01-01");
        s->not_after = pki_date("2040-01-01");
        s->ca = true;
        s->path_len = 0;
        s->key_usage_bits = KU_KEY_CERT_SIGN | KU_CRL_SIGN;
        break;
    case PKI_SERVER_RSA:
    case PKI_SERVER_ECDSA:
        s->not_before = pki_date("2025-01-01");
        s->not_after = pki_date("2035-01-01");
        /* keyEncipherment: the RSA key exchange encrypts the premaster to this key. */
        s->key_usage_bits = KU_DIGITAL_SIGNATURE | (roles[r].rsa ? KU_KEY_ENCIPHERMENT : 0);
        s->eku = EKU_SERVER_AUTH;
        s->dns_names[0] = PKI_HOST;
        s->n_dns = 1;
        break;
    default:
        s->not_before = pki_date("2025-01-01");
        s->not_after = pki_date("2035-01-01");
        s->key_usage_bits = KU_DIGITAL_SIGNATURE;
        s->eku = EKU_CLIENT_AUTH;
        break;
    }
}

bool pki_issue(const x509_spec *s, rng *r, x509_cert *out, tls_err *err)
{
    uint8_t *der = NULL;
    size_t len = 0;
    x509_spec spec = *s;
    spec.serial = pki_random_serial(r);
    bool ok = x509_build(&spec, r, &der, &len, err) && x509_parse(der, len, out, err);
    free(der);
    return ok;
}

static bool generate_key(pkey *k, bool rsa, int bits, rng *rg, tls_err *err)
{
    bool ok = rsa ? pkey_generate_rsa(k, bits, rg) : pkey_generate_ec(k, CURVE_P256, rg);
    if (!ok)
        err_set(err, ALERT_INTERNAL_ERROR, "key generation failed (%s)", rsa ? "RSA" : "EC P-256");
    return ok;
}

bool pki_generate(pki *p, uint64_t seed, tls_err *err)
{
    memset(p, 0, sizeof *p);
    rng rg; /* its own generator: the same seed, the same PKI */
    bool ok = rng_init_seeded(&rg, seed);
    if (!ok)
        err_set(err, ALERT_INTERNAL_ERROR, "no random generator");
    for (int r = 0; r < PKI_NROLES && ok; r++) {
        ok = generate_key(&p->e[r].key, roles[r].rsa, 2048, &rg, err);
        p->e[r].present = ok;
    }
    for (int r = 0; r < PKI_NROLES && ok; r++) {
        x509_spec s;
        pki_role_spec(p, (pki_role)r, &s);
        ok = pki_issue(&s, &rg, &p->e[r].cert, err);
    }
    rng_free(&rg);
    return ok;
}

void pki_free(pki *p)
{
    for (int r = 0; r < PKI_NROLES; r++) {
        if (p->e[r].present)
            pkey_free(&p->e[r].key);
        x509_free(&p->e[r].cert);
    }
    memset(p, 0, sizeof *p);
}

/* ---- files ---- */

bool pki_make_dir(const char *dir, tls_err *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", dir);
    for (char *s = path + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(path, 0755) != 0 && errno != EEXIST) {
            err_set(err, ALERT_NONE, "cannot create directory %s: %s", path, strerror(errno));
            return false;
        }
        *s = '/';
    }
    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        err_set(err, ALERT_NONE, "cannot create directory %s: %s", path, strerror(errno));
        return false;
    }
    return true;
}

/* Appends the PEM of each DER to one text (a chain file: leaf first). */
bool pki_write_pem(const char *dir, const char *name, const char *label,
                   const uint8_t *const der[], const size_t len[], size_t n, tls_err *err)
{
    size_t total = 1;
    char *texts[4] = {NULL};
    bool ok = n <= 4;
    for (size_t i = 0; i < n && ok; i++) {
        ok = pem_encode(label, der[i], len[i], &texts[i]);
        total += ok ? strlen(texts[i]) : 0;
    }
    char *all = ok ? calloc(1, total) : NULL;
    for (size_t i = 0, used = 0; i < n && all; i++) {
        size_t k = strlen(texts[i]);
        memcpy(all + used, texts[i], k + 1);
        used += k;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (!all)
        err_set(err, ALERT_NONE, "cannot encode %s", path);
    ok = all && pem_write_file(path, all, err);
    for (size_t i = 0; i < n && i < 4; i++) /* more than 4 were refused, never encoded */
        free(texts[i]);
    free(all);
    return ok;
}

bool pki_write_certs(const char *dir, const char *name, const x509_cert *const certs[], size_t n,
                     tls_err *err)
{
    const uint8_t *der[4];
    size_t len[4];
    for (size_t i = 0; i < n && i < 4; i++) {
        der[i] = certs[i]->der;
        len[i] = certs[i]->der_len;
    }
    return pki_write_pem(dir, name, "CERTIFICATE", der, len, n, err);
}

bool pki_write_key(const char *dir, const char *name, const pkey *k, tls_err *err)
{
    uint8_t *der = NULL;
    size_t len = 0;
    if (!pkey_export_pkcs8(k, &der, &len)) {
        err_set(err, ALERT_NONE, "cannot export the private key of %s", name);
        return false;
    }
    const uint8_t *ders[1] = {der};
    bool ok = pki_write_pem(dir, name, "PRIVATE KEY", ders, &len, 1, err);
    free(der);
    return ok;
}

bool pki_write_dir(const pki *p, const char *dir, tls_err *err)
{
    if (!pki_make_dir(dir, err))
        return false;
    char name[64];
    bool ok = true;
    for (int r = 0; r < PKI_NROLES && ok; r++) {
        const x509_cert *one[1] = {&p->e[r].cert};
        snprintf(name, sizeof name, "%s.pem", roles[r].file);
        ok = pki_write_certs(dir, name, one, 1, err);
        snprintf(name, sizeof name, "%s.key", roles[r].file);
        ok = ok && pki_write_key(dir, name, &p->e[r].key, err);
        if (ok && roles[r].issuer == PKI_INTERMEDIATE) {
            /* What a peer sends: its own certificate, then the intermediate. */
            const x509_cert *chain[2] = {&p->e[r].cert, &p->e[PKI_INTERMEDIATE].cert};
            snprintf(name, sizeof name, "%s-chain.pem", roles[r].file);
            ok = pki_write_certs(dir, name, chain, 2, err);
        }
    }
    return ok;
}

static bool load_one(pki_entity *e, const char *what, const char *cert_text,
                     const char *key_text, tls_err *err)
{
    size_t pos = 0;
    char label[64];
    uint8_t *der = NULL;
    size_t len = 0;
    if (!pem_next(cert_text, strlen(cert_text), &pos, label, sizeof label, &der, &len, err)) {
        err_set(err, ALERT_NONE, "%s: no certificate found", what);
        return false;
    }
    bool ok = x509_parse(der, len, &e->cert, err);
    free(der);
    der = NULL;
    pos = 0;
    if (ok && !pem_next(key_text, strlen(key_text), &pos, label, sizeof label, &der, &len, err)) {
        err_set(err, ALERT_NONE, "%s: no private key found", what);
        ok = false;
    }
    if (ok) {
        ok = pkey_import_private(&e->key, der, len, err);
        e->present = ok;
    }
    free(der);
    if (ok && !pkey_same_public(&e->key, &e->cert.pubkey)) {
        err_set(err, ALERT_NONE, "%s: the private key does not match the certificate", what);
        ok = false;
    }
    return ok;
}

bool pki_load_texts(pki *p, const char *const cert_pem[PKI_NROLES],
                    const char *const key_pem[PKI_NROLES], tls_err *err)
{
    memset(p, 0, sizeof *p);
    for (int r = 0; r < PKI_NROLES; r++)
        if (!load_one(&p->e[r], roles[r].file, cert_pem[r], key_pem[r], err))
            return false;
    return true;
}

bool pki_load_dir(pki *p, const char *dir, tls_err *err)
{
    char *certs[PKI_NROLES] = {NULL}, *keys[PKI_NROLES] = {NULL};
    bool ok = true;
    char path[4096];
    for (int r = 0; r < PKI_NROLES && ok; r++) {
        size_t len = 0;
        snprintf(path, sizeof path, "%s/%s.pem", dir, roles[r].file);
        ok = pem_read_file(path, &certs[r], &len, err);
        snprintf(path, sizeof path, "%s/%s.key", dir, roles[r].file);
        ok = ok && pem_read_file(path, &keys[r], &len, err);
    }
    if (ok)
        ok = pki_load_texts(p, (const char *const *)certs, (const char *const *)keys, err);
    for (int r = 0; r < PKI_NROLES; r++) {
        free(certs[r]);
        free(keys[r]);
    }
    return ok;
}
