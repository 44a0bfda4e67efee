/* The anonymous-DH man in the middle, flight by flight. The attacker keeps one
 * "side" per honest end: the handshake as that end sees it, its own random and DH key
 * pair for that end, and the record keys they end up sharing. Plaintext handshake
 * messages are relayed with the randoms and DH values swapped for the attacker's, so
 * the two connections are separate sessions (and a key log can name each by its
 * client random); encrypted records are opened with one side's keys and sealed again
 * with the other's. */
#include "sim/fault_mitm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "base/alert.h"
#include "sim/fault.h"
#include "sim/plain_text.h"
#include "sim/suites.h"

typedef struct side {
    writer transcript;      /* the handshake as this end saw it */
    kex_keypair kx;         /* the attacker's key pair towards this end */
    bool have_kx;
    uint8_t peer[KEX_MAX_PUBLIC]; /* this end's own DH value */
    size_t peer_len;
    uint8_t client_random[32], server_random[32]; /* of this connection */
    uint8_t master[TLS12_MASTER_LEN];
    tls12_keys keys;
    rec_state from_end, to_end; /* reads what this end sends; writes what it receives */
    bool keyed;
} side;

struct mitm_anon {
    side c, s; /* towards the client, towards the server */
    bool ems;
    bool encrypted[2]; /* per sender: its ChangeCipherSpec has passed */
    bool watching_only; /* not an anonymous DH handshake: nothing to take over */
    bool announced;
    uint8_t plain[REC_MAX_CIPHERTEXT]; /* the record being translated */
    size_t explained; /* events up to here have had their records' narration corrected */
};

static const suite_info *anon(void)
{
    return suite_dh_anon();
}

mitm_anon *mitm_anon_new(void)
{
    mitm_anon *m = calloc(1, sizeof *m);
    if (m) {
        wr_init(&m->c.transcript, NULL);
        wr_init(&m->s.transcript, NULL);
    }
    return m;
}

static void side_free(side *sd)
{
    wr_free(&sd->transcript);
    if (sd->have_kx)
        kex_free(&sd->kx);
    rec_state_free(&sd->from_end);
    rec_state_free(&sd->to_end);
}

void mitm_anon_free(mitm_anon *m)
{
    if (!m)
        return;
    side_free(&m->c);
    side_free(&m->s);
    free(m);
}

static trace_event *step(actor *a, ev_kind kind, const char *title, const char *explain,
                         const uint8_t *bytes, size_t len)
{
    return trace_add(a->t, ACTOR_ATTACKER, kind, title, explain, bytes, len);
}

/* The attacker's two DH values in place of the honest ones: in ServerKeyExchange
 * towards the client, in ClientKeyExchange towards the server. */
static bool swap_ske(mitm_anon *m, actor *a, const uint8_t *msg, size_t len, writer *out)
{
    tls_err err;
    err_init(&err);
    reader r;
    rd_init(&r, msg, len, &err, NULL, "ServerKeyExchange");
    server_key_exchange ske;
    if (!hs_parse_server_key_exchange_anon(&r, &ske) || ske.pub_len > KEX_MAX_PUBLIC)
        return false;
    memcpy(m->s.peer, ske.pub, ske.pub_len);
    m->s.peer_len = ske.pub_len;
    m->c.have_kx = kex_generate_dh(ske.p, ske.p_len, ske.g, ske.g_len, &m->c.kx, a->rng, &err);
    m->s.have_kx = m->c.have_kx &&
                   kex_generate_dh(ske.p, ske.p_len, ske.g, ske.g_len, &m->s.kx, a->rng, &err);
    uint8_t pub[KEX_MAX_PUBLIC];
    size_t pub_len = sizeof pub;
    if (!m->s.have_kx || !kex_public(&m->c.kx, pub, &pub_len))
        return false;
    ske.pub = pub;
    ske.pub_len = pub_len;
    if (!hs_build_server_key_exchange(out, &ske))
        return false;
    trace_event *e = step(a, EV_COMPUTE, "attacker: replaces the server's DH value",
                          "nothing is signed, so the client cannot tell the two apart; the "
                          "attacker keeps the server's value for its own exchange with the server",
                          out->buf, out->len);
    if (e) {
        trace_add_input(e, "server's dh_Ys", m->s.peer, m->s.peer_len, NULL);
        trace_add_output(e, "attacker's dh_Ys (sent to the client)", pub, pub_len, NULL);
    }
    return true;
}

