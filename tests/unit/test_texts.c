/* The review of every text a student reads, in one place: the id table's lines, the
 * faults' lines, the glossary, and from runs of every suite and every fault each
 * field explanation, blob explanation, check reason and narration. None may repeat a
 * word twice in a row ("the the"), and no narration may outgrow the TUI's narration
 * box at 80x24. Then one regression test per text that was found wrong on screen. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>

#include "sim/engine.h"
#include "sim/fault.h"
#include "sim/suites.h"
#include "ui/glossary.h"
#include "ui/narrate.h"
#include "ui/render_text.h"
#include "ui/scenario_args.h"

/* Runs `tlssim run` options through the command line's own parser. */
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

/* The first word (of letters) that follows itself, or NULL: "the the", "fault: fault". */
static const char *doubled_word(const char *s, char *word, size_t n)
{
    char prev[64] = "";
    const char *p = s;
    while (*p) {
        while (*p && !isalpha((unsigned char)*p))
            p++;
        size_t k = 0;
        const char *start = p;
        while (*p && (isalpha((unsigned char)*p) || *p == '_'))
            p++;
        k = (size_t)(p - start);
        if (!k)
            break;
        /* Only words separated by spaces or a colon count: "RC4 and RC2" or hex do not. */
        if (k < sizeof prev && prev[0] && strlen(prev) == k &&
            strncasecmp(prev, start, k) == 0) {
            snprintf(word, n, "%.*s", (int)k, start);
            return word;
        }
        if (k < sizeof prev) {
            memcpy(prev, start, k);
            prev[k] = 0;
        }
        /* Only spaces and a colon keep a pair: "it. It", "that, that" or a digit
         * between two words are not a doubled word. */
        const char *q = p;
        while (*q == ' ' || *q == ':')
            q++;
        if (!isalpha((unsigned char)*q))
            prev[0] = 0;
    }
    return NULL;
}

static void check_text(const char *what, const char *s)
{
    char w[64];
    if (s && doubled_word(s, w, sizeof w))
        fail_msg("%s: the word '%s' twice in a row: %s", what, w, s);
}

static void check_narration(const char *what, const trace_event *e)
{
    char text[NARRATE_MAX];
    narrate_event(e, text, sizeof text);
    if (!*text)
        fail_msg("%s: event %zu (%s) has no narration", what, e->seq, e->title);
    check_text(what, text);
    int lines = narrate_lines(text, NARRATE_WIDTH_80);
    if (lines > NARRATE_LINES_80x24)
        fail_msg("%s: the narration of event %zu takes %d lines at 80x24 (at most %d): %s", what,
                 e->seq, lines, NARRATE_LINES_80x24, text);
}

static void check_trace(const char *what, const trace *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const trace_event *e = &t->ev[i];
        check_text(what, e->title);
        check_text(what, e->explain);
        check_text(what, e->reason);
        for (size_t k = 0; k < e->fields.n; k++)
            check_text(what, e->fields.v[k].explain);
        for (size_t k = 0; k < e->n_inputs; k++)
            check_text(what, e->inputs[k].explain);
        for (size_t k = 0; k < e->n_outputs; k++)
            check_text(what, e->outputs[k].explain);
        check_narration(what, e);
    }
    check_text(what, t->result.reason);
}

static void the_checker_finds_doubled_words(void **state)
{
    (void)state;
    char w[64];
    assert_non_null(doubled_word("check the the chain", w, sizeof w));
    assert_string_equal(w, "the");
    assert_non_null(doubled_word("A fault: fault: one bit", w, sizeof w));
    assert_null(doubled_word("offers RC4 and RC2 suites", w, sizeof w));
    assert_null(doubled_word("the first, then the second", w, sizeof w));
    assert_null(doubled_word("below it. It holds", w, sizeof w));
}

