/* An alert's two bytes as trace fields. */
#ifndef TLSSIM_ALERT_FIELDS_H
#define TLSSIM_ALERT_FIELDS_H

#include "sim/trace.h"

/* Annotates an alert event's two bytes as its level and description fields, named
 * ("2 (fatal)", "40 (handshake_failure)"), as RFC 5246 7.2 defines them. */
void alert_annotate(trace_event *e);

#endif
