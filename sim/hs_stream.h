/* Handshake messages out of records (RFC 5246 6.2.1, 7.4): one message may span
 * several records and one record may hold several messages, so the handshake layer
 * reads a byte stream, not records. Each whole message comes out with its 4-byte
 * header, exactly the bytes the handshake hash covers. */
#ifndef TLSSIM_HS_STREAM_H
#define TLSSIM_HS_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define HS_HEADER_LEN 4
/* The longest message body accepted, for any type: a ClientHello with every vector at
 * its RFC bound (OpenSSL's CLIENT_HELLO_MAX_LENGTH). Each type has its own bound
 * (hs_max_body); a longer announcement is refused before anything is buffered, so a
 * peer cannot make us allocate 16 MiB by announcing it. */
#define HS_MAX_MESSAGE 131396

/* The bound for one handshake type, as OpenSSL 3.0 sets them: 102400 bytes (its
 * default max_cert_list) for Certificate, CertificateRequest and ServerKeyExchange,
 * 20000 for ServerHello, 2048 for ClientKeyExchange, 16384 for CertificateVerify, 64
 * for Finished, nothing for HelloRequest and ServerHelloDone. */
size_t hs_max_body(uint8_t type);

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
 * past the type's bound (err set: illegal_parameter, as OpenSSL answers). */
bool hs_stream_next(hs_stream *s, uint8_t **msg, size_t *len, tls_err *err);
/* True when bytes of an unfinished message wait: a ChangeCipherSpec must not arrive
 * then (RFC 5246 7.1 requires it between whole messages). */
bool hs_stream_pending(const hs_stream *s);

#endif
