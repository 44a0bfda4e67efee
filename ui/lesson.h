/* Lessons: files a teacher writes (lessons/README.md), loaded at run time, their
 * scenarios run, and their references and answers evaluated over the trace. The TUI's
 * lesson pane, `tlssim lesson --check` and `--key` all go through this one model. */
#ifndef TLSSIM_LESSON_H
#define TLSSIM_LESSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/trace.h"
#include "ui/scenario_args.h"

typedef enum lesson_qkind { LQ_CHOICE, LQ_HEX, LQ_NUMBER, LQ_NAME, LQ_SELECT } lesson_qkind;

enum { LESSON_MAX_SCENARIOS = 2, LESSON_MAX_HINTS = 4, LESSON_MAX_CHOICES = 8 };

typedef struct lesson_question {
    lesson_qkind kind;
    char *text;
    char *choices[LESSON_MAX_CHOICES];
    bool choice_right[LESSON_MAX_CHOICES]; /* from @choice* */
    size_t n_choices;
    char *answer;        /* the @answer expression, or NULL (a choice with @choice*) */
    char *hints[LESSON_MAX_HINTS];
    size_t n_hints;
    char *explain;
    unsigned line;       /* where @question is, for --check's messages */
} lesson_question;

typedef struct lesson_step {
    char *title;         /* the ## heading */
    char *narration;     /* the prose under it (Markdown) */
    int scenario;        /* which scenario it shows (@use; inherited from the step before) */
    char *go_to;         /* @goto REF, or NULL */
    char *highlight;     /* @highlight REF, or NULL */
    lesson_question *questions;
    size_t n_questions;
    char *exercise;      /* @exercise: the comma-separated pool of faults, or NULL */
    unsigned line;
    unsigned goto_line, highlight_line, exercise_line; /* where those directives are */
} lesson_step;

typedef struct lesson_scenario {
    char *name;
    char *options;       /* as written: "--suite X --group Y" */
    unsigned line;
} lesson_scenario;

typedef struct lesson {
    char *path;          /* the file it came from */
    char *id, *title, *rfc, *requires;
    unsigned requires_line; /* where requires: is, for --check */
    int level, minutes, order;
    char **misconceptions;
    size_t n_misconceptions;
    char *intro;         /* the prose before the first step */
    lesson_scenario scenarios[LESSON_MAX_SCENARIOS];
    size_t n_scenarios;
    lesson_step *steps;
    size_t n_steps;
} lesson;

typedef struct lesson_list {
    lesson *v;
    size_t n;
} lesson_list;

/* Parses one file. On an error returns false and writes "FILE:LINE: reason" to err. */
bool lesson_load(const char *path, lesson *out, char *err, size_t n);
/* The same over text already in memory (len bytes; path only names it in errors). */
bool lesson_parse(const char *path, const char *text, size_t len, lesson *out, char *err,
                  size_t n);
void lesson_free(lesson *l);
/* Every *.lesson in the built-in folders (next to the binary, the installed share
 * folder) and then in extra_dirs (later ones replace lessons with the same id),
 * sorted by order. Files that fail to load are reported to stderr and skipped,
 * unless strict, when the first such error fails the call (err filled). */
bool lesson_list_load(lesson_list *out, const char *const *extra_dirs, size_t n_extra,
                      bool strict, char *err, size_t n);
void lesson_list_free(lesson_list *l);
const lesson *lesson_find(const lesson_list *l, const char *id);
/* The built-in folders that exist: next to the binary in the build tree
 * (BIN/../lessons) and where `make install` puts them (BIN/../share/tlssim/lessons). */
size_t lesson_builtin_dirs(char dirs[][4096], size_t max);
/* The *.lesson files of one folder, sorted by name (each malloc'd, and the array);
 * false with the reason in err when the folder cannot be read. */
