/* Narration: each trace event told as one or two sentences for a first-year student,
 * made from the event's kind, actor and stable id (sim/trace_ids.c) and its data, so
 * the TUI's narration box and `tlssim run` say the same thing. */
#ifndef TLSSIM_NARRATE_H
#define TLSSIM_NARRATE_H

#include <stddef.h>

#include "sim/trace.h"

/* Writes the narration of e into out (always terminated; cut only if n is too small,
 * which NARRATE_MAX avoids). */
void narrate_event(const trace_event *e, char *out, size_t n);

/* The same without a check's verdict and reason, for views that print them apart
 * (tlssim run's "✓ ..." line). */
void narrate_what(const trace_event *e, char *out, size_t n);

/* Room for any narration (the longest reason a check gives included). */
enum { NARRATE_MAX = 1024 };

/* The narration box of the TUI at 80x24: this many lines of 78 columns at most, so
 * a narration never needs more (tests/unit/test_texts.c checks every one). */
enum { NARRATE_LINES_80x24 = 6, NARRATE_WIDTH_80 = 78 };

/* How many lines s takes when word-wrapped at w columns (as tui_wrap lays it out). */
int narrate_lines(const char *s, int w);

#endif
