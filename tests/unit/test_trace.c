/* The trace store: copies, order, growth, moved annotations, formatted texts, and
 * trace_find_output returning the latest output of a name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "trace_fixture.h"

static void events_are_copies_in_order(void **state)
{
    (void)state;
    trace t;
    trace_init(&t);
    uint8_t buf[4] = {1, 2, 3, 4};
    char title[16] = "first";
    trace_event *e = trace_add(&t, ACTOR_SERVER, EV_RECORD, title, "why", buf, sizeof buf);
    assert_non_null(e);
    buf[0] = 0xff;
    strcpy(title, "changed");
    e = &t.ev[0];
    assert_int_equal(e->seq, 0);
    assert_int_equal(e->actor, ACTOR_SERVER);
    assert_int_equal(e->kind, EV_RECORD);
    assert_string_equal(e->title, "first");
    assert_string_equal(e->explain, "why");
    assert_int_equal(e->len, 4);
    assert_memory_equal(e->bytes, "\x01\x02\x03\x04", 4);
    assert_int_equal(e->alert, -1);
    assert_false(e->encrypted);
    assert_null(e->formula);
    assert_null(e->reason);

    /* No bytes stays NULL; an empty but present byte string is not NULL. */
    e = trace_add(&t, ACTOR_CLIENT, EV_NOTE, NULL, NULL, NULL, 0);
    assert_non_null(e);
    assert_null(e->bytes);
    assert_null(e->explain);
    assert_string_equal(e->title, "");
    e = trace_add(&t, ACTOR_CLIENT, EV_RECORD, "empty", NULL, buf, 0);
    assert_non_null(e->bytes);
    assert_int_equal(e->len, 0);

    /* Growth past the first allocation keeps earlier events and numbers them in order. */
    for (int i = 0; i < 1000; i++)
        assert_non_null(trace_add(&t, ACTOR_CLIENT, EV_NOTE, "n", NULL, buf, 1));
    assert_int_equal(t.n, 1003);
    for (size_t i = 0; i < t.n; i++)
        assert_int_equal(t.ev[i].seq, i);
    assert_string_equal(t.ev[0].title, "first");

    trace_free(&t);
    assert_int_equal(t.n, 0);
    assert_null(t.ev);
    /* A freed trace is ready for reuse. */
    assert_non_null(trace_add(&t, ACTOR_CLIENT, EV_NOTE, "again", NULL, NULL, 0));
    assert_int_equal(t.ev[0].seq, 0);
    trace_free(&t);
}

static void blobs_fields_and_texts(void **state)
{
    (void)state;
    trace t;
    fx_build(&t, 1);
    const trace_event *hello = &t.ev[1];
    assert_int_equal(hello->fields.n, 3);
    assert_string_equal(hello->fields.v[2].name, "client_version");
    assert_int_equal(hello->fields.v[2].offset, 4);
    assert_int_equal(hello->fields.v[2].depth, 1);

    const trace_event *ms = &t.ev[4];
    assert_string_equal(ms->formula, "master_secret = PRF(pre_master_secret, \"master secret\", "
                                     "client_random + server_random)[0..47]");
    assert_int_equal(ms->n_inputs, 2);
    assert_string_equal(ms->inputs[0].name, "pre_master_secret");
    assert_int_equal(ms->inputs[0].len, 48);
    assert_int_equal(ms->inputs[0].data[47], 47);
    assert_string_equal(ms->inputs[0].explain, "the shared secret");
    assert_int_equal(ms->n_outputs, 1);

    const trace_event *v = &t.ev[6];
    assert_false(v->ok);
    assert_int_equal(v->alert, ALERT_DECRYPT_ERROR);
    assert_string_equal(v->reason, "verify_data: expected 0102, got 0103");
    assert_int_equal(t.ev[7].alert, ALERT_DECRYPT_ERROR);
    assert_string_equal(t.ev[7].reason, "client Finished did not verify");
    trace_free(&t);
}

