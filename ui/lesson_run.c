/* Running a lesson: each @scenario line's options go through the same parser as
 * `tlssim run` (ui/scenario_args.c), a scenario without --seed gets the student's
 * seed, and the engine records a trace per scenario. --check then walks every step
 * and question over those traces. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/engine.h"
#include "sim/fault.h"
#include "ui/lesson.h"

enum { MAX_TOKENS = 64 };

/* Splits options as a shell would for simple cases: words apart by spaces, "..." or
 * '...' keep spaces inside. The words point into buf. False on an open quote. */
static bool split_words(char *buf, char **argv, int *argc, int max)
{
    *argc = 0;
    char *r = buf, *w = buf;
    while (*r) {
        while (*r == ' ' || *r == '\t')
            r++;
        if (!*r)
            break;
        if (*argc == max)
            return false;
        argv[(*argc)++] = w;
        while (*r && *r != ' ' && *r != '\t') {
            if (*r == '"' || *r == '\'') {
                char q = *r++;
                while (*r && *r != q)
                    *w++ = *r++;
                if (*r != q)
                    return false;
                r++;
            } else {
                *w++ = *r++;
            }
        }
        if (*r)
            r++;
        *w++ = 0; /* at most where r stood: a space, or the string's own end */
    }
    return true;
}

/* scenario_args reports a bad option on stderr, as `tlssim run` does; here the message
 * belongs on the lesson's line, so stderr is caught for the call (glibc's stderr is
 * an ordinary variable) and its first line kept. */
static int take_quietly(scenario_args *a, int argc, char **argv, int *i, int (*finish)(scenario_args *),
                        char *msg, size_t n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    FILE *saved = stderr;
    if (mem)
        stderr = mem;
    int rc = finish ? finish(a) : scenario_args_take(a, "run", argc, argv, i);
    if (mem) {
        stderr = saved;
        fclose(mem);
    }
    msg[0] = 0;
    if (buf && len) {
        const char *s = strncmp(buf, "tlssim: ", 8) == 0 ? buf + 8 : buf;
        size_t k = strcspn(s, "\n");
        snprintf(msg, n, "%.*s", (int)k, s);
    }
    free(buf);
    return rc;
}

static int finish_args(scenario_args *a)
{
    return scenario_args_finish(a, "run");
}

/* A lesson carries its files with it: a relative --pki or --cafile is read from the
 * lesson's own folder, wherever tlssim runs from. */
static bool lesson_relative_files(lesson_run *r, size_t k, int argc, char **argv)
{
    const char *path = r->lesson->path;
    const char *slash = strrchr(path, '/');
    size_t used = 0;
    for (int i = 1; i + 1 < argc && used < 2; i++) {
        if (strcmp(argv[i], "--pki") != 0 && strcmp(argv[i], "--cafile") != 0)
            continue;
        const char *v = argv[++i];
        if (v[0] == '/' || !slash)
            continue;
        size_t dl = (size_t)(slash - path), need = dl + 1 + strlen(v) + 1;
        char *p = malloc(need);
        if (!p)
            return false;
        snprintf(p, need, "%.*s/%s", (int)dl, path, v);
        r->files[k][used++] = p;
        argv[i] = p;
    }
    return true;
}

