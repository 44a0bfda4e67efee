/* The receive path of both actors (sim/actor.c): records reassembled from chunks of
 * any size (a TCP read ends anywhere), legal traffic never mistaken for an overflow,
 * long ClientHello lists kept whole, and the limits OpenSSL 3.0 puts on a peer that
 * sends nothing useful: 32 empty records and 5 warning alerts in a row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "crypto/crypto.h"
#include "base/alert.h"
#include "sim/client.h"
#include "sim/engine.h"
#include "sim/server.h"
#include "sim/suites.h"
#include "tests/unit/pki_fixture.h"

static void defaults(scenario *sc)
{
    scenario_defaults(sc);
    sc->pki = &p;
    sc->seeded = true;
    sc->seed = 5;
    x509_parse_date("2026-06-01", &sc->now);
}

typedef struct pair {
    scenario sc;
    trace t;
    rng r;
    actor c, s;
} pair;

static void pair_start(pair *q)
{
    assert_true(rng_init_seeded(&q->r, q->sc.seed));
    trace_init(&q->t);
    actor_init(&q->c, ACTOR_CLIENT, &q->sc, &q->t, &q->r);
    actor_init(&q->s, ACTOR_SERVER, &q->sc, &q->t, &q->r);
    server_start(&q->s);
    assert_true(client_start(&q->c));
}

static void pair_end(pair *q)
{
    actor_free(&q->c);
    actor_free(&q->s);
    trace_free(&q->t);
    rng_free(&q->r);
}

/* Hands `from`'s output to the other side in chunks of `chunk` bytes (the last one
 * shorter), as reads from a socket would. Returns whether anything moved. */
static bool move(pair *q, actor *from, size_t chunk)
{
    actor_flush(from);
    size_t n = 0;
    uint8_t *b = wr_take(&from->out, &n);
    actor *to = from == &q->c ? &q->s : &q->c;
    for (size_t off = 0; off < n; off += chunk) {
        size_t k = n - off < chunk ? n - off : chunk;
        (to == &q->s ? server_receive : client_receive)(to, b + off, k);
    }
    free(b);
    return n > 0;
}

static void converse(pair *q, size_t chunk)
{
    for (int turn = 0; turn < 32; turn++) {
        bool moved = move(q, &q->c, chunk);
        moved |= move(q, &q->s, chunk);
        if (!moved)
            break;
    }
}

/* Any split of the byte stream gives the same handshake: every chunk size from one
 * byte up, including the ones that leave part of a record waiting before a 16 KiB
 * read (the false record_overflow of issue 11). */
static void any_chunking_completes(void **state)
{
    (void)state;
    static char big[22501];
    memset(big, 'a', sizeof big - 1);
    const size_t chunks[] = {1, 2, 3, 5, 7, 13, 100, 1000, 4096, 16383, 16384, 16389, 40000};
    const char *suites[] = {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"};
    for (size_t s = 0; s < 2; s++)
        for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
            pair q;
            defaults(&q.sc);
            q.sc.suite = suite_by_name(suites[s]);
            q.sc.message = big;
            q.sc.client_auth = true;
            pair_start(&q);
            converse(&q, chunks[i]);
            if (q.t.result.outcome != OUTCOME_OK)
                fail_msg("%s in chunks of %zu: %s", suites[s], chunks[i], q.t.result.reason);
            pair_end(&q);
        }
}

/* tlssim run --message of 22,500 bytes, in-process: two records of application data,
 * each at most 2^14 bytes (RFC 5246 6.2.1). */
static void long_message_in_records(void **state)
{
    (void)state;
    static char big[22501];
    memset(big, 'b', sizeof big - 1);
    scenario sc;
    defaults(&sc);
    sc.message = big;
    trace t;
    trace_init(&t);
    engine_run(&sc, &t);
    assert_int_equal(t.result.outcome, OUTCOME_OK);
    size_t parts = 0;
    for (size_t i = 0; i < t.n; i++)
        if (t.ev[i].kind == EV_RECORD && t.ev[i].actor == ACTOR_CLIENT &&
            strstr(t.ev[i].title, "application data")) {
            parts++;
            /* header + explicit nonce + at most 2^14 of data + tag */
            assert_true(t.ev[i].len <= REC_HEADER_LEN + 8 + REC_MAX_PLAINTEXT + 16);
        }
    assert_int_equal(parts, 2);
    trace_free(&t);
}

/* Plaintext records as a raw peer writes them. */
static void put_record(writer *w, uint8_t type, const uint8_t *p, size_t n)
{
    wr_u8(w, type, NULL);
    wr_u16(w, TLS12_VERSION, NULL);
    wr_u16(w, (uint16_t)n, NULL);
    wr_bytes(w, p, n, NULL);
}

/* The client's genuine ClientHello, as records, after `before` in the same stream. */
static void server_gets(pair *q, const writer *before, bool *answered)
{
    actor_flush(&q->c);
    writer w;
    wr_init(&w, NULL);
    wr_bytes(&w, before->buf, before->len, NULL);
    wr_bytes(&w, q->c.out.buf, q->c.out.len, NULL);
    server_receive(&q->s, w.buf, w.len);
    wr_free(&w);
    actor_flush(&q->s);
    /* The server's first record: its ServerHello, or an alert. */
    *answered = q->s.out.len > 0 && q->s.out.buf[0] == CT_HANDSHAKE;
}