static void find_output_returns_the_latest(void **state)
{
    (void)state;
    trace t;
    fx_build(&t, 0);
    /* "client_random" is recorded first as 5 bytes, later as 32: the later one wins. */
    const trace_blob *cr = trace_find_output(&t, "client_random");
    assert_non_null(cr);
    assert_int_equal(cr->len, 32);
    assert_int_equal(cr->data[0], 0x80);
    const trace_blob *ms = trace_find_output(&t, "master_secret");
    assert_non_null(ms);
    assert_int_equal(ms->len, 48);
    /* Inputs are not outputs. */
    assert_null(trace_find_output(&t, "pre_master_secret"));
    assert_null(trace_find_output(&t, "nothing"));
    assert_null(trace_find_output(NULL, "master_secret"));
    trace_free(&t);
}

/* Strings and bytes live in the trace's blocks: many blobs per event (the array
 * moves at 4, 8, 16), pieces larger than a block, empty ones, replaced texts, and
 * events added after others keep every earlier copy intact. */
static void arena_holds_everything(void **state)
{
    (void)state;
    trace t;
    trace_init(&t);
    static uint8_t big[40000];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (uint8_t)(i * 7);
    for (int ev = 0; ev < 40; ev++) {
        trace_event *e = trace_add(&t, ACTOR_CLIENT, EV_COMPUTE, "step", NULL,
                                   ev % 3 ? big : NULL, (size_t)ev * 1000);
        assert_non_null(e);
        trace_set_formula(e, "first %d", ev);
        trace_set_formula(e, "x = %s(%u, 0x%04x)", "f", (unsigned)ev, (unsigned)ev);
        for (int i = 0; i < 19; i++) {
            char name[16];
            snprintf(name, sizeof name, "in%d", i);
            assert_true(trace_add_input(e, name, big + i, (size_t)(i * 997) % 9000, NULL));
        }
        assert_true(trace_add_output(e, "", NULL, 0, "nothing"));
    }
    for (size_t ev = 0; ev < t.n; ev++) {
        const trace_event *e = &t.ev[ev];
        char want[64];
        snprintf(want, sizeof want, "x = f(%zu, 0x%04zx)", ev, ev);
        assert_string_equal(e->formula, want);
        assert_string_equal(e->title, "step");
        assert_null(e->explain);
        if (ev % 3) {
            assert_int_equal(e->len, ev * 1000);
            assert_memory_equal(e->bytes, big, e->len);
        } else {
            assert_null(e->bytes);
        }
        assert_int_equal(e->n_inputs, 19);
        for (int i = 0; i < 19; i++) {
            char name[16];
            snprintf(name, sizeof name, "in%d", i);
            assert_string_equal(e->inputs[i].name, name);
            assert_int_equal(e->inputs[i].len, (size_t)(i * 997) % 9000);
            assert_memory_equal(e->inputs[i].data, big + i, e->inputs[i].len);
        }
        assert_int_equal(e->n_outputs, 1);
        assert_int_equal(e->outputs[0].len, 0);
        assert_non_null(e->outputs[0].data);
    }
    assert_true(trace_add_segment(&t, ACTOR_CLIENT, ACTOR_SERVER, big, sizeof big));
    assert_memory_equal(t.wire[0].bytes, big, sizeof big);
    trace_free(&t);
    assert_int_equal(t.n, 0);
}

static void names(void **state)
{
    (void)state;
    assert_string_equal(actor_name(ACTOR_CLIENT), "client");
    assert_string_equal(actor_name(ACTOR_SERVER), "server");
    assert_string_equal(actor_name(ACTOR_ATTACKER), "attacker");
    const char *kinds[] = {"message", "record", "compute", "verify", "alert", "note"};
    for (int k = EV_MESSAGE; k <= EV_NOTE; k++)
        assert_string_equal(ev_kind_name((ev_kind)k), kinds[k]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(events_are_copies_in_order),
        cmocka_unit_test(blobs_fields_and_texts),
        cmocka_unit_test(find_output_returns_the_latest),
        cmocka_unit_test(arena_holds_everything),
        cmocka_unit_test(names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
