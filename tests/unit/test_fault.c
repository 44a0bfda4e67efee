/* The fault catalogue: complete, consistent data (unique names, each with a category,
 * an explanation, an RFC and an alert); and every fault of this build, run in the
 * engine, ends with the catalogue's alert sent by the catalogue's checker, after a
 * trace note that says what was broken. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/alert.h"
#include "sim/engine.h"
#include "sim/fault.h"
#include "sim/fault_plan.h"
#include "sim/suites.h"
#include "tests/unit/pki_fixture.h"


static void catalogue_entries_are_complete(void **state)
{
    (void)state;
    assert_int_equal(fault_count(), FAULT_COUNT);
    assert_true(FAULT_COUNT <= 64); /* a fault_set holds them all */
    for (size_t i = 0; i < fault_count(); i++) {
        const fault_info *f = fault_at(i);
        assert_int_equal(f->id, i);
        assert_ptr_equal(fault_get(f->id), f);
        /* lower-case words joined by dashes, as --fault takes them */
        assert_true(f->name && f->name[0] && f->name[0] != '-');
        for (const char *c = f->name; *c; c++)
            assert_true(islower((unsigned char)*c) || isdigit((unsigned char)*c) || *c == '-');
        assert_true(f->category < FCAT_COUNT);
        assert_string_not_equal(fault_category_name(f->category), "?");
        assert_string_not_equal(fault_where_name(f->where), "?");
        assert_true(f->explain && strlen(f->explain) > 20);
        assert_true(f->rfc && strncmp(f->rfc, "RFC ", 4) == 0);
        /* Someone commits it and the other side checks it. */
        assert_true(f->checker == ACTOR_CLIENT || f->checker == ACTOR_SERVER);
        assert_int_not_equal(f->by, f->checker);
        /* Every fault ends in a named alert, except the attacks nobody notices. */
        if (f->alert == ALERT_NONE)
            assert_int_equal(f->category, FCAT_ATTACKER);
        else
            assert_string_not_equal(alert_name(f->alert), "unknown_alert");
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(fault_at(k)->name, f->name);
    }
}

/* The names issue 5 fixes: lessons and the TUI refer to them. */
static void catalogue_has_the_fixed_names(void **state)
{
    (void)state;
    static const char *const names[] = {
        "cert-expired", "cert-not-yet-valid", "cert-wrong-host", "cert-self-signed",
        "cert-unknown-ca", "cert-bad-signature", "cert-missing-intermediate",
        "cert-intermediate-not-ca", "cert-wrong-eku", "cert-weak-key", "cert-sha1",
        "client-cert-missing", "client-cert-untrusted", "client-cert-expired",
        "client-certverify-bad", "ske-bad-signature", "ske-wrong-key", "ecdhe-invalid-point",
        "dh-small-subgroup", "rsa-pms-bad-version", "rsa-pms-bad-padding",
        "tamper-client-finished", "tamper-server-finished", "tamper-appdata",
        "tamper-client-hello", "record-overflow", "record-bad-type", "replay-record", "skip-ccs",
        "out-of-order", "duplicate-server-hello", "no-shared-cipher", "no-shared-group",
        "version-mismatch", "bad-finished", "mitm-replace-cert", "mitm-downgrade", "mitm-anon",
        "eavesdrop-stolen-key",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const fault_info *f = fault_by_name(names[i]);
        assert_non_null(f);
        assert_string_equal(f->name, names[i]);
    }
    assert_null(fault_by_name("no-such-fault"));
    assert_null(fault_by_name(""));
    assert_null(fault_by_name(NULL));
}

static void defaults(scenario *sc)
{
    scenario_defaults(sc);
    sc->pki = &p;
    sc->seeded = true;
    sc->seed = 1;
    x509_parse_date("2026-06-01", &sc->now);
}

