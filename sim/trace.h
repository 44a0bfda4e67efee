/* The trace: the ordered events of one run, the contract between the engine and
 * every view (TUI, text, JSON, pcap, key log). Views only read it; whatever a view
 * shows, the engine recorded here (docs/design.md). */
#ifndef TLSSIM_TRACE_H
#define TLSSIM_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/annot.h"

typedef enum ev_kind {
    EV_MESSAGE, /* a handshake message (or CCS / alert / application data payload) */
    EV_RECORD,  /* a TLS record as it crossed the wire */
    EV_COMPUTE, /* a derivation: premaster, master secret, key block, verify_data ... */
    EV_VERIFY,  /* a check: certificate chain step, signature, Finished ... */
    EV_ALERT,   /* an alert sent or received */
    EV_NOTE,    /* narration without bytes */
} ev_kind;

typedef enum actor_id { ACTOR_CLIENT, ACTOR_SERVER, ACTOR_ATTACKER } actor_id;

/* A named byte string: an input or output of a computation or a check. */
typedef struct trace_blob {
    char *name;          /* "client_random", "master_secret" */
    uint8_t *data;
    size_t len;
    const char *explain; /* one plain-language line, or NULL */
} trace_blob;

typedef struct trace_event {
    size_t seq;          /* 0, 1, 2 ... in order of occurrence */
    actor_id actor;      /* who did it (for EV_MESSAGE / EV_RECORD: the sender) */
    ev_kind kind;
    char *title;         /* "ClientHello", "master secret", "Finished (server) verify_data" */
    /* Its stable identifier (sim/trace_ids.c): "ClientHello", "record.ServerHello",
     * "master_secret", "check.chain.validity", "note.fault". Lessons name events by it;
     * the title may change wording, the id does not. */
    const char *id;
    char *explain;       /* one-line narration: what happens and why */
    uint8_t *bytes;      /* message or record bytes as on the wire, or NULL */
    size_t len;
    annot_list fields;   /* annotations over bytes (offsets into bytes) */
    trace_blob *inputs;
    size_t n_inputs;
    trace_blob *outputs;
    size_t n_outputs;
    /* EV_COMPUTE: how the output was computed, step by step (the PRF's label, seed,
     * each A(i) and each output block: sim/prf_trace.h), for a fold views keep closed
     * until the student opens it. Named values like inputs and outputs. */
    trace_blob *steps;
    size_t n_steps;
    /* Named texts (data, not narration): e.g. "recompute", a command line a student
     * runs to recompute the event's result (sim/recompute.c). data holds the text
     * with its NUL; len is the text's length. */
    trace_blob *texts;
    size_t n_texts;
    char *formula;       /* EV_COMPUTE: "master_secret = PRF(pre_master_secret, ...)" */
    bool ok;             /* EV_VERIFY: the verdict */
    char *reason;        /* EV_VERIFY: what was compared / why it failed; EV_ALERT: why sent */
    int alert;           /* EV_ALERT, failed EV_VERIFY: the alert code; else -1 */
    bool encrypted;      /* EV_RECORD / EV_MESSAGE: travelled under record protection */
    /* EV_RECORD that tlssim sent: its fragment holds bytes payload_at onwards of what
     * one send put into records. That payload began with event payload_first and went
     * on with the sender's next messages (several when a flight is coalesced). */
    bool has_payload;
    size_t payload_first, payload_at;
    unsigned conn;       /* which connection of the run (--resume makes a second one) */
    struct trace_arena *arena; /* where its strings and bytes live (the trace's) */
} trace_event;

/* How a run ended. CLOSED and TIMEOUT end without any alert (cli.md: exit status 4):
 * the peer closed the connection (or sent close_notify) before the exchange
 * finished, or nothing more arrived before the deadline. */
typedef enum trace_outcome {
    OUTCOME_NONE,
    OUTCOME_OK,
    OUTCOME_ALERT,
    OUTCOME_CLOSED,
    OUTCOME_TIMEOUT,
} trace_outcome;

typedef struct trace_result {
    trace_outcome outcome;
    int alert;           /* OUTCOME_ALERT: the code */
    actor_id sender;     /* OUTCOME_ALERT: who sent it */
    char reason[256];    /* the failed check, or what ended the connection, in words */
    char suite[64];      /* OUTCOME_OK: the negotiated suite's IANA name */
} trace_result;

/* Bytes as they crossed the wire in one delivery, after anything on the path (a
 * fault, an attacker) changed them. Captures are made from these when a run has
 * them, so an exported capture shows what the receiver really got. */
typedef struct trace_segment {
    actor_id from, to; /* the attacker, where a man in the middle relays */
    size_t after;  /* how many events were recorded before it crossed */
    uint8_t *bytes;
    size_t len;
    unsigned conn; /* which connection of the run (0, 1 ...): --resume makes two */
} trace_segment;

