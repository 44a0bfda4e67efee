/* Session resumption: the ticket's protection against OpenSSL's AES-CBC and HMAC,
 * every changed ticket byte refused, the server's cache, RFC 7627 5.3's rules on
 * both sides, and whole runs: resumed by ticket and by id, and a changed ticket or
 * an emptied cache answered with a full handshake, as a real server does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "crypto/etm.h"
#include "sim/actor.h"
#include "base/alert.h"
#include "sim/engine.h"
#include "sim/fault.h"
#include "sim/resume.h"
#include "sim/session_cache.h"
#include "sim/suites.h"
#include "sim/ticket.h"
#include "tests/unit/helpers.h"
#include "ui/render_json.h"
#include "tests/unit/pki_fixture.h"
#include "tests/unit/test_rng.h"

static void hex_of(const uint8_t *p, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", p[i]);
    out[2 * n] = 0;
}

/* Reads a file of raw bytes written by openssl. */
static size_t read_file(const char *path, uint8_t *out, size_t cap)
{
    size_t n = 0;
    uint8_t *b = slurp(path, &n);
    assert_non_null(b);
    assert_true(n <= cap);
    memcpy(out, b, n);
    free(b);
    return n;
}

/* etm_encrypt is AES-128-CBC with PKCS#7 padding, as `openssl enc` computes it, and
 * etm_mac is HMAC-SHA256 as `openssl dgst -hmac` computes it. */
