/* Runs a scenario: a client and a server actor in-process over a simulated wire,
 * every step recorded in the trace. */
#ifndef TLSSIM_ENGINE_H
#define TLSSIM_ENGINE_H

#include <stdbool.h>

#include "sim/scenario.h"
#include "sim/trace.h"

/* Returns false only for an internal failure; the handshake's own outcome is in
 * t->result (ok, or the alert, its sender and the failed check). */
bool engine_run(const scenario *sc, trace *t);

#endif
