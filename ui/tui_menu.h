/* The scenario menu: change the suite, group, mutual TLS, extended master secret
 * or seed, and re-run. It edits a draft; only Enter applies it. */
#ifndef TLSSIM_TUI_MENU_H
#define TLSSIM_TUI_MENU_H

#include <stdbool.h>

#include "sim/scenario.h"

typedef struct tui_menu {
    bool open;
    int item;
    scenario draft;
} tui_menu;

typedef enum tui_menu_result { MENU_STAY, MENU_APPLY, MENU_CANCEL } tui_menu_result;

void tui_menu_open(tui_menu *mn, const scenario *sc);
void tui_menu_draw(const tui_menu *mn);
tui_menu_result tui_menu_key(tui_menu *mn, int key);
/* Makes the group fit the suite: DHE takes ffdhe2048, ECDHE an elliptic curve. */
void tui_scenario_fit_group(scenario *sc);

#endif
