#include "crypto/x509_oid.h"

#include <stdlib.h>
#include <string.h>

static const x509_sig_alg sig_algs[] = {
    {"1.2.840.113549.1.1.4", "md5WithRSAEncryption", SIG_RSA_PKCS1, HASH_MD5, true},
    {"1.2.840.113549.1.1.5", "sha1WithRSAEncryption", SIG_RSA_PKCS1, HASH_SHA1, true},
    {"1.2.840.113549.1.1.11", "sha256WithRSAEncryption", SIG_RSA_PKCS1, HASH_SHA256, true},
    {"1.2.840.113549.1.1.12", "sha384WithRSAEncryption", SIG_RSA_PKCS1, HASH_SHA384, true},
    {"1.2.840.113549.1.1.13", "sha512WithRSAEncryption", SIG_RSA_PKCS1, HASH_SHA512, true},
    {"1.2.840.10045.4.1", "ecdsa-with-SHA1", SIG_ECDSA, HASH_SHA1, false},
    {"1.2.840.10045.4.3.2", "ecdsa-with-SHA256", SIG_ECDSA, HASH_SHA256, false},
    {"1.2.840.10045.4.3.3", "ecdsa-with-SHA384", SIG_ECDSA, HASH_SHA384, false},
    {"1.2.840.10045.4.3.4", "ecdsa-with-SHA512", SIG_ECDSA, HASH_SHA512, false},
    /* Recognised, so they are named, but not checked by this validator. */
    {"1.2.840.113549.1.1.10", "rsassaPss", SIG_NONE, HASH_NONE, false},
    {"1.3.101.112", "ED25519", SIG_NONE, HASH_NONE, false},
};

const x509_sig_alg *x509_sig_alg_by_oid(const char *oid)
{
    for (size_t i = 0; i < sizeof sig_algs / sizeof sig_algs[0]; i++)
        if (strcmp(sig_algs[i].oid, oid) == 0)
            return &sig_algs[i];
    return NULL;
}

const x509_sig_alg *x509_sig_alg_for(pkey_type key, hash_alg h)
{
    sig_kind want = key == PKEY_RSA ? SIG_RSA_PKCS1 : SIG_ECDSA;
    for (size_t i = 0; i < sizeof sig_algs / sizeof sig_algs[0]; i++)
        if (sig_algs[i].kind == want && sig_algs[i].hash == h)
            return &sig_algs[i];
    return NULL;
}

static const struct {
    const char *oid, *name;
} attrs[] = {
    {"2.5.4.3", "CN"},  {"2.5.4.6", "C"},   {"2.5.4.7", "L"},
    {"2.5.4.8", "ST"},  {"2.5.4.10", "O"},  {"2.5.4.11", "OU"},
    {"2.5.4.5", "serialNumber"}, {"1.2.840.113549.1.9.1", "emailAddress"},
    {"0.9.2342.19200300.100.1.25", "DC"},
};

const char *x509_attr_name(const char *oid)
{
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
        if (strcmp(attrs[i].oid, oid) == 0)
            return attrs[i].name;
    return NULL;
}

static const struct {
    const char *oid, *name;
} exts[] = {
    {OID_BASIC_CONSTRAINTS, "basicConstraints"},
    {OID_KEY_USAGE, "keyUsage"},
    {OID_EXT_KEY_USAGE, "extendedKeyUsage"},
    {OID_SUBJECT_ALT_NAME, "subjectAltName"},
    {OID_SUBJECT_KEY_ID, "subjectKeyIdentifier"},
    {OID_AUTHORITY_KEY_ID, "authorityKeyIdentifier"},
    {"2.5.29.32", "certificatePolicies"},
    {"2.5.29.31", "cRLDistributionPoints"},
    {"2.5.29.30", "nameConstraints"},
    {"1.3.6.1.5.5.7.1.1", "authorityInfoAccess"},
    {"1.3.6.1.4.1.11129.2.4.2", "signedCertificateTimestampList"},
};

const char *x509_ext_name(const char *oid)
{
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (strcmp(exts[i].oid, oid) == 0)
            return exts[i].name;
    return NULL;
}

/* Sorted by field name (bytewise, as strcmp orders): looked up by binary search for
 * every field of every certificate parsed. */
static const struct explanation {
    const char *field, *text;
} explanations[] = {
    {"Certificate", "a signed statement: this public key belongs to this subject"},
    {"authorityKeyIdentifier", "the id of the issuer's key: helps find the issuer"},
    {"basicConstraints", "whether this certificate may sign others (a CA), and how deep below it"},
    {"extendedKeyUsage", "for which purposes: TLS server, TLS client, code signing ..."},
    {"extensions", "v3 extensions: constraints on how the certificate may be used"},
    {"issuer", "who vouches for this certificate: must equal the subject of the next one up"},
    {"keyUsage", "what the key may do: sign, encrypt keys, sign certificates ..."},
    {"notAfter", "not valid after this instant: after it the certificate has expired"},
    {"notBefore", "not valid before this instant"},
    {"serialNumber", "unique per issuer; how revocation lists name a certificate"},
    {"signature", "the algorithm the issuer signed with (must equal signatureAlgorithm)"},
    {"signatureAlgorithm", "how the issuer signed the tbsCertificate"},
    {"signatureValue", "the issuer's signature over the tbsCertificate bytes"},
    {"subject", "whom the certificate is about"},
    {"subjectAltName", "the host names the certificate is valid for; clients check these"},
    {"subjectKeyIdentifier", "a short id of this certificate's key"},
    {"subjectPublicKeyInfo", "the public key being certified, with its algorithm"},
    {"tbsCertificate", "the 'to be signed' part: everything the issuer's signature covers"},
    {"validity", "the window in which the certificate may be trusted"},
    {"version", "X.509 version; v3 (value 2) is the one with extensions"},
};

static int by_field(const void *key, const void *entry)
{
    return strcmp(key, ((const struct explanation *)entry)->field);
}

const char *x509_explain(const char *field)
{
    const struct explanation *e = bsearch(field, explanations, sizeof explanations / sizeof explanations[0],
                                          sizeof explanations[0], by_field);
    return e ? e->text : NULL;
}
