/* The ladder: client on the left, server on the right, one row per event. Messages
 * and records are arrows in their direction; computations and checks sit beside the
 * side that made them; after a side's ChangeCipherSpec its lifeline turns double, so
 * the switch to protected records can be seen. A run with an attacker (a man in the
 * middle, an eavesdropper) gets a third lifeline between the two, where its steps
 * sit; the certificate checks of a chain fold into one row (tui_fold_group). */
#include "ui/tui_curses.h"
#include <stdio.h>
#include <string.h>

#include "ui/tui_panes.h"

/* Whether the actor had sent its ChangeCipherSpec before event i, on the same
 * connection (a resumed session starts a new one in the clear). */
static bool encrypting(const trace *t, size_t i, actor_id who)
{
    for (size_t k = 0; k < i; k++)
        if (t->ev[k].actor == who && t->ev[k].conn == t->ev[i].conn && t->ev[k].kind == EV_MESSAGE &&
            strcmp(t->ev[k].title, "ChangeCipherSpec") == 0)
            return true;
    return false;
}

bool tui_trace_has_attacker(const trace *t)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->ev[i].actor == ACTOR_ATTACKER)
            return true;
    return false;
}

/* The attacker's lifeline: the middle of the row. */
static int mid_of(tui_rect r)
{
    return r.x + r.w / 2;
}

/* "attacker: its own DH value ..." -> "its own DH value ...": the lane names who. */
static const char *attacker_label(const char *title)
{
    static const char *const prefixes[] = {"man in the middle: ", "attacker: ", "attacker ",
                                           "eavesdropper: ", "eavesdropper ", "the attacker "};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(title, prefixes[i], n) == 0)
            title += n;
    }
    return title;
}

static int actor_role(actor_id a)
{
    return tui_attr(a == ACTOR_SERVER ? ROLE_SERVER : ROLE_CLIENT);
}

/* An arrow across the row: "── label ──▶" or "◀── label ──". */
static void arrow(int y, int x, int w, const trace_event *e, int attr, const char *shaft)
{
    const tui_glyphs *g = tui_glyph();
    bool right = e->actor == ACTOR_CLIENT;
    const char *label = e->title;
    char buf[160];
    if (e->kind == EV_RECORD) {
        /* "record: Finished (encrypted)" -> "record 45 B": the message row names it. */
        snprintf(buf, sizeof buf, "record %zu B%s", e->len, e->encrypted ? " (enc)" : "");
        label = buf;
    }
    /* Too long: "application data (response)" -> "application data" (the arrow says
     * which way); the detail pane's title has the whole of it. */
    char shorter[160];
    const char *paren = strrchr(label, '(');
    if (tui_width(label) > w - 4 && paren && paren > label + 1 && paren[-1] == ' ') {
        snprintf(shorter, sizeof shorter, "%.*s", (int)(paren - label - 1), label);
        label = shorter;
    }
    int lw = tui_width(label);
    if (lw > w - 4)
        lw = w - 4;
    int left = (w - lw - 2) / 2;
    for (int i = 0; i < w; i++)
        tui_put(y, x + i, 1, attr, shaft);
    tui_fill(y, x + left, lw + 2, attr);
    tui_put_fit(y, x + left + 1, lw, attr, label);
    if (right)
        tui_put(y, x + w - 1, 1, attr, g->right);
    else
        tui_put(y, x, 1, attr, g->left);
}

