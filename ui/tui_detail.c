/* The detail pane: what the current step is, in full. A message or record shows
 * its fields and bytes; a computation its formula, inputs and outputs; a check what
 * it compared and its verdict; an alert who sent it and why. */
#include <stdio.h>
#include <string.h>

#include "base/alert.h"
#include "ui/tui_curses.h"
#include "ui/tui_flow.h"
#include "ui/tui_panes.h"

void tui_hex_snippet(const uint8_t *p, size_t n, size_t max_chars, char *out, size_t outlen)
{
    size_t k = 0;
    for (size_t i = 0; i < n && 2 * i + 2 <= max_chars && k + 3 < outlen; i++)
        k += (size_t)snprintf(out + k, outlen - k, "%02x", p[i]);
    out[k] = 0;
    if (2 * n > max_chars && k + 4 < outlen)
        snprintf(out + k, outlen - k, "%s", tui_utf8() ? "…" : "...");
}

static const char *direction(const trace_event *e, char *buf, size_t n)
{
    if (e->kind == EV_MESSAGE || e->kind == EV_RECORD)
        snprintf(buf, n, "%s %s %s", actor_name(e->actor), tui_utf8() ? "→" : "->",
                 actor_name(e->actor == ACTOR_CLIENT ? ACTOR_SERVER : ACTOR_CLIENT));
    else
        snprintf(buf, n, "%s", actor_name(e->actor));
    return buf;
}

/* The event's named texts: one-line summaries (multiline false), or commands
 * (multiline true) shown line by line as recorded, so a line copied is the line. */
static void flow_texts(tui_flow *f, const trace_event *e, bool multiline)
{
    for (size_t i = 0; i < e->n_texts; i++) {
        const trace_blob *t = &e->texts[i];
        const char *text = (const char *)t->data;
        if ((strchr(text, '\n') != NULL) != multiline)
            continue;
        if (multiline) /* after the outputs */
            flow_blank(f);
        flow_textf(f, 0, tui_attr(ROLE_TITLE), "%s%s%s", t->name, t->explain ? ": " : "",
                   t->explain ? t->explain : "");
        char line[256];
        for (const char *p = text; *p;) {
            size_t k = strcspn(p, "\n");
            snprintf(line, sizeof line, "%.*s", (int)k, p);
            flow_text(f, 2, 0, line);
            p += k + (p[k] == '\n');
        }
        if (!multiline) /* before the inputs */
            flow_blank(f);
    }
}

bool tui_detail_marked(const tui_model *m, const trace_event *e, tui_mark_kind kind, size_t i)
{
    return m->mark.kind == kind && m->mark.index == i && m->mark.event < m->t.n &&
           &m->t.ev[m->mark.event] == e;
}

void tui_flow_marked_blob(tui_flow *f, const trace_blob *b)
{
    const char *arrow = tui_utf8() ? "\u25b6" : ">";
    int attr = tui_attr(ROLE_HILITE) | TUI_BOLD;
    if (b->explain)
        flow_textf(f, 0, attr, "%s %s (%zu byte%s) - %s", arrow, b->name, b->len,
                   b->len == 1 ? "" : "s", b->explain);
    else
        flow_textf(f, 0, attr, "%s %s (%zu byte%s)", arrow, b->name, b->len, b->len == 1 ? "" : "s");
    flow_hex(f, 4, tui_attr(ROLE_HILITE), b->data, b->len);
}

