#include "sim/hs_stream.h"

#include <stdlib.h>
#include <string.h>

#include "base/alert.h"
#include "base/codec.h"
#include "sim/hs_msg.h"

size_t hs_max_body(uint8_t type)
{
    switch (type) {
    case HS_HELLO_REQUEST:
    case HS_SERVER_HELLO_DONE:
        return 0;
    case HS_SERVER_HELLO:
        return 20000;
    case HS_CERTIFICATE:
    case HS_SERVER_KEY_EXCHANGE:
    case HS_CERTIFICATE_REQUEST:
        return 102400;
    case HS_CLIENT_KEY_EXCHANGE:
        return 2048;
    case HS_CERTIFICATE_VERIFY:
        return 16384;
    case HS_FINISHED:
        return 64;
    default: /* ClientHello, and types no table expects: those end in unexpected_message */
        return HS_MAX_MESSAGE;
    }
}

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
    if (body > hs_max_body(type)) {
        err_set(err, ALERT_ILLEGAL_PARAMETER,
                "%s (type %u) announces %zu bytes; at most %zu are accepted for it", hs_type_name(type),
                type, body, hs_max_body(type));
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
