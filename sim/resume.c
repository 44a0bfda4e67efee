/* Session resumption as both peers live it (RFC 5246 7.3, RFC 5077, RFC 7627 5.3),
 * with a trace event for every decision: what the client offers, whether the server
 * finds the session, which master secret is reused and where it came from, what is
 * kept where for next time. */
#include "sim/resume.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "crypto/crypto.h"
#include "sim/actor_keys.h"
#include "base/alert.h"
#include "sim/session_cache.h"
#include "sim/ticket.h"

/* A session id as students see it in the trace: hex, shortened. */
static const char *id_text(const uint8_t *id, size_t n, char buf[24])
{
    if (n == 0)
        return "(empty)";
    char hex[2 * SESSION_ID_MAX + 1];
    sodium_bin2hex(hex, sizeof hex, id, n);
    snprintf(buf, 24, "%.8s...%s", hex, hex + 2 * n - 4);
    return buf;
}

static trace_event *note_with(actor *a, const char *title, const char *explain)
{
    return trace_add(a->t, a->id, EV_NOTE, title, explain, NULL, 0);
}

static const char *source_text(const actor *a, resume_kind from)
{
    if (a->id == ACTOR_CLIENT)
        return "the session the client saved last time";
    return from == RESUME_TICKET ? "the session ticket the client sent back"
                                 : "the server's session cache";
}

/* Both sides: the saved master secret, and fresh keys from this connection's randoms. */
static bool reuse_master(actor *a, const uint8_t *master, resume_kind from)
{
    if (master != a->master)
        memcpy(a->master, master, TLS12_MASTER_LEN);
    trace_event *e = actor_compute(a, "master secret (resumed)",
                                   "no key exchange this time: both sides already hold the "
                                   "session's master secret, so it is reused as it is");
    if (e) {
        trace_set_formula(e, "master_secret = the session's master secret, from %s",
                          source_text(a, from));
        trace_add_output(e, "master_secret", a->master, TLS12_MASTER_LEN,
                         a->ems ? "made with the extended master secret in the first connection"
                                : "made with the classic derivation in the first connection");
    }
    note_with(a, "fresh keys from the new randoms",
              "the key block comes from the master secret and this connection's two new "
              "randoms: each connection of a session gets keys of its own");
    return actor_derive_key_block(a);
}

void resume_next_connection(trace *t, resume_kind kind, const tls_session *saved)
{
    char explain[256];
    if (saved && saved->valid)
        snprintf(explain, sizeof explain, "a new TCP connection: the client saved the first "
                 "connection's session and may offer it again, by %s, for the server to resume",
                 resume_kind_name(kind));
    else
        snprintf(explain, sizeof explain, "a new TCP connection: the first connection left no "
                 "session to resume, so this is a full handshake again");
    t->conn++; /* the note opens the new connection */
    trace_add(t, ACTOR_CLIENT, EV_NOTE,
              saved && saved->valid ? "second connection: resuming the session"
                                    : "second connection: nothing to resume",
              explain, NULL, 0);
    memset(&t->result, 0, sizeof t->result); /* the run's result is the resumed connection's */
}

/* ---- the client ---- */

