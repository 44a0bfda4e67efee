/* Field annotations: what a parser or builder read or wrote, and where.
 * The hex view highlights a field from the very annotation its parser recorded. */
#ifndef TLSSIM_ANNOT_H
#define TLSSIM_ANNOT_H

#include <stdarg.h>
#include <stddef.h>

typedef struct annot {
    char *name;          /* field name, e.g. "cipher_suite" */
    char *value;         /* decoded value as shown to a student */
    const char *explain; /* one plain-language line from a data table, or NULL */
    const char *qual;    /* the situation its explanation depends on ("empty"), or NULL */
    size_t offset;       /* from the start of the buffer that was parsed or built */
    size_t length;
    int depth;           /* nesting level: 0 for top-level fields */
} annot;

struct annot_text; /* the names and values, in blocks freed together */

typedef struct annot_list {
    annot *v;
    size_t n, cap;
    struct annot_text *text;
} annot_list;

void annot_list_init(annot_list *l);
void annot_list_free(annot_list *l);
/* Appends a field; returns its index, or (size_t)-1 when out of memory. */
size_t annot_add(annot_list *l, const char *name, size_t offset, size_t length, int depth);
void annot_set_value(annot_list *l, size_t idx, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void annot_set_valuev(annot_list *l, size_t idx, const char *fmt, va_list ap);
void annot_set_text(annot_list *l, size_t idx, const char *value); /* copied */
void annot_set_name(annot_list *l, size_t idx, const char *name);  /* copied */
void annot_set_explain(annot_list *l, size_t idx, const char *explain);
/* qual: a static string naming a situation (sim/field_explain.c keys lines by it). */
void annot_set_qual(annot_list *l, size_t idx, const char *qual);
/* Moves every annotation from idx on by delta bytes (a DER length grew after its body). */
void annot_shift(annot_list *l, size_t from_idx, size_t delta);
/* Formats bytes as lower-case hex, shortened with "..." past max_bytes (0: no limit). */
char *annot_hex(const unsigned char *p, size_t n, size_t max_bytes);
/* Writes v in decimal with a terminating NUL (out holds 21 bytes); returns its length.
 * The hot paths of parsing and building format numbers with this, not printf. */
size_t annot_dec(char *out, unsigned long long v);
/* "v (0x..)" with 2 * nbytes hex digits: how integers on the wire are shown. */
void annot_set_uint(annot_list *l, size_t idx, unsigned long v, int nbytes);
/* "n byte" or "n bytes". */
void annot_set_bytes(annot_list *l, size_t idx, size_t n);
/* Sets a field's value to annot_hex's text. */
void annot_set_hex(annot_list *l, size_t idx, const unsigned char *p, size_t n, size_t max_bytes);

#endif
