/* The terminal UI's state, without a terminal: the field tree folds and unfolds,
 * a byte selects the deepest field over it, a re-run with another scenario keeps
 * the cursor on the same step, and every action has a key the help shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sim/suites.h"
#include "ui/tui_keys.h"
#include "ui/tui_model.h"
#include "tests/unit/pki_fixture.h"


static void start_packed(tui_model *m, bool coalesce, size_t record_size)
{
    scenario sc;
    scenario_defaults(&sc);
    sc.pki = &p;
    sc.seeded = true;
    sc.seed = 3;
    sc.coalesce = coalesce;
    sc.record_size = record_size;
    x509_parse_date("2026-06-01", &sc.now);
    tui_model_init(m, &sc);
    assert_true(tui_model_run(m));
    assert_int_equal(m->t.result.outcome, OUTCOME_OK);
}

static void start(tui_model *m)
{
    start_packed(m, false, 0);
}

static size_t find(const tui_model *m, ev_kind kind, const char *title)
{
    for (size_t i = 0; i < m->t.n; i++)
        if (m->t.ev[i].kind == kind && strcmp(m->t.ev[i].title, title) == 0)
            return i;
    fail_msg("no event '%s'", title);
    return 0;
}

static size_t field_named(const trace_event *e, const char *name)
{
    for (size_t i = 0; i < e->fields.n; i++)
        if (strcmp(e->fields.v[i].name, name) == 0)
            return i;
    fail_msg("no field '%s'", name);
    return 0;
}

static void certificate_tree_folds(void **state)
{
    (void)state;
    tui_model m;
    start(&m);
    tui_goto_step(&m, find(&m, EV_MESSAGE, "Certificate"));
    const trace_event *e = tui_detail_event(&m);
    assert_non_null(e);
    /* It opens on the two certificates, their X.509 insides folded away. */
    size_t leaf = field_named(e, "certificate (leaf)");
    size_t subject = field_named(e, "subject");
    assert_true(tui_field_visible(&m, leaf));
    assert_false(tui_field_visible(&m, subject));
    size_t folded = tui_visible_fields(&m, NULL, 0);
    assert_true(folded < e->fields.n / 4);
    /* A byte of the subject selects the deepest field there and unfolds its ancestors. */
    size_t byte = e->fields.v[subject].offset + 2;
    size_t deepest = tui_field_at_byte(e, byte);
    assert_true(e->fields.v[deepest].depth > e->fields.v[subject].depth);
    tui_select_byte(&m, byte);
    assert_int_equal(m.field, deepest);
    assert_true(tui_field_visible(&m, subject));
    assert_true(tui_field_visible(&m, deepest));
    /* Enter on a node folds it: its children disappear, the rows shrink. */
    tui_select_field(&m, subject);
    size_t before = tui_visible_fields(&m, NULL, 0);
    tui_field_toggle(&m);
    assert_true(tui_visible_fields(&m, NULL, 0) < before);
    assert_false(tui_field_visible(&m, deepest));
    tui_model_free(&m);
}

static void moving_skips_folded_fields(void **state)
{
    (void)state;
    tui_model m;
    start(&m);
    tui_goto_step(&m, find(&m, EV_MESSAGE, "Certificate"));
    const trace_event *e = tui_detail_event(&m);
    size_t leaf = field_named(e, "certificate (leaf)");
    tui_select_field(&m, leaf);
    tui_field_move(&m, 1);
    /* The next visible row after the leaf is the leaf's "Certificate" node, which is
     * folded; one more step jumps over its whole subtree to the chain certificate. */
    assert_string_equal(e->fields.v[m.field].name, "Certificate");
    tui_field_move(&m, 1);
    assert_string_equal(e->fields.v[m.field].name, "certificate (chain)");
    tui_field_move(&m, -2);
    assert_int_equal(m.field, leaf);
    tui_model_free(&m);
}

static void rerun_keeps_the_step(void **state)
{
    (void)state;
    tui_model m;
    start(&m);
    size_t cke = find(&m, EV_MESSAGE, "ClientKeyExchange");
    tui_goto_step(&m, cke);
    m.sc.suite = suite_by_name("TLS_RSA_WITH_AES_128_GCM_SHA256");
    assert_true(tui_model_run(&m));
    /* RSA key transport has no ServerKeyExchange, so the index moved; the step did not. */
    assert_true(m.step != cke);
    assert_string_equal(tui_current(&m)->title, "ClientKeyExchange");
    for (size_t i = 0; i < m.t.n; i++)
        assert_true(strcmp(m.t.ev[i].title, "ServerKeyExchange") != 0);
    tui_model_free(&m);
}

