/* The handshake table against RFC 5246 7.3's message flow: the full handshake's
 * order, the optional messages for each shape, and unexpected messages refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/alert.h"
#include "sim/hs_table.h"

static void names_of(const hs_shape *shape, char *out, size_t n)
{
    hs_step s[STEP_COUNT];
    size_t k = hs_table_steps(shape, s);
    out[0] = '\0';
    for (size_t i = 0; i < k; i++) {
        strncat(out, i ? " " : "", n - strlen(out) - 1);
        strncat(out, hs_step_get(s[i])->name, n - strlen(out) - 1);
    }
}

static void shapes_follow_rfc5246(void **state)
{
    (void)state;
    char buf[512];
    hs_shape rsa = {.kex = HS_KEX_RSA, .client_auth = false, .client_has_cert = false, .anonymous = false};
    names_of(&rsa, buf, sizeof buf);
    assert_string_equal(buf, "ClientHello ServerHello Certificate ServerHelloDone ClientKeyExchange "
                             "ChangeCipherSpec Finished ChangeCipherSpec Finished");
    hs_shape ecdhe = {.kex = HS_KEX_ECDHE, .client_auth = false, .client_has_cert = false, .anonymous = false};
    names_of(&ecdhe, buf, sizeof buf);
    assert_string_equal(buf, "ClientHello ServerHello Certificate ServerKeyExchange ServerHelloDone "
                             "ClientKeyExchange ChangeCipherSpec Finished ChangeCipherSpec Finished");
    hs_shape mtls = {.kex = HS_KEX_DHE, .client_auth = true, .client_has_cert = true, .anonymous = false};
    names_of(&mtls, buf, sizeof buf);
    assert_string_equal(buf, "ClientHello ServerHello Certificate ServerKeyExchange CertificateRequest "
                             "ServerHelloDone Certificate ClientKeyExchange CertificateVerify "
                             "ChangeCipherSpec Finished ChangeCipherSpec Finished");
    /* A client without a certificate sends an empty Certificate and no CertificateVerify. */
    hs_shape no_cert = {.kex = HS_KEX_ECDHE, .client_auth = true, .client_has_cert = false, .anonymous = false};
    names_of(&no_cert, buf, sizeof buf);
    assert_non_null(strstr(buf, "ServerHelloDone Certificate ClientKeyExchange ChangeCipherSpec"));
    /* DH_anon: no server Certificate at all (RFC 5246 7.4.2). */
    hs_shape anon = {.kex = HS_KEX_DHE, .client_auth = false, .client_has_cert = false, .anonymous = true};
    names_of(&anon, buf, sizeof buf);
    assert_string_equal(buf, "ClientHello ServerHello ServerKeyExchange ServerHelloDone "
                             "ClientKeyExchange ChangeCipherSpec Finished ChangeCipherSpec Finished");
}

static void cursor_walks_and_refuses(void **state)
{
    (void)state;
    hs_shape ecdhe = {.kex = HS_KEX_ECDHE, .client_auth = false, .client_has_cert = false, .anonymous = false};
    hs_cursor c;
    hs_cursor_init(&c, &ecdhe);
    tls_err err;
    err_init(&err);
    assert_true(hs_cursor_accept(&c, ACTOR_CLIENT, 22, 1, &err));
    assert_true(hs_cursor_accept(&c, ACTOR_SERVER, 22, 2, &err));
    assert_true(hs_cursor_accept(&c, ACTOR_SERVER, 22, 11, &err));
    assert_int_equal(hs_cursor_expected(&c), STEP_SERVER_KEY_EXCHANGE);
    /* Skipping ServerKeyExchange: the client notices at once. */
    assert_false(hs_cursor_accept(&c, ACTOR_SERVER, 22, 14, &err));
    assert_int_equal(err.alert, ALERT_UNEXPECTED_MESSAGE);
    assert_string_equal(err.msg, "ServerHelloDone from the server, but ServerKeyExchange from the "
                                 "server was expected");
    assert_int_equal(hs_cursor_expected(&c), STEP_SERVER_KEY_EXCHANGE);
    err_init(&err);
    /* A ChangeCipherSpec too early is refused too. */
    assert_false(hs_cursor_accept(&c, ACTOR_SERVER, 20, 0, &err));
    assert_int_equal(err.alert, ALERT_UNEXPECTED_MESSAGE);
}

static void full_walk_ends(void **state)
{
    (void)state;
    hs_shape rsa = {.kex = HS_KEX_RSA, .client_auth = false, .client_has_cert = false, .anonymous = false};
    hs_cursor c;
    hs_cursor_init(&c, &rsa);
    tls_err err;
    err_init(&err);
    while (hs_cursor_expected(&c) != STEP_COUNT) {
        const hs_step_info *i = hs_step_get(hs_cursor_expected(&c));
        assert_true(hs_cursor_accept(&c, i->sender, i->content_type, i->hs_type, &err));
    }
    assert_false(hs_cursor_accept(&c, ACTOR_SERVER, 22, 0, &err));
    assert_non_null(strstr(err.msg, "after the handshake ended"));
}

