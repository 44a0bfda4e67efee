/* Running a lesson's scenarios (ui/lesson_run.c): the @scenario options go through
 * `tlssim run`'s parser, a scenario without --seed takes the student's seed, mistakes
 * name the lesson's line, and --check's walk finds what no longer fits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sim/suites.h"
#include "ui/lesson.h"

static void parse(lesson *l, const char *scenarios, const char *steps)
{
    char text[2048], err[256];
    snprintf(text, sizeof text, "---\nid: t\ntitle: T\n---\n%s## S\n%s", scenarios, steps);
    if (!lesson_parse("t.lesson", text, strlen(text), l, err, sizeof err))
        fail_msg("%s", err);
}

static const trace_event *first(const trace *t, const char *id)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->ev[i].id, id) == 0)
            return &t->ev[i];
    fail_msg("no %s", id);
    return NULL;
}

/* Regression: options ending at the end of the line made the word splitter write one
 * byte past its copy (seen under ASan with a 39-character option string). */
static void options_go_through_the_run_parser(void **state)
{
    (void)state;
    lesson l;
    parse(&l,
          "@scenario a --suite TLS_RSA_WITH_AES_128_GCM_SHA256\n"
          "@scenario b  --message \"GET /x HTTP/1.0\"   --group 'secp256r1' --seed 9\n",
          "");
    lesson_run r;
    char err[256];
    assert_true(lesson_run_start(&r, &l, 1234, err, sizeof err));
    assert_int_equal(r.n, 2);
    assert_string_equal(r.args[0].sc.suite->name, "TLS_RSA_WITH_AES_128_GCM_SHA256");
    assert_string_equal(r.traces[0].result.suite, "TLS_RSA_WITH_AES_128_GCM_SHA256");
    assert_string_equal(r.args[1].sc.message, "GET /x HTTP/1.0");
    assert_int_equal(r.args[1].sc.group, GROUP_SECP256R1);
    /* The student's seed where the lesson fixes none, the lesson's own where it does. */
    assert_int_equal(r.args[0].sc.seed, 1234);
    assert_int_equal(r.args[1].sc.seed, 9);
    lesson_run_free(&r);
    lesson_free(&l);
}

/* The same seed gives the same values; another seed others (design.md: determinism). */
static void the_seed_decides_the_values(void **state)
{
    (void)state;
    lesson l;
    parse(&l, "@scenario main\n", "");
    lesson_run a, b, c;
    char err[256];
    assert_true(lesson_run_start(&a, &l, 5, err, sizeof err));
    assert_true(lesson_run_start(&b, &l, 5, err, sizeof err));
    assert_true(lesson_run_start(&c, &l, 6, err, sizeof err));
    const trace_event *ha = first(&a.traces[0], "ClientHello");
    const trace_event *hb = first(&b.traces[0], "ClientHello");
    const trace_event *hc = first(&c.traces[0], "ClientHello");
    assert_int_equal(ha->len, hb->len);
    assert_memory_equal(ha->bytes, hb->bytes, ha->len);
    assert_true(ha->len != hc->len || memcmp(ha->bytes, hc->bytes, ha->len) != 0);
    lesson_run_free(&a);
    lesson_run_free(&b);
    lesson_run_free(&c);
    lesson_free(&l);
}

