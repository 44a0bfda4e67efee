/* Field explanations: one plain-language line per field of a message, kept once in
 * sim/field_explain.c and keyed by the event's id, the field's path and, where the
 * words depend on the situation, a qualifier ("empty"). The builder and the parser of
 * a message only name fields (and a qualifier); the words are looked up when the
 * fields enter the trace (trace_take_fields), so both get the same text. X.509
 * fields keep their own table (crypto/x509_oid.c): a field that already has an
 * explanation is left as it is. */
#ifndef TLSSIM_FIELD_EXPLAIN_H
#define TLSSIM_FIELD_EXPLAIN_H

#include "sim/trace.h"

/* The line for one field, or NULL. id: the event's id ("ServerHello"); key: the
 * field's path after the id, without [N] ("extensions.session_ticket"); qual: the
 * field's qualifier, or NULL. A line with a qualifier is for that situation only; a
 * line without one is for any. */
const char *field_explain(const char *id, const char *key, const char *qual);

/* Gives every field of e that has no explanation its line from the table. */
void field_explain_event(trace_event *e);

#endif
