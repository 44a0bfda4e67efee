/* The NSS key log lines: label, client random and secret in lower-case hex, from the
 * events that name both, or else the latest outputs of the trace. (test_render_pcap checks a line against OpenSSL's and
 * lets tshark decrypt with it; this file covers the table and the edge cases.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "trace_fixture.h"
#include "ui/render_keylog.h"

static char *render(const trace *t, int expect_lines)
{
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    assert_non_null(f);
    assert_int_equal(render_keylog(f, t), expect_lines);
    assert_int_equal(fclose(f), 0);
    return s;
}

static void tls12_line_uses_the_latest_random(void **state)
{
    (void)state;
    trace t;
    fx_build(&t, 0);
    char *s = render(&t, 1);
    assert_string_equal(s, "CLIENT_RANDOM "
                           "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f "
                           "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
                           "e0e1e2e3e4e5e6e7e8e9eaebecedeeef\n");
    free(s);
    trace_free(&t);
}

static void tls13_labels_in_table_order(void **state)
{
    (void)state;
    trace t;
    trace_init(&t);
    uint8_t cr[32], a[32], b[32];
    memset(cr, 0x11, sizeof cr);
    memset(a, 0xaa, sizeof a);
    memset(b, 0xbb, sizeof b);
    trace_event *e = trace_add(&t, ACTOR_CLIENT, EV_COMPUTE, "secrets", NULL, NULL, 0);
    assert_true(trace_add_output(e, "client_random", cr, 32, NULL));
    /* Recorded in the opposite order to the key log's table. */
    assert_true(trace_add_output(e, "server_handshake_traffic_secret", b, 32, NULL));
    assert_true(trace_add_output(e, "client_handshake_traffic_secret", a, 32, NULL));
    char *s = render(&t, 2);
    char want[400];
    snprintf(want, sizeof want, "CLIENT_HANDSHAKE_TRAFFIC_SECRET %.64s %.64s\n"
                                "SERVER_HANDSHAKE_TRAFFIC_SECRET %.64s %.64s\n",
             "1111111111111111111111111111111111111111111111111111111111111111",
             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
             "1111111111111111111111111111111111111111111111111111111111111111",
             "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    assert_string_equal(s, want);
    free(s);
    trace_free(&t);
}

/* Where events name both a connection's client random and its master secret (the key
 * block; a man in the middle's two connections), each connection gets its own line,
 * once, however many events derived it. */
static void each_connection_by_its_own_random(void **state)
{
    (void)state;
    trace t;
    trace_init(&t);
    uint8_t cr1[32], cr2[32], ms1[48], ms2[48];
    memset(cr1, 0x01, sizeof cr1);
    memset(cr2, 0x02, sizeof cr2);
    memset(ms1, 0xa1, sizeof ms1);
    memset(ms2, 0xa2, sizeof ms2);
    const struct {
        actor_id who;
        const uint8_t *cr, *ms;
    } derived[] = {{ACTOR_CLIENT, cr1, ms1}, {ACTOR_ATTACKER, cr1, ms1},
                   {ACTOR_ATTACKER, cr2, ms2}, {ACTOR_SERVER, cr2, ms2}};
    trace_event *hello = trace_add(&t, ACTOR_CLIENT, EV_MESSAGE, "ClientHello", NULL, NULL, 0);
    assert_true(trace_add_output(hello, "client_random", cr1, 32, NULL));
    for (size_t i = 0; i < 4; i++) {
        trace_event *e = trace_add(&t, derived[i].who, EV_COMPUTE, "key block", NULL, NULL, 0);
        assert_true(trace_add_input(e, "master_secret", derived[i].ms, 48, NULL));
        assert_true(trace_add_input(e, "client_random", derived[i].cr, 32, NULL));
    }
    char *s = render(&t, 2);
    char want[400];
    snprintf(want, sizeof want, "CLIENT_RANDOM %.64s %.96s\nCLIENT_RANDOM %.64s %.96s\n",
             "0101010101010101010101010101010101010101010101010101010101010101",
             "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1"
             "a1a1a1a1a1a1",
             "0202020202020202020202020202020202020202020202020202020202020202",
             "a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2"
             "a2a2a2a2a2a2");
    assert_string_equal(s, want);
    free(s);
    trace_free(&t);
}

static void nothing_without_a_usable_random(void **state)
{
    (void)state;
    trace t;
    trace_init(&t);
    uint8_t ms[48] = {0};
    trace_event *e = trace_add(&t, ACTOR_CLIENT, EV_COMPUTE, "ms", NULL, NULL, 0);
    assert_true(trace_add_output(e, "master_secret", ms, sizeof ms, NULL));
    char *s = render(&t, 0); /* no client_random */
    assert_string_equal(s, "");
    free(s);
    assert_true(trace_add_output(e, "client_random", ms, 31, NULL)); /* wrong length */
    s = render(&t, 0);
    assert_string_equal(s, "");
    free(s);
    trace_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tls12_line_uses_the_latest_random),
        cmocka_unit_test(tls13_labels_in_table_order),
        cmocka_unit_test(each_connection_by_its_own_random),
        cmocka_unit_test(nothing_without_a_usable_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