static bool derive(mitm_anon *m, actor *a, side *sd, bool client_side)
{
    const suite_info *s = anon();
    uint8_t pms[KEX_MAX_SHARED], hh[HASH_MAX_LEN];
    size_t pms_len = 0;
    tls_err err;
    err_init(&err);
    if (!kex_shared(&sd->kx, sd->peer, sd->peer_len, pms, &pms_len, &err) ||
        (m->ems && !hash_digest(s->prf, sd->transcript.buf, sd->transcript.len, hh)) ||
        !tls12_master_secret(s->prf, pms, pms_len, sd->client_random, sd->server_random,
                             m->ems ? hh : NULL, hash_len(s->prf), sd->master) ||
        !tls12_key_block(s->prf, sd->master, sd->client_random, sd->server_random, s->mac_len,
                         s->key_len, s->iv_len, &sd->keys, NULL))
        return false;
    rec_state_from_keys(&sd->from_end, s->protection, s->aead, s->mac, &sd->keys, client_side);
    rec_state_from_keys(&sd->to_end, s->protection, s->aead, s->mac, &sd->keys, !client_side);
    sd->to_end.rng = a->rng; /* the run's: CBC's IVs */
    sd->keyed = true;
    trace_event *e = step(a, EV_COMPUTE,
                          client_side ? "attacker: the keys it shares with the client"
                                      : "attacker: the keys it shares with the server",
                          client_side ? "the client believes it shares these with server.test"
                                      : "the server believes it shares these with its client",
                          NULL, 0);
    if (e) {
        trace_set_formula(e, "pre_master_secret = DH(attacker_private, %s_public); then the "
                             "master secret and key block as the %s computes them",
                          client_side ? "client" : "server", client_side ? "client" : "server");
        trace_add_input(e, client_side ? "client_public" : "server_public", sd->peer, sd->peer_len,
                        NULL);
        trace_add_input(e, "client_random", sd->client_random, 32,
                        client_side ? "the client's own" : "the attacker's, sent to the server");
        trace_add_input(e, "server_random", sd->server_random, 32,
                        client_side ? "the attacker's, sent to the client" : "the server's own");
        trace_add_output(e, "pre_master_secret", pms, pms_len, NULL);
        trace_add_output(e, "master_secret", sd->master, TLS12_MASTER_LEN,
                         "the attacker's copy, equal to the honest end's: compare with its own "
                         "master secret event");
        trace_add_output(e, "client_write_key", sd->keys.client_key, sd->keys.key_len, NULL);
        trace_add_output(e, "server_write_key", sd->keys.server_key, sd->keys.key_len, NULL);
    }
    return true;
}

static bool swap_cke(mitm_anon *m, actor *a, const uint8_t *msg, size_t len, writer *out)
{
    tls_err err;
    err_init(&err);
    reader r;
    rd_init(&r, msg, len, &err, NULL, "ClientKeyExchange");
    client_key_exchange cke;
    uint8_t pub[KEX_MAX_PUBLIC];
    size_t pub_len = sizeof pub;
    if (!m->s.have_kx || !hs_parse_client_key_exchange(&r, CKE_DHE, &cke) ||
        cke.len > KEX_MAX_PUBLIC || !kex_public(&m->s.kx, pub, &pub_len))
        return false;
    memcpy(m->c.peer, cke.data, cke.len);
    m->c.peer_len = cke.len;
    client_key_exchange mine = {pub, pub_len};
    if (!hs_build_client_key_exchange(out, CKE_DHE, &mine))
        return false;
    trace_event *e = step(a, EV_COMPUTE, "attacker: replaces the client's DH value",
                          "the server now shares a secret with the attacker, not with the client",
                          out->buf, out->len);
    if (e) {
        trace_add_input(e, "client's dh_Yc", cke.data, cke.len, NULL);
        trace_add_output(e, "attacker's dh_Yc (sent to the server)", pub, pub_len, NULL);
    }
    /* Both session hashes end with the ClientKeyExchange each end saw (RFC 7627 3). */
    wr_bytes(&m->c.transcript, msg, len, NULL);
    wr_bytes(&m->s.transcript, out->buf, out->len, NULL);
    return derive(m, a, &m->c, true) && derive(m, a, &m->s, false);
}