int tui_flow_steps(tui_flow *f, const tui_model *m, const trace_event *e, int indent)
{
    int mark_line = -1;
    if (!e->n_steps)
        return mark_line;
    const tui_glyphs *g = tui_glyph();
    if (!m->steps_open) {
        /* label and seed, then A(i) and block i in pairs (sim/prf_trace.h) */
        size_t blocks = e->n_steps > 2 ? (e->n_steps - 2) / 2 : 0;
        flow_textf(f, indent, tui_attr(ROLE_TITLE), "%s Enter opens the PRF: %zu HMAC block%s",
                   g->closed, blocks, blocks == 1 ? "" : "s");
        return mark_line;
    }
    flow_textf(f, indent, tui_attr(ROLE_TITLE), "%s inside the PRF, RFC 5246 5 (Enter folds)",
               g->open);
    tui_flow in = *f; /* the values one level further in */
    in.r.x += indent;
    in.r.w -= indent;
    for (size_t i = 0; i < e->n_steps; i++) {
        const trace_blob *b = &e->steps[i];
        if (tui_detail_marked(m, e, MARK_STEP, i)) {
            mark_line = in.line;
            tui_flow_marked_blob(&in, b);
        }
        else if (strcmp(b->name, "label") == 0 && b->explain) /* its text is in the explanation */
            flow_textf(&in, 2, tui_attr(ROLE_TITLE), "label (%zu bytes) - %s", b->len, b->explain);
        else
            flow_blob(&in, b, strcmp(b->name, "seed") == 0 ? 0 : tui_attr(ROLE_SECRET));
    }
    f->line = in.line;
    return mark_line;
}

/* What the step's id means (sim/trace_ids.c), for a step that does not say more
 * specifically itself (its explain is the narration line's). */
static const char *about(const trace_event *e)
{
    return e->explain && *e->explain ? NULL : trace_id_explain(e->id);
}

/* The text of a computation, check, alert or note; *mark_line is set to the line
 * where what a lesson step highlights starts (left alone when it is not here). */
static void compute_or_verify(const tui_model *m, const trace_event *e, tui_rect r, tui_hits *h,
                              int skip, int *mark_line)
{
    tui_flow f = {r, 0, skip};
    const tui_glyphs *g = tui_glyph();
    if (e->id && *e->id) /* the name lessons and --json use for this step */
        flow_textf(&f, 0, tui_attr(ROLE_DIM), "id: %s", e->id);
    if (about(e))
        flow_text(&f, 0, 0, about(e));
    if (e->kind == EV_VERIFY) {
        if (tui_detail_marked(m, e, MARK_VERDICT, 0)) {
            *mark_line = f.line;
            flow_textf(&f, 0, tui_attr(ROLE_HILITE) | TUI_BOLD, "%s the verdict of this check:",
                       tui_utf8() ? "\u25b6" : ">");
        }
        if (e->ok)
            flow_textf(&f, 0, tui_attr(ROLE_OK) | TUI_BOLD, "%s passed", g->ok);
        else if (e->alert >= 0)
            flow_textf(&f, 0, tui_attr(ROLE_FAIL), "%s FAILED: the %s answers with alert %s(%d)",
                       g->fail, actor_name(e->actor), alert_name(e->alert), e->alert);
        else
            flow_textf(&f, 0, tui_attr(ROLE_FAIL), "%s FAILED", g->fail);
        if (e->reason)
            flow_text(&f, 2, 0, e->reason);
        flow_blank(&f);
    }
    if (e->kind == EV_ALERT) {
        /* The event is the sender's or the receiver's; its reason says which. */
        flow_textf(&f, 0, tui_attr(e->alert == 0 ? ROLE_TEXT : ROLE_FAIL), "alert %s(%d)",
                   alert_name(e->alert), e->alert);
        if (e->reason)
            flow_text(&f, 2, 0, e->reason);
        flow_blank(&f);
    }
    if (e->formula) {
        flow_text(&f, 0, tui_attr(ROLE_TITLE), "formula");
        flow_text(&f, 2, tui_attr(ROLE_SECRET), e->formula);
        flow_blank(&f);
    }
    if (e->n_steps) { /* under the formula it opens, where 80x24 still shows it */
        h->fold_line = f.line;
        int at = tui_flow_steps(&f, m, e, 0);
        if (at >= 0)
            *mark_line = at;
        flow_blank(&f);
    }
    flow_texts(&f, e, false); /* a summary ("signed_messages") before the long bytes */
    if (e->n_inputs) {
        flow_text(&f, 0, tui_attr(ROLE_TITLE), e->kind == EV_VERIFY ? "compared" : "inputs");
        for (size_t i = 0; i < e->n_inputs; i++) {
            if (tui_detail_marked(m, e, MARK_INPUT, i)) {
                *mark_line = f.line;
                tui_flow_marked_blob(&f, &e->inputs[i]);
            } else {
                flow_blob(&f, &e->inputs[i], 0);
            }
        }
        flow_blank(&f);
    }
    if (e->n_outputs) {
        flow_text(&f, 0, tui_attr(ROLE_TITLE), "outputs");
        for (size_t i = 0; i < e->n_outputs; i++) {
            if (tui_detail_marked(m, e, MARK_OUTPUT, i)) {
                *mark_line = f.line;
                tui_flow_marked_blob(&f, &e->outputs[i]);
            } else {
                flow_blob(&f, &e->outputs[i], tui_attr(ROLE_SECRET));
            }
        }
    }

    flow_texts(&f, e, true);
    if (e->kind == EV_NOTE && e->explain)
        flow_text(&f, 0, 0, e->explain);
    h->page = r.h;
    h->total = f.line;
}

