/* ui/progress.c: the student's progress file under $XDG_STATE_HOME (a temporary folder
 * here), read back with jansson as an independent reader of what was written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/unit/helpers.h"
#include "ui/progress.h"

static char g_dir[256];
static char g_file[512];

static int setup(void **state)
{
    (void)state;
    snprintf(g_dir, sizeof g_dir, "/tmp/tlssim-progress-XXXXXX");
    if (!mkdtemp(g_dir))
        return -1;
    setenv("XDG_STATE_HOME", g_dir, 1);
    snprintf(g_file, sizeof g_file, "%s/tlssim/progress.json", g_dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sh("chmod -R u+w '%s'; rm -rf '%s'", g_dir, g_dir);
    return 0;
}

static json_t *read_back(void)
{
    json_error_t e;
    json_t *root = json_load_file(g_file, 0, &e);
    assert_non_null(root);
    return root;
}

static void write_file(const char *text)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/tlssim", g_dir);
    mkdir(dir, 0700);
    FILE *f = fopen(g_file, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void path_follows_xdg_and_home(void **state)
{
    (void)state;
    char p[4096], why[256];
    assert_true(progress_path(p, sizeof p, why, sizeof why));
    assert_string_equal(p, g_file);
    /* A relative XDG_STATE_HOME is invalid (XDG base directory spec): HOME is used. */
    setenv("XDG_STATE_HOME", "relative/dir", 1);
    char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    setenv("HOME", "/home/someone", 1);
    assert_true(progress_path(p, sizeof p, why, sizeof why));
    assert_string_equal(p, "/home/someone/.local/state/tlssim/progress.json");
    unsetenv("XDG_STATE_HOME");
    assert_true(progress_path(p, sizeof p, why, sizeof why));
    assert_string_equal(p, "/home/someone/.local/state/tlssim/progress.json");
    if (home)
        setenv("HOME", home, 1);
    free(home);
    setenv("XDG_STATE_HOME", g_dir, 1);
}

static void records_and_replaces_answers(void **state)
{
    (void)state;
    char why[512] = "";
    progress_answer a = {"records/2/1", 3, 1, true};
    assert_true(progress_record(&a, why, sizeof why));
    progress_answer b = {"exercise/42/side", 1, 0, false};
    assert_true(progress_record(&b, why, sizeof why));
    json_t *root = read_back();
    json_t *e = json_object_get(json_object_get(root, "answers"), "records/2/1");
    assert_int_equal(json_integer_value(json_object_get(e, "attempts")), 3);
    assert_int_equal(json_integer_value(json_object_get(e, "hints")), 1);
    assert_true(json_is_true(json_object_get(e, "right")));
    e = json_object_get(json_object_get(root, "answers"), "exercise/42/side");
    assert_true(json_is_false(json_object_get(e, "right")));
    json_decref(root);
    /* Answered again: the latest try replaces the one before. */
    progress_answer c = {"records/2/1", 1, 0, true};
    assert_true(progress_record(&c, why, sizeof why));
    root = read_back();
    e = json_object_get(json_object_get(root, "answers"), "records/2/1");
    assert_int_equal(json_integer_value(json_object_get(e, "attempts")), 1);
    assert_int_equal(json_object_size(json_object_get(root, "answers")), 2);
    json_decref(root);
    /* The folder is private, and no temporary file is left beside the record. */
    char dir[512];
    snprintf(dir, sizeof dir, "%s/tlssim", g_dir);
    struct stat st;
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    DIR *d = opendir(dir);
    assert_non_null(d);
    const struct dirent *de;
    while ((de = readdir(d)))
        if (strstr(de->d_name, ".tlssim-"))
            fail_msg("temporary file left: %s", de->d_name);
    closedir(d);
}

static void finish_keeps_the_best_score(void **state)
{
    (void)state;
    char why[512] = "";
    unsigned score = 99, max = 99;
    assert_false(progress_done("records", &score, &max));
    assert_true(progress_finish("records", 4, 5, why, sizeof why));
    assert_true(progress_done("records", &score, &max));
    assert_int_equal(score, 4);
    assert_int_equal(max, 5);
    assert_true(progress_finish("records", 2, 5, why, sizeof why));
    assert_true(progress_done("records", &score, &max));
    assert_int_equal(score, 4);
    json_t *root = read_back();
    json_t *u = json_object_get(json_object_get(root, "units"), "records");
    assert_int_equal(json_integer_value(json_object_get(u, "last")), 2);
    assert_int_equal(json_integer_value(json_object_get(u, "finished")), 2);
    json_decref(root);
    assert_false(progress_done("hellos", NULL, NULL));
    assert_false(progress_finish("records", 6, 5, why, sizeof why));
    assert_non_null(strstr(why, "more than"));
}

/* A lesson left half done: its place comes back as saved, a seed beyond 2^63 too;
 * a lesson of another shape (edited since) is not resumed; clearing drops it; a file
 * written before places existed still loads. */