/* A Finished checked against the sender's side and made again for the other side. */
static bool redo_finished(actor *a, side *from, side *to, bool by_client, const uint8_t *msg,
                          size_t len, writer *out)
{
    const suite_info *s = anon();
    uint8_t hh[HASH_MAX_LEN], want[TLS12_VERIFY_LEN], got[TLS12_VERIFY_LEN], vd[TLS12_VERIFY_LEN];
    tls_err err;
    err_init(&err);
    reader r;
    rd_init(&r, msg, len, &err, NULL, "Finished");
    if (!hs_parse_finished(&r, got) ||
        !hash_digest(s->prf, from->transcript.buf, from->transcript.len, hh) ||
        !tls12_verify_data(s->prf, from->master, by_client, hh, hash_len(s->prf), want, NULL))
        return false;
    wr_bytes(&from->transcript, msg, len, NULL);
    if (!hash_digest(s->prf, to->transcript.buf, to->transcript.len, hh) ||
        !tls12_verify_data(s->prf, to->master, by_client, hh, hash_len(s->prf), vd, NULL) ||
        !hs_build_finished(out, vd))
        return false;
    wr_bytes(&to->transcript, out->buf, out->len, NULL);
    trace_event *e = step(a, EV_COMPUTE,
                          by_client ? "attacker: redoes the client's Finished"
                                    : "attacker: redoes the server's Finished",
                          "each end saw a different handshake, so each gets a Finished computed "
                          "over its own transcript with the master secret it shares with the "
                          "attacker: both checks will pass",
                          NULL, 0);
    if (e) {
        trace_add_input(e, "verify_data received", got, sizeof got,
                        memcmp(got, want, sizeof got) == 0 ? "matches the attacker's computation"
                                                           : "does not match");
        trace_add_output(e, "verify_data sent on", vd, sizeof vd, NULL);
    }
    return true;
}

/* A hello from one end, passed on with the attacker's own random in it: the two
 * connections become two sessions, as between any client and server. */
static bool swap_random(actor *a, side *from, side *to, const uint8_t *msg, size_t len,
                        writer *out, bool client_hello)
{
    uint8_t *theirs = client_hello ? from->client_random : from->server_random;
    uint8_t *mine = client_hello ? to->client_random : to->server_random;
    memcpy(theirs, msg + 6, 32); /* msg_type, length, version, then the random */
    if (!rng_bytes(a->rng, mine, 32))
        return false;
    wr_bytes(out, msg, len, NULL);
    if (out->failed)
        return false;
    memcpy(out->buf + out->len - len + 6, mine, 32);
    wr_bytes(&from->transcript, msg, len, NULL);
    wr_bytes(&to->transcript, out->buf + out->len - len, len, NULL);
    trace_event *e = step(a, EV_COMPUTE,
                          client_hello ? "attacker: swaps the random in ClientHello"
                                       : "attacker: swaps the random in ServerHello",
                          client_hello ? "the attacker opens its own session with the server"
                                       : "the client's session is with the attacker, not with the "
                                         "server: nothing signed ties the randoms together",
                          out->buf + out->len - len, len);
    if (e) {
        trace_add_input(e, client_hello ? "client's random" : "server's random", theirs, 32, NULL);
        trace_add_output(e, "attacker's random", mine, 32, NULL);
    }
    return true;
}