static void etm_matches_openssl(void **state)
{
    (void)state;
    uint8_t key[16], iv[16], hkey[32], msg[45];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(i * 7 + 1);
    for (int i = 0; i < 16; i++)
        key[i] = (uint8_t)(0x10 + i), iv[i] = (uint8_t)(0xa0 + i);
    for (int i = 0; i < 32; i++)
        hkey[i] = (uint8_t)(3 * i);
    char dir[] = "/tmp/tlssim-etm-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128], kh[65], ih[33], hh[65];
    snprintf(path, sizeof path, "%s/msg", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(msg, 1, sizeof msg, f);
    fclose(f);
    hex_of(key, 16, kh);
    hex_of(iv, 16, ih);
    hex_of(hkey, 32, hh);
    assert_int_equal(sh("openssl enc -aes-128-cbc -K %s -iv %s -in %s/msg -out %s/ct", kh, ih, dir,
                        dir), 0);
    uint8_t want[64], got[64];
    snprintf(path, sizeof path, "%s/ct", dir);
    size_t n = read_file(path, want, sizeof want);
    assert_int_equal(n, etm_padded_len(sizeof msg));
    assert_true(etm_encrypt(key, 16, iv, msg, sizeof msg, got));
    assert_memory_equal(got, want, n);
    uint8_t back[64];
    size_t back_len = 0;
    assert_true(etm_decrypt(key, 16, iv, got, n, back, &back_len));
    assert_int_equal(back_len, sizeof msg);
    assert_memory_equal(back, msg, sizeof msg);
    got[n - 1] ^= 1; /* the padding no longer checks */
    assert_false(etm_decrypt(key, 16, iv, got, n, back, &back_len));

    assert_int_equal(sh("openssl dgst -sha256 -mac HMAC -macopt hexkey:%s -binary -out %s/mac "
                        "%s/msg", hh, dir, dir), 0);
    snprintf(path, sizeof path, "%s/mac", dir);
    assert_int_equal(read_file(path, want, sizeof want), 32);
    const uint8_t *parts[2] = {msg, msg + 10};
    size_t lens[2] = {10, sizeof msg - 10}; /* parts are concatenated */
    uint8_t mac[ETM_MAC_LEN];
    assert_true(etm_mac(hkey, 32, parts, lens, 2, mac));
    assert_memory_equal(mac, want, 32);
    sh("rm -rf %s", dir);
}

static tls_session sample_session(void)
{
    tls_session s;
    memset(&s, 0, sizeof s);
    s.valid = true;
    s.version = TLS12_VERSION;
    s.suite = 0xc02f;
    s.ems = true;
    for (int i = 0; i < TLS12_MASTER_LEN; i++)
        s.master[i] = (uint8_t)(i + 100);
    s.created = 1780000000u;
    s.id_len = 32;
    for (int i = 0; i < 32; i++)
        s.id[i] = (uint8_t)i;
    return s;
}

/* A sealed ticket as it goes on the wire. */
static size_t make_ticket(const ticket_keys *k, const tls_session *s, uint8_t *out, size_t cap)
{
    writer st, w;
    wr_init(&st, NULL);
    assert_true(session_state_write(&st, s));
    sealed_ticket t;
    assert_true(ticket_seal(k, test_rng(), st.buf, st.len, &t));
    wr_free(&st);
    wr_init(&w, NULL);
    ticket_write(&w, &t);
    sealed_ticket_free(&t);
    assert_false(w.failed);
    assert_true(w.len <= cap);
    memcpy(out, w.buf, w.len);
    size_t n = w.len;
    wr_free(&w);
    return n;
}

static void ticket_opens_and_every_change_is_refused(void **state)
{
    (void)state;
    ticket_keys k, other;
    assert_true(ticket_keys_generate(&k, test_rng()));
    assert_true(ticket_keys_generate(&other, test_rng()));
    tls_session s = sample_session();
    uint8_t ticket[512], st[256];
    size_t n = make_ticket(&k, &s, ticket, sizeof ticket), st_len = 0;
    assert_int_equal(n, 16 + 16 + 2 + 64 + 32); /* 59 bytes of state pad to 64 */
    ticket_view v;
    assert_int_equal(ticket_open(&k, ticket, n, st, sizeof st, &st_len, &v), TICKET_OK);
    tls_err err;
    err_init(&err);
    reader r;
    rd_init(&r, st, st_len, &err, NULL, "state");
    tls_session back;
    assert_true(session_state_read(&r, &back));
    assert_int_equal(back.suite, s.suite);
    assert_true(back.ems);
    assert_int_equal(back.created, s.created);
    assert_memory_equal(back.master, s.master, TLS12_MASTER_LEN);
    /* Every single changed bit is caught before decryption. */
    for (size_t i = 0; i < n; i++) {
        ticket[i] ^= 0x01;
        ticket_verdict want = i < 16 ? TICKET_UNKNOWN_KEY : (i == 32 || i == 33) ? TICKET_MALFORMED
                                                                                : TICKET_BAD_MAC;
        assert_int_equal(ticket_open(&k, ticket, n, st, sizeof st, &st_len, &v), want);
        ticket[i] ^= 0x01;
    }
    assert_int_equal(ticket_open(&k, ticket, n - 1, st, sizeof st, &st_len, &v), TICKET_MALFORMED);
    assert_int_equal(ticket_open(&other, ticket, n, st, sizeof st, &st_len, &v), TICKET_UNKNOWN_KEY);
    /* Sealed with the same key name but another MAC key: a forgery. */
    memcpy(other.name, k.name, sizeof k.name);
    assert_int_equal(ticket_open(&other, ticket, n, st, sizeof st, &st_len, &v), TICKET_BAD_MAC);
}

static void cache_keeps_finds_and_forgets(void **state)
{
    (void)state;
    session_cache *c = session_cache_new(test_rng());
    assert_non_null(c);
    tls_session s = sample_session(), got;
    assert_false(session_cache_get(c, s.id, s.id_len, &got));
    assert_true(session_cache_put(c, &s));
    assert_true(session_cache_get(c, s.id, s.id_len, &got));
    assert_memory_equal(got.master, s.master, TLS12_MASTER_LEN);
    assert_false(session_cache_get(c, s.id, s.id_len - 1, &got)); /* a prefix is another id */
    s.master[0] ^= 0xff; /* the same id again replaces the entry */
    assert_true(session_cache_put(c, &s));
    assert_int_equal(session_cache_count(c), 1);
    assert_true(session_cache_get(c, s.id, s.id_len, &got));
    assert_int_equal(got.master[0], s.master[0]);
    tls_session no_id = s;
    no_id.id_len = 0;
    assert_false(session_cache_put(c, &no_id));
    session_cache_remove(c, s.id, s.id_len);
    assert_false(session_cache_get(c, s.id, s.id_len, &got));
    /* Past its size the oldest entries make room. */
    for (uint32_t i = 0; i < SESSION_CACHE_SIZE + 5; i++) {
        memcpy(s.id, &i, sizeof i);
        assert_true(session_cache_put(c, &s));
    }
    assert_int_equal(session_cache_count(c), SESSION_CACHE_SIZE);
    uint32_t first = 0, last = SESSION_CACHE_SIZE + 4;
    memcpy(s.id, &first, sizeof first);
    assert_false(session_cache_get(c, s.id, s.id_len, &got));
    memcpy(s.id, &last, sizeof last);
    assert_true(session_cache_get(c, s.id, s.id_len, &got));
    session_cache_free(c);
}

static void defaults(scenario *sc)
{
    scenario_defaults(sc);
    sc->pki = &p;
    sc->seeded = true;
    sc->seed = 11;
    x509_parse_date("2026-06-01", &sc->now);
}

static size_t find_title(const trace *t, size_t from, const char *title)
{
    for (size_t i = from; i < t->n; i++)
        if (strcmp(t->ev[i].title, title) == 0)
            return i;
    return (size_t)-1;
}

/* The outputs of this name from events whose title starts with `title`, in order. */
static size_t outputs_named(const trace *t, const char *title, const char *name,
                            const trace_blob **out, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (strncmp(t->ev[i].title, title, strlen(title)) != 0)
            continue;
        const trace_blob *b = trace_event_output(&t->ev[i], name);
        if (b && k < max)
            out[k++] = b;
    }
    return k;
}