static bool start_one(lesson_run *r, size_t k, char *err, size_t n)
{
    const lesson *l = r->lesson;
    const lesson_scenario *s = &l->scenarios[k];
    scenario_args *a = &r->args[k];
    memset(a, 0, sizeof *a);
    scenario_defaults(&a->sc);
    /* The options' words stay alive with the run: scenario_args keeps pointers. */
    r->words[k] = strdup(s->options ? s->options : "");
    char **argv = calloc(MAX_TOKENS + 2, sizeof *argv);
    r->argv[k] = argv;
    if (!r->words[k] || !argv) {
        snprintf(err, n, "%s:%u: out of memory", l->path, s->line);
        return false;
    }
    int argc;
    argv[0] = "run";
    if (!split_words(r->words[k], argv + 1, &argc, MAX_TOKENS)) {
        snprintf(err, n, "%s:%u: scenario '%s': an open quote, or more than %d words", l->path,
                 s->line, s->name, MAX_TOKENS);
        return false;
    }
    argc++;
    if (!lesson_relative_files(r, k, argc, argv)) {
        snprintf(err, n, "%s:%u: out of memory", l->path, s->line);
        return false;
    }
    char msg[384];
    for (int i = 1; i < argc; i++) {
        int took = take_quietly(a, argc, argv, &i, NULL, msg, sizeof msg);
        if (took < 0) {
            snprintf(err, n, "%s:%u: scenario '%s': %s", l->path, s->line, s->name, msg);
            return false;
        }
        if (took == 0) {
            snprintf(err, n, "%s:%u: scenario '%s': '%s' is not a scenario option of 'tlssim "
                     "run'", l->path, s->line, s->name, argv[i]);
            return false;
        }
    }
    if (take_quietly(a, 0, NULL, NULL, finish_args, msg, sizeof msg) != 0) {
        snprintf(err, n, "%s:%u: scenario '%s': %s", l->path, s->line, s->name, msg);
        return false;
    }
    r->args_ready[k] = true;
    if (!a->sc.seeded) { /* each student their own values; answers follow the trace */
        a->sc.seeded = true;
        a->sc.seed = r->seed;
    }
    trace_init(&r->traces[k]);
    r->n = k + 1;
    if (!engine_run(&a->sc, &r->traces[k])) {
        snprintf(err, n, "%s:%u: scenario '%s': the engine failed: %s", l->path, s->line,
                 s->name, r->traces[k].result.reason);
        return false;
    }
    return true;
}

bool lesson_run_start(lesson_run *r, const lesson *l, uint64_t seed, char *err, size_t n)
{
    memset(r, 0, sizeof *r);
    r->lesson = l;
    r->seed = seed;
    for (size_t k = 0; k < l->n_scenarios; k++)
        if (!start_one(r, k, err, n)) {
            lesson_run_free(r);
            return false;
        }
    return true;
}

void lesson_run_free(lesson_run *r)
{
    for (size_t k = 0; k < LESSON_MAX_SCENARIOS; k++) {
        if (k < r->n)
            trace_free(&r->traces[k]);
        if (r->args_ready[k])
            scenario_args_free(&r->args[k]);
        free(r->words[k]);
        free(r->argv[k]);
        free(r->files[k][0]);
        free(r->files[k][1]);
    }
    memset(r, 0, sizeof *r);
}

/* What a question's answer must evaluate to, by kind. */
static const char *kind_problem(const lesson_question *q, const lesson_value *v)
{
    switch (q->kind) {
    case LQ_HEX:
        if (v->kind != LV_BYTES)
            return "a hex question needs bytes: a field, a value, or bytes(REF, START, LEN)";
        if (v->truncated)
            return "the answer is longer than 512 bytes: ask for bytes(REF, START, LEN)";
        return v->len ? NULL : "the answer has no bytes";
    case LQ_NUMBER:
        return v->kind == LV_NUMBER ? NULL : "a number question needs len(), uint() or count()";
    case LQ_NAME:
        if (v->kind != LV_NAME)
            return "a name question needs a name: an event, alert(), sender(), check(), "
                   "carrier(), text() or suite()";
        return v->name[0] ? NULL : "the answer is an empty name";
    case LQ_SELECT:
        return v->has_target ? NULL : "a select question needs a field of a message or record";
    case LQ_CHOICE:
        return NULL;
    }
    return "unknown kind";
}

/* The right answer as the TUI would send it, to be graded back: the grader and the
 * evaluator must agree. */
static void right_answer(const trace *t, const lesson_question *q, const lesson_value *v,
                         char *out, size_t n)
{
    if (q->kind == LQ_SELECT && t->ev && v->target.event < t->n) {
        snprintf(out, n, "%zu:%zu+%zu", t->ev[v->target.event].seq, v->sel_offset, v->sel_len);
        return;
    }
    lesson_value_text(v, out, n);
}

