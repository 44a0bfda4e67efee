/* Public/private keys (RSA, ECDSA on P-256/P-384) and their operations, over
 * libtomcrypt, with the intermediates a student wants to see. */
#ifndef TLSSIM_PKEY_H
#define TLSSIM_PKEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tomcrypt.h>

#include "crypto/hash.h"
#include "crypto/rng.h"
#include "base/err.h"

typedef enum pkey_type { PKEY_NONE = 0, PKEY_RSA, PKEY_EC } pkey_type;
typedef enum ec_curve { CURVE_NONE = 0, CURVE_P256, CURVE_P384 } ec_curve;
/* How a signature is made: RSASSA-PKCS1-v1_5, RSASSA-PSS (salt = hash length,
 * MGF1 with the same hash, as TLS uses), or ECDSA with the DER (r, s) TLS carries. */
typedef enum sig_kind { SIG_NONE = 0, SIG_RSA_PKCS1, SIG_RSA_PSS, SIG_ECDSA } sig_kind;

typedef struct pkey {
    pkey_type type;
    bool has_private;
    ec_curve curve; /* PKEY_EC only */
    rsa_key rsa;    /* valid when type == PKEY_RSA */
    ecc_key ecc;    /* valid when type == PKEY_EC */
} pkey;

/* What happened inside an operation, for the trace. Owned by the caller: pk_detail_free. */
typedef struct pk_detail {
    uint8_t digest[HASH_MAX_LEN]; /* the hash that was signed or checked */
    size_t digest_len;
    uint8_t *block;               /* RSA: the padded block before encryption / after
                                     decryption or the public-key operation (EM) */
    size_t block_len;
} pk_detail;

void pk_detail_free(pk_detail *d);

/* New keys, drawn from r (crypto/rng.h); RSA with e = 65537. */
bool pkey_generate_rsa(pkey *k, int bits, rng *r);
bool pkey_generate_ec(pkey *k, ec_curve c, rng *r);
void pkey_free(pkey *k);
/* RSA: modulus bits; EC: curve bits (256, 384). */
int pkey_bits(const pkey *k);
/* "RSA 2048", "ECDSA P-256". */
const char *pkey_describe(const pkey *k, char *buf, size_t n);
const char *ec_curve_name(ec_curve c); /* "P-256" */
const char *ec_curve_oid(ec_curve c);  /* "1.2.840.10045.3.1.7" */
size_t ec_curve_bytes(ec_curve c);     /* 32, 48 */

/* SubjectPublicKeyInfo (RFC 5280 4.1.2.7) DER; the caller frees *der. */
bool pkey_export_spki(const pkey *k, uint8_t **der, size_t *len);
bool pkey_import_spki(pkey *k, const uint8_t *der, size_t len, tls_err *err);
/* Unencrypted PKCS#8 PrivateKeyInfo (RFC 5208) DER, as `openssl pkey` reads and writes;
 * import also accepts the traditional RSAPrivateKey and ECPrivateKey (RFC 5915) forms. */
bool pkey_export_pkcs8(const pkey *k, uint8_t **der, size_t *len);
bool pkey_import_private(pkey *k, const uint8_t *der, size_t len, tls_err *err);
/* True if the public halves are the same key (a private key matches its certificate). */
bool pkey_same_public(const pkey *a, const pkey *b);
/* Imports an uncompressed point (04 || X || Y) on curve c as a public key; a point
 * of the wrong size or off the curve sets err with illegal_parameter (RFC 8422 5.11). */
bool pkey_import_ec_point(pkey *k, ec_curve c, const uint8_t *point, size_t n, tls_err *err);
/* EC public point, uncompressed (04 || X || Y), as TLS and SPKI carry it. */
bool pkey_ec_point(const pkey *k, uint8_t *out, size_t *len);

/* Hashes msg with h and signs, drawing the ECDSA nonce or the PSS salt from r; *sig
 * is malloc'd. detail may be NULL. */
bool pkey_sign(const pkey *k, sig_kind kind, hash_alg h, const uint8_t *msg, size_t n, rng *r,
               uint8_t **sig, size_t *siglen, pk_detail *detail);
/* Returns false only when the check could not run (bad key, bad arguments); *valid
 * says whether the signature is good (libtomcrypt reports a forgery as CRYPT_OK with
 * stat = 0: both are checked). */
bool pkey_verify(const pkey *k, sig_kind kind, hash_alg h, const uint8_t *msg, size_t n,
                 const uint8_t *sig, size_t siglen, bool *valid, pk_detail *detail);

/* RSAES-PKCS1-v1_5 (RFC 8017 7.2), for the TLS RSA key exchange, the padding drawn
 * from r. ct/out are malloc'd. */
bool pkey_rsa_encrypt(const pkey *k, const uint8_t *msg, size_t n, rng *r, uint8_t **ct,
                      size_t *ctlen, pk_detail *detail);
/* RSA's bare public operation (block^e mod n) on a block the caller padded itself: the
 * fault builder uses it to send a premaster whose padding is broken. ct is malloc'd. */
bool pkey_rsa_public_raw(const pkey *k, const uint8_t *block, size_t n, uint8_t **ct,
                         size_t *ctlen);
/* Returns false only if the RSA operation itself could not run; *padding_ok tells
 * whether the block was well-formed (the caller must not reveal it: RFC 5246 7.4.7.1). */
bool pkey_rsa_decrypt(const pkey *k, const uint8_t *ct, size_t ctlen, uint8_t **out,
                      size_t *outlen, bool *padding_ok, pk_detail *detail);

#endif
