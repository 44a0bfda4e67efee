/* What the terminal UI shows and where its cursors are, without any drawing: the
 * trace of one run, the current step, the pane with the focus, the selected field
 * and which field nodes are collapsed. Key handling changes this state; the panes
 * draw it. Kept free of ncurses so it can be tested on its own. */
#ifndef TLSSIM_TUI_MODEL_H
#define TLSSIM_TUI_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/scenario.h"
#include "sim/trace.h"

typedef enum tui_view {
    VIEW_STEP,    /* the ladder and the current step's details */
    VIEW_SECRETS, /* every secret derived up to the current step */
    VIEW_CHAIN,   /* each certificate of each chain, with every check */
    VIEW_CERT,    /* a certificate as an annotated ASN.1 tree with its bytes */
    VIEW_COUNT,
} tui_view;

typedef enum tui_pane { PANE_LADDER, PANE_FIELDS, PANE_HEX, PANE_COUNT } tui_pane;

#define TUI_NONE ((size_t)-1)

/* What a lesson step highlights in the detail pane of a computation or check: one of
 * its named values (an output, an input, a step inside the PRF) or the check's
 * verdict. Drawn highlighted while the ladder is on that event. */
typedef enum tui_mark_kind { MARK_NONE, MARK_OUTPUT, MARK_INPUT, MARK_STEP, MARK_VERDICT } tui_mark_kind;
typedef struct tui_mark {
    tui_mark_kind kind;
    size_t event; /* index into the trace's events */
    size_t index; /* into the event's outputs, inputs or steps */
} tui_mark;

typedef struct tui_model {
    scenario sc;     /* what runs: the user's choice, fitted to its faults, with edits */
    scenario chosen; /* the user's choice (command line, scenario menu), before faults */
    trace t;
    size_t step;   /* the event the ladder cursor is on */
    tui_view view;
    tui_pane pane;
    /* The event whose fields the detail pane shows (the step, or in the certificate
     * view the certificate message) and its per-field state. */
    size_t detail;
    size_t field;      /* selected annotation, or TUI_NONE */
    bool *collapsed;   /* one per annotation of the detail event */
    size_t n_collapsed;
    size_t hex_byte;   /* the byte under the hex cursor */
    size_t scroll;     /* first line of the full-screen views and of the detail text */
    size_t cert_index; /* which certificate message the certificate view shows */
    bool steps_open; /* the fold of a computation's steps (the PRF opened), per step */
    bool help;
    bool hide_future; /* exercises: the ladder shows nothing after the current step */
    bool chains_open; /* the certificate checks of each chain shown one by one, not folded */
    char flash[256]; /* a one-off message for the narration line, or "" */
    tui_mark mark;   /* MARK_NONE outside lessons */
    /* A byte range marked in the hex pane (a lesson's select question, for bytes inside
     * a field): from range_anchor to hex_byte, either way round, while range_event is
     * the detail event; TUI_NONE: none. */
    size_t range_event, range_anchor;
} tui_model;

void tui_model_init(tui_model *m, const scenario *sc);
void tui_model_free(tui_model *m);
/* Runs the engine on m->sc and keeps the cursor on the same step where it still
 * exists (same actor, kind, title and occurrence), else the nearest one. */
bool tui_model_run(tui_model *m);

const trace_event *tui_current(const tui_model *m);
const trace_event *tui_detail_event(const tui_model *m);

/* Moves the cursor to an event; one inside a folded group of certificate checks
 * opens the groups, so the cursor is always on a row the ladder shows. */
void tui_goto_step(tui_model *m, size_t step);

/* The certificate checks of one chain (consecutive "certificate check:" events of
 * one side) fold into one ladder row, the group's first event. True when event i is
 * in such a group (of two checks or more), with its first event, its size and how
 * many of its checks failed. */
bool tui_fold_group(const trace *t, size_t i, size_t *first, size_t *count, size_t *failed);
/* Whether the ladder hides event i (folded into its group's row). */
bool tui_step_hidden(const tui_model *m, size_t i);
/* Moves the cursor by delta ladder rows (a folded group is one row). */
void tui_step_move(tui_model *m, long delta);
/* Moves to the next (dir 1) or previous (dir -1) message or alert, skipping checks,
 * derivations, records and notes; stays where it is when there is none. */
void tui_step_message(tui_model *m, int dir);
/* Opens or folds the groups of certificate checks; folding moves a cursor inside a
 * group to its row. */
void tui_fold_toggle(tui_model *m);
void tui_set_view(tui_model *m, tui_view v);

/* The field tree: visible rows (collapsed nodes hide their descendants). */
bool tui_field_has_children(const trace_event *e, size_t i);
bool tui_field_visible(const tui_model *m, size_t i);
size_t tui_visible_fields(const tui_model *m, size_t *rows, size_t max);
void tui_field_move(tui_model *m, int delta);
void tui_field_toggle(tui_model *m);
/* The deepest field covering a byte, or TUI_NONE; selecting it opens its ancestors. */
size_t tui_field_at_byte(const trace_event *e, size_t byte);
void tui_select_byte(tui_model *m, size_t byte);
void tui_select_field(tui_model *m, size_t i);

/* Where byte `byte` of the detail event went on the wire, as an edit target (value
 * left to fill): a record's own bytes, or a plaintext message's inside the record
 * that carried it. False, with why in words, when the byte cannot be edited there. */
bool tui_edit_target(const tui_model *m, size_t byte, wire_edit *out, char *why, size_t n);
/* Adds (or replaces) an edit and re-runs; false when there is no room. */
bool tui_add_edit(tui_model *m, const wire_edit *ed);
/* Runs the chosen scenario with these faults (fitted to them: a fault may need
 * another suite or group, which lasts only while the fault does) and the current
 * edits, and moves to the first check that failed; false, with why, when they do
 * not fit. */
bool tui_run_faults(tui_model *m, fault_set set, char *why, size_t n);
/* A new choice from the scenario menu, run with the current faults. */
bool tui_choose_scenario(tui_model *m, const scenario *sc, char *why, size_t n);
/* Moves to the first failed check or fatal alert; when nothing failed, to the
 * attacker's first step, if any. */
void tui_goto_first_failure(tui_model *m);

/* The marked byte range of the detail event (first byte, count); false when none. */
bool tui_range(const tui_model *m, size_t *from, size_t *len);

/* Certificate messages in the trace, for the certificate view. */
size_t tui_cert_events(const tui_model *m, size_t *idx, size_t max);

#endif
