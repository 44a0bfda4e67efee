#include "sim/annot.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void annot_list_init(annot_list *l)
{
    l->v = NULL;
    l->n = l->cap = 0;
}

void annot_list_free(annot_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].name);
        free(l->v[i].value);
    }
    free(l->v);
    annot_list_init(l);
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
    annot *a = &l->v[l->n];
    a->name = strdup(name ? name : "");
    a->value = NULL;
    a->explain = NULL;
    a->offset = offset;
    a->length = length;
    a->depth = depth;
    return l->n++;
}

void annot_set_valuev(annot_list *l, size_t idx, const char *fmt, va_list ap)
{
    if (!l || idx >= l->n)
        return;
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    free(l->v[idx].value);
    l->v[idx].value = s;
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

void annot_shift(annot_list *l, size_t from_idx, size_t delta)
{
    for (size_t i = from_idx; l && i < l->n; i++)
        l->v[i].offset += delta;
}

char *annot_hex(const unsigned char *p, size_t n, size_t max_bytes)
{
    size_t shown = (max_bytes && n > max_bytes) ? max_bytes : n;
    char *s = malloc(shown * 2 + 4);
    if (!s)
        return NULL;
    for (size_t i = 0; i < shown; i++)
        snprintf(s + 2 * i, 3, "%02x", p[i]);
    memcpy(s + 2 * shown, shown < n ? "..." : "", shown < n ? 4 : 1);
    return s;
}
