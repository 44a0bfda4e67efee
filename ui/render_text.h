/* The trace as a readable step-by-step listing (`tlssim run`), ending with the
 * result line of the command-line contract (docs/cli.md). */
#ifndef TLSSIM_RENDER_TEXT_H
#define TLSSIM_RENDER_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "sim/trace.h"

typedef struct render_text_opts {
    bool ascii; /* no UTF-8: "->", "ok"/"FAIL" instead of "→", "✓"/"✗" */
    bool quiet; /* print only the result line */
    const char *peer; /* a connection to tlssim's server: its client, named on the result line */
} render_text_opts;

/* Writes every event, then the result line. o may be NULL (UTF-8, not quiet). */
void render_text(FILE *out, const trace *t, const render_text_opts *o);

/* Writes the result line alone, newline included:
 *   result: ok SUITE
 *   result: alert NAME(CODE) sent by client|server: REASON
 *   result: closed|timeout: REASON (the connection ended without an alert)
 * and with a peer in the options, " (client ADDRESS:PORT)" at the end of the line.
 *   result: incomplete[: REASON]   (the engine stopped without either; not in cli.md's
 *                                   contract because a finished run never ends so) */
void render_text_result(FILE *out, const trace_result *r);
void render_text_result_peer(FILE *out, const trace_result *r, const char *peer);

#endif
