/* The parts of a lesson reference, shared by the resolver and the expressions. */
#ifndef TLSSIM_LESSON_REF_H
#define TLSSIM_LESSON_REF_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/trace.h"

typedef struct lesson_ref {
    int side;          /* actor_id, or -1: either side */
    char sel[512];     /* the id, with the path after it unless '#' split them */
    char rest[512];    /* after "#N.": the path */
    unsigned nth;      /* which occurrence, from 1 */
    bool explicit_nth; /* '#N' was written */
} lesson_ref;

/* Splits "[SIDE:]SEL[#N][.PATH]"; false with the reason in err. */
bool lesson_ref_parse(const char *ref, lesson_ref *r, char *err, size_t n);
/* "client", "server", "attacker" (n characters of s). */
bool lesson_side(const char *s, size_t n, actor_id *out);
/* e has this id (or, with family, an id under it: "check" fits "check.finished"),
 * and was done by side (-1: either). */
bool lesson_event_matches(const trace_event *e, const char *id, int side, bool family);

#endif
