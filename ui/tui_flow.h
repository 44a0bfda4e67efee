/* Flowing text for the scrolling panes: paragraphs wrap to the width, lines before
 * the scroll position are counted but not drawn. */
#ifndef TLSSIM_TUI_FLOW_H
#define TLSSIM_TUI_FLOW_H

#include <stddef.h>
#include <stdint.h>

#include "sim/trace.h"
#include "ui/tui_draw.h"

typedef struct tui_flow {
    tui_rect r;
    int line; /* lines laid out so far */
    int skip; /* lines scrolled away */
} tui_flow;

void flow_text(tui_flow *f, int indent, int attr, const char *text);
void flow_textf(tui_flow *f, int indent, int attr, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void flow_blank(tui_flow *f);
/* A byte string as hex, wrapped at a whole number of bytes. */
void flow_hex(tui_flow *f, int indent, int attr, const uint8_t *p, size_t n);
/* "name (N bytes) — explanation" then the hex. */
void flow_blob(tui_flow *f, const trace_blob *b, int attr);

#endif