void resume_client_offer(actor *a, client_hello *ch)
{
    resume_state *rs = &a->resume;
    tls_session *s = rs->saved;
    if (!s)
        return;
    ch->ticket_ext = rs->ticket_ext = a->sc->resume == RESUME_TICKET;
    if (!s->valid)
        return;
    if (!s->ems) {
        note_with(a, "not offering to resume",
                  "the session was made without EMS: RFC 7627 5.3 says not to resume it, so the "
                  "client asks for a full handshake and a new session");
        return;
    }
    if (ch->ticket_ext && s->ticket_len) {
        ch->ticket = s->ticket;
        ch->ticket_len = s->ticket_len;
        rs->offered = RESUME_TICKET;
        /* RFC 5077 3.4: a session id beside the ticket; the server echoes it if it
         * accepts the ticket, which is how the client knows. */
        rs->offered_id_len = SESSION_ID_MAX;
        if (s->id_len) {
            rs->offered_id_len = s->id_len;
            memcpy(rs->offered_id, s->id, s->id_len);
        } else if (!rng_bytes(a->rng, rs->offered_id, SESSION_ID_MAX)) {
            rs->offered = RESUME_NONE;
            return;
        }
    } else if (s->id_len) {
        rs->offered = RESUME_ID;
        rs->offered_id_len = s->id_len;
        memcpy(rs->offered_id, s->id, s->id_len);
    } else {
        return;
    }
    memcpy(ch->session_id, rs->offered_id, rs->offered_id_len);
    ch->session_id_len = rs->offered_id_len;
    ch->ems = true; /* RFC 7627 5.3: an offer to resume always carries the extension */
    trace_event *e = note_with(
        a, rs->offered == RESUME_TICKET ? "offering to resume: session ticket"
                                        : "offering to resume: session id",
        rs->offered == RESUME_TICKET
            ? "the ticket goes back unread (only the server can open it) with a session id that "
              "the server echoes if it accepts the ticket (RFC 5077 3.4)"
            : "the session id from last time: a server that still has the session in its cache "
              "echoes it (RFC 5246 7.4.1.2)");
    if (e) {
        trace_add_input(e, "session_id", ch->session_id, ch->session_id_len, NULL);
        if (rs->offered == RESUME_TICKET)
            trace_add_input(e, "ticket", s->ticket, s->ticket_len, "opaque to the client");
    }
}

/* RFC 7627 5.3: a session resumes only as it was made, with or without EMS. */
static bool client_check_ems(actor *a, const tls_session *s, const server_hello *sh)
{
    bool ok = s->ems == sh->ems;
    actor_verify(a, "extended master secret (resumed)", ok, ALERT_HANDSHAKE_FAILURE, "%s",
                 ok ? "the session was made with EMS and the ServerHello has it again (RFC 7627 "
                      "5.3)"
                 : s->ems ? "the session was made with EMS, but the ServerHello resuming it lacks "
                            "the extension: RFC 7627 5.3 says abort"
                          : "the session was made without EMS, but the ServerHello resuming it has "
                            "the extension: RFC 7627 5.3 says abort");
    if (!ok)
        err_set(&a->err, ALERT_HANDSHAKE_FAILURE, "the server resumed a session %s EMS %s it "
                "(RFC 7627 5.3)", s->ems ? "made with" : "made without", s->ems ? "without" : "with");
    return ok;
}

bool resume_client_server_hello(actor *a, const server_hello *sh)
{
    resume_state *rs = &a->resume;
    tls_session *s = rs->saved;
    if (sh->ticket_ext && !rs->ticket_ext) {
        err_set(&a->err, ALERT_UNSUPPORTED_EXTENSION,
                "ServerHello.session_ticket: the client did not ask for it (RFC 5246 7.4.1.4)");
        return false;
    }
    memcpy(rs->id, sh->session_id, sh->session_id_len);
    rs->id_len = sh->session_id_len;
    hs_shape shape = a->cursor.shape;
    shape.new_ticket = sh->ticket_ext;
    bool resumed = rs->offered != RESUME_NONE && sh->session_id_len == rs->offered_id_len &&
                   memcmp(sh->session_id, rs->offered_id, rs->offered_id_len) == 0;
    if (!resumed) {
        if (rs->offered != RESUME_NONE)
            note_with(a, "the server did not resume",
                      "the ServerHello does not echo the offered session id: the server did not "
                      "find or would not resume the session; a full handshake follows");
        if (s)
            memset(s, 0, sizeof *s); /* the new session replaces the old one */
        hs_cursor_reshape(&a->cursor, &shape);
        return true;
    }
    char buf[24];
    actor_verify(a, "resumption", true, 0,
                 "the server echoed session id %s: it resumes the session from %s",
                 id_text(sh->session_id, sh->session_id_len, buf),
                 rs->offered == RESUME_TICKET ? "the ticket" : "its cache");
    if (a->suite->code != s->suite) {
        err_set(&a->err, ALERT_ILLEGAL_PARAMETER, "ServerHello.cipher_suite: the resumed session "
                "was made with 0x%04x, not 0x%04x (RFC 5246 7.4.1.3)", s->suite, a->suite->code);
        return false;
    }
    if (!client_check_ems(a, s, sh))
        return false;
    rs->resumed = true;
    rs->from = rs->offered;
    rs->created = s->created;
    a->ems = s->ems;
    shape.resumed = true;
    hs_cursor_reshape(&a->cursor, &shape);
    return reuse_master(a, s->master, rs->from);
}

