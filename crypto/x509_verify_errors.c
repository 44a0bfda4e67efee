#include "crypto/x509_verify_errors.h"

#include <stddef.h>

/* Numbers and texts: OpenSSL 3.0's X509_V_ERR_* and X509_verify_cert_error_string(). */
static const struct {
    x509_verify_code code;
    const char *name;
    const char *text;
} codes[] = {
    {X509_V_OK, "X509_V_OK", "ok"},
    {X509_V_ERR_CERT_SIGNATURE_FAILURE, "X509_V_ERR_CERT_SIGNATURE_FAILURE",
     "certificate signature failure"},
    {X509_V_ERR_CERT_NOT_YET_VALID, "X509_V_ERR_CERT_NOT_YET_VALID",
     "certificate is not yet valid"},
    {X509_V_ERR_CERT_HAS_EXPIRED, "X509_V_ERR_CERT_HAS_EXPIRED", "certificate has expired"},
    {X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT",
     "self-signed certificate"},
    {X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, "X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN",
     "self-signed certificate in certificate chain"},
    {X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
     "unable to get local issuer certificate"},
    {X509_V_ERR_CERT_CHAIN_TOO_LONG, "X509_V_ERR_CERT_CHAIN_TOO_LONG",
     "certificate chain too long"},
    {X509_V_ERR_PATH_LENGTH_EXCEEDED, "X509_V_ERR_PATH_LENGTH_EXCEEDED",
     "path length constraint exceeded"},
    {X509_V_ERR_INVALID_PURPOSE, "X509_V_ERR_INVALID_PURPOSE", "unsuitable certificate purpose"},
    {X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION, "X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION",
     "unhandled critical extension"},
    {X509_V_ERR_HOSTNAME_MISMATCH, "X509_V_ERR_HOSTNAME_MISMATCH", "hostname mismatch"},
    {X509_V_ERR_EE_KEY_TOO_SMALL, "X509_V_ERR_EE_KEY_TOO_SMALL", "EE certificate key too weak"},
    {X509_V_ERR_CA_KEY_TOO_SMALL, "X509_V_ERR_CA_KEY_TOO_SMALL", "CA certificate key too weak"},
    {X509_V_ERR_CA_MD_TOO_WEAK, "X509_V_ERR_CA_MD_TOO_WEAK",
     "CA signature digest algorithm too weak"},
    {X509_V_ERR_INVALID_CA, "X509_V_ERR_INVALID_CA", "invalid CA certificate"},
    /* tlssim's own: what the handshake says when the peer's Certificate is empty. */
    {X509_VERIFY_NO_CERTIFICATE, NULL, "peer did not return a certificate"},
};

#define N_CODES (sizeof codes / sizeof codes[0])

const char *x509_verify_code_text(x509_verify_code c)
{
    for (size_t i = 0; i < N_CODES; i++)
        if (codes[i].code == c)
            return codes[i].text;
    return "unknown verification error";
}

const char *x509_verify_code_name(x509_verify_code c)
{
    for (size_t i = 0; i < N_CODES; i++)
        if (codes[i].code == c)
            return codes[i].name;
    return NULL;
}

x509_verify_code x509_verify_code_at(unsigned i, unsigned *count)
{
    if (count)
        *count = (unsigned)N_CODES;
    return i < N_CODES ? codes[i].code : X509_V_OK;
}
