/* The lesson file parser (ui/lesson_file.c, format in lessons/README.md): a complete
 * file read into its parts, and every kind of mistake reported with its line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ui/lesson.h"

static const char good[] =
    "---\n"                                              /* 1 */
    "id: hellos\n"                                       /* 2 */
    "title: The hellos\n"                                /* 3 */
    "level: 2\n"                                         /* 4 */
    "minutes: 12\n"                                      /* 5 */
    "order: 20\n"                                        /* 6 */
    "requires: records-map\n"                            /* 7 */
    "rfc: RFC 5246 7.4.1.2\n"                            /* 8 */
    "misconception: one\n"                               /* 9 */
    "misconception: two\n"                               /* 10 */
    "---\n"                                              /* 11 */
    "\n"                                                 /* 12 */
    "Intro line.\n"                                      /* 13 */
    "@scenario main --suite TLS_RSA_WITH_AES_128_GCM_SHA256\n" /* 14 */
    "@scenario other --fault cert-expired\n"             /* 15 */
    "\n"                                                 /* 16 */
    "## First step\n"                                    /* 17 */
    "@goto ClientHello\n"                                /* 18 */
    "@highlight ClientHello.random\n"                    /* 19 */
    "Narration one.\n"                                   /* 20 */
    "```\n"                                              /* 21 */
    "@not a directive\n"                                 /* 22 */
    "## not a step\n"                                    /* 23 */
    "```\n"                                              /* 24 */
    "@question hex\n"                                    /* 25 */
    "What are\n"                                         /* 26 */
    "the bytes?\n"                                       /* 27 */
    "@answer bytes(ClientHello.random, 0, 4)\n"          /* 28 */
    "@hint first hint\n"                                 /* 29 */
    "goes on\n"                                          /* 30 */
    "@hint second\n"                                     /* 31 */
    "@explain because\n"                                 /* 32 */
    "\n"                                                 /* 33 */
    "More narration.\n"                                  /* 34 */
    "## Second\n"                                        /* 35 */
    "@use other\n"                                       /* 36 */
    "@question choice\n"                                 /* 37 */
    "Which?\n"                                           /* 38 */
    "@choice a\n"                                        /* 39 */
    "@choice* b\n"                                       /* 40 */
    "\n"                                                 /* 41 */
    "@@literal at\n"                                     /* 42 */
    "## Third\n"                                         /* 43 */
    "@exercise cert-expired, cert-sha1\n";               /* 44 */

static void a_complete_file_is_read_into_its_parts(void **state)
{
    (void)state;
    lesson l;
    char err[256];
    assert_true(lesson_parse("x.lesson", good, strlen(good), &l, err, sizeof err));
    assert_string_equal(l.id, "hellos");
    assert_string_equal(l.title, "The hellos");
    assert_int_equal(l.level, 2);
    assert_int_equal(l.minutes, 12);
    assert_int_equal(l.order, 20);
    assert_string_equal(l.requires, "records-map");
    assert_string_equal(l.rfc, "RFC 5246 7.4.1.2");
    assert_int_equal(l.n_misconceptions, 2);
    assert_string_equal(l.misconceptions[1], "two");
    assert_string_equal(l.intro, "Intro line.");
    assert_int_equal(l.n_scenarios, 2);
    assert_string_equal(l.scenarios[0].name, "main");
    assert_string_equal(l.scenarios[0].options, "--suite TLS_RSA_WITH_AES_128_GCM_SHA256");
    assert_int_equal(l.scenarios[1].line, 15);
    assert_int_equal(l.n_steps, 3);
    const lesson_step *s = &l.steps[0];
    assert_string_equal(s->title, "First step");
    assert_int_equal(s->line, 17);
    assert_int_equal(s->scenario, 0);
    assert_string_equal(s->go_to, "ClientHello");
    assert_int_equal(s->goto_line, 18);
    assert_string_equal(s->highlight, "ClientHello.random");
    assert_string_equal(s->narration, "Narration one.\n```\n@not a directive\n## not a step\n"
                                      "```\n\nMore narration.");
    assert_int_equal(s->n_questions, 1);
    const lesson_question *q = &s->questions[0];
    assert_int_equal(q->kind, LQ_HEX);
    assert_int_equal(q->line, 25);
    assert_string_equal(q->text, "What are\nthe bytes?");
    assert_string_equal(q->answer, "bytes(ClientHello.random, 0, 4)");
    assert_int_equal(q->n_hints, 2);
    assert_string_equal(q->hints[0], "first hint goes on");
    assert_string_equal(q->explain, "because");
    s = &l.steps[1];
    assert_int_equal(s->scenario, 1);
    q = &s->questions[0];
    assert_int_equal(q->kind, LQ_CHOICE);
    assert_int_equal(q->n_choices, 2);
    assert_false(q->choice_right[0]);
    assert_true(q->choice_right[1]);
    assert_null(q->answer);
    assert_string_equal(s->narration, "@literal at");
    assert_string_equal(q->choices[1], "b"); /* a blank line ended its text */
    s = &l.steps[2];
    assert_int_equal(s->scenario, 1); /* @use carries on */
    assert_string_equal(s->exercise, "cert-expired, cert-sha1");
    lesson_free(&l);
}