bool resume_client_ticket(actor *a, reader *r)
{
    new_session_ticket nst;
    if (!hs_parse_new_session_ticket(r, &nst))
        return false;
    tls_session *s = a->resume.saved;
    if (!s || nst.ticket_len > sizeof s->ticket || nst.ticket_len == 0) {
        note_with(a, "ticket not kept", nst.ticket_len ? "the ticket is larger than the client "
                                                         "keeps: this session will not resume by "
                                                         "ticket"
                                                       : "an empty ticket: nothing to keep");
        if (s)
            s->ticket_len = 0;
        return true;
    }
    memcpy(s->ticket, nst.ticket, nst.ticket_len);
    s->ticket_len = nst.ticket_len;
    s->lifetime_hint = nst.lifetime_hint;
    return true;
}

bool resume_client_finish(actor *a)
{
    actor_send_change_cipher_spec(a);
    uint8_t vd[TLS12_VERIFY_LEN];
    if (!actor_verify_data(a, true, vd))
        return false;
    actor_hook_flip(a, FP_FINISHED, vd, sizeof vd); /* bad-finished, as in a full handshake */
    annot_list al;
    annot_list_init(&al);
    writer w;
    wr_init(&w, &al);
    bool ok = hs_build_finished(&w, vd) &&
              actor_send_handshake(a, &w, &al, "the client's proof that it saw the same handshake: "
                                               "in a resumed handshake it comes last");
    wr_free(&w);
    annot_list_free(&al);
    return ok;
}

void resume_client_save(actor *a)
{
    resume_state *rs = &a->resume;
    tls_session *s = rs->saved;
    if (!s)
        return;
    s->version = TLS12_VERSION;
    s->suite = a->suite->code;
    s->ems = a->ems;
    memcpy(s->master, a->master, TLS12_MASTER_LEN);
    s->created = rs->resumed ? rs->created : (uint32_t)a->sc->now;
    memcpy(s->id, rs->id, rs->id_len);
    s->id_len = rs->id_len;
    s->valid = s->id_len || s->ticket_len;
    char explain[320];
    if (!s->valid)
        snprintf(explain, sizeof explain, "the server gave neither a session id nor a ticket: "
                                          "this session cannot be resumed");
    else
        snprintf(explain, sizeof explain, "kept for the next connection: master secret, suite, "
                 "EMS on or off, %s",
                 s->ticket_len && s->id_len ? "the ticket (unread) and the session id"
                 : s->ticket_len            ? "and the ticket (the client cannot read it)"
                                            : "and the session id");
    trace_event *e = note_with(a, s->valid ? "session saved" : "session not resumable",
                               explain);
    if (e && s->valid) {
        if (s->id_len)
            trace_add_input(e, "session_id", s->id, s->id_len, "sent in the next ClientHello");
        if (s->ticket_len)
            trace_add_input(e, "ticket", s->ticket, s->ticket_len, "opaque: sealed by the server");
        trace_add_input(e, "master_secret", s->master, TLS12_MASTER_LEN, NULL);
    }
}

