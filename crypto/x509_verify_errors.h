/* The verification failures tlssim reports, with OpenSSL's number and wording for
 * each (as `openssl verify` prints them) and the alert an OpenSSL peer sends for it.
 * The alerts were measured against OpenSSL 3.0 (tests/integration/openssl_alerts.sh
 * re-checks them), not taken from memory. */
#ifndef TLSSIM_X509_VERIFY_ERRORS_H
#define TLSSIM_X509_VERIFY_ERRORS_H

typedef struct x509_verify_error {
    int code;         /* X509_V_ERR_* */
    const char *text; /* X509_verify_cert_error_string() */
    int alert;        /* enum alert */
} x509_verify_error;

extern const x509_verify_error x509_err_unable_to_get_issuer_locally;
extern const x509_verify_error x509_err_depth_zero_self_signed;
extern const x509_verify_error x509_err_self_signed_in_chain;
extern const x509_verify_error x509_err_cert_signature_failure;
extern const x509_verify_error x509_err_not_yet_valid;
extern const x509_verify_error x509_err_has_expired;
extern const x509_verify_error x509_err_invalid_ca;
extern const x509_verify_error x509_err_path_length_exceeded;
extern const x509_verify_error x509_err_chain_too_long;
extern const x509_verify_error x509_err_invalid_purpose;
extern const x509_verify_error x509_err_unhandled_critical;
extern const x509_verify_error x509_err_hostname_mismatch;
extern const x509_verify_error x509_err_ee_key_too_small;
extern const x509_verify_error x509_err_ca_key_too_small;
extern const x509_verify_error x509_err_ca_md_too_weak;
extern const x509_verify_error x509_err_no_certificate;

#endif
