#include "sim/hs_stream.h"

#include <stdlib.h>
#include <string.h>

#include "sim/alert.h"
#include "sim/codec.h"

void hs_stream_init(hs_stream *s)
{
    memset(s, 0, sizeof *s);
}

void hs_stream_free(hs_stream *s)
{
    free(s->buf);
    hs_stream_init(s);
}

bool hs_stream_push(hs_stream *s, const uint8_t *p, size_t n, tls_err *err)
{
    if (s->len + n > HS_MAX_MESSAGE + HS_HEADER_LEN + 16384) {
        err_set(err, ALERT_DECODE_ERROR, "handshake: more than %d bytes buffered",
                HS_MAX_MESSAGE);
        return false;
    }
    if (s->cap - s->len < n) {
        size_t cap = s->cap ? s->cap : 4096;
        while (cap - s->len < n)
            cap *= 2;
        uint8_t *b = realloc(s->buf, cap);
        if (!b) {
            err_set(err, ALERT_INTERNAL_ERROR, "handshake: out of memory");
            return false;
        }
        s->buf = b;
        s->cap = cap;
    }
    if (n)
        memcpy(s->buf + s->len, p, n);
    s->len += n;
    return true;
}

bool hs_stream_next(hs_stream *s, uint8_t **msg, size_t *len, tls_err *err)
{
    if (s->len < HS_HEADER_LEN)
        return false;
    /* Peek at the header with the bounded reader; the message is taken whole below. */
    tls_err herr;
    err_init(&herr);
    reader r;
    rd_init(&r, s->buf, HS_HEADER_LEN, &herr, NULL, "handshake");
    uint8_t type = rd_u8(&r, "msg_type");
    size_t body = rd_u24(&r, "length");
    if (body > HS_MAX_MESSAGE) {
        err_set(err, ALERT_DECODE_ERROR,
                "handshake message type %u announces %zu bytes, more than %d accepted", type, body,
                HS_MAX_MESSAGE);
        return false;
    }
    size_t total = HS_HEADER_LEN + body;
    if (s->len < total)
        return false;
    uint8_t *m = malloc(total);
    if (!m) {
        err_set(err, ALERT_INTERNAL_ERROR, "handshake: out of memory");
        return false;
    }
    memcpy(m, s->buf, total);
    memmove(s->buf, s->buf + total, s->len - total);
    s->len -= total;
    *msg = m;
    *len = total;
    return true;
}

bool hs_stream_pending(const hs_stream *s)
{
    return s->len > 0;
}
