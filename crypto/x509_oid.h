/* Object identifiers that X.509 certificates carry, with their names. */
#ifndef TLSSIM_X509_OID_H
#define TLSSIM_X509_OID_H

#include "crypto/hash.h"
#include "crypto/pkey.h"

typedef struct x509_sig_alg {
    const char *oid;
    const char *name; /* as OpenSSL prints it: "sha256WithRSAEncryption" */
    sig_kind kind;    /* SIG_NONE: recognised but not supported */
    hash_alg hash;
    bool null_params; /* RSA algorithms carry NULL parameters (RFC 4055 5), ECDSA none */
} x509_sig_alg;

const x509_sig_alg *x509_sig_alg_by_oid(const char *oid);
const x509_sig_alg *x509_sig_alg_for(pkey_type key, hash_alg h);
/* "CN", "O", ... for a name attribute OID; NULL when unknown. */
const char *x509_attr_name(const char *oid);
/* "basicConstraints", ... for an extension OID; NULL when unknown. */
const char *x509_ext_name(const char *oid);
/* One line for students about a field or extension, or NULL. */
const char *x509_explain(const char *field);

#define OID_CN "2.5.4.3"
#define OID_O "2.5.4.10"
#define OID_BASIC_CONSTRAINTS "2.5.29.19"
#define OID_KEY_USAGE "2.5.29.15"
#define OID_EXT_KEY_USAGE "2.5.29.37"
#define OID_SUBJECT_ALT_NAME "2.5.29.17"
#define OID_SUBJECT_KEY_ID "2.5.29.14"
#define OID_AUTHORITY_KEY_ID "2.5.29.35"
#define OID_EKU_SERVER_AUTH "1.3.6.1.5.5.7.3.1"
#define OID_EKU_CLIENT_AUTH "1.3.6.1.5.5.7.3.2"
#define OID_EKU_CODE_SIGNING "1.3.6.1.5.5.7.3.3"
#define OID_EKU_EMAIL "1.3.6.1.5.5.7.3.4"
#define OID_EKU_ANY "2.5.29.37.0"

#endif
