/* Runs a scenario: a client and a server actor in-process over a simulated wire,
 * every step recorded in the trace. */
#ifndef TLSSIM_ENGINE_H
#define TLSSIM_ENGINE_H

#include <stdbool.h>

#include "crypto/rng.h"
#include "sim/scenario.h"
#include "sim/session.h"
#include "sim/trace.h"

/* Returns false only for an internal failure; the handshake's own outcome is in
 * t->result (ok, or the alert, its sender and the failed check). */
bool engine_run(const scenario *sc, trace *t);

/* A tap on the simulated wire: sees (and may change) each flight of bytes before the
 * other side reads it; flight counts from 0 in each direction. Wire faults and the
 * man in the middle hook in here. */
typedef void (*engine_tap)(actor_id from, int flight, uint8_t *bytes, size_t *len, void *ctx);
bool engine_run_tapped(const scenario *sc, trace *t, engine_tap tap, void *ctx);

/* One connection in which the server keeps its sessions in `cache` and the client
 * offers, then saves, `session` (either may be NULL); for tests that come back with
 * a changed ticket or an emptied cache. Draws on r as it is (no seeding), so that
 * connections in a row continue one stream. */
struct session_cache;
bool engine_run_session(const scenario *sc, trace *t, struct session_cache *cache,
                        tls_session *session, rng *r);

#endif
