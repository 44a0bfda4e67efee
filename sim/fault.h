/* The fault catalogue (docs/design.md, "faults are data"): every way tlssim can
 * break a handshake on purpose, with a line for students, where the fault acts, who
 * commits it, who notices, and the alert a real peer sends. The code that carries a
 * fault out lives in sim/fault_plan.c (actors) and sim/fault_wire.c (the wire). */
#ifndef TLSSIM_FAULT_H
#define TLSSIM_FAULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/trace.h"

typedef enum fault_id {
    /* server certificate, checked by the client */
    FAULT_CERT_EXPIRED,
    FAULT_CERT_NOT_YET_VALID,
    FAULT_CERT_WRONG_HOST,
    FAULT_CERT_SELF_SIGNED,
    FAULT_CERT_UNKNOWN_CA,
    FAULT_CERT_BAD_SIGNATURE,
    FAULT_CERT_MISSING_INTERMEDIATE,
    FAULT_CERT_INTERMEDIATE_NOT_CA,
    FAULT_CERT_WRONG_EKU,
    FAULT_CERT_WEAK_KEY,
    FAULT_CERT_SHA1,
    /* client certificate, checked by the server */
    FAULT_CLIENT_CERT_MISSING,
    FAULT_CLIENT_CERT_UNTRUSTED,
    FAULT_CLIENT_CERT_EXPIRED,
    FAULT_CLIENT_CERTVERIFY_BAD,
    /* signatures and key exchange */
    FAULT_SKE_BAD_SIGNATURE,
    FAULT_SKE_WRONG_KEY,
    FAULT_ECDHE_INVALID_POINT,
    FAULT_DH_SMALL_SUBGROUP,
    FAULT_RSA_PMS_BAD_VERSION,
    FAULT_RSA_PMS_BAD_PADDING,
    /* records */
    FAULT_TAMPER_CLIENT_FINISHED,
    FAULT_TAMPER_SERVER_FINISHED,
    FAULT_TAMPER_APPDATA,
    FAULT_TAMPER_CLIENT_HELLO,
    FAULT_RECORD_OVERFLOW,
    FAULT_RECORD_BAD_TYPE,
    FAULT_REPLAY_RECORD,
    /* state machine and negotiation */
    FAULT_SKIP_CCS,
    FAULT_OUT_OF_ORDER,
    FAULT_DUPLICATE_SERVER_HELLO,
    FAULT_NO_SHARED_CIPHER,
    FAULT_NO_SHARED_GROUP,
    FAULT_VERSION_MISMATCH,
    FAULT_BAD_FINISHED,
    FAULT_CLIENT_DATA_BEFORE_FINISHED,
    FAULT_SERVER_DATA_BEFORE_FINISHED,
    /* attacker on the wire */
    FAULT_MITM_REPLACE_CERT,
    FAULT_MITM_DOWNGRADE,
    FAULT_MITM_ANON,
    FAULT_EAVESDROP_STOLEN_KEY,
    FAULT_COUNT
} fault_id;

/* A scenario's faults: bit i set for fault_id i. */
typedef uint64_t fault_set;
#define FAULT_BIT(id) ((fault_set)1 << (id))

typedef enum fault_category {
    FCAT_SERVER_CERT,
    FCAT_CLIENT_CERT,
    FCAT_SIG_KEX,
    FCAT_RECORDS,
    FCAT_STATE,
    FCAT_ATTACKER,
    FCAT_COUNT
} fault_category;

/* Where the fault acts (design.md): a broken certificate is built, an actor
 * misbehaves, or bytes change on the wire. */
typedef enum fault_where { FAULT_PKI, FAULT_ACTOR, FAULT_WIRE } fault_where;

/* The named points the actors and the wire offer; a fault hooks exactly one. */
typedef enum fault_point {
    FP_SERVER_CHAIN,  /* the chain the server sends */
    FP_CLIENT_CHAIN,  /* the chain the client sends */
    FP_CLIENT_HELLO,  /* what the client offers */
    FP_SKE_KEY,       /* the key the server signs its ServerKeyExchange with */
    FP_SKE_SIGNATURE, /* the server's ServerKeyExchange signature */
    FP_CV_SIGNATURE,  /* the client's CertificateVerify signature */
    FP_PREMASTER_VERSION, /* the version at the start of the RSA premaster */
    FP_PREMASTER_BLOCK,   /* the padded block the RSA premaster is encrypted in */
    FP_KEY_SHARE,     /* an ephemeral public value */
    FP_CCS,           /* sending ChangeCipherSpec */
    FP_FINISHED,      /* the verify_data a side sends */
    FP_SEND_FINISHED, /* sending Finished at all */
    FP_WIRE,          /* the bytes of a flight, on their way */
    FP_NONE,          /* passive: nothing in the handshake changes */
} fault_point;

/* What a scenario must look like for the fault to have something to break. */
typedef enum fault_needs {
    NEEDS_NOTHING,
    NEEDS_RSA_CERT,    /* a suite authenticated by an RSA certificate (the broken chains are RSA) */
    NEEDS_SKE,         /* a suite with a ServerKeyExchange: (EC)DHE */
    NEEDS_RSA_KEX,     /* RSA key transport */
    NEEDS_ECDHE,       /* an ECDHE suite */
    NEEDS_EC_CURVE,    /* ECDHE on secp256r1 or secp384r1: x25519 has no "on the curve" */
    NEEDS_DHE,         /* finite-field DHE (ffdhe2048) */
    NEEDS_LEGACY,      /* a forward-secret suite, and a server that also accepts a weak one */
    NEEDS_ANON,        /* the anonymous DH suite (both ends configured to accept it) */
    NEEDS_CLIENT_AUTH, /* mutual TLS: turned on by the fault */
} fault_needs;

typedef struct fault_info {
    fault_id id;
    const char *name;        /* "cert-expired": the name of --fault and list faults */
    fault_category category;
    fault_where where;
    fault_point point;
    actor_id by;             /* who commits it: client, server or attacker */
    actor_id checker;        /* who notices and sends the alert */
    int alert;               /* what a real checker sends; ALERT_NONE: the handshake completes */
    const char *rfc;         /* where the protocol says so */
    fault_needs needs;
    bool implemented;        /* carried out by this build */
    const char *explain;     /* one line for students */
} fault_info;

size_t fault_count(void);
const fault_info *fault_at(size_t i);
const fault_info *fault_get(fault_id id);
/* NULL when no fault has that name. */
const fault_info *fault_by_name(const char *name);
const char *fault_category_name(fault_category c); /* "server certificate" */
const char *fault_where_name(fault_where w);       /* "pki", "actor", "wire" */

#endif