/* A byte of a plaintext message is edited where it travels: in the record after it,
 * past the 5-byte header. An encrypted message cannot be edited in the clear. */
static void edits_land_on_the_wire(void **state)
{
    (void)state;
    tui_model m;
    start(&m);
    wire_edit ed;
    char why[200];
    tui_goto_step(&m, find(&m, EV_MESSAGE, "Finished"));
    assert_true(tui_current(&m)->encrypted);
    assert_false(tui_edit_target(&m, 4, &ed, why, sizeof why));
    assert_non_null(strstr(why, "encrypted"));
    size_t ske = find(&m, EV_MESSAGE, "ServerKeyExchange");
    tui_goto_step(&m, ske);
    assert_true(tui_edit_target(&m, 9, &ed, why, sizeof why));
    const trace_event *rec = &m.t.ev[ske + 1];
    assert_int_equal(rec->kind, EV_RECORD);
    assert_int_equal(ed.by, ACTOR_SERVER);
    assert_int_equal(ed.offset, 5 + 9);
    assert_int_equal(ed.value, rec->bytes[5 + 9]);
    /* The server's records so far: ServerHello, Certificate, then this one. */
    assert_int_equal(ed.record, 2);
    /* The edit really reaches the client: its signature check fails. */
    ed.value ^= 0x01;
    assert_true(tui_add_edit(&m, &ed));
    assert_int_equal(m.t.result.outcome, OUTCOME_ALERT);
    assert_int_equal(m.t.result.sender, ACTOR_CLIENT);
    assert_string_equal(tui_current(&m)->title, "ServerKeyExchange"); /* the cursor stayed */
    tui_model_free(&m);
}

/* With a flight packed into shared records of 100 bytes, a byte deep in Certificate is
 * found in the record that carried it, from what the sender recorded of each record. */
static void edits_find_the_record_of_a_packed_message(void **state)
{
    (void)state;
    tui_model m;
    start_packed(&m, true, 100);
    size_t cert = find(&m, EV_MESSAGE, "Certificate");
    const trace_event *msg = &m.t.ev[cert];
    tui_goto_step(&m, cert);
    for (size_t byte = 0; byte < msg->len; byte += 97) {
        wire_edit ed;
        char why[200];
        assert_true(tui_edit_target(&m, byte, &ed, why, sizeof why));
        assert_int_equal(ed.by, ACTOR_SERVER);
        assert_int_equal(ed.value, msg->bytes[byte]);
        /* The record is the server's ed.record-th; the byte sits at ed.offset in it. */
        unsigned index = 0;
        const trace_event *rec = NULL;
        for (size_t k = 0; k < m.t.n && !rec; k++)
            if (m.t.ev[k].kind == EV_RECORD && m.t.ev[k].actor == ACTOR_SERVER && index++ == ed.record)
                rec = &m.t.ev[k];
        assert_non_null(rec);
        assert_true(ed.offset >= 5 && ed.offset < rec->len);
        assert_int_equal(rec->bytes[ed.offset], msg->bytes[byte]);
    }
    /* Changing a byte of the last certificate's signature reaches the client's chain check. */
    wire_edit ed;
    char why[200];
    assert_true(tui_edit_target(&m, msg->len - 2, &ed, why, sizeof why));
    ed.value ^= 0x01;
    assert_true(tui_add_edit(&m, &ed));
    assert_int_equal(m.t.result.outcome, OUTCOME_ALERT);
    assert_int_equal(m.t.result.sender, ACTOR_CLIENT);
    tui_model_free(&m);
}

/* A fault may need another suite (mitm-anon its anonymous one); clearing the fault
 * goes back to the suite the user chose, not to the fault's. */
static void clearing_a_fault_restores_the_chosen_suite(void **state)
{
    (void)state;
    tui_model m;
    start(&m);
    const suite_info *chosen = m.sc.suite;
    char why[200];
    assert_true(tui_run_faults(&m, FAULT_BIT(FAULT_MITM_ANON), why, sizeof why));
    assert_true(m.sc.suite != chosen);
    assert_true(tui_run_faults(&m, FAULT_BIT(FAULT_CERT_EXPIRED), why, sizeof why));
    assert_ptr_equal(m.sc.suite, chosen);
    assert_string_equal(tui_current(&m)->title, "certificate check: validity (depth 0)");
    assert_true(tui_run_faults(&m, 0, why, sizeof why));
    assert_ptr_equal(m.sc.suite, chosen);
    assert_int_equal(m.t.result.outcome, OUTCOME_OK);
    tui_model_free(&m);
}

