/* The fault menu (`f`): the catalogue grouped by category, each fault with its
 * explanation and the alert a real peer sends. Space marks several; Enter runs. H
 * hides who notices and the alert, so a teacher can project the menu without giving
 * the answers away. */
#ifndef TLSSIM_TUI_FAULTS_H
#define TLSSIM_TUI_FAULTS_H

#include <stdbool.h>

#include "sim/fault.h"
#include "ui/tui_menu.h"

typedef struct tui_fault_menu {
    bool open;
    int row;          /* index into the menu's rows: the none row, then faults */
    int top;          /* first row shown */
    fault_set marked;
    bool hide;        /* hide the checker and the alert (kept between openings) */
} tui_fault_menu;

void tui_faults_open(tui_fault_menu *fm, fault_set current);
void tui_faults_draw(tui_fault_menu *fm);
/* text with every alert name in it replaced by "(hidden)", for the hidden mode. */
void tui_faults_mask_alerts(char *text, size_t n);
/* MENU_APPLY leaves the chosen set in fm->marked. */
tui_menu_result tui_faults_key(tui_fault_menu *fm, int key);

#endif