static void place_round_trip(void **state)
{
    (void)state;
    char why[512] = "";
    write_file("{\"version\": 1, \"answers\": {}, \"units\": {}}");
    progress_place none = {0};
    assert_false(progress_load_place("hellos", &none));
    progress_question q[3] = {{2, 1, PO_RIGHT, false, "a1b2c3d4"}, {1, 1, PO_OPEN, true, ""},
                              {0, 0, PO_SHOWN, false, "23"}};
    bool ex[2] = {false, true};
    progress_place p = {1, 0, 18446744073709551557ull, 2, 3, q, ex};
    assert_true(progress_save_place("hellos", &p, why, sizeof why));
    progress_question back[3];
    bool ex_back[2] = {true, false};
    memset(back, 0, sizeof back);
    progress_place r = {0, 0, 0, 2, 3, back, ex_back};
    assert_true(progress_load_place("hellos", &r));
    assert_int_equal(r.step, 1);
    assert_int_equal(r.question, 0);
    assert_true(r.seed == 18446744073709551557ull);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(back[i].attempts, q[i].attempts);
        assert_int_equal(back[i].hints, q[i].hints);
        assert_int_equal(back[i].outcome, q[i].outcome);
        assert_int_equal(back[i].wrong, q[i].wrong);
        assert_string_equal(back[i].answer, q[i].answer);
    }
    assert_false(ex_back[0]);
    assert_true(ex_back[1]);
    progress_place shape = {0};
    assert_true(progress_load_place("hellos", &shape));
    assert_int_equal(shape.n_steps, 2);
    assert_int_equal(shape.n_q, 3);
    progress_place other = {0, 0, 0, 3, 3, back, NULL};
    assert_false(progress_load_place("hellos", &other));
    /* Answers and units are untouched by places. */
    assert_true(progress_finish("records", 1, 1, why, sizeof why));
    assert_true(progress_load_place("hellos", &r));
    assert_true(progress_clear_place("hellos", why, sizeof why));
    assert_false(progress_load_place("hellos", &r));
    assert_true(progress_done("records", NULL, NULL));
    assert_true(progress_clear_place("never-opened", why, sizeof why));
    /* A damaged place is not resumed, and the file is not called broken for it. */
    write_file("{\"version\": 1, \"answers\": {}, \"units\": {}, \"places\": {\"hellos\": "
               "{\"step\": 5, \"question\": 0, \"seed\": \"1\", \"steps\": 2, \"questions\": [], "
               "\"exercised\": [false, false]}}}");
    progress_place z = {0};
    assert_false(progress_load_place("hellos", &z));
    assert_true(progress_finish("records", 1, 1, why, sizeof why));
    write_file("{\"version\": 1, \"answers\": {}, \"units\": {}, \"places\": []}");
    assert_false(progress_finish("records", 1, 1, why, sizeof why));
    assert_non_null(strstr(why, "places"));
}

/* Runs progress_report with stderr captured; returns its status. */
static int report_to(FILE *out, bool json, char *err, size_t n)
{
    char errpath[512];
    snprintf(errpath, sizeof errpath, "%s/stderr", g_dir);
    fflush(stderr);
    int saved = dup(2);
    FILE *ef = fopen(errpath, "w");
    assert_non_null(ef);
    dup2(fileno(ef), 2);
    int rc = progress_report(out, json);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    fclose(ef);
    size_t len = 0;
    uint8_t *b = slurp(errpath, &len);
    snprintf(err, n, "%.*s", (int)len, b ? (const char *)b : "");
    free(b);
    return rc;
}

static void corrupt_file_is_named_and_kept(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "{\"version\": 1, \"answers\": {", /* cut short */
        "[1, 2, 3]",
        "{\"version\": 7, \"answers\": {}, \"units\": {}}",
        "{\"version\": 1, \"answers\": {\"a/1/1\": {\"attempts\": \"x\", \"hints\": 0, \"right\": true}}, \"units\": {}}",
        "{\"version\": 1, \"answers\": {}, \"units\": {\"a\": {\"best\": -1, \"last\": 0, \"max\": 1, \"finished\": 1}}}",
        "{\"version\": 1, \"answers\": {}}",
        "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        write_file(bad[i]);
        char why[1024] = "";
        progress_answer a = {"records/1/1", 1, 0, true};
        assert_false(progress_record(&a, why, sizeof why));
        assert_non_null(strstr(why, g_file));
        assert_false(progress_finish("records", 1, 1, why, sizeof why));
        assert_false(progress_done("records", NULL, NULL));
        char err[2048];
        FILE *out = tmpfile();
        assert_int_equal(report_to(out, false, err, sizeof err), 2);
        fclose(out);
        assert_non_null(strstr(err, g_file));
        /* The damaged file is left as it was, for the teacher to look at. */
        size_t len;
        uint8_t *b = slurp(g_file, &len);
        assert_non_null(b);
        assert_int_equal(len, strlen(bad[i]));
        assert_memory_equal(b, bad[i], len);
        free(b);
    }
}