static void every_fault_ends_with_its_alert(void **state)
{
    (void)state;
    size_t ran = 0;
    for (size_t i = 0; i < fault_count(); i++) {
        const fault_info *f = fault_at(i);
        if (!f->implemented)
            continue;
        scenario sc;
        defaults(&sc);
        sc.faults = FAULT_BIT(f->id);
        char why[256];
        assert_true(fault_fit_scenario(&sc, false, why, sizeof why));
        trace t;
        trace_init(&t);
        assert_true(engine_run(&sc, &t));
        if (t.result.outcome == OUTCOME_OK)
            print_message("%s: ok %s\n", f->name, t.result.suite);
        else
            print_message("%s: %s(%d) by %s: %s\n", f->name, alert_name(t.result.alert),
                          t.result.alert, actor_name(t.result.sender), t.result.reason);
        if (f->alert == ALERT_NONE) {
            /* The attacks nobody notices: the handshake completes. */
            assert_int_equal(t.result.outcome, OUTCOME_OK);
        } else {
            assert_int_equal(t.result.outcome, OUTCOME_ALERT);
            assert_int_equal(t.result.alert, f->alert);
            assert_int_equal(t.result.sender, f->checker);
        }
        /* The trace says what was broken, by whom, before anyone noticed. */
        char title[96];
        snprintf(title, sizeof title, "fault injected: %s", f->name);
        size_t noted = t.n, alerted = t.n;
        for (size_t k = 0; k < t.n; k++) {
            if (noted == t.n && t.ev[k].kind == EV_NOTE && strncmp(t.ev[k].title, title, strlen(title)) == 0) {
                noted = k;
                assert_int_equal(t.ev[k].actor, f->by);
            }
            if (alerted == t.n && t.ev[k].kind == EV_ALERT)
                alerted = k;
        }
        assert_true(noted < alerted);
        assert_true(noted < t.n);
        trace_free(&t);
        ran++;
    }
    assert_true(ran >= 30);
}

static void scenario_fits_its_faults(void **state)
{
    (void)state;
    char why[256];
    scenario sc;
    defaults(&sc);
    /* Client-certificate faults turn on mutual TLS. */
    sc.faults = FAULT_BIT(FAULT_CLIENT_CERT_MISSING);
    assert_true(fault_fit_scenario(&sc, false, why, sizeof why));
    assert_true(sc.client_auth);
    /* Without --suite a fault gets a suite it can act on; with one, it is an error. */
    defaults(&sc);
    sc.faults = FAULT_BIT(FAULT_RSA_PMS_BAD_VERSION);
    assert_true(fault_fit_scenario(&sc, false, why, sizeof why));
    assert_int_equal(sc.suite->kex, HS_KEX_RSA);
    defaults(&sc);
    sc.faults = FAULT_BIT(FAULT_RSA_PMS_BAD_VERSION);
    assert_false(fault_fit_scenario(&sc, true, why, sizeof why));
    assert_non_null(strstr(why, "rsa-pms-bad-version"));
    /* Two broken chains at once cannot both be sent. */
    defaults(&sc);
    sc.faults = FAULT_BIT(FAULT_CERT_EXPIRED) | FAULT_BIT(FAULT_CERT_SHA1);
    assert_false(fault_fit_scenario(&sc, false, why, sizeof why));
    /* An anonymous server never asks for a certificate, whichever fault asks for it. */
    defaults(&sc);
    sc.faults = FAULT_BIT(FAULT_MITM_ANON);
    sc.client_auth = true;
    assert_false(fault_fit_scenario(&sc, false, why, sizeof why));
    assert_non_null(strstr(why, "7.4.4"));
    defaults(&sc);
    sc.faults = FAULT_BIT(FAULT_MITM_ANON) | FAULT_BIT(FAULT_CLIENT_CERT_MISSING);
    assert_false(fault_fit_scenario(&sc, false, why, sizeof why));
    /* Wire faults add up. */
    defaults(&sc);
    sc.faults = FAULT_BIT(FAULT_TAMPER_APPDATA) | FAULT_BIT(FAULT_REPLAY_RECORD);
    assert_true(fault_fit_scenario(&sc, false, why, sizeof why));
    /* Over TCP, tlssim cannot commit what the real peer would have to. */
    assert_false(fault_fit_side(FAULT_BIT(FAULT_CERT_EXPIRED), ACTOR_CLIENT, why, sizeof why));
    assert_true(fault_fit_side(FAULT_BIT(FAULT_CERT_EXPIRED), ACTOR_SERVER, why, sizeof why));
    assert_true(fault_fit_side(FAULT_BIT(FAULT_TAMPER_CLIENT_FINISHED), ACTOR_CLIENT, why, sizeof why));
    /* A fault still to come is refused, not silently ignored. */
    for (size_t i = 0; i < fault_count(); i++) {
        if (fault_at(i)->implemented)
            continue;
        defaults(&sc);
        sc.faults = FAULT_BIT(fault_at(i)->id);
        assert_false(fault_fit_scenario(&sc, false, why, sizeof why));
    }
}

