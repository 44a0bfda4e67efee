/* tlssim compare without a terminal: the comparison as text (two aligned columns
 * within 80 columns, then the summary) or as one JSON document.
 *
 * JSON shape:
 * {"seed": N,
 *  "runs": {"A": RUN, "B": RUN},
 *  "rows": [{"A": STEP|null, "B": STEP|null, "missing": TEXT|null}, ...],
 *  "summary": {"A": SUMMARY, "B": SUMMARY}}
 * RUN = {"suite": IANA name, "key_exchange": "RSA key transport"|"ECDHE"|"DHE",
 *        "note": TEXT|null (a fault left out of this run, and why),
 *        "result": the "result" object of `tlssim run --json`}
 * STEP = {"seq", "actor", "kind", "title", "length": bytes of a message or alert|null,
 *         "ok": a check's verdict|null}; "seq" is the event's seq in that run's
 *        `tlssim run --json` with the same options and seed.
 * "missing" says why the side that has null lacks the step.
 * SUMMARY = {"premaster": {"source": "client-encrypted"|"dh-shares"|null,
 *                          "length": N|null, "same_on_both_sides": bool, "text"},
 *            "server_key": {"use": "decrypt"|"sign"|null, "signature_check_failed": bool, "text"},
 *            "forward_secrecy": {"value": bool, "from": "trace"|"suite", "text"},
 *            "handshake_complete": bool, "flights": N, "round_trips": N|null (null when
 *            the handshake did not finish), "round_trips_text",
 *            "bytes": {"client_to_server", "server_to_client", "total"} (TLS bytes as
 *            they crossed the wire: TCP payload in the capture of `run --pcap`),
 *            "ended": {"text", "last_seq"}} */
#ifndef TLSSIM_COMPARE_RENDER_H
#define TLSSIM_COMPARE_RENDER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ui/compare_model.h"

void compare_render_text(FILE *out, const compare_model *m, uint64_t seed);
/* False when out of memory or when writing failed. */
bool compare_render_json(FILE *out, const compare_model *m, uint64_t seed);

#endif
