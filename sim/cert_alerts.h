/* The TLS alert a certificate verification failure ends in. The validator
 * (crypto/x509_verify.h) only says what is wrong, in OpenSSL's numbers; which alert
 * a peer sends for it is TLS's business (RFC 5246 7.2.2), decided here. */
#ifndef TLSSIM_CERT_ALERTS_H
#define TLSSIM_CERT_ALERTS_H

#include "crypto/x509_verify_errors.h"

/* What an OpenSSL 3.0 peer sends for the failure (enum alert); ALERT_NONE for X509_V_OK. */
int cert_alert_for(x509_verify_code code);

#endif
