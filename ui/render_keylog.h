/* The session secrets as an NSS key log (`tlssim run --keylog FILE`), the format
 * Wireshark, tshark and curl read: one line per secret,
 *   LABEL <client_random, 64 lower-case hex digits> <secret in lower-case hex>
 * Each secret is a trace input or output of the name the label table in
 * render_keylog.c pairs with the label. Its client random is the "client_random"
 * (32 bytes) of the same event where there is one (the key block names both, so
 * each connection of a man in the middle gets its own line); otherwise the trace's
 * latest "client_random" output and latest secret make the one line:
 *   CLIENT_RANDOM                    master_secret (TLS 1.2, RFC 5246 8.1)
 *   CLIENT_HANDSHAKE_TRAFFIC_SECRET  client_handshake_traffic_secret (TLS 1.3, RFC 8446 7.1)
 *   SERVER_HANDSHAKE_TRAFFIC_SECRET  server_handshake_traffic_secret
 *   CLIENT_TRAFFIC_SECRET_0          client_application_traffic_secret_0
 *   SERVER_TRAFFIC_SECRET_0          server_application_traffic_secret_0
 *   EXPORTER_SECRET                  exporter_master_secret
 * so the engine names its outputs after these to have them logged. */
#ifndef TLSSIM_RENDER_KEYLOG_H
#define TLSSIM_RENDER_KEYLOG_H

#include <stdio.h>

#include "sim/trace.h"

/* Writes the lines for every secret present. Returns how many lines were written
 * (0: no client_random of 32 bytes, or no secret in the trace), or -1 when out of
 * memory or when writing failed. */
int render_keylog(FILE *out, const trace *t);

#endif