static void tables_read_well(void **state)
{
    (void)state;
    for (size_t i = 0; i < trace_id_count(); i++)
        check_text(trace_id_at(i), trace_id_explain(trace_id_at(i)));
    for (size_t i = 0; i < fault_count(); i++)
        check_text(fault_at(i)->name, fault_at(i)->explain);
    for (size_t i = 0; i < glossary_count(); i++) {
        const glossary_term *g = glossary_at(i);
        check_text(g->term, g->text);
        assert_int_equal(strncmp(g->rfc, "RFC ", 4), 0);
        /* The g box shows a whole entry at 80x24: 76 columns, 24 - 2 - 3 lines. */
        assert_true(narrate_lines(g->text, 74) + narrate_lines(g->rfc, 70) <= 24 - 5);
    }
}

static void every_fault_reads_well(void **state)
{
    (void)state;
    for (size_t i = 0; i < fault_count(); i++) {
        const fault_info *f = fault_at(i);
        if (!f->implemented)
            continue;
        trace t;
        const char *opts[] = {"--seed", "3", "--fault", f->name};
        run_opts(&t, opts, 4);
        check_trace(f->name, &t);
        trace_free(&t);
    }
}

static void every_suite_reads_well(void **state)
{
    (void)state;
    for (size_t i = 0; i < suite_count(); i++) {
        trace t;
        const char *opts[] = {"--seed", "4", "--suite", suite_at(i)->name, "--client-auth",
                              "--resume"};
        run_opts(&t, opts, 6);
        check_trace(suite_at(i)->name, &t);
        trace_free(&t);
    }
}

/* ---- regression tests: texts found wrong by reading the screens ---- */

static const trace_event *find_id(const trace *t, const char *id)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->ev[i].id && strcmp(t->ev[i].id, id) == 0)
            return &t->ev[i];
    return NULL;
}

static const annot *field(const trace_event *e, const char *name)
{
    for (size_t i = 0; e && i < e->fields.n; i++)
        if (e->fields.v[i].name && strcmp(e->fields.v[i].name, name) == 0)
            return &e->fields.v[i];
    return NULL;
}

static void server_hello_version_is_the_chosen_one(void **state)
{
    (void)state;
    trace t;
    const char *opts[] = {"--seed", "1"};
    run_opts(&t, opts, 2);
    const annot *v = field(find_id(&t, "ServerHello"), "version");
    assert_non_null(v);
    assert_non_null(strstr(v->explain, "chose"));
    assert_null(strstr(v->explain, "highest protocol version the sender"));
    v = field(find_id(&t, "ClientHello"), "version");
    assert_non_null(strstr(v->explain, "highest"));
    trace_free(&t);
}

