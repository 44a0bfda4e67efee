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
/* Where the progress is kept: the folder ($XDG_STATE_HOME/tlssim) and the file in it;
 * false with why when neither XDG_STATE_HOME nor a home folder is known. */
bool progress_dir(char *out, size_t n, char *why, size_t wn);
bool progress_path(char *out, size_t n, char *why, size_t wn);
/* Prints the report (text, or JSON with json) to f; returns an exit status. */
int progress_report(FILE *f, bool json);

#endif
