/* ncurses declares a debugging function named trace(), which collides with the
 * simulator's trace type; rename it on the way in. Include this, not <curses.h>. */
#ifndef TLSSIM_TUI_CURSES_H
#define TLSSIM_TUI_CURSES_H

#define trace ncurses_debug_trace
#include <curses.h>
#undef trace

/* The wheel arrives as presses of buttons 4 (up) and 5 (down). */
#define WHEEL_UP BUTTON4_PRESSED
#define WHEEL_DOWN BUTTON5_PRESSED

/* Attributes as int, the type the panes pass around. */
#define TUI_BOLD ((int)A_BOLD)
#define TUI_REVERSE ((int)A_REVERSE)
#define TUI_UNDERLINE ((int)A_UNDERLINE)

#endif
