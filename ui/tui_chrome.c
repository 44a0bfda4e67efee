/* The frame around the panes: the status line with the scenario and the main keys,
 * the narration box, and the help screen drawn from the key table. */
#include <stdio.h>
#include <string.h>

#include "crypto/kex.h"
#include "base/alert.h"
#include "sim/fault.h"
#include "sim/suites.h"
#include "ui/tui_curses.h"
#include "ui/narrate.h"
#include "ui/tui_keys.h"
#include "ui/tui_panes.h"

/* The latest output of that name up to the current step on the current connection
 * (--resume makes two), or NULL. */
static const trace_blob *output_so_far(const tui_model *m, const char *name)
{
    unsigned conn = m->step < m->t.n ? m->t.ev[m->step].conn : 0;
    for (size_t i = m->step + 1; i-- > 0;) {
        if (i >= m->t.n)
            continue;
        const trace_event *e = &m->t.ev[i];
        if (e->conn != conn)
            break;
        for (size_t k = 0; k < e->n_outputs; k++)
            if (strcmp(e->outputs[k].name, name) == 0)
                return &e->outputs[k];
    }
    return NULL;
}

/* The main keys so far, newest first: master secret, else premaster. */
static void keys_text(const tui_model *m, char *out, size_t n, size_t hex_chars, bool with_cwk)
{
    const trace_blob *ms = output_so_far(m, "master_secret");
    const trace_blob *pms = output_so_far(m, "pre_master_secret");
    const trace_blob *cwk = output_so_far(m, "client_write_key");
    char h1[40] = "", h2[40] = "", h3[40] = "";
    if (pms)
        tui_hex_snippet(pms->data, pms->len, hex_chars, h1, sizeof h1);
    if (ms)
        tui_hex_snippet(ms->data, ms->len, hex_chars, h2, sizeof h2);
    if (cwk)
        tui_hex_snippet(cwk->data, cwk->len, hex_chars, h3, sizeof h3);
    /* Faults and edits first: a run that was broken on purpose must say so. */
    char broken[160] = "";
    size_t used = 0;
    for (size_t i = 0; i < fault_count() && used + 40 < sizeof broken; i++)
        if (m->sc.faults & FAULT_BIT(fault_at(i)->id))
            used += (size_t)snprintf(broken + used, sizeof broken - used, "%s%s",
                                     used ? "," : " FAULT ", fault_at(i)->name);
    if (m->sc.n_edits)
        snprintf(broken + used, sizeof broken - used, " EDITED %zu byte%s", m->sc.n_edits,
                 m->sc.n_edits > 1 ? "s" : "");
    snprintf(out, n, "%s%s premaster %s  master %s%s%s", broken, broken[0] ? " |" : "",
             pms ? h1 : ms ? "(none: resumed)" : "(not yet)", ms ? h2 : "(not yet)",
             with_cwk ? "  client key " : "", !with_cwk ? "" : cwk ? h3 : "(not yet)");
}

/* Joins the parts with two blanks, or one when two do not fit in w. */
static void join_fit(char *out, size_t n, int w, const char *const *parts, size_t count)
{
    for (int gap = 2; gap >= 1; gap--) {
        size_t used = 0;
        out[0] = 0;
        for (size_t i = 0; i < count && used < n; i++)
            if (parts[i][0])
                used += (size_t)snprintf(out + used, n - used, "%*s%s", used ? gap : 1, "", parts[i]);
        if (tui_width(out) <= w)
            return;
    }
}

/* Whether the run got as far as a ServerHello: without one no suite was agreed, and
 * the header must not name the scenario's suite as if it were in use (no-shared-cipher). */
static bool suite_agreed(const tui_model *m)
{
    for (size_t i = 0; i < m->t.n; i++)
        if (m->t.ev[i].kind == EV_MESSAGE && m->t.ev[i].id &&
            strcmp(m->t.ev[i].id, "ServerHello") == 0)
            return true;
    return m->t.n == 0;
}

int tui_draw_status(const tui_model *m, int y, int w)
{
    int attr = tui_attr(ROLE_STATUS);
    const scenario *sc = &m->sc;
    char left[256], step[48], keys[400], seed[32];
    snprintf(seed, sizeof seed, "seed %llu", (unsigned long long)sc->seed);
    bool agreed = suite_agreed(m);
    const char *parts[] = {"TLS 1.2", agreed ? sc->suite->name : "no suite agreed",
                           !agreed                        ? "no key exchange"
                           : sc->suite->kex == HS_KEX_RSA ? "RSA key transport"
                           : sc->suite->kex == HS_KEX_DHE ? kex_group_name(GROUP_FFDHE2048) /* as the server picks */
                                                          : kex_group_name(sc->group),
                           sc->client_auth ? "mutual TLS" : "", sc->ems ? "EMS" : "no EMS", seed};
    join_fit(left, sizeof left, w, parts, sizeof parts / sizeof parts[0]);
    snprintf(step, sizeof step, "step %zu/%zu ", m->t.n ? m->step + 1 : 0, m->t.n);
    bool one_row = w >= 150;
    int sw = tui_width(step);
    /* The longest that fits before the step counter, two blanks clear of it: without
     * the client key first (the secrets view, 2, has them all), then shorter hex. */
    int room = one_row ? w - tui_width(left) - sw - 4 : w - sw - 2;
    size_t hex = one_row ? 12 : 14;
    keys_text(m, keys, sizeof keys, hex, true);
    if (tui_width(keys) > room)
        keys_text(m, keys, sizeof keys, hex, false);
    for (; hex > 6 && tui_width(keys) > room; hex -= 2)
        keys_text(m, keys, sizeof keys, hex - 2, false);
    tui_fill(y, 0, w, attr);
    if (one_row) {
        int lw = tui_put(y, 0, w, attr | TUI_BOLD, left);
        tui_put_fit(y, lw + 2, w - lw - sw - 4, attr, keys);
        tui_put(y, w - sw, sw, attr | TUI_BOLD, step);
        return 1;
    }
    tui_put(y, 0, w, attr | TUI_BOLD, left);
    tui_fill(y + 1, 0, w, attr);
    tui_put_fit(y + 1, 0, w - sw - 2, attr, keys);
    tui_put(y + 1, w - sw, sw, attr | TUI_BOLD, step);
    return 2;
}

