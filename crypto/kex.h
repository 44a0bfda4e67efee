/* Ephemeral key exchange for (EC)DHE: X25519 (libsodium), ECDH on secp256r1 and
 * secp384r1 (libtomcrypt), finite-field DH on RFC 7919's ffdhe2048 (libtomcrypt). */
#ifndef TLSSIM_KEX_H
#define TLSSIM_KEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tomcrypt.h>

#include "crypto/pkey.h"
#include "base/err.h"

/* Values are the IANA NamedGroup codes (RFC 8422 5.1.1, RFC 7919 2). */
typedef enum kex_group {
    GROUP_NONE = 0,
    GROUP_SECP256R1 = 23,
    GROUP_SECP384R1 = 24,
    GROUP_X25519 = 29,
    GROUP_FFDHE2048 = 256,
} kex_group;

#define KEX_MAX_PUBLIC 256 /* ffdhe2048's 2048-bit Y */
#define KEX_MAX_SHARED 256

const char *kex_group_name(kex_group g);            /* "x25519" */
kex_group kex_group_from_name(const char *name);    /* GROUP_NONE when unknown */
const char *kex_group_describe(kex_group g);        /* one line for students */

typedef struct kex_keypair {
    kex_group group;
    uint8_t x25519_priv[32], x25519_pub[32];
    pkey ec;       /* secp256r1 / secp384r1 */
    dh_key dh;     /* ffdhe2048 */
    bool has_dh;
} kex_keypair;

/* A fresh key pair, drawn from r. */
bool kex_generate(kex_group g, kex_keypair *kp, rng *r);
/* The public value as TLS sends it: X25519 32 bytes, an uncompressed EC point, or
 * Y left-padded to the size of p (RFC 7919 3). */
bool kex_public(const kex_keypair *kp, uint8_t *out, size_t *len);
/* The shared secret: X25519 output, the x-coordinate (RFC 8422 5.10), or Z with
 * its leading zero bytes stripped (RFC 5246 8.1.2). A bad peer value (off the curve,
 * wrong length, 1 or p-1, an all-zero X25519 result) sets err with illegal_parameter. */
bool kex_shared(const kex_keypair *kp, const uint8_t *peer, size_t n, uint8_t *out,
                size_t *outlen, tls_err *err);
/* The private half, for the trace only (a real implementation never shows it): the
 * X25519 scalar (32 bytes), the ECDH scalar in the curve's size, or the DH exponent
 * x (big-endian, no leading zeros). *len is the room in out, then the length. */
bool kex_private(const kex_keypair *kp, uint8_t *out, size_t *len);
void kex_free(kex_keypair *kp);
/* A key pair in a finite-field group a server chose (TLS 1.2 DHE lets it send any
 * p and g). Groups under 2048 bits are refused with insufficient_security, as
 * OpenSSL's default security level does. */
bool kex_generate_dh(const uint8_t *p, size_t plen, const uint8_t *g, size_t glen, kex_keypair *kp,
                     rng *r, tls_err *err);
/* True if p and g are RFC 7919's ffdhe2048 (the only finite-field group spoken). */
bool kex_is_ffdhe2048(const uint8_t *p, size_t plen, const uint8_t *g, size_t glen);
/* The prime of a finite-field key pair, big-endian in as many bytes as p has. */
bool kex_dh_prime(const kex_keypair *kp, uint8_t *out, size_t *len);
/* ffdhe2048's p and g as a server sends them in ServerKeyExchange. */
bool kex_ffdhe2048_params(uint8_t p[256], uint8_t *g);

#endif
