/* References (lessons/README.md, References): an event by its id, the side that did
 * it and which occurrence; in it a field by its path or a computation's named value.
 * An error says what is missing and what exists instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/lesson.h"
#include "ui/lesson_ref.h"

enum { REF_MAX = 512, PATH_LEN = 256, LIST_MAX = 400 };

bool lesson_side(const char *s, size_t n, actor_id *out)
{
    static const actor_id sides[] = {ACTOR_CLIENT, ACTOR_SERVER, ACTOR_ATTACKER};
    for (size_t i = 0; i < 3; i++) {
        const char *name = actor_name(sides[i]);
        if (strlen(name) == n && strncmp(s, name, n) == 0) {
            *out = sides[i];
            return true;
        }
    }
    return false;
}

bool lesson_event_matches(const trace_event *e, const char *id, int side, bool family)
{
    if (side >= 0 && (int)e->actor != side)
        return false;
    const char *eid = e->id ? e->id : "";
    if (strcmp(eid, id) == 0)
        return true;
    size_t n = strlen(id);
    return family && strncmp(eid, id, n) == 0 && eid[n] == '.';
}

/* Appends s to a list "a, b, c" unless it is there already; "..." once full. */
static void list_add(char *list, size_t n, const char *s)
{
    size_t used = strlen(list);
    if (used >= 3 && strcmp(list + used - 3, "...") == 0)
        return; /* full already */
    const char *p = list;
    size_t sl = strlen(s);
    while ((p = strstr(p, s)) != NULL) {
        bool starts = p == list || (p >= list + 2 && p[-2] == ',' && p[-1] == ' ');
        if (starts && (p[sl] == 0 || p[sl] == ','))
            return;
        p += sl;
    }
    if (used + sl + 8 >= n) {
        if (used + 5 < n)
            snprintf(list + used, n - used, ", ...");
        return;
    }
    snprintf(list + used, n - used, "%s%s", used ? ", " : "", s);
}

/* The ids in the run; those in the same family as want ("record." for
 * "record.Finishd") when there are such. */
static void event_ids(const trace *t, const char *want, char *list, size_t n)
{
    list[0] = 0;
    const char *dot = strchr(want, '.');
    size_t fl = dot ? (size_t)(dot - want) + 1 : 0;
    for (int pass = fl ? 0 : 1; pass < 2 && !list[0]; pass++)
        for (size_t i = 0; i < t->n; i++)
            if (t->ev[i].id && *t->ev[i].id && (pass || strncmp(t->ev[i].id, want, fl) == 0))
                list_add(list, n, t->ev[i].id);
}

/* The n-th (from 1) event with this id done by side (-1: either). */
static long find_event(const trace *t, const char *id, int side, unsigned nth)
{
    unsigned seen = 0;
    for (size_t i = 0; i < t->n; i++)
        if (lesson_event_matches(&t->ev[i], id, side, false) && ++seen == nth)
            return (long)i;
    return -1;
}

static unsigned count_events(const trace *t, const char *id, int side)
{
    unsigned c = 0;
    for (size_t i = 0; i < t->n; i++)
        c += lesson_event_matches(&t->ev[i], id, side, false);
    return c;
}

/* "a[0].b[0].c" -> "a.b.c": a segment without [N] means its first. */
static void strip_zero(const char *in, char *out, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; in[i] && o + 1 < n; i++) {
        if (strncmp(in + i, "[0]", 3) == 0) {
            i += 2;
            continue;
        }
        out[o++] = in[i];
    }
    out[o] = 0;
}

static bool fields_of(const trace_event *e, char **paths)
{
    *paths = NULL;
    if (!e->fields.n)
        return true;
    *paths = malloc(e->fields.n * PATH_LEN);
    return *paths && trace_field_paths(e, *paths, PATH_LEN);
}

/* The names one level below `parent` (a path, or the id for the top), for an error. */
static void children(const trace_event *e, const char *paths, const char *parent, char *list,
                     size_t n)
{
    list[0] = 0;
    size_t pl = strlen(parent);
    for (size_t i = 0; i < e->fields.n; i++) {
        const char *p = paths + i * PATH_LEN;
        if (strncmp(p, parent, pl) != 0 || p[pl] != '.' || strchr(p + pl + 1, '.'))
            continue;
        list_add(list, n, p + pl + 1);
    }
}

