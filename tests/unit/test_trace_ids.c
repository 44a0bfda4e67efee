/* Stable identifiers and field paths (sim/trace_ids.c, sim/trace_path.c): every event
 * of every fault, suite and mode gets an id from the table, ids do not depend on the
 * seed, the handshake's ids follow RFC 5246 7.3's order, and within an event every
 * field's path is unique and points at the bytes it names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sim/engine.h"
#include "sim/fault.h"
#include "sim/suites.h"
#include "ui/scenario_args.h"

/* Runs `tlssim run` options through the same parser as the command line. */
static void run_opts(trace *t, const char *const *opts, size_t n)
{
    scenario_args a;
    memset(&a, 0, sizeof a);
    scenario_defaults(&a.sc);
    char *argv[16] = {"run"};
    for (size_t i = 0; i < n; i++)
        argv[i + 1] = (char *)opts[i];
    int argc = (int)n + 1;
    for (int i = 1; i < argc; i++)
        assert_int_equal(scenario_args_take(&a, "run", argc, argv, &i), 1);
    assert_int_equal(scenario_args_finish(&a, "run"), 0);
    trace_init(t);
    assert_true(engine_run(&a.sc, t));
    scenario_args_free(&a);
}

static void assert_ids_and_paths(const trace *t, const char *what)
{
    for (size_t i = 0; i < t->n; i++) {
        const trace_event *e = &t->ev[i];
        if (!e->id || !*e->id)
            fail_msg("%s: event %zu (%s '%s') has no id", what, i, ev_kind_name(e->kind),
                     e->title);
        if (strncmp(e->id, "record.", 7) != 0 && !trace_id_explain(e->id))
            fail_msg("%s: id %s has no explanation", what, e->id);
        if (!e->fields.n)
            continue;
        enum { W = 256 };
        char *paths = malloc(e->fields.n * W);
        assert_non_null(paths);
        assert_true(trace_field_paths(e, paths, W));
        for (size_t a = 0; a < e->fields.n; a++) {
            const char *p = paths + a * W;
            assert_null(strchr(p, ' '));
            assert_int_equal(strncmp(p, e->id, strlen(e->id)), 0);
            for (size_t b = a + 1; b < e->fields.n; b++)
                if (strcmp(p, paths + b * W) == 0)
                    fail_msg("%s: event %s: two fields with the path %s", what, e->id, p);
        }
        free(paths);
    }
}

static void every_event_of_every_fault_has_an_id(void **state)
{
    (void)state;
    for (size_t i = 0; i < fault_count(); i++) {
        const fault_info *f = fault_at(i);
        if (!f->implemented)
            continue;
        trace t;
        const char *opts[] = {"--seed", "3", "--fault", f->name};
        run_opts(&t, opts, 4);
        assert_ids_and_paths(&t, f->name);
        trace_free(&t);
    }
}

static void every_event_of_every_suite_and_mode_has_an_id(void **state)
{
    (void)state;
    for (size_t i = 0; i < suite_count(); i++) {
        trace t;
        const char *opts[] = {"--seed", "4", "--suite", suite_at(i)->name, "--client-auth",
                              "--resume"};
        run_opts(&t, opts, 6);
        assert_int_equal(t.result.outcome, OUTCOME_OK);
        assert_ids_and_paths(&t, suite_at(i)->name);
        trace_free(&t);
    }
    trace t;
    const char *opts[] = {"--seed", "4", "--coalesce", "--record-size", "100", "--resume", "id"};
    run_opts(&t, opts, 7);
    assert_ids_and_paths(&t, "coalesced, split, resumed by id");
    trace_free(&t);
}

/* The messages of a full ECDHE handshake in RFC 5246 7.3's order, each followed by
 * its record; ids do not change with the seed (only values do). */
static void ids_follow_the_handshake_and_not_the_seed(void **state)
{
    (void)state;
    trace a, b;
    const char *o1[] = {"--seed", "1"}, *o2[] = {"--seed", "99"};
    run_opts(&a, o1, 2);
    run_opts(&b, o2, 2);
    assert_int_equal(a.n, b.n);
    for (size_t i = 0; i < a.n; i++)
        assert_string_equal(a.ev[i].id, b.ev[i].id);
    static const char *const order[] = {
        "ClientHello", "ServerHello", "Certificate", "ServerKeyExchange", "ServerHelloDone",
        "ClientKeyExchange", "ChangeCipherSpec", "Finished", "ChangeCipherSpec", "Finished",
        "ApplicationData", "ApplicationData"};
    size_t k = 0;
    for (size_t i = 0; i < a.n && k < sizeof order / sizeof order[0]; i++) {
        if (a.ev[i].kind != EV_MESSAGE)
            continue;
        assert_string_equal(a.ev[i].id, order[k]);
        /* The record that carried it comes next from the same side. */
        char rec[64];
        snprintf(rec, sizeof rec, "record.%s", order[k]);
        size_t j = i + 1;
        while (j < a.n && a.ev[j].kind != EV_RECORD)
            j++;
        assert_true(j < a.n);
        assert_string_equal(a.ev[j].id, rec);
        assert_int_equal(a.ev[j].actor, a.ev[i].actor);
        k++;
    }
    assert_int_equal(k, sizeof order / sizeof order[0]);
    trace_free(&a);
    trace_free(&b);
}

