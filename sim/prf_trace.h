/* The PRF opened in the trace (RFC 5246 5): a computation event gets, as its steps,
 * the label, the seed and each A(i) and output block of P_hash, with what each is. */
#ifndef TLSSIM_PRF_TRACE_H
#define TLSSIM_PRF_TRACE_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/prf.h"
#include "sim/trace.h"

/* Step names, stable for lessons (`master_secret.A1`, `key_block.block3`):
 *   label    the label's ASCII bytes
 *   seed     the seed after the label (seed_explain says what it is made of)
 *   A1 ...   A(i) = HMAC(secret, A(i-1)), where A(0) = label + seed
 *   block1 ... HMAC(secret, A(i) + label + seed), the output's bytes in order
 * key_name names the secret the HMACs are keyed with ("pre_master_secret");
 * outlen is the PRF output's length, so the last block says where it was cut.
 * Records nothing when s holds no blocks (an output too long to record). */
void prf_trace_steps(trace_event *e, const prf_steps *s, const char *key_name, const char *label,
                     const uint8_t *seed, size_t seed_len, const char *seed_explain,
                     size_t outlen);

#endif
