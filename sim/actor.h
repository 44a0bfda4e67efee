/* The state one side of a TLS 1.2 connection keeps, and what both sides share:
 * sending handshake messages and records (recording each in the trace), the
 * handshake transcript, alerts, and reading records off the wire. The client's and
 * the server's own logic live in sim/client.c and sim/server.c. */
#ifndef TLSSIM_ACTOR_H
#define TLSSIM_ACTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/kex.h"
#include "crypto/x509.h"
#include "sim/actor_hooks.h"
#include "sim/hs_msg.h"
#include "sim/hs_stream.h"
#include "sim/hs_table.h"
#include "sim/record.h"
#include "sim/scenario.h"
#include "sim/session.h"
#include "sim/suites.h"
#include "sim/trace.h"

typedef struct actor {
    actor_id id;
    const scenario *sc;
    trace *t;
    actor_hooks hooks;           /* where faults reach it (sim/actor_hooks.h); zero: none */
    rng *rng;                    /* the run's random generator (crypto/rng.h), not owned */
    unsigned records_sent;       /* numbers this side's records, for the scenario's edits */
    hs_cursor cursor;
    hs_stream hs_in;
    writer transcript;           /* every handshake message so far, as hashed */
    /* The handshake hash, kept running for both PRF hashes until the suite is known
     * (ServerHello), then for its own; caught up with the transcript when read. */
    hash_ctx running[2];
    size_t hashed;
    rec_state rd, wr;
    rec_state pending_rd, pending_wr; /* take effect at ChangeCipherSpec */
    uint8_t client_random[32], server_random[32];
    uint16_t client_version;     /* as offered: the RSA premaster starts with it */
    const suite_info *suite;
    kex_group group;             /* the (EC)DHE group the server chose (sim/server.c) */
    bool ems;
    uint8_t master[TLS12_MASTER_LEN];
    tls12_master_mac master_mac; /* the master secret as an HMAC key, for its PRFs */
    tls12_keys keys;
    kex_keypair kx;
    bool have_kx;
    uint8_t peer_public[KEX_MAX_PUBLIC];
    size_t peer_public_len;
    uint16_t *peer_sig_algs;     /* the schemes the peer accepts (malloc'd: up to 32767) */
    size_t n_peer_sig_algs;
    x509_cert *peer;             /* the peer's chain as parsed (malloc'd), n_peer of them */
    size_t n_peer;
    bool client_auth_requested;
    struct session_cache *sessions; /* server: its session cache and ticket keys, or NULL */
    resume_state resume;            /* session resumption on this connection (sim/resume.c) */
    writer out;                  /* bytes waiting to go on the wire */
    writer hs_pending;           /* with coalesce: handshake bytes not yet in records */
    char pending_names[128];     /* ...and the messages they hold, for the record's title */
    size_t pending_first;        /* ...and the trace event of the first of them */
    uint8_t *in;                 /* the start of a record still arriving (malloc'd): at most one */
    size_t in_len;
    uint8_t *plain;              /* the plaintext of the record being handled (malloc'd) */
    unsigned empty_records;      /* records without content, in a row */
    unsigned warning_alerts;     /* warning alerts, in a row */
    tls_err err;
    bool done;                   /* closed cleanly */
    bool alert_sent, alert_received;
} actor;

/* r: the run's generator, which outlives the actor (both sides of a run share it). */
void actor_init(actor *a, actor_id id, const scenario *sc, trace *t, rng *r);
void actor_free(actor *a);
/* Keeps a copy of the signature schemes the peer listed, for choosing how to sign.
 * False (internal_error) when memory runs out. */
bool actor_keep_peer_sig_algs(actor *a, const uint16_t *algs, size_t n);

/* Sends a handshake message built in w (with its annotations): adds it to the
 * transcript, records it as an event, and wraps it in records. */
bool actor_send_handshake(actor *a, writer *w, annot_list *fields, const char *explain);
void actor_send_change_cipher_spec(actor *a);
/* Puts coalesced handshake messages into records: before anything else is sent and
 * before the wire takes the actor's output. */
void actor_flush(actor *a);
bool actor_send_app_data(actor *a, const uint8_t *p, size_t n, const char *title);
/* Sends a fatal alert for a->err (or close_notify) and records the result. */
void actor_send_alert(actor *a);
void actor_send_close_notify(actor *a);
/* Sends a warning alert: the connection goes on (RFC 5246 7.2), e.g. no_renegotiation. */
void actor_send_warning(actor *a, int code, const char *why);
/* Hash of the transcript so far with the suite's PRF hash. */
bool actor_transcript_hash(actor *a, uint8_t *out, size_t *len);

/* Records a computation, a verification or a note. */
trace_event *actor_compute(actor *a, const char *title, const char *explain);
trace_event *actor_verify(actor *a, const char *title, bool ok, int alert, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void actor_note(actor *a, const char *title, const char *explain);

/* What a record's payload handler receives. */
typedef bool (*actor_on_handshake)(actor *a, const uint8_t *msg, size_t len);
typedef bool (*actor_on_ccs)(actor *a);
typedef bool (*actor_on_app_data)(actor *a, const uint8_t *p, size_t n);

typedef struct actor_handlers {
    actor_on_handshake handshake;
    actor_on_ccs change_cipher_spec;
    actor_on_app_data app_data;
} actor_handlers;

/* What a peer may send without progress before it is cut off, as OpenSSL 3.0 does
 * (ssl/record: MAX_EMPTY_RECORDS, MAX_WARN_ALERT_COUNT): records with no content, and
 * warning alerts, in a row. Past either: unexpected_message. */
#define ACTOR_MAX_EMPTY_RECORDS 32
#define ACTOR_MAX_WARNING_ALERTS 5

/* Takes the bytes the peer sent, in chunks of any size, and dispatches every whole
 * record; only the start of a record still arriving is kept for the next chunk. */
void actor_receive(actor *a, const uint8_t *p, size_t n, const actor_handlers *h);

#endif
