/* Recovered application data as text: printable bytes as they are, CR LF and tab
 * written out, a quote and a backslash escaped, cut with a mark when too long, and
 * nothing for bytes that are not text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sim/plain_text.h"

static void http_request_reads_as_text(void **state)
{
    (void)state;
    const char *req = "GET / HTTP/1.1\r\nHost: server.test\r\n\r\n";
    char out[128];
    assert_true(plain_text_describe((const uint8_t *)req, strlen(req), out, sizeof out));
    assert_string_equal(out, "as text: \"GET / HTTP/1.1\\r\\nHost: server.test\\r\\n\\r\\n\"");
    const char *odd = "a\"b\\c\td";
    assert_true(plain_text_describe((const uint8_t *)odd, strlen(odd), out, sizeof out));
    assert_string_equal(out, "as text: \"a\\\"b\\\\c\\td\"");
}

static void long_text_is_cut_with_a_mark(void **state)
{
    (void)state;
    char in[300], out[40];
    memset(in, 'x', sizeof in);
    assert_true(plain_text_describe((const uint8_t *)in, sizeof in, out, sizeof out));
    assert_true(strlen(out) < sizeof out);
    assert_string_equal(out + strlen(out) - 4, "\"...");
    assert_memory_equal(out, "as text: \"xxxx", 14);
}

static void binary_is_not_text(void **state)
{
    (void)state;
    const uint8_t bin[] = {'G', 'E', 'T', 0x00, 0xff};
    char out[64] = "untouched";
    assert_false(plain_text_describe(bin, sizeof bin, out, sizeof out));
    assert_string_equal(out, "");
    assert_false(plain_text_describe(bin, 3, out, 8)); /* no room for anything */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(http_request_reads_as_text),
        cmocka_unit_test(long_text_is_cut_with_a_mark),
        cmocka_unit_test(binary_is_not_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
