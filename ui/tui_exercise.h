/* A hidden-fault exercise (`tlssim exercise`): a fault picked from the catalogue by a
 * seed, run, and kept out of sight while the student steps up to the point where the
 * handshake breaks and answers four questions: which side notices, at which check,
 * with which alert, and which fault caused it. The answers are computed from the
 * trace (the first failed check, the first alert and its sender), never typed in.
 * This part is free of ncurses, so it can be tested on its own; ui/tui_exercise.c
 * draws it. */
#ifndef TLSSIM_TUI_EXERCISE_H
#define TLSSIM_TUI_EXERCISE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/fault_plan.h"
#include "sim/scenario.h"
#include "sim/trace.h"
#include "ui/tui_theme.h"

typedef enum ex_part { EX_SIDE, EX_CHECK, EX_ALERT, EX_CAUSE, EX_PARTS } ex_part;

enum {
    EX_MAX_CHOICES = 24,
    EX_MAX_TRIES = 3,  /* wrong answers before the answer is shown */
    EX_MAX_HINTS = 2,
    EX_ALL = -1,       /* no --category: every category */
};

#define EX_NO_CHECK "none: the message was refused as soon as it arrived"

typedef struct ex_question {
    const char *slug;   /* "side", "check", "alert", "cause": the progress item's last part */
    char prompt[256];
    char choices[EX_MAX_CHOICES][96];
    size_t n;
    size_t right;       /* index of the right choice */
    char hints[EX_MAX_HINTS][400];
    size_t n_hints;
    unsigned attempts;  /* answers given */
    unsigned hints_shown;
    bool done;          /* answered right, or given up */
    bool right_in_end;  /* answered right (within EX_MAX_TRIES) */
} ex_question;

typedef struct exercise {
    uint64_t seed;
    int category;               /* a fault_category, or EX_ALL */
    const fault_info *fault;    /* the hidden fault */
    scenario sc;                /* what runs: the chosen scenario with the fault, fitted */
    trace full;                 /* the whole run */
    size_t fail_check;          /* index in full of the first failed check, or (size_t)-1 */
    size_t alert_ev;            /* index in full of the first alert other than close_notify */
    size_t frontier;            /* the first of those two: the student stops before it */
    fault_set pool;             /* a lesson's @exercise pool: the causes offered; 0: the category */
    ex_question q[EX_PARTS];
    char unit[128];             /* "exercise/SEED" or "exercise/SEED-CATEGORY" (progress) */
} exercise;

/* The category a command-line name means: "records", "server-certificate" or
 * "server certificate" (case ignored). */
bool exercise_category_parse(const char *name, int *out);
/* The category's name as typed on the command line ("server-certificate"). */
void exercise_category_slug(int category, char *out, size_t n);
/* "server-certificate, client-certificate, ..." for a usage error. */
void exercise_category_list(char *out, size_t n);
/* The faults an exercise can hide: carried out by this build and ending in an alert. */
bool exercise_eligible(const fault_info *f, int category);

/* Picks the fault for seed (the same seed and options, the same fault), runs it and
 * works out the answers and the choices. chosen is the scenario of the command line
 * (its faults ignored); given says which of suite and group the user fixed. False,
 * with why, when no fault of the category fits the scenario. */
bool exercise_start(exercise *ex, uint64_t seed, int category, const scenario *chosen,
                    fault_given given, char *why, size_t n);
/* The same with a given fault (tests, a lesson's own pool); category EX_ALL. */
bool exercise_start_with(exercise *ex, const fault_info *f, uint64_t seed, const scenario *chosen,
                         fault_given given, char *why, size_t n);
/* A lesson's mystery (@exercise FAULT, FAULT, ...): one fault of the comma-separated
 * pool picked by the seed, the cause chosen among the pool. False, with why, for a
 * name that is not a fault or has nothing to find, or when none fits the scenario. */
bool exercise_start_pool(exercise *ex, const char *pool, uint64_t seed, const scenario *chosen,
                         fault_given given, char *why, size_t n);
void exercise_free(exercise *ex);

/* The trace the student steps through before the reveal: the events before the
 * frontier, without the notes that name the injected fault, numbered afresh. Its
 * events share the full trace's memory: free it with exercise_view_free only.
 * map[i] is the index in full of the view's event i (map has full.n entries). */
bool exercise_view(const exercise *ex, trace *view, size_t *map);
void exercise_view_free(trace *view);
/* Whether an event is the engine's note that a fault was injected (it names it). */
bool exercise_is_fault_note(const trace_event *e);

typedef enum ex_grade { EXG_RIGHT, EXG_WRONG, EXG_GAVE_UP, EXG_DONE } ex_grade;
/* Grades choice (an index into q[p].choices); a wrong answer shows the next hint, and
 * the EX_MAX_TRIES-th wrong one gives up. */
ex_grade exercise_answer(exercise *ex, ex_part p, size_t choice);
/* The current part: the first not done, or EX_PARTS when all are. */
ex_part exercise_current(const exercise *ex);
unsigned exercise_score(const exercise *ex);
/* Writes every part to the progress file and finishes the unit; false, with why. */
bool exercise_save(const exercise *ex, char *why, size_t n);
/* The reveal, in plain words: the fault, the check and what it found, the alert and
 * what it means, the score. */
void exercise_reveal_text(const exercise *ex, char *out, size_t n);
/* What an alert means, in a line (RFC 5246 7.2.2), without its name. */
const char *exercise_alert_meaning(int alert);

/* Runs the exercise in the terminal; returns an exit status. */
int tui_exercise_run(exercise *ex, tui_theme theme);

#endif
