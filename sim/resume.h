/* Session resumption, both kinds, step by step (RFC 5246 7.3 and F.1.4: session ids
 * kept in the server's cache; RFC 5077: session tickets the client keeps; RFC 7627
 * 5.3: the extended master secret carried over). Each decision is recorded in the
 * trace in plain words. The client's and the server's handshake code call in here at
 * the few points where resumption changes the flow. */
#ifndef TLSSIM_RESUME_H
#define TLSSIM_RESUME_H

#include <stdbool.h>

#include "sim/actor.h"

/* Between the two connections of --resume: a note that marks the second one, and a
 * fresh result (the run's result is the resumed connection's). */
void resume_next_connection(trace *t, resume_kind kind, const tls_session *saved);

/* Client: puts the saved session (a->resume.saved) into the ClientHello, or says why
 * not, and asks for a ticket when the scenario resumes by ticket. */
void resume_client_offer(actor *a, client_hello *ch);
/* Client: after ServerHello (a->suite and the randoms set): whether the server
 * resumed, the checks that go with it, the keys from the saved master secret, and
 * the shape of the rest of the handshake. */
bool resume_client_server_hello(actor *a, const server_hello *sh);
/* Client: stores a NewSessionTicket's ticket for the session. */
bool resume_client_ticket(actor *a, reader *r);
/* Client, abbreviated handshake: after the server's Finished checked, its own
 * ChangeCipherSpec and Finished. */
bool resume_client_finish(actor *a);
/* Client: after the handshake completed, the session is kept for next time. */
void resume_client_save(actor *a);

/* Server: looks for the session the ClientHello offers. Returns 1 to resume it (a->
 * suite, a->ems, a->master set), 0 for a full handshake, -1 to abort (a->err set). */
int resume_server_lookup(actor *a, const client_hello *ch);
/* Server: the abbreviated handshake's first flight: ServerHello, [NewSessionTicket],
 * ChangeCipherSpec, Finished. */
bool resume_server_abbreviated(actor *a, const client_hello *ch);
/* Server, full handshake: the session id (or none, when a ticket will carry the
 * session) and the session_ticket extension of the ServerHello. */
bool resume_server_full_hello(actor *a, const client_hello *ch, server_hello *sh);
/* Server, full handshake, after the client's Finished: the session is kept (cache)
 * or sealed into a NewSessionTicket. */
bool resume_server_keep(actor *a);

/* Server: a connection that ended with a fatal alert leaves no session to resume
 * (RFC 5246 7.2.2): it is dropped from the cache. */
void resume_server_forget(actor *a);

#endif
