/* The hidden-fault exercise without a terminal (ui/tui_exercise_model.c): for every
 * fault it can hide, the answers it takes from the trace agree with the catalogue
 * (whose alerts were measured against OpenSSL, tests/integration/faults_vs_openssl.sh);
 * the trace the student steps through names no fault and shows no failure; the
 * choices hold the right answer once; grading, hints and giving up; the pick is
 * fixed by the seed and keeps to the category. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <stdlib.h>

#include "base/alert.h"
#include "ui/tui_exercise.h"
#include "ui/tui_faults.h"

#include "tests/unit/pki_fixture.h"

static scenario base(void)
{
    scenario sc;
    scenario_defaults(&sc);
    sc.pki = &p;
    sc.seeded = true;
    sc.seed = 11;
    x509_parse_date("2026-06-01", &sc.now);
    return sc;
}

static const fault_given none_given = {false, false};

/* Whether any fault name of the catalogue, or any alert name, is in s. */
static const char *names_in(const char *s)
{
    for (size_t i = 0; i < fault_count(); i++)
        if (strstr(s, fault_at(i)->name))
            return fault_at(i)->name;
    for (int code = 0; code < 256; code++)
        if (strcmp(alert_name(code), "unknown_alert") != 0 && strstr(s, alert_name(code)))
            return alert_name(code);
    return NULL;
}

static size_t count_right(const ex_question *q, const char *text)
{
    size_t k = 0;
    for (size_t i = 0; i < q->n; i++)
        k += strcmp(q->choices[i], text) == 0;
    return k;
}

static void every_fault_against_the_catalogue(void **state)
{
    (void)state;
    scenario sc = base();
    size_t tried = 0;
    for (size_t i = 0; i < fault_count(); i++) {
        const fault_info *f = fault_at(i);
        if (!exercise_eligible(f, EX_ALL))
            continue;
        static exercise ex;
        char why[256];
        if (!exercise_start_with(&ex, f, 11, &sc, none_given, why, sizeof why))
            fail_msg("%s: %s", f->name, why);
        tried++;
        const trace_event *al = &ex.full.ev[ex.alert_ev];
        /* The answers, from the trace, against the catalogue. */
        if (al->actor != f->checker || al->alert != f->alert)
            fail_msg("%s: the trace has %s sending %s, the catalogue %s sending %s", f->name,
                     actor_name(al->actor), alert_name(al->alert), actor_name(f->checker),
                     alert_name(f->alert));
        assert_int_equal(ex.full.result.alert, f->alert);
        const ex_question *side = &ex.q[EX_SIDE], *alert = &ex.q[EX_ALERT];
        const ex_question *check = &ex.q[EX_CHECK], *cause = &ex.q[EX_CAUSE];
        assert_string_equal(side->choices[side->right], actor_name(f->checker));
        char want[96];
        snprintf(want, sizeof want, "%s (%d)", alert_name(f->alert), f->alert);
        assert_string_equal(alert->choices[alert->right], want);
        assert_string_equal(cause->choices[cause->right], f->name);
        if (ex.fail_check != (size_t)-1) {
            const trace_event *c = &ex.full.ev[ex.fail_check];
            assert_int_equal(c->kind, EV_VERIFY);
            assert_false(c->ok);
            assert_int_equal(c->actor, f->checker);
            assert_true(ex.fail_check < ex.alert_ev);
            assert_string_equal(check->choices[check->right], c->title);
        } else {
            assert_string_equal(check->choices[check->right], EX_NO_CHECK);
        }
        /* Each right answer is one of the choices, once; there is something to choose. */
        for (int q = 0; q < EX_PARTS; q++) {
            assert_true(ex.q[q].n >= 2);
            assert_int_equal(count_right(&ex.q[q], ex.q[q].choices[ex.q[q].right]), 1);
            assert_true(ex.q[q].n_hints == 2);
        }
        /* Hints never name the answer's alert. */
        for (int q = 0; q < EX_PARTS; q++)
            for (size_t h = 0; h < ex.q[q].n_hints; h++)
                if (strstr(ex.q[q].hints[h], alert_name(f->alert)))
                    fail_msg("%s: hint names the alert: %s", f->name, ex.q[q].hints[h]);
        /* The trace the student sees: no fault named, no failure, nothing after it. */
        size_t *map = calloc(ex.full.n, sizeof *map);
        trace view;
        assert_true(exercise_view(&ex, &view, map));
        assert_true(view.n > 0 && view.n <= ex.frontier);
        for (size_t k = 0; k < view.n; k++) {
            const trace_event *e = &view.ev[k];
            assert_int_equal(e->seq, k);
            assert_true(map[k] < ex.frontier);
            assert_ptr_equal(e->title, ex.full.ev[map[k]].title);
            if ((e->kind == EV_VERIFY && !e->ok) || (e->kind == EV_ALERT && e->alert > 0))
                fail_msg("%s: the view shows a failure: %s", f->name, e->title);
            const char *n1 = names_in(e->title), *n2 = e->explain ? names_in(e->explain) : NULL;
            if (n1 || n2)
                fail_msg("%s: '%s' shows %s", f->name, e->title, n1 ? n1 : n2);
            if (e->has_payload)
                assert_true(e->payload_first <= k);
        }
        exercise_view_free(&view);
        free(map);
        exercise_free(&ex);
    }
    assert_true(tried >= 30);
}