static void side_text(int y, int x, int w, const trace_event *e, int attr, const char *mark)
{
    char buf[200], shortened[120];
    const char *title = e->title;
    int depth = -1;
    /* "certificate check: issuer chaining (depth 0)" -> "[0] issuer chaining": the
     * ladder is narrow, the chain view (3) has the long form. */
    if (sscanf(title, "certificate check: %100[^(](depth %d)", shortened, &depth) == 2) {
        size_t n = strlen(shortened);
        while (n && shortened[n - 1] == ' ')
            shortened[--n] = 0;
        char tmp[sizeof shortened];
        snprintf(tmp, sizeof tmp, "[%d] %.100s", depth, shortened);
        memcpy(shortened, tmp, sizeof shortened);
        title = shortened;
    }
    /* Too long for the row: "premaster secret (Diffie-Hellman)" -> "premaster secret";
     * the detail pane's title has the whole of it. */
    const char *paren = strrchr(title, '(');
    if (paren && paren > title + 1 && paren[-1] == ' ' && tui_width(title) + 2 > w) {
        size_t n = (size_t)(paren - title) - 1;
        char tmp[sizeof shortened];
        snprintf(tmp, sizeof tmp, "%.*s", (int)(n < sizeof tmp ? n : sizeof tmp - 1), title);
        memcpy(shortened, tmp, sizeof shortened);
        title = shortened;
    }
    /* The blank beside the lifeline goes first when the label needs its column. */
    snprintf(buf, sizeof buf, "%s %s", mark, title);
    if (tui_width(buf) > w && tui_width(buf) <= w + 2) {
        x -= 1;
        w += 2;
    }
    if (e->actor == ACTOR_SERVER) {
        snprintf(buf, sizeof buf, "%s %s", title, mark);
        int bw = tui_width(buf);
        tui_put_fit(y, x + (bw < w ? w - bw : 0), w, attr, buf);
    } else {
        snprintf(buf, sizeof buf, "%s %s", mark, title);
        tui_put_fit(y, x, w, attr, buf);
    }
}

/* The row of a folded chain: "certificate chain checks ✓ (23)", or with the failures. */
static void fold_row(const trace *t, size_t i, int y, int x, int w, int base)
{
    const tui_glyphs *g = tui_glyph();
    size_t count = 0, failed = 0;
    tui_fold_group(t, i, NULL, &count, &failed);
    char buf[160];
    if (failed)
        snprintf(buf, sizeof buf, "certificate chain: %zu/%zu fail %s", failed, count, g->fail);
    else
        snprintf(buf, sizeof buf, "certificate chain: %zu checks %s", count, g->ok);
    int attr = base ? base : tui_attr(failed ? ROLE_FAIL : ROLE_OK);
    if (t->ev[i].actor == ACTOR_SERVER) {
        int bw = tui_width(buf);
        tui_put_fit(y, x + (bw < w ? w - bw : 0), w, attr, buf);
    } else {
        tui_put_fit(y, x, w, attr, buf);
    }
}

static void row(const trace *t, size_t i, bool cur, bool folded, int y, tui_rect r)
{
    const trace_event *e = &t->ev[i];
    const tui_glyphs *g = tui_glyph();
    int base = cur ? tui_attr(ROLE_CURSOR) : 0;
    if (cur)
        tui_fill(y, r.x, r.w, base);
    const char *client_line = encrypting(t, i, ACTOR_CLIENT) && tui_utf8() ? "║" : g->v;
    const char *server_line = encrypting(t, i, ACTOR_SERVER) && tui_utf8() ? "║" : g->v;
    tui_put(y, r.x, 1, base ? base : actor_role(ACTOR_CLIENT), client_line);
    tui_put(y, r.x + r.w - 1, 1, base ? base : actor_role(ACTOR_SERVER), server_line);
    int x = r.x + 1, w = r.w - 2;
    bool lane = tui_trace_has_attacker(t);
    /* The attacker's lifeline, drawn first: arrows cross it (everything passes through
     * the one in the middle), and a side's text longer than half the row covers it. */
    if (lane && e->kind != EV_MESSAGE && e->kind != EV_RECORD)
        tui_put(y, mid_of(r), 1, base ? base : tui_attr(ROLE_FAIL), tui_utf8() ? "┆" : ":");
    if (e->actor == ACTOR_ATTACKER) {
        /* Its own lane: centred on its lifeline when it fits, else from the left. */
        char buf[200];
        const char *label = lane ? attacker_label(e->title) : e->title;
        /* "fault injected: eavesdrop-stolen-key" -> "fault: eavesdrop-stolen-key" */
        bool fault = lane && strncmp(label, "fault injected: ", 16) == 0;
        snprintf(buf, sizeof buf, "%s %s%s", tui_utf8() ? "⚡" : "!", fault ? "fault: " : "",
                 fault ? label + 16 : label);
        int bw = tui_width(buf), start = mid_of(r) - bw / 2;
        if (start < x || bw > w)
            start = x;
        if (start + bw > x + w)
            start = x + w - bw > x ? x + w - bw : x;
        tui_put_fit(y, start, x + w - start, base ? base : tui_attr(ROLE_FAIL), buf);
        return;
    }
    if (folded) {
        fold_row(t, i, y, x, w, base);
        return;
    }
    switch (e->kind) {
    case EV_MESSAGE:
        arrow(y, x, w, e, base ? base : actor_role(e->actor) | TUI_BOLD, g->line);
        break;
    case EV_RECORD:
        arrow(y, x, w, e, base ? base : tui_attr(ROLE_DIM), g->dotted);
        break;
    case EV_ALERT:
        /* close_notify (0) ends a connection cleanly; every other alert is a failure. */
        side_text(y, x + 1, w - 2, e,
                  base ? base | TUI_BOLD : tui_attr(e->alert == 0 ? ROLE_DIM : ROLE_FAIL), "!");
        break;
    case EV_COMPUTE:
        side_text(y, x + 1, w - 2, e, base ? base : tui_attr(ROLE_SECRET), g->compute);
        break;
    case EV_VERIFY:
        side_text(y, x + 1, w - 2, e, base ? base : tui_attr(e->ok ? ROLE_OK : ROLE_FAIL),
                  e->ok ? g->ok : g->fail);
        break;
    case EV_NOTE:
        side_text(y, x + 1, w - 2, e, base ? base : tui_attr(ROLE_DIM), tui_utf8() ? "·" : ".");
        break;
    }
}