static const char head[] = "---\nid: t\ntitle: T\n---\n@scenario main\n## S\n";

/* Each broken file, the line the error must name and a piece of its reason. */
static const struct {
    const char *text;
    int line;
    const char *reason;
} broken[] = {
    {"", 0, "an empty file"},
    {"id: x\n", 1, "starts with its header"},
    {"---\nid: x\n", 2, "no closing '---'"},
    {"---\nid: x\ntitle\n---\n", 3, "'key: value'"},
    {"---\nid: x y\n---\n", 2, "letters, digits and '-'"},
    {"---\nid: x\nid: y\n---\n", 3, "given twice"},
    {"---\ncolour: red\n---\n", 2, "unknown header key 'colour'"},
    {"---\nlevel: 4\n---\n", 2, "level must be a whole number from 1 to 3"},
    {"---\nminutes: ten\n---\n", 2, "got 'ten'"},
    {"---\ntitle: T\n---\n@scenario m\n## S\n", 5, "needs an id and a title"},
    {"---\nid: t\ntitle: T\n---\n## S\n", 5, "before any @scenario"},
    {"---\nid: t\ntitle: T\n---\n@scenario m\n", 5, "no steps"},
    {"---\nid: t\ntitle: T\n---\n@scenario a\n@scenario a\n", 6, "second scenario named 'a'"},
    {"---\nid: t\ntitle: T\n---\n@scenario a\n@scenario b\n@scenario c\n", 7,
     "more than 2 scenarios"},
    {"---\nid: t\ntitle: T\n---\n@scenario\n", 5, "needs a name"},
    {"---\nid: t\ntitle: T\n---\n@goto X\n", 5, "@goto outside a step"},
    {"@scenario b\n", 7, "@scenario comes before the first step"},
    {"@use other\n", 7, "no such scenario (scenarios: main)"},
    {"@goto A\n@goto B\n", 8, "a second @goto"},
    {"@goto\n", 7, "@goto needs a value"},
    {"@question essay\n", 7, "unknown question kind 'essay'"},
    {"@question hex\n@answer x\n", 7, "the question has no text"},
    {"@question hex\nQ?\n", 7, "has no @answer"},
    {"@question hex\nQ?\n@choice a\n@answer x\n", 7, "belong to a choice question"},
    {"@question choice\nQ?\n@choice a\n@choice* b\n@answer x\n", 7, "both @choice* and @answer"},
    {"@question choice\nQ?\n@choice* a\n", 7, "at least two @choice"},
    {"@question choice\nQ?\n@choice a\n@choice b\n", 7, "no right choice"},
    {"@answer x\n", 7, "@answer outside a question"},
    {"@hint h\n", 7, "@hint outside a question"},
    {"@choice c\n", 7, "@choice outside a question"},
    {"@question hex\nQ?\n@answer a\n@answer b\n", 10, "a second @answer"},
    {"@question hex\nQ?\n@answer a\n@hint\n", 10, "@hint needs its text"},
    {"@question hex\nQ?\n@answer a\n@hint 1\n@hint 2\n@hint 3\n@hint 4\n@hint 5\n", 14,
     "more than 4 hints"},
    {"@question hex\nQ?\n@answer a\n@explain\n", 10, "@explain needs a value"},
    {"@frobnicate\n", 7, "unknown directive '@frobnicate'"},
    {"##  \n", 7, "a step needs a title"},
    {"```\n@goto X\n", 8, "a ``` block is not closed"},
    {"a\0b\n", 1, "a NUL byte"},
};