static void grading_hints_and_giving_up(void **state)
{
    (void)state;
    scenario sc = base();
    static exercise ex;
    char why[256];
    assert_true(exercise_start_with(&ex, fault_by_name("cert-expired"), 5, &sc, none_given, why, sizeof why));
    assert_int_equal(exercise_current(&ex), EX_SIDE);
    size_t wrong = ex.q[EX_SIDE].right == 0 ? 1 : 0;
    assert_int_equal(exercise_answer(&ex, EX_SIDE, wrong), EXG_WRONG);
    assert_int_equal(ex.q[EX_SIDE].hints_shown, 1);
    assert_int_equal(exercise_answer(&ex, EX_SIDE, ex.q[EX_SIDE].right), EXG_RIGHT);
    assert_int_equal(exercise_answer(&ex, EX_SIDE, ex.q[EX_SIDE].right), EXG_DONE);
    assert_int_equal(exercise_current(&ex), EX_CHECK);
    ex_question *c = &ex.q[EX_CHECK];
    size_t bad = c->right == 0 ? 1 : 0;
    assert_int_equal(exercise_answer(&ex, EX_CHECK, bad), EXG_WRONG);
    assert_int_equal(exercise_answer(&ex, EX_CHECK, bad), EXG_WRONG);
    assert_int_equal(c->hints_shown, 2);
    assert_int_equal(exercise_answer(&ex, EX_CHECK, bad), EXG_GAVE_UP);
    assert_true(c->done && !c->right_in_end);
    assert_int_equal(exercise_answer(&ex, EX_ALERT, ex.q[EX_ALERT].right), EXG_RIGHT);
    assert_int_equal(exercise_answer(&ex, EX_CAUSE, ex.q[EX_CAUSE].right), EXG_RIGHT);
    assert_int_equal(exercise_current(&ex), EX_PARTS);
    assert_int_equal(exercise_score(&ex), 3);
    char text[2400];
    exercise_reveal_text(&ex, text, sizeof text);
    assert_non_null(strstr(text, "cert-expired"));
    assert_non_null(strstr(text, "certificate_expired(45)"));
    assert_non_null(strstr(text, "validity"));
    assert_non_null(strstr(text, "Your score: 3 of 4 (7 answers, 3 hints)."));
    exercise_free(&ex);
}

static void the_seed_fixes_the_pick(void **state)
{
    (void)state;
    scenario sc = base();
    static exercise a, b;
    char why[256];
    const fault_info *seen[8];
    size_t distinct = 0;
    for (uint64_t seed = 1; seed <= 8; seed++) {
        assert_true(exercise_start(&a, seed, FCAT_RECORDS, &sc, none_given, why, sizeof why));
        assert_true(exercise_start(&b, seed, FCAT_RECORDS, &sc, none_given, why, sizeof why));
        assert_ptr_equal(a.fault, b.fault);
        assert_int_equal(a.fault->category, FCAT_RECORDS);
        /* The same bytes, so the whole class sees the same values. */
        assert_int_equal(a.full.n, b.full.n);
        for (size_t i = 0; i < a.full.n; i++) {
            assert_int_equal(a.full.ev[i].len, b.full.ev[i].len);
            if (a.full.ev[i].len)
                assert_memory_equal(a.full.ev[i].bytes, b.full.ev[i].bytes, a.full.ev[i].len);
        }
        bool known = false;
        for (size_t k = 0; k < distinct; k++)
            known |= seen[k] == a.fault;
        if (!known)
            seen[distinct++] = a.fault;
        char unit[64];
        snprintf(unit, sizeof unit, "exercise/%llu-records", (unsigned long long)seed);
        assert_string_equal(a.unit, unit);
        exercise_free(&a);
        exercise_free(&b);
    }
    assert_true(distinct >= 3);
}

