/* Failures that explain why (issue 13): a record or Finished refused after a changed
 * handshake message names where the two sides' transcripts part, found here from the
 * bytes that really crossed the wire; a replayed record names the sequence number it
 * was sealed with; records are named in words ("the client's first encrypted record"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/alert.h"
#include "sim/engine.h"
#include "sim/fault.h"
#include "sim/fault_plan.h"
#include "sim/record_trace.h"
#include "sim/transcript_diff.h"
#include "tests/unit/pki_fixture.h"
#include "ui/lesson.h"

static void defaults(scenario *sc)
{
    scenario_defaults(sc);
    sc->pki = &p;
    sc->seeded = true;
    sc->seed = 3;
    x509_parse_date("2026-06-01", &sc->now);
}

static const trace_event *failed_check(const trace *t)
{
    for (size_t k = 0; k < t->n; k++)
        if (t->ev[k].kind == EV_VERIFY && !t->ev[k].ok)
            return &t->ev[k];
    return NULL;
}

/* Where the ClientHello the server received first differs from the one the client
 * sent: the client's record event against the first bytes that reached the server,
 * past the record header. */
static size_t client_hello_changed_at(const trace *t)
{
    const trace_event *sent = NULL;
    for (size_t k = 0; k < t->n && !sent; k++)
        if (t->ev[k].kind == EV_RECORD && t->ev[k].actor == ACTOR_CLIENT)
            sent = &t->ev[k];
    const trace_segment *got = NULL;
    for (size_t k = 0; k < t->n_wire && !got; k++)
        if (t->wire[k].to == ACTOR_SERVER)
            got = &t->wire[k];
    assert_non_null(sent);
    assert_non_null(got);
    size_t n = sent->len < got->len ? sent->len : got->len;
    for (size_t i = 5; i < n; i++)
        if (sent->bytes[i] != got->bytes[i])
            return i - 5;
    fail_msg("the ClientHello reached the server unchanged");
    return 0;
}

static void changed_hello_names_the_divergence(fault_id fault, bool ems)
{
    char why[256];
    scenario sc;
    defaults(&sc);
    sc.ems = ems;
    sc.faults = FAULT_BIT(fault);
    assert_true(fault_fit_scenario(&sc, false, why, sizeof why));
    trace t;
    trace_init(&t);
    assert_true(engine_run(&sc, &t));
    char where[64];
    snprintf(where, sizeof where, "differ from byte %zu of ClientHello", client_hello_changed_at(&t));
    const trace_event *e = failed_check(&t);
    assert_non_null(e);
    const char *then = ems ? "extended master secrets and keys differ" : "Finished verify_data differ";
    for (int k = 0; k < 2; k++) {
        const char *text = k ? t.result.reason : e->reason;
        if (!strstr(text, where) || !strstr(text, then) || !strstr(text, "transcripts"))
            fail_msg("%s (ems %d): '%s' lacks '%s' or '%s'", fault_get(fault)->name, ems, text,
                     where, then);
    }
    if (ems) /* the first record the server could not read: the client's Finished */
        assert_non_null(strstr(t.result.reason, "the client's first encrypted record"));
    trace_free(&t);
}

static void tamper_client_hello_says_where(void **state)
{
    (void)state;
    changed_hello_names_the_divergence(FAULT_TAMPER_CLIENT_HELLO, true);
    changed_hello_names_the_divergence(FAULT_TAMPER_CLIENT_HELLO, false);
}

static void mitm_downgrade_says_where(void **state)
{
    (void)state;
    changed_hello_names_the_divergence(FAULT_MITM_DOWNGRADE, true);
    changed_hello_names_the_divergence(FAULT_MITM_DOWNGRADE, false);
}

/* The control: a record changed after an intact handshake says nothing of transcripts. */
static void intact_handshake_blames_no_transcript(void **state)
{
    (void)state;
    scenario sc;
    defaults(&sc);
    sc.faults = FAULT_BIT(FAULT_TAMPER_APPDATA);
    trace t;
    trace_init(&t);
    assert_true(engine_run(&sc, &t));
    assert_int_equal(t.result.alert, ALERT_BAD_RECORD_MAC);
    assert_null(strstr(t.result.reason, "transcript"));
    assert_non_null(strstr(t.result.reason, "the client's second encrypted record (sequence number 1)"));
    trace_free(&t);
}

static uint64_t seq_of(const trace_event *e)
{
    const trace_blob *b = trace_event_input(e, "sequence number");
    assert_non_null(b);
    assert_int_equal(b->len, 8);
    uint64_t s = 0;
    for (size_t i = 0; i < 8; i++)
        s = s << 8 | b->data[i];
    return s;
}

