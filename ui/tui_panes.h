/* The panes of the terminal UI. Each draws one part of the model into a rectangle
 * and records where it put things, so mouse clicks map back to steps, fields and
 * bytes. */
#ifndef TLSSIM_TUI_PANES_H
#define TLSSIM_TUI_PANES_H

#include "ui/tui_draw.h"
#include "ui/tui_model.h"

enum { TUI_MAX_ROWS = 256 };

/* Where the last frame drew what. */
typedef struct tui_hits {
    tui_rect ladder;     /* inside of the ladder frame */
    size_t ladder_top;   /* event on the ladder's first row */
    size_t ladder_row[TUI_MAX_ROWS]; /* the event on each ladder row (folded groups skip) */
    int n_ladder_rows;
    tui_rect fields;
    size_t field_row[TUI_MAX_ROWS]; /* annotation index on each fields row */
    int n_field_rows;
    tui_rect hex;
    size_t hex_first;    /* byte at the start of the hex area's first row */
    int hex_per_row;
    int page;            /* rows of the scrolling area, for PgUp/PgDn */
    int total;           /* lines of the scrolling text, to stop scrolling past it */
    tui_rect scrolls;    /* a detail text the mouse wheel scrolls (a record's protection) */
    int fold_line;       /* the detail text's line of the PRF fold, or 0: none */
} tui_hits;

void tui_draw_ladder(const tui_model *m, tui_rect r, tui_hits *h);
/* One ladder row: event i of t across r (lifelines at its edges), as the cursor's
 * row when cur (the comparison draws two ladders with it). */
void tui_ladder_row(const trace *t, size_t i, bool cur, int y, tui_rect r);
/* Whether the run has an attacker's steps: the ladder gives it a lane of its own. */
bool tui_trace_has_attacker(const trace *t);
void tui_draw_detail(const tui_model *m, tui_rect r, tui_hits *h);
/* The line of the detail text (from 0) where m->mark starts when the pane is w
 * columns wide (frame included), or -1: the current step does not show it. */
int tui_detail_mark_line(const tui_model *m, int w);
/* Whether m->mark is value i of that kind in event e; a marked value drawn as such. */
bool tui_detail_marked(const tui_model *m, const trace_event *e, tui_mark_kind kind, size_t i);
struct tui_flow;
void tui_flow_marked_blob(struct tui_flow *f, const trace_blob *b);
/* A message's field tree and hex dump in r (the detail pane and the certificate view). */
void tui_draw_fields_hex(const tui_model *m, tui_rect r, tui_hits *h);
void tui_draw_secrets(const tui_model *m, tui_rect r, tui_hits *h);
/* A protected record's sealing: its formula and each named value, explained. */
void tui_draw_record_protection(const tui_model *m, const trace_event *e, tui_rect r, tui_hits *h);
struct tui_flow;
/* A computation's steps (the PRF opened) as a fold: one line while closed, every
 * A(i) and block when m->steps_open (Enter). Returns the line where m->mark
 * starts when it is one of the steps, else -1. */
int tui_flow_steps(struct tui_flow *f, const tui_model *m, const trace_event *e, int indent);
void tui_draw_chain(const tui_model *m, tui_rect r, tui_hits *h);
/* The scenario, the step and the main keys; returns the rows it took (1 or 2). */
int tui_draw_status(const tui_model *m, int y, int w);
void tui_draw_narration(const tui_model *m, tui_rect r);
/* The glossary (g, ui/tui_glossary.c): the term of the selected field or of the
 * current step, or NULL; and its box over the panes. */
struct glossary_term;
const struct glossary_term *tui_glossary_term(const tui_model *m);
void tui_draw_glossary(const struct glossary_term *t);
/* Lines the narration of the current step needs at width w (2 at least, max at most):
 * the box grows so a narration is never cut. */
int tui_narration_height(const tui_model *m, int w, int max);
void tui_draw_help(void);

/* Short hex of a byte string for one line: "38e82a5c15…" within max_chars. */
void tui_hex_snippet(const uint8_t *p, size_t n, size_t max_chars, char *out, size_t outlen);

#endif