void tui_ladder_row(const trace *t, size_t i, bool cur, int y, tui_rect r)
{
    row(t, i, cur, false, y, r);
}

void tui_draw_ladder(const tui_model *m, tui_rect r, tui_hits *h)
{
    tui_frame(r, "handshake", m->pane == PANE_LADDER);
    tui_rect in = tui_inside(r);
    if (in.h < 2 || in.w < 12)
        return;
    /* The lifelines against the frame: at 80 columns every column counts for the labels. */
    tui_rect rows = {in.y + 1, in.x, in.h - 1, in.w};
    tui_put(in.y, in.x + 1, in.w, tui_attr(ROLE_CLIENT) | TUI_BOLD, "client");
    tui_put(in.y, in.x + in.w - 7, 6, tui_attr(ROLE_SERVER) | TUI_BOLD, "server");
    if (tui_trace_has_attacker(&m->t))
        tui_put(in.y, mid_of(rows) - 4, 8, tui_attr(ROLE_FAIL) | TUI_BOLD, "attacker");
    /* The rows the ladder shows: every event, less those folded into their group's row;
     * an exercise shows nothing after the current step. */
    size_t n = 0, cur = 0;
    size_t end = m->hide_future && m->step < m->t.n ? m->step + 1 : m->t.n;
    for (size_t i = 0; i < end; i++)
        n += !tui_step_hidden(m, i);
    size_t half = (size_t)rows.h / 2;
    for (size_t i = 0; i < m->step && i < end; i++)
        cur += !tui_step_hidden(m, i);
    size_t top = cur >= half ? cur - half : 0;
    if (n > (size_t)rows.h && top > n - (size_t)rows.h)
        top = n - (size_t)rows.h;
    if (n <= (size_t)rows.h)
        top = 0;
    h->n_ladder_rows = 0;
    size_t seen = 0;
    for (size_t i = 0; i < end && h->n_ladder_rows < rows.h && h->n_ladder_rows < TUI_MAX_ROWS; i++) {
        if (tui_step_hidden(m, i))
            continue;
        if (seen++ < top)
            continue;
        bool folded = !m->chains_open && tui_fold_group(&m->t, i, NULL, NULL, NULL);
        row(&m->t, i, i == m->step, folded, rows.y + h->n_ladder_rows, rows);
        if (h->n_ladder_rows == 0)
            h->ladder_top = i;
        h->ladder_row[h->n_ladder_rows++] = i;
    }
    h->ladder = rows;
}