void tui_draw_detail(const tui_model *m, tui_rect r, tui_hits *h)
{
    const trace_event *e = tui_current(m);
    char title[160], dir[64];
    if (e)
        snprintf(title, sizeof title, "#%zu %s: %s", e->seq, direction(e, dir, sizeof dir), e->title);
    else
        snprintf(title, sizeof title, "no events");
    tui_frame(r, title, m->pane != PANE_LADDER);
    tui_rect in = tui_inside(r);
    h->n_field_rows = 0;
    h->hex_per_row = 0;
    if (!e || in.h < 3)
        return;
    if ((e->kind == EV_MESSAGE || e->kind == EV_RECORD) && e->len) {
        char sub[192];
        int n = snprintf(sub, sizeof sub, "%s %s, %zu bytes%s", ev_kind_name(e->kind),
                         direction(e, dir, sizeof dir), e->len,
                         e->encrypted ? ", protected" : "");
        /* The line wraps rather than being cut; the id goes on it when it fits there
         * whole, else on a line of its own. */
        int top = in.h >= 8 ? tui_wrap(in.y, in.x, in.w, 2, 0, tui_attr(ROLE_DIM), sub) : 0;
        if (!top) {
            tui_put(in.y, in.x, in.w, tui_attr(ROLE_DIM), sub);
            top = 1;
        }
        if (e->id && *e->id && in.h >= 8) {
            size_t used = n > 0 ? (size_t)n : 0;
            char id[96];
            snprintf(id, sizeof id, "id: %s", e->id);
            if (top == 1 && used + 2 + strlen(id) <= (size_t)in.w)
                tui_put(in.y, in.x + (int)used + 2, in.w - (int)used - 2, tui_attr(ROLE_DIM), id);
            else
                tui_put(in.y + top++, in.x, in.w, tui_attr(ROLE_DIM), id);
        }
        if (about(e) && in.h >= 8) { /* two lines at most: the fields need the room */
            int lines = tui_wrap(in.y + top, in.x, in.w, 2, 0, 0, about(e));
            top += lines < 2 ? lines : 2;
        }
        tui_rect body = {in.y + top, in.x, in.h - top, in.w};
        /* A protected record, reached from the ladder: what the record layer did. */
        if (e->kind == EV_RECORD && e->n_inputs && m->pane == PANE_LADDER) {
            tui_draw_record_protection(m, e, body, h);
            return;
        }
        tui_draw_fields_hex(m, body, h);
        return;
    }
    int mark_line = -1;
    compute_or_verify(m, e, in, h, (int)m->scroll, &mark_line);
}

int tui_detail_mark_line(const tui_model *m, int w)
{
    const trace_event *e = tui_current(m);
    if (!e || m->mark.kind == MARK_NONE || (e->kind == EV_MESSAGE || e->kind == EV_RECORD))
        return -1;
    static tui_hits scratch; /* large; only counted into */
    int mark_line = -1;
    /* Laid out from its first line and drawn nowhere (height 0). */
    compute_or_verify(m, e, (tui_rect){0, 0, 0, w - 2}, &scratch, 0, &mark_line);
    return mark_line;
}
