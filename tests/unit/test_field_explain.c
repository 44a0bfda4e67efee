/* Field explanations come from one table (sim/field_explain.c): a message built and
 * the same bytes parsed, each put into the trace, explain every field in the same
 * words; the words follow the situation (an empty session_id, an empty ticket
 * extension, the leaf or a CA certificate, a ticket sealed or opened); an
 * explanation already given (X.509's) is kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sim/field_explain.h"
#include "sim/hs_msg.h"
#include "sim/session.h"
#include "sim/trace.h"
#include "tests/unit/helpers.h"

enum { PATH_LEN = 256 };

typedef bool (*parse_fn)(reader *r, void *m);

/* The explanation of the field at this path in e, or "" when e has no such field. */
static const char *words_at(const trace_event *e, const char *paths, const char *path,
                            bool *found)
{
    for (size_t i = 0; i < e->fields.n; i++)
        if (strcmp(paths + i * PATH_LEN, path) == 0) {
            *found = true;
            return e->fields.v[i].explain;
        }
    *found = false;
    return NULL;
}

/* Every field one side explains has the same words on the other side. */
static size_t check_sides(const trace_event *a, const char *pa, const trace_event *b,
                          const char *pb)
{
    size_t explained = 0;
    for (size_t i = 0; i < a->fields.n; i++) {
        const char *path = pa + i * PATH_LEN;
        if (!a->fields.v[i].explain)
            continue;
        bool found;
        const char *other = words_at(b, pb, path, &found);
        if (!found || !other || strcmp(other, a->fields.v[i].explain) != 0)
            fail_msg("%s: \"%s\" on one side, \"%s\" on the other", path, a->fields.v[i].explain,
                     found ? (other ? other : "(none)") : "(no such field)");
        explained++;
    }
    return explained;
}

/* Puts the writer's fields into a message event titled title, parses the same bytes
 * into a second one, and compares; returns how many fields are explained. */
static size_t same_words(const char *title, writer *w, annot_list *built, parse_fn parse, void *m)
{
    trace t;
    trace_init(&t);
    assert_non_null(trace_add(&t, ACTOR_SERVER, EV_MESSAGE, title, NULL, w->buf, w->len));
    trace_take_fields(&t.ev[0], built);
    annot_list parsed;
    annot_list_init(&parsed);
    tls_err err;
    err_init(&err);
    reader r;
    rd_init(&r, w->buf, w->len, &err, &parsed, title);
    assert_true(parse(&r, m));
    assert_non_null(trace_add(&t, ACTOR_CLIENT, EV_MESSAGE, title, NULL, w->buf, w->len));
    trace_take_fields(&t.ev[1], &parsed);
    char *pa = calloc(t.ev[0].fields.n + 1, PATH_LEN), *pb = calloc(t.ev[1].fields.n + 1, PATH_LEN);
    assert_true(trace_field_paths(&t.ev[0], pa, PATH_LEN));
    assert_true(trace_field_paths(&t.ev[1], pb, PATH_LEN));
    size_t n = check_sides(&t.ev[0], pa, &t.ev[1], pb);
    assert_int_equal(check_sides(&t.ev[1], pb, &t.ev[0], pa), n);
    free(pa);
    free(pb);
    trace_free(&t);
    annot_list_free(&parsed);
    return n;
}

static const uint8_t bytes64[64] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

static bool parse_ch(reader *r, void *m)
{
    bool ok = hs_parse_client_hello(r, m);
    hs_client_hello_free(m);
    return ok;
}

static void hello_words(void **state)
{
    (void)state;
    static uint16_t suites[] = {0xc02f, 0x009c}, groups[] = {29, 23}, sigs[] = {0x0804, 0x0403};
    for (int full = 0; full < 2; full++) {
        client_hello ch = {.version = TLS12_VERSION, .suites = suites, .n_suites = 2,
                           .groups = groups, .n_groups = 2, .point_formats = true,
                           .sig_algs = sigs, .n_sig_algs = 2, .ems = true, .reneg_info = true,
                           .ticket_ext = true};
        strcpy(ch.server_name, "server.test");
        if (full) { /* resuming: a session id and a ticket offered */
            ch.session_id_len = 32;
            ch.ticket = bytes64;
            ch.ticket_len = sizeof bytes64;
        }
        annot_list al;
        annot_list_init(&al);
        writer w;
        wr_init(&w, &al);
        assert_true(hs_build_client_hello(&w, &ch));
        client_hello parsed;
        /* msg_type, version, random, session_id, cipher_suites, compression_methods
         * and the 7 extensions (the ticket inside its extension when one is sent) */
        assert_int_equal(same_words("ClientHello", &w, &al, parse_ch, &parsed), full ? 14 : 13);
        wr_free(&w);
        annot_list_free(&al);

        server_hello sh = {.version = TLS12_VERSION, .suite = 0xc02f, .ems = true,
                           .reneg_info = true, .point_formats = true, .ticket_ext = true,
                           .session_id_len = full ? 32 : 0};
        annot_list_init(&al);
        wr_init(&w, &al);
        assert_true(hs_build_server_hello(&w, &sh));
        server_hello sparsed;
        assert_int_equal(same_words("ServerHello", &w, &al, (parse_fn)hs_parse_server_hello, &sparsed),
                         10);
        wr_free(&w);
        annot_list_free(&al);
    }
}

