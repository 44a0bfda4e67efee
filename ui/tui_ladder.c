/* The ladder: client on the left, server on the right, one row per event. Messages
 * and records are arrows in their direction; computations and checks sit beside the
 * side that made them; after a side's ChangeCipherSpec its lifeline turns double, so
 * the switch to protected records can be seen. */
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
    if (e->actor == ACTOR_SERVER) {
        snprintf(buf, sizeof buf, "%s %s", title, mark);
        int bw = tui_width(buf);
        tui_put_fit(y, x + (bw < w ? w - bw : 0), w, attr, buf);
    } else {
        snprintf(buf, sizeof buf, "%s %s", mark, title);
        tui_put_fit(y, x, w, attr, buf);
    }
}

void tui_ladder_row(const trace *t, size_t i, bool cur, int y, tui_rect r)
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
    if (e->actor == ACTOR_ATTACKER) {
        /* The one in the middle (a fault, an edit, a man in the middle): between the two. */
        char buf[160];
        snprintf(buf, sizeof buf, "%s %s", tui_utf8() ? "⚡" : "!", e->title);
        int bw = tui_width(buf);
        tui_put_fit(y, x + (bw < w ? (w - bw) / 2 : 0), w, base ? base : tui_attr(ROLE_FAIL), buf);
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
        side_text(y, x + 1, w - 2, e, base ? base : tui_attr(ROLE_DIM), "·");
        break;
    }
}

void tui_draw_ladder(const tui_model *m, tui_rect r, tui_hits *h)
{
    tui_frame(r, "handshake", m->pane == PANE_LADDER);
    tui_rect in = tui_inside(r);
    if (in.h < 2 || in.w < 12)
        return;
    tui_put(in.y, in.x + 1, in.w, tui_attr(ROLE_CLIENT) | TUI_BOLD, "client");
    tui_put(in.y, in.x + in.w - 7, 6, tui_attr(ROLE_SERVER) | TUI_BOLD, "server");
    tui_rect rows = {in.y + 1, in.x + 1, in.h - 1, in.w - 2}; /* lifelines clear of the frame */
    size_t top = 0;
    if (m->step >= (size_t)rows.h / 2)
        top = m->step - (size_t)rows.h / 2;
    if (m->t.n > (size_t)rows.h && top > m->t.n - (size_t)rows.h)
        top = m->t.n - (size_t)rows.h;
    if (m->t.n <= (size_t)rows.h)
        top = 0;
    /* Nothing after the current step (a hidden-fault exercise): it ends the ladder. */
    if (m->hide_future)
        top = m->step >= (size_t)rows.h ? m->step - (size_t)rows.h + 1 : 0;
    for (int k = 0; k < rows.h && top + (size_t)k < m->t.n; k++) {
        if (m->hide_future && top + (size_t)k > m->step)
            break;
        tui_ladder_row(&m->t, top + (size_t)k, top + (size_t)k == m->step, rows.y + k, rows);
    }
    h->ladder = rows;
    h->ladder_top = top;
}
