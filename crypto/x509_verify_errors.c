#include "crypto/x509_verify_errors.h"

#include "base/alert.h"

/* Numbers and texts: OpenSSL 3.0's X509_V_ERR_* and X509_verify_cert_error_string().
 * Alerts: what OpenSSL 3.0 sends for each (ssl_x509err2alert), measured with
 * s_client/s_server on this platform; see tests/integration/alerts_vs_openssl.sh. */
const x509_verify_error x509_err_unable_to_get_issuer_locally = {
    20, "unable to get local issuer certificate", ALERT_UNKNOWN_CA};
const x509_verify_error x509_err_depth_zero_self_signed = {18, "self-signed certificate",
                                                           ALERT_UNKNOWN_CA};
const x509_verify_error x509_err_self_signed_in_chain = {
    19, "self-signed certificate in certificate chain", ALERT_UNKNOWN_CA};
const x509_verify_error x509_err_cert_signature_failure = {7, "certificate signature failure",
                                                           ALERT_DECRYPT_ERROR};
const x509_verify_error x509_err_not_yet_valid = {9, "certificate is not yet valid",
                                                  ALERT_BAD_CERTIFICATE};
const x509_verify_error x509_err_has_expired = {10, "certificate has expired",
                                                ALERT_CERTIFICATE_EXPIRED};
const x509_verify_error x509_err_invalid_ca = {79, "invalid CA certificate", ALERT_UNKNOWN_CA};
const x509_verify_error x509_err_path_length_exceeded = {25, "path length constraint exceeded",
                                                         ALERT_UNKNOWN_CA};
const x509_verify_error x509_err_chain_too_long = {22, "certificate chain too long",
                                                   ALERT_UNKNOWN_CA};
const x509_verify_error x509_err_invalid_purpose = {26, "unsuitable certificate purpose",
                                                    ALERT_UNSUPPORTED_CERTIFICATE};
const x509_verify_error x509_err_unhandled_critical = {34, "unhandled critical extension",
                                                       ALERT_UNSUPPORTED_CERTIFICATE};
const x509_verify_error x509_err_hostname_mismatch = {62, "hostname mismatch",
                                                      ALERT_BAD_CERTIFICATE};
const x509_verify_error x509_err_ee_key_too_small = {66, "EE certificate key too weak",
                                                     ALERT_BAD_CERTIFICATE};
const x509_verify_error x509_err_ca_key_too_small = {67, "CA certificate key too weak",
                                                     ALERT_BAD_CERTIFICATE};
const x509_verify_error x509_err_ca_md_too_weak = {68, "CA signature digest algorithm too weak",
                                                   ALERT_BAD_CERTIFICATE};
/* No certificate at all is not a chain error in OpenSSL: the handshake code sends
 * handshake_failure for it in TLS 1.2 (certificate_required in TLS 1.3). */
const x509_verify_error x509_err_no_certificate = {0, "peer did not return a certificate",
                                                   ALERT_HANDSHAKE_FAILURE};
