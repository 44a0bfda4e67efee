/* The built-in demo PKI, generated at build time (tools/pkigen.c) from
 * PKI_DEFAULT_SEED: the same bytes `tlssim pki --out DIR` writes. */
#ifndef TLSSIM_PKI_BUILTIN_H
#define TLSSIM_PKI_BUILTIN_H

#include "crypto/pki.h"

extern const char *const pki_builtin_cert_pem[PKI_NROLES];
extern const char *const pki_builtin_key_pem[PKI_NROLES];

/* Parses the built-in PEM texts (no key generation: a few milliseconds). */
bool pki_load_builtin(pki *p, tls_err *err);

#endif