static void empty_records_are_capped(void **state)
{
    (void)state;
    for (int n = ACTOR_MAX_EMPTY_RECORDS; n <= ACTOR_MAX_EMPTY_RECORDS + 1; n++) {
        pair q;
        defaults(&q.sc);
        pair_start(&q);
        writer w;
        wr_init(&w, NULL);
        for (int i = 0; i < n; i++)
            put_record(&w, CT_HANDSHAKE, NULL, 0);
        bool answered;
        server_gets(&q, &w, &answered);
        wr_free(&w);
        if (n == ACTOR_MAX_EMPTY_RECORDS) {
            assert_true(answered);
        } else {
            assert_false(answered);
            assert_true(q.s.alert_sent);
            assert_int_equal(q.s.err.alert, ALERT_UNEXPECTED_MESSAGE);
        }
        pair_end(&q);
    }
}

/* Warnings are passed over, but 5 in a row end in unexpected_message, as OpenSSL 3.0
 * does (MAX_WARN_ALERT_COUNT); before the ClientHello a server takes no alert at all. */
static void warning_alerts_are_capped(void **state)
{
    (void)state;
    const uint8_t warning[2] = {1, ALERT_USER_CANCELED};
    for (int n = 1; n <= ACTOR_MAX_WARNING_ALERTS; n++) {
        pair q;
        defaults(&q.sc);
        pair_start(&q);
        writer none;
        wr_init(&none, NULL);
        bool answered;
        server_gets(&q, &none, &answered);
        assert_true(answered);
        writer w;
        wr_init(&w, NULL);
        for (int i = 0; i < n; i++)
            put_record(&w, CT_ALERT, warning, 2);
        server_receive(&q.s, w.buf, w.len);
        wr_free(&w);
        assert_int_equal(q.s.alert_sent, n == ACTOR_MAX_WARNING_ALERTS);
        if (q.s.alert_sent)
            assert_int_equal(q.s.err.alert, ALERT_UNEXPECTED_MESSAGE);
        pair_end(&q);
    }
    pair q;
    defaults(&q.sc);
    pair_start(&q);
    writer w;
    wr_init(&w, NULL);
    put_record(&w, CT_ALERT, warning, 2);
    bool answered;
    server_gets(&q, &w, &answered);
    wr_free(&w);
    assert_false(answered);
    assert_int_equal(q.s.err.alert, ALERT_UNEXPECTED_MESSAGE);
    pair_end(&q);
}

/* A ClientHello of about 40 KiB over three records: 20,000 suites nobody knows, then
 * the one the server takes, then the renegotiation SCSV (RFC 5746 3.3). Nothing may
 * be dropped: the server finds its suite and answers the SCSV with
 * renegotiation_info. */
static void long_client_hello_kept_whole(void **state)
{
    (void)state;
    pair q;
    defaults(&q.sc);
    q.sc.suite = suite_by_name("TLS_RSA_WITH_AES_128_GCM_SHA256");
    pair_start(&q);
    wr_free(&q.c.out);
    wr_init(&q.c.out, NULL);
    client_hello ch;
    memset(&ch, 0, sizeof ch);
    ch.version = TLS12_VERSION;
    size_t unknown = 20000;
    static uint16_t suites[20000 + 2];
    ch.suites = suites;
    for (size_t i = 0; i < unknown; i++)
        ch.suites[ch.n_suites++] = (uint16_t)(0xe000 + i % 0x1000);
    ch.suites[ch.n_suites++] = q.sc.suite->code;
    ch.suites[ch.n_suites++] = 0x00ff;
    writer msg;
    wr_init(&msg, NULL);
    assert_true(hs_build_client_hello(&msg, &ch));
    assert_true(msg.len > 40000);
    writer w;
    wr_init(&w, NULL);
    for (size_t off = 0; off < msg.len; off += REC_MAX_PLAINTEXT) {
        size_t k = msg.len - off < REC_MAX_PLAINTEXT ? msg.len - off : REC_MAX_PLAINTEXT;
        put_record(&w, CT_HANDSHAKE, msg.buf + off, k);
    }
    server_receive(&q.s, w.buf, w.len);
    wr_free(&w);
    wr_free(&msg);
    assert_false(q.s.alert_sent);
    assert_ptr_equal(q.s.suite, q.sc.suite);
    /* The ServerHello acknowledges the SCSV with renegotiation_info (ff 01 00 01 00). */
    actor_flush(&q.s);
    const uint8_t reneg[] = {0xff, 0x01, 0x00, 0x01, 0x00};
    assert_non_null(memmem(q.s.out.buf, q.s.out.len, reneg, sizeof reneg));
    pair_end(&q);
}

/* A record longer than RFC 5246 6.2.3 allows is the only record_overflow. */
static void only_a_long_record_overflows(void **state)
{
    (void)state;
    pair q;
    defaults(&q.sc);
    pair_start(&q);
    const uint8_t header[5] = {CT_HANDSHAKE, 3, 3, 0x48, 0x01}; /* 18433 bytes */
    server_receive(&q.s, header, sizeof header);
    assert_true(q.s.alert_sent);
    assert_int_equal(q.s.err.alert, ALERT_RECORD_OVERFLOW);
    pair_end(&q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(any_chunking_completes),
        cmocka_unit_test(long_message_in_records),
        cmocka_unit_test(empty_records_are_capped),
        cmocka_unit_test(warning_alerts_are_capped),
        cmocka_unit_test(long_client_hello_kept_whole),
        cmocka_unit_test(only_a_long_record_overflows),
    };
    return cmocka_run_group_tests_name("actor receive path", tests, setup, teardown);
}
