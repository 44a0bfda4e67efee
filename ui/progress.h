/* A student's progress in lessons and exercises, kept in
 * $XDG_STATE_HOME/tlssim/progress.json (~/.local/state when unset) so that a teacher
 * can collect it with `tlssim lesson --report`. */
#ifndef TLSSIM_PROGRESS_H
#define TLSSIM_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* One question answered: item is "LESSON-ID/STEP/QUESTION" or "exercise/SEED/PART"
 * (SEED is "SEED-CATEGORY" for `tlssim exercise --category`; PART is side, check,
 * alert or cause). The report groups answers by lesson, or by "exercise/SEED". */
typedef struct progress_answer {
    const char *item;
    unsigned attempts;   /* answers given, the right one included */
    unsigned hints;      /* hints shown */
    bool right;          /* answered right in the end (false: gave up) */
} progress_answer;

/* Records an answer (read-modify-write of the file, written atomically); false with
 * the reason in why when the file cannot be read or written. */
bool progress_record(const progress_answer *a, char *why, size_t n);
/* Marks a lesson (or "exercise/SEED") finished with its score out of max. */
bool progress_finish(const char *unit, unsigned score, unsigned max, char *why, size_t n);
/* Whether the lesson was finished; its best score when it was. */
bool progress_done(const char *unit, unsigned *score, unsigned *max);
/* Where a student is in a lesson not finished yet, so that opening it again goes on
 * from there: the step and question, the seed its values came from, and each
 * question's state (attempts, hints, settled or not, the answer shown once settled).
 * Kept under "places" in the file; finishing the lesson removes it. */
typedef enum progress_outcome { PO_OPEN, PO_RIGHT, PO_SHOWN } progress_outcome;
typedef struct progress_question {
    unsigned attempts, hints;
    progress_outcome outcome;
    bool wrong;        /* the last answer was wrong */
    char answer[160];  /* the right answer in words, once settled */
} progress_question;
typedef struct progress_place {
    size_t step, question;  /* where the student is, from 0 */
    unsigned long long seed;
    size_t n_steps, n_q;    /* the lesson's shape: a lesson edited since is not resumed */
    progress_question *q;   /* n_q of them (NULL: not read) */
    bool *exercised;        /* n_steps of them: the step's @exercise was done (NULL: not read) */
} progress_place;
bool progress_save_place(const char *unit, const progress_place *p, char *why, size_t n);
/* Reads the place saved for unit: true when there is one of the same shape (p's n_steps
 * and n_q, unless both are 0: then they are filled and only step, question and seed are
 * read). The arrays, when not NULL, are filled. */
bool progress_load_place(const char *unit, progress_place *p);
bool progress_clear_place(const char *unit, char *why, size_t n);
/* Where the progress is kept: the folder ($XDG_STATE_HOME/tlssim) and the file in it;
 * false with why when neither XDG_STATE_HOME nor a home folder is known. */
bool progress_dir(char *out, size_t n, char *why, size_t wn);
bool progress_path(char *out, size_t n, char *why, size_t wn);
/* Prints the report (text, or JSON with json) to f; returns an exit status. */
int progress_report(FILE *f, bool json);

#endif
