/* PEM (RFC 7468): base64 DER between BEGIN/END lines, as OpenSSL writes it. */
#ifndef TLSSIM_PEM_H
#define TLSSIM_PEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

/* "-----BEGIN label-----\n" + 64-column base64 + "-----END label-----\n"; *out is malloc'd. */
bool pem_encode(const char *label, const uint8_t *der, size_t len, char **out);
/* Finds the next PEM block at or after *pos; stores its label and malloc'd DER and
 * moves *pos past it. Returns false at the end of the text (err untouched) or on a
 * malformed block (err set, naming the problem). */
bool pem_next(const char *text, size_t textlen, size_t *pos, char *label, size_t labellen,
              uint8_t **der, size_t *len, tls_err *err);
/* Reads a whole file into a NUL-terminated malloc'd buffer. */
bool pem_read_file(const char *path, char **text, size_t *len, tls_err *err);
bool pem_write_file(const char *path, const char *text, tls_err *err);

#endif
