/* The TUI's `c`: a small list of the other suites over the current screen, then the
 * chosen scenario run with the picked one, shown beside the current run. */
#include <stdio.h>
#include <string.h>

#include "sim/engine.h"
#include "sim/suites.h"
#include "ui/compare_run.h"
#include "ui/tui_compare.h"
#include "ui/tui_curses.h"
#include "ui/tui_draw.h"

/* The suite for run B, from a list over the current screen; NULL when cancelled. */
static const suite_info *pick_suite(const suite_info *current)
{
    size_t n = suite_count(), sel = 0;
    if (n == 0)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (suite_at(i) == current)
            sel = (i + 1) % n;
    for (;;) {
        tui_rect in = tui_overlay((int)n + 4, 64, "compare with another suite");
        char head[160];
        snprintf(head, sizeof head, "Run A is this run (%s). Run B:", compare_kex_name(current));
        tui_put_fit(in.y, in.x + 1, in.w - 2, tui_attr(ROLE_TITLE), head);
        int rows = in.h - 2;
        size_t top = sel >= (size_t)rows ? sel - (size_t)rows + 1 : 0;
        for (int r = 0; r < rows && top + (size_t)r < n; r++) {
            const suite_info *s = suite_at(top + (size_t)r);
            bool cur = top + (size_t)r == sel;
            int attr = cur ? tui_attr(ROLE_CURSOR) : s == current ? tui_attr(ROLE_DIM) : 0;
            if (cur)
                tui_fill(in.y + 1 + r, in.x, in.w, attr);
            char line[128];
            /* A mark besides the colour: the choice must show in mono and to a screen reader. */
            snprintf(line, sizeof line, "%s %s%s", cur ? (tui_utf8() ? "▶" : ">") : " ", s->name,
                     s == current ? "  (this run)" : "");
            tui_put_fit(in.y + 1 + r, in.x, in.w - 1, attr, line);
        }
        tui_put(in.y + in.h - 1, in.x + 1, in.w - 2, tui_attr(ROLE_DIM),
                "Up/Down choose  Enter compare  Esc cancel");
        refresh();
        int ch = getch();
        if (ch == KEY_UP || ch == 'k')
            sel = sel ? sel - 1 : n - 1;
        else if (ch == KEY_DOWN || ch == 'j')
            sel = (sel + 1) % n;
        else if (ch == 27 || ch == 'q')
            return NULL;
        else if ((ch == '\n' || ch == '\r' || ch == KEY_ENTER) && suite_at(sel) != current)
            return suite_at(sel);
    }
}

bool tui_compare_pick(const scenario *sc, const scenario *chosen, const trace *t, char *why,
                      size_t n)
{
    const suite_info *suite = pick_suite(sc->suite);
    if (!suite)
        return true;
    scenario b;
    compare_with_suite(&b, chosen, suite);
    memcpy(b.edits, sc->edits, sizeof b.edits);
    b.n_edits = sc->n_edits;
    b.seed = sc->seed;
    b.seeded = true;
    fault_set left_out = 0;
    char note[320];
    if (!compare_fit_faults(&b, false, sc->faults, &left_out, note, sizeof note)) {
        snprintf(why, n, "cannot compare with %s: %s", suite->name, note);
        return false;
    }
    trace tb;
    trace_init(&tb);
    compare_model cm;
    bool ok = engine_run(&b, &tb) && compare_build(&cm, t, sc, &tb, &b);
    if (ok) {
        cm.side[1].note = note[0] ? note : NULL;
        cm.side[1].left_out = left_out;
        tui_compare_view(&cm, sc->seed);
        compare_free(&cm);
    } else {
        snprintf(why, n, "internal error: the run with %s could not be carried out", suite->name);
    }
    trace_free(&tb);
    return ok;
}
