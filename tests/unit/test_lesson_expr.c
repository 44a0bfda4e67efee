/* References, expressions and grading (ui/lesson_ref.c, ui/lesson_expr.c) over real
 * seeded runs. Expected values come from elsewhere than the expression code: RFC 5246
 * facts (a random is 32 bytes, content type 22 is handshake), what the engine
 * recorded as a computation's input, and the fault catalogue's alert. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/alert.h"
#include "sim/engine.h"
#include "sim/fault.h"
#include "ui/lesson.h"

static trace ok_run, expired_run;
static scenario_args sa_ok, sa_bad;

static int run(scenario_args *a, trace *t, const char *fault)
{
    memset(a, 0, sizeof *a);
    scenario_defaults(&a->sc);
    char *argv[] = {"run", "--seed", "11", "--fault", (char *)fault, NULL};
    int argc = fault ? 5 : 3;
    for (int i = 1; i < argc; i++)
        if (scenario_args_take(a, "run", argc, argv, &i) != 1)
            return -1;
    if (scenario_args_finish(a, "run") != 0)
        return -1;
    trace_init(t);
    return engine_run(&a->sc, t) ? 0 : -1;
}

static int setup(void **state)
{
    (void)state;
    return run(&sa_ok, &ok_run, NULL) || run(&sa_bad, &expired_run, "cert-expired");
}

static int teardown(void **state)
{
    (void)state;
    trace_free(&ok_run);
    trace_free(&expired_run);
    scenario_args_free(&sa_ok);
    scenario_args_free(&sa_bad);
    return 0;
}

static const trace_event *first(const trace *t, const char *id, actor_id side)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->ev[i].id, id) == 0 && t->ev[i].actor == side)
            return &t->ev[i];
    fail_msg("no %s", id);
    return NULL;
}

static void eval_ok(const trace *t, const char *expr, lesson_value *v)
{
    char err[512];
    if (!lesson_eval(t, expr, v, err, sizeof err))
        fail_msg("%s: %s", expr, err);
}

static void eval_text(const trace *t, const char *expr, const char *want)
{
    lesson_value v;
    char got[1100];
    eval_ok(t, expr, &v);
    lesson_value_text(&v, got, sizeof got);
    if (strcmp(got, want) != 0)
        fail_msg("%s = %s, want %s", expr, got, want);
}

static void eval_fails(const trace *t, const char *expr, const char *reason)
{
    lesson_value v;
    char err[512];
    if (lesson_eval(t, expr, &v, err, sizeof err))
        fail_msg("%s evaluated", expr);
    if (!strstr(err, reason))
        fail_msg("%s: got '%s', want '%s'", expr, err, reason);
}

static void bytes_come_from_the_named_field(void **state)
{
    (void)state;
    const trace *t = &ok_run;
    /* The key block's client_random input is the random ClientHello carried. */
    const trace_blob *cr = trace_event_input(first(t, "key_block", ACTOR_CLIENT), "client_random");
    assert_non_null(cr);
    lesson_value v;
    eval_ok(t, "ClientHello.random", &v);
    assert_int_equal(v.kind, LV_BYTES);
    assert_int_equal(v.len, 32);
    assert_memory_equal(v.bytes, cr->data, 32);
    assert_true(v.has_target);
    eval_ok(t, "bytes(ClientHello.random, 0, 4)", &v);
    assert_int_equal(v.len, 4);
    assert_memory_equal(v.bytes, cr->data, 4);
    eval_ok(t, "bytes(ClientHello.random, 28, 4)", &v);
    assert_memory_equal(v.bytes, cr->data + 28, 4);
    /* A computation's value by name, and on one side. */
    const trace_blob *ms = trace_event_output(first(t, "master_secret", ACTOR_SERVER),
                                              "master_secret");
    eval_ok(t, "server:master_secret.master_secret", &v);
    assert_int_equal(v.len, 48);
    assert_memory_equal(v.bytes, ms->data, 48);
    assert_false(v.has_target);
    eval_ok(t, "key_block.client_write_key", &v);
    assert_int_equal(v.len, 16); /* AES-128 */
    /* A step inside the PRF (sim/prf_trace.h): the key block starts with block 1. */
    const trace_blob *kb = trace_event_output(first(t, "key_block", ACTOR_CLIENT), "key_block");
    eval_ok(t, "client:key_block.block1", &v);
    assert_int_equal(v.len, 32); /* SHA-256 */
    assert_memory_equal(v.bytes, kb->data, 32);
    eval_ok(t, "master_secret.A1", &v);
    assert_int_equal(v.len, 32);
    eval_text(t, "len(server:verify_data.seed)", "32");
}

