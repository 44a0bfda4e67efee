#include "sim/cert_alerts.h"

#include "base/alert.h"

/* What OpenSSL 3.0 sends for each (ssl_x509err2alert in ssl/statem/statem_lib.c), measured
 * with s_client against s_server on this platform: tests/integration/
 * alerts_vs_openssl.sh re-checks every one the demo PKI's variants can produce. */
int cert_alert_for(x509_verify_code code)
{
    switch (code) {
    case X509_V_OK:
        return ALERT_NONE;
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_CERT_CHAIN_TOO_LONG:
    case X509_V_ERR_PATH_LENGTH_EXCEEDED:
    case X509_V_ERR_INVALID_CA:
        return ALERT_UNKNOWN_CA;
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
        return ALERT_DECRYPT_ERROR;
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return ALERT_CERTIFICATE_EXPIRED;
    case X509_V_ERR_INVALID_PURPOSE:
    case X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION:
        return ALERT_UNSUPPORTED_CERTIFICATE;
    case X509_V_ERR_CERT_NOT_YET_VALID:
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_EE_KEY_TOO_SMALL:
    case X509_V_ERR_CA_KEY_TOO_SMALL:
    case X509_V_ERR_CA_MD_TOO_WEAK:
        return ALERT_BAD_CERTIFICATE;
    case X509_VERIFY_NO_CERTIFICATE:
        /* Not a chain error in OpenSSL: its handshake code sends handshake_failure
         * for an empty Certificate in TLS 1.2 (certificate_required in TLS 1.3). */
        return ALERT_HANDSHAKE_FAILURE;
    }
    return ALERT_BAD_CERTIFICATE; /* RFC 5246 7.2.2: the generic answer */
}
