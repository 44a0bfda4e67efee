/* Every message type in every state of both actors (RFC 5246 7.3, 7.4): real client
 * and server actors are driven record by record, and at each point the receiver gets,
 * instead of what its peer really sent next, each handshake type, a ChangeCipherSpec,
 * application data and a warning alert, protected as the record layer expects at that
 * point. Whatever the table does not allow there must end in unexpected_message sent
 * by the receiver; the genuine next record must be accepted. The few legal
 * alternatives are the protocol's own: an optional CertificateRequest where
 * ServerHelloDone is expected, HelloRequest (ignored by a client during a handshake,
 * declined after it), a ClientHello after the handshake (declined), warnings. */
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
#include "sim/server.h"
#include "sim/suites.h"
#include "tests/unit/pki_fixture.h"

typedef struct run {
    scenario sc;
    trace t;
    rng g; /* the run's generator */
    actor c, s;
    writer queue; /* records from the peer to the receiver, not yet delivered */
} run;

static actor *peer_of(run *r, actor *a) { return a == &r->c ? &r->s : &r->c; }

static void receive(run *r, actor *to, const uint8_t *p, size_t n)
{
    if (to == &r->s)
        server_receive(to, p, n);
    else
        client_receive(to, p, n);
}

/* Moves everything `from` has written to the other side, as one flight. */
static void flush_to(run *r, actor *from)
{
    actor_flush(from);
    size_t n = 0;
    uint8_t *b = wr_take(&from->out, &n);
    if (n)
        receive(r, peer_of(r, from), b, n);
    free(b);
}

static size_t record_len(const uint8_t *p) { return REC_HEADER_LEN + ((size_t)p[3] << 8 | p[4]); }

/* Starts a handshake of this suite and delivers the peer's records to `rx` one at a
 * time until `k` have arrived; the peer's next records wait in r->queue. Returns false
 * when the peer had fewer than k+1 records to send. */
static bool drive(run *r, const char *suite, bool client_auth, bool rx_is_server, size_t k)
{
    scenario_defaults(&r->sc);
    r->sc.pki = &p;
    r->sc.seeded = true;
    r->sc.seed = 11;
    r->sc.client_auth = client_auth;
    r->sc.suite = suite_by_name(suite);
    assert_non_null(r->sc.suite);
    x509_parse_date("2026-06-01", &r->sc.now);
    assert_true(rng_init_seeded(&r->g, r->sc.seed));
    trace_init(&r->t);
    actor_init(&r->c, ACTOR_CLIENT, &r->sc, &r->t, &r->g);
    actor_init(&r->s, ACTOR_SERVER, &r->sc, &r->t, &r->g);
    wr_init(&r->queue, NULL);
    server_start(&r->s);
    assert_true(client_start(&r->c));
    actor *rx = rx_is_server ? &r->s : &r->c, *tx = peer_of(r, rx);
    size_t delivered = 0;
    for (;;) {
        if (r->queue.len == 0) {
            flush_to(r, rx);
            actor_flush(tx);
            size_t n = 0;
            uint8_t *b = wr_take(&tx->out, &n);
            wr_bytes(&r->queue, b, n, NULL);
            free(b);
            if (r->queue.len == 0)
                return false;
        }
        if (delivered == k)
            return true;
        size_t n = record_len(r->queue.buf);
        receive(r, rx, r->queue.buf, n);
        memmove(r->queue.buf, r->queue.buf + n, r->queue.len - n);
        r->queue.len -= n;
        delivered++;
        assert_false(rx->alert_sent); /* the genuine exchange goes through */
    }
}

static void finish(run *r)
{
    actor_free(&r->c);
    actor_free(&r->s);
    wr_free(&r->queue);
    trace_free(&r->t);
    rng_free(&r->g);
}

/* A record of this type and content, protected with the receiver's read state as it
 * stands (its keys and sequence number), so that only the content is out of place. */
static size_t seal_for(const actor *rx, uint8_t type, const uint8_t *body, size_t n, writer *w)
{
    rec_state st;
    if (rx->rd.kind == REC_PLAINTEXT) {
        rec_state_plaintext(&st);
    } else {
        rec_state_from_keys(&st, rx->rd.kind, rx->rd.aead, rx->rd.mac_hash, &rx->keys,
                            rx->id == ACTOR_SERVER);
        st.seq = rx->rd.seq;
        st.rng = rx->rng; /* CBC's IV */
    }
    assert_true(rec_seal(&st, type, TLS12_VERSION, body, n, w));
    rec_state_free(&st);
    return w->len;
}

