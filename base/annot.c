#include "base/annot.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"

/* A parse annotates hundreds of fields; their strings live in a few shared blocks
 * instead of two heap allocations each. A replaced string stays in its block. The
 * first block is small and each next one twice the last, up to TEXT_BLOCK: a trace
 * keeps a list per message, and most messages (Finished, ServerHelloDone) need
 * little room. */
struct annot_text {
    struct annot_text *next;
    size_t used, cap;
    char bytes[];
};

enum { TEXT_FIRST = 256, TEXT_BLOCK = 4096 };

void annot_list_init(annot_list *l)
{
    l->v = NULL;
    l->n = l->cap = 0;
    l->text = NULL;
}

void annot_list_free(annot_list *l)
{
    for (struct annot_text *t = l->text, *next; t; t = next) {
        next = t->next;
        free(t);
    }
    free(l->v);
    annot_list_init(l);
}

static char *text_copy(annot_list *l, const char *s, size_t len)
{
    struct annot_text *t = l->text;
    if (!t || t->cap - t->used < len + 1) {
        size_t grow = !t ? TEXT_FIRST : t->cap < TEXT_BLOCK ? 2 * t->cap : TEXT_BLOCK;
        size_t cap = len + 1 > grow ? len + 1 : grow;
        t = malloc(sizeof *t + cap);
        if (!t)
            return NULL;
        t->used = 0;
        t->cap = cap;
        /* A block made for one long string goes behind the current one, which
         * still has room for the short strings that follow. */
        if (l->text && cap > grow) {
            t->next = l->text->next;
            l->text->next = t;
        } else {
            t->next = l->text;
            l->text = t;
        }
    }
    char *d = t->bytes + t->used;
    memcpy(d, s, len);
    d[len] = '\0';
    t->used += len + 1;
    return d;
}

size_t annot_add(annot_list *l, const char *name, size_t offset, size_t length, int depth)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        annot *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return (size_t)-1;
        l->v = v;
        l->cap = cap;
    }
    name = name ? name : "";
    annot *a = &l->v[l->n];
    a->name = text_copy(l, name, strlen(name));
    if (!a->name)
        return (size_t)-1;
    a->value = NULL;
    a->explain = NULL;
    a->qual = NULL;
    a->offset = offset;
    a->length = length;
    a->depth = depth;
    return l->n++;
}

void annot_set_text(annot_list *l, size_t idx, const char *value)
{
    if (l && idx < l->n)
        l->v[idx].value = value ? text_copy(l, value, strlen(value)) : NULL;
}

void annot_set_name(annot_list *l, size_t idx, const char *name)
{
    char *s = l && idx < l->n ? text_copy(l, name ? name : "", strlen(name ? name : "")) : NULL;
    if (s)
        l->v[idx].name = s;
}

void annot_set_valuev(annot_list *l, size_t idx, const char *fmt, va_list ap)
{
    if (!l || idx >= l->n)
        return;
    if (strcmp(fmt, "%s") == 0) { /* most values: no formatting to do */
        annot_set_text(l, idx, va_arg(ap, const char *));
        return;
    }
    char buf[256];
    va_list again;
    va_copy(again, ap);
    int n = fmt_v(buf, sizeof buf, fmt, ap);
    if (n < 0) {
        l->v[idx].value = NULL;
    } else if ((size_t)n < sizeof buf) {
        l->v[idx].value = text_copy(l, buf, (size_t)n);
    } else {
        char *big = malloc((size_t)n + 1);
        if (big)
            fmt_v(big, (size_t)n + 1, fmt, again);
        l->v[idx].value = big ? text_copy(l, big, (size_t)n) : NULL;
        free(big);
    }
    va_end(again);
}

void annot_set_value(annot_list *l, size_t idx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    annot_set_valuev(l, idx, fmt, ap);
    va_end(ap);
}

void annot_set_explain(annot_list *l, size_t idx, const char *explain)
{
    if (l && idx < l->n)
        l->v[idx].explain = explain;
}

void annot_set_qual(annot_list *l, size_t idx, const char *qual)
{
    if (l && idx < l->n)
        l->v[idx].qual = qual;
}

void annot_shift(annot_list *l, size_t from_idx, size_t delta)
{
    for (size_t i = from_idx; l && i < l->n; i++)
        l->v[i].offset += delta;
}

size_t annot_dec(char *out, unsigned long long v)
{
    char rev[20];
    size_t n = 0;
    do {
        rev[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    out[n] = '\0';
    return n;
}

void annot_set_uint(annot_list *l, size_t idx, unsigned long v, int nbytes)
{
    static const char digits[] = "0123456789abcdef";
    char buf[64];
    size_t n = annot_dec(buf, v);
    memcpy(buf + n, " (0x", 4);
    n += 4;
    for (int i = 2 * nbytes - 1; i >= 0 && n < sizeof buf - 2; i--)
        buf[n++] = digits[(v >> (4 * i)) & 15];
    buf[n++] = ')';
    buf[n] = '\0';
    annot_set_text(l, idx, buf);
}

void annot_set_bytes(annot_list *l, size_t idx, size_t count)
{
    char buf[32];
    size_t n = annot_dec(buf, count);
    memcpy(buf + n, count == 1 ? " byte" : " bytes", count == 1 ? 6 : 7);
    annot_set_text(l, idx, buf);
}

static void hex_into(char *s, const unsigned char *p, size_t n, size_t shown)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < shown; i++) {
        s[2 * i] = digits[p[i] >> 4];
        s[2 * i + 1] = digits[p[i] & 15];
    }
    memcpy(s + 2 * shown, shown < n ? "..." : "", shown < n ? 4 : 1);
}

static size_t hex_shown(size_t n, size_t max_bytes)
{
    return (max_bytes && n > max_bytes) ? max_bytes : n;
}

char *annot_hex(const unsigned char *p, size_t n, size_t max_bytes)
{
    size_t shown = hex_shown(n, max_bytes);
    char *s = malloc(shown * 2 + 4);
    if (s)
        hex_into(s, p, n, shown);
    return s;
}

void annot_set_hex(annot_list *l, size_t idx, const unsigned char *p, size_t n, size_t max_bytes)
{
    size_t shown = hex_shown(n, max_bytes);
    char buf[2 * 64 + 4];
    if (shown > 64) {
        char *s = annot_hex(p, n, max_bytes);
        annot_set_text(l, idx, s);
        free(s);
        return;
    }
    hex_into(buf, p, n, shown);
    annot_set_text(l, idx, buf);
}
