/* A real peer over TCP (--connect, --listen): the same actors, the same trace,
 * with a socket in place of the in-process wire.
 *
 * The server is one thread: a poll() loop over the listening socket and every open
 * connection, each connection with its own actor (on the heap), trace and deadline.
 * Actors are state machines fed bytes, so a connection advances whenever its socket
 * has something, and a slow or silent client never holds up the others. */
#ifndef TLSSIM_WIRE_TCP_H
#define TLSSIM_WIRE_TCP_H

#include <stdbool.h>

#include "sim/actor.h"
#include "sim/scenario.h"
#include "sim/trace.h"

enum { WIRE_TCP_DEFAULT_TIMEOUT = 10 }; /* seconds */

/* Runs tlssim's client against HOST:PORT: connecting and the whole exchange must fit
 * in timeout_s seconds. False (err set) when HOST:PORT is malformed, cannot be
 * resolved or refuses the connection; a connect that gets no answer in time is a
 * trace result (OUTCOME_TIMEOUT). */
bool wire_tcp_client(const scenario *sc, const char *hostport, int timeout_s, trace *t,
                     tls_err *err);

/* How a listener's connections ended. */
typedef struct wire_tcp_summary {
    unsigned connections, ok, alert, closed, timeout;
    trace_outcome last;  /* the outcome of the connection that ended last */
    bool interrupted;    /* SIGINT or SIGTERM ended the listener */
} wire_tcp_summary;

typedef struct wire_tcp_server_opts {
    int timeout_s;             /* deadline for each connection, from accept to its end */
    unsigned max_connections;  /* stop after this many; 0: until interrupted */
    /* Each connection's trace as it ends (peer is "ADDRESS:PORT"); the trace is freed
     * when this returns. */
    void (*on_connection)(void *ctx, const char *peer, const trace *t);
    /* Each accepted connection's server actor, after actor_init: where an object that
     * lives as long as the listener (a session cache) is handed to the actor. May be
     * NULL. */
    void (*on_actor)(void *ctx, actor *a);
    void *ctx;
} wire_tcp_server_opts;

/* Listens on [ADDR:]PORT (default address 127.0.0.1) and serves clients until
 * max_connections have ended or SIGINT/SIGTERM arrives (connections still open are
 * then closed and reported). Prints "tlssim: listening on ..." to stderr once
 * listening. False (err set) only when it cannot listen. */
bool wire_tcp_server(const scenario *sc, const char *addrport, const wire_tcp_server_opts *o,
                     wire_tcp_summary *sum, tls_err *err);

#endif
