/* A run is a value: nothing of one run lives outside it (no static actors, no global
 * random generator, no shared scratch buffers), so runs in parallel do not meet.
 *
 * Each scenario is run alone first; its trace, as the JSON document `tlssim run
 * --json` writes, is the reference. Then two runs go in lockstep on two threads, one
 * flight at a time each (the engine's wire tap hands the turn over), and several run
 * on threads at once; every trace must equal its reference byte for byte. With any
 * state shared between runs (one DRBG reseeded by the other run, one pair of static
 * actors) the lockstep traces differ: the interleaving is fixed, so the failure is
 * not left to chance. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "crypto/x509.h"
#include "sim/engine.h"
#include "sim/fault.h"
#include "sim/fault_plan.h"
#include "sim/suites.h"
#include "tests/unit/pki_fixture.h"
#include "ui/render_json.h"

/* Different suites, key exchanges and faults, so that the runs draw different
 * amounts of randomness and take different paths: a man in the middle and an
 * eavesdropper each keep state of their own. */
static const struct {
    const char *suite;
    const char *fault; /* or NULL */
    uint64_t seed;
    bool resume;
} cases[] = {
    {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", NULL, 11, false},
    {"TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "cert-expired", 22, false},
    {"TLS_RSA_WITH_AES_128_CBC_SHA256", "eavesdrop-stolen-key", 33, false},
    {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", NULL, 44, true},
    {NULL, "mitm-anon", 55, false},
    {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "tamper-client-finished", 66, false},
};
#define NCASES (sizeof cases / sizeof cases[0])

static void make_scenario(size_t i, scenario *sc)
{
    scenario_defaults(sc);
    sc->pki = &p;
    sc->seeded = true;
    sc->seed = cases[i].seed;
    x509_parse_date("2026-06-01", &sc->now);
    if (cases[i].suite)
        sc->suite = suite_by_name(cases[i].suite);
    assert_non_null(sc->suite);
    if (cases[i].resume)
        sc->resume = RESUME_TICKET;
    if (cases[i].fault) {
        const fault_info *f = fault_by_name(cases[i].fault);
        assert_non_null(f);
        sc->faults = FAULT_BIT(f->id);
        char why[256];
        assert_true(fault_fit_scenario(sc, cases[i].suite != NULL, why, sizeof why));
    }
}

/* The trace as `tlssim run --json` writes it (malloc'd, NUL-terminated). */
static char *trace_json(const trace *t)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    bool ok = render_json(f, t, NULL, 0);
    fclose(f);
    if (!ok) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Runs case i, calling tap (if any) at every flight; the trace as JSON. */
static char *run_case(size_t i, engine_tap tap, void *ctx)
{
    scenario sc;
    make_scenario(i, &sc);
    trace t;
    trace_init(&t);
    char *json = engine_run_tapped(&sc, &t, tap, ctx) ? trace_json(&t) : NULL;
    trace_free(&t);
    return json;
}

static char *reference[NCASES];

static int setup_all(void **state)
{
    if (setup(state) != 0)
        return -1;
    for (size_t i = 0; i < NCASES; i++)
        if (!(reference[i] = run_case(i, NULL, NULL)))
            return -1;
    return 0;
}

static int teardown_all(void **state)
{
    for (size_t i = 0; i < NCASES; i++)
        free(reference[i]);
    return teardown(state);
}

/* The same run, done twice alone, gives the same document: what the others compare
 * against is itself repeatable. */
static void alone_twice_is_identical(void **state)
{
    (void)state;
    for (size_t i = 0; i < NCASES; i++) {
        char *again = run_case(i, NULL, NULL);
        assert_non_null(again);
        assert_string_equal(again, reference[i]);
        free(again);
    }
}

/* Two runs taking turns, one flight each: a thread runs only while it holds the turn. */
typedef struct lockstep {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int turn;
    bool done[2];
} lockstep;

typedef struct side {
    lockstep *ls;
    int me;
    size_t which; /* the case */
    char *json;
} side;

static void wait_turn(lockstep *ls, int me)
{
    while (ls->turn != me && !ls->done[1 - me])
        pthread_cond_wait(&ls->cv, &ls->mu);
}

static void hand_over(actor_id from, int flight, uint8_t *bytes, size_t *len, void *ctx)
{
    (void)from, (void)flight, (void)bytes, (void)len;
    side *s = ctx;
    pthread_mutex_lock(&s->ls->mu);
    s->ls->turn = 1 - s->me;
    pthread_cond_broadcast(&s->ls->cv);
    wait_turn(s->ls, s->me);
    pthread_mutex_unlock(&s->ls->mu);
}

static void *lockstep_side(void *arg)
{
    side *s = arg;
    pthread_mutex_lock(&s->ls->mu);
    wait_turn(s->ls, s->me);
    pthread_mutex_unlock(&s->ls->mu);
    s->json = run_case(s->which, hand_over, s);
    pthread_mutex_lock(&s->ls->mu);
    s->ls->done[s->me] = true;
    s->ls->turn = 1 - s->me;
    pthread_cond_broadcast(&s->ls->cv);
    pthread_mutex_unlock(&s->ls->mu);
    return NULL;
}

static void lockstep_pairs_match_their_runs_alone(void **state)
{
    (void)state;
    size_t pairs = 0;
    for (size_t a = 0; a < NCASES; a++)
        for (size_t b = a + 1; b < NCASES; b++) {
            lockstep ls = {.turn = 0};
            pthread_mutex_init(&ls.mu, NULL);
            pthread_cond_init(&ls.cv, NULL);
            side s[2] = {{&ls, 0, a, NULL}, {&ls, 1, b, NULL}};
            pthread_t th[2];
            for (int k = 0; k < 2; k++)
                assert_int_equal(pthread_create(&th[k], NULL, lockstep_side, &s[k]), 0);
            for (int k = 0; k < 2; k++)
                pthread_join(th[k], NULL);
            pthread_cond_destroy(&ls.cv);
            pthread_mutex_destroy(&ls.mu);
            for (int k = 0; k < 2; k++) {
                if (!s[k].json || strcmp(s[k].json, reference[s[k].which]) != 0)
                    fail_msg("case %zu run beside case %zu gave another trace than alone",
                             s[k].which, s[1 - k].which);
                free(s[k].json);
            }
            pairs++;
        }
    assert_int_equal(pairs, NCASES * (NCASES - 1) / 2);
}

/* Every case at once, each on its own thread, several rounds. */
typedef struct free_run {
    size_t which;
    char *json;
} free_run;

static void *free_side(void *arg)
{
    free_run *r = arg;
    r->json = run_case(r->which, NULL, NULL);
    return NULL;
}

static void all_at_once_match_their_runs_alone(void **state)
{
    (void)state;
    for (int round = 0; round < 3; round++) {
        free_run r[NCASES];
        pthread_t th[NCASES];
        for (size_t i = 0; i < NCASES; i++) {
            r[i] = (free_run){i, NULL};
            assert_int_equal(pthread_create(&th[i], NULL, free_side, &r[i]), 0);
        }
        for (size_t i = 0; i < NCASES; i++)
            pthread_join(th[i], NULL);
        for (size_t i = 0; i < NCASES; i++) {
            if (!r[i].json || strcmp(r[i].json, reference[i]) != 0)
                fail_msg("case %zu, run with all the others at once, gave another trace", i);
            free(r[i].json);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(alone_twice_is_identical),
        cmocka_unit_test(lockstep_pairs_match_their_runs_alone),
        cmocka_unit_test(all_at_once_match_their_runs_alone),
    };
    return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
