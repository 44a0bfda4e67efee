/* Drawing primitives shared by the panes: clipped UTF-8 text, boxes, wrapping. */
#ifndef TLSSIM_TUI_DRAW_H
#define TLSSIM_TUI_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/tui_theme.h"

typedef struct tui_rect {
    int y, x, h, w;
} tui_rect;

/* Draws s at (y, x), at most w columns; returns the columns used. Characters the
 * terminal cannot show (non-ASCII in a non-UTF-8 locale) become '?'. */
int tui_put(int y, int x, int w, int attr, const char *s);
/* As tui_put, but a text wider than w ends in an ellipsis instead of being cut silently. */
int tui_put_fit(int y, int x, int w, int attr, const char *s);
int tui_putf(int y, int x, int w, int attr, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void tui_fill(int y, int x, int w, int attr);
/* A frame with a title; the inside is r shrunk by one on every side. */
void tui_frame(tui_rect r, const char *title, bool focus);
tui_rect tui_inside(tui_rect r);
/* A cleared, framed box of h x w centred on the screen (for help and menus);
 * returns its inside. */
tui_rect tui_overlay(int h, int w, const char *title);
/* Columns s takes on screen. */
int tui_width(const char *s);
/* Word-wraps s into lines of at most w columns, drawing lines [skip, skip + h) at
 * (y, x); returns how many lines the whole text takes. */
int tui_wrap(int y, int x, int w, int h, int skip, int attr, const char *s);

#endif