static bool resolve_in_event(const trace *t, size_t ev, const char *rest, lesson_target *out,
                             char *err, size_t n)
{
    const trace_event *e = &t->ev[ev];
    out->event = ev;
    out->field = -1;
    out->blob = NULL;
    if (!*rest)
        return true;
    /* A computation's or check's named value: "master_secret.master_secret", or one
     * of its steps (the PRF opened): "master_secret.A1". */
    for (int pass = 0; pass < 3; pass++) {
        const trace_blob *v = pass == 0 ? e->outputs : pass == 1 ? e->inputs : e->steps;
        size_t nv = pass == 0 ? e->n_outputs : pass == 1 ? e->n_inputs : e->n_steps;
        for (size_t i = 0; i < nv; i++) {
            char safe[96];
            trace_path_name(v[i].name, safe, sizeof safe);
            if (strcmp(safe, rest) == 0) {
                out->blob = &v[i];
                return true;
            }
        }
    }
    char *paths;
    if (!fields_of(e, &paths)) {
        free(paths);
        snprintf(err, n, "out of memory");
        return false;
    }
    char want[REF_MAX + 8], have[PATH_LEN], full[REF_MAX + 80];
    snprintf(full, sizeof full, "%s.%s", e->id, rest);
    strip_zero(full, want, sizeof want);
    for (size_t i = 0; i < e->fields.n; i++) {
        strip_zero(paths + i * PATH_LEN, have, sizeof have);
        if (strcmp(have, want) == 0) {
            out->field = (long)i;
            free(paths);
            return true;
        }
    }
    /* Not there: name what is, below the deepest part of the path that matched. */
    char parent[REF_MAX + 80];
    snprintf(parent, sizeof parent, "%s", e->id);
    for (size_t i = 0; i < e->fields.n; i++) {
        const char *p = paths + i * PATH_LEN;
        size_t pl = strlen(p);
        char canon[PATH_LEN];
        strip_zero(p, canon, sizeof canon);
        size_t cl = strlen(canon);
        if (cl > strlen(parent) && strncmp(want, canon, cl) == 0 && want[cl] == '.' &&
            pl < sizeof parent)
            snprintf(parent, sizeof parent, "%s", p);
    }
    char list[LIST_MAX];
    children(e, paths ? paths : "", parent, list, sizeof list);
    char values[LIST_MAX] = "";
    for (size_t i = 0; i < e->n_outputs; i++)
        list_add(values, sizeof values, e->outputs[i].name);
    for (size_t i = 0; i < e->n_inputs; i++)
        list_add(values, sizeof values, e->inputs[i].name);
    for (size_t i = 0; i < e->n_steps; i++)
        list_add(values, sizeof values, e->steps[i].name);
    free(paths);
    if (!e->fields.n && !e->n_outputs && !e->n_inputs && !e->n_steps)
        snprintf(err, n, "no field '%s': %s has no fields or values", full, e->id);
    else if (!e->fields.n)
        snprintf(err, n, "no value '%s' (values of %s: %s)", full, e->id, values);
    else
        snprintf(err, n, "no field '%s' (fields of %s: %s%s%s)", full, parent, list,
                 *values ? "; values: " : "", values);
    return false;
}

static bool special(const trace *t, const char *name, long *ev, char *err, size_t n)
{
    *ev = -1;
    if (strcmp(name, "first_failed_check") == 0) {
        for (size_t i = 0; i < t->n && *ev < 0; i++)
            if (t->ev[i].kind == EV_VERIFY && !t->ev[i].ok)
                *ev = (long)i;
        if (*ev < 0)
            snprintf(err, n, "first_failed_check: every check in this run passed");
        return true;
    }
    if (strcmp(name, "first_alert") == 0) {
        for (size_t i = 0; i < t->n && *ev < 0; i++)
            if (lesson_event_matches(&t->ev[i], "Alert", -1, false))
                *ev = (long)i;
        if (*ev < 0)
            snprintf(err, n, "first_alert: no alert was sent in this run");
        return true;
    }
    return false;
}

