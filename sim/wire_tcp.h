/* A real peer over TCP (--connect, --listen): the same actors, the same trace,
 * with a socket in place of the in-process wire. */
#ifndef TLSSIM_WIRE_TCP_H
#define TLSSIM_WIRE_TCP_H

#include <stdbool.h>

#include "sim/scenario.h"
#include "sim/trace.h"

/* Runs tlssim's client against HOST:PORT. False (err set) if the connection fails. */
bool wire_tcp_client(const scenario *sc, const char *hostport, trace *t, tls_err *err);
/* Listens on [ADDR:]PORT (default address 127.0.0.1), serves one client, returns. */
bool wire_tcp_server(const scenario *sc, const char *addrport, trace *t, tls_err *err);

#endif