static void categories(void **state)
{
    (void)state;
    int c = -5;
    assert_true(exercise_category_parse("records", &c));
    assert_int_equal(c, FCAT_RECORDS);
    assert_true(exercise_category_parse("Server-Certificate", &c));
    assert_int_equal(c, FCAT_SERVER_CERT);
    assert_true(exercise_category_parse("attacker on the wire", &c));
    assert_int_equal(c, FCAT_ATTACKER);
    assert_false(exercise_category_parse("record", &c));
    assert_false(exercise_category_parse("", &c));
    char list[512];
    exercise_category_list(list, sizeof list);
    for (int k = 0; k < FCAT_COUNT; k++) {
        char slug[64];
        exercise_category_slug(k, slug, sizeof slug);
        assert_non_null(strstr(list, slug));
        assert_true(exercise_category_parse(slug, &c) && c == k);
    }
    /* Nobody notices a passive attacker: nothing to find, so never picked. */
    assert_false(exercise_eligible(fault_by_name("eavesdrop-stolen-key"), EX_ALL));
    assert_false(exercise_eligible(fault_by_name("cert-expired"), FCAT_RECORDS));
}

/* What the student reads as evidence is true: the ClientHello of version-mismatch
 * names the version it carries, 0x0302, as TLS 1.1 (it once said TLS 1.2). */
static void the_evidence_is_true(void **state)
{
    (void)state;
    scenario sc = base();
    static exercise ex;
    char why[256];
    assert_true(exercise_start_with(&ex, fault_by_name("version-mismatch"), 3, &sc, none_given, why, sizeof why));
    size_t *map = calloc(ex.full.n, sizeof *map);
    trace view;
    assert_true(exercise_view(&ex, &view, map));
    bool seen = false;
    for (size_t k = 0; k < view.n; k++) {
        const trace_event *e = &view.ev[k];
        if (e->kind != EV_MESSAGE || strcmp(e->title, "ClientHello") != 0)
            continue;
        for (size_t i = 0; i < e->fields.n; i++)
            if (strcmp(e->fields.v[i].name, "version") == 0 && e->fields.v[i].value) {
                assert_non_null(strstr(e->fields.v[i].value, "0x0302 (TLS 1.1)"));
                seen = true;
            }
    }
    assert_true(seen);
    exercise_view_free(&view);
    free(map);
    exercise_free(&ex);
}

/* A lesson's mystery: the fault comes from the pool, and so do the causes offered. */
static void a_lesson_pool(void **state)
{
    (void)state;
    scenario sc = base();
    static exercise ex;
    char why[256];
    const char *pool = "cert-expired, tamper-appdata,skip-ccs";
    for (uint64_t seed = 1; seed <= 6; seed++) {
        assert_true(exercise_start_pool(&ex, pool, seed, &sc, none_given, why, sizeof why));
        assert_non_null(strstr(pool, ex.fault->name));
        const ex_question *c = &ex.q[EX_CAUSE];
        assert_int_equal(c->n, 3);
        for (size_t i = 0; i < c->n; i++)
            assert_non_null(strstr(pool, c->choices[i]));
        assert_string_equal(c->choices[c->right], ex.fault->name);
        const fault_info *first = ex.fault;
        exercise_free(&ex);
        assert_true(exercise_start_pool(&ex, pool, seed, &sc, none_given, why, sizeof why));
        assert_ptr_equal(ex.fault, first);
        exercise_free(&ex);
    }
    assert_false(exercise_start_pool(&ex, "cert-expired, no-such-fault", 1, &sc, none_given, why, sizeof why));
    assert_non_null(strstr(why, "no-such-fault"));
    assert_false(exercise_start_pool(&ex, "eavesdrop-stolen-key", 1, &sc, none_given, why, sizeof why));
    assert_non_null(strstr(why, "nothing to find"));
    assert_false(exercise_start_pool(&ex, " , ", 1, &sc, none_given, why, sizeof why));
}

static void masking_alert_names(void **state)
{
    (void)state;
    char s[128] = "only Finished fails (with --no-ems: decrypt_error); then bad_record_mac.";
    tui_faults_mask_alerts(s, sizeof s);
    assert_string_equal(s, "only Finished fails (with --no-ems: (hidden)); then (hidden).");
    char small[16] = "x decrypt_error";
    tui_faults_mask_alerts(small, sizeof small);
    assert_string_equal(small, "x (hidden)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_fault_against_the_catalogue),
        cmocka_unit_test(grading_hints_and_giving_up),
        cmocka_unit_test(the_seed_fixes_the_pick),
        cmocka_unit_test(categories),
        cmocka_unit_test(the_evidence_is_true),
        cmocka_unit_test(a_lesson_pool),
        cmocka_unit_test(masking_alert_names),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