bool lesson_ref_parse(const char *ref, lesson_ref *r, char *err, size_t n)
{
    memset(r, 0, sizeof *r);
    r->side = -1;
    r->nth = 1;
    while (*ref == ' ')
        ref++;
    size_t len = strlen(ref);
    while (len && ref[len - 1] == ' ')
        len--;
    if (len == 0 || len >= sizeof r->sel) {
        snprintf(err, n, len ? "reference too long" : "an empty reference");
        return false;
    }
    const char *colon = memchr(ref, ':', len);
    if (colon) {
        actor_id a;
        if (!lesson_side(ref, (size_t)(colon - ref), &a)) {
            snprintf(err, n, "'%.*s:' is not a side (client, server or attacker)",
                     (int)(colon - ref), ref);
            return false;
        }
        r->side = (int)a;
        len -= (size_t)(colon + 1 - ref);
        ref = colon + 1;
    }
    memcpy(r->sel, ref, len);
    r->sel[len] = 0;
    for (const char *c = r->sel; *c; c++)
        if (*c == ' ' || *c == ',' || *c == '(' || *c == ')' || *c == ':') {
            snprintf(err, n, "'%s': a reference has no '%c' in it", r->sel, *c);
            return false;
        }
    char *hash = strchr(r->sel, '#');
    if (hash) {
        char *end;
        unsigned long k = strtoul(hash + 1, &end, 10);
        if (end == hash + 1 || k == 0 || k > 100000 || (*end && *end != '.')) {
            snprintf(err, n, "'%s': after '#' comes the occurrence, 1 or more", r->sel);
            return false;
        }
        r->nth = (unsigned)k;
        r->explicit_nth = true;
        snprintf(r->rest, sizeof r->rest, "%s", *end ? end + 1 : "");
        *hash = 0;
    }
    return true;
}

bool lesson_resolve(const trace *t, const char *ref, lesson_target *out, char *err, size_t n)
{
    lesson_ref r;
    if (!lesson_ref_parse(ref, &r, err, n))
        return false;
    long ev = -1;
    char name[sizeof r.sel];
    snprintf(name, sizeof name, "%s", r.sel);
    char *dot = strchr(name, '.');
    if (dot)
        *dot = 0;
    if (special(t, name, &ev, err, n)) {
        if (ev < 0)
            return false;
        if (r.explicit_nth) {
            snprintf(err, n, "'%s' names one event: no '#'", name);
            return false;
        }
        return resolve_in_event(t, (size_t)ev, dot ? r.sel + (dot - name) + 1 : "", out, err,
                                n);
    }
    if (r.explicit_nth) { /* "check.chain.validity#2.x": the id ends at the '#' */
        ev = find_event(t, r.sel, r.side, r.nth);
        if (ev < 0)
            goto missing;
        return resolve_in_event(t, (size_t)ev, r.rest, out, err, n);
    }
    /* The longest start of the reference that is an event's id; the rest is a path. */
    for (size_t k = strlen(r.sel); k > 0; k--) {
        if (r.sel[k] != 0 && r.sel[k] != '.')
            continue;
        char id[sizeof r.sel];
        memcpy(id, r.sel, k);
        id[k] = 0;
        if (count_events(t, id, -1) == 0)
            continue;
        char rest[sizeof r.sel];
        snprintf(rest, sizeof rest, "%s", r.sel[k] ? r.sel + k + 1 : "");
        snprintf(r.sel, sizeof r.sel, "%s", id);
        ev = find_event(t, id, r.side, 1);
        if (ev < 0)
            goto missing;
        return resolve_in_event(t, (size_t)ev, rest, out, err, n);
    }
missing:;
    /* Where the reference starts with an id the engine knows but this run lacks
     * ("record.Finished.fragment..." in a run that ended before Finished), name it. */
    for (size_t k = strlen(r.sel); k > 0; k--) {
        if (r.sel[k] != 0 && r.sel[k] != '.')
            continue;
        char id[sizeof r.sel];
        memcpy(id, r.sel, k);
        id[k] = 0;
        bool known = strncmp(id, "record.", 7) == 0 ? trace_id_explain(id + 7) != NULL
                                                    : trace_id_explain(id) != NULL;
        if (known && count_events(t, id, -1) == 0) {
            snprintf(r.sel, sizeof r.sel, "%s", id);
            break;
        }
    }
    char ids[LIST_MAX];
    event_ids(t, r.sel, ids, sizeof ids);
    unsigned have = count_events(t, r.sel, r.side);
    if (r.side >= 0 && count_events(t, r.sel, -1) > 0 && have == 0)
        snprintf(err, n, "no event '%s' by the %s in this run (it has one by the other side)",
                 r.sel, actor_name((actor_id)r.side));
    else if (have > 0)
        snprintf(err, n, "'%s#%u': this run has only %u such event%s", r.sel, r.nth, have,
                 have == 1 ? "" : "s");
    else
        snprintf(err, n, "no event '%s' in this run (ids: %s)", r.sel, ids);
    return false;
}