typedef struct intruder {
    const char *name;
    uint8_t content_type, hs_type;
} intruder;

static const intruder intruders[] = {
    {"HelloRequest", CT_HANDSHAKE, HS_HELLO_REQUEST},
    {"ClientHello", CT_HANDSHAKE, HS_CLIENT_HELLO},
    {"ServerHello", CT_HANDSHAKE, HS_SERVER_HELLO},
    {"Certificate", CT_HANDSHAKE, HS_CERTIFICATE},
    {"ServerKeyExchange", CT_HANDSHAKE, HS_SERVER_KEY_EXCHANGE},
    {"CertificateRequest", CT_HANDSHAKE, HS_CERTIFICATE_REQUEST},
    {"ServerHelloDone", CT_HANDSHAKE, HS_SERVER_HELLO_DONE},
    {"CertificateVerify", CT_HANDSHAKE, HS_CERTIFICATE_VERIFY},
    {"ClientKeyExchange", CT_HANDSHAKE, HS_CLIENT_KEY_EXCHANGE},
    {"Finished", CT_HANDSHAKE, HS_FINISHED},
    {"ChangeCipherSpec", CT_CHANGE_CIPHER_SPEC, 0},
    {"application data", CT_APPLICATION_DATA, 0},
    {"warning alert", CT_ALERT, 0},
};

/* The content of an intruder: a header and a body that parses where the type is
 * legal (CertificateRequest: rsa_sign, rsa_pkcs1_sha256, no CAs); elsewhere the
 * body never gets read. */
static size_t intruder_bytes(const intruder *in, uint8_t *out)
{
    static const uint8_t cr_body[] = {1, 1, 0, 2, 4, 1, 0, 0};
    switch (in->content_type) {
    case CT_CHANGE_CIPHER_SPEC:
        out[0] = 1;
        return 1;
    case CT_APPLICATION_DATA:
        memcpy(out, "GET /", 5);
        return 5;
    case CT_ALERT:
        out[0] = 1;
        out[1] = ALERT_USER_CANCELED;
        return 2;
    default:
        out[0] = in->hs_type;
        out[1] = out[2] = 0;
        out[3] = 0;
        if (in->hs_type == HS_CERTIFICATE_REQUEST) {
            out[3] = sizeof cr_body;
            memcpy(out + 4, cr_body, sizeof cr_body);
            return 4 + sizeof cr_body;
        }
        return 4;
    }
}

/* What the genuine next record is: its content type and, for a handshake record
 * in plaintext, its message type (encrypted: only Finished travels so). */
static void genuine(const actor *rx, const uint8_t *rec, uint8_t *ct, uint8_t *hs)
{
    *ct = rec[0];
    *hs = 0;
    if (*ct == CT_HANDSHAKE)
        *hs = rx->rd.kind == REC_PLAINTEXT ? rec[REC_HEADER_LEN] : HS_FINISHED;
}

/* Whether the protocol allows this intruder at this point, besides the genuine one. */
static bool legal_alternative(const actor *rx, const intruder *in, uint8_t want_ct, uint8_t want_hs)
{
    bool over = want_ct == CT_APPLICATION_DATA || want_ct == CT_ALERT;
    if (in->content_type == CT_ALERT) /* a warning is passed over (RFC 5246 7.2), but a */
        return rx->id == ACTOR_CLIENT || want_hs != HS_CLIENT_HELLO; /* server wants a hello first */
    if (rx->id == ACTOR_CLIENT && in->hs_type == HS_HELLO_REQUEST &&
        in->content_type == CT_HANDSHAKE)
        return true; /* ignored during the handshake, declined after it (7.4.1.1) */
    if (rx->id == ACTOR_SERVER && over && in->content_type == CT_HANDSHAKE &&
        in->hs_type == HS_CLIENT_HELLO)
        return true; /* renegotiation, declined with a warning */
    if (rx->id == ACTOR_CLIENT && want_ct == CT_HANDSHAKE && want_hs == HS_SERVER_HELLO_DONE &&
        in->content_type == CT_HANDSHAKE && in->hs_type == HS_CERTIFICATE_REQUEST &&
        !rx->cursor.shape.client_auth)
        return true; /* CertificateRequest is optional just before ServerHelloDone (7.3) */
    if (rx->id == ACTOR_CLIENT && want_ct == CT_HANDSHAKE && want_hs == HS_CERTIFICATE_REQUEST &&
        in->content_type == CT_HANDSHAKE && in->hs_type == HS_SERVER_HELLO_DONE)
        return true; /* ...so the client cannot tell that one was due */
    return false;
}

