/* The full-screen views: every secret so far, and the certificate chains with each
 * check of each certificate. (The certificate view reuses the field tree.) */
#include <stdio.h>
#include <string.h>

#include "ui/tui_curses.h"
#include "ui/tui_flow.h"
#include "ui/tui_panes.h"

static bool same_outputs(const trace_event *a, const trace_event *b)
{
    if (a->n_outputs != b->n_outputs || strcmp(a->title, b->title) != 0)
        return false;
    for (size_t k = 0; k < a->n_outputs; k++)
        if (a->outputs[k].len != b->outputs[k].len ||
            memcmp(a->outputs[k].data, b->outputs[k].data, a->outputs[k].len) != 0)
            return false;
    return true;
}

/* The key schedule's computations: signatures are computed too, but are not secrets. */
static bool is_secret(const trace_event *e)
{
    return e->kind == EV_COMPUTE && e->n_outputs && !strstr(e->title, "signature");
}

/* The same derivation by the other side, later in the trace, or n. */
static size_t twin(const trace *t, size_t i, size_t n)
{
    for (size_t k = i + 1; k < n; k++)
        if (t->ev[k].actor != t->ev[i].actor && is_secret(&t->ev[k]) &&
            same_outputs(&t->ev[i], &t->ev[k]))
            return k;
    return n;
}

void tui_draw_secrets(const tui_model *m, tui_rect r, tui_hits *h)
{
    tui_frame(r, "secrets derived so far (PgUp/PgDn, Up/Down to scroll; 1 returns)", true);
    tui_rect in = tui_inside(r);
    tui_flow f = {in, 0, (int)m->scroll};
    size_t end = m->step + 1 < m->t.n ? m->step + 1 : m->t.n, shown = 0;
    for (size_t i = 0; i < end; i++) {
        const trace_event *e = &m->t.ev[i];
        bool told = false; /* shown already as the other side's twin */
        for (size_t k = 0; k < i && !told; k++)
            told = is_secret(&m->t.ev[k]) && m->t.ev[k].actor != e->actor && twin(&m->t, k, end) == i;
        if (!is_secret(e) || told)
            continue;
        size_t other = twin(&m->t, i, end);
        flow_textf(&f, 0, tui_attr(e->actor == ACTOR_SERVER ? ROLE_SERVER : ROLE_CLIENT) | TUI_BOLD,
                   "#%zu %s: %s%s", e->seq, actor_name(e->actor), e->title,
                   other < end ? " (the other side derived the same bytes)" : "");
        if (e->formula)
            flow_text(&f, 2, 0, e->formula);
        for (size_t k = 0; k < e->n_outputs; k++)
            flow_blob(&f, &e->outputs[k], tui_attr(ROLE_SECRET));
        tui_flow_steps(&f, m, e, 2);
        flow_blank(&f);
        shown++;
    }
    if (shown == 0)
        flow_text(&f, 0, tui_attr(ROLE_DIM),
                  "Nothing derived yet at this step: step forward (Right) and come back (2).");
    h->page = in.h;
    h->total = f.line;
}

/* One value of the record layer: its name and bytes, then what it is, in plain words. */
static void protection_value(tui_flow *f, const trace_blob *b, int attr)
{
    size_t name_len = strlen(b->name);
    if (name_len + 4 + 2 * b->len <= (size_t)f->r.w && b->len <= 32) {
        char hex[65];
        for (size_t i = 0; i < b->len; i++)
            snprintf(hex + 2 * i, 3, "%02x", b->data[i]);
        flow_textf(f, 2, tui_attr(ROLE_TITLE), "%s  %s", b->name, hex);
    } else {
        flow_textf(f, 2, tui_attr(ROLE_TITLE), "%s (%zu byte%s)", b->name, b->len,
                   b->len == 1 ? "" : "s");
        flow_hex(f, 4, attr, b->data, b->len);
    }
    if (b->explain)
        flow_text(f, 4, tui_attr(ROLE_DIM), b->explain);
}

/* The values a student checks first come first: what makes the nonce, the data
 * the tag covers, the tag; then the longer ones. */
static const char *const protection_order[] = {
    "sequence number", "write IV", "explicit nonce", "padded sequence number", "nonce", "IV",
    "additional data", "tag", "MAC", "padding", "ciphertext", "plaintext", "MAC input",
};

static const trace_blob *protection_blob(const trace_event *e, const char *name)
{
    const trace_blob *b = trace_event_input(e, name);
    return b ? b : trace_event_output(e, name);
}