static void run_resumes(resume_kind kind, const char *source)
{
    scenario sc;
    defaults(&sc);
    sc.resume = kind;
    trace t;
    trace_init(&t);
    assert_true(engine_run(&sc, &t));
    assert_int_equal(t.result.outcome, OUTCOME_OK);
    size_t second = find_title(&t, 0, "second connection: resuming the session");
    assert_true(second != (size_t)-1);
    size_t resumed = find_title(&t, second, "resumption");
    assert_true(resumed != (size_t)-1);
    assert_true(t.ev[resumed].ok);
    assert_non_null(strstr(t.ev[resumed].reason, source));
    /* No certificate and no key exchange the second time. */
    assert_true(find_title(&t, second, "Certificate") == (size_t)-1);
    assert_true(find_title(&t, second, "ClientKeyExchange") == (size_t)-1);
    /* Four masters (each side, each connection): one value. Four key blocks: two values. */
    const trace_blob *m[8], *kb[8];
    assert_int_equal(outputs_named(&t, "master secret", "master_secret", m, 8), 4);
    for (int i = 1; i < 4; i++)
        assert_memory_equal(m[i]->data, m[0]->data, m[0]->len);
    assert_int_equal(outputs_named(&t, "key block", "key_block", kb, 8), 4);
    assert_memory_equal(kb[0]->data, kb[1]->data, kb[0]->len);
    assert_memory_equal(kb[2]->data, kb[3]->data, kb[2]->len);
    assert_memory_not_equal(kb[0]->data, kb[2]->data, kb[0]->len);
    /* The wire segments name their connection. */
    assert_int_equal(t.wire[0].conn, 0);
    assert_int_equal(t.wire[t.n_wire - 1].conn, 1);
    trace_free(&t);
}

static void resumes_by_ticket_and_by_id(void **state)
{
    (void)state;
    run_resumes(RESUME_TICKET, "from the ticket");
    run_resumes(RESUME_ID, "from its cache");
}