static void every_mistake_is_named_with_its_line(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
        char text[512];
        bool full = broken[i].text[0] == '-' || broken[i].text[0] == 'i' || !broken[i].text[0];
        size_t len;
        if (full) {
            len = strlen(broken[i].text);
            memcpy(text, broken[i].text, len + 1);
        } else { /* a body after a good header and first step */
            len = strlen(head);
            memcpy(text, head, len);
            const char *b = broken[i].text;
            size_t bl = strlen(b);
            if (b[0] == 'a' && b[1] == 0) /* the NUL case: 4 bytes with a 0 inside */
                bl = 4;
            memcpy(text + len, b, bl);
            len += bl;
            text[len] = 0;
        }
        lesson l;
        char err[512], want[64];
        bool ok = lesson_parse("f.lesson", text, len, &l, err, sizeof err);
        if (ok) {
            lesson_free(&l);
            fail_msg("case %zu (%s) parsed", i, broken[i].reason);
        }
        snprintf(want, sizeof want, "f.lesson:%d: ", broken[i].line);
        if (strncmp(err, want, strlen(want)) != 0 || !strstr(err, broken[i].reason))
            fail_msg("case %zu: got '%s', want '%s...%s'", i, err, want, broken[i].reason);
    }
}

static void a_missing_file_is_named(void **state)
{
    (void)state;
    lesson l;
    char err[256];
    assert_false(lesson_load("/nonexistent/x.lesson", &l, err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/x.lesson:0: cannot open"));
}

/* Folders: files sorted by name, lessons sorted by order, a later id replacing an
 * earlier one. */
static void lists_sort_and_replace(void **state)
{
    (void)state;
    lesson_list list = {0};
    const char *a = "---\nid: a\ntitle: A1\norder: 20\n---\n@scenario m\n## S\n";
    const char *b = "---\nid: b\ntitle: B\norder: 10\n---\n@scenario m\n## S\n";
    const char *a2 = "---\nid: a\ntitle: A2\norder: 5\n---\n@scenario m\n## S\n";
    const char *srcs[] = {a, b, a2};
    char err[256];
    for (size_t i = 0; i < 3; i++) {
        lesson l;
        assert_true(lesson_parse("x", srcs[i], strlen(srcs[i]), &l, err, sizeof err));
        assert_true(lesson_list_add(&list, &l));
    }
    lesson_list_sort(&list);
    assert_int_equal(list.n, 2);
    assert_string_equal(list.v[0].title, "A2");
    assert_string_equal(list.v[1].id, "b");
    assert_non_null(lesson_find(&list, "b"));
    assert_null(lesson_find(&list, "c"));
    lesson_list_free(&list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_complete_file_is_read_into_its_parts),
        cmocka_unit_test(every_mistake_is_named_with_its_line),
        cmocka_unit_test(a_missing_file_is_named),
        cmocka_unit_test(lists_sort_and_replace),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
