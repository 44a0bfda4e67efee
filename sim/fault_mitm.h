/* mitm-anon: a man in the middle between a client and a server that agreed to an
 * anonymous Diffie-Hellman suite. Nothing is signed, so the attacker swaps in its own
 * DH values and ends up with two connections, one with each side; it rewrites each
 * Finished for the other side's transcript and reads every record on the way
 * (RFC 5246 F.1.1.1). Simulated engine only. */
#ifndef TLSSIM_FAULT_MITM_H
#define TLSSIM_FAULT_MITM_H

#include "sim/actor.h"

typedef struct mitm_anon mitm_anon;

mitm_anon *mitm_anon_new(void);
void mitm_anon_free(mitm_anon *m);
/* Rewrites the flight waiting in a->out, recording each step as the attacker's. */
void mitm_anon_on_wire(mitm_anon *m, actor *a);

#endif