/* Connection one, by hand: the session the client saved and the server's memory. */
static void first_connection(scenario *sc, session_cache **cache, tls_session *session)
{
    *cache = session_cache_new(test_rng());
    assert_non_null(*cache);
    memset(session, 0, sizeof *session);
    trace t;
    trace_init(&t);
    assert_true(engine_run_session(sc, &t, *cache, session, test_rng()));
    assert_int_equal(t.result.outcome, OUTCOME_OK);
    assert_true(session->valid);
    trace_free(&t);
}

/* The second connection after `spoil` changed the ticket or the server's memory:
 * the handshake still succeeds, in full, with a new master secret. */
static void full_handshake_instead(resume_kind kind, void (*spoil)(session_cache **, tls_session *),
                                   const char *why_title)
{
    scenario sc;
    defaults(&sc);
    sc.resume = kind;
    session_cache *cache;
    tls_session session;
    first_connection(&sc, &cache, &session);
    uint8_t old_master[TLS12_MASTER_LEN];
    memcpy(old_master, session.master, sizeof old_master);
    spoil(&cache, &session);
    trace t;
    trace_init(&t);
    assert_true(engine_run_session(&sc, &t, cache, &session, test_rng()));
    assert_int_equal(t.result.outcome, OUTCOME_OK);
    assert_true(find_title(&t, 0, why_title) != (size_t)-1);
    assert_true(find_title(&t, 0, "the server did not resume") != (size_t)-1);
    assert_true(find_title(&t, 0, "resumption") == (size_t)-1);
    assert_true(find_title(&t, 0, "ClientKeyExchange") != (size_t)-1);
    assert_true(session.valid);
    assert_memory_not_equal(session.master, old_master, sizeof old_master);
    trace_free(&t);
    session_cache_free(cache);
}

static void flip_ticket(session_cache **cache, tls_session *s)
{
    (void)cache;
    assert_true(s->ticket_len > 60);
    s->ticket[40] ^= 0x80; /* inside encrypted_state */
}

static void forget_sessions(session_cache **cache, tls_session *s)
{
    (void)s;
    session_cache_free(*cache); /* the server restarted */
    *cache = session_cache_new(test_rng());
    assert_non_null(*cache);
}

static void changed_ticket_or_lost_cache_means_full_handshake(void **state)
{
    (void)state;
    full_handshake_instead(RESUME_TICKET, flip_ticket, "session ticket");
    full_handshake_instead(RESUME_TICKET, forget_sessions, "session ticket"); /* other keys */
    full_handshake_instead(RESUME_ID, forget_sessions, "session cache: miss");
}

/* RFC 7627 5.3 on the server: the session's EMS and the ClientHello's decide. */
static void server_follows_rfc7627_5_3(void **state)
{
    (void)state;
    scenario sc;
    defaults(&sc);
    session_cache *cache = session_cache_new(test_rng());
    assert_non_null(cache);
    const struct {
        bool session_ems, hello_ems;
        int want;
    } cases[] = {
        {true, true, 1},   /* resume */
        {false, true, 0},  /* MUST NOT resume: a full handshake */
        {true, false, -1}, /* MUST abort */
        {false, false, -1}, /* SHOULD abort */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tls_session s = sample_session();
        s.ems = cases[i].session_ems;
        s.created = (uint32_t)sc.now;
        assert_true(session_cache_put(cache, &s));
        trace t;
        trace_init(&t);
        static actor a;
        actor_init(&a, ACTOR_SERVER, &sc, &t, test_rng());
        a.sessions = cache;
        client_hello ch;
        memset(&ch, 0, sizeof ch);
        ch.version = TLS12_VERSION;
        ch.suites = &s.suite;
        ch.n_suites = 1;
        memcpy(ch.session_id, s.id, s.id_len);
        ch.session_id_len = s.id_len;
        ch.ems = cases[i].hello_ems;
        assert_int_equal(resume_server_lookup(&a, &ch), cases[i].want);
        if (cases[i].want < 0)
            assert_int_equal(a.err.alert, ALERT_HANDSHAKE_FAILURE);
        else
            assert_false(err_is_set(&a.err));
        if (cases[i].want > 0)
            assert_memory_equal(a.master, s.master, TLS12_MASTER_LEN);
        actor_free(&a);
        trace_free(&t);
    }
    session_cache_free(cache);
}

