/* Certificate chain validation as separate, named checks (RFC 5280 6, RFC 6125),
 * each recording what it compared and, when it fails, OpenSSL's error number and
 * wording. The TLS alert a failure ends in is chosen in sim/ (sim/cert_alerts.h). */
#ifndef TLSSIM_X509_VERIFY_H
#define TLSSIM_X509_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/x509.h"
#include "crypto/x509_verify_errors.h"

typedef enum x509_purpose { X509_PURPOSE_SERVER, X509_PURPOSE_CLIENT } x509_purpose;

typedef struct x509_check {
    const char *name;    /* "signature", "validity", "issuer chaining", "basicConstraints", ... */
    int depth;           /* position in the built chain (0: leaf), as OpenSSL numbers it */
    int cert;            /* index in the presented chain, or -1 for the trust anchor */
    bool ok;
    char detail[400];    /* what was compared with what */
    x509_verify_code code; /* on failure: OpenSSL's X509_V_ERR_* number, as `openssl verify` prints */
    const char *reason;  /* on failure: OpenSSL's wording, e.g. "certificate has expired" */
} x509_check;

typedef struct x509_verdict {
    x509_check *checks;
    size_t n, cap;
    bool ok;
    int first_failure; /* index into checks, or -1 */
} x509_verdict;

typedef struct x509_verify_opts {
    int64_t now;             /* seconds since 1970 */
    x509_purpose purpose;
    const char *hostname;    /* NULL: no host name check */
    int min_rsa_bits;        /* 0: 2048 (OpenSSL security level 1 allows 1024; level 2 rejects it) */
} x509_verify_opts;

/* chain[0] is the leaf, then the intermediates as sent; anchors are trusted roots. */
bool x509_verify_chain(const x509_cert *chain, size_t n, const x509_cert *anchors,
                       size_t n_anchors, const x509_verify_opts *opts, x509_verdict *out);
void x509_verdict_free(x509_verdict *v);
/* RFC 6125 6.4: exact match, or one left-most wildcard label ("*.example.test"). */
bool x509_host_matches(const char *pattern, const char *host);

#endif