/* ---- the server ---- */

/* The session state's fields as named byte strings, for views that show a
 * computation's inputs and outputs rather than its annotated bytes. */
static void add_state_blobs(trace_event *e, const tls_session *s, bool as_output)
{
    uint8_t suite[2] = {(uint8_t)(s->suite >> 8), (uint8_t)s->suite}, ems = s->ems;
    uint8_t created[4] = {(uint8_t)(s->created >> 24), (uint8_t)(s->created >> 16),
                          (uint8_t)(s->created >> 8), (uint8_t)s->created};
    bool (*add)(trace_event *, const char *, const uint8_t *, size_t, const char *) =
        as_output ? trace_add_output : trace_add_input;
    add(e, "cipher_suite", suite, 2, "the suite the session was made with, used again");
    add(e, "extended_master_secret", &ems, 1,
        s->ems ? "1: made with EMS, so only resumed with EMS (RFC 7627 5.3)"
               : "0: made without EMS (RFC 7627 5.3 forbids resuming it)");
    add(e, "master_secret", s->master, TLS12_MASTER_LEN, "the session's secret itself");
    add(e, "created", created, 4, "seconds since 1970: the session expires 2 hours later");
}

/* The state of the session this connection made or resumed. */
static void current_session(const actor *a, tls_session *s)
{
    memset(s, 0, sizeof *s);
    s->valid = true;
    s->version = TLS12_VERSION;
    s->suite = a->suite->code;
    s->ems = a->ems;
    memcpy(s->master, a->master, TLS12_MASTER_LEN);
    s->created = a->resume.created;
    memcpy(s->id, a->resume.id, a->resume.id_len);
    s->id_len = a->resume.id_len;
}

static bool open_ticket(actor *a, const client_hello *ch, tls_session *s)
{
    uint8_t state[256];
    size_t state_len = 0;
    ticket_view v;
    const ticket_keys *k = session_cache_ticket_keys(a->sessions);
    ticket_verdict verdict =
        ticket_open(k, ch->ticket, ch->ticket_len, state, sizeof state, &state_len, &v);
    trace_event *e = actor_verify(a, "session ticket", verdict == TICKET_OK, -1, "%s%s",
                                  ticket_verdict_text(verdict),
                                  verdict == TICKET_OK ? "" : ": no resumption");
    if (e) {
        trace_set_formula(e, "mac = HMAC-SHA256(ticket_hmac_key, key_name + iv + encrypted_state)");
        if (v.key_name)
            trace_add_input(e, "key_name", v.key_name, TICKET_KEY_NAME_LEN,
                            "as the ticket names it; the server's own is compared");
        if (v.mac && verdict != TICKET_UNKNOWN_KEY && verdict != TICKET_MALFORMED) {
            trace_add_input(e, "received mac", v.mac, ETM_MAC_LEN, "at the end of the ticket");
            trace_add_input(e, "computed mac", v.computed_mac, ETM_MAC_LEN,
                            "with the server's ticket HMAC key over the ticket's fields");
        }
    }
    if (verdict != TICKET_OK)
        return false;
    tls_err err;
    err_init(&err);
    annot_list al;
    annot_list_init(&al);
    reader r;
    rd_init(&r, state, state_len, &err, &al, "session_state");
    bool ok = session_state_read(&r, s);
    e = trace_add(a->t, a->id, EV_COMPUTE, "session state (from the ticket)",
                  "what the ticket holds, as only the server sees it: the client carried these "
                  "bytes without being able to read them",
                  state, state_len);
    if (e) {
        trace_set_formula(e, "session_state = AES-128-CBC-Decrypt(ticket_aes_key, iv, "
                             "encrypted_state)");
        trace_take_fields(e, &al);
        if (ok)
            add_state_blobs(e, s, true);
    }
    annot_list_free(&al);
    sodium_memzero(state, sizeof state);
    if (!ok)
        note_with(a, "session state unreadable", err.msg);
    memcpy(s->id, ch->session_id, ch->session_id_len);
    s->id_len = ch->session_id_len;
    return ok;
}

