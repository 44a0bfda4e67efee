/* The terminal UI (ncursesw): steps through a run's trace. */
#ifndef TLSSIM_TUI_H
#define TLSSIM_TUI_H

#include "sim/scenario.h"
#include "ui/tui_theme.h"

/* Runs the UI on a terminal until the user quits; returns an exit status. sc is
 * what runs first; chosen is the same before fitting it to its faults. If
 * timing_path is set, writes how long the first screen took since started_ms (on
 * CLOCK_MONOTONIC) and how long each key took to handle and redraw. */
int tui_run(const scenario *sc, const scenario *chosen, tui_theme theme, const char *timing_path,
            double started_ms);
double tui_now_ms(void);

#endif