/* One plaintext handshake message: relayed, or rewritten into out. */
static bool on_message(mitm_anon *m, actor *a, const uint8_t *msg, size_t len, writer *out)
{
    bool from_client = a->id == ACTOR_CLIENT;
    if (!m->watching_only && msg[0] == HS_SERVER_KEY_EXCHANGE && !from_client) {
        if (!swap_ske(m, a, msg, len, out))
            return false;
        wr_bytes(&m->s.transcript, msg, len, NULL);
        wr_bytes(&m->c.transcript, out->buf, out->len, NULL);
        return true;
    }
    if (!m->watching_only && msg[0] == HS_CLIENT_KEY_EXCHANGE && from_client)
        return swap_cke(m, a, msg, len, out);
    if (msg[0] == HS_CLIENT_HELLO && from_client && len >= 38)
        return swap_random(a, &m->c, &m->s, msg, len, out, true);
    if (msg[0] == HS_SERVER_HELLO && !from_client) {
        server_hello sh;
        if (hs_read_server_hello(msg, len, &sh)) {
            m->ems = sh.ems;
            m->watching_only = sh.suite != anon()->code;
        }
        if (m->watching_only)
            step(a, EV_NOTE, "attacker: nothing to take over",
                 "the suite is not anonymous: the server signs its key exchange over the "
                 "randoms, so the swapped random will show and nothing can be swapped unnoticed",
                 NULL, 0);
        else if (len >= 38)
            return swap_random(a, &m->s, &m->c, msg, len, out, false);
    }
    wr_bytes(&m->c.transcript, msg, len, NULL);
    wr_bytes(&m->s.transcript, msg, len, NULL);
    wr_bytes(out, msg, len, NULL);
    return true;
}

/* Records of at most 2^14 bytes each; an empty payload still makes one record. */
static void put_records(writer *w, uint8_t type, const uint8_t *p, size_t n)
{
    size_t off = 0;
    do {
        size_t k = n - off > REC_MAX_PLAINTEXT ? REC_MAX_PLAINTEXT : n - off;
        wr_u8(w, type, NULL);
        wr_u16(w, TLS12_VERSION, NULL);
        wr_u16(w, (uint16_t)k, NULL);
        wr_bytes(w, p + off, k, NULL);
        off += k;
    } while (off < n);
}

/* The plaintext handshake bytes of a flight, message by message. */
static bool relay_handshake(mitm_anon *m, actor *a, writer *hs, writer *out)
{
    tls_err err;
    err_init(&err);
    reader r;
    rd_init(&r, hs->buf, hs->len, &err, NULL, "handshake");
    bool ok = true;
    while (ok && rd_ok(&r) && rd_left(&r) >= 4) {
        size_t start = rd_pos(&r);
        rd_u8(&r, "msg_type");
        uint32_t n = rd_u24(&r, "length");
        if (!rd_bytes(&r, n, "body"))
            break;
        writer msg;
        wr_init(&msg, NULL);
        ok = on_message(m, a, hs->buf + start, 4 + n, &msg);
        put_records(out, CT_HANDSHAKE, msg.buf, msg.len);
        wr_free(&msg);
    }
    hs->len = 0;
    return ok && rd_ok(&r);
}