static void replay_names_both_sequence_numbers(void **state)
{
    (void)state;
    scenario sc;
    defaults(&sc);
    sc.faults = FAULT_BIT(FAULT_REPLAY_RECORD);
    trace t;
    trace_init(&t);
    assert_true(engine_run(&sc, &t));
    assert_int_equal(t.result.alert, ALERT_BAD_RECORD_MAC);
    /* The record replayed is the client's Finished: its sealing is in its record event. */
    const trace_event *finished = NULL;
    for (size_t k = 0; k < t.n && !finished; k++)
        if (t.ev[k].kind == EV_RECORD && t.ev[k].actor == ACTOR_CLIENT && t.ev[k].encrypted)
            finished = &t.ev[k];
    assert_non_null(finished);
    const trace_event *e = failed_check(&t);
    assert_non_null(e);
    char sealed[64], expected[64];
    snprintf(sealed, sizeof sealed, "sealed with sequence number %llu",
             (unsigned long long)seq_of(finished));
    snprintf(expected, sizeof expected, "(sequence number %llu)", (unsigned long long)seq_of(e));
    assert_int_not_equal(seq_of(e), seq_of(finished));
    assert_non_null(strstr(e->reason, sealed));
    assert_non_null(strstr(e->reason, expected));
    assert_non_null(strstr(t.result.reason, sealed));
    trace_free(&t);
}

static void ordinals_in_words(void **state)
{
    (void)state;
    static const struct {
        uint64_t seq;
        const char *word;
    } cases[] = {{0, "first"}, {1, "second"}, {9, "tenth"}, {10, "11th"}, {11, "12th"},
                 {12, "13th"}, {20, "21st"}, {21, "22nd"}, {22, "23rd"}, {110, "111th"},
                 {111, "112th"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[24];
        rec_ordinal(cases[i].seq, out, sizeof out);
        assert_string_equal(out, cases[i].word);
    }
}

static void transcripts_compare_by_message(void **state)
{
    (void)state;
    /* Two messages: type 1 with 2 bytes of body, type 2 with 3. */
    const uint8_t a[] = {1, 0, 0, 2, 0xaa, 0xbb, 2, 0, 0, 3, 1, 2, 3};
    uint8_t b[sizeof a];
    memcpy(b, a, sizeof a);
    assert_false(transcript_compare(a, sizeof a, b, sizeof b).differ);
    assert_false(transcript_compare(a, sizeof a, b, 6).differ); /* a prefix: not yet parted */
    b[11] = 9;
    transcript_diff d = transcript_compare(a, sizeof a, b, sizeof b);
    assert_true(d.differ);
    assert_int_equal(d.msg_type, 2);
    assert_int_equal(d.msg_index, 1);
    assert_int_equal(d.offset, 5);
    b[11] = 2;
    b[3] = 3;
    d = transcript_compare(a, sizeof a, b, sizeof b);
    assert_int_equal(d.msg_type, 1);
    assert_int_equal(d.offset, 3);
}

/* Lessons name a record's values by stable names (record.Finished.nonce): the GCM
 * nonce is client_write_IV from the key block, then the explicit part the record
 * carries (RFC 5288 3); the additional data is the sequence number and the record's
 * header with the plaintext's length (RFC 5246 6.2.3.3). */
static void lessons_reach_a_records_protection(void **state)
{
    (void)state;
    scenario sc;
    defaults(&sc);
    trace t;
    trace_init(&t);
    assert_true(engine_run(&sc, &t));
    assert_int_equal(t.result.outcome, OUTCOME_OK);
    lesson_target nonce, ad, tag, seq;
    char err[256];
    assert_true(lesson_resolve(&t, "client:record.Finished.nonce", &nonce, err, sizeof err));
    assert_true(lesson_resolve(&t, "client:record.Finished.additional_data", &ad, err, sizeof err));
    assert_true(lesson_resolve(&t, "client:record.Finished.tag", &tag, err, sizeof err));
    assert_true(lesson_resolve(&t, "server:record.ApplicationData.sequence_number", &seq, err,
                               sizeof err));
    assert_non_null(nonce.blob);
    const trace_event *rec = &t.ev[nonce.event];
    const trace_blob *iv = trace_find_output(&t, "client_write_IV");
    assert_non_null(iv);
    assert_int_equal(nonce.blob->len, 12);
    assert_memory_equal(nonce.blob->data, iv->data, 4);
    assert_memory_equal(nonce.blob->data + 4, rec->bytes + 5, 8);
    assert_int_equal(ad.blob->len, 13);
    static const uint8_t first[8] = {0};
    assert_memory_equal(ad.blob->data, first, 8);
    assert_memory_equal(ad.blob->data + 8, rec->bytes, 3); /* type and version */
    size_t plain = rec->len - 5 - 8 - 16;
    assert_int_equal(ad.blob->data[11] << 8 | ad.blob->data[12], plain);
    assert_memory_equal(tag.blob->data, rec->bytes + rec->len - 16, 16);
    /* The server's application data follows its Finished: its second record. */
    static const uint8_t second[8] = {0, 0, 0, 0, 0, 0, 0, 1};
    assert_memory_equal(seq.blob->data, second, 8);
    trace_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tamper_client_hello_says_where),
        cmocka_unit_test(mitm_downgrade_says_where),
        cmocka_unit_test(intact_handshake_blames_no_transcript),
        cmocka_unit_test(replay_names_both_sequence_numbers),
        cmocka_unit_test(ordinals_in_words),
        cmocka_unit_test(transcripts_compare_by_message),
        cmocka_unit_test(lessons_reach_a_records_protection),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
