#include "sim/trace.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"
#include "sim/field_explain.h"

/* A handshake records about 70 events and 50 named byte strings: their titles,
 * texts and copies were some 300 small allocations, each freed on its own. They are
 * carved from large blocks instead, and trace_free releases the blocks. */
struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    unsigned char bytes[];
};

struct trace_arena {
    struct arena_block *head; /* the block being filled */
};

enum { ARENA_BLOCK = 16384 };

static void *arena_alloc(struct trace_arena *a, size_t n)
{
    if (!a)
        return NULL;
    n = (n + 7) & ~(size_t)7; /* keeps every piece aligned for any use */
    struct arena_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->cap = cap;
        /* A block made for one large piece goes behind the current one, which still
         * has room for the small pieces that follow. */
        if (a->head && cap != ARENA_BLOCK) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = b->bytes + b->used;
    b->used += n;
    return p;
}

static void arena_free(struct trace_arena *a)
{
    for (struct arena_block *b = a ? a->head : NULL, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

static char *arena_strdup(struct trace_arena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = arena_alloc(a, n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* Bytes copied; an empty string still gets a non-NULL pointer. */
static uint8_t *arena_bytes(struct trace_arena *a, const uint8_t *p, size_t n)
{
    uint8_t *d = arena_alloc(a, n ? n : 1);
    if (d && n)
        memcpy(d, p, n);
    return d;
}

void trace_init(trace *t)
{
    memset(t, 0, sizeof *t);
    t->result.outcome = OUTCOME_NONE;
    t->result.alert = -1;
}

void trace_free(trace *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        annot_list_free(&t->ev[i].fields);
    free(t->ev);
    free(t->wire);
    arena_free(t->arena);
    trace_init(t);
}

trace_event *trace_add(trace *t, actor_id actor, ev_kind kind, const char *title,
                       const char *explain, const uint8_t *bytes, size_t len)
{
    if (!t)
        return NULL;
    if (!t->arena && !(t->arena = calloc(1, sizeof *t->arena)))
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
    e->conn = t->conn;
    e->actor = actor;
    e->kind = kind;
    e->alert = -1;
    e->arena = t->arena;
    e->title = arena_strdup(t->arena, title ? title : "");
    bool failed = !e->title;
    e->id = trace_id_for(kind, e->title ? e->title : "");
    if (kind == EV_RECORD && e->title && strncmp(e->title, "record: ", 8) == 0) {
        const char *payload = trace_id_of_payload(e->title + 8);
        size_t pl = payload ? strlen(payload) : 0;
        char *id = payload ? arena_alloc(t->arena, 8 + pl) : NULL;
        if (id) { /* "record.ClientHello" */
            memcpy(id, "record.", 7);
            memcpy(id + 7, payload, pl + 1);
        }
        e->id = id;
        failed |= payload && !id;
    }
    if (!e->id)
        e->id = "";
    if (explain)
        failed |= !(e->explain = arena_strdup(t->arena, explain));
    if (bytes) {
        e->bytes = arena_bytes(t->arena, bytes, len);
        e->len = len;
        failed |= e->bytes == NULL;
    }
    if (failed) /* what was carved stays in the arena until trace_free */
        return NULL;
    t->n++;
    return e;
}

static bool blob_append(struct trace_arena *a, trace_blob **v, size_t *n, const char *name,
                        const uint8_t *data, size_t len, const char *explain)
{
    /* Room for 4, 8, 16 ... blobs: the array moves when n reaches one of those. */
    if (*n == 0 || (*n >= 4 && (*n & (*n - 1)) == 0)) {
        trace_blob *nv = arena_alloc(a, (*n ? 2 * *n : 4) * sizeof *nv);
        if (!nv)
            return false;
        if (*n)
            memcpy(nv, *v, *n * sizeof *nv);
        *v = nv;
    }
    trace_blob *b = &(*v)[*n];
    b->name = arena_strdup(a, name ? name : "");
    b->data = arena_bytes(a, data, data ? len : 0);
    b->len = data ? len : 0;
    /* Copied: an attacker's recovered text is made on the stack (sim/plain_text.h). */
    b->explain = explain ? arena_strdup(a, explain) : NULL;
    if (!b->name || !b->data || (explain && !b->explain))
        return false;
    (*n)++;
    return true;
}

bool trace_add_input(trace_event *e, const char *name, const uint8_t *data, size_t len,
                     const char *explain)
{
    return e && blob_append(e->arena, &e->inputs, &e->n_inputs, name, data, len, explain);
}

bool trace_add_output(trace_event *e, const char *name, const uint8_t *data, size_t len,
                      const char *explain)
{
    return e && blob_append(e->arena, &e->outputs, &e->n_outputs, name, data, len, explain);
}

bool trace_add_text(trace_event *e, const char *name, const char *text, const char *explain)
{
    if (!e || !text)
        return false;
    size_t n = strlen(text);
    if (!blob_append(e->arena, &e->texts, &e->n_texts, name, (const uint8_t *)text, n + 1,
                     explain))
        return false;
    e->texts[e->n_texts - 1].len = n; /* the NUL is kept, not counted */
    return true;
}

bool trace_add_step(trace_event *e, const char *name, const uint8_t *data, size_t len,
                    const char *explain)
{
    const char *copy = e && explain ? arena_strdup(e->arena, explain) : NULL;
    return e && (copy || !explain) &&
           blob_append(e->arena, &e->steps, &e->n_steps, name, data, len, copy);
}

void trace_take_fields(trace_event *e, annot_list *src)
{
    if (!e || !src)
        return;
    annot_list_free(&e->fields);
    e->fields = *src;
    annot_list_init(src);
    field_explain_event(e); /* the words come from one table, whoever wrote the fields */
}

/* Formats into the arena and points *dst at it (NULL on failure); a replaced
 * string stays where it was until trace_free. */
static void set_formatted(struct trace_arena *a, char **dst, const char *fmt, va_list ap)
{
    char *s = NULL;
    if (strcmp(fmt, "%s") == 0) { /* text formatted by the caller: no second pass */
        s = arena_strdup(a, va_arg(ap, const char *));
    } else {
        va_list again;
        va_copy(again, ap);
        int n = fmt_v(NULL, 0, fmt, ap);
        if (n >= 0 && (s = arena_alloc(a, (size_t)n + 1)) != NULL)
            fmt_v(s, (size_t)n + 1, fmt, again);
        va_end(again);
    }
    *dst = s;
}

void trace_set_id(trace_event *e, const char *id)
{
    const char *copy = e && id ? arena_strdup(e->arena, id) : NULL;
    if (copy)
        e->id = copy;
}

void trace_set_explain(trace_event *e, const char *explain)
{
    char *copy = e && explain ? arena_strdup(e->arena, explain) : NULL;
    if (copy)
        e->explain = copy;
}

void trace_set_formula(trace_event *e, const char *fmt, ...)
{
    if (!e)
        return;
    va_list ap;
    va_start(ap, fmt);
    set_formatted(e->arena, &e->formula, fmt, ap);
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
    set_formatted(e->arena, &e->reason, fmt, ap);
    va_end(ap);
}

void trace_set_alert(trace_event *e, int alert, const char *fmt, ...)
{
    if (!e)
        return;
    e->alert = alert;
    va_list ap;
    va_start(ap, fmt);
    set_formatted(e->arena, &e->reason, fmt, ap);
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

int trace_first_close_notify(const trace *t)
{
    /* The receiver notes it (sim/actor.c): its peer, as far as it can tell, sent it.
     * Wire faults may have put it there, so the receiver's view is the true one. */
    for (size_t i = 0; i < t->n; i++) {
        const trace_event *e = &t->ev[i];
        if (e->kind == EV_NOTE && e->title && strcmp(e->title, "received alert: close_notify") == 0)
            return e->actor == ACTOR_CLIENT ? ACTOR_SERVER : ACTOR_CLIENT;
    }
    return -1;
}

const char *trace_outcome_name(trace_outcome o)
{
    switch (o) {
    case OUTCOME_OK:
        return "ok";
    case OUTCOME_ALERT:
        return "alert";
    case OUTCOME_CLOSED:
        return "closed";
    case OUTCOME_TIMEOUT:
        return "timeout";
    case OUTCOME_NONE:
        break;
    }
    return "incomplete";
}

void trace_set_ended(trace *t, trace_outcome o, const char *fmt, ...)
{
    if (t->result.outcome != OUTCOME_NONE)
        return;
    t->result.outcome = o;
    va_list ap;
    va_start(ap, fmt);
    fmt_v(t->result.reason, sizeof t->result.reason, fmt, ap);
    va_end(ap);
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

const char *trace_event_text(const trace_event *e, const char *name)
{
    const trace_blob *b = e && name ? blob_named(e->texts, e->n_texts, name) : NULL;
    return b ? (const char *)b->data : NULL;
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
    if (!t->arena && !(t->arena = calloc(1, sizeof *t->arena)))
        return false;
    uint8_t *copy = arena_bytes(t->arena, bytes, len);
    if (!copy)
        return false;
    t->wire[t->n_wire++] = (trace_segment){from, to, t->n, copy, len, t->conn};
    return true;
}

bool trace_append(trace *dst, trace *src)
{
    size_t base = dst->n;
    if (src->n && dst->n + src->n > dst->cap) {
        size_t cap = dst->n + src->n;
        trace_event *v = realloc(dst->ev, cap * sizeof *v);
        if (!v)
            return false;
        dst->ev = v;
        dst->cap = cap;
    }
    if (src->n_wire && dst->n_wire + src->n_wire > dst->cap_wire) {
        size_t cap = dst->n_wire + src->n_wire;
        trace_segment *v = realloc(dst->wire, cap * sizeof *v);
        if (!v)
            return false;
        dst->wire = v;
        dst->cap_wire = cap;
    }
    /* The memory of src's strings and bytes joins dst's arena: its blocks go behind
     * dst's current one, which keeps filling. */
    if (src->arena && !dst->arena) {
        dst->arena = src->arena;
    } else if (src->arena) {
        struct arena_block *tail = src->arena->head;
        while (tail && tail->next)
            tail = tail->next;
        if (tail && dst->arena->head) {
            tail->next = dst->arena->head->next;
            dst->arena->head->next = src->arena->head;
        } else if (tail) {
            dst->arena->head = src->arena->head;
        }
        free(src->arena);
    }
    src->arena = NULL;
    /* The events and bytes move over, renumbered after dst's and marked with dst's
     * current connection. */
    for (size_t i = 0; i < src->n; i++) {
        trace_event *e = &dst->ev[dst->n++];
        *e = src->ev[i];
        e->arena = dst->arena;
        e->seq = base + i;
        e->conn = dst->conn;
        e->payload_first += base;
    }
    for (size_t i = 0; i < src->n_wire; i++) {
        trace_segment *g = &dst->wire[dst->n_wire++];
        *g = src->wire[i];
        g->after += base;
        g->conn = dst->conn;
    }
    dst->result = src->result;
    free(src->ev);
    free(src->wire);
    src->ev = NULL;
    src->wire = NULL;
    src->n = src->cap = src->n_wire = src->cap_wire = 0;
    return true;
}
