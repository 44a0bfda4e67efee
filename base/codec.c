#include "base/codec.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alert.h"

/* ---- reader ---- */

void rd_init(reader *r, const uint8_t *p, size_t n, tls_err *err, annot_list *ann,
             const char *path)
{
    r->base = p;
    r->pos = 0;
    r->end = p ? n : 0;
    r->err = err;
    r->ann = ann;
    r->depth = 0;
    size_t plen = path ? strnlen(path, sizeof r->path - 1) : 0;
    memcpy(r->path, path ? path : "", plen);
    r->path[plen] = '\0';
}

bool rd_ok(const reader *r)
{
    return !err_is_set(r->err);
}

size_t rd_left(const reader *r)
{
    return rd_ok(r) ? r->end - r->pos : 0;
}

size_t rd_pos(const reader *r)
{
    return r->pos;
}

void rd_fail(reader *r, int alert, const char *field, const char *fmt, ...)
{
    if (!rd_ok(r))
        return;
    char reason[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    const char *dot = r->path[0] && field && field[0] ? "." : "";
    err_set(r->err, alert, "%s%s%s: %s", r->path, dot, field ? field : "", reason);
}

static void rd_annotate(reader *r, const char *name, size_t off, size_t len)
{
    if (r->ann && name)
        annot_add(r->ann, name, off, len, r->depth);
}

/* Takes n bytes or fails naming the field; returns the start or NULL. */
static const uint8_t *rd_take(reader *r, size_t n, const char *name)
{
    if (!rd_ok(r))
        return NULL;
    if (r->end - r->pos < n) {
        rd_fail(r, ALERT_DECODE_ERROR, name, "%zu byte%s needed, %zu left", n, n == 1 ? "" : "s",
                r->end - r->pos);
        return NULL;
    }
    const uint8_t *p = r->base + r->pos;
    rd_annotate(r, name, r->pos, n);
    r->pos += n;
    return p;
}

static uint32_t rd_uint(reader *r, int n, const char *name)
{
    const uint8_t *p = rd_take(r, (size_t)n, name);
    if (!p)
        return 0;
    uint32_t v = 0;
    for (int i = 0; i < n; i++)
        v = (v << 8) | p[i];
    if (r->ann && name)
        annot_set_uint(r->ann, r->ann->n - 1, v, n);
    return v;
}

uint8_t rd_u8(reader *r, const char *name) { return (uint8_t)rd_uint(r, 1, name); }
uint16_t rd_u16(reader *r, const char *name) { return (uint16_t)rd_uint(r, 2, name); }
uint32_t rd_u24(reader *r, const char *name) { return rd_uint(r, 3, name); }
uint32_t rd_u32(reader *r, const char *name) { return rd_uint(r, 4, name); }

const uint8_t *rd_bytes(reader *r, size_t n, const char *name)
{
    const uint8_t *p = rd_take(r, n, name);
    if (p && r->ann && name) {
        annot_set_hex(r->ann, r->ann->n - 1, p, n, 32);
    }
    return p;
}

static void rd_child(reader *r, size_t start, size_t n, const char *name, reader *sub)
{
    *sub = *r;
    sub->pos = start;
    sub->end = start + n;
    sub->depth = r->depth + 1;
    if (name && name[0]) {
        /* Long paths are cut, never overflowed: they only label error messages. */
        size_t used = strlen(r->path);
        if (used && used + 1 < sizeof sub->path)
            sub->path[used++] = '.';
        size_t room = sizeof sub->path - used;
        size_t n_name = strnlen(name, room - 1);
        memcpy(sub->path + used, name, n_name);
        sub->path[used + n_name] = '\0';
    }
}

bool rd_sub(reader *r, size_t n, const char *name, reader *sub)
{
    size_t start = r->pos;
    if (!rd_take(r, n, name)) {
        rd_child(r, r->pos, 0, name, sub);
        return false;
    }
    rd_child(r, start, n, name, sub);
    return true;
}

bool rd_vec(reader *r, int lenbytes, size_t min, size_t max, const char *name, reader *sub)
{
    size_t start = r->pos;
    size_t idx = r->ann ? r->ann->n : 0;
    /* The length prefix is annotated as part of the whole vector. */
    annot_list *saved = r->ann;
    r->ann = NULL;
    uint32_t len = rd_uint(r, lenbytes, name);
    r->ann = saved;
    rd_child(r, r->pos, 0, name, sub);
    if (!rd_ok(r))
        return false;
    if (len < min || len > max) {
        rd_fail(r, ALERT_DECODE_ERROR, name, "length %u outside <%zu..%zu>", len, min, max);
        return false;
    }
    if (r->end - r->pos < len) {
        rd_fail(r, ALERT_DECODE_ERROR, name, "length %u but only %zu bytes left", len,
                r->end - r->pos);
        return false;
    }
    rd_annotate(r, name, start, (size_t)lenbytes + len);
    if (r->ann && name)
        annot_set_bytes(r->ann, idx, len);
    rd_child(r, r->pos, len, name, sub);
    r->pos += len;
    return true;
}

bool rd_close(reader *sub)
{
    if (rd_ok(sub) && sub->pos != sub->end)
        rd_fail(sub, ALERT_DECODE_ERROR, NULL, "%zu unexpected byte%s at the end",
                sub->end - sub->pos, sub->end - sub->pos == 1 ? "" : "s");
    return rd_ok(sub);
}

void rd_describe(reader *r, const char *fmt, ...)
{
    if (!r->ann || r->ann->n == 0 || !rd_ok(r))
        return;
    va_list ap;
    va_start(ap, fmt);
    annot_set_valuev(r->ann, r->ann->n - 1, fmt, ap);
    va_end(ap);
}

void rd_qualify(reader *r, const char *qual)
{
    if (r->ann && r->ann->n)
        annot_set_qual(r->ann, r->ann->n - 1, qual);
}

/* ---- writer ---- */

void wr_init(writer *w, annot_list *ann)
{
    memset(w, 0, sizeof *w);
    w->ann = ann;
    w->last_ann = (size_t)-1;
}

void wr_free(writer *w)
{
    free(w->buf);
    w->buf = NULL;
    w->len = w->cap = 0;
}

uint8_t *wr_take(writer *w, size_t *len)
{
    uint8_t *b = w->buf;
    *len = w->len;
    w->buf = NULL;
    w->len = w->cap = 0;
    return b;
}

uint8_t *wr_reserve(writer *w, size_t n)
{
    if (w->failed)
        return NULL;
    if (w->cap - w->len < n) {
        size_t cap = w->cap ? w->cap : 256;
        while (cap - w->len < n)
            cap *= 2;
        uint8_t *b = realloc(w->buf, cap);
        if (!b) {
            w->failed = true;
            return NULL;
        }
        w->buf = b;
        w->cap = cap;
    }
    uint8_t *p = w->buf + w->len;
    w->len += n;
    return p;
}

static void wr_annotate(writer *w, const char *name, size_t off, size_t len)
{
    if (w->ann && name)
        w->last_ann = annot_add(w->ann, name, off, len, w->depth);
}

static void wr_uint(writer *w, uint32_t v, int n, const char *name)
{
    uint8_t *p = wr_reserve(w, (size_t)n);
    if (!p)
        return;
    for (int i = n - 1; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
    wr_annotate(w, name, w->len - (size_t)n, (size_t)n);
    if (w->ann && name) {
        uint32_t x = 0;
        for (int i = 0; i < n; i++)
            x = (x << 8) | p[i];
        annot_set_uint(w->ann, w->last_ann, x, n);
    }
}

void wr_u8(writer *w, uint8_t v, const char *name) { wr_uint(w, v, 1, name); }
void wr_u16(writer *w, uint16_t v, const char *name) { wr_uint(w, v, 2, name); }
void wr_u24(writer *w, uint32_t v, const char *name) { wr_uint(w, v, 3, name); }
void wr_u32(writer *w, uint32_t v, const char *name) { wr_uint(w, v, 4, name); }

void wr_bytes(writer *w, const uint8_t *src, size_t n, const char *name)
{
    uint8_t *p = wr_reserve(w, n);
    if (!p)
        return;
    if (n)
        memcpy(p, src, n);
    wr_annotate(w, name, w->len - n, n);
    if (w->ann && name) {
        annot_set_hex(w->ann, w->last_ann, src, n, 32);
    }
}

void wr_graft(writer *w, size_t base, const annot_list *src)
{
    for (size_t i = 0; w->ann && src && i < src->n; i++) {
        const annot *a = &src->v[i];
        size_t idx = annot_add(w->ann, a->name, base + a->offset, a->length, w->depth + a->depth);
        if (idx == (size_t)-1) {
            w->failed = true;
            return;
        }
        annot_set_text(w->ann, idx, a->value);
        annot_set_explain(w->ann, idx, a->explain);
        annot_set_qual(w->ann, idx, a->qual);
    }
}

wr_mark wr_open(writer *w, int lenbytes, const char *name)
{
    wr_mark m = {w->len, (size_t)-1, lenbytes};
    uint8_t *p = wr_reserve(w, (size_t)lenbytes);
    if (p)
        memset(p, 0, (size_t)lenbytes);
    if (w->ann && name && p) {
        m.ann_idx = annot_add(w->ann, name, m.start, (size_t)lenbytes, w->depth);
        w->last_ann = m.ann_idx;
    }
    w->depth++;
    return m;
}

void wr_close(writer *w, wr_mark m)
{
    w->depth--;
    if (w->failed)
        return;
    size_t body = w->len - m.start - (size_t)m.lenbytes;
    if (m.lenbytes < 4 && body >> (8 * m.lenbytes)) {
        w->failed = true; /* the block outgrew its length field */
        return;
    }
    for (int i = m.lenbytes - 1, v = 0; i >= 0; i--, v += 8)
        w->buf[m.start + (size_t)i] = (uint8_t)(body >> v);
    if (w->ann && m.ann_idx != (size_t)-1) {
        w->ann->v[m.ann_idx].length = (size_t)m.lenbytes + body;
        annot_set_bytes(w->ann, m.ann_idx, body);
        w->last_ann = m.ann_idx;
    }
}

void wr_describe(writer *w, const char *fmt, ...)
{
    if (!w->ann || w->last_ann == (size_t)-1)
        return;
    va_list ap;
    va_start(ap, fmt);
    annot_set_valuev(w->ann, w->last_ann, fmt, ap);
    va_end(ap);
}

void wr_qualify(writer *w, const char *qual)
{
    if (w->ann)
        annot_set_qual(w->ann, w->last_ann, qual);
}
