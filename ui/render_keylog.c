#include "ui/render_keylog.h"

#include <stdlib.h>

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

int render_keylog(FILE *out, const trace *t)
{
    const trace_blob *cr = trace_find_output(t, "client_random");
    /* The key log finds a session by its client random, so without it nothing helps. */
    if (!cr || cr->len != CLIENT_RANDOM_LEN)
        return 0;
    char *cr_hex = annot_hex(cr->data, cr->len, 0);
    if (!cr_hex)
        return -1;
    int lines = 0;
    for (size_t i = 0; i < sizeof keylog_labels / sizeof keylog_labels[0]; i++) {
        const trace_blob *s = trace_find_output(t, keylog_labels[i].output);
        if (!s || s->len == 0)
            continue;
        char *s_hex = annot_hex(s->data, s->len, 0);
        if (!s_hex) {
            lines = -1;
            break;
        }
        if (fprintf(out, "%s %s %s\n", keylog_labels[i].label, cr_hex, s_hex) < 0)
            lines = -1;
        free(s_hex);
        if (lines < 0)
            break;
        lines++;
    }
    free(cr_hex);
    if (lines >= 0 && (fflush(out) != 0 || ferror(out)))
        return -1;
    return lines;
}
