/* Handshake messages reassembled from records however they were cut: the real
 * OpenSSL session's handshake, fed in every split, comes out message for message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/alert.h"
#include "sim/hs_stream.h"
#include "tests/unit/helpers.h"

/* The server's first flight of the recorded session, as one byte stream. */
static uint8_t flight[4096];
static size_t flight_len, msg_ends[8], n_msgs;

static int load(void **state)
{
    (void)state;
    uint8_t *rec[32];
    size_t rl[32];
    char dir[32];
    size_t n = load_openssl_records(rec, rl, dir, 32), i = 0;
    /* The server's plaintext handshake records, up to ServerHelloDone. */
    for (bool done = false; i < n; i++) {
        if (!done && dir[i] == 'S' && rec[i][0] == 22 && rl[i] > 5 &&
            flight_len + rl[i] - 5 <= sizeof flight) {
            memcpy(flight + flight_len, rec[i] + 5, rl[i] - 5);
            flight_len += rl[i] - 5;
            done = rec[i][5] == 14;
        }
        free(rec[i]);
    }
    /* Where each message ends, from its own length field. */
    for (size_t off = 0; off + 4 <= flight_len && n_msgs < 8;) {
        off += 4 + ((size_t)flight[off + 1] << 16 | (size_t)flight[off + 2] << 8 | flight[off + 3]);
        msg_ends[n_msgs++] = off;
    }
    return n_msgs == 4 && msg_ends[3] == flight_len ? 0 : -1;
}

static void feed_in_chunks(size_t chunk)
{
    hs_stream s;
    hs_stream_init(&s);
    tls_err err;
    err_init(&err);
    size_t got = 0, start = 0;
    for (size_t off = 0; off < flight_len; off += chunk) {
        size_t n = flight_len - off < chunk ? flight_len - off : chunk;
        assert_true(hs_stream_push(&s, flight + off, n, &err));
        uint8_t *m;
        size_t len;
        while (hs_stream_next(&s, &m, &len, &err)) {
            assert_true(got < n_msgs);
            assert_int_equal(start + len, msg_ends[got]);
            assert_memory_equal(m, flight + start, len);
            start += len;
            got++;
            free(m);
        }
        assert_false(err_is_set(&err));
    }
    assert_int_equal(got, 4); /* ServerHello, Certificate, ServerKeyExchange, ServerHelloDone */
    assert_false(hs_stream_pending(&s));
    hs_stream_free(&s);
}

static void every_split_gives_the_same_messages(void **state)
{
    (void)state;
    for (size_t chunk = 1; chunk <= flight_len; chunk = chunk < 16 ? chunk + 1 : chunk * 2)
        feed_in_chunks(chunk);
    feed_in_chunks(flight_len);
}

static void half_a_message_is_pending(void **state)
{
    (void)state;
    hs_stream s;
    hs_stream_init(&s);
    tls_err err;
    err_init(&err);
    assert_true(hs_stream_push(&s, flight, 3, &err));
    uint8_t *m;
    size_t len;
    assert_false(hs_stream_next(&s, &m, &len, &err));
    assert_true(hs_stream_pending(&s));
    assert_false(err_is_set(&err));
    hs_stream_free(&s);
}

static void huge_length_is_refused(void **state)
{
    (void)state;
    const uint8_t certificate[] = {11, 0xff, 0xff, 0xff, 0x00};
    hs_stream s;
    hs_stream_init(&s);
    tls_err err;
    err_init(&err);
    assert_true(hs_stream_push(&s, certificate, sizeof certificate, &err));
    uint8_t *m;
    size_t len;
    assert_false(hs_stream_next(&s, &m, &len, &err));
    /* OpenSSL's answer to an excessive message size (ssl/statem/statem.c). */
    assert_int_equal(err.alert, ALERT_ILLEGAL_PARAMETER);
    hs_stream_free(&s);
}

/* Each type has OpenSSL's bound: a Finished of 65 bytes is refused at once, a
 * Certificate of 102400 accepted, one byte more refused. */
static void bounds_per_type(void **state)
{
    (void)state;
    struct {
        uint8_t type;
        size_t body;
        bool ok;
    } cases[] = {{20, 64, true},       {20, 65, false},      {11, 102400, true},
                 {11, 102401, false},  {1, 131396, true},    {1, 131397, false},
                 {14, 0, true},        {14, 1, false},       {0, 1, false},
                 {16, 2048, true},     {16, 2049, false},    {2, 20001, false}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t hdr[4] = {cases[i].type, (uint8_t)(cases[i].body >> 16),
                          (uint8_t)(cases[i].body >> 8), (uint8_t)cases[i].body};
        hs_stream s;
        hs_stream_init(&s);
        tls_err err;
        err_init(&err);
        assert_true(hs_stream_push(&s, hdr, sizeof hdr, &err));
        uint8_t *m = NULL;
        size_t len;
        bool got = hs_stream_next(&s, &m, &len, &err);
        /* An accepted length waits for its body (or, with none, is whole at once). */
        assert_int_equal(err_is_set(&err), !cases[i].ok);
        if (!cases[i].ok)
            assert_int_equal(err.alert, ALERT_ILLEGAL_PARAMETER);
        assert_int_equal(got, cases[i].ok && cases[i].body == 0);
        free(m);
        hs_stream_free(&s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_split_gives_the_same_messages),
        cmocka_unit_test(half_a_message_is_pending),
        cmocka_unit_test(huge_length_is_refused),
        cmocka_unit_test(bounds_per_type),
    };
    return cmocka_run_group_tests_name("handshake stream", tests, load, NULL);
}