static bool parse_cr(reader *r, void *m)
{
    bool ok = hs_parse_certificate_request(r, m);
    hs_certificate_request_free(m);
    return ok;
}

static bool parse_ske_ecdhe(reader *r, void *m) { return hs_parse_server_key_exchange(r, true, m); }
static bool parse_ske_dhe(reader *r, void *m) { return hs_parse_server_key_exchange(r, false, m); }
static cke_kind cke;
static bool parse_cke(reader *r, void *m) { return hs_parse_client_key_exchange(r, cke, m); }

/* Builds with build(w, m) and checks both sides; returns the fields explained. */
#define BOTH(title, build_call, parse, out)                                                      \
    do {                                                                                         \
        annot_list al;                                                                           \
        annot_list_init(&al);                                                                    \
        writer w;                                                                                \
        wr_init(&w, &al);                                                                        \
        assert_true(build_call);                                                                 \
        n = same_words(title, &w, &al, parse, out);                                              \
        wr_free(&w);                                                                             \
        annot_list_free(&al);                                                                    \
    } while (0)

static void other_messages_words(void **state)
{
    (void)state;
    size_t n;
    certificate_msg cm = {.cert = {bytes64, bytes64 + 8}, .len = {64, 40}, .n = 2}, cparsed;
    BOTH("Certificate", hs_build_certificate(&w, &cm), (parse_fn)hs_parse_certificate, &cparsed);
    assert_int_equal(n, 4); /* msg_type, the list, the leaf, the CA certificate */

    uint16_t sigs[] = {0x0804, 0x0403};
    certificate_request cr = {.types = {1, 64}, .n_types = 2, .sig_algs = sigs, .n_sig_algs = 2};
    certificate_request crparsed;
    BOTH("CertificateRequest", hs_build_certificate_request(&w, &cr), parse_cr, &crparsed);
    assert_int_equal(n, 4);

    server_key_exchange ske = {.ecdhe = true, .group = 29, .pub = bytes64, .pub_len = 32,
                               .sig_scheme = 0x0804, .sig = bytes64, .sig_len = 64};
    server_key_exchange skeparsed;
    BOTH("ServerKeyExchange", hs_build_server_key_exchange(&w, &ske), parse_ske_ecdhe, &skeparsed);
    assert_int_equal(n, 4); /* msg_type, curve_type, public, signature */
    server_key_exchange dhe = {.p = bytes64, .p_len = 64, .g = bytes64, .g_len = 1,
                               .pub = bytes64, .pub_len = 64, .sig_scheme = 0x0804,
                               .sig = bytes64, .sig_len = 64};
    BOTH("ServerKeyExchange", hs_build_server_key_exchange(&w, &dhe), parse_ske_dhe, &skeparsed);
    assert_int_equal(n, 5); /* msg_type, dh_p, dh_g, dh_Ys, signature */

    client_key_exchange ck = {.data = bytes64, .len = 64}, ckparsed;
    for (cke = CKE_RSA; cke <= CKE_ECDHE; cke++) {
        BOTH("ClientKeyExchange", hs_build_client_key_exchange(&w, cke, &ck), parse_cke, &ckparsed);
        assert_int_equal(n, 2);
    }
    digitally_signed cv = {.scheme = 0x0804, .sig = bytes64, .sig_len = 64}, cvparsed;
    BOTH("CertificateVerify", hs_build_certificate_verify(&w, &cv),
         (parse_fn)hs_parse_certificate_verify, &cvparsed);
    assert_int_equal(n, 2);
    new_session_ticket nst = {.lifetime_hint = 7200, .ticket = bytes64, .ticket_len = 64}, nparsed;
    BOTH("NewSessionTicket", hs_build_new_session_ticket(&w, &nst),
         (parse_fn)hs_parse_new_session_ticket, &nparsed);
    assert_int_equal(n, 3);
}

static bool parse_finished(reader *r, void *m) { return hs_parse_finished(r, m); }