static bool check_question(const lesson *l, const trace *t, const lesson_question *q)
{
    char err[768];
    if (q->kind == LQ_CHOICE && !q->answer)
        return true; /* the parser saw to its @choice* */
    lesson_value v;
    if (!lesson_eval(t, q->answer, &v, err, sizeof err)) {
        fprintf(stderr, "%s:%u: @answer %s\n", l->path, q->line, err);
        return false;
    }
    const char *bad = kind_problem(q, &v);
    if (bad) {
        fprintf(stderr, "%s:%u: @answer %s: %s\n", l->path, q->line, q->answer, bad);
        return false;
    }
    char text[1100], why[256];
    if (q->kind == LQ_CHOICE) {
        size_t hits = 0;
        lesson_value_text(&v, text, sizeof text);
        for (size_t i = 0; i < q->n_choices; i++) {
            char num[24];
            snprintf(num, sizeof num, "%zu", i + 1);
            hits += lesson_grade_answer(t, q, num, why, sizeof why) == LG_RIGHT;
        }
        if (hits != 1) {
            fprintf(stderr, "%s:%u: @answer %s is '%s', which %s\n", l->path, q->line, q->answer,
                    text, hits ? "more than one @choice matches" : "no @choice matches");
            return false;
        }
        return true;
    }
    right_answer(t, q, &v, text, sizeof text);
    if (lesson_grade_answer(t, q, text, why, sizeof why) != LG_RIGHT) {
        fprintf(stderr, "%s:%u: the right answer '%s' does not grade as right: %s\n", l->path,
                q->line, text, why);
        return false;
    }
    return true;
}

static bool check_ref(const lesson *l, const trace *t, const char *ref, unsigned line,
                      const char *what)
{
    lesson_target g;
    char err[768];
    if (!ref || lesson_resolve(t, ref, &g, err, sizeof err))
        return true;
    fprintf(stderr, "%s:%u: %s %s\n", l->path, line, what, err);
    return false;
}

static bool check_exercise(const lesson *l, const lesson_step *s)
{
    if (!s->exercise)
        return true;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", s->exercise);
    bool ok = true;
    size_t count = 0;
    for (char *save = NULL, *tok = strtok_r(buf, ", ", &save); tok;
         tok = strtok_r(NULL, ", ", &save)) {
        const fault_info *f = fault_by_name(tok);
        count++;
        if (!f || !f->implemented) {
            fprintf(stderr, "%s:%u: @exercise: '%s' is not a fault of this build (see 'tlssim "
                    "list faults')\n", l->path, s->exercise_line, tok);
            ok = false;
        }
    }
    if (!count) {
        fprintf(stderr, "%s:%u: @exercise names no fault\n", l->path, s->exercise_line);
        ok = false;
    }
    return ok;
}

bool lesson_check_one(const lesson *l, uint64_t seed)
{
    lesson_run r;
    char err[768];
    if (!lesson_run_start(&r, l, seed, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < l->n_steps; i++) {
        const lesson_step *s = &l->steps[i];
        const trace *t = &r.traces[s->scenario];
        /* Each line is checked on its own: every problem is reported, not the first. */
        ok &= check_ref(l, t, s->go_to, s->goto_line, "@goto");
        ok &= check_ref(l, t, s->highlight, s->highlight_line, "@highlight");
        ok &= check_exercise(l, s);
        for (size_t k = 0; k < s->n_questions; k++)
            ok &= check_question(l, t, &s->questions[k]);
    }
    lesson_run_free(&r);
    return ok;
}

bool lesson_check_requires(const lesson *l, const lesson_list *a, const lesson_list *b)
{
    if (!l->requires)
        return true;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", l->requires);
    bool ok = true;
    for (char *save = NULL, *id = strtok_r(buf, ", ", &save); id;
         id = strtok_r(NULL, ", ", &save)) {
        if ((a && lesson_find(a, id)) || (b && lesson_find(b, id)))
            continue;
        fprintf(stderr, "%s:%u: requires '%s': no lesson has that id\n", l->path,
                l->requires_line, id);
        ok = false;
    }
    return ok;
}

size_t lesson_check_all(const lesson_list *l, uint64_t seed)
{
    size_t failed = 0;
    for (size_t i = 0; i < l->n; i++) {
        bool ok = lesson_check_requires(&l->v[i], l, NULL);
        failed += !(lesson_check_one(&l->v[i], seed) && ok);
    }
    return failed;
}
