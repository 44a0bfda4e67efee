/* The wire as a pcap capture (`tlssim run --pcap FILE`): every record event becomes
 * the payload of one TCP segment between 127.0.0.1:50000 (client) and 127.0.0.1:443
 * (server), so Wireshark and tshark dissect it as TLS without "decode as", and with
 * the key log (ui/render_keylog.h) decrypt it.
 *
 * The capture is Ethernet (made-up locally administered MACs) carrying IPv4 and TCP
 * with valid checksums: a three-way handshake, the records in trace order with
 * sequence and acknowledgement numbers kept per direction, and a FIN exchange.
 * Timestamps derive from the event's seq (1 ms per event, from a fixed epoch), never
 * from the clock, so a seeded run gives a byte-identical file.
 *
 * Records sent by ACTOR_ATTACKER are left out: an injected or altered record has no
 * single place on one TCP stream, and the capture shows what the two endpoints sent
 * (as a tap beside the server would see it). The trace and the text view still show
 * the attacker's records. */
#ifndef TLSSIM_RENDER_PCAP_H
#define TLSSIM_RENDER_PCAP_H

#include <stdbool.h>
#include <stdio.h>

#include "base/err.h"
#include "sim/trace.h"

enum { RENDER_PCAP_CLIENT_PORT = 50000, RENDER_PCAP_SERVER_PORT = 443 };

/* Writes the capture to path ("-": standard output, which stays open). False, with
 * the reason in err (may be NULL), when the file cannot be written or memory runs out. */
bool render_pcap(const char *path, const trace *t, tls_err *err);

/* A capture of several connections (tlssim run --listen): each added trace is one
 * more TCP stream, its client port one above the last (50000, 50001, ...), its time
 * after the last one's. One trace makes the same file as render_pcap. f stays the
 * caller's (flush and close it after render_pcap_close). */
typedef struct render_pcap_stream render_pcap_stream;
render_pcap_stream *render_pcap_open(FILE *f, tls_err *err);
bool render_pcap_add(render_pcap_stream *s, const trace *t);
/* Flushes and frees s; false when anything failed. */
bool render_pcap_close(render_pcap_stream *s, tls_err *err);

#endif