/* The certificate checks of the chain are one step of the ladder: Right goes over the
 * whole group, Left comes back to its row; a step inside opens the groups. Counted
 * from the trace itself, not from a number written here. */
static void certificate_checks_fold_into_one_step(void **state)
{
    (void)state;
    tui_model m;
    start(&m);
    size_t first = TUI_NONE, count = 0;
    for (size_t i = 0; i < m.t.n; i++)
        if (m.t.ev[i].kind == EV_VERIFY && strncmp(m.t.ev[i].title, "certificate check:", 18) == 0) {
            first = first == TUI_NONE ? i : first;
            count++;
        }
    assert_true(count >= 2);
    size_t g_first = 0, g_count = 0, g_failed = 1;
    assert_true(tui_fold_group(&m.t, first + 1, &g_first, &g_count, &g_failed));
    assert_int_equal(g_first, first);
    assert_int_equal(g_count, count);
    assert_int_equal(g_failed, 0);
    assert_false(tui_fold_group(&m.t, first - 1, NULL, NULL, NULL));
    tui_goto_step(&m, first - 1);
    tui_step_move(&m, 1);
    assert_int_equal(m.step, first);
    assert_false(tui_step_hidden(&m, first));
    assert_true(tui_step_hidden(&m, first + 1));
    tui_step_move(&m, 1);
    assert_int_equal(m.step, first + count);
    tui_step_move(&m, -1);
    assert_int_equal(m.step, first);
    /* Going to a check inside (a lesson, the first failure) opens the groups. */
    tui_goto_step(&m, first + 2);
    assert_true(m.chains_open);
    assert_false(tui_step_hidden(&m, first + 1));
    tui_step_move(&m, 1);
    assert_int_equal(m.step, first + 3);
    /* Folding again puts the cursor on the group's row. */
    tui_fold_toggle(&m);
    assert_false(m.chains_open);
    assert_int_equal(m.step, first);
    tui_model_free(&m);
}

/* The next-message key lands on each message and alert in order, and on nothing else. */
static void message_steps_skip_the_rest(void **state)
{
    (void)state;
    tui_model m;
    start(&m);
    tui_goto_step(&m, 0);
    size_t visits = 0;
    for (size_t i = 1; i < m.t.n; i++) {
        ev_kind k = m.t.ev[i].kind;
        if (k != EV_MESSAGE && k != EV_ALERT)
            continue;
        tui_step_message(&m, 1);
        assert_int_equal(m.step, i);
        visits++;
    }
    size_t last = m.step;
    tui_step_message(&m, 1); /* none after the last: stays */
    assert_int_equal(m.step, last);
    tui_step_message(&m, -1);
    assert_true(m.step < last);
    assert_true(m.t.ev[m.step].kind == EV_MESSAGE || m.t.ev[m.step].kind == EV_ALERT);
    assert_true(visits >= 10);
    tui_model_free(&m);
}

static void every_action_has_a_key_in_the_help(void **state)
{
    (void)state;
    for (int a = ACT_NEXT; a <= ACT_QUIT; a++) {
        bool found = false;
        for (size_t i = 0; i < tui_n_keys; i++)
            if ((int)tui_keys[i].action == a) {
                found = true;
                /* Unlabelled rows share the help row of the last labelled one above. */
                size_t row = i;
                while (row > 0 && !tui_keys[row].label)
                    row--;
                assert_non_null(tui_keys[row].label);
                assert_non_null(tui_keys[row].what);
                assert_int_equal(tui_key_action(tui_keys[i].codes[0]), a);
            }
        if (!found)
            fail_msg("action %d has no key", a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(certificate_tree_folds),
        cmocka_unit_test(moving_skips_folded_fields),
        cmocka_unit_test(rerun_keeps_the_step),
        cmocka_unit_test(edits_land_on_the_wire),
        cmocka_unit_test(edits_find_the_record_of_a_packed_message),
        cmocka_unit_test(clearing_a_fault_restores_the_chosen_suite),
        cmocka_unit_test(certificate_checks_fold_into_one_step),
        cmocka_unit_test(message_steps_skip_the_rest),
        cmocka_unit_test(every_action_has_a_key_in_the_help),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
