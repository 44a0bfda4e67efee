/* The comparison model (tlssim compare): the alignment keeps every shown step of
 * both runs once and in order, pairs only like with like, and marks what one run
 * lacks; the summary agrees with the RFCs (a 48-byte RSA premaster, RFC 5246
 * 7.4.7.1; a 32-byte X25519 shared secret, RFC 7748 6.1) and with the trace's
 * own records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sim/engine.h"
#include "sim/fault_plan.h"
#include "sim/suites.h"
#include "ui/compare_model.h"
#include "tests/unit/pki_fixture.h"

#define RSA "TLS_RSA_WITH_AES_128_GCM_SHA256"
#define ECDHE "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
#define DHE "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"

typedef struct pair {
    scenario sc[2];
    trace t[2];
    compare_model m;
} pair;

static void scenario_for(scenario *sc, const char *suite, bool client_auth, const char *fault)
{
    scenario_defaults(sc);
    sc->pki = &p;
    sc->seeded = true;
    sc->seed = 11;
    x509_parse_date("2026-06-01", &sc->now);
    sc->suite = suite_by_name(suite);
    assert_non_null(sc->suite);
    sc->suites[0] = sc->suite;
    sc->n_suites = 1;
    sc->client_auth = client_auth;
    if (sc->suite->kex == HS_KEX_DHE)
        sc->group = GROUP_FFDHE2048;
    if (fault) {
        sc->faults = FAULT_BIT(fault_by_name(fault)->id);
        char why[256];
        assert_true(fault_fit_scenario_given(sc, (fault_given){true, false}, why, sizeof why));
    }
}

static void run_pair(pair *pr, const char *a, const char *b, bool client_auth, const char *fault_a,
                     const char *fault_b)
{
    scenario_for(&pr->sc[0], a, client_auth, fault_a);
    scenario_for(&pr->sc[1], b, client_auth, fault_b);
    for (int k = 0; k < 2; k++) {
        trace_init(&pr->t[k]);
        assert_true(engine_run(&pr->sc[k], &pr->t[k]));
    }
    assert_true(compare_build(&pr->m, &pr->t[0], &pr->sc[0], &pr->t[1], &pr->sc[1]));
}

static void free_pair(pair *pr)
{
    compare_free(&pr->m);
    trace_free(&pr->t[0]);
    trace_free(&pr->t[1]);
}

static bool is_pms(const trace_event *e)
{
    return e->kind == EV_COMPUTE && trace_event_output(e, "pre_master_secret");
}

/* Every shown step once, in order; each row has a step; paired steps are alike. */
static void check_alignment(const pair *pr)
{
    const compare_model *m = &pr->m;
    for (int k = 0; k < 2; k++) {
        const trace *t = &pr->t[k];
        size_t next = 0, seen = 0, shown = 0;
        for (size_t i = 0; i < t->n; i++)
            shown += compare_step_shown(&t->ev[i]);
        for (size_t r = 0; r < m->n_rows; r++) {
            size_t ev = m->rows[r].ev[k];
            if (ev == CMP_NONE)
                continue;
            assert_true(ev >= next);
            assert_true(compare_step_shown(&t->ev[ev]));
            next = ev + 1;
            seen++;
        }
        assert_int_equal(seen, shown);
    }
    for (size_t r = 0; r < m->n_rows; r++) {
        const cmp_row *row = &m->rows[r];
        assert_true(row->ev[0] != CMP_NONE || row->ev[1] != CMP_NONE);
        if (row->ev[0] == CMP_NONE || row->ev[1] == CMP_NONE)
            continue;
        const trace_event *a = &pr->t[0].ev[row->ev[0]], *b = &pr->t[1].ev[row->ev[1]];
        assert_int_equal(a->actor, b->actor);
        if (!(is_pms(a) && is_pms(b)))
            assert_string_equal(a->title, b->title);
    }
}

static size_t rows_titled(const compare_model *m, const char *title, int *only)
{
    size_t n = 0;
    for (size_t r = 0; r < m->n_rows; r++)
        for (int k = 0; k < 2; k++) {
            size_t ev = m->rows[r].ev[k];
            if (ev != CMP_NONE && m->side[k].t->ev[ev].kind == EV_MESSAGE &&
                strcmp(m->side[k].t->ev[ev].title, title) == 0) {
                n += k == 0 || m->rows[r].ev[0] == CMP_NONE;
                *only = m->rows[r].ev[1 - k] == CMP_NONE ? k : -1;
            }
        }
    return n;
}

