/* Wire faults: bytes changed, added or reordered after a side has sent them, by the
 * side itself (a broken sender) or by an attacker on the path. Both the simulated wire
 * (sim/engine.c) and TCP (sim/wire_tcp.c) pass every flight through here, by way of
 * the actor's on_wire hook (sim/actor_hooks.h) that the fault plan sets. */
#ifndef TLSSIM_FAULT_WIRE_H
#define TLSSIM_FAULT_WIRE_H

#include "sim/actor.h"

struct fault_plan;

/* Applies the run's wire faults to the flight waiting in a->out (each fault acts once),
 * recording in the trace what was changed. */
void fault_on_wire(struct fault_plan *p, actor *a);
/* Who puts a's flight on the wire towards its peer: the attacker when a man in the
 * middle relays it (fault_on_wire has then recorded a's own flight to the attacker). */
actor_id fault_wire_sender(const struct fault_plan *p, const actor *a);

#endif
