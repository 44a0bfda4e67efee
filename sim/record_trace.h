/* What the record layer did, recorded as named values of a trace event: on every
 * protected record its sender records how it was sealed, and a receiver whose check
 * failed records what it compared. The names are stable: lessons refer to them
 * (`record.Finished.nonce`, `check.record.sequence_number`). */
#ifndef TLSSIM_RECORD_TRACE_H
#define TLSSIM_RECORD_TRACE_H

#include "sim/record.h"
#include "sim/trace.h"

/* Adds to a record event the values of its sealing: buf is the writer's buffer that
 * r's offsets point into, pt the plaintext of n bytes; s is the writer's state. */
void rec_trace_sealed(trace_event *e, const rec_state *s, const rec_sealed *r, const uint8_t *pt,
                      size_t n, const uint8_t *buf);
/* Adds to a failed check what the receiver with state s compared. */
void rec_trace_failed(trace_event *e, const rec_state *s, const rec_check *c);

/* "first", "second" ... for the record with this sequence number: students read
 * "the client's first encrypted record", not "record 0". */
void rec_ordinal(uint64_t seq, char *out, size_t n);

#endif
