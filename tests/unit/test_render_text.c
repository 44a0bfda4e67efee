/* The text listing of `tlssim run`: event headers, hex dump, fields, formulas and
 * values, verdicts, and the contract's result line (docs/cli.md) as the last line.
 * The expected text is written out by hand from the fixture's values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "trace_fixture.h"
#include "ui/render_text.h"

/* Renders into a string (caller frees). */
static char *render(const trace *t, const render_text_opts *o)
{
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    assert_non_null(f);
    render_text(f, t, o);
    assert_int_equal(fclose(f), 0);
    return s;
}

static void assert_contains(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fail_msg("missing:\n%s\n--- in:\n%s", needle, hay);
}

static void assert_last_line(const char *s, const char *line)
{
    size_t n = strlen(s), k = strlen(line);
    assert_true(n >= k);
    assert_string_equal(s + n - k, line);
    /* It is a whole line: the text before it ends a line. */
    assert_true(n == k || s[n - k - 1] == '\n');
}

static void lists_every_part_of_an_event(void **state)
{
    (void)state;
    trace t;
    fx_build(&t, 1);
    char *s = render(&t, NULL);
    assert_contains(s, "#0  client  note  start\n"
                       "    Start. The client opens a connection.\n\n");
    assert_contains(s,
                    "#1  client \u2192 server  message  ClientHello\n"
                    "    The client sends ClientHello to the server. The client proposes parameters.\n"
                    "    bytes (9):\n"
                    "    0000  01 00 00 06 03 03 aa bb  41                       |........A|\n"
                    "    fields:\n"
                    "      msg_type = 1 (client_hello)  \u2014 which handshake message this is  [0+1]\n"
                    "      length = 6  [1+3]\n"
                    "        client_version = 3.3 (TLS 1.2)  \u2014 highest version the client "
                    "supports  [4+2]\n\n");
    assert_contains(s, "    0000  16 03 01 00 09 01 00 00  06 03 03 aa bb 41        "
                       "|.............A|\n");
    /* Values wrap at 32 bytes a line. */
    assert_contains(s,
                    "#4  client  compute  master secret\n"
                    "    The client derives the master secret. Both sides derive it.\n"
                    "    formula: master_secret = PRF(pre_master_secret, \"master secret\", "
                    "client_random + server_random)[0..47]\n"
                    "    inputs:\n"
                    "      pre_master_secret (48 bytes)  \u2014 the shared secret\n"
                    "        000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n"
                    "        202122232425262728292a2b2c2d2e2f\n"
                    "      client_random (32 bytes)\n"
                    "        808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f\n"
                    "    outputs:\n"
                    "      master_secret (48 bytes)  \u2014 48 bytes\n"
                    "        c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf\n"
                    "        e0e1e2e3e4e5e6e7e8e9eaebecedeeef\n\n");
    assert_contains(s, "#6  server  verify  client Finished\n"
                       "    The server checks the client's Finished message: the server checks verify_data.\n"
                       "    \u2717 verify_data: expected 0102, got 0103 (alert decrypt_error(51))\n");
    assert_contains(s, "    alert decrypt_error(51): client Finished did not verify\n");
    assert_last_line(s, "result: alert decrypt_error(51) sent by server: "
                        "client Finished: verify_data mismatch\n");
    free(s);
    trace_free(&t);
}

static void ok_run_ends_with_the_suite(void **state)
{
    (void)state;
    trace t;
    fx_build(&t, 0);
    char *s = render(&t, NULL);
    assert_contains(s, "    \u2713 verify_data matches\n");
    assert_null(strstr(s, "\u2717"));
    assert_last_line(s, "\nresult: ok TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n");
    free(s);
    trace_free(&t);
}

static void ascii_has_no_utf8(void **state)
{
    (void)state;
    trace t;
    fx_build(&t, 1);
    render_text_opts o = {.ascii = true};
    char *s = render(&t, &o);
    for (const char *c = s; *c; c++)
        assert_true((unsigned char)*c < 0x80);
    assert_contains(s, "#1  client -> server  message  ClientHello\n");
    assert_contains(s, "    FAIL verify_data: expected 0102, got 0103 (alert decrypt_error(51))\n");
    assert_contains(s, "      pre_master_secret (48 bytes)  -- the shared secret\n");
    free(s);
    trace_free(&t);

    fx_build(&t, 0);
    s = render(&t, &o);
    assert_contains(s, "    ok verify_data matches\n");
    free(s);
    trace_free(&t);
}

static void quiet_prints_only_the_result(void **state)
{
    (void)state;
    trace t;
    fx_build(&t, 1);
    render_text_opts o = {.quiet = true};
    char *s = render(&t, &o);
    assert_string_equal(s, "result: alert decrypt_error(51) sent by server: "
                           "client Finished: verify_data mismatch\n");
    free(s);
    trace_free(&t);

    fx_build(&t, 0);
    s = render(&t, &o);
    assert_string_equal(s, "result: ok TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n");
    free(s);
    trace_free(&t);
}

static void result_line_forms(void **state)
{
    (void)state;
    trace t;
    trace_init(&t);
    /* A client alert with a code from the table, then one it lacks. */
    t.result.outcome = OUTCOME_ALERT;
    t.result.alert = ALERT_BAD_CERTIFICATE;
    t.result.sender = ACTOR_CLIENT;
    strcpy(t.result.reason, "certificate signature does not verify");
    char *s = render(&t, NULL);
    assert_string_equal(s, "result: alert bad_certificate(42) sent by client: "
                           "certificate signature does not verify\n");
    free(s);
    t.result.alert = 7;
    s = render(&t, NULL);
    assert_string_equal(s, "result: alert unknown_alert(7) sent by client: "
                           "certificate signature does not verify\n");
    free(s);
    t.result.outcome = OUTCOME_NONE;
    s = render(&t, NULL);
    assert_string_equal(s, "result: incomplete: certificate signature does not verify\n");
    free(s);
    trace_free(&t);
}

/* Ended without an alert: the line says what happened and names no alert or sender;
 * a listener's connection names its client. */
static void closed_and_timeout_lines(void **state)
{
    (void)state;
    trace t;
    trace_init(&t);
    trace_set_ended(&t, OUTCOME_CLOSED, "the client closed the connection");
    trace_set_ended(&t, OUTCOME_TIMEOUT, "ignored: the first outcome stays");
    char *s = render(&t, NULL);
    assert_string_equal(s, "result: closed: the client closed the connection\n");
    free(s);
    t.result.outcome = OUTCOME_NONE;
    trace_set_ended(&t, OUTCOME_TIMEOUT, "the exchange did not finish within %d s", 10);
    render_text_opts o = {.quiet = true, .peer = "127.0.0.1:50001"};
    s = render(&t, &o);
    assert_string_equal(s, "result: timeout: the exchange did not finish within 10 s "
                           "(client 127.0.0.1:50001)\n");
    free(s);
    trace_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lists_every_part_of_an_event),
        cmocka_unit_test(ok_run_ends_with_the_suite),
        cmocka_unit_test(ascii_has_no_utf8),
        cmocka_unit_test(quiet_prints_only_the_result),
        cmocka_unit_test(result_line_forms),
        cmocka_unit_test(closed_and_timeout_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
