/* Handshake messages out of records (RFC 5246 6.2.1, 7.4): one message may span
 * several records and one record may hold several messages, so the handshake layer
 * reads a byte stream, not records. Each whole message comes out with its 4-byte
 * header, exactly the bytes the handshake hash covers. */
#ifndef TLSSIM_HS_STREAM_H
#define TLSSIM_HS_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/err.h"

#define HS_HEADER_LEN 4
/* Longest message accepted: a Certificate message with a long chain stays well under
 * this; anything longer is refused before it is buffered (a peer cannot make us
 * allocate 16 MiB by announcing it). */
#define HS_MAX_MESSAGE (64 * 1024)

typedef struct hs_stream {
    uint8_t *buf;
    size_t len, cap;
} hs_stream;

void hs_stream_init(hs_stream *s);
void hs_stream_free(hs_stream *s);
/* Appends a handshake record's plaintext. */
bool hs_stream_push(hs_stream *s, const uint8_t *p, size_t n, tls_err *err);
/* Takes the next whole message (header included) into a malloc'd buffer. Returns
 * false when none is complete yet (err untouched) or when the announced length is
 * too large (err set: decode_error). */
bool hs_stream_next(hs_stream *s, uint8_t **msg, size_t *len, tls_err *err);
/* True when bytes of an unfinished message wait: a ChangeCipherSpec must not arrive
 * then (RFC 5246 7.1 requires it between whole messages). */
bool hs_stream_pending(const hs_stream *s);

#endif
