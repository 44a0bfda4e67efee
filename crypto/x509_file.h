/* Reading certificates from PEM files (one or several, as a chain file holds). */
#ifndef TLSSIM_X509_FILE_H
#define TLSSIM_X509_FILE_H

#include "crypto/x509.h"

/* Appends every CERTIFICATE block of the text to certs[*n..max); other blocks
 * (keys, parameters) are skipped. Fails naming the block that does not parse. */
bool x509_read_pem_text(const char *what, const char *text, x509_cert *certs, size_t max,
                        size_t *n, tls_err *err);
bool x509_read_pem_file(const char *path, x509_cert *certs, size_t max, size_t *n, tls_err *err);

#endif