/* The first failed check of a run, or NULL. */
static const trace_event *failed_check(const trace *t)
{
    for (size_t k = 0; k < t->n; k++)
        if (t->ev[k].kind == EV_VERIFY && !t->ev[k].ok)
            return &t->ev[k];
    return NULL;
}

/* An off-curve point needs a curve with an equation to be off: x25519 is moved to
 * secp256r1 when the user left the group alone, and refused when they chose it. */
static void invalid_point_needs_a_weierstrass_curve(void **state)
{
    (void)state;
    char why[256];
    scenario sc;
    defaults(&sc);
    sc.faults = FAULT_BIT(FAULT_ECDHE_INVALID_POINT);
    assert_int_equal(sc.group, GROUP_X25519);
    assert_true(fault_fit_scenario_given(&sc, (fault_given){false, false}, why, sizeof why));
    assert_int_equal(sc.group, GROUP_SECP256R1);
    assert_int_equal(sc.suite->kex, HS_KEX_ECDHE);
    defaults(&sc);
    sc.faults = FAULT_BIT(FAULT_ECDHE_INVALID_POINT);
    assert_false(fault_fit_scenario_given(&sc, (fault_given){false, true}, why, sizeof why));
    assert_non_null(strstr(why, "x25519"));
    /* secp384r1 chosen: kept, and the point is off that curve. */
    defaults(&sc);
    sc.group = GROUP_SECP384R1;
    sc.faults = FAULT_BIT(FAULT_ECDHE_INVALID_POINT);
    assert_true(fault_fit_scenario_given(&sc, (fault_given){false, true}, why, sizeof why));
    trace t;
    trace_init(&t);
    assert_true(engine_run(&sc, &t));
    assert_int_equal(t.result.alert, ALERT_ILLEGAL_PARAMETER);
    /* The failed check shows the point it refused: 04 || x || y on P-384. */
    const trace_event *e = failed_check(&t);
    assert_non_null(e);
    assert_int_equal(e->actor, ACTOR_CLIENT);
    assert_int_equal(e->n_inputs, 1);
    assert_int_equal(e->inputs[0].len, 97);
    assert_int_equal(e->inputs[0].data[0], 0x04);
    trace_free(&t);
}

/* The client sends Y = p-1; the server's range check 1 < Y < p-1 (RFC 7919 5.1)
 * refuses it and shows the value: p-1 ends in ...fe for a safe prime ending in ...ff. */
static void small_subgroup_value_is_refused(void **state)
{
    (void)state;
    char why[256];
    scenario sc;
    defaults(&sc);
    sc.faults = FAULT_BIT(FAULT_DH_SMALL_SUBGROUP);
    assert_true(fault_fit_scenario(&sc, false, why, sizeof why));
    assert_int_equal(sc.suite->kex, HS_KEX_DHE);
    trace t;
    trace_init(&t);
    assert_true(engine_run(&sc, &t));
    assert_int_equal(t.result.alert, ALERT_ILLEGAL_PARAMETER);
    assert_int_equal(t.result.sender, ACTOR_SERVER);
    const trace_event *e = failed_check(&t);
    assert_non_null(e);
    assert_int_equal(e->actor, ACTOR_SERVER);
    uint8_t p_bytes[256], g;
    assert_true(kex_ffdhe2048_params(p_bytes, &g));
    p_bytes[255] -= 1;
    assert_int_equal(e->inputs[0].len, 256);
    assert_memory_equal(e->inputs[0].data, p_bytes, 256);
    trace_free(&t);
    /* An explicit ECDHE suite leaves nothing for it to break. */
    defaults(&sc);
    sc.faults = FAULT_BIT(FAULT_DH_SMALL_SUBGROUP);
    assert_false(fault_fit_scenario(&sc, true, why, sizeof why));
}

/* The server takes the weak suite the attacker left (it keeps it for old clients);
 * Finished exposes the edited hello: with the extended master secret the keys differ
 * (bad_record_mac), without it verify_data does (decrypt_error, RFC 5246 7.4.9). */
