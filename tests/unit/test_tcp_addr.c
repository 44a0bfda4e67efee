/* Command-line addresses: ports are 1 to 65535 (a port past 65535 used to wrap
 * silently in getaddrinfo), --connect needs a port, IPv6 in brackets; peers print as
 * ADDRESS:PORT. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include "sim/tcp_addr.h"

static void accepts_host_and_port(void **state)
{
    (void)state;
    tcp_addr a;
    char why[200];
    assert_true(tcp_addr_parse("example.test:443", true, "127.0.0.1", &a, why, sizeof why));
    assert_string_equal(a.host, "example.test");
    assert_string_equal(a.port, "443");
    assert_true(tcp_addr_parse("[::1]:8443", true, "127.0.0.1", &a, why, sizeof why));
    assert_string_equal(a.host, "::1");
    assert_string_equal(a.port, "8443");
    assert_true(tcp_addr_parse("65535", false, "127.0.0.1", &a, why, sizeof why));
    assert_string_equal(a.host, "127.0.0.1");
    assert_string_equal(a.port, "65535");
    assert_true(tcp_addr_parse(":1", false, "127.0.0.1", &a, why, sizeof why));
    assert_string_equal(a.host, "127.0.0.1");
    assert_true(tcp_addr_parse("0.0.0.0:4433", false, "127.0.0.1", &a, why, sizeof why));
    assert_string_equal(a.host, "0.0.0.0");
}

static void rejects_ports_out_of_range(void **state)
{
    (void)state;
    tcp_addr a;
    char why[200];
    static const char *const bad[] = {"65536", "70000", "0", "-1", "44x", "", "99999999999",
                                      "127.0.0.1:65536", "127.0.0.1:"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        why[0] = 0;
        assert_false(tcp_addr_parse(bad[i], false, "127.0.0.1", &a, why, sizeof why));
        assert_non_null(strstr(why, "1 to 65535"));
    }
}

static void connect_needs_a_port(void **state)
{
    (void)state;
    tcp_addr a;
    char why[200];
    assert_false(tcp_addr_parse("localhost", true, "127.0.0.1", &a, why, sizeof why));
    assert_non_null(strstr(why, "has no port"));
    assert_false(tcp_addr_parse(":443", true, "127.0.0.1", &a, why, sizeof why));
    assert_non_null(strstr(why, "has no host"));
    assert_false(tcp_addr_parse("::1:443", true, "127.0.0.1", &a, why, sizeof why));
    assert_non_null(strstr(why, "brackets"));
}

static void formats_peers(void **state)
{
    (void)state;
    char out[64];
    struct sockaddr_in in = {.sin_family = AF_INET, .sin_port = htons(50001)};
    inet_pton(AF_INET, "127.0.0.1", &in.sin_addr);
    tcp_addr_format((const struct sockaddr *)&in, out, sizeof out);
    assert_string_equal(out, "127.0.0.1:50001");
    struct sockaddr_in6 in6 = {.sin6_family = AF_INET6, .sin6_port = htons(443)};
    inet_pton(AF_INET6, "::1", &in6.sin6_addr);
    tcp_addr_format((const struct sockaddr *)&in6, out, sizeof out);
    assert_string_equal(out, "[::1]:443");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_host_and_port),
        cmocka_unit_test(rejects_ports_out_of_range),
        cmocka_unit_test(connect_needs_a_port),
        cmocka_unit_test(formats_peers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