/* RFC 7627 5.3 on the client: a resumed ServerHello must match the session's EMS. */
static void client_follows_rfc7627_5_3(void **state)
{
    (void)state;
    scenario sc;
    defaults(&sc);
    for (int ems = 0; ems < 2; ems++)
        for (int sh_ems = 0; sh_ems < 2; sh_ems++) {
            tls_session s = sample_session();
            s.ems = ems;
            trace t;
            trace_init(&t);
            static actor a;
            actor_init(&a, ACTOR_CLIENT, &sc, &t, test_rng());
            a.resume.saved = &s;
            a.suite = suite_by_code(s.suite);
            hs_shape shape = {.kex = HS_KEX_ECDHE};
            hs_cursor_init(&a.cursor, &shape);
            a.resume.offered = RESUME_ID;
            a.resume.offered_id_len = s.id_len;
            memcpy(a.resume.offered_id, s.id, s.id_len);
            server_hello sh;
            memset(&sh, 0, sizeof sh);
            sh.version = TLS12_VERSION;
            sh.suite = s.suite;
            sh.ems = sh_ems;
            memcpy(sh.session_id, s.id, s.id_len);
            sh.session_id_len = s.id_len;
            bool ok = resume_client_server_hello(&a, &sh);
            assert_int_equal(ok, ems == sh_ems);
            if (!ok)
                assert_int_equal(a.err.alert, ALERT_HANDSHAKE_FAILURE);
            actor_free(&a);
            trace_free(&t);
        }
}

/* A session made without EMS is not offered again (RFC 7627 5.3, the client's SHOULD). */
static void no_ems_session_is_not_offered(void **state)
{
    (void)state;
    scenario sc;
    defaults(&sc);
    sc.ems = false;
    sc.resume = RESUME_TICKET;
    trace t;
    trace_init(&t);
    assert_true(engine_run(&sc, &t));
    assert_int_equal(t.result.outcome, OUTCOME_OK);
    size_t second = find_title(&t, 0, "second connection: resuming the session");
    assert_true(second != (size_t)-1);
    assert_true(find_title(&t, second, "not offering to resume") != (size_t)-1);
    assert_true(find_title(&t, second, "ClientKeyExchange") != (size_t)-1);
    trace_free(&t);
}

/* RFC 5246 7.2.2: a resumed connection that ends in a fatal alert (here the client's
 * Finished is wrong) takes its session out of the server's cache. */
static void fatal_alert_forgets_the_session(void **state)
{
    (void)state;
    scenario sc;
    defaults(&sc);
    sc.resume = RESUME_ID;
    session_cache *cache;
    tls_session session, got;
    first_connection(&sc, &cache, &session);
    assert_true(session_cache_get(cache, session.id, session.id_len, &got));
    const fault_info *f = fault_by_name("bad-finished");
    assert_non_null(f);
    sc.faults = FAULT_BIT(f->id);
    trace t;
    trace_init(&t);
    assert_true(engine_run_session(&sc, &t, cache, &session, test_rng()));
    assert_int_equal(t.result.outcome, OUTCOME_ALERT);
    assert_int_equal(t.result.alert, ALERT_DECRYPT_ERROR);
    assert_true(find_title(&t, 0, "resumption") != (size_t)-1);
    assert_true(find_title(&t, 0, "session forgotten") != (size_t)-1);
    assert_false(session_cache_get(cache, session.id, session.id_len, &got));
    trace_free(&t);
    session_cache_free(cache);
}