void tui_draw_record_protection(const tui_model *m, const trace_event *e, tui_rect r, tui_hits *h)
{
    tui_flow f = {r, 0, (int)m->scroll};
    flow_text(&f, 0, tui_attr(ROLE_DIM), "how it was sealed (wheel: more; Tab: bytes)");
    size_t n = sizeof protection_order / sizeof protection_order[0];
    for (size_t i = 0; i < n; i++) {
        const trace_blob *b = protection_blob(e, protection_order[i]);
        if (b)
            protection_value(&f, b, b >= e->outputs && b < e->outputs + e->n_outputs
                                        ? tui_attr(ROLE_SECRET) : 0);
    }
    /* The keys, and anything not in the list above, after them. */
    for (int pass = 0; pass < 2; pass++) {
        const trace_blob *v = pass ? e->outputs : e->inputs;
        size_t nv = pass ? e->n_outputs : e->n_inputs;
        for (size_t i = 0; i < nv; i++) {
            bool listed = false;
            for (size_t k = 0; k < n && !listed; k++)
                listed = strcmp(v[i].name, protection_order[k]) == 0;
            if (!listed)
                protection_value(&f, &v[i], 0);
        }
    }
    if (e->formula)
        flow_text(&f, 0, tui_attr(ROLE_SECRET), e->formula);
    h->page = r.h;
    h->total = f.line;
    h->scrolls = r;
}

/* The subject of the nth certificate in the last Certificate message the given side
 * sent before event end, from the annotations of the message. */
static const char *sent_subject(const trace *t, size_t end, actor_id sender, int nth)
{
    for (size_t i = end; i-- > 0;) {
        const trace_event *e = &t->ev[i];
        if (e->actor != sender || e->kind != EV_MESSAGE || strcmp(e->title, "Certificate") != 0)
            continue;
        for (size_t k = 0; k < e->fields.n; k++)
            if (strcmp(e->fields.v[k].name, "Certificate") == 0 && nth-- == 0)
                return e->fields.v[k].value;
        return NULL;
    }
    return NULL;
}

static int check_depth(const char *title)
{
    const char *d = strstr(title, "(depth ");
    return d ? d[7] - '0' : -1;
}

/* The checks one side made of the other's chain, grouped by certificate. */
static void chain_of(const tui_model *m, tui_flow *f, actor_id checker)
{
    const trace *t = &m->t;
    const tui_glyphs *g = tui_glyph();
    size_t first = t->n;
    for (size_t i = 0; i < t->n && first == t->n; i++)
        if (t->ev[i].actor == checker && t->ev[i].kind == EV_VERIFY &&
            strncmp(t->ev[i].title, "certificate check: ", 19) == 0)
            first = i;
    if (first == t->n)
        return;
    actor_id peer = checker == ACTOR_CLIENT ? ACTOR_SERVER : ACTOR_CLIENT;
    flow_textf(f, 0, tui_attr(checker == ACTOR_CLIENT ? ROLE_CLIENT : ROLE_SERVER) | TUI_BOLD,
               "The %s's chain, as checked by the %s", actor_name(peer), actor_name(checker));
    for (int depth = 0; depth < 8; depth++) {
        bool any = false;
        for (size_t i = first; i < t->n; i++) {
            const trace_event *e = &t->ev[i];
            if (e->actor != checker || e->kind != EV_VERIFY ||
                strncmp(e->title, "certificate check: ", 19) != 0 || check_depth(e->title) != depth)
                continue;
            if (!any) {
                const char *subject = sent_subject(t, first, peer, depth);
                flow_textf(f, 2, tui_attr(ROLE_TITLE), "depth %d: %s", depth,
                           subject ? subject
                                   : "the trust anchor, from the checker's own store");
                any = true;
            }
            char name[96];
            snprintf(name, sizeof name, "%s", e->title + 19);
            char *paren = strstr(name, " (depth");
            if (paren)
                *paren = 0;
            flow_textf(f, 4, tui_attr(e->ok ? ROLE_OK : ROLE_FAIL), "%s %s", e->ok ? g->ok : g->fail,
                       name);
            if (e->reason)
                flow_text(f, 8, e->ok ? tui_attr(ROLE_DIM) : tui_attr(ROLE_FAIL), e->reason);
        }
    }
    flow_blank(f);
}

void tui_draw_chain(const tui_model *m, tui_rect r, tui_hits *h)
{
    tui_frame(r, "certificate chains and every check (1 returns)", true);
    tui_rect in = tui_inside(r);
    tui_flow f = {in, 0, (int)m->scroll};
    chain_of(m, &f, ACTOR_CLIENT);
    chain_of(m, &f, ACTOR_SERVER);
    if (f.line == 0)
        flow_text(&f, 0, tui_attr(ROLE_DIM), "No certificate was checked in this run.");
    h->page = in.h;
    h->total = f.line;
}