bool lesson_dir_files(const char *dir, char ***paths, size_t *n_paths, char *err, size_t n);
void lesson_dir_files_free(char **paths, size_t n_paths);
/* Adds l to the list (moved: l is left empty), replacing a lesson with the same id;
 * false when out of memory. */
bool lesson_list_add(lesson_list *list, lesson *l);
/* Sorts by order, then id: the course order. */
void lesson_list_sort(lesson_list *list);

/* A lesson's scenarios run with a seed: the ones without --seed get this one. */
typedef struct lesson_run {
    const lesson *lesson;
    uint64_t seed;
    scenario_args args[LESSON_MAX_SCENARIOS];
    trace traces[LESSON_MAX_SCENARIOS];
    size_t n;
    /* The scenarios' option words: args keeps pointers into them. */
    char *words[LESSON_MAX_SCENARIOS];
    char **argv[LESSON_MAX_SCENARIOS];
    char *files[LESSON_MAX_SCENARIOS][2]; /* --pki, --cafile made relative to the lesson */
    bool args_ready[LESSON_MAX_SCENARIOS];
} lesson_run;

/* Runs every scenario of the lesson; false with "FILE:LINE: reason" in err. */
bool lesson_run_start(lesson_run *r, const lesson *l, uint64_t seed, char *err, size_t n);
void lesson_run_free(lesson_run *r);

/* What a reference names in one trace: an event, and in it a field or a named value. */
typedef struct lesson_target {
    size_t event;        /* index into the trace's events */
    long field;          /* index into the event's fields, or -1 */
    const trace_blob *blob; /* a computation's input or output, or NULL */
} lesson_target;

/* Resolves REF (lessons/README.md, References) in t; false with the reason in err. */
bool lesson_resolve(const trace *t, const char *ref, lesson_target *out, char *err, size_t n);

/* The value of an @answer expression. */
typedef enum lesson_vkind { LV_BYTES, LV_NUMBER, LV_NAME } lesson_vkind;
typedef struct lesson_value {
    lesson_vkind kind;
    uint8_t bytes[512];  /* LV_BYTES (the first 512 bytes of longer values) */
    size_t len;
    unsigned long long number; /* LV_NUMBER */
    char name[128];      /* LV_NAME */
    lesson_target target; /* LV_BYTES from a field: where its bytes are (select questions) */
    bool has_target;
    /* has_target: the bytes' place in the event's bytes (a field, or bytes() of one):
     * what a select question must match exactly. */
    size_t sel_offset, sel_len;
    bool truncated;      /* LV_BYTES: longer than bytes[], only the start is kept */
} lesson_value;

bool lesson_eval(const trace *t, const char *expr, lesson_value *out, char *err, size_t n);
/* The right answer as a student would type it ("a1b2c3d4", "23", "bad_certificate"). */
void lesson_value_text(const lesson_value *v, char *out, size_t n);

/* Grades a student's answer to q against the trace the question's step shows. For
 * LQ_SELECT, answer is "OFFSET+LEN" within the event's bytes, or "SEQ:OFFSET+LEN"
 * naming the event too; for LQ_CHOICE the 1-based number of the choice. */
typedef enum lesson_grade { LG_RIGHT, LG_WRONG, LG_INVALID } lesson_grade;
lesson_grade lesson_grade_answer(const trace *t, const lesson_question *q, const char *answer,
                                 char *why, size_t n);

/* --check: loads, runs and evaluates everything; prints "FILE:LINE: reason" per
 * problem to stderr and returns how many lessons failed. */
size_t lesson_check_all(const lesson_list *l, uint64_t seed);
/* The same for one lesson; true when nothing is wrong. */
bool lesson_check_one(const lesson *l, uint64_t seed);
/* Every id in l's requires: is a lesson of one of the lists (NULL: none); prints
 * "FILE:LINE: reason" per missing one. */
bool lesson_check_requires(const lesson *l, const lesson_list *a, const lesson_list *b);

#endif
