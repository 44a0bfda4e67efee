/* The bounded reader and the writer: bounds, exact consumption, back-patched lengths,
 * and annotations that point at the bytes they name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/alert.h"
#include "base/codec.h"

static void reads_integers_big_endian(void **state)
{
    (void)state;
    const uint8_t in[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a};
    tls_err e;
    err_init(&e);
    reader r;
    rd_init(&r, in, sizeof in, &e, NULL, "T");
    assert_int_equal(rd_u8(&r, "a"), 0x01);
    assert_int_equal(rd_u16(&r, "b"), 0x0203);
    assert_int_equal(rd_u24(&r, "c"), 0x040506);
    assert_int_equal(rd_u32(&r, "d"), 0x0708090a);
    assert_int_equal(rd_left(&r), 0);
    assert_true(rd_ok(&r));
}

static void short_read_names_the_field(void **state)
{
    (void)state;
    const uint8_t in[] = {0x13};
    tls_err e;
    err_init(&e);
    reader r;
    rd_init(&r, in, sizeof in, &e, NULL, "ServerHello");
    assert_int_equal(rd_u16(&r, "cipher_suite"), 0);
    assert_false(rd_ok(&r));
    assert_int_equal(e.alert, ALERT_DECODE_ERROR);
    assert_string_equal(e.msg, "ServerHello.cipher_suite: 2 bytes needed, 1 left");
    /* The error sticks: later reads fail and do not overwrite it. */
    assert_int_equal(rd_u8(&r, "x"), 0);
    assert_string_equal(e.msg, "ServerHello.cipher_suite: 2 bytes needed, 1 left");
}

static void vector_bounds_and_leftovers(void **state)
{
    (void)state;
    /* <2..2^16-2> vector of length 3 holding one u16 plus a stray byte. */
    const uint8_t in[] = {0x00, 0x03, 0xc0, 0x2f, 0xff};
    tls_err e;
    err_init(&e);
    reader r, sub;
    rd_init(&r, in, sizeof in, &e, NULL, "ClientHello");
    assert_true(rd_vec(&r, 2, 2, 0xfffe, "cipher_suites", &sub));
    assert_int_equal(rd_u16(&sub, "suite"), 0xc02f);
    assert_false(rd_close(&sub));
    assert_int_equal(e.alert, ALERT_DECODE_ERROR);
    assert_string_equal(e.msg, "ClientHello.cipher_suites: 1 unexpected byte at the end");

    err_init(&e);
    rd_init(&r, in, sizeof in, &e, NULL, "ClientHello");
    assert_false(rd_vec(&r, 2, 4, 0xfffe, "cipher_suites", &sub));
    assert_string_equal(e.msg, "ClientHello.cipher_suites: length 3 outside <4..65534>");

    const uint8_t longer[] = {0x00, 0x09, 0x01};
    err_init(&e);
    rd_init(&r, longer, sizeof longer, &e, NULL, "M");
    assert_false(rd_vec(&r, 2, 0, 0xffff, "v", &sub));
    assert_string_equal(e.msg, "M.v: length 9 but only 1 bytes left");
    /* A sub-reader never reads past its parent, even when asked. */
    assert_null(rd_bytes(&sub, 1, "y"));
}

static void annotations_point_at_bytes(void **state)
{
    (void)state;
    const uint8_t in[] = {0x16, 0x03, 0x03, 0x00, 0x02, 0xaa, 0xbb};
    tls_err e;
    err_init(&e);
    annot_list al;
    annot_list_init(&al);
    reader r, body;
    rd_init(&r, in, sizeof in, &e, &al, "record");
    rd_u8(&r, "type");
    rd_u16(&r, "version");
    rd_vec(&r, 2, 0, 0x4000, "fragment", &body);
    rd_bytes(&body, 2, "data");
    assert_true(rd_close(&body));
    assert_int_equal(al.n, 4);
    assert_string_equal(al.v[0].name, "type");
    assert_string_equal(al.v[0].value, "22 (0x16)");
    assert_int_equal(al.v[1].offset, 1);
    assert_int_equal(al.v[2].offset, 3);
    assert_int_equal(al.v[2].length, 4);
    assert_int_equal(al.v[3].offset, 5);
    assert_int_equal(al.v[3].depth, 1);
    assert_string_equal(al.v[3].value, "aabb");
    annot_list_free(&al);
}

static void writer_backpatches_lengths(void **state)
{
    (void)state;
    annot_list al;
    annot_list_init(&al);
    writer w;
    wr_init(&w, &al);
    wr_u8(&w, 1, "msg_type");
    wr_mark m = wr_open(&w, 3, "body");
    wr_u16(&w, 0x0303, "version");
    wr_mark v = wr_open(&w, 1, "session_id");
    wr_close(&w, v);
    wr_close(&w, m);
    const uint8_t want[] = {0x01, 0x00, 0x00, 0x03, 0x03, 0x03, 0x00};
    assert_false(w.failed);
    assert_int_equal(w.len, sizeof want);
    assert_memory_equal(w.buf, want, sizeof want);
    assert_int_equal(al.v[1].length, 6);
    assert_string_equal(al.v[1].value, "3 bytes");
    wr_free(&w);
    annot_list_free(&al);
}

static void writer_rejects_overgrown_block(void **state)
{
    (void)state;
    writer w;
    wr_init(&w, NULL);
    wr_mark m = wr_open(&w, 1, NULL);
    uint8_t big[300] = {0};
    wr_bytes(&w, big, sizeof big, NULL);
    wr_close(&w, m);
    assert_true(w.failed);
    wr_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_integers_big_endian),
        cmocka_unit_test(short_read_names_the_field),
        cmocka_unit_test(vector_bounds_and_leftovers),
        cmocka_unit_test(annotations_point_at_bytes),
        cmocka_unit_test(writer_backpatches_lengths),
        cmocka_unit_test(writer_rejects_overgrown_block),
    };
    return cmocka_run_group_tests_name("codec", tests, NULL, NULL);
}
