/* The trace as one JSON document (`tlssim run --json FILE`), in the shape of the
 * command-line contract (docs/cli.md):
 *
 * {"scenario": {KEY: VALUE, ...},
 *  "events": [{"seq", "actor", "kind", "title", "explain"?, "bytes"?, "encrypted"?,
 *              "fields"?, "inputs"?, "outputs"?, "formula"?, "ok"?, "reason"?,
 *              "alert"?, "code"?}, ...],
 *  "result": {"outcome", "suite", "alert", "code", "sender", "reason"}}
 *
 * Events: keys marked ? appear only where they apply. "bytes" is lower-case hex and
 * comes with "fields" (possibly empty) and "encrypted"; a field is
 * {"name", "offset", "length", "value", "depth", "explain"} and an input or output
 * {"name", "hex", "explain"}, with null for a missing value or explanation. "ok" is on
 * every verify event; "alert" (the name) and "code" (the number) on alert events and
 * failed checks that carry one.
 *
 * Result: every key is always present, null where it does not apply, so a reader can
 * index without testing: outcome "ok" has "suite" and null alert/code/sender/reason;
 * outcome "alert" has alert, code, sender and reason, and a null suite; outcomes
 * "closed" (the peer closed, or sent close_notify, before the exchange finished) and
 * "timeout" (the deadline passed) have only a reason: no alert was sent. A trace the
 * engine left unfinished has outcome "incomplete" (an addition to the contract) with
 * its reason, if any. */
#ifndef TLSSIM_RENDER_JSON_H
#define TLSSIM_RENDER_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sim/trace.h"

/* One scenario setting, e.g. {"suite", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"};
 * a NULL value becomes JSON null. */
typedef struct render_kv {
    const char *key, *value;
} render_kv;

/* Writes the document and a final newline. False when out of memory or when writing
 * failed. */
bool render_json(FILE *out, const trace *t, const render_kv *scenario, size_t n_scenario);
/* The same with "peer": "ADDRESS:PORT" after "result" (a connection to tlssim's
 * server; peer may be NULL). */
bool render_json_peer(FILE *out, const trace *t, const render_kv *scenario, size_t n_scenario,
                      const char *peer);

/* The "result" object alone (for documents that hold several runs, as tlssim compare's
 * does); NULL when out of memory. The caller owns the reference. */
struct json_t;
struct json_t *render_json_result(const trace_result *r);

#endif
