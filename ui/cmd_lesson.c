/* tlssim lesson: the lessons of lessons/README.md. --check validates lesson files,
 * --key prints a lesson's answers for one seed, --report the student's progress; with
 * no such flag, the menu or one lesson opens in the TUI. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "ui/args.h"
#include "ui/cli.h"
#include "ui/lesson.h"
#include "ui/progress.h"
#include "ui/tui_lesson.h"

const char cmd_lesson_usage[] =
    "usage: tlssim lesson [NAME] [--seed N] [--lessons DIR]... [--theme dark|light|mono]\n"
    "       tlssim lesson --check [DIR] [--seed N] [--lessons DIR]...\n"
    "       tlssim lesson NAME --key [--seed N] [--lessons DIR]...\n"
    "       tlssim lesson --report [--json]\n"
    "\n"
    "Without NAME, the lesson menu; with NAME, that lesson (in the terminal UI).\n"
    "  --check [DIR]   load every lesson (of DIR, or of every folder), run its scenarios,\n"
    "                  resolve every reference and evaluate every answer; prints\n"
    "                  FILE:LINE: reason for each problem, exits 0 when there is none\n"
    "  --key           the lesson's questions with their right answers for the seed\n"
    "                  (for the teacher: each seed has its own values)\n"
    "  --seed N        the seed for scenarios that do not fix one (default: a fresh one;\n"
    "                  --check uses 1 and 2 unless given)\n"
    "  --lessons DIR   also read lessons from DIR; a lesson there replaces a built-in one\n"
    "                  with the same id (repeatable)\n"
    "  --report        the progress kept for this student (--json: as JSON)\n"
    "  --theme NAME    TUI colours: dark (default), light (reads better on a projector)\n"
    "                  or mono\n"
    "\n"
    "Lessons are found next to the binary (lessons/ beside build/) and where 'make\n"
    "install' puts them (PREFIX/share/tlssim/lessons). The format: lessons/README.md.\n";

enum { MAX_DIRS = 16 };

typedef struct lesson_opts {
    const char *name;
    const char *dirs[MAX_DIRS];
    size_t n_dirs;
    bool check, key, report, json, seeded, themed;
    const char *check_dir;
    uint64_t seed;
    tui_theme theme;
} lesson_opts;

/* The lesson view in the TUI (the menu when id is NULL). */
static int open_lesson_view(const lesson_list *lessons, const char *id, uint64_t seed, bool seeded,
                            tui_theme theme)
{
    return tui_lesson_main(lessons, id, seed, seeded, theme);
}

static uint64_t fresh_seed(void)
{
    uint64_t s = 0;
    if (getrandom(&s, sizeof s, 0) != (ssize_t)sizeof s)
        s = (uint64_t)time(NULL);
    return s % 1000000000u; /* short enough to read out to a class */
}