static bool lookup_id(actor *a, const client_hello *ch, tls_session *s)
{
    char buf[24], why[256];
    const char *id = id_text(ch->session_id, ch->session_id_len, buf);
    size_t kept = session_cache_count(a->sessions);
    if (session_cache_get(a->sessions, ch->session_id, ch->session_id_len, s)) {
        actor_verify(a, "session cache lookup", true, 0, "cache hit: session id %s is in this server's "
                     "cache (%zu session%s kept)", id, kept, kept == 1 ? "" : "s");
        return true;
    }
    snprintf(why, sizeof why, "session id %s is not in this server's cache (%zu session%s kept): "
             "it expired, or another server made it", id, kept, kept == 1 ? "" : "s");
    note_with(a, "session cache: miss", why);
    return false;
}

/* RFC 7627 5.3, for the server: 1 resume, 0 full handshake, -1 abort. */
static int server_check_ems(actor *a, const tls_session *s, const client_hello *ch)
{
    const char *why;
    int verdict;
    if (s->ems && ch->ems) {
        why = "the session was made with EMS and the ClientHello offers it again";
        verdict = 1;
    } else if (!s->ems && ch->ems) {
        why = "the session was made without EMS, but the ClientHello offers it: RFC 7627 5.3 "
              "forbids resuming, so a full handshake makes a new session";
        verdict = 0;
    } else if (s->ems) {
        why = "the session was made with EMS, but the ClientHello lacks it: RFC 7627 5.3 says "
              "abort";
        verdict = -1;
    } else {
        why = "neither the session nor the ClientHello uses EMS: RFC 7627 5.3 says the server "
              "should abort, since resuming would not be protected against a triple handshake";
        verdict = -1;
    }
    actor_verify(a, "extended master secret (resumption)", verdict > 0,
                 verdict < 0 ? ALERT_HANDSHAKE_FAILURE : -1, "%s", why);
    if (verdict < 0)
        err_set(&a->err, ALERT_HANDSHAKE_FAILURE, "%s", why);
    return verdict;
}

int resume_server_lookup(actor *a, const client_hello *ch)
{
    resume_state *rs = &a->resume;
    if (!a->sessions)
        return 0; /* a server that keeps no sessions answers every hello in full */
    rs->ticket_ext = rs->send_ticket = ch->ticket_ext;
    if (ch->ticket_len == 0 && ch->session_id_len == 0)
        return 0;
    tls_session s;
    rs->from = ch->ticket_len ? RESUME_TICKET : RESUME_ID;
    /* RFC 5077 3.4: with a ticket, the session id only tells the client the answer. */
    bool found = rs->from == RESUME_TICKET ? open_ticket(a, ch, &s) : lookup_id(a, ch, &s);
    const char *why = NULL;
    const suite_info *suite = NULL;
    if (!found)
        why = rs->from == RESUME_TICKET ? "the ticket could not be used" : "no such session";
    else if (!session_fresh(&s, a->sc->now))
        why = "the session is older than its 2-hour lifetime";
    else if (ch->version < TLS12_VERSION || s.version != TLS12_VERSION)
        why = "the session's version is not the one offered";
    else if (!hs_client_hello_offers_suite(ch, s.suite))
        why = "the ClientHello does not offer the session's cipher suite (RFC 5246 7.4.1.2)";
    else if (!(suite = s.suite == a->sc->suite->code ? a->sc->suite : suite_by_code(s.suite)))
        why = "the session's cipher suite is not one this server speaks";
    if (why) {
        char text[320];
        snprintf(text, sizeof text, "%s: a full handshake instead, which makes a new session",
                 why);
        note_with(a, "not resuming", text);
        sodium_memzero(&s, sizeof s);
        return 0;
    }
    int verdict = server_check_ems(a, &s, ch);
    if (verdict <= 0) {
        if (verdict == 0)
            note_with(a, "not resuming", "a full handshake instead, which makes a new session");
        sodium_memzero(&s, sizeof s);
        return verdict;
    }
    a->suite = suite;
    a->ems = true;
    memcpy(a->master, s.master, TLS12_MASTER_LEN);
    rs->created = s.created;
    rs->resumed = true;
    sodium_memzero(&s, sizeof s);
    return 1;
}