/* An encrypted record: opened with the sender's side, read, sealed for the other. */
static bool translate(mitm_anon *m, actor *a, const rec_header *h, const uint8_t *frag, writer *out)
{
    bool from_client = a->id == ACTOR_CLIENT;
    side *from = from_client ? &m->c : &m->s, *to = from_client ? &m->s : &m->c;
    uint8_t *plain = m->plain;
    size_t n = 0;
    tls_err err; /* the attacker's trouble, not the sender's */
    err_init(&err);
    if (!from->keyed || !to->keyed || !rec_open(&from->from_end, h, frag, h->length, plain, &n, &err))
        return false;
    writer body;
    wr_init(&body, NULL);
    bool ok = true;
    if (h->type == CT_HANDSHAKE && n > 0 && plain[0] == HS_FINISHED)
        ok = redo_finished(a, from, to, from_client, plain, n, &body);
    else
        wr_bytes(&body, plain, n, NULL);
    if (h->type == CT_APPLICATION_DATA) {
        /* What it read goes into the narration too: the point of the attack, in words. */
        char text[512], why[768];
        bool is_text = plain_text_describe(plain, n, text, sizeof text);
        snprintf(why, sizeof why, "%s%s%sdecrypted with the keys it shares with the %s, then "
                 "encrypted again for the %s: neither end can tell",
                 is_text ? "it reads " : "", is_text ? text + strlen("as text: ") : "",
                 is_text ? "; " : "", from_client ? "client" : "server",
                 from_client ? "server" : "client");
        trace_event *e = step(a, EV_COMPUTE,
                              from_client ? "attacker reads the client's request"
                                          : "attacker reads the server's response",
                              why, plain, n);
        if (e) {
            trace_add_input(e, "encrypted record", frag, h->length, NULL);
            trace_add_input(e, from_client ? "client_write_key" : "server_write_key",
                            from_client ? from->keys.client_key : from->keys.server_key,
                            from->keys.key_len, NULL);
            trace_add_output(e, "plaintext read by the attacker", plain, n, is_text ? text : NULL);
        }
        if (!from_client)
            step(a, EV_NOTE, "man in the middle: the attacker read the whole conversation",
                 "both ends completed their handshakes and trust the connection; without a "
                 "certificate, neither could know it was talking to the attacker",
                 NULL, 0);
    }
    ok = ok && rec_seal(&to->to_end, h->type, TLS12_VERSION, body.buf, body.len, out);
    wr_free(&body);
    return ok;
}

static void announce(mitm_anon *m, actor *a)
{
    if (m->announced)
        return;
    m->announced = true;
    const fault_info *f = fault_get(FAULT_MITM_ANON);
    char title[96];
    snprintf(title, sizeof title, "fault injected: %s", f->name);
    step(a, EV_NOTE, title, f->explain, NULL, 0);
}

/* The sender recorded its protected records as readable by the two ends only; with
 * the attacker in the middle that is not so: say what happens to them instead. */
static void explain_records(mitm_anon *m, actor *a)
{
    for (; m->explained < a->t->n; m->explained++) {
        trace_event *e = &a->t->ev[m->explained];
        if (e->kind != EV_RECORD || !e->encrypted || e->actor == ACTOR_ATTACKER || m->watching_only)
            continue;
        trace_set_explain(e, e->actor == ACTOR_CLIENT
                                 ? "protected with keys the client shares with the attacker, not "
                                   "with the server: the man in the middle opens it, reads it and "
                                   "seals it again for the server"
                                 : "protected with keys the server shares with the attacker, not "
                                   "with the client: the man in the middle opens it, reads it and "
                                   "seals it again for the client");
    }
}

void mitm_anon_on_wire(mitm_anon *m, actor *a)
{
    if (a->out.len == 0)
        return;
    announce(m, a);
    explain_records(m, a);
    bool from_client = a->id == ACTOR_CLIENT;
    writer out, hs;
    wr_init(&out, NULL);
    wr_init(&hs, NULL);
    tls_err err;
    err_init(&err);
    reader r;
    rd_init(&r, a->out.buf, a->out.len, &err, NULL, "flight");
    bool ok = true;
    while (ok && rd_ok(&r) && rd_left(&r) > 0) {
        rec_header h;
        if (!rec_read_header(&r, &h))
            break;
        const uint8_t *frag = rd_bytes(&r, h.length, "fragment");
        if (!frag)
            break;
        bool enc = m->encrypted[from_client];
        if (h.type == CT_HANDSHAKE && !enc) {
            wr_bytes(&hs, frag, h.length, NULL);
            continue;
        }
        ok = relay_handshake(m, a, &hs, &out);
        if (h.type == CT_CHANGE_CIPHER_SPEC)
            m->encrypted[from_client] = true;
        if (enc && !m->watching_only)
            ok = ok && translate(m, a, &h, frag, &out);
        else
            put_records(&out, h.type, frag, h.length);
    }
    ok = ok && relay_handshake(m, a, &hs, &out) && rd_ok(&r) && !out.failed;
    if (ok) {
        wr_free(&a->out);
        a->out = out;
    } else {
        step(a, EV_NOTE, "attacker: lost track", "the flight goes on unchanged", NULL, 0);
        wr_free(&out);
    }
    wr_free(&hs);
}