static const char *kind_name(lesson_qkind k)
{
    static const char *const names[] = {"choice", "hex", "number", "name", "select"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

/* Prints text indented, each line of it. */
static void print_indented(const char *indent, const char *text)
{
    for (const char *p = text; p && *p;) {
        size_t k = strcspn(p, "\n");
        printf("%s%.*s\n", indent, (int)k, p);
        p += k + (p[k] == '\n');
    }
}

static bool key_question(const lesson_run *r, const lesson_step *s, size_t qi)
{
    const lesson_question *q = &s->questions[qi];
    const trace *t = &r->traces[s->scenario];
    printf("  question %zu (%s, line %u):\n", qi + 1, kind_name(q->kind), q->line);
    print_indented("    ", q->text);
    for (size_t i = 0; i < q->n_choices; i++)
        printf("    %zu. %s\n", i + 1, q->choices[i]);
    if (q->kind == LQ_CHOICE && !q->answer) {
        for (size_t i = 0; i < q->n_choices; i++)
            if (q->choice_right[i])
                printf("  answer: %zu\n", i + 1);
        return true;
    }
    lesson_value v;
    char err[768], text[1100];
    if (!lesson_eval(t, q->answer, &v, err, sizeof err)) {
        fprintf(stderr, "%s:%u: @answer %s\n", r->lesson->path, q->line, err);
        return false;
    }
    lesson_value_text(&v, text, sizeof text);
    if (q->kind == LQ_CHOICE) {
        char num[24], why[256];
        for (size_t i = 0; i < q->n_choices; i++) {
            snprintf(num, sizeof num, "%zu", i + 1);
            if (lesson_grade_answer(t, q, num, why, sizeof why) == LG_RIGHT)
                printf("  answer: %zu\n", i + 1);
        }
    } else if (q->kind == LQ_SELECT && v.has_target) {
        printf("  answer: bytes %zu+%zu of step #%zu (%s)\n", v.sel_offset, v.sel_len,
               t->ev[v.target.event].seq, t->ev[v.target.event].id);
    } else {
        printf("  answer: %s\n", text);
    }
    printf("  computed: %s\n", q->answer);
    return true;
}

static int print_key(const lesson *l, uint64_t seed)
{
    lesson_run r;
    char err[768];
    if (!lesson_run_start(&r, l, seed, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return EXIT_USAGE;
    }
    printf("lesson %s: %s\n", l->id, l->title);
    printf("seed %llu\n", (unsigned long long)seed);
    for (size_t i = 0; i < l->n_scenarios; i++) {
        const scenario *sc = &r.args[i].sc;
        printf("scenario %s: %s (seed %llu)\n", l->scenarios[i].name, l->scenarios[i].options,
               (unsigned long long)sc->seed);
    }
    bool ok = true;
    for (size_t i = 0; i < l->n_steps; i++) {
        const lesson_step *s = &l->steps[i];
        if (!s->n_questions)
            continue;
        printf("\nstep %zu: %s [scenario %s]\n", i + 1, s->title,
               l->scenarios[s->scenario].name);
        for (size_t k = 0; k < s->n_questions; k++)
            ok &= key_question(&r, s, k);
    }
    lesson_run_free(&r);
    return ok ? EXIT_OK : EXIT_USAGE;
}

/* --check DIR: every file on its own, so that each problem is reported. */
static int check_dir(const char *dir, const lesson_opts *o)
{
    char **paths;
    size_t np;
    char err[768];
    if (!lesson_dir_files(dir, &paths, &np, err, sizeof err)) {
        fprintf(stderr, "tlssim: lesson --check: %s\n", err);
        return EXIT_USAGE;
    }
    lesson_list list = {0};
    size_t bad = 0;
    for (size_t i = 0; i < np; i++) {
        lesson l;
        if (!lesson_load(paths[i], &l, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            bad++;
            continue;
        }
        const lesson *twin = lesson_find(&list, l.id);
        if (twin) {
            fprintf(stderr, "%s:2: id '%s' is taken by %s already\n", paths[i], l.id, twin->path);
            lesson_free(&l);
            bad++;
            continue;
        }
        if (!lesson_list_add(&list, &l)) {
            lesson_free(&l);
            fprintf(stderr, "tlssim: out of memory\n");
            bad++;
        }
    }
    lesson_dir_files_free(paths, np);
    /* requires: may name a lesson of this folder or a built-in one. */
    lesson_list builtin = {0};
    if (!lesson_list_load(&builtin, NULL, 0, false, err, sizeof err))
        builtin.n = 0;
    for (size_t i = 0; i < list.n; i++) {
        bool ok = lesson_check_requires(&list.v[i], &list, &builtin);
        /* The second seed only when the first found nothing: each problem once. */
        bool run_ok = true;
        for (uint64_t s = 0; s < (o->seeded ? 1u : 2u) && run_ok; s++)
            run_ok = lesson_check_one(&list.v[i], o->seeded ? o->seed : 1 + s);
        ok &= run_ok;
        bad += !ok;
    }
    lesson_list_free(&builtin);
    lesson_list_free(&list);
    if (np == 0) {
        fprintf(stderr, "tlssim: lesson --check: no *.lesson files in %s\n", dir);
        return EXIT_USAGE;
    }
    if (bad) {
        fprintf(stderr, "tlssim: lesson --check: %zu of %zu lesson%s in %s with problems\n", bad,
                np, np == 1 ? "" : "s", dir);
        return EXIT_USAGE;
    }
    printf("%zu lesson%s in %s: all good\n", np, np == 1 ? "" : "s", dir);
    return EXIT_OK;
}

static int parse(int argc, char **argv, lesson_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--check") == 0) {
            o->check = true;
            if (i + 1 < argc && argv[i + 1][0] != '-')
                o->check_dir = argv[++i];
        } else if (strcmp(a, "--key") == 0) {
            o->key = true;
        } else if (strcmp(a, "--report") == 0) {
            o->report = true;
        } else if (strcmp(a, "--json") == 0) {
            o->json = true;
        } else if (strcmp(a, "--seed") == 0) {
            const char *v = args_value(argc, argv, &i);
            if (!v || !args_parse_u64(v, &o->seed))
                return cli_usage_error("lesson", "--seed needs a whole number, got '%s'",
                                       v ? v : "nothing");
            o->seeded = true;
        } else if (strcmp(a, "--theme") == 0) {
            const char *v = args_value(argc, argv, &i);
            if (!v || !tui_theme_parse(v, &o->theme))
                return cli_usage_error("lesson", "--theme is dark, light or mono, not '%s'",
                                       v ? v : "nothing");
            o->themed = true;
        } else if (strcmp(a, "--lessons") == 0) {
            const char *v = args_value(argc, argv, &i);
            if (!v)
                return cli_usage_error("lesson", "--lessons needs a folder");
            if (o->n_dirs == MAX_DIRS)
                return cli_usage_error("lesson", "at most %d --lessons folders", MAX_DIRS);
            o->dirs[o->n_dirs++] = v;
        } else if (a[0] == '-') {
            return cli_usage_error("lesson", "unknown option '%s'", a);
        } else if (!o->name) {
            o->name = a;
        } else {
            return cli_usage_error("lesson", "one lesson at a time: '%s' and '%s'", o->name, a);
        }
    }
    if (o->check + o->key + o->report > 1)
        return cli_usage_error("lesson", "--check, --key and --report go one at a time");
    if (o->json && !o->report)
        return cli_usage_error("lesson", "--json goes with --report");
    if (o->key && !o->name)
        return cli_usage_error("lesson", "--key needs the lesson's NAME (see 'tlssim list "
                                         "lessons')");
    if (o->check && o->name)
        return cli_usage_error("lesson", "--check takes a folder, not a lesson: --check DIR");
    if (o->themed && (o->check || o->key || o->report))
        return cli_usage_error("lesson", "--theme is for the lesson view, not --check, --key "
                                         "or --report");
    if (o->report && (o->name || o->n_dirs || o->seeded))
        return cli_usage_error("lesson", "--report takes only --json");
    return EXIT_OK;
}

int cmd_lesson(int argc, char **argv)
{
    lesson_opts o = {0};
    o.theme = THEME_DARK;
    int rc = parse(argc, argv, &o);
    if (rc != EXIT_OK)
        return rc;
    if (o.report)
        return progress_report(stdout, o.json);
    if (o.check && o.check_dir)
        return check_dir(o.check_dir, &o);
    lesson_list list;
    char err[768];
    if (!lesson_list_load(&list, o.dirs, o.n_dirs, o.check, err, sizeof err)) {
        fprintf(stderr, "%s%s\n", o.check ? "" : "tlssim: lesson: ", err);
        return EXIT_USAGE;
    }
    if (o.check) {
        size_t bad = 0;
        for (size_t i = 0; i < list.n; i++) {
            bool ok = lesson_check_requires(&list.v[i], &list, NULL);
            bool run_ok = true;
            for (uint64_t s = 0; s < (o.seeded ? 1u : 2u) && run_ok; s++)
                run_ok = lesson_check_one(&list.v[i], o.seeded ? o.seed : 1 + s);
            ok &= run_ok;
            bad += !ok;
        }
        size_t n = list.n;
        lesson_list_free(&list);
        if (n == 0) {
            fprintf(stderr, "tlssim: lesson --check: no lessons found\n");
            return EXIT_USAGE;
        }
        if (bad) {
            fprintf(stderr, "tlssim: lesson --check: %zu of %zu lessons with problems\n", bad, n);
            return EXIT_USAGE;
        }
        printf("%zu lesson%s: all good\n", n, n == 1 ? "" : "s");
        return EXIT_OK;
    }
    const lesson *l = o.name ? lesson_find(&list, o.name) : NULL;
    if (o.name && !l) {
        fprintf(stderr, "tlssim: lesson: no lesson '%s' (see 'tlssim list lessons')\n", o.name);
        lesson_list_free(&list);
        return EXIT_USAGE;
    }
    uint64_t seed = o.seeded ? o.seed : fresh_seed();
    rc = o.key && l ? print_key(l, seed) : open_lesson_view(&list, o.name, seed, o.seeded, o.theme);
    lesson_list_free(&list);
    return rc;
}
