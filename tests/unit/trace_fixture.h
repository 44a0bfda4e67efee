/* A small hand-made trace shared by the renderer tests: a note, a ClientHello message
 * with nested fields, its record, a computation with inputs and outputs, a client random
 * recorded twice (the later one wins), a check, and an alert. Every expected output in
 * the tests is written out by hand from these values. */
#ifndef TLSSIM_TEST_TRACE_FIXTURE_H
#define TLSSIM_TEST_TRACE_FIXTURE_H

#include <string.h>

#include "base/alert.h"
#include "sim/trace.h"

/* msg_type 1, length 6, client_version 3.3, then 2 bytes of "random" and 'A'. */
static const uint8_t fx_hello[] = {0x01, 0x00, 0x00, 0x06, 0x03, 0x03, 0xaa, 0xbb, 0x41};
/* The same message in a handshake record: 5-byte header + the 9 bytes above, 14 bytes,
 * so the hex dump shows a partial line. */
static const uint8_t fx_record[] = {0x16, 0x03, 0x01, 0x00, 0x09, 0x01, 0x00,
                                    0x00, 0x06, 0x03, 0x03, 0xaa, 0xbb, 0x41};
static const uint8_t fx_alert[] = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x33};

/* Fills a buffer with start, start+1, ... so every byte of a long value is known. */
static void fx_ramp(uint8_t *p, size_t n, uint8_t start)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(start + i);
}

/* failed: the run ends with the server's decrypt_error alert; else it succeeds. */
static void fx_build(trace *t, int failed)
{
    trace_init(t);
    trace_event *e = trace_add(t, ACTOR_CLIENT, EV_NOTE, "start", "The client opens a connection.",
                               NULL, 0);
    assert_non_null(e);

    e = trace_add(t, ACTOR_CLIENT, EV_MESSAGE, "ClientHello", "The client proposes parameters.",
                  fx_hello, sizeof fx_hello);
    assert_non_null(e);
    annot_list f;
    annot_list_init(&f);
    size_t i = annot_add(&f, "msg_type", 0, 1, 0);
    annot_set_value(&f, i, "1 (client_hello)");
    annot_set_explain(&f, i, "which handshake message this is");
    i = annot_add(&f, "length", 1, 3, 0);
    annot_set_value(&f, i, "6");
    i = annot_add(&f, "client_version", 4, 2, 1);
    annot_set_value(&f, i, "3.3 (TLS 1.2)");
    annot_set_explain(&f, i, "highest version the client supports");
    trace_take_fields(e, &f);
    assert_int_equal(f.n, 0);

    e = trace_add(t, ACTOR_CLIENT, EV_RECORD, "Handshake record", NULL, fx_record, sizeof fx_record);
    assert_non_null(e);

    uint8_t pms[48], cr[32], ms[48];
    fx_ramp(pms, sizeof pms, 0x00);
    fx_ramp(cr, sizeof cr, 0x80);
    fx_ramp(ms, sizeof ms, 0xc0);
    e = trace_add(t, ACTOR_CLIENT, EV_NOTE, "old random", NULL, NULL, 0);
    assert_true(trace_add_output(e, "client_random", (const uint8_t *)"stale", 5, NULL));
    e = trace_add(t, ACTOR_CLIENT, EV_COMPUTE, "master secret", "Both sides derive it.", NULL, 0);
    assert_non_null(e);
    trace_set_formula(e, "master_secret = PRF(%s, \"master secret\", %s)[0..%d]",
                      "pre_master_secret", "client_random + server_random", 47);
    assert_true(trace_add_input(e, "pre_master_secret", pms, sizeof pms, "the shared secret"));
    assert_true(trace_add_input(e, "client_random", cr, sizeof cr, NULL));
    assert_true(trace_add_output(e, "master_secret", ms, sizeof ms, "48 bytes"));

    e = trace_add(t, ACTOR_CLIENT, EV_NOTE, "random again", NULL, NULL, 0);
    assert_true(trace_add_output(e, "client_random", cr, sizeof cr, NULL));

    e = trace_add(t, ACTOR_SERVER, EV_VERIFY, "client Finished", "The server checks verify_data.",
                  NULL, 0);
    assert_non_null(e);
    if (failed)
        trace_set_verdict(e, false, ALERT_DECRYPT_ERROR, "verify_data: expected %s, got %s",
                          "0102", "0103");
    else
        trace_set_verdict(e, true, ALERT_NONE, "verify_data matches");

    if (failed) {
        e = trace_add(t, ACTOR_SERVER, EV_ALERT, "alert", "The server gives up.", fx_alert,
                      sizeof fx_alert);
        assert_non_null(e);
        trace_set_alert(e, ALERT_DECRYPT_ERROR, "client Finished did not verify");
        t->result.outcome = OUTCOME_ALERT;
        t->result.alert = ALERT_DECRYPT_ERROR;
        t->result.sender = ACTOR_SERVER;
        strcpy(t->result.reason, "client Finished: verify_data mismatch");
    } else {
        t->result.outcome = OUTCOME_OK;
        strcpy(t->result.suite, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }
}

#endif
