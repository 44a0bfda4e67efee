/* The JSON document of `tlssim run --json`: parsed back with jansson, every key of the
 * contract (docs/cli.md) must be there with the right type and the fixture's value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "trace_fixture.h"
#include "ui/render_json.h"

static const render_kv scenario[] = {
    {"tls", "1.2"},
    {"suite", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"},
    {"seed", NULL},
};

/* Renders and parses back; the caller releases the document. */
static json_t *render_parse(const trace *t)
{
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    assert_non_null(f);
    assert_true(render_json(f, t, scenario, 3));
    assert_int_equal(fclose(f), 0);
    assert_true(n > 0 && s[n - 1] == '\n');
    json_error_t err;
    json_t *doc = json_loadb(s, n, 0, &err);
    if (!doc)
        fail_msg("JSON does not parse: %s (line %d)", err.text, err.line);
    free(s);
    return doc;
}

static const char *str_at(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v))
        fail_msg("%s: not a string", key);
    return json_string_value(v);
}

static json_int_t int_at(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v))
        fail_msg("%s: not an integer", key);
    return json_integer_value(v);
}

static void top_level_and_scenario(void **state)
{
    (void)state;
    trace t;
    fx_build(&t, 1);
    json_t *doc = render_parse(&t);
    assert_int_equal(json_object_size(doc), 3);
    json_t *sc = json_object_get(doc, "scenario");
    assert_true(json_is_object(sc));
    assert_int_equal(json_object_size(sc), 3);
    assert_string_equal(str_at(sc, "tls"), "1.2");
    assert_string_equal(str_at(sc, "suite"), "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    assert_true(json_is_null(json_object_get(sc, "seed")));
    json_t *ev = json_object_get(doc, "events");
    assert_true(json_is_array(ev));
    assert_int_equal(json_array_size(ev), t.n);
    const char *kinds[] = {"note", "message", "record", "note", "compute", "note", "verify", "alert"};
    for (size_t i = 0; i < json_array_size(ev); i++) {
        json_t *e = json_array_get(ev, i);
        assert_int_equal(int_at(e, "seq"), i);
        assert_string_equal(str_at(e, "kind"), kinds[i]);
        assert_string_equal(str_at(e, "actor"), i < 6 ? "client" : "server");
        str_at(e, "title");
    }
    json_decref(doc);
    trace_free(&t);
}

static void message_bytes_and_fields(void **state)
{
    (void)state;
    trace t;
    fx_build(&t, 1);
    json_t *doc = render_parse(&t);
    json_t *ev = json_object_get(doc, "events");

    /* A note has neither bytes nor fields. */
    json_t *note = json_array_get(ev, 0);
    assert_null(json_object_get(note, "bytes"));
    assert_null(json_object_get(note, "fields"));
    assert_null(json_object_get(note, "ok"));
    assert_string_equal(str_at(note, "explain"), "The client opens a connection.");

    json_t *m = json_array_get(ev, 1);
    assert_string_equal(str_at(m, "title"), "ClientHello");
    assert_string_equal(str_at(m, "bytes"), "010000060303aabb41");
    assert_true(json_is_false(json_object_get(m, "encrypted")));
    json_t *f = json_object_get(m, "fields");
    assert_true(json_is_array(f));
    assert_int_equal(json_array_size(f), 3);
    /* The event's id, and each field's path under it (sim/trace.h). */
    assert_string_equal(str_at(m, "id"), "ClientHello");
    struct {
        const char *name, *path, *value, *explain;
        int offset, length, depth;
    } want[] = {
        {"msg_type", "ClientHello.msg_type", "1 (client_hello)", "which handshake message this is",
         0, 1, 0},
        {"length", "ClientHello.length", "6", NULL, 1, 3, 0},
        {"client_version", "ClientHello.length.client_version", "3.3 (TLS 1.2)",
         "highest version the client supports", 4, 2, 1},
    };
    for (size_t i = 0; i < 3; i++) {
        json_t *a = json_array_get(f, i);
        assert_int_equal(json_object_size(a), 7);
        assert_string_equal(str_at(a, "name"), want[i].name);
        assert_string_equal(str_at(a, "path"), want[i].path);
        assert_string_equal(str_at(a, "value"), want[i].value);
        assert_int_equal(int_at(a, "offset"), want[i].offset);
        assert_int_equal(int_at(a, "length"), want[i].length);
        assert_int_equal(int_at(a, "depth"), want[i].depth);
        if (want[i].explain)
            assert_string_equal(str_at(a, "explain"), want[i].explain);
        else
            assert_true(json_is_null(json_object_get(a, "explain")));
    }
    /* A record without annotations still says so with an empty list. */
    json_t *r = json_array_get(ev, 2);
    assert_string_equal(str_at(r, "bytes"), "1603010009010000060303aabb41");
    assert_int_equal(json_array_size(json_object_get(r, "fields")), 0);
    json_decref(doc);
    trace_free(&t);
}

/* "about": what the event's id means (sim/trace_ids.c), for an event that has no
 * explanation of its own; an event that has one keeps it alone. */
static void about_from_the_id(void **state)
{
    (void)state;
    trace t;
    fx_build(&t, 0);
    assert_non_null(trace_add(&t, ACTOR_CLIENT, EV_VERIFY, "certificate check: validity (depth 0)",
                              NULL, NULL, 0));
    json_t *doc = render_parse(&t);
    json_t *ev = json_object_get(doc, "events");
    json_t *check = json_array_get(ev, json_array_size(ev) - 1);
    assert_string_equal(str_at(check, "id"), "check.chain.validity");
    assert_non_null(trace_id_explain("check.chain.validity"));
    assert_string_equal(str_at(check, "about"), trace_id_explain("check.chain.validity"));
    assert_null(json_object_get(check, "explain"));
    json_t *finished = json_array_get(ev, 6); /* the fixture's check says what it does */
    assert_string_equal(str_at(finished, "id"), "check.finished");
    assert_non_null(json_object_get(finished, "explain"));
    assert_null(json_object_get(finished, "about"));
    json_t *old = json_array_get(ev, 3); /* a note no id fits: neither */
    assert_null(json_object_get(old, "explain"));
    assert_null(json_object_get(old, "about"));
    json_decref(doc);
    trace_free(&t);
}

static void compute_verify_and_alert(void **state)
{
    (void)state;
    trace t;
    fx_build(&t, 1);
    json_t *doc = render_parse(&t);
    json_t *ev = json_object_get(doc, "events");

    json_t *c = json_array_get(ev, 4);
    assert_string_equal(str_at(c, "formula"), "master_secret = PRF(pre_master_secret, \"master "
                                              "secret\", client_random + server_random)[0..47]");
    json_t *in = json_object_get(c, "inputs");
    assert_int_equal(json_array_size(in), 2);
    json_t *pms = json_array_get(in, 0);
    assert_string_equal(str_at(pms, "name"), "pre_master_secret");
    assert_string_equal(str_at(pms, "hex"), "000102030405060708090a0b0c0d0e0f101112131415161718191a"
                                            "1b1c1d1e1f202122232425262728292a2b2c2d2e2f");
    assert_string_equal(str_at(pms, "explain"), "the shared secret");
    assert_true(json_is_null(json_object_get(json_array_get(in, 1), "explain")));
    json_t *out = json_object_get(c, "outputs");
    assert_int_equal(json_array_size(out), 1);
    assert_string_equal(str_at(json_array_get(out, 0), "name"), "master_secret");
    assert_string_equal(str_at(json_array_get(out, 0), "hex"),
                        "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
                        "e0e1e2e3e4e5e6e7e8e9eaebecedeeef");

    json_t *v = json_array_get(ev, 6);
    assert_true(json_is_false(json_object_get(v, "ok")));
    assert_string_equal(str_at(v, "reason"), "verify_data: expected 0102, got 0103");
    assert_string_equal(str_at(v, "alert"), "decrypt_error");
    assert_int_equal(int_at(v, "code"), 51);

    json_t *a = json_array_get(ev, 7);
    assert_string_equal(str_at(a, "bytes"), "15030300020233");
    assert_string_equal(str_at(a, "alert"), "decrypt_error");
    assert_int_equal(int_at(a, "code"), 51);
    assert_string_equal(str_at(a, "reason"), "client Finished did not verify");
    json_decref(doc);
    trace_free(&t);
}

static void result_alert_and_ok(void **state)
{
    (void)state;
    trace t;
    fx_build(&t, 1);
    json_t *doc = render_parse(&t);
    json_t *r = json_object_get(doc, "result");
    assert_int_equal(json_object_size(r), 6);
    assert_string_equal(str_at(r, "outcome"), "alert");
    assert_string_equal(str_at(r, "alert"), "decrypt_error");
    assert_int_equal(int_at(r, "code"), 51);
    assert_string_equal(str_at(r, "sender"), "server");
    assert_string_equal(str_at(r, "reason"), "client Finished: verify_data mismatch");
    assert_true(json_is_null(json_object_get(r, "suite")));
    json_decref(doc);
    trace_free(&t);

    fx_build(&t, 0);
    doc = render_parse(&t);
    r = json_object_get(doc, "result");
    assert_int_equal(json_object_size(r), 6);
    assert_string_equal(str_at(r, "outcome"), "ok");
    assert_string_equal(str_at(r, "suite"), "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    const char *nulls[] = {"alert", "code", "sender", "reason"};
    for (size_t i = 0; i < 4; i++)
        assert_true(json_is_null(json_object_get(r, nulls[i])));
    json_t *v = json_array_get(json_object_get(doc, "events"), 6);
    assert_true(json_is_true(json_object_get(v, "ok")));
    assert_null(json_object_get(v, "alert"));
    json_decref(doc);
    trace_free(&t);
}

/* No alert was sent: outcome "closed" or "timeout" with its reason, the rest null. */
static void result_closed_and_timeout(void **state)
{
    (void)state;
    static const trace_outcome outcomes[] = {OUTCOME_CLOSED, OUTCOME_TIMEOUT};
    static const char *const names[] = {"closed", "timeout"};
    for (size_t k = 0; k < 2; k++) {
        trace t;
        trace_init(&t);
        trace_set_ended(&t, outcomes[k], "the peer went away");
        json_t *doc = render_parse(&t);
        json_t *r = json_object_get(doc, "result");
        assert_int_equal(json_object_size(r), 6);
        assert_string_equal(str_at(r, "outcome"), names[k]);
        assert_string_equal(str_at(r, "reason"), "the peer went away");
        const char *nulls[] = {"suite", "alert", "code", "sender"};
        for (size_t i = 0; i < 4; i++)
            assert_true(json_is_null(json_object_get(r, nulls[i])));
        json_decref(doc);
        trace_free(&t);
    }
}

static void invalid_utf8_still_gives_json(void **state)
{
    (void)state;
    trace t;
    trace_init(&t);
    /* A server name read off the wire may hold any byte. */
    trace_event *e = trace_add(&t, ACTOR_CLIENT, EV_MESSAGE, "SNI \xff\xfe", NULL, NULL, 0);
    assert_non_null(e);
    json_t *doc = render_parse(&t);
    json_t *ev = json_array_get(json_object_get(doc, "events"), 0);
    assert_string_equal(str_at(ev, "title"), "SNI ??");
    assert_string_equal(str_at(json_object_get(doc, "result"), "outcome"), "incomplete");
    json_decref(doc);
    trace_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(top_level_and_scenario),
        cmocka_unit_test(message_bytes_and_fields),
        cmocka_unit_test(compute_verify_and_alert),
        cmocka_unit_test(about_from_the_id),
        cmocka_unit_test(result_alert_and_ok),
        cmocka_unit_test(result_closed_and_timeout),
        cmocka_unit_test(invalid_utf8_still_gives_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