static const trace_event *first(const trace *t, const char *id)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->ev[i].id, id) == 0)
            return &t->ev[i];
    fail_msg("no event %s", id);
    return NULL;
}

static long field_at(const trace_event *e, const char *path)
{
    char p[256];
    for (size_t i = 0; i < e->fields.n; i++)
        if (trace_field_path(e, i, p, sizeof p) && strcmp(p, path) == 0)
            return (long)i;
    fail_msg("no field %s", path);
    return -1;
}

/* Paths name the bytes RFC 5246 puts there: ServerHello's cipher_suite comes after
 * type (1), length (3), version (2), random (32) and an empty session id (1). */
static void paths_point_at_their_bytes(void **state)
{
    (void)state;
    trace t;
    const char *o[] = {"--seed", "5", "--suite", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"};
    run_opts(&t, o, 4);
    const trace_event *sh = first(&t, "ServerHello");
    const annot *cs = &sh->fields.v[field_at(sh, "ServerHello.cipher_suite")];
    assert_int_equal(cs->offset, 1 + 3 + 2 + 32 + 1);
    assert_int_equal(cs->length, 2);
    assert_memory_equal(sh->bytes + cs->offset, "\xc0\x2f", 2);
    /* The random the field names is the one the key block used. */
    const annot *cr = &first(&t, "ClientHello")->fields.v[field_at(first(&t, "ClientHello"),
                                                                   "ClientHello.random")];
    const trace_blob *kb_cr = trace_event_input(first(&t, "key_block"), "client_random");
    assert_non_null(kb_cr);
    assert_int_equal(cr->length, 32);
    assert_memory_equal(first(&t, "ClientHello")->bytes + cr->offset, kb_cr->data, 32);
    /* Repeated names are numbered; the leaf certificate is certificate[0]. */
    const trace_event *c = first(&t, "Certificate");
    field_at(c, "Certificate.certificate_list.certificate[0].Certificate.tbsCertificate."
                "validity.notAfter");
    field_at(c, "Certificate.certificate_list.certificate[1]");
    field_at(first(&t, "ClientHello"), "ClientHello.extensions.extension_type[0]");
    field_at(first(&t, "ClientHello"), "ClientHello.cipher_suites.entry"); /* only one */
    field_at(first(&t, "record.ClientHello"), "record.ClientHello.content_type");
    trace_free(&t);
}

static void path_names_are_path_safe(void **state)
{
    (void)state;
    char out[64];
    trace_path_name("certificate (leaf)", out, sizeof out);
    assert_string_equal(out, "certificate");
    trace_path_name("signed data", out, sizeof out);
    assert_string_equal(out, "signed_data");
    trace_path_name("client_write_IV", out, sizeof out);
    assert_string_equal(out, "client_write_IV");
    trace_path_name("", out, sizeof out);
    assert_string_equal(out, "_");
    trace_path_name("a.b[1]", out, sizeof out);
    assert_string_equal(out, "a_b_1_");
}

/* Every id in the table is unique to one meaning: two lines may share an id only
 * when they say the same. */
static void the_table_keeps_one_explanation_per_id(void **state)
{
    (void)state;
    for (size_t i = 0; i < trace_id_count(); i++) {
        const char *id = trace_id_at(i);
        assert_non_null(trace_id_explain(id));
        assert_true(strlen(trace_id_explain(id)) <= 78);
    }
    assert_null(trace_id_explain("no.such.id"));
    assert_string_equal(trace_id_for(EV_VERIFY, "certificate check: signature hash (depth 1)"),
                        "check.chain.signature_hash");
    assert_string_equal(trace_id_for(EV_VERIFY, "certificate check: signature (depth 1)"),
                        "check.chain.signature");
    assert_null(trace_id_for(EV_VERIFY, "certificate checks"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_event_of_every_fault_has_an_id),
        cmocka_unit_test(every_event_of_every_suite_and_mode_has_an_id),
        cmocka_unit_test(ids_follow_the_handshake_and_not_the_seed),
        cmocka_unit_test(paths_point_at_their_bytes),
        cmocka_unit_test(path_names_are_path_safe),
        cmocka_unit_test(the_table_keeps_one_explanation_per_id),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