/* Each step's sender, "c" or "s", in order. */
static void senders_of(const hs_shape *shape, char *out)
{
    hs_step st[STEP_COUNT];
    size_t k = hs_table_steps(shape, st);
    for (size_t i = 0; i < k; i++)
        out[i] = hs_step_get(st[i])->sender == ACTOR_CLIENT ? 'c' : 's';
    out[k] = '\0';
}

/* RFC 5246 7.3 and RFC 5077 3.1/3.3: the abbreviated handshake, the server finishing
 * first, and NewSessionTicket just before the server's ChangeCipherSpec in both. */
static void abbreviated_and_ticket_shapes(void **state)
{
    (void)state;
    char buf[512], who[STEP_COUNT + 1];
    hs_shape resumed = {.kex = HS_KEX_ECDHE, .client_auth = true, .resumed = true};
    names_of(&resumed, buf, sizeof buf);
    assert_string_equal(buf, "ClientHello ServerHello ChangeCipherSpec Finished ChangeCipherSpec "
                             "Finished");
    senders_of(&resumed, who);
    assert_string_equal(who, "cssscc");
    resumed.new_ticket = true;
    names_of(&resumed, buf, sizeof buf);
    assert_string_equal(buf, "ClientHello ServerHello NewSessionTicket ChangeCipherSpec Finished "
                             "ChangeCipherSpec Finished");
    senders_of(&resumed, who);
    assert_string_equal(who, "csssscc");
    hs_shape full = {.kex = HS_KEX_RSA, .new_ticket = true};
    names_of(&full, buf, sizeof buf);
    assert_string_equal(buf, "ClientHello ServerHello Certificate ServerHelloDone ClientKeyExchange "
                             "ChangeCipherSpec Finished NewSessionTicket ChangeCipherSpec Finished");
}

/* The client learns at ServerHello that the server resumes: from there the abbreviated
 * order holds, and a message of the full one is unexpected. */
static void cursor_switches_to_abbreviated(void **state)
{
    (void)state;
    hs_shape full = {.kex = HS_KEX_ECDHE};
    hs_cursor c;
    hs_cursor_init(&c, &full);
    tls_err err;
    err_init(&err);
    assert_true(hs_cursor_accept(&c, ACTOR_CLIENT, 22, 1, &err));
    assert_true(hs_cursor_accept(&c, ACTOR_SERVER, 22, 2, &err));
    hs_shape resumed = full;
    resumed.resumed = true;
    resumed.new_ticket = true;
    hs_cursor_reshape(&c, &resumed);
    assert_int_equal(hs_cursor_expected(&c), STEP_NEW_SESSION_TICKET);
    assert_false(hs_cursor_accept(&c, ACTOR_SERVER, 22, 11, &err)); /* no Certificate now */
    assert_int_equal(err.alert, ALERT_UNEXPECTED_MESSAGE);
    assert_string_equal(err.msg, "Certificate from the server, but NewSessionTicket from the server "
                                 "was expected");
    err_init(&err);
    assert_true(hs_cursor_accept(&c, ACTOR_SERVER, 22, 4, &err));
    assert_true(hs_cursor_accept(&c, ACTOR_SERVER, 20, 0, &err));
    /* The client may not finish before the server. */
    assert_false(hs_cursor_accept(&c, ACTOR_CLIENT, 20, 0, &err));
    assert_int_equal(err.alert, ALERT_UNEXPECTED_MESSAGE);
    err_init(&err);
    assert_true(hs_cursor_accept(&c, ACTOR_SERVER, 22, 20, &err));
    assert_true(hs_cursor_accept(&c, ACTOR_CLIENT, 20, 0, &err));
    assert_true(hs_cursor_accept(&c, ACTOR_CLIENT, 22, 20, &err));
    assert_int_equal(hs_cursor_expected(&c), STEP_COUNT);
    /* Without the extension in ServerHello, a NewSessionTicket is unexpected. */
    hs_cursor_init(&c, &full);
    assert_true(hs_cursor_accept(&c, ACTOR_CLIENT, 22, 1, &err));
    assert_true(hs_cursor_accept(&c, ACTOR_SERVER, 22, 2, &err));
    resumed.new_ticket = false;
    hs_cursor_reshape(&c, &resumed);
    assert_false(hs_cursor_accept(&c, ACTOR_SERVER, 22, 4, &err));
    assert_int_equal(err.alert, ALERT_UNEXPECTED_MESSAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shapes_follow_rfc5246),
        cmocka_unit_test(cursor_walks_and_refuses),
        cmocka_unit_test(full_walk_ends),
        cmocka_unit_test(abbreviated_and_ticket_shapes),
        cmocka_unit_test(cursor_switches_to_abbreviated),
    };
    return cmocka_run_group_tests_name("handshake table", tests, NULL, NULL);
}
