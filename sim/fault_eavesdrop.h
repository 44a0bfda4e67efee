/* eavesdrop-stolen-key: a passive attacker records every byte on the wire; after the
 * session, it steals the server's private key and tries to decrypt the recording.
 * With RSA key transport it recovers the premaster, the keys and the plaintext; with
 * (EC)DHE the key only ever signed, and the ephemeral private values are gone, so
 * nothing comes out (forward secrecy, RFC 5246 F.1.1.2 and F.1.1.3). */
#ifndef TLSSIM_FAULT_EAVESDROP_H
#define TLSSIM_FAULT_EAVESDROP_H

#include <stddef.h>
#include <stdint.h>

#include "sim/scenario.h"
#include "sim/trace.h"

typedef struct eavesdrop eavesdrop;

eavesdrop *eavesdrop_new(void);
void eavesdrop_free(eavesdrop *e);
/* Keeps a copy of a flight as it crossed the wire (false: out of memory). */
bool eavesdrop_record(eavesdrop *e, actor_id from, const uint8_t *p, size_t n);
/* Later: the attack on the recording with the server's stolen key, step by step in
 * the trace as the attacker's events. */
void eavesdrop_attack(eavesdrop *e, const scenario *sc, trace *t);

#endif