static void bad_options_name_the_line(void **state)
{
    (void)state;
    static const struct {
        const char *scenario, *want;
    } cases[] = {
        {"@scenario main --json out.json\n",
         "t.lesson:5: scenario 'main': '--json' is not a scenario option of 'tlssim run'"},
        {"@scenario main --suite TLS_NOPE\n",
         "t.lesson:5: scenario 'main': unknown suite 'TLS_NOPE' (see 'tlssim list suites')"},
        {"@scenario main --message \"open\n", "t.lesson:5: scenario 'main': an open quote"},
        {"@scenario main --seed\n", "t.lesson:5: scenario 'main': --seed needs a value"},
        {"@scenario x --seed 1\n@scenario main --fault nope\n",
         "t.lesson:6: scenario 'main': unknown fault 'nope'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lesson l;
        parse(&l, cases[i].scenario, "");
        lesson_run r;
        char err[512];
        assert_false(lesson_run_start(&r, &l, 1, err, sizeof err));
        if (strncmp(err, cases[i].want, strlen(cases[i].want)) != 0)
            fail_msg("case %zu: got '%s', want '%s'", i, err, cases[i].want);
        lesson_free(&l);
    }
}

static void check_finds_what_no_longer_fits(void **state)
{
    (void)state;
    lesson l;
    parse(&l, "@scenario main\n@scenario broken --fault cert-expired\n",
          "@goto ServerHello\n@highlight ServerHello.cipher_suite\n"
          "@question name\nWho failed?\n@answer sender(first_failed_check)\n"
          "## In the broken run\n@use broken\n"
          "@question name\nWhich alert?\n@answer alert(client)\n"
          "@question choice\nWhich check?\n@choice host name\n@choice validity\n"
          "@answer check(first_failed_check)\n"
          "@exercise cert-expired, cert-sha1\n");
    /* In the first scenario nothing fails: first_failed_check has nothing to name. */
    assert_false(lesson_check_one(&l, 1));
    lesson_free(&l);
    parse(&l, "@scenario broken --fault cert-expired\n",
          "@goto ServerHello\n@highlight ServerHello.cipher_suite\n"
          "@question name\nWho noticed?\n@answer sender(first_failed_check)\n"
          "@question choice\nWhich check?\n@choice host name\n@choice validity\n"
          "@answer check(first_failed_check)\n"
          "@question select\nThe suite?\n@answer ServerHello.cipher_suite\n"
          "@exercise cert-expired, cert-sha1\n");
    assert_true(lesson_check_one(&l, 1));
    lesson_free(&l);
    static const char *const wrong[] = {
        "@goto ServerHelo\n",
        "@highlight ServerHello.cipher\n",
        "@exercise cert-expired, no-such-fault\n",
        "@question hex\nQ?\n@answer len(ServerHello.random)\n",    /* a number for hex */
        "@question number\nQ?\n@answer ServerHello.random\n",     /* bytes for a number */
        "@question select\nQ?\n@answer master_secret.master_secret\n", /* no place in bytes */
        "@question name\nQ?\n@answer ClientHello.random\n",       /* bytes for a name */
        "@question hex\nQ?\n@answer Certificate.certificate_list\n", /* longer than 512 */
        "@question choice\nQ?\n@choice client\n@choice client\n@answer sender(ClientHello)\n",
        "@question choice\nQ?\n@choice a\n@choice b\n@answer sender(ClientHello)\n",
    };
    for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
        parse(&l, "@scenario main\n", wrong[i]);
        if (lesson_check_one(&l, 1))
            fail_msg("case %zu passed: %s", i, wrong[i]);
        lesson_free(&l);
    }
}

static void requires_names_lessons_that_exist(void **state)
{
    (void)state;
    lesson a, b;
    char err[256];
    const char *ta = "---\nid: a\ntitle: A\n---\n@scenario m\n## S\n";
    const char *tb = "---\nid: b\ntitle: B\nrequires: a,  c\n---\n@scenario m\n## S\n";
    assert_true(lesson_parse("a.lesson", ta, strlen(ta), &a, err, sizeof err));
    assert_true(lesson_parse("b.lesson", tb, strlen(tb), &b, err, sizeof err));
    assert_int_equal(b.requires_line, 4);
    lesson_list one = {0}, two = {0};
    assert_true(lesson_list_add(&one, &a));
    assert_false(lesson_check_requires(&b, &one, NULL)); /* no lesson c */
    lesson c;
    const char *tc = "---\nid: c\ntitle: C\n---\n@scenario m\n## S\n";
    assert_true(lesson_parse("c.lesson", tc, strlen(tc), &c, err, sizeof err));
    assert_true(lesson_list_add(&two, &c));
    assert_true(lesson_check_requires(&b, &one, &two));
    assert_true(lesson_check_requires(&one.v[0], NULL, NULL)); /* requires nothing */
    lesson_list_free(&one);
    lesson_list_free(&two);
    lesson_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(options_go_through_the_run_parser),
        cmocka_unit_test(the_seed_decides_the_values),
        cmocka_unit_test(bad_options_name_the_line),
        cmocka_unit_test(check_finds_what_no_longer_fits),
        cmocka_unit_test(requires_names_lessons_that_exist),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
