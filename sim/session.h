/* A TLS 1.2 session: what two peers keep after a full handshake so that a later
 * connection can skip the key exchange (RFC 5246 7.3, F.1.4). The server keeps it in
 * its cache under a session id, or seals it into a ticket for the client to hold
 * (RFC 5077); the client keeps it with the id or the ticket it was given. */
#ifndef TLSSIM_SESSION_H
#define TLSSIM_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/codec.h"
#include "sim/keyschedule.h"

#define SESSION_ID_MAX 32        /* SessionID <0..32> (RFC 5246 7.4.1.2) */
#define SESSION_TICKET_MAX 4096  /* a client keeps tickets up to this size */
#define SESSION_LIFETIME 7200    /* seconds a session may be resumed: 2 hours */

typedef struct tls_session {
    bool valid;
    uint16_t version;
    uint16_t suite;
    bool ems;                    /* made with the extended master secret (RFC 7627) */
    uint8_t master[TLS12_MASTER_LEN];
    uint32_t created;            /* seconds since 1970 by the run's clock */
    uint8_t id[SESSION_ID_MAX];
    size_t id_len;
    /* The client's side only: the ticket as received, opaque to it. */
    uint8_t ticket[SESSION_TICKET_MAX];
    size_t ticket_len;
    uint32_t lifetime_hint;
} tls_session;

/* What a session resumes from, for the trace: "session id" or "session ticket". */
typedef enum resume_kind { RESUME_NONE, RESUME_TICKET, RESUME_ID } resume_kind;
const char *resume_kind_name(resume_kind k);

/* One connection's part in resumption, kept by its actor. */
typedef struct resume_state {
    tls_session *saved;          /* client: the session to offer (in), the new one (out) */
    resume_kind offered;         /* what the ClientHello offered to resume */
    uint8_t offered_id[SESSION_ID_MAX];
    size_t offered_id_len;
    bool ticket_ext;             /* the session_ticket extension was in both hellos */
    bool resumed;                /* this connection is an abbreviated handshake */
    resume_kind from;            /* ...resuming a ticket or a cached id */
    bool send_ticket;            /* server: a NewSessionTicket goes out */
    uint8_t id[SESSION_ID_MAX];  /* the session id of this connection (ServerHello) */
    size_t id_len;
    uint32_t created;            /* when the session began (kept across resumption) */
    bool forgotten;              /* server: dropped from the cache after a fatal alert */
} resume_state;

/* The session state as the server seals it into a ticket, field by field:
 * version, cipher suite, EMS flag, master secret, creation time. */
bool session_state_write(writer *w, const tls_session *s);
bool session_state_read(reader *r, tls_session *s);
/* Whether a session made at `created` may still be resumed at `now`. */
bool session_fresh(const tls_session *s, int64_t now);

#endif
