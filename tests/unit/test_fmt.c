/* base/fmt.c against the C library's snprintf: the same text and the same return value
 * for every conversion it does itself, at every buffer size, and for the ones it hands
 * to vsnprintf. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "base/fmt.h"

#define SAME(...)                                                                              \
    do {                                                                                       \
        char want[128], got[128];                                                              \
        for (size_t cap = 0; cap <= sizeof want; cap = cap < 12 ? cap + 1 : cap * 2) {          \
            memset(want, 'w', sizeof want);                                                    \
            memset(got, 'w', sizeof got);                                                      \
            int nw = snprintf(want, cap, __VA_ARGS__);                                         \
            int ng = fmt(got, cap, __VA_ARGS__);                                               \
            assert_int_equal(ng, nw);                                                          \
            assert_memory_equal(got, want, sizeof want);                                       \
        }                                                                                      \
    } while (0)

static void matches_snprintf(void **state)
{
    (void)state;
    SAME("plain text, nothing to convert");
    SAME("%s", "");
    SAME("%s and %s", "one", "two");
    SAME("%s: %zu bytes", "certificate", (size_t)1782);
    SAME("%u (%s)", 13u, "signature_algorithms");
    SAME("0x%04x %s", 0x0804u, "rsa_pss_rsae_sha256");
    SAME("%04x|%02x|%2x|%8u|%x", 0u, 0xabcu, 5u, 4000000000u, 0xdeadbeefu);
    SAME("%d %d %d %i", 0, -1, 2147483647, -2147483647 - 1);
    SAME("%ld %lu %lld %llu", -5L, 7UL, -9223372036854775807LL - 1, 18446744073709551615ULL);
    SAME("%zu%%", (size_t)100);
    SAME("%c%c%c", 'a', '-', 'z');
    SAME("%zx %lx %llx", (size_t)0xff, 0x1234UL, 0xfedcba9876543210ULL);
    /* Handed to vsnprintf: widths of signed numbers and of strings, precision. */
    SAME("%02d:%02d %5s|%-4s|%.3s|%+d|%zd", 7, -3, "ab", "cd", "efgh", 4, (ptrdiff_t)-2);
    SAME("%040x|%33u", 1u, 2u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(matches_snprintf)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
