/* Carrying out a scenario's faults: what one run prepares (broken chains), the named
 * points where the actors ask "is a fault acting here?", and the checks that a
 * scenario gives each fault something to break. Each firing is recorded in the trace,
 * so a student sees what was changed before seeing who noticed. */
#ifndef TLSSIM_FAULT_PLAN_H
#define TLSSIM_FAULT_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "crypto/pki.h"
#include "sim/actor.h"
#include "sim/fault.h"
#include "sim/hs_msg.h"
#include "sim/scenario.h"

/* mitm-downgrade: the one suite the attacker leaves in ClientHello, and that the
 * server accepts for old clients: TLS_RSA_WITH_AES_128_CBC_SHA256 (no forward
 * secrecy, MAC-then-encrypt CBC). */
#define FAULT_DOWNGRADE_SUITE 0x003c

typedef struct fault_plan {
    fault_set set;         /* the scenario's faults */
    fault_set fired;       /* noted in the trace already (each is noted once) */
    bool have_server_chain, have_client_chain, have_mitm_chain;
    struct mitm_anon *mitm; /* mitm-anon: the man in the middle's state (sim/fault_mitm.h) */
    struct eavesdrop *eve;  /* eavesdrop-stolen-key: the recording (sim/fault_eavesdrop.h) */
    /* Last, and not zeroed by fault_plan_init (13 KiB, every run): each is written when
     * built and read only under its have_ flag above. New fields go above. */
    pki_chain server_chain; /* FP_SERVER_CHAIN: the broken chain the server sends */
    pki_chain client_chain; /* FP_CLIENT_CHAIN: the broken chain the client sends */
    pki_chain mitm_chain;   /* mitm-replace-cert: the attacker's own chain */
} fault_plan;

/* Builds what the faults need (deterministically: each broken chain draws on a
 * generator of its own, seeded from the demo PKI's seed, never on the run's). */
bool fault_plan_init(fault_plan *p, const scenario *sc, tls_err *err);
void fault_plan_free(fault_plan *p);

/* Makes the scenario fit its faults: client-certificate faults turn on client
 * authentication, and a fault that needs a kind of suite gets it when no --suite was
 * given. False, with why, when the two cannot go together (a usage error). */
bool fault_fit_scenario(scenario *sc, bool suite_given, char *why, size_t n);
/* The same, told which of suite and group the user chose: only the others adapt
 * (an invalid-point fault moves the group off x25519 unless --group fixed it). */
typedef struct fault_given {
    bool suite, group;
} fault_given;
bool fault_fit_scenario_given(scenario *sc, fault_given given, char *why, size_t n);
/* Over TCP tlssim plays one side: it can commit faults of that side, and wire faults
 * on that side's bytes, but not what the real peer would have to do. */
bool fault_fit_side(fault_set set, actor_id plays, char *why, size_t n);

/* Once the session is over: what faults do afterwards (the eavesdropper's attack on
 * its recording). */
void fault_after_run(fault_plan *p, const scenario *sc, trace *t);

/* Fills in the actor's hook table (sim/actor_hooks.h) so that the plan's faults act
 * at its named points; the plan must outlive the actor's run. A NULL plan leaves the
 * actor honest. Each fault, the first time it acts, notes in the trace what it does. */
void fault_plan_attach(fault_plan *p, actor *a);

#endif
