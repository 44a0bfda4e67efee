/* Where faults reach the protocol: a small table of functions an actor holds and
 * calls at its named points (fault_point, sim/fault.h). A fault plan fills the table
 * in (fault_plan_attach, sim/fault_plan.h); without one every entry is NULL and the
 * actor does what the RFC says. The actors know nothing of faults beyond these calls,
 * so the dependency points one way: fault plan -> actor. */
#ifndef TLSSIM_ACTOR_HOOKS_H
#define TLSSIM_ACTOR_HOOKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/pki.h"
#include "crypto/pkey.h"
#include "sim/fault.h"
#include "sim/hs_msg.h"

struct actor;

typedef struct actor_hooks {
    void *ctx; /* handed back to every hook: the fault plan */
    /* Before sending what p names (FP_CCS, FP_SEND_FINISHED): true to leave it out. */
    bool (*skip)(void *ctx, struct actor *a, fault_point p);
    /* After building bytes at p (a signature, verify_data, a premaster, a key share):
     * may change them in place, *len up to cap; true when it did. */
    bool (*edit_bytes)(void *ctx, struct actor *a, fault_point p, uint8_t *bytes, size_t *len,
                       size_t cap);
    /* After building what the client offers (FP_CLIENT_HELLO): may change it. */
    void (*edit_hello)(void *ctx, struct actor *a, client_hello *ch);
    /* After building the client's Certificate (FP_CLIENT_CHAIN): may change the chain. */
    void (*edit_client_chain)(void *ctx, struct actor *a, certificate_msg *m);
    /* Before building the server's Certificate (FP_SERVER_CHAIN): a chain to send
     * instead of its own, or NULL. */
    const pki_chain *(*server_chain)(void *ctx, struct actor *a);
    /* Before signing the ServerKeyExchange (FP_SKE_KEY): the key to sign with. */
    const pkey *(*signing_key)(void *ctx, struct actor *a, const pkey *own);
    /* On the wire (FP_WIRE): may change, drop or add to the actor's output (a->out)
     * before the peer gets it. */
    void (*on_wire)(void *ctx, struct actor *a);
    /* Who the peer receives the bytes from (an attacker in between, or the actor). */
    actor_id (*wire_sender)(void *ctx, const struct actor *a);
} actor_hooks;

/* What the actors call; each is a no-op (or the honest answer) without a hook. */
bool actor_hook_skip(struct actor *a, fault_point p);
bool actor_hook_edit(struct actor *a, fault_point p, uint8_t *bytes, size_t *len, size_t cap);
/* actor_hook_edit on bytes whose length cannot change. */
bool actor_hook_flip(struct actor *a, fault_point p, uint8_t *bytes, size_t len);
void actor_hook_hello(struct actor *a, client_hello *ch);
void actor_hook_client_chain(struct actor *a, certificate_msg *m);
const pki_chain *actor_hook_server_chain(struct actor *a);
const pkey *actor_hook_signing_key(struct actor *a, const pkey *own);
/* The wire's side (sim/engine.c, sim/wire_tcp.c): before a flight leaves, and who it
 * is recorded as coming from. */
void actor_hook_on_wire(struct actor *a);
actor_id actor_hook_wire_sender(const struct actor *a);

#endif