typedef struct tally {
    size_t states, refused, accepted;
} tally;

static void every_intruder_at_every_point(const char *suite, bool client_auth, bool rx_is_server,
                                          tally *tl)
{
    for (size_t k = 0;; k++) {
        run r;
        bool more = drive(&r, suite, client_auth, rx_is_server, k);
        actor *rx = rx_is_server ? &r.s : &r.c;
        uint8_t want_ct = 0, want_hs = 0;
        if (more)
            genuine(rx, r.queue.buf, &want_ct, &want_hs);
        /* Past the close_notify there is nothing more to test. */
        bool stop = !more || (want_ct == CT_ALERT && rx->done);
        if (more && !stop) {
            /* The genuine next record is accepted. */
            receive(&r, rx, r.queue.buf, record_len(r.queue.buf));
            assert_false(rx->alert_sent);
            assert_false(err_is_set(&rx->err));
        }
        finish(&r);
        if (stop)
            break;
        tl->states++;
        for (size_t i = 0; i < sizeof intruders / sizeof intruders[0]; i++) {
            const intruder *in = &intruders[i];
            if (in->content_type == want_ct && in->hs_type == want_hs)
                continue; /* that is the genuine one, checked above */
            if (want_ct == CT_ALERT && in->content_type == CT_ALERT)
                continue;
            run q;
            assert_true(drive(&q, suite, client_auth, rx_is_server, k));
            actor *to = rx_is_server ? &q.s : &q.c;
            uint8_t body[64];
            size_t n = intruder_bytes(in, body);
            writer w;
            wr_init(&w, NULL);
            seal_for(to, in->content_type, body, n, &w);
            bool legal = legal_alternative(to, in, want_ct, want_hs);
            receive(&q, to, w.buf, w.len);
            wr_free(&w);
            char where[512];
            snprintf(where, sizeof where, "%s %s, %s: %s after %zu records (next: type %u/%u): %s",
                     suite, client_auth ? "mutual" : "", to->id == ACTOR_SERVER ? "server" : "client",
                     in->name, k, want_ct, want_hs, to->err.msg);
            if (legal) {
                if (to->alert_sent)
                    fail_msg("refused a legal %s", where);
                tl->accepted++;
            } else {
                if (!to->alert_sent || to->err.alert != ALERT_UNEXPECTED_MESSAGE)
                    fail_msg("not refused with unexpected_message: %s (alert %d)", where,
                             to->err.alert);
                tl->refused++;
            }
            finish(&q);
        }
    }
}

static void server_refuses_out_of_order(void **state)
{
    (void)state;
    tally tl = {0, 0, 0};
    every_intruder_at_every_point("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", false, true, &tl);
    every_intruder_at_every_point("TLS_RSA_WITH_AES_128_CBC_SHA256", false, true, &tl);
    every_intruder_at_every_point("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", true, true, &tl);
    /* ClientHello, [Certificate, ] ClientKeyExchange, [CertificateVerify, ] CCS,
     * Finished, then application data: 6, 5 and 8 states. */
    assert_int_equal(tl.states, 5 + 5 + 7);
    /* Each state met 12 intruders; the legal ones: a warning anywhere but before the
     * ClientHello, a ClientHello (renegotiation, declined) once the handshake is over. */
    assert_int_equal(tl.refused + tl.accepted, 12 * tl.states);
    assert_int_equal(tl.accepted, tl.states - 3 + 3);
}

static void client_refuses_out_of_order(void **state)
{
    (void)state;
    tally tl = {0, 0, 0};
    every_intruder_at_every_point("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", false, false, &tl);
    every_intruder_at_every_point("TLS_RSA_WITH_AES_128_CBC_SHA256", false, false, &tl);
    every_intruder_at_every_point("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", true, false, &tl);
    /* ServerHello, Certificate, [ServerKeyExchange, ] [CertificateRequest, ]
     * ServerHelloDone, CCS, Finished, then application data. */
    assert_int_equal(tl.states, 7 + 6 + 8);
    /* The legal ones: a warning and a HelloRequest anywhere, and an optional
     * CertificateRequest or its absence, once per handshake. */
    assert_int_equal(tl.refused + tl.accepted, 12 * tl.states);
    assert_int_equal(tl.accepted, 2 * tl.states + 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(server_refuses_out_of_order),
        cmocka_unit_test(client_refuses_out_of_order),
    };
    return cmocka_run_group_tests_name("every message in every state", tests, setup, teardown);
}