static void an_aead_key_block_has_no_mac_keys(void **state)
{
    (void)state;
    static const struct {
        const char *suite;
        bool mac;
    } cases[] = {{"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", false},
                 {"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", false},
                 {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", true}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (!suite_by_name(cases[i].suite))
            continue;
        trace t;
        const char *opts[] = {"--seed", "1", "--suite", cases[i].suite};
        run_opts(&t, opts, 4);
        const trace_event *kb = find_id(&t, "key_block");
        assert_non_null(kb);
        if (cases[i].mac != (strstr(kb->explain, "cut into MAC keys") != NULL))
            fail_msg("%s: %s", cases[i].suite, kb->explain);
        char text[NARRATE_MAX];
        narrate_event(kb, text, sizeof text);
        if (!cases[i].mac && strstr(text, "into MAC keys"))
            fail_msg("%s: the narration names MAC keys: %s", cases[i].suite, text);
        trace_free(&t);
    }
}

static void a_wrong_finished_is_not_called_tampering(void **state)
{
    (void)state;
    trace t;
    const char *opts[] = {"--seed", "1", "--fault", "bad-finished"};
    run_opts(&t, opts, 4);
    const trace_event *c = find_id(&t, "check.finished");
    assert_non_null(c);
    assert_false(c->ok);
    if (strstr(c->reason, "tampered"))
        fail_msg("the client's own wrong Finished is reported as tampering: %s", c->reason);
    assert_non_null(strstr(c->reason, "computed its Finished wrong"));
    trace_free(&t);
}

/* A blob explained as "00 02 ..." starts with 00 02. */
static void padding_labels_fit_their_bytes(void **state)
{
    (void)state;
    const char *names[] = {NULL, "rsa-pms-bad-padding"};
    for (size_t n = 0; n < 2; n++) {
        trace t;
        const char *opts[] = {"--seed", "1", "--suite", "TLS_RSA_WITH_AES_128_GCM_SHA256",
                              "--fault", names[n]};
        run_opts(&t, opts, names[n] ? 6 : 4);
        size_t seen = 0;
        for (size_t i = 0; i < t.n; i++)
            for (size_t k = 0; k < t.ev[i].n_outputs; k++) {
                const trace_blob *b = &t.ev[i].outputs[k];
                if (!strstr(b->name, "block") || !b->explain || b->len < 2)
                    continue;
                seen++;
                bool says_0002 = strncmp(b->explain, "00 02", 5) == 0;
                bool is_0002 = b->data[0] == 0 && b->data[1] == 2;
                if (says_0002 != is_0002)
                    fail_msg("%s: '%s' starts %02x %02x but is explained as: %s",
                             names[n] ? names[n] : "no fault", b->name, b->data[0], b->data[1],
                             b->explain);
            }
        assert_true(seen >= 2); /* the client's padded block and the server's decrypted one */
        trace_free(&t);
    }
}

static void record_headers_and_alerts_are_named(void **state)
{
    (void)state;
    trace t;
    const char *opts[] = {"--seed", "1"};
    run_opts(&t, opts, 2);
    const trace_event *r = find_id(&t, "record.ClientHello");
    assert_non_null(r);
    assert_string_equal(field(r, "content_type")->value, "22 (handshake)");
    assert_string_equal(field(r, "version")->value, "0x0303 (TLS 1.2)");
    const trace_event *a = find_id(&t, "Alert");
    assert_non_null(a);
    assert_string_equal(field(a, "level")->value, "1 (warning)");
    assert_string_equal(field(a, "description")->value, "0 (close_notify)");
    trace_free(&t);
}

static void encrypted_messages_say_their_bytes_are_plaintext(void **state)
{
    (void)state;
    trace t;
    const char *opts[] = {"--seed", "1"};
    run_opts(&t, opts, 2);
    const trace_event *f = find_id(&t, "Finished");
    assert_non_null(f);
    assert_true(f->encrypted);
    char text[NARRATE_MAX];
    narrate_event(f, text, sizeof text);
    assert_non_null(strstr(text, "before encryption"));
    /* tlssim run says so over the bytes too. */
    char *out = NULL;
    size_t n = 0;
    FILE *mem = open_memstream(&out, &n);
    assert_non_null(mem);
    render_text(mem, &t, NULL);
    assert_int_equal(fclose(mem), 0);
    if (!strstr(out, "message  Finished (encrypted)\n") ||
        !strstr(strstr(out, "message  Finished (encrypted)\n"), "bytes (16, before encryption):"))
        fail_msg("the Finished's plaintext bytes are not said to be before encryption");
    free(out);
    trace_free(&t);
}

/* A tampered record's tags differ only in their last bit: the narration shortens
 * hex, but must not show the two as equal. Which digits differ is read from the
 * check's own reason (the two tags in full). */
static void narration_keeps_two_tags_apart(void **state)
{
    (void)state;
    trace t;
    const char *opts[] = {"--seed", "1", "--fault", "tamper-appdata"};
    run_opts(&t, opts, 4);
    const trace_event *c = NULL;
    for (size_t i = 0; i < t.n; i++)
        if (t.ev[i].kind == EV_VERIFY && !t.ev[i].ok)
            c = &t.ev[i];
    assert_non_null(c);
    assert_non_null(c->reason);
    const char *got = strstr(c->reason, "received "), *want = strstr(c->reason, "computed ");
    assert_non_null(got);
    assert_non_null(want);
    got += 9;
    want += 9;
    size_t len = strspn(got, "0123456789abcdef"), k = 0;
    assert_true(len > 16 && len == strspn(want, "0123456789abcdef"));
    while (k < len && got[k] == want[k])
        k++;
    assert_true(k >= 8 && k < len); /* alike at the start, different later */
    char text[NARRATE_MAX];
    narrate_event(c, text, sizeof text);
    const char *a = strstr(text, "received "), *b = strstr(text, "computed ");
    assert_non_null(a);
    assert_non_null(b);
    size_t la = strcspn(a + 9, ", "), lb = strcspn(b + 9, ", ");
    if (la == lb && strncmp(a + 9, b + 9, la) == 0)
        fail_msg("the narration shows both tags as %.*s: %s", (int)la, a + 9, text);
    /* The byte where they differ is shown, in each. */
    char ga[3] = {got[k & ~1u], got[(k & ~1u) + 1], 0}, wa[3] = {want[k & ~1u], want[(k & ~1u) + 1], 0};
    assert_non_null(strstr(a + 9, ga));
    assert_non_null(strstr(b + 9, wa));
    trace_free(&t);
}

static void an_edited_msg_type_renames_the_record(void **state)
{
    (void)state;
    scenario_args a;
    memset(&a, 0, sizeof a);
    scenario_defaults(&a.sc);
    char *argv[] = {"run", "--seed", "1"};
    for (int i = 1; i < 3; i++)
        assert_int_equal(scenario_args_take(&a, "run", 3, argv, &i), 1);
    assert_int_equal(scenario_args_finish(&a, "run"), 0);
    /* Byte 5 of the client's first record: ClientHello's msg_type, 1 -> 2. */
    a.sc.edits[0] = (wire_edit){ACTOR_CLIENT, 0, 5, 2};
    a.sc.n_edits = 1;
    trace t;
    trace_init(&t);
    assert_true(engine_run(&a.sc, &t));
    const trace_event *r = find_id(&t, "record.ClientHello");
    assert_non_null(r);
    if (!strstr(r->title, "msg_type now 2, ServerHello"))
        fail_msg("the edited record still reads as a ClientHello: %s", r->title);
    trace_free(&t);
    scenario_args_free(&a);
}

static void dh_bounds_are_exclusive(void **state)
{
    (void)state;
    trace t;
    const char *opts[] = {"--seed", "1", "--fault", "dh-small-subgroup"};
    run_opts(&t, opts, 4);
    assert_int_equal(t.result.outcome, OUTCOME_ALERT);
    if (!strstr(t.result.reason, "strictly between 1 and p-1"))
        fail_msg("the bounds are not said to be exclusive: %s", t.result.reason);
    trace_free(&t);
}

static void every_check_has_a_line_in_run_text(void **state)
{
    (void)state;
    trace t;
    const char *opts[] = {"--seed", "1"};
    run_opts(&t, opts, 2);
    const trace_event *c = find_id(&t, "check.ske_signature");
    assert_non_null(c);
    char text[NARRATE_MAX];
    narrate_what(c, text, sizeof text);
    assert_non_null(strstr(text, "The client checks the signature on the ServerKeyExchange"));
    trace_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_checker_finds_doubled_words),
        cmocka_unit_test(tables_read_well),
        cmocka_unit_test(every_fault_reads_well),
        cmocka_unit_test(every_suite_reads_well),
        cmocka_unit_test(server_hello_version_is_the_chosen_one),
        cmocka_unit_test(an_aead_key_block_has_no_mac_keys),
        cmocka_unit_test(a_wrong_finished_is_not_called_tampering),
        cmocka_unit_test(padding_labels_fit_their_bytes),
        cmocka_unit_test(record_headers_and_alerts_are_named),
        cmocka_unit_test(encrypted_messages_say_their_bytes_are_plaintext),
        cmocka_unit_test(an_edited_msg_type_renames_the_record),
        cmocka_unit_test(narration_keeps_two_tags_apart),
        cmocka_unit_test(dh_bounds_are_exclusive),
        cmocka_unit_test(every_check_has_a_line_in_run_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
