/* What a student needs to recompute a step by hand: the signed data of a signature
 * cut into the parts it is made of (each naming the message it came from), and
 * `openssl` command lines, recorded as the event's "recompute" text, that give the
 * same bytes as the trace. The commands are self-contained: they write the files
 * they read (xxd -r -p from inline hex) and print the result as hex. */
#ifndef TLSSIM_RECOMPUTE_H
#define TLSSIM_RECOMPUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/hash.h"
#include "crypto/kex.h"
#include "crypto/pkey.h"
#include "sim/trace.h"

/* The ServerKeyExchange signed data (RFC 5246 7.4.3): client_random, server_random,
 * then ServerECDHParams (RFC 8422 5.4) or ServerDHParams, added as inputs of e in
 * that order, each followed by the fields the params hold. False when tbs does not
 * have that shape (nothing is added then). */
bool recompute_ske_parts(trace_event *e, const uint8_t *tbs, size_t n, bool ecdhe);
/* CertificateVerify's signed data (RFC 5246 7.4.8): every handshake message so far,
 * each added as an input named by its trace id, in order; a "signed_messages" text
 * lists them. The messages are looked up in t's current connection. */
bool recompute_cv_parts(trace_event *e, const trace *t, const uint8_t *tbs, size_t n);

/* The (EC)DH premaster: the own private key, the peer's public value, and for
 * ffdhe2048 the prime p and generator g (else NULL). */
bool recompute_dh(trace_event *e, kex_group g, const uint8_t *priv, size_t priv_len,
                  const uint8_t *peer_pub, size_t peer_len, const uint8_t *p, size_t p_len,
                  uint8_t gen);
/* The TLS 1.2 PRF (RFC 5246 5) through `openssl kdf ... TLS1-PRF`: out_len bytes of
 * PRF(secret, label, seed1 + seed2); seed2 may be NULL. secret_name names the
 * secret's file ("pms", "master"); prints (a literal) says what the command prints. */
bool recompute_prf(trace_event *e, hash_alg h, const char *secret_name, const uint8_t *secret,
                   size_t secret_len, const char *label, const char *seed_names,
                   const uint8_t *seed1, size_t seed1_len, const uint8_t *seed2, size_t seed2_len,
                   size_t out_len, const char *prints);
/* A signature check: the signer's public key, the signed data, the signature. */
bool recompute_signature(trace_event *e, const pkey *signer, sig_kind kind, hash_alg h,
                         const uint8_t *tbs, size_t tbs_len, const uint8_t *sig, size_t sig_len);
/* RSA key transport: the padded block, recovered from encrypted_pre_master_secret
 * with the demo PKI's server key and no padding removed (RFC 5246 7.4.7.1). */
bool recompute_rsa_block(trace_event *e, const uint8_t *ct, size_t ct_len);

#endif
