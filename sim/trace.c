#include "sim/trace.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sim/fmt.h"

void trace_init(trace *t)
{
    memset(t, 0, sizeof *t);
    t->result.outcome = OUTCOME_NONE;
    t->result.alert = -1;
}

static void blobs_free(trace_blob *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(b[i].name);
        free(b[i].data);
    }
    free(b);
}

static void event_free(trace_event *e)
{
    free(e->title);
    free(e->explain);
    free(e->bytes);
    annot_list_free(&e->fields);
    blobs_free(e->inputs, e->n_inputs);
    blobs_free(e->outputs, e->n_outputs);
    free(e->formula);
    free(e->reason);
}

void trace_free(trace *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        event_free(&t->ev[i]);
    free(t->ev);
    for (size_t i = 0; i < t->n_wire; i++)
        free(t->wire[i].bytes);
    free(t->wire);
    trace_init(t);
}

/* strdup that keeps NULL as NULL; *failed is set when a non-NULL copy fails. */
static char *dup_or_null(const char *s, bool *failed)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *failed = true;
    return d;
}

/* malloc(0) may return NULL, so an empty byte string still gets one byte. */
static uint8_t *dup_bytes(const uint8_t *p, size_t n)
{
    uint8_t *d = malloc(n ? n : 1);
    if (d && n)
        memcpy(d, p, n);
    return d;
}

trace_event *trace_add(trace *t, actor_id actor, ev_kind kind, const char *title,
                       const char *explain, const uint8_t *bytes, size_t len)
{
    if (!t)
        return NULL;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        if (cap > SIZE_MAX / sizeof *t->ev)
            return NULL;
        trace_event *ev = realloc(t->ev, cap * sizeof *ev);
        if (!ev)
            return NULL;
        t->ev = ev;
        t->cap = cap;
    }
    trace_event *e = &t->ev[t->n];
    memset(e, 0, sizeof *e);
    annot_list_init(&e->fields);
    e->seq = t->n;
    e->actor = actor;
    e->kind = kind;
    e->alert = -1;
    bool failed = false;
    e->title = dup_or_null(title ? title : "", &failed);
    e->explain = dup_or_null(explain, &failed);
    if (bytes) {
        e->bytes = dup_bytes(bytes, len);
        e->len = len;
        failed |= e->bytes == NULL;
    }
    if (failed) {
        event_free(e);
        return NULL;
    }
    t->n++;
    return e;
}

static bool blob_append(trace_blob **v, size_t *n, const char *name, const uint8_t *data,
                        size_t len, const char *explain)
{
    /* Grow one at a time: events carry a handful of blobs, never many. */
    trace_blob *nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv)
        return false;
    *v = nv;
    trace_blob *b = &nv[*n];
    b->name = strdup(name ? name : "");
    b->data = dup_bytes(data, data ? len : 0);
    b->len = data ? len : 0;
    b->explain = explain;
    if (!b->name || !b->data) {
        free(b->name);
        free(b->data);
        return false;
    }
    (*n)++;
    return true;
}

bool trace_add_input(trace_event *e, const char *name, const uint8_t *data, size_t len,
                     const char *explain)
{
    return e && blob_append(&e->inputs, &e->n_inputs, name, data, len, explain);
}

bool trace_add_output(trace_event *e, const char *name, const uint8_t *data, size_t len,
                      const char *explain)
{
    return e && blob_append(&e->outputs, &e->n_outputs, name, data, len, explain);
}

void trace_take_fields(trace_event *e, annot_list *src)
{
    if (!e || !src)
        return;
    annot_list_free(&e->fields);
    e->fields = *src;
    annot_list_init(src);
}

/* Formats into *dst, replacing its old value; on failure *dst becomes NULL. */
static void set_formatted(char **dst, const char *fmt, va_list ap)
{
    char *s = NULL;
    if (strcmp(fmt, "%s") == 0) { /* text formatted by the caller: no second pass */
        s = strdup(va_arg(ap, const char *));
    } else {
        va_list again;
        va_copy(again, ap);
        int n = fmt_v(NULL, 0, fmt, ap);
        if (n >= 0 && (s = malloc((size_t)n + 1)) != NULL)
            fmt_v(s, (size_t)n + 1, fmt, again);
        va_end(again);
    }
    free(*dst);
    *dst = s;
}

void trace_set_formula(trace_event *e, const char *fmt, ...)
{
    if (!e)
        return;
    va_list ap;
    va_start(ap, fmt);
    set_formatted(&e->formula, fmt, ap);
    va_end(ap);
}

void trace_set_verdict(trace_event *e, bool ok, int alert, const char *fmt, ...)
{
    if (!e)
        return;
    e->ok = ok;
    e->alert = alert;
    va_list ap;
    va_start(ap, fmt);
    set_formatted(&e->reason, fmt, ap);
    va_end(ap);
}

void trace_set_alert(trace_event *e, int alert, const char *fmt, ...)
{
    if (!e)
        return;
    e->alert = alert;
    va_list ap;
    va_start(ap, fmt);
    set_formatted(&e->reason, fmt, ap);
    va_end(ap);
}

const char *actor_name(actor_id a)
{
    switch (a) {
    case ACTOR_CLIENT:
        return "client";
    case ACTOR_SERVER:
        return "server";
    case ACTOR_ATTACKER:
        return "attacker";
    }
    return "unknown";
}

const char *ev_kind_name(ev_kind k)
{
    switch (k) {
    case EV_MESSAGE:
        return "message";
    case EV_RECORD:
        return "record";
    case EV_COMPUTE:
        return "compute";
    case EV_VERIFY:
        return "verify";
    case EV_ALERT:
        return "alert";
    case EV_NOTE:
        return "note";
    }
    return "unknown";
}

static const trace_blob *blob_named(const trace_blob *v, size_t n, const char *name)
{
    for (size_t i = n; i-- > 0;) /* the latest of a name recorded twice */
        if (strcmp(v[i].name, name) == 0)
            return &v[i];
    return NULL;
}

const trace_blob *trace_event_input(const trace_event *e, const char *name)
{
    return e && name ? blob_named(e->inputs, e->n_inputs, name) : NULL;
}

const trace_blob *trace_event_output(const trace_event *e, const char *name)
{
    return e && name ? blob_named(e->outputs, e->n_outputs, name) : NULL;
}

const trace_blob *trace_find_output(const trace *t, const char *name)
{
    for (size_t i = t ? t->n : 0; i-- > 0;) {
        const trace_blob *b = trace_event_output(&t->ev[i], name);
        if (b)
            return b;
    }
    return NULL;
}

bool trace_add_segment(trace *t, actor_id from, actor_id to, const uint8_t *bytes, size_t len)
{
    if (len == 0)
        return true;
    if (t->n_wire == t->cap_wire) {
        size_t cap = t->cap_wire ? t->cap_wire * 2 : 16;
        trace_segment *v = realloc(t->wire, cap * sizeof *v);
        if (!v)
            return false;
        t->wire = v;
        t->cap_wire = cap;
    }
    uint8_t *copy = dup_bytes(bytes, len);
    if (!copy)
        return false;
    t->wire[t->n_wire++] = (trace_segment){from, to, t->n, copy, len};
    return true;
}
