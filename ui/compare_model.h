/* The comparison of two runs (tlssim compare A B): their steps aligned by message,
 * and a summary of what differs (where the premaster secret comes from, what the
 * server certificate's key does, forward secrecy, round trips, bytes on the wire).
 * Computed from the two traces and the suite table only, never from crypto or from
 * parsing bytes; the text, JSON and TUI renderers all draw this one model. */
#ifndef TLSSIM_COMPARE_MODEL_H
#define TLSSIM_COMPARE_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/scenario.h"
#include "sim/suites.h"
#include "sim/trace.h"

#define CMP_NONE ((size_t)-1)
enum { CMP_MAX_CONNS = 8 };

typedef enum cmp_pms {
    CMP_PMS_UNKNOWN,   /* the run ended before the client made a premaster secret */
    CMP_PMS_TRANSPORT, /* chosen by the client, sent encrypted with the server's RSA key */
    CMP_PMS_SHARES,    /* computed by each side from (EC)DH key shares */
} cmp_pms;

typedef enum cmp_key_use {
    CMP_KEY_UNKNOWN, /* the run ended before the server used its key */
    CMP_KEY_DECRYPT, /* the server decrypted the premaster secret with it */
    CMP_KEY_SIGN,    /* the server signed its key share (ServerKeyExchange) with it */
} cmp_key_use;

/* One run and what the summary says of it. */
typedef struct cmp_side {
    const trace *t;
    const suite_info *suite; /* the suite the run was asked to use */
    bool client_auth;        /* the scenario asked for a client certificate */
    fault_set faults;        /* the faults this run had */
    fault_set left_out;      /* faults asked for that do not fit this run's suite */
    const char *note;        /* what the command changed for this run (a fault left out), or NULL */
    cmp_pms pms;
    size_t pms_event;        /* the client's premaster computation, or CMP_NONE */
    size_t pms_len;          /* its length in bytes */
    bool pms_both_same;      /* the server computed the same bytes (CMP_PMS_SHARES) or recovered them */
    cmp_key_use key_use;
    size_t key_event;        /* the server's decryption or signature, or CMP_NONE */
    bool key_check_failed;   /* the client's check of the ServerKeyExchange signature failed */
    int forward_secrecy;     /* 1 yes, 0 no: from the trace when it got that far, else the suite */
    bool fs_from_trace;
    unsigned flights;        /* flights of handshake messages (a flight: one side's turn) */
    unsigned server_flights; /* the client waited for each: the round trips */
    unsigned conn_trips[CMP_MAX_CONNS]; /* the same per connection (--resume makes two) */
    unsigned n_conns;
    bool complete;           /* the handshake finished (both Finished checks passed) */
    size_t bytes_c2s, bytes_s2c; /* TLS bytes that crossed the wire, per direction */
    size_t last_row;         /* the row of this run's last step */
} cmp_side;

/* One row of the aligned ladders: an event of each run, or CMP_NONE on the side
 * that has no such step. */
typedef struct cmp_row {
    size_t ev[2];
} cmp_row;

typedef struct compare_model {
    cmp_side side[2];
    cmp_row *rows;
    size_t n_rows;
} compare_model;

/* Aligns the two traces and fills the summary; the traces must outlive the model.
 * False when out of memory. */
bool compare_build(compare_model *m, const trace *a, const scenario *sa, const trace *b,
                   const scenario *sb);
void compare_free(compare_model *m);

/* Whether a trace event is one of the steps the comparison aligns: the messages, the
 * alerts, the failed checks, the faults and the attacker's steps, and what shows where the premaster
 * comes from and what the server's key does. */
bool compare_step_shown(const trace_event *e);

/* The summary as lines: a label, then each run's value, in plain words; brief values
 * fit 29 columns (the TUI), full ones are sentences (text output). */
typedef enum cmp_item {
    CMP_ITEM_PMS,
    CMP_ITEM_KEY_USE,
    CMP_ITEM_FS,
    CMP_ITEM_TRIPS,
    CMP_ITEM_BYTES_C2S,
    CMP_ITEM_BYTES_S2C,
    CMP_ITEM_BYTES_TOTAL,
    CMP_ITEM_ENDED,
    CMP_ITEM_COUNT,
} cmp_item;

const char *compare_item_label(cmp_item it);
void compare_item_text(const cmp_side *s, cmp_item it, bool brief, char *out, size_t n);
/* The run's faults by name, "a, b"; "" when none. */
void compare_faults_text(const cmp_side *s, char *out, size_t n);
/* "RSA key transport", "ECDHE", "DHE": the suite's key exchange. */
const char *compare_kex_name(const suite_info *s);
/* Why a side lacks a step the other has, in a few words: the handshake table leaves
 * the message out of this key exchange, or the run had ended, or neither. */
void compare_missing_text(const compare_model *m, int side, size_t row, char *out, size_t n);

#endif
