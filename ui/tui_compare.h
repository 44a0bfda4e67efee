/* The comparison of two runs in the terminal UI: two ladders side by side, aligned
 * by message and moved together, the summary, and the fields and bytes of the
 * selected message on the side that has the focus. */
#ifndef TLSSIM_TUI_COMPARE_H
#define TLSSIM_TUI_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/compare_model.h"
#include "ui/tui_theme.h"

/* Sets up the terminal, shows the comparison until the user quits; an exit status. */
int tui_compare_main(const compare_model *m, uint64_t seed, tui_theme theme);
/* Shows the comparison on a terminal the UI has set up already, until q or Esc. */
void tui_compare_view(const compare_model *m, uint64_t seed);

/* The TUI's `c`: picks another suite in a small menu, runs the chosen scenario with
 * it (the same faults, where they fit, and edits) and shows it beside the current
 * run (sc, which made t). False, with why, when that run cannot be set up. */
bool tui_compare_pick(const scenario *sc, const scenario *chosen, const trace *t, char *why,
                      size_t n);

#endif
