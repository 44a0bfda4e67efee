/* The TLS 1.2 handshake as a table (RFC 5246 7.3): the messages of a full handshake
 * in order, with the conditions under which the optional ones appear, and the
 * abbreviated handshake that resumes a session as a second shape. Both actors
 * check every arriving message here, in one place, and the UI shows the table as
 * "what comes next". */
#ifndef TLSSIM_HS_TABLE_H
#define TLSSIM_HS_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "sim/trace.h"

typedef enum hs_kex { HS_KEX_RSA, HS_KEX_DHE, HS_KEX_ECDHE } hs_kex;

/* What decides the shape of a handshake. */
typedef struct hs_shape {
    hs_kex kex;
    bool client_auth;      /* the server sends CertificateRequest */
    bool client_has_cert;  /* the client answers with a non-empty Certificate */
    bool anonymous;        /* DH_anon: no server Certificate, an unsigned key share */
    bool resumed;          /* the abbreviated handshake: a session resumed (RFC 5246 7.3) */
    bool new_ticket;       /* the server sends NewSessionTicket (RFC 5077 3.3) */
} hs_shape;

typedef enum hs_step {
    STEP_CLIENT_HELLO,
    STEP_SERVER_HELLO,
    STEP_SERVER_CERTIFICATE,
    STEP_SERVER_KEY_EXCHANGE,
    STEP_CERTIFICATE_REQUEST,
    STEP_SERVER_HELLO_DONE,
    STEP_CLIENT_CERTIFICATE,
    STEP_CLIENT_KEY_EXCHANGE,
    STEP_CERTIFICATE_VERIFY,
    STEP_CLIENT_CHANGE_CIPHER_SPEC,
    STEP_CLIENT_FINISHED,
    STEP_NEW_SESSION_TICKET,
    STEP_SERVER_CHANGE_CIPHER_SPEC,
    STEP_SERVER_FINISHED,
    STEP_COUNT
} hs_step;

typedef struct hs_step_info {
    hs_step step;
    const char *name;     /* "ServerKeyExchange" */
    actor_id sender;
    uint8_t content_type; /* 22 handshake, 20 change_cipher_spec */
    uint8_t hs_type;      /* handshake type (RFC 5246 7.4), 0 for ChangeCipherSpec */
    const char *explain;  /* one line for students: why this message is here */
} hs_step_info;

const hs_step_info *hs_step_get(hs_step s);
/* Whether the step belongs to a handshake of this shape. */
bool hs_step_applies(hs_step s, const hs_shape *shape);
/* The steps of this shape, in order; returns how many. */
size_t hs_table_steps(const hs_shape *shape, hs_step out[STEP_COUNT]);

/* The expectation of one side: where in the table the handshake is. */
typedef struct hs_cursor {
    hs_shape shape;
    size_t next; /* index into the shape's steps */
    hs_step steps[STEP_COUNT];
    size_t n;
} hs_cursor;

void hs_cursor_init(hs_cursor *c, const hs_shape *shape);
/* Switches to another shape at the same point of the handshake: the client learns
 * of client authentication only when CertificateRequest arrives, the server of an
 * empty client Certificate only when it arrives. */
void hs_cursor_reshape(hs_cursor *c, const hs_shape *shape);
/* The step expected next, or STEP_COUNT when the handshake is over. */
hs_step hs_cursor_expected(const hs_cursor *c);
/* Checks that a message from `from` with this content and handshake type is the one
 * expected next, and moves on. Anything else is unexpected_message (RFC 5246 7.3),
 * with a message naming what came and what was expected. */
bool hs_cursor_accept(hs_cursor *c, actor_id from, uint8_t content_type, uint8_t hs_type,
                      tls_err *err);

#endif