/* The folder cannot be made (a file has its name): a clear error, no crash. */
static void unusable_folder_is_an_error(void **state)
{
    (void)state;
    char dir[512], why[1024] = "";
    snprintf(dir, sizeof dir, "%s/tlssim", g_dir);
    FILE *f = fopen(dir, "w");
    assert_non_null(f);
    fclose(f);
    progress_answer a = {"records/1/1", 1, 0, true};
    assert_false(progress_record(&a, why, sizeof why));
    assert_non_null(strstr(why, dir));
    assert_non_null(strstr(why, "not a folder"));
    assert_false(progress_finish("records", 1, 1, why, sizeof why));
    assert_false(progress_done("records", NULL, NULL));
}

static char *report_text(bool json, int *rc)
{
    char err[1024];
    FILE *out = tmpfile();
    assert_non_null(out);
    *rc = report_to(out, json, err, sizeof err);
    long len = ftell(out);
    rewind(out);
    char *s = calloc(1, (size_t)len + 1);
    assert_int_equal(fread(s, 1, (size_t)len, out), (size_t)len);
    fclose(out);
    return s;
}

static void report_text_and_json(void **state)
{
    (void)state;
    int rc;
    char *t = report_text(false, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(t, "No lesson or exercise done yet."));
    free(t);
    char why[512];
    progress_answer a1 = {"records/2/1", 3, 1, true};
    progress_answer a2 = {"records/3/1", 1, 0, true};
    progress_answer a3 = {"exercise/42/side", 2, 1, false};
    assert_true(progress_record(&a1, why, sizeof why));
    assert_true(progress_record(&a2, why, sizeof why));
    assert_true(progress_record(&a3, why, sizeof why));
    assert_true(progress_finish("records", 1, 2, why, sizeof why));

    t = report_text(false, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(t, g_file));
    assert_non_null(strstr(t, "records: done, score 1/2 (best 1); 2 of 2 questions right, 4 attempts, 1 hint\n"));
    assert_non_null(strstr(t, "exercise/42: not finished; 0 of 1 question right, 2 attempts, 1 hint\n"));
    assert_non_null(strstr(t, "records/3/1"));
    assert_non_null(strstr(t, "gave up"));
    /* Every line fits a terminal. */
    for (const char *p = t; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (!strstr(p, g_file) || strstr(p, g_file) > p + len)
            assert_true(len <= 80);
        p += len + (nl ? 1 : 0);
    }
    free(t);

    t = report_text(true, &rc);
    assert_int_equal(rc, 0);
    json_error_t e;
    json_t *r = json_loads(t, 0, &e);
    assert_non_null(r);
    json_t *units = json_object_get(r, "units");
    assert_int_equal(json_array_size(units), 2);
    json_t *ex = json_array_get(units, 0), *rec = json_array_get(units, 1);
    assert_string_equal(json_string_value(json_object_get(ex, "unit")), "exercise/42");
    assert_true(json_is_false(json_object_get(ex, "done")));
    assert_string_equal(json_string_value(json_object_get(rec, "unit")), "records");
    assert_true(json_is_true(json_object_get(rec, "done")));
    assert_int_equal(json_integer_value(json_object_get(rec, "last")), 1);
    assert_int_equal(json_integer_value(json_object_get(rec, "max")), 2);
    assert_int_equal(json_integer_value(json_object_get(rec, "attempts")), 4);
    assert_int_equal(json_integer_value(json_object_get(rec, "hints")), 1);
    assert_int_equal(json_array_size(json_object_get(rec, "answers")), 2);
    json_decref(r);
    free(t);
}

/* Several tlssim windows answering at once lose nothing (the lock). */
static void concurrent_writers_lose_nothing(void **state)
{
    (void)state;
    enum { KIDS = 6, EACH = 15 };
    for (int k = 0; k < KIDS; k++) {
        pid_t p = fork();
        assert_true(p >= 0);
        if (p == 0) {
            for (int i = 0; i < EACH; i++) {
                char item[64], why[512];
                snprintf(item, sizeof item, "race/%d/%d", k, i);
                progress_answer a = {item, 1, 0, true};
                if (!progress_record(&a, why, sizeof why))
                    _exit(1);
            }
            _exit(0);
        }
    }
    for (int k = 0; k < KIDS; k++) {
        int st;
        assert_true(wait(&st) > 0);
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    json_t *root = read_back();
    assert_int_equal(json_object_size(json_object_get(root, "answers")), KIDS * EACH);
    json_decref(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(path_follows_xdg_and_home, setup, teardown),
        cmocka_unit_test_setup_teardown(records_and_replaces_answers, setup, teardown),
        cmocka_unit_test_setup_teardown(finish_keeps_the_best_score, setup, teardown),
        cmocka_unit_test_setup_teardown(place_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(corrupt_file_is_named_and_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(unusable_folder_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(report_text_and_json, setup, teardown),
        cmocka_unit_test_setup_teardown(concurrent_writers_lose_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
