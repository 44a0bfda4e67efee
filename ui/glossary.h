/* The glossary: the words of TLS a student meets in tlssim, each in plain words with
 * the RFC sections that define it. One table (ui/glossary.c) for `tlssim glossary`
 * and the TUI's g key. */
#ifndef TLSSIM_GLOSSARY_H
#define TLSSIM_GLOSSARY_H

#include <stddef.h>

typedef struct glossary_term {
    const char *term;    /* "master secret" */
    const char *aliases; /* other spellings, '|'-separated ("master_secret|ms"), or NULL */
    const char *text;    /* what it is, in plain words */
    const char *rfc;     /* where it is defined: "RFC 5246 8.1" (several: "; ") */
} glossary_term;

size_t glossary_count(void);
const glossary_term *glossary_at(size_t i);
/* The term of that name or alias (case, '_', '-' and spaces do not matter), or NULL. */
const glossary_term *glossary_find(const char *name);
/* The first term named in text as a whole word (its name or an alias), the longest
 * name first where several start at the same place; or NULL. */
const glossary_term *glossary_in_text(const char *text);
/* Up to max terms whose names are close to name (a typo, a part of it), best first;
 * returns how many. */
size_t glossary_close(const char *name, const glossary_term **out, size_t max);

#endif