/* Seals the session into a ticket and sends it in a NewSessionTicket (RFC 5077 3.3). */
static bool issue_ticket(actor *a)
{
    tls_session s;
    current_session(a, &s);
    annot_list sl;
    annot_list_init(&sl);
    writer state;
    wr_init(&state, &sl);
    sealed_ticket sealed;
    bool ok = session_state_write(&state, &s) &&
              ticket_seal(session_cache_ticket_keys(a->sessions), a->rng, state.buf, state.len,
                          &sealed);
    if (ok) {
        trace_event *e = trace_add(a->t, a->id, EV_COMPUTE, "session ticket sealed",
                                   "it writes down the session and seals it with keys only it "
                                   "knows: it keeps nothing, the client keeps the ticket",
                                   state.buf, state.len);
        if (e) {
            trace_set_formula(e, "encrypted_state = AES-128-CBC(ticket_aes_key, iv, session_state); "
                                 "mac = HMAC-SHA256(ticket_hmac_key, key_name + iv + "
                                 "encrypted_state)");
            trace_take_fields(e, &sl);
            add_state_blobs(e, &s, false);
            trace_add_output(e, "iv", sealed.iv, ETM_BLOCK, "fresh for each ticket");
            trace_add_output(e, "encrypted_state", sealed.encrypted_state, sealed.encrypted_len,
                             NULL);
            trace_add_output(e, "mac", sealed.mac, ETM_MAC_LEN, NULL);
        }
    }
    sodium_memzero(&s, sizeof s);
    if (state.buf)
        sodium_memzero(state.buf, state.len);
    wr_free(&state);
    annot_list_free(&sl);
    if (!ok) {
        err_set(&a->err, ALERT_INTERNAL_ERROR, "could not seal the session ticket");
        return false;
    }
    new_session_ticket nst = {.lifetime_hint = SESSION_LIFETIME, .sealed = &sealed};
    annot_list al;
    annot_list_init(&al);
    writer w;
    wr_init(&w, &al);
    ok = hs_build_new_session_ticket(&w, &nst) &&
         actor_send_handshake(a, &w, &al, "the sealed session, for the client to keep and send "
                                          "back: the server itself stores nothing");
    wr_free(&w);
    annot_list_free(&al);
    sealed_ticket_free(&sealed);
    return ok;
}

