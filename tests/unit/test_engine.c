/* The engine end to end: a seeded run agrees on its secrets on both sides, and
 * every byte of the server's first flight is protected: whichever byte is flipped
 * on the wire, the handshake ends in an alert, never in success or a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/alert.h"
#include "sim/engine.h"
#include "sim/suites.h"
#include "tests/unit/pki_fixture.h"


static void defaults(scenario *sc)
{
    scenario_defaults(sc);
    sc->pki = &p;
    sc->seeded = true;
    sc->seed = 7;
    x509_parse_date("2026-06-01", &sc->now);
}

/* The same output name recorded by both sides has the same bytes. */
static void both_sides_agree(const trace *t, const char *name)
{
    const trace_blob *seen[2] = {NULL, NULL};
    for (size_t i = 0; i < t->n; i++)
        for (size_t k = 0; k < t->ev[i].n_outputs; k++)
            if (strcmp(t->ev[i].outputs[k].name, name) == 0)
                seen[t->ev[i].actor == ACTOR_SERVER] = &t->ev[i].outputs[k];
    assert_non_null(seen[0]);
    assert_non_null(seen[1]);
    assert_int_equal(seen[0]->len, seen[1]->len);
    assert_memory_equal(seen[0]->data, seen[1]->data, seen[0]->len);
}