/* The narration of the current step, and at the last step the outcome of the run. */
static void narration_texts(const tui_model *m, char *text, size_t tn, char *res, size_t rn)
{
    const trace_event *e = tui_current(m);
    text[0] = res[0] = 0;
    if (!e)
        return;
    size_t first, count, failed;
    if (!m->chains_open && tui_fold_group(&m->t, m->step, &first, &count, &failed) && first == m->step)
        snprintf(text, tn, "The %s checks the %s's certificate chain: %zu checks, %s. Press o (or "
                 "Enter) to see them one by one.", actor_name(e->actor),
                 actor_name(e->actor == ACTOR_CLIENT ? ACTOR_SERVER : ACTOR_CLIENT), count,
                 failed ? "and not all hold" : "all hold");
    else
        narrate_event(e, text, tn);
    if (m->step + 1 != m->t.n)
        return;
    if (m->t.result.outcome == OUTCOME_OK)
        snprintf(res, rn, "result: ok %s", m->t.result.suite);
    else if (m->t.result.outcome != OUTCOME_ALERT)
        snprintf(res, rn, "result: %s: %s", trace_outcome_name(m->t.result.outcome),
                 m->t.result.reason);
    else
        snprintf(res, rn, "result: alert %s(%d) sent by %s: %s", alert_name(m->t.result.alert),
                 m->t.result.alert, actor_name(m->t.result.sender), m->t.result.reason);
}

void tui_draw_narration(const tui_model *m, tui_rect r)
{
    const trace_event *e = tui_current(m);
    for (int i = 0; i < r.h; i++)
        tui_fill(r.y + i, r.x, r.w, 0);
    if (!e)
        return;
    char text[NARRATE_MAX], res[400];
    narration_texts(m, text, sizeof text, res, sizeof res);
    int role = e->kind == EV_ALERT || (e->kind == EV_VERIFY && !e->ok) ? ROLE_FAIL
               : e->actor == ACTOR_SERVER                            ? ROLE_SERVER
                                                                     : ROLE_CLIENT;
    /* The outcome keeps its lines at the bottom; the narration gets the rest. */
    int res_h = res[0] ? tui_wrap(0, 0, r.w - 2, 0, 0, 0, res) : 0;
    if (res_h > r.h - 1)
        res_h = r.h > 1 ? r.h - 1 : r.h;
    tui_wrap(r.y, r.x + 1, r.w - 2, r.h - res_h, 0, tui_attr(role), text);
    if (res_h)
        tui_wrap(r.y + r.h - res_h, r.x + 1, r.w - 2, res_h, 0,
                 tui_attr(m->t.result.outcome == OUTCOME_OK ? ROLE_OK : ROLE_FAIL) | TUI_BOLD, res);
}

int tui_narration_height(const tui_model *m, int w, int max)
{
    char text[NARRATE_MAX], res[400];
    narration_texts(m, text, sizeof text, res, sizeof res);
    /* tui_wrap counts the lines without drawing them when given no rows. */
    int h = tui_wrap(0, 0, w - 2, 0, 0, 0, text) + tui_wrap(0, 0, w - 2, 0, 0, 0, res);
    h = h < 2 ? 2 : h;
    return h > max ? max : h;
}

void tui_draw_help(void)
{
    int rows = 0;
    for (size_t i = 0; i < tui_n_keys; i++)
        rows += tui_keys[i].label != NULL;
    /* The key rows, then a blank and the mouse line when there is room for them. */
    tui_rect in = tui_overlay(rows + 4, 78, "keys (any key closes this help)");
    int y = in.y;
    for (size_t i = 0; i < tui_n_keys && y < in.y + in.h; i++) {
        if (!tui_keys[i].label)
            continue;
        tui_put(y, in.x + 1, 13, tui_attr(ROLE_TITLE), tui_keys[i].label);
        tui_put_fit(y++, in.x + 15, in.w - 16, 0, tui_keys[i].what);
    }
    const char *mouse = "Mouse: click a step, field or byte to select it; the wheel scrolls.";
    if (y + 1 < in.y + in.h)
        y++;
    if (y < in.y + in.h)
        tui_put_fit(y, in.x + 1, in.w - 2, tui_attr(ROLE_DIM), mouse);
}
