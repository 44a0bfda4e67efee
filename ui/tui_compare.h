/* The comparison of two runs in the terminal UI: two ladders side by side, aligned
 * by message and moved together, the summary, and the fields and bytes of the
 * selected message on the side that has the focus. */
#ifndef TLSSIM_TUI_COMPARE_H
#define TLSSIM_TUI_COMPARE_H

#include <stdint.h>

#include "ui/compare_model.h"
#include "ui/tui_theme.h"

/* Sets up the terminal, shows the comparison until the user quits; an exit status. */
int tui_compare_main(const compare_model *m, uint64_t seed, tui_theme theme);
/* Shows the comparison on a terminal the UI has set up already, until q or Esc. */
void tui_compare_view(const compare_model *m, uint64_t seed);

#endif
