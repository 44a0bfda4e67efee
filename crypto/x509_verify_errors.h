/* The verification failures tlssim reports, as OpenSSL numbers and words them:
 * X509_V_ERR_* and X509_verify_cert_error_string(), what `openssl verify` prints.
 * Which TLS alert each one ends in is the protocol's business, not the validator's:
 * see sim/cert_alerts.h. */
#ifndef TLSSIM_X509_VERIFY_ERRORS_H
#define TLSSIM_X509_VERIFY_ERRORS_H

/* OpenSSL 3.0's numbers (openssl/x509_vfy.h; tests/integration/x509_codes_openssl.sh
 * compares every one, with its text, against the installed OpenSSL). */
typedef enum x509_verify_code {
    X509_V_OK = 0,
    X509_V_ERR_CERT_SIGNATURE_FAILURE = 7,
    X509_V_ERR_CERT_NOT_YET_VALID = 9,
    X509_V_ERR_CERT_HAS_EXPIRED = 10,
    X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT = 18,
    X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN = 19,
    X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY = 20,
    X509_V_ERR_CERT_CHAIN_TOO_LONG = 22,
    X509_V_ERR_PATH_LENGTH_EXCEEDED = 25,
    X509_V_ERR_INVALID_PURPOSE = 26,
    X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION = 34,
    X509_V_ERR_HOSTNAME_MISMATCH = 62,
    X509_V_ERR_EE_KEY_TOO_SMALL = 66,
    X509_V_ERR_CA_KEY_TOO_SMALL = 67,
    X509_V_ERR_CA_MD_TOO_WEAK = 68,
    X509_V_ERR_INVALID_CA = 79,
    /* Not OpenSSL's: an empty chain never reaches its validator (the handshake
     * code rejects it first), so it has no X509_V_ERR number. */
    X509_VERIFY_NO_CERTIFICATE = -1,
} x509_verify_code;

/* OpenSSL's wording for the code ("certificate has expired"); "ok" for X509_V_OK. */
const char *x509_verify_code_text(x509_verify_code c);
/* The macro's name ("X509_V_ERR_CERT_HAS_EXPIRED"), or NULL for tlssim's own code. */
const char *x509_verify_code_name(x509_verify_code c);
/* The i-th code of the table (X509_V_OK first); *count, when asked, is how many. */
x509_verify_code x509_verify_code_at(unsigned i, unsigned *count);

#endif