static void numbers_names_and_counts(void **state)
{
    (void)state;
    const trace *t = &ok_run;
    eval_text(t, "len(ServerHello.random)", "32");
    eval_text(t, "uint(record.ClientHello.content_type)", "22");
    eval_text(t, "uint(ServerHello.cipher_suite)", "49199"); /* 0xc02f */
    eval_text(t, "suite()", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    eval_text(t, "sender(ServerHello)", "server");
    eval_text(t, "carrier(server, public)", "ServerKeyExchange");
    eval_text(t, "carrier(client, ecdh_Yc)", "ClientKeyExchange");
    eval_text(t, "ServerHelloDone", "ServerHelloDone");
    eval_text(t, "text(ServerKeyExchange.namedcurve)", "29 (x25519)");
    /* Records: ClientHello, ClientKeyExchange, ChangeCipherSpec, Finished, the
     * request and close_notify from the client; six from the server likewise with
     * its four hello-flight messages. */
    eval_text(t, "count(client:record)", "6");
    eval_text(t, "count(server:record)", "8");
    eval_text(t, "count(check.finished)", "2");
    eval_text(t, "alert(server)", "close_notify");
    /* Occurrences: the second chain validity check is the intermediate's (depth 1). */
    lesson_target g;
    char err[256];
    assert_true(lesson_resolve(t, "check.chain.validity#3", &g, err, sizeof err));
    assert_non_null(strstr(t->ev[g.event].title, "depth 0"));
    assert_true(lesson_resolve(t, "client:Finished", &g, err, sizeof err));
    assert_int_equal(t->ev[g.event].actor, ACTOR_CLIENT);
    assert_true(lesson_resolve(t, "server:Finished", &g, err, sizeof err));
    assert_int_equal(t->ev[g.event].actor, ACTOR_SERVER);
}

static void a_failed_run_names_its_check_and_alert(void **state)
{
    (void)state;
    const trace *t = &expired_run;
    const fault_info *f = fault_by_name("cert-expired");
    eval_text(t, "alert(client)", alert_name(f->alert));
    eval_text(t, "check(first_failed_check)", "check.chain.validity");
    eval_text(t, "sender(first_failed_check)", actor_name(f->checker));
    eval_text(t, "first_alert", "Alert");
    eval_fails(t, "alert(server)", "the server sent no alert");
    eval_fails(&ok_run, "check(first_failed_check)", "every check in this run passed");
}

static void mistakes_name_what_exists(void **state)
{
    (void)state;
    const trace *t = &ok_run;
    eval_fails(t, "ServerKeyExchange.pubkey", "fields of ServerKeyExchange: msg_type, body, "
                                              "curve_type, namedcurve, public");
    eval_fails(t, "ServerHelo", "no event 'ServerHelo' in this run (ids: ClientHello");
    eval_fails(t, "record.Finishd", "(ids: record.ClientHello");
    /* An id the engine knows, missing from this run, is named without the path. */
    eval_fails(&expired_run, "client:record.Finished.fragment.authentication_tag",
               "no event 'record.Finished' in this run (ids: record.ClientHello");
    eval_fails(t, "attacker:ClientHello", "no event 'ClientHello' by the attacker");
    eval_fails(t, "check.finished#3", "only 2 such events");
    eval_fails(t, "master_secret.pms", "no value 'master_secret.pms' (values of master_secret: "
                                       "master_secret");
    eval_fails(t, "bytes(ClientHello.random, 30, 4)", "has 32 bytes");
    eval_fails(t, "uint(ClientHello.random)", "uint() reads 1 to 8 bytes");
    eval_fails(t, "bytes(ClientHello.random, 0)", "takes 3 arguments");
    eval_fails(t, "frob(ClientHello)", "no function 'frob'");
    eval_fails(t, "alert(everyone)", "not a side");
    eval_fails(t, "check(ClientHello)", "is not a check");
    eval_fails(t, "carrier(server, nothing)", "the server sent no message with a field");
    eval_fails(t, "mars:ClientHello", "not a side");
    eval_fails(t, "ClientHello#0", "after '#' comes the occurrence");
    eval_fails(t, "", "empty expression");
}

static lesson_grade grade(const trace *t, lesson_qkind k, const char *answer, const char *given)
{
    lesson_question q = {.kind = k, .answer = (char *)answer};
    char why[256];
    return lesson_grade_answer(t, &q, given, why, sizeof why);
}

static void answers_are_graded_leniently_where_it_is_safe(void **state)
{
    (void)state;
    const trace *t = &ok_run;
    lesson_value v;
    eval_ok(t, "bytes(ClientHello.random, 0, 4)", &v);
    char hex[16], spaced[32], wrong[16];
    snprintf(hex, sizeof hex, "%02x%02x%02x%02x", v.bytes[0], v.bytes[1], v.bytes[2], v.bytes[3]);
    snprintf(spaced, sizeof spaced, "0x%02X:%02X %02X %02X", v.bytes[0], v.bytes[1], v.bytes[2],
             v.bytes[3]);
    snprintf(wrong, sizeof wrong, "%02x%02x%02x%02x", v.bytes[0] ^ 1, v.bytes[1], v.bytes[2],
             v.bytes[3]);
    const char *e = "bytes(ClientHello.random, 0, 4)";
    assert_int_equal(grade(t, LQ_HEX, e, hex), LG_RIGHT);
    assert_int_equal(grade(t, LQ_HEX, e, spaced), LG_RIGHT);
    assert_int_equal(grade(t, LQ_HEX, e, wrong), LG_WRONG);
    assert_int_equal(grade(t, LQ_HEX, e, "abc"), LG_INVALID);
    assert_int_equal(grade(t, LQ_HEX, e, "zz"), LG_INVALID);
    assert_int_equal(grade(t, LQ_NUMBER, "len(ServerHello.random)", " 32 "), LG_RIGHT);
    assert_int_equal(grade(t, LQ_NUMBER, "len(ServerHello.random)", "31"), LG_WRONG);
    assert_int_equal(grade(t, LQ_NUMBER, "len(ServerHello.random)", "thirty"), LG_INVALID);
    assert_int_equal(grade(t, LQ_NAME, "carrier(server, public)", "server key exchange"),
                     LG_RIGHT);
    assert_int_equal(grade(t, LQ_NAME, "carrier(server, public)", "SERVER_KEY_EXCHANGE"),
                     LG_RIGHT);
    assert_int_equal(grade(t, LQ_NAME, "carrier(server, public)", "ServerHello"), LG_WRONG);
    assert_int_equal(grade(t, LQ_NAME, "carrier(server, public)", "  "), LG_INVALID);
    assert_int_equal(grade(&expired_run, LQ_NAME, "check(first_failed_check)", "validity"),
                     LG_RIGHT);
    assert_int_equal(grade(&expired_run, LQ_NAME, "alert(client)", "certificate expired"),
                     LG_RIGHT);
    /* A decoded value is matched whole: no part of it after a dot. */
    assert_int_equal(grade(t, LQ_NAME, "text(ServerHello.version)", "0x0303 (TLS 1.2)"),
                     LG_RIGHT);
    assert_int_equal(grade(t, LQ_NAME, "text(ServerHello.version)", "2)"), LG_WRONG);
    /* carrier() takes a name or a path below the message. */
    assert_int_equal(grade(t, LQ_NAME, "carrier(server, extensions.extended_master_secret)",
                           "ServerHello"),
                     LG_RIGHT);
    /* select: exactly the field's bytes (cipher_suite: offset 39, 2 bytes), nothing
     * more or less, in its own event. */
    const char *cs = "ServerHello.cipher_suite";
    char in_event[32], other_event[32];
    lesson_target g;
    char err[128];
    assert_true(lesson_resolve(t, "ServerHello", &g, err, sizeof err));
    snprintf(in_event, sizeof in_event, "%zu:39+2", t->ev[g.event].seq);
    snprintf(other_event, sizeof other_event, "%zu:39+2", t->ev[g.event].seq + 1);
    assert_int_equal(grade(t, LQ_SELECT, cs, "39+2"), LG_RIGHT);
    assert_int_equal(grade(t, LQ_SELECT, cs, in_event), LG_RIGHT);
    assert_int_equal(grade(t, LQ_SELECT, cs, other_event), LG_WRONG);
    assert_int_equal(grade(t, LQ_SELECT, cs, "39+3"), LG_WRONG);
    assert_int_equal(grade(t, LQ_SELECT, cs, "38+2"), LG_WRONG);
    assert_int_equal(grade(t, LQ_SELECT, cs, "39"), LG_INVALID);
    assert_int_equal(grade(t, LQ_SELECT, "bytes(ServerHello.cipher_suite, 1, 1)", "40+1"),
                     LG_RIGHT);
    assert_int_equal(grade(t, LQ_SELECT, "master_secret.master_secret", "0+48"), LG_INVALID);
}

static void choices_by_star_or_by_answer(void **state)
{
    (void)state;
    lesson_question q = {.kind = LQ_CHOICE, .n_choices = 3};
    q.choices[0] = "client";
    q.choices[1] = "server";
    q.choices[2] = "attacker";
    char why[128];
    q.answer = "sender(first_failed_check)"; /* the client checks the server's certificate */
    assert_int_equal(lesson_grade_answer(&expired_run, &q, "1", why, sizeof why), LG_RIGHT);
    assert_int_equal(lesson_grade_answer(&expired_run, &q, "2", why, sizeof why), LG_WRONG);
    assert_int_equal(lesson_grade_answer(&expired_run, &q, "4", why, sizeof why), LG_INVALID);
    assert_int_equal(lesson_grade_answer(&expired_run, &q, "x", why, sizeof why), LG_INVALID);
    q.answer = NULL;
    q.choice_right[2] = true;
    assert_int_equal(lesson_grade_answer(&expired_run, &q, "3", why, sizeof why), LG_RIGHT);
    assert_int_equal(lesson_grade_answer(&expired_run, &q, "1", why, sizeof why), LG_WRONG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bytes_come_from_the_named_field),
        cmocka_unit_test(numbers_names_and_counts),
        cmocka_unit_test(a_failed_run_names_its_check_and_alert),
        cmocka_unit_test(mistakes_name_what_exists),
        cmocka_unit_test(answers_are_graded_leniently_where_it_is_safe),
        cmocka_unit_test(choices_by_star_or_by_answer),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
