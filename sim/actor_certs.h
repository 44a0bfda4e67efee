/* Certificates and signatures as both actors handle them, recorded in the trace. */
#ifndef TLSSIM_ACTOR_CERTS_H
#define TLSSIM_ACTOR_CERTS_H

#include "crypto/x509_verify.h"
#include "sim/actor.h"

/* Parses the peer's chain into a->peer and validates it against the demo root. */
bool actor_receive_chain(actor *a, const certificate_msg *m, x509_purpose purpose,
                         const char *hostname);
/* Verifies a signature made with signer's key under a scheme from `allowed`. */
bool actor_check_signature(actor *a, const char *title, const x509_cert *signer, uint16_t scheme,
                           const uint8_t *tbs, size_t tbs_len, const uint8_t *sig, size_t sig_len,
                           const uint16_t *allowed, size_t n_allowed);
/* Signs with a scheme the peer listed; *sig is malloc'd. */
bool actor_sign(actor *a, const char *title, const pkey *key, const uint16_t *peer_algs,
                size_t n, const uint8_t *tbs, size_t tbs_len, uint16_t *scheme, uint8_t **sig,
                size_t *sig_len);

#endif
