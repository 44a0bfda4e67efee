/* The cipher suites, signature schemes and groups tlssim speaks, as data. */
#ifndef TLSSIM_SUITES_H
#define TLSSIM_SUITES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/aead.h"
#include "crypto/hash.h"
#include "crypto/kex.h"
#include "crypto/pkey.h"
#include "sim/hs_table.h"
#include "sim/record.h"

typedef struct suite_info {
    uint16_t code;           /* IANA value */
    const char *name;        /* IANA name, e.g. "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" */
    hs_kex kex;
    pkey_type auth;          /* the server certificate's key type */
    rec_protection protection;
    aead_alg aead;           /* REC_AEAD */
    hash_alg mac;            /* REC_CBC_HMAC */
    hash_alg prf;            /* the PRF's hash, and the handshake hash's */
    size_t mac_len, key_len, iv_len; /* key block parts (RFC 5246 6.3) */
    const char *explain;
    const char *legacy;      /* why the suite is legacy (tlssim list suites), or NULL */
} suite_info;

/* The _SHA suites (RFC 5246, RFC 4492), from TLS 1.0 days. HMAC-SHA1 itself is still
 * sound: HMAC does not need a collision-resistant hash. What is dated is CBC with
 * MAC-then-encrypt (RFC 5246 6.2.3.2), behind the Lucky Thirteen timing attack and
 * other padding oracles, and no AEAD; TLS 1.2 peers have better suites to agree on. */
#define SUITE_LEGACY_CBC_SHA1                                                                      \
    "for TLS 1.0-era clients; CBC, no AEAD"

const suite_info *suite_by_code(uint16_t code);
/* TLS_DH_anon_WITH_AES_128_CBC_SHA256: in no list and never offered by default (no
 * one can tell who they talk to); only the mitm-anon demonstration uses it. */
const suite_info *suite_dh_anon(void);
/* An anonymous suite: no certificate, an unsigned key exchange. */
bool suite_anonymous(const suite_info *s);
const suite_info *suite_by_name(const char *name);
size_t suite_count(void);
/* In the server's order of preference. */
const suite_info *suite_at(size_t i);
/* A name for any suite code seen on the wire: ours by name, others as hex. */
const char *suite_name(uint16_t code, char *buf, size_t n);

/* SignatureAndHashAlgorithm / SignatureScheme (RFC 5246 7.4.1.4.1, RFC 8446 4.2.3). */
typedef struct sig_scheme_info {
    uint16_t code;
    const char *name;        /* "rsa_pkcs1_sha256" */
    sig_kind kind;
    hash_alg hash;
} sig_scheme_info;

const sig_scheme_info *sig_scheme_by_code(uint16_t code);
/* "rsa_pkcs1_sha256", or "unknown scheme". */
const char *sig_scheme_name(uint16_t code);
/* The schemes the client offers, in order of preference: at most
 * SIG_SCHEMES_MAX_OFFERED, so that a message being built can hold them in place. */
enum { SIG_SCHEMES_MAX_OFFERED = 16 };
size_t sig_schemes_offered(const uint16_t **codes);
/* The scheme a key signs with for a given peer list: the first we both support
 * that fits the key, or NULL. */
const sig_scheme_info *sig_scheme_choose(const pkey *key, const uint16_t *peer, size_t n);
/* A SHA-1 scheme: offered by no one by default, used only for a peer that can do no
 * better (RFC 5246 7.4.1.4.1). */
bool sig_scheme_legacy(const sig_scheme_info *s);
#define SIG_LEGACY_SHA1                                                                            \
    "SHA-1 is broken for signatures: collisions can be computed (SHAttered, 2017; chosen-prefix, " \
    "2020), and OpenSSL 3.0 refuses it at its default security level"

/* The groups tlssim implements, in the server's order of preference: x25519 (fast,
 * hard to get wrong), then the NIST curves, then ffdhe2048 (DHE suites only). */
size_t groups_implemented(const kex_group **out);

#endif
