#include "crypto/der.h"

#include <stdio.h>
#include <string.h>
#include <tomcrypt.h>

#include "base/alert.h"

int der_peek_tag(const reader *r)
{
    if (rd_left(r) == 0)
        return -1;
    return r->base[r->pos];
}

bool der_span(const uint8_t *p, size_t n, uint8_t *tag, size_t *hdr_len, size_t *total_len)
{
    if (n < 2)
        return false;
    *tag = p[0];
    size_t len = p[1], hdr = 2;
    if (len & 0x80) {
        size_t nb = len & 0x7f;
        /* DER: long form only when needed, no leading zero byte, at most 4 bytes. */
        if (nb == 0 || nb > 4 || n < 2 + nb || p[2] == 0)
            return false;
        len = 0;
        for (size_t i = 0; i < nb; i++)
            len = (len << 8) | p[2 + i];
        if (len < 128)
            return false;
        hdr += nb;
    }
    if (n - hdr < len)
        return false;
    *hdr_len = hdr;
    *total_len = hdr + len;
    return true;
}

bool der_read_any(reader *r, uint8_t *tag, const char *name, reader *content)
{
    size_t left = rd_left(r);
    size_t hdr = 0, total = 0;
    if (!rd_ok(r) || !der_span(r->base + r->pos, left, tag, &hdr, &total)) {
        if (rd_ok(r))
            rd_fail(r, ALERT_DECODE_ERROR, name,
                    left < 2 ? "DER element truncated" : "bad DER length");
        rd_sub(r, 0, NULL, content);
        return false;
    }
    size_t start = r->pos;
    if (r->ann && name)
        annot_add(r->ann, name, start, total, r->depth);
    r->pos += hdr;
    annot_list *saved = r->ann;
    r->ann = NULL; /* the TLV's annotation covers the value; the sub-reader annotates inside it */
    rd_sub(r, total - hdr, name, content);
    r->ann = saved;
    content->ann = saved;
    /* An unnamed wrapper (e.g. the OCTET STRING around an extension's value) adds no
     * level to the annotated tree. */
    content->depth = r->depth + (name ? 1 : 0);
    return true;
}

bool der_read(reader *r, uint8_t tag, const char *name, reader *content)
{
    uint8_t got = 0;
    int next = der_peek_tag(r);
    if (rd_ok(r) && next >= 0 && next != tag) {
        rd_fail(r, ALERT_DECODE_ERROR, name, "DER tag 0x%02x expected, 0x%02x found", tag, next);
        rd_sub(r, 0, NULL, content);
        return false;
    }
    return der_read_any(r, &got, name, content);
}

der_mark der_open(writer *w, uint8_t tag, const char *name)
{
    der_mark m = {w->len, (size_t)-1};
    uint8_t *p = wr_reserve(w, 2);
    if (!p)
        return m;
    p[0] = tag;
    p[1] = 0;
    if (w->ann && name) {
        m.ann_idx = annot_add(w->ann, name, m.start, 2, w->depth);
        w->last_ann = m.ann_idx;
    }
    w->depth++;
    return m;
}

void der_close(writer *w, der_mark m)
{
    w->depth--;
    if (w->failed)
        return;
    size_t body = w->len - m.start - 2;
    size_t extra = 0;
    for (size_t v = body; body >= 128 && v; v >>= 8)
        extra++;
    if (extra) {
        if (!wr_reserve(w, extra))
            return;
        uint8_t *b = w->buf + m.start + 2;
        memmove(b + extra, b, body);
        w->buf[m.start + 1] = (uint8_t)(0x80 | extra);
        for (size_t i = 0; i < extra; i++)
            w->buf[m.start + 2 + i] = (uint8_t)(body >> (8 * (extra - 1 - i)));
        if (w->ann && m.ann_idx != (size_t)-1)
            annot_shift(w->ann, m.ann_idx + 1, extra);
    } else {
        w->buf[m.start + 1] = (uint8_t)body;
    }
    if (w->ann && m.ann_idx != (size_t)-1) {
        w->ann->v[m.ann_idx].length = 2 + extra + body;
        w->last_ann = m.ann_idx;
    }
}

void der_write(writer *w, uint8_t tag, const uint8_t *value, size_t n, const char *name)
{
    der_mark m = der_open(w, tag, name);
    annot_list *saved = w->ann;
    w->ann = NULL;
    wr_bytes(w, value, n, NULL);
    w->ann = saved;
    der_close(w, m);
}

void der_write_oid(writer *w, const char *dotted, const char *name)
{
    unsigned long words[32];
    unsigned long nwords = 0;
    const char *s = dotted;
    while (*s && nwords < 32) {
        char *end = NULL;
        words[nwords++] = strtoul(s, &end, 10);
        s = (*end == '.') ? end + 1 : end;
        if (end == s && *s)
            break;
    }
    uint8_t out[64];
    unsigned long outlen = sizeof out;
    if (der_encode_object_identifier(words, nwords, out, &outlen) != CRYPT_OK) {
        w->failed = true;
        return;
    }
    /* libtomcrypt wrote the whole TLV; keep its framing, annotate it as one field. */
    size_t start = w->len;
    annot_list *saved = w->ann;
    w->ann = NULL;
    wr_bytes(w, out, outlen, NULL);
    w->ann = saved;
    if (w->ann && name) {
        w->last_ann = annot_add(w->ann, name, start, outlen, w->depth);
        annot_set_value(w->ann, w->last_ann, "%s", dotted);
    }
}

void der_write_uint(writer *w, const uint8_t *mag, size_t n, const char *name)
{
    while (n > 1 && mag[0] == 0) {
        mag++;
        n--;
    }
    der_mark m = der_open(w, DER_INTEGER, name);
    annot_list *saved = w->ann;
    w->ann = NULL;
    if (n == 0 || (mag[0] & 0x80))
        wr_u8(w, 0, NULL);
    if (n)
        wr_bytes(w, mag, n, NULL);
    w->ann = saved;
    der_close(w, m);
}

void der_write_small_int(writer *w, long v, const char *name)
{
    uint8_t mag[sizeof(long)];
    size_t n = sizeof mag;
    for (size_t i = 0; i < n; i++)
        mag[n - 1 - i] = (uint8_t)((unsigned long)v >> (8 * i));
    der_write_uint(w, mag, n, name);
}

bool der_oid_to_string(const uint8_t *p, size_t n, char *out, size_t outlen)
{
    /* Re-frame as a TLV for libtomcrypt's decoder. */
    uint8_t tlv[130];
    if (n == 0 || n > 127)
        return false;
    tlv[0] = DER_OID;
    tlv[1] = (uint8_t)n;
    memcpy(tlv + 2, p, n);
    unsigned long words[32];
    unsigned long nwords = 32;
    if (der_decode_object_identifier(tlv, n + 2, words, &nwords) != CRYPT_OK)
        return false;
    size_t used = 0;
    if (outlen == 0)
        return false;
    out[0] = '\0';
    for (unsigned long i = 0; i < nwords; i++) {
        char arc[24];
        size_t k = 0;
        if (i)
            arc[k++] = '.';
        k += annot_dec(arc + k, words[i]);
        if (k >= outlen - used)
            return false;
        memcpy(out + used, arc, k + 1);
        used += k;
    }
    return true;
}