bool resume_server_abbreviated(actor *a, const client_hello *ch)
{
    resume_state *rs = &a->resume;
    bool scsv = false; /* secure renegotiation, as in a full handshake (RFC 5746 3.6) */
    for (size_t i = 0; i < ch->n_suites; i++)
        scsv |= ch->suites[i] == 0x00ff;
    server_hello sh = {.version = TLS12_VERSION, .suite = a->suite->code, .ems = a->ems,
                       .reneg_info = ch->reneg_info || scsv, .point_formats = ch->point_formats,
                       .ticket_ext = rs->send_ticket};
    memcpy(sh.session_id, ch->session_id, ch->session_id_len);
    sh.session_id_len = ch->session_id_len;
    memcpy(rs->id, ch->session_id, ch->session_id_len);
    rs->id_len = ch->session_id_len;
    if (!rng_bytes(a->rng, sh.random, 32))
        return false;
    memcpy(a->server_random, sh.random, 32);
    hs_shape shape = a->cursor.shape;
    shape.resumed = true;
    shape.new_ticket = rs->send_ticket;
    hs_cursor_reshape(&a->cursor, &shape);
    char buf[24], why[256];
    snprintf(why, sizeof why, "session id %s is echoed: no certificate, no key exchange; the "
             "server finishes first", id_text(sh.session_id, sh.session_id_len, buf));
    note_with(a, "resuming: abbreviated handshake", why);
    annot_list al;
    annot_list_init(&al);
    writer w;
    wr_init(&w, &al);
    bool ok = hs_build_server_hello(&w, &sh) &&
              actor_send_handshake(a, &w, &al, "the server echoes the session id: it resumes the "
                                               "session, with the session's suite");
    wr_free(&w);
    annot_list_free(&al);
    if (!ok || !reuse_master(a, a->master, rs->from))
        return false;
    if (rs->send_ticket && !issue_ticket(a))
        return false;
    actor_send_change_cipher_spec(a);
    uint8_t vd[TLS12_VERIFY_LEN];
    if (!actor_verify_data(a, false, vd))
        return false;
    annot_list_init(&al);
    wr_init(&w, &al);
    ok = hs_build_finished(&w, vd) &&
         actor_send_handshake(a, &w, &al, "the server's proof that it saw the same handshake: in "
                                          "a resumed handshake it comes first");
    wr_free(&w);
    annot_list_free(&al);
    return ok;
}

bool resume_server_full_hello(actor *a, const client_hello *ch, server_hello *sh)
{
    (void)ch;
    resume_state *rs = &a->resume;
    if (!a->sessions)
        return true;
    rs->resumed = false;
    rs->created = (uint32_t)a->sc->now;
    sh->ticket_ext = rs->send_ticket;
    if (rs->send_ticket) {
        /* RFC 5077 3.4: the ticket will carry the session, so no id to remember. */
        rs->id_len = 0;
    } else {
        rs->id_len = SESSION_ID_MAX;
        if (!rng_bytes(a->rng, rs->id, SESSION_ID_MAX))
            return false;
    }
    memcpy(sh->session_id, rs->id, rs->id_len);
    sh->session_id_len = rs->id_len;
    hs_shape shape = a->cursor.shape;
    shape.new_ticket = rs->send_ticket;
    hs_cursor_reshape(&a->cursor, &shape);
    return true;
}

bool resume_server_keep(actor *a)
{
    resume_state *rs = &a->resume;
    if (!a->sessions || rs->resumed)
        return true;
    if (rs->send_ticket)
        return issue_ticket(a);
    tls_session s;
    current_session(a, &s);
    bool ok = session_cache_put(a->sessions, &s);
    sodium_memzero(&s, sizeof s);
    size_t kept = session_cache_count(a->sessions);
    char buf[24], why[320];
    snprintf(why, sizeof why, "master secret, suite and EMS on or off, under session id %s (%zu "
             "session%s kept); the client keeps the id", id_text(rs->id, rs->id_len, buf), kept,
             kept == 1 ? "" : "s");
    note_with(a, ok ? "session kept in the server's cache" : "session not kept", why);
    return true;
}

void resume_server_forget(actor *a)
{
    resume_state *rs = &a->resume;
    bool fatal = a->alert_sent || (a->alert_received && a->t->result.outcome == OUTCOME_ALERT);
    if (!a->sessions || !fatal || rs->id_len == 0 || rs->forgotten)
        return;
    rs->forgotten = true;
    tls_session s;
    if (!session_cache_get(a->sessions, rs->id, rs->id_len, &s))
        return;
    sodium_memzero(&s, sizeof s);
    session_cache_remove(a->sessions, rs->id, rs->id_len);
    note_with(a, "session forgotten", "the connection ended with a fatal alert, so the server "
                                      "drops the session from its cache: it must not be resumed "
                                      "(RFC 5246 7.2.2)");
}
