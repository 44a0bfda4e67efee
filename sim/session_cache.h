/* The server's memory of sessions: a cache of sessions by session id (RFC 5246
 * 7.4.1.2) and the keys that seal session tickets (RFC 5077). One object outlives
 * the connections it serves: whoever creates server actors owns it (the in-process
 * engine for one run, the TCP listener for its lifetime) and sets it on each server
 * actor as a->sessions. Safe to share between threads. */
#ifndef TLSSIM_SESSION_CACHE_H
#define TLSSIM_SESSION_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/rng.h"
#include "sim/session.h"
#include "sim/ticket.h"

#define SESSION_CACHE_SIZE 1024 /* the oldest entry makes room beyond this */

typedef struct session_cache session_cache;

/* A cache with fresh ticket keys drawn from r; NULL when out of memory or
 * randomness. */
session_cache *session_cache_new(rng *r);
void session_cache_free(session_cache *c);
/* Keeps a copy of the session under its id (replacing an entry with the same id). */
bool session_cache_put(session_cache *c, const tls_session *s);
/* Copies the session stored under this id into out; false on a miss. */
bool session_cache_get(session_cache *c, const uint8_t *id, size_t id_len, tls_session *out);
/* Forgets a session: one that ended in a fatal alert (RFC 5246 7.2.2). */
void session_cache_remove(session_cache *c, const uint8_t *id, size_t id_len);
size_t session_cache_count(session_cache *c);
const ticket_keys *session_cache_ticket_keys(const session_cache *c);

#endif