typedef struct trace {
    trace_event *ev;
    size_t n, cap;
    trace_result result;
    trace_segment *wire;
    size_t n_wire, cap_wire;
    unsigned conn; /* the connection segments are added to now */
    /* The events' strings, byte copies and blob arrays, and the wire's bytes, in a
     * few large blocks released together by trace_free (sim/trace.c). */
    struct trace_arena *arena;
} trace;

void trace_init(trace *t);
void trace_free(trace *t);

/* Appends an event and returns it (owned by the trace), or NULL when out of memory.
 * title and explain are copied; bytes is copied when non-NULL. The pointer stays
 * valid until the next trace_add (the array grows); keep the seq, not the pointer. */
trace_event *trace_add(trace *t, actor_id actor, ev_kind kind, const char *title,
                       const char *explain, const uint8_t *bytes, size_t len);
/* Moves src's events and wire bytes to the end of dst, as dst's current connection
 * (a second connection recorded on its own, e.g. --connect --resume), and src's
 * result with them; src is left empty. False when out of memory (src unchanged). */
bool trace_append(trace *dst, trace *src);
/* Copies what crossed the wire from one party to another; false when out of memory. */
bool trace_add_segment(trace *t, actor_id from, actor_id to, const uint8_t *bytes, size_t len);

/* Copies a named byte string into the event's inputs or outputs. */
bool trace_add_input(trace_event *e, const char *name, const uint8_t *data, size_t len,
                     const char *explain);
bool trace_add_output(trace_event *e, const char *name, const uint8_t *data, size_t len,
                      const char *explain);
/* Copies a named intermediate into the event's steps; unlike the above, the
 * explanation is copied too (it may be formatted for this one event). */
bool trace_add_step(trace_event *e, const char *name, const uint8_t *data, size_t len,
                    const char *explain);
/* Copies a named text into the event's texts. */
bool trace_add_text(trace_event *e, const char *name, const char *text, const char *explain);
/* The event's text of this name, or NULL. */
const char *trace_event_text(const trace_event *e, const char *name);
/* Moves the annotations into the event (src is left empty). */
void trace_take_fields(trace_event *e, annot_list *src);
void trace_set_formula(trace_event *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void trace_set_verdict(trace_event *e, bool ok, int alert, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* For an EV_ALERT: the alert code and why it was sent (copied into e->alert and e->reason). */
void trace_set_alert(trace_event *e, int alert, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Replaces the event's narration (copied): a fault that changes what is true of an
 * event already recorded (a man in the middle reads the records) says so there. */
void trace_set_explain(trace_event *e, const char *explain);

/* Gives the event another id than its title's (copied). */
void trace_set_id(trace_event *e, const char *id);

/* The identifiers (sim/trace_ids.c). trace_add sets an event's id from its kind and
 * title; the id is "" for a title no line of the table fits. */
const char *trace_id_for(ev_kind kind, const char *title);
/* The id of the payload a record's title names after "record: " ("ClientHello, ..."
 * -> "ClientHello"; the record is then "record.ClientHello"), or NULL. */
const char *trace_id_of_payload(const char *what);
/* One plain-language line on what an id means, or NULL. */
const char *trace_id_explain(const char *id);
size_t trace_id_count(void);
const char *trace_id_at(size_t i);

/* Field paths (sim/trace_path.c): the event's id, then the names of the field and
 * of the fields it lies in, dot-separated ("ServerHello.cipher_suite",
 * "Certificate.certificate_list.certificate[0].Certificate.tbsCertificate.validity").
 * A handshake message's "body" is left out (its fields read as the message's own).
 * A name is made path-safe: a trailing "(...)" is dropped, other characters than
 * letters, digits, '_' and '-' become '_'. [N] counts fields of the same path-safe
 * name under the same parent, from 0; it is written only where there are several.
 * Writes the path of field idx into out; returns false when it does not fit. */
bool trace_field_path(const trace_event *e, size_t idx, char *out, size_t n);
/* The path of every field at once (paths[i] for field i, each n bytes); cheaper than
 * one call per field on a long message. */
bool trace_field_paths(const trace_event *e, char *paths, size_t n);
/* A name made path-safe as above ("certificate (leaf)" -> "certificate"). */
void trace_path_name(const char *name, char *out, size_t n);

const char *actor_name(actor_id a);   /* "client" */
const char *trace_outcome_name(trace_outcome o); /* "ok", "alert", "closed", "timeout" */
/* Ends a run without an alert (OUTCOME_CLOSED or OUTCOME_TIMEOUT) unless it already
 * has an outcome; the reason says what happened. */
void trace_set_ended(trace *t, trace_outcome o, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *ev_kind_name(ev_kind k);  /* "message" */
/* Who sent the first close_notify that an actor received, or -1 if none arrived. */
int trace_first_close_notify(const trace *t);
/* Finds an output by name in the whole trace, latest first (e.g. "master_secret"). */
const trace_blob *trace_find_output(const trace *t, const char *name);
/* One event's input, or output, of this name; NULL if it has none. */
const trace_blob *trace_event_input(const trace_event *e, const char *name);
const trace_blob *trace_event_output(const trace_event *e, const char *name);

#endif
