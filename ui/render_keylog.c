#include "ui/render_keylog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each key log label, and the trace output that holds its secret. A new protocol
 * version adds rows here; the engine records the output under the same name. */
static const struct {
    const char *label;
    const char *output;
} keylog_labels[] = {
    {"CLIENT_RANDOM", "master_secret"},
    {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "client_handshake_traffic_secret"},
    {"SERVER_HANDSHAKE_TRAFFIC_SECRET", "server_handshake_traffic_secret"},
    {"CLIENT_TRAFFIC_SECRET_0", "client_application_traffic_secret_0"},
    {"SERVER_TRAFFIC_SECRET_0", "server_application_traffic_secret_0"},
    {"EXPORTER_SECRET", "exporter_master_secret"},
};

#define CLIENT_RANDOM_LEN 32 /* Random in RFC 5246 7.4.1.2 and RFC 8446 4.1.2 */

/* A named input or output of one event. */
static const trace_blob *blob_of(const trace_event *e, const char *name)
{
    const trace_blob *b = trace_event_input(e, name);
    return b ? b : trace_event_output(e, name);
}

typedef struct keylog {
    FILE *out;
    char **written; /* each line once: both ends of a connection derive the same secret */
    size_t n;
    int lines;      /* -1 once out of memory or a write failed */
} keylog;

static void put_line(keylog *k, const char *label, const trace_blob *cr, const trace_blob *secret)
{
    if (k->lines < 0 || !cr || cr->len != CLIENT_RANDOM_LEN || !secret || secret->len == 0)
        return;
    char *cr_hex = annot_hex(cr->data, cr->len, 0);
    char *s_hex = annot_hex(secret->data, secret->len, 0);
    char *line = NULL;
    if (!cr_hex || !s_hex || asprintf(&line, "%s %s %s\n", label, cr_hex, s_hex) < 0)
        line = NULL;
    free(cr_hex);
    free(s_hex);
    for (size_t i = 0; line && i < k->n; i++)
        if (strcmp(k->written[i], line) == 0) {
            free(line);
            return;
        }
    char **v = line ? realloc(k->written, (k->n + 1) * sizeof *v) : NULL;
    if (!v || fputs(line, k->out) == EOF) {
        free(line);
        if (v)
            k->written = v;
        k->lines = -1;
        return;
    }
    k->written = v;
    k->written[k->n++] = line;
    k->lines++;
}

int render_keylog(FILE *out, const trace *t)
{
    keylog k = {out, NULL, 0, 0};
    for (size_t i = 0; i < sizeof keylog_labels / sizeof keylog_labels[0]; i++) {
        /* A connection is named by its own client random: an event that used both
         * (the key block, or the attacker's keys for each of its two connections
         * under mitm-anon) gives the pair. */
        bool paired = false;
        for (size_t j = 0; j < t->n; j++) {
            const trace_blob *secret = blob_of(&t->ev[j], keylog_labels[i].output);
            const trace_blob *cr = secret ? blob_of(&t->ev[j], "client_random") : NULL;
            if (cr && cr->len == CLIENT_RANDOM_LEN && secret->len) {
                paired = true;
                put_line(&k, keylog_labels[i].label, cr, secret);
            }
        }
        /* Otherwise the one connection's latest client random and secret. */
        if (!paired)
            put_line(&k, keylog_labels[i].label, trace_find_output(t, "client_random"),
                     trace_find_output(t, keylog_labels[i].output));
    }
    for (size_t i = 0; i < k.n; i++)
        free(k.written[i]);
    free(k.written);
    if (k.lines >= 0 && (fflush(out) != 0 || ferror(out)))
        return -1;
    return k.lines;
}