static void default_run_agrees(void **state)
{
    (void)state;
    scenario sc;
    defaults(&sc);
    trace t;
    trace_init(&t);
    assert_true(engine_run(&sc, &t));
    assert_int_equal(t.result.outcome, OUTCOME_OK);
    assert_string_equal(t.result.suite, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    both_sides_agree(&t, "pre_master_secret");
    both_sides_agree(&t, "master_secret");
    both_sides_agree(&t, "key_block");
    trace_free(&t);
}

typedef struct flip {
    size_t pos;
    size_t flight_len;
} flip;

static void flip_server_flight(actor_id from, int flight, uint8_t *bytes, size_t *len, void *ctx)
{
    flip *f = ctx;
    if (from != ACTOR_SERVER || flight != 0)
        return;
    f->flight_len = *len;
    if (f->pos < *len)
        bytes[f->pos] ^= 0x01;
}

static void every_flip_is_caught(void **state)
{
    (void)state;
    scenario sc;
    defaults(&sc);
    flip f = {(size_t)-1, 0};
    trace t;
    trace_init(&t);
    engine_run_tapped(&sc, &t, flip_server_flight, &f);
    assert_int_equal(t.result.outcome, OUTCOME_OK);
    trace_free(&t);
    size_t n = f.flight_len, caught = 0;
    assert_true(n > 1000);
    for (f.pos = 0; f.pos < n; f.pos++) {
        trace_init(&t);
        engine_run_tapped(&sc, &t, flip_server_flight, &f);
        if (t.result.outcome != OUTCOME_OK)
            caught++;
        else
            fail_msg("flipping byte %zu of the server's first flight went unnoticed", f.pos);
        trace_free(&t);
    }
    assert_int_equal(caught, n);
}

/* The server's first flight replaced by a plaintext close_notify (RFC 5246 7.2.1),
 * or dropped. */
static void end_server_flight(actor_id from, int flight, uint8_t *bytes, size_t *len, void *ctx)
{
    static const uint8_t close_notify[] = {21, 3, 3, 0, 2, 1, 0};
    if (from != ACTOR_SERVER || flight != 0)
        return;
    if (ctx) {
        memcpy(bytes, close_notify, sizeof close_notify);
        *len = sizeof close_notify;
    } else {
        *len = 0;
    }
}

/* Ended without an alert: said so, never an internal_error nobody sent. */
static void early_close_and_silence_are_not_alerts(void **state)
{
    (void)state;
    scenario sc;
    defaults(&sc);
    trace t;
    trace_init(&t);
    int replace = 1;
    engine_run_tapped(&sc, &t, end_server_flight, &replace);
    assert_int_equal(t.result.outcome, OUTCOME_CLOSED);
    assert_string_equal(t.result.reason, "the server sent close_notify before the exchange finished");
    trace_free(&t);
    trace_init(&t);
    engine_run_tapped(&sc, &t, end_server_flight, NULL);
    assert_int_equal(t.result.outcome, OUTCOME_TIMEOUT);
    trace_free(&t);
}

/* Flips one byte of the encrypted premaster in the client's second flight. */
static void flip_premaster(actor_id from, int flight, uint8_t *bytes, size_t *len, void *ctx)
{
    (void)ctx;
    /* record header (5) + handshake header (4) + vector length (2), then the ciphertext */
    if (from == ACTOR_CLIENT && flight == 1 && *len > 40)
        bytes[5 + 4 + 2 + 20] ^= 0x01;
}

/* RFC 5246 7.4.7.1: a bad RSA premaster must not be revealed by its own alert; the
 * server carries on with a random premaster and the handshake fails only later, when
 * the client's encrypted Finished does not decrypt under the server's keys. */
static void rsa_bad_premaster_fails_late(void **state)
{
    (void)state;
    scenario sc;
    defaults(&sc);
    sc.suite = suite_by_name("TLS_RSA_WITH_AES_128_GCM_SHA256");
    trace t;
    trace_init(&t);
    engine_run_tapped(&sc, &t, flip_premaster, NULL);
    assert_int_equal(t.result.outcome, OUTCOME_ALERT);
    assert_int_equal(t.result.sender, ACTOR_SERVER);
    assert_int_equal(t.result.alert, ALERT_BAD_RECORD_MAC);
    bool fallback = false;
    size_t client_finished = t.n, server_alert = t.n;
    for (size_t i = 0; i < t.n; i++) {
        const trace_event *e = &t.ev[i];
        if (e->actor == ACTOR_SERVER && e->kind == EV_COMPUTE &&
            strcmp(e->title, "premaster secret (RSA decryption)") == 0)
            fallback = strstr(e->explain, "random premaster") != NULL;
        if (e->actor == ACTOR_CLIENT && e->kind == EV_MESSAGE && strcmp(e->title, "Finished") == 0)
            client_finished = i;
        if (e->actor == ACTOR_SERVER && e->kind == EV_ALERT && server_alert == t.n)
            server_alert = i;
    }
    assert_true(fallback);                      /* the server noticed, silently */
    assert_true(client_finished < t.n);
    assert_true(server_alert > client_finished); /* and said nothing until Finished */
    trace_free(&t);
}

/* What the wire carried in plaintext handshake records, per side. */
typedef struct packing {
    size_t records[2][4]; /* handshake records per side and flight */
    size_t largest[2];    /* largest plaintext handshake payload per side */
} packing;

static void count_records(actor_id from, int flight, uint8_t *bytes, size_t *len, void *ctx)
{
    packing *pk = ctx;
    bool after_ccs = flight > (from == ACTOR_CLIENT);
    for (size_t off = 0; off + 5 <= *len && flight < 4;) {
        size_t body = (size_t)bytes[off + 3] << 8 | bytes[off + 4];
        after_ccs |= bytes[off] == 20;
        if (bytes[off] == 22 && !after_ccs) { /* encrypted records' sizes include nonce and tag */
            pk->records[from][flight]++;
            if (body > pk->largest[from])
                pk->largest[from] = body;
        }
        off += 5 + body;
    }
}

static packing run_packed(size_t record_size, bool coalesce)
{
    scenario sc;
    defaults(&sc);
    sc.record_size = record_size;
    sc.coalesce = coalesce;
    packing pk;
    memset(&pk, 0, sizeof pk);
    trace t;
    trace_init(&t);
    engine_run_tapped(&sc, &t, count_records, &pk);
    assert_int_equal(t.result.outcome, OUTCOME_OK);
    both_sides_agree(&t, "master_secret");
    trace_free(&t);
    return pk;
}

/* RFC 5246 6.2.1: the sender may split messages across records and share records
 * between messages; the receiver must accept any packing. */
static void sender_packs_records_as_asked(void **state)
{
    (void)state;
    packing one_each = run_packed(0, false);
    assert_int_equal(one_each.records[ACTOR_SERVER][0], 4); /* SH, Certificate, SKE, SHD */
    packing shared = run_packed(0, true);
    assert_int_equal(shared.records[ACTOR_SERVER][0], 1);   /* the whole flight in one */
    packing tiny = run_packed(5, false);
    assert_int_equal(tiny.largest[ACTOR_CLIENT], 5);
    assert_int_equal(tiny.largest[ACTOR_SERVER], 5);
    assert_true(tiny.records[ACTOR_SERVER][0] > 200);
    packing both = run_packed(700, true);
    assert_int_equal(both.largest[ACTOR_SERVER], 700);
    assert_true(both.records[ACTOR_SERVER][0] < one_each.records[ACTOR_SERVER][0] + 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_run_agrees),
        cmocka_unit_test(every_flip_is_caught),
        cmocka_unit_test(rsa_bad_premaster_fails_late),
        cmocka_unit_test(early_close_and_silence_are_not_alerts),
        cmocka_unit_test(sender_packs_records_as_asked),
    };
    return cmocka_run_group_tests_name("engine", tests, setup, teardown);
}