static void downgrade_is_caught_by_finished(void **state)
{
    (void)state;
    char why[256];
    for (int ems = 1; ems >= 0; ems--) {
        scenario sc;
        defaults(&sc);
        sc.ems = ems;
        sc.faults = FAULT_BIT(FAULT_MITM_DOWNGRADE);
        assert_true(fault_fit_scenario(&sc, false, why, sizeof why));
        assert_non_null(sc.legacy_suite);
        assert_int_equal(sc.legacy_suite->code, FAULT_DOWNGRADE_SUITE);
        trace t;
        trace_init(&t);
        assert_true(engine_run(&sc, &t));
        assert_int_equal(t.result.sender, ACTOR_SERVER);
        assert_int_equal(t.result.alert, ems ? ALERT_BAD_RECORD_MAC : ALERT_DECRYPT_ERROR);
        bool weak_chosen = false;
        for (size_t k = 0; k < t.n; k++)
            weak_chosen |= t.ev[k].kind == EV_MESSAGE && strcmp(t.ev[k].title, "ServerHello") == 0 &&
                           t.ev[k].len > 41 && t.ev[k].bytes[39] == 0x00 && t.ev[k].bytes[40] == 0x3c;
        assert_true(weak_chosen);
        trace_free(&t);
    }
    /* Already the weak suite: nothing to downgrade from. */
    scenario sc;
    defaults(&sc);
    sc.suite = suite_by_code(FAULT_DOWNGRADE_SUITE);
    sc.faults = FAULT_BIT(FAULT_MITM_DOWNGRADE);
    assert_false(fault_fit_scenario(&sc, true, why, sizeof why));
}

/* The output called name of the first event by actor whose title starts with title. */
static const trace_blob *output_of(const trace *t, actor_id actor, const char *title,
                                   const char *name)
{
    for (size_t k = 0; k < t->n; k++) {
        const trace_event *e = &t->ev[k];
        const trace_blob *b = e->actor == actor && strncmp(e->title, title, strlen(title)) == 0
                                  ? trace_event_output(e, name)
                                  : NULL;
        if (b)
            return b;
    }
    return NULL;
}

