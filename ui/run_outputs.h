/* The output files of `tlssim run` (--json, --pcap, --keylog): opened and checked
 * before the run starts, fed one connection at a time (every connection of a
 * listener), and put in place whole at the end (ui/out_file.h).
 *
 * One connection keeps the single-run formats: the JSON document of
 * ui/render_json.h, one TCP stream in the capture, its key log lines. Several make
 * one capture with a TCP stream each (client ports 50000, 50001, ...), one key log
 * with every connection's lines, and the JSON document
 *   {"connections": [DOCUMENT, ...],
 *    "summary": {"connections", "ok", "alert", "closed", "timeout", "interrupted"}}
 * where each DOCUMENT is a single run's, with "peer": "ADDRESS:PORT" added. */
#ifndef TLSSIM_RUN_OUTPUTS_H
#define TLSSIM_RUN_OUTPUTS_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/wire_tcp.h"
#include "ui/out_file.h"
#include "ui/render_json.h"
#include "ui/render_pcap.h"

typedef struct run_outputs {
    out_file json, pcap, keylog;
    FILE *json_docs;             /* each connection's document, until the end decides the shape */
    render_pcap_stream *capture;
    unsigned connections;
    bool failed;                 /* writing a connection failed; why says what */
    char why[320];
} run_outputs;

/* Opens every output given (NULL: not wanted). False, with why, when one cannot be
 * written; nothing is left behind then. */
bool run_outputs_open(run_outputs *r, const char *json, const char *pcap, const char *keylog);
/* Adds one connection (peer NULL for an in-process run or --connect). */
void run_outputs_add(run_outputs *r, const trace *t, const render_kv *scenario, size_t n,
                     const char *peer);
/* Writes the files and puts them in place; sum NULL for a single run. False, with
 * why, when anything failed (every output is then left out). */
bool run_outputs_finish(run_outputs *r, const wire_tcp_summary *sum);
void run_outputs_abort(run_outputs *r);

#endif