/* --connect --resume records the second connection on its own and appends it: the
 * events, their strings and bytes and the wire survive the source trace's end. */
static void trace_append_moves_a_connection(void **state)
{
    (void)state;
    trace dst, src;
    trace_init(&dst);
    trace_init(&src);
    const uint8_t bytes[3] = {1, 2, 3};
    assert_non_null(trace_add(&dst, ACTOR_CLIENT, EV_NOTE, "first", "one", bytes, 3));
    assert_true(trace_add_segment(&dst, ACTOR_CLIENT, ACTOR_SERVER, bytes, 3));
    dst.conn = 1;
    for (int i = 0; i < 40; i++) { /* enough to need more than one arena block */
        char title[32];
        snprintf(title, sizeof title, "second %d", i);
        trace_event *e = trace_add(&src, ACTOR_SERVER, EV_COMPUTE, title, "two", bytes, 3);
        assert_non_null(e);
        uint8_t big[2000];
        memset(big, i, sizeof big);
        assert_true(trace_add_output(e, "out", big, sizeof big, NULL));
        assert_true(trace_add_segment(&src, ACTOR_SERVER, ACTOR_CLIENT, big, sizeof big));
    }
    src.result.outcome = OUTCOME_OK;
    assert_true(trace_append(&dst, &src));
    trace_free(&src); /* nothing of it may be left in use */
    assert_int_equal(dst.n, 41);
    assert_int_equal(dst.n_wire, 41);
    assert_int_equal(dst.result.outcome, OUTCOME_OK);
    assert_string_equal(dst.ev[40].title, "second 39");
    assert_int_equal(dst.ev[40].seq, 40);
    assert_int_equal(dst.ev[40].conn, 1);
    assert_int_equal(dst.ev[0].conn, 0);
    assert_int_equal(dst.ev[40].outputs[0].data[1999], 39);
    assert_int_equal(dst.wire[40].after, 1 + 40); /* after its event, behind dst's one */
    assert_int_equal(dst.wire[40].conn, 1);
    assert_int_equal(dst.wire[40].bytes[0], 39);
    /* dst goes on growing after the move. */
    assert_non_null(trace_add(&dst, ACTOR_CLIENT, EV_NOTE, "after", NULL, NULL, 0));
    assert_string_equal(dst.ev[41].title, "after");
    trace_free(&dst);
}

/* The JSON of a run with two connections says which each event belongs to. */
static void json_names_the_connection(void **state)
{
    (void)state;
    scenario sc;
    defaults(&sc);
    for (int resume = 0; resume < 2; resume++) {
        sc.resume = resume ? RESUME_TICKET : RESUME_NONE;
        trace t;
        trace_init(&t);
        assert_true(engine_run(&sc, &t));
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        assert_non_null(f);
        assert_true(render_json(f, &t, NULL, 0));
        fclose(f);
        assert_int_equal(strstr(buf, "\"conn\": 1") != NULL || strstr(buf, "\"conn\":1") != NULL,
                         resume);
        free(buf);
        trace_free(&t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(etm_matches_openssl),
        cmocka_unit_test(ticket_opens_and_every_change_is_refused),
        cmocka_unit_test(cache_keeps_finds_and_forgets),
        cmocka_unit_test(resumes_by_ticket_and_by_id),
        cmocka_unit_test(changed_ticket_or_lost_cache_means_full_handshake),
        cmocka_unit_test(server_follows_rfc7627_5_3),
        cmocka_unit_test(client_follows_rfc7627_5_3),
        cmocka_unit_test(no_ems_session_is_not_offered),
        cmocka_unit_test(fatal_alert_forgets_the_session),
        cmocka_unit_test(json_names_the_connection),
        cmocka_unit_test(trace_append_moves_a_connection),
    };
    return cmocka_run_group_tests_name("resume", tests, setup, teardown);
}