static void rsa_against_ecdhe(void **state)
{
    (void)state;
    pair pr;
    run_pair(&pr, RSA, ECDHE, false, NULL, NULL);
    check_alignment(&pr);
    int only = -2;
    assert_int_equal(rows_titled(&pr.m, "ServerKeyExchange", &only), 1);
    assert_int_equal(only, 1);
    for (size_t r = 0; r < pr.m.n_rows; r++)
        if (pr.m.rows[r].ev[0] == CMP_NONE && pr.m.rows[r].ev[1] != CMP_NONE &&
            pr.t[1].ev[pr.m.rows[r].ev[1]].kind == EV_MESSAGE) {
            char why[256];
            compare_missing_text(&pr.m, 0, r, why, sizeof why);
            assert_string_equal(why, "RSA key transport has no ServerKeyExchange");
        }
    assert_int_equal(rows_titled(&pr.m, "ClientKeyExchange", &only), 1);
    assert_int_equal(only, -1);

    const cmp_side *a = &pr.m.side[0], *b = &pr.m.side[1];
    assert_int_equal(a->pms, CMP_PMS_TRANSPORT);
    assert_int_equal(a->pms_len, 48);
    assert_int_equal(a->key_use, CMP_KEY_DECRYPT);
    assert_false(a->forward_secrecy);
    assert_int_equal(b->pms, CMP_PMS_SHARES);
    assert_int_equal(b->pms_len, 32);
    assert_true(b->pms_both_same);
    assert_int_equal(b->key_use, CMP_KEY_SIGN);
    assert_true(b->forward_secrecy);
    for (int k = 0; k < 2; k++) {
        const cmp_side *s = &pr.m.side[k];
        assert_true(s->complete && s->fs_from_trace);
        assert_int_equal(s->flights, 4); /* RFC 5246 7.3: a full handshake */
        assert_int_equal(s->server_flights, 2);
        /* Nothing changed the wire: the bytes are the records the two sides sent. */
        size_t sent[2] = {0, 0};
        for (size_t i = 0; i < pr.t[k].n; i++)
            if (pr.t[k].ev[i].kind == EV_RECORD)
                sent[pr.t[k].ev[i].actor == ACTOR_SERVER] += pr.t[k].ev[i].len;
        assert_int_equal(s->bytes_c2s, sent[0]);
        assert_int_equal(s->bytes_s2c, sent[1]);
    }
    free_pair(&pr);
}

static void mutual_tls_and_dhe(void **state)
{
    (void)state;
    pair pr;
    run_pair(&pr, ECDHE, DHE, true, NULL, NULL);
    check_alignment(&pr);
    int only = -2;
    assert_int_equal(rows_titled(&pr.m, "CertificateRequest", &only), 1);
    assert_int_equal(only, -1);
    assert_int_equal(rows_titled(&pr.m, "ServerKeyExchange", &only), 1);
    assert_int_equal(only, -1);
    assert_int_equal(pr.m.side[1].pms, CMP_PMS_SHARES);
    assert_true(pr.m.side[1].pms_both_same);
    char text[512];
    compare_item_text(&pr.m.side[1], CMP_ITEM_PMS, true, text, sizeof text);
    assert_string_equal(text, "both sides compute it (DHE)");
    free_pair(&pr);
}

static void a_failed_run_ends_early(void **state)
{
    (void)state;
    pair pr;
    run_pair(&pr, RSA, ECDHE, false, "rsa-pms-bad-padding", NULL);
    check_alignment(&pr);
    const cmp_side *a = &pr.m.side[0];
    assert_false(a->complete);
    assert_true(pr.m.side[1].complete);
    assert_true(a->last_row < pr.m.n_rows - 1);
    char text[512];
    compare_item_text(a, CMP_ITEM_ENDED, true, text, sizeof text);
    assert_string_equal(text, "bad_record_mac by server");
    compare_item_text(a, CMP_ITEM_TRIPS, true, text, sizeof text);
    assert_non_null(strstr(text, "unfinished"));
    compare_missing_text(&pr.m, 0, pr.m.n_rows - 1, text, sizeof text);
    assert_string_equal(text, "this run had ended before");
    free_pair(&pr);
}

static void a_failed_signature_is_said(void **state)
{
    (void)state;
    pair pr;
    run_pair(&pr, RSA, ECDHE, false, NULL, "ske-bad-signature");
    check_alignment(&pr);
    assert_int_equal(pr.m.side[1].key_use, CMP_KEY_SIGN);
    assert_true(pr.m.side[1].key_check_failed);
    assert_false(pr.m.side[0].key_check_failed);
    char text[512];
    compare_item_text(&pr.m.side[1], CMP_ITEM_KEY_USE, true, text, sizeof text);
    assert_non_null(strstr(text, "FAILED"));
    free_pair(&pr);
}

/* The TUI's summary column holds 29 columns: every brief text must fit it. */
static void brief_texts_fit(void **state)
{
    (void)state;
    const char *faults[] = {NULL, "rsa-pms-bad-padding", "cert-wrong-eku"};
    for (size_t f = 0; f < sizeof faults / sizeof faults[0]; f++) {
        pair pr;
        run_pair(&pr, RSA, ECDHE, false, faults[f], NULL);
        for (int k = 0; k < 2; k++)
            for (int it = 0; it < CMP_ITEM_COUNT; it++) {
                char text[512];
                compare_item_text(&pr.m.side[k], (cmp_item)it, true, text, sizeof text);
                if (strlen(text) > 29)
                    fail_msg("'%s' is wider than 29 columns", text);
            }
        free_pair(&pr);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rsa_against_ecdhe),
        cmocka_unit_test(mutual_tls_and_dhe),
        cmocka_unit_test(a_failed_run_ends_early),
        cmocka_unit_test(a_failed_signature_is_said),
        cmocka_unit_test(brief_texts_fit),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