static const char server_response[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                                      "Content-Length: 26\r\n\r\nHello from tlssim's server";

/* RFC 5246 F.1.1.1: anonymous DH is open to a man in the middle. Nobody sends an
 * alert (there is nothing to check), so the test asserts the attack itself: the
 * attacker holds each end's master secret and reads both messages in plaintext. */
static void anonymous_dh_is_read_by_the_man_in_the_middle(void **state)
{
    (void)state;
    char why[256];
    scenario sc;
    defaults(&sc);
    sc.faults = FAULT_BIT(FAULT_MITM_ANON);
    assert_true(fault_fit_scenario(&sc, false, why, sizeof why));
    assert_true(suite_anonymous(sc.suite));
    trace t;
    trace_init(&t);
    assert_true(engine_run(&sc, &t));
    assert_int_equal(t.result.outcome, OUTCOME_OK);
    assert_string_equal(t.result.suite, "TLS_DH_anon_WITH_AES_128_CBC_SHA256");
    const trace_blob *cm = output_of(&t, ACTOR_CLIENT, "master secret", "master_secret");
    const trace_blob *sm = output_of(&t, ACTOR_SERVER, "master secret", "master_secret");
    const trace_blob *ac = output_of(&t, ACTOR_ATTACKER, "attacker: the keys it shares with the client",
                                     "master_secret");
    const trace_blob *as = output_of(&t, ACTOR_ATTACKER, "attacker: the keys it shares with the server",
                                     "master_secret");
    assert_non_null(cm);
    assert_non_null(sm);
    assert_non_null(ac);
    assert_non_null(as);
    assert_memory_equal(ac->data, cm->data, 48);
    assert_memory_equal(as->data, sm->data, 48);
    assert_memory_not_equal(cm->data, sm->data, 48); /* two key exchanges, not one */
    /* Two sessions: the server answered the attacker's random, not the client's. */
    const trace_blob *cr = output_of(&t, ACTOR_CLIENT, "ClientHello", "client_random");
    const trace_blob *mine = output_of(&t, ACTOR_ATTACKER, "attacker: swaps the random in ClientHello",
                                       "attacker's random");
    assert_non_null(cr);
    assert_non_null(mine);
    assert_memory_not_equal(cr->data, mine->data, 32);
    const trace_blob *req = output_of(&t, ACTOR_ATTACKER, "attacker reads the client's request",
                                      "plaintext read by the attacker");
    const trace_blob *resp = output_of(&t, ACTOR_ATTACKER, "attacker reads the server's response",
                                       "plaintext read by the attacker");
    assert_non_null(req);
    assert_non_null(resp);
    assert_int_equal(req->len, strlen(sc.message));
    assert_memory_equal(req->data, sc.message, req->len);
    assert_int_equal(resp->len, strlen(server_response));
    assert_memory_equal(resp->data, server_response, resp->len);
    /* What it read, as text a student recognises, with the line ends written out. */
    assert_non_null(req->explain);
    assert_non_null(strstr(req->explain, "as text: \"GET / HTTP/1.1\\r\\nHost: "));
    assert_non_null(resp->explain);
    assert_non_null(strstr(resp->explain, "HTTP/1.1 200 OK\\r\\n"));
    /* No protected record claims only the two ends read it: the attacker does. */
    size_t protected_records = 0;
    for (size_t k = 0; k < t.n; k++)
        if (t.ev[k].kind == EV_RECORD && t.ev[k].encrypted) {
            protected_records++;
            assert_null(strstr(t.ev[k].explain, "only the two ends"));
            assert_non_null(strstr(t.ev[k].explain, "attacker"));
        }
    assert_true(protected_records >= 4);
    trace_free(&t);
    /* The honest client never offers the anonymous suite on its own. */
    defaults(&sc);
    assert_false(suite_anonymous(sc.suite));
    for (size_t i = 0; i < suite_count(); i++)
        assert_false(suite_anonymous(suite_at(i)));
    assert_null(suite_by_name("TLS_DH_anon_WITH_AES_128_CBC_SHA256"));
    /* Simulated only: over TCP one end is real and the attacker is not in the path. */
    assert_false(fault_fit_side(FAULT_BIT(FAULT_MITM_ANON), ACTOR_SERVER, why, sizeof why));
}

/* Every output called name by the attacker, in order. */
static size_t attacker_outputs(const trace *t, const char *name, const trace_blob **out, size_t max)
{
    size_t n = 0;
    for (size_t k = 0; k < t->n; k++)
        for (size_t i = 0; t->ev[k].actor == ACTOR_ATTACKER && i < t->ev[k].n_outputs; i++)
            if (strcmp(t->ev[k].outputs[i].name, name) == 0 && n < max)
                out[n++] = &t->ev[k].outputs[i];
    return n;
}

/* RFC 5246 F.1.1.2: with RSA key transport the server's key protects the premaster,
 * so whoever steals it later reads a recorded session; F.1.1.3 (and 7.4.3): with
 * ephemeral DH the key only signs, and the recording cannot be opened. No one sends
 * an alert in either case, so the test asserts what the eavesdropper recovers. */
static void stolen_key_opens_rsa_sessions_only(void **state)
{
    (void)state;
    static const char *const rsa_suites[] = {"TLS_RSA_WITH_AES_128_GCM_SHA256",
                                             "TLS_RSA_WITH_AES_128_CBC_SHA256"};
    for (size_t i = 0; i < 2; i++) {
        for (int ems = 0; ems < 2; ems++) {
            scenario sc;
            defaults(&sc);
            sc.suite = suite_by_name(rsa_suites[i]);
            sc.ems = ems;
            sc.message = "GET /secret HTTP/1.1\r\nHost: server.test\r\n\r\n";
            sc.faults = FAULT_BIT(FAULT_EAVESDROP_STOLEN_KEY);
            trace t;
            trace_init(&t);
            assert_true(engine_run(&sc, &t));
            assert_int_equal(t.result.outcome, OUTCOME_OK);
            const trace_blob *got[4];
            assert_int_equal(attacker_outputs(&t, "recovered plaintext", got, 4), 2);
            assert_int_equal(got[0]->len, strlen(sc.message));
            assert_memory_equal(got[0]->data, sc.message, got[0]->len);
            assert_int_equal(got[1]->len, strlen(server_response));
            assert_memory_equal(got[1]->data, server_response, got[1]->len);
            /* The recovered master secret is the one both ends used. */
            const trace_blob *master[2];
            assert_int_equal(attacker_outputs(&t, "recovered master secret", master, 2), 1);
            const trace_blob *real = output_of(&t, ACTOR_CLIENT, "master secret", "master_secret");
            assert_non_null(real);
            assert_memory_equal(master[0]->data, real->data, 48);
            trace_free(&t);
        }
    }
    static const char *const fs_suites[] = {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                                            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                                            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"};
    for (size_t i = 0; i < 3; i++) {
        scenario sc;
        defaults(&sc);
        sc.suite = suite_by_name(fs_suites[i]);
        sc.faults = FAULT_BIT(FAULT_EAVESDROP_STOLEN_KEY);
        trace t;
        trace_init(&t);
        assert_true(engine_run(&sc, &t));
        assert_int_equal(t.result.outcome, OUTCOME_OK);
        const trace_blob *got[4];
        assert_int_equal(attacker_outputs(&t, "recovered plaintext", got, 4), 0);
        assert_int_equal(attacker_outputs(&t, "pre_master_secret", got, 4), 0);
        assert_int_equal(attacker_outputs(&t, "recovered master secret", got, 4), 0);
        bool said_why = false;
        for (size_t k = 0; k < t.n; k++)
            said_why |= t.ev[k].actor == ACTOR_ATTACKER &&
                        strcmp(t.ev[k].title, "eavesdropper: nothing decrypted") == 0;
        assert_true(said_why);
        trace_free(&t);
    }
}

/* A refused record shows what was compared. tamper-appdata flips the last bit of the
 * record: with an AEAD suite that is the tag's last bit, so the computed tag must be
 * the received one with that bit back (which also proves the computation right). */
static void failed_record_shows_the_tags(void **state)
{
    (void)state;
    static const char *const aead[] = {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                                       "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};
    for (size_t i = 0; i < 2; i++) {
        scenario sc;
        defaults(&sc);
        sc.suite = suite_by_name(aead[i]);
        sc.faults = FAULT_BIT(FAULT_TAMPER_APPDATA);
        trace t;
        trace_init(&t);
        assert_true(engine_run(&sc, &t));
        const trace_event *e = failed_check(&t);
        assert_non_null(e);
        assert_string_equal(e->title, "record authentication");
        assert_int_equal(e->alert, ALERT_BAD_RECORD_MAC);
        const trace_blob *got = trace_event_input(e, "received tag");
        const trace_blob *want = trace_event_input(e, "computed tag");
        const trace_blob *seq = trace_event_input(e, "sequence number");
        assert_non_null(got);
        assert_non_null(want);
        assert_non_null(seq);
        assert_non_null(trace_event_input(e, "key"));
        assert_non_null(trace_event_input(e, "additional data"));
        assert_int_equal(got->len, 16);
        assert_memory_equal(got->data, want->data, 15);
        assert_int_equal(got->data[15] ^ want->data[15], 0x01);
        static const uint8_t one[8] = {0, 0, 0, 0, 0, 0, 0, 1}; /* after Finished */
        assert_memory_equal(seq->data, one, 8);
        trace_free(&t);
    }
    /* CBC: the MAC, with the MAC key used. */
    scenario sc;
    defaults(&sc);
    sc.suite = suite_by_name("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
    sc.faults = FAULT_BIT(FAULT_TAMPER_APPDATA);
    trace t;
    trace_init(&t);
    assert_true(engine_run(&sc, &t));
    const trace_event *e = failed_check(&t);
    assert_non_null(e);
    assert_non_null(trace_event_input(e, "received MAC"));
    assert_non_null(trace_event_input(e, "computed MAC"));
    assert_int_equal(trace_event_input(e, "MAC key")->len, 32);
    assert_memory_not_equal(trace_event_input(e, "received MAC")->data,
                            trace_event_input(e, "computed MAC")->data, 32);
    trace_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(catalogue_entries_are_complete),
        cmocka_unit_test(catalogue_has_the_fixed_names),
        cmocka_unit_test(every_fault_ends_with_its_alert),
        cmocka_unit_test(scenario_fits_its_faults),
        cmocka_unit_test(invalid_point_needs_a_weierstrass_curve),
        cmocka_unit_test(small_subgroup_value_is_refused),
        cmocka_unit_test(downgrade_is_caught_by_finished),
        cmocka_unit_test(anonymous_dh_is_read_by_the_man_in_the_middle),
        cmocka_unit_test(stolen_key_opens_rsa_sessions_only),
        cmocka_unit_test(failed_record_shows_the_tags),
    };
    return cmocka_run_group_tests_name("fault", tests, setup, teardown);
}
