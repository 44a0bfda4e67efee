/* Wire faults: bytes changed, added or reordered after a side has sent them, by the
 * side itself (a broken sender) or by an attacker on the path. Both the simulated wire
 * (sim/engine.c) and TCP (sim/wire_tcp.c) pass every flight through here. */
#ifndef TLSSIM_FAULT_WIRE_H
#define TLSSIM_FAULT_WIRE_H

#include "sim/actor.h"

/* Applies the run's wire faults to the flight waiting in a->out (each fault acts once),
 * recording in the trace what was changed. */
void fault_on_wire(actor *a);
/* Who puts a's flight on the wire towards its peer: the attacker when a man in the
 * middle relays it (fault_on_wire has then recorded a's own flight to the attacker). */
actor_id fault_wire_sender(const actor *a);

#endif