static void finished_words(void **state)
{
    (void)state;
    size_t n;
    uint8_t verify_data[12];
    BOTH("Finished", hs_build_finished(&w, bytes64), parse_finished, verify_data);
    assert_int_equal(n, 2); /* msg_type, verify_data */
}

/* The qualifier chooses the words; a line without one is for any situation. */
static void qualifiers_choose(void **state)
{
    (void)state;
    const char *named = field_explain("ClientHello", "session_id", NULL);
    const char *empty = field_explain("ClientHello", "session_id", "empty");
    assert_non_null(named);
    assert_non_null(empty);
    assert_string_not_equal(named, empty);
    assert_ptr_equal(field_explain("ServerHello", "session_id", "empty"), empty);
    assert_ptr_equal(field_explain("ServerHello", "session_id", "no such situation"), named);
    assert_string_not_equal(field_explain("Certificate", "certificate_list.certificate", "leaf"),
                            field_explain("Certificate", "certificate_list.certificate", "chain"));
    /* the same field in two events: the ticket sealed, the ticket opened */
    assert_string_not_equal(field_explain("session_ticket", "master_secret", NULL),
                            field_explain("session_state", "master_secret", NULL));
    assert_ptr_equal(field_explain("session_ticket", "created", NULL),
                     field_explain("session_state", "created", NULL));
    assert_null(field_explain("ServerHello", "cipher_suites", NULL)); /* the client's field */
    assert_null(field_explain("no.such.id", "random", NULL));
    assert_null(field_explain(NULL, "random", NULL));
}

/* The session state written (sealed into a ticket) and read back (opened). */
static void session_state_words(void **state)
{
    (void)state;
    tls_session s = {.valid = true, .version = TLS12_VERSION, .suite = 0xc02f, .ems = true,
                     .created = 1767225600};
    annot_list al, rl;
    annot_list_init(&al);
    annot_list_init(&rl);
    writer w;
    wr_init(&w, &al);
    assert_true(session_state_write(&w, &s));
    tls_err err;
    err_init(&err);
    reader r;
    rd_init(&r, w.buf, w.len, &err, &rl, "session_state");
    tls_session back;
    assert_true(session_state_read(&r, &back));
    trace t;
    trace_init(&t);
    trace_take_fields(trace_add(&t, ACTOR_SERVER, EV_COMPUTE, "session ticket sealed", NULL, NULL, 0),
                      &al);
    trace_take_fields(trace_add(&t, ACTOR_SERVER, EV_COMPUTE, "session state (from the ticket)", NULL,
                                NULL, 0),
                      &rl);
    assert_int_equal(t.ev[0].fields.n, 5);
    assert_int_equal(t.ev[1].fields.n, 5);
    for (size_t i = 0; i < 5; i++) {
        const annot *a = &t.ev[0].fields.v[i], *b = &t.ev[1].fields.v[i];
        assert_string_equal(a->name, b->name);
        assert_non_null(a->explain);
        assert_non_null(b->explain);
        if (strcmp(a->name, "master_secret") == 0)
            assert_string_not_equal(a->explain, b->explain);
        else
            assert_ptr_equal(a->explain, b->explain);
    }
    trace_free(&t);
    wr_free(&w);
}

/* An explanation given by the code that wrote the field (X.509's table) stays, and
 * a field no line fits gets none. */
static void given_words_kept(void **state)
{
    (void)state;
    annot_list al;
    annot_list_init(&al);
    annot_add(&al, "msg_type", 0, 1, 0);
    annot_add(&al, "body", 1, 3, 0);
    size_t list = annot_add(&al, "certificate_list", 4, 3, 1);
    annot_set_explain(&al, list, "given by the writer");
    annot_add(&al, "certificate (leaf)", 7, 3, 2);
    annot_add(&al, "tbsCertificate", 10, 3, 3);
    trace t;
    trace_init(&t);
    trace_event *e = trace_add(&t, ACTOR_SERVER, EV_MESSAGE, "Certificate", NULL, NULL, 0);
    trace_take_fields(e, &al);
    assert_non_null(e->fields.v[0].explain); /* msg_type: every message's */
    assert_null(e->fields.v[1].explain);
    assert_string_equal(e->fields.v[2].explain, "given by the writer");
    assert_ptr_equal(e->fields.v[3].explain,
                     field_explain("Certificate", "certificate_list.certificate", "leaf"));
    assert_null(e->fields.v[4].explain);
    trace_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hello_words),
        cmocka_unit_test(other_messages_words),
        cmocka_unit_test(finished_words),
        cmocka_unit_test(qualifiers_choose),
        cmocka_unit_test(session_state_words),
        cmocka_unit_test(given_words_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
