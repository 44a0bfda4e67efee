/* The terminal UI (ncursesw): steps through a run's trace. */
#ifndef TLSSIM_TUI_H
#define TLSSIM_TUI_H

#include "sim/scenario.h"
#include "ui/tui_model.h"
#include "ui/tui_panes.h"
#include "ui/tui_theme.h"

/* Runs the UI on a terminal until the user quits; returns an exit status. sc is
 * what runs first; chosen is the same before fitting it to its faults. If
 * timing_path is set, writes how long the first screen took since started_ms (on
 * CLOCK_MONOTONIC) and how long each key took to handle and redraw. */
int tui_run(const scenario *sc, const scenario *chosen, tui_theme theme, const char *timing_path,
            double started_ms);
double tui_now_ms(void);

/* A view built on the handshake panes (the lesson view): it sees each key before
 * them, takes a part of the main area for a pane of its own, and draws last (its
 * own screens and help over everything). */
typedef enum tui_hook_key { HOOK_PASS, HOOK_TOOK, HOOK_QUIT } tui_hook_key;
typedef struct tui_hook {
    void *ctx;
    void (*start)(void *ctx, tui_model *m);  /* once, after the first run */
    /* Draws its pane in part of main and returns what is left for the handshake
     * panes (h 0: none); h is the hit map the panes fill, for mouse clicks. It may
     * scroll the detail pane (m->scroll), which needs the layout it decides. */
    tui_rect (*draw)(void *ctx, tui_model *m, tui_rect main, tui_hits *h);
    void (*overlay)(void *ctx, const tui_model *m);
    tui_hook_key (*key)(void *ctx, tui_model *m, int ch);
    /* A click (wheel 0) or a wheel notch (-1 up, 1 down) at (y, x); true when the
     * hook took it. Optional. */
    bool (*mouse)(void *ctx, tui_model *m, int y, int x, int wheel);
} tui_hook;

/* How wide the ladder is beside the detail pane in w columns; for the trace t (an
 * attacker's lane makes it wider). */
int tui_ladder_width(int w);
int tui_step_ladder_width(const trace *t, int w);

/* tui_run with a hook, without timing. */
int tui_run_hooked(const scenario *sc, const scenario *chosen, tui_theme theme,
                   const tui_hook *hook);

#endif
