/* The key schedule steps both actors take, recorded in the trace. */
#ifndef TLSSIM_ACTOR_KEYS_H
#define TLSSIM_ACTOR_KEYS_H

#include "sim/actor.h"

/* Records the (EC)DH premaster: both public values in, the shared secret out. */
void actor_record_dh_premaster(actor *a, const uint8_t *own_pub, size_t own_len,
                               const uint8_t *peer_pub, size_t peer_len, const uint8_t *pms,
                               size_t pms_len);
/* The (EC)DH premaster from the peer's public value. A value the checks refuse (off
 * the curve, not 1 < Y < p-1) becomes a failed check showing the value received. */
bool actor_dh_shared(actor *a, const uint8_t *peer, size_t n, uint8_t *pms, size_t *pms_len);
/* Premaster → master secret → key block → pending read and write states. */
bool actor_derive_keys(actor *a, const uint8_t *pms, size_t pms_len);
/* Master secret → key block → pending states: the second half of the above, alone
 * when a resumed session brings its master secret. */
bool actor_derive_key_block(actor *a);
/* What an RSA premaster block is: the PKCS #1 v1.5 layout when it starts 00 02, else
 * that it is not one (the rsa-pms-bad-padding fault), so a label never contradicts
 * the bytes it labels. */
const char *pkcs1_block_explain(const pk_detail *d);
/* verify_data over the transcript so far. */
bool actor_verify_data(actor *a, bool client_finished, uint8_t out[TLS12_VERIFY_LEN]);
/* Checks the peer's Finished message and adds it to the transcript. */
bool actor_check_finished(actor *a, const uint8_t *msg, size_t len);

#endif
