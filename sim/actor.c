#include "sim/actor.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alert.h"
#include "sim/alert_fields.h"
#include "sim/record_trace.h"
#include "base/fmt.h"

void actor_init(actor *a, actor_id id, const scenario *sc, trace *t, rng *r)
{
    memset(a, 0, sizeof *a);
    a->id = id;
    a->rng = r;
    a->sc = sc;
    a->t = t;
    hs_stream_init(&a->hs_in);
    wr_init(&a->transcript, NULL);
    wr_init(&a->out, NULL);
    wr_init(&a->hs_pending, NULL);
    err_init(&a->err);
    rec_state_plaintext(&a->rd);
    rec_state_plaintext(&a->wr);
}

void actor_free(actor *a)
{
    hs_stream_free(&a->hs_in);
    /* The pending states were copied into the active ones before any use. */
    rec_state_free(&a->rd);
    rec_state_free(&a->wr);
    wr_free(&a->transcript);
    wr_free(&a->out);
    wr_free(&a->hs_pending);
    tls12_master_mac_wipe(&a->master_mac);
    if (a->have_kx)
        kex_free(&a->kx);
    for (size_t i = 0; i < a->n_peer; i++)
        x509_free(&a->peer[i]);
    free(a->peer);
    free(a->in);
    free(a->plain);
    free(a->peer_sig_algs);
}

bool actor_keep_peer_sig_algs(actor *a, const uint16_t *algs, size_t n)
{
    free(a->peer_sig_algs);
    a->peer_sig_algs = NULL;
    a->n_peer_sig_algs = 0;
    if (n == 0)
        return true;
    if (!(a->peer_sig_algs = malloc(n * sizeof *algs))) {
        err_set(&a->err, ALERT_INTERNAL_ERROR, "out of memory for the peer's %zu signature schemes", n);
        return false;
    }
    memcpy(a->peer_sig_algs, algs, n * sizeof *algs);
    a->n_peer_sig_algs = n;
    return true;
}

/* The other side: for arrows and narration. */
static const char *peer_name(const actor *a)
{
    return a->id == ACTOR_CLIENT ? "server" : "client";
}

/* The scenario's edits of this record, made as it leaves: the trace shows the bytes
 * that really went on the wire, after a note saying what changed. */
static bool apply_edits(actor *a, uint8_t *rec, size_t len)
{
    bool edited = false;
    for (size_t i = 0; i < a->sc->n_edits; i++) {
        const wire_edit *ed = &a->sc->edits[i];
        if (ed->by != (int)a->id || ed->record != a->records_sent || ed->offset >= len)
            continue;
        char what[160];
        snprintf(what, sizeof what, "byte %zu of this %s record changed on the wire: %02x -> %02x",
                 ed->offset, actor_name(a->id), rec[ed->offset], ed->value);
        rec[ed->offset] = ed->value;
        trace_add(a->t, ACTOR_ATTACKER, EV_NOTE, "you edited a byte", what, NULL, 0);
        edited = true;
    }
    a->records_sent++;
    return edited;
}

/* An edited record's title says so; one whose plaintext msg_type byte (after the
 * 5-byte header) changed names the message it now claims to be, since the receiver
 * reads that, not what the sender meant. */
static void edited_title(char *title, size_t n, const char *what, const uint8_t *rec, size_t len,
                         bool encrypted)
{
    if (!encrypted && len > 5 && rec[0] == CT_HANDSHAKE && strncmp(what, hs_type_name(rec[5]),
                                                                   strlen(hs_type_name(rec[5]))) != 0)
        fmt(title, n, "record: %s (edited: msg_type now %u, %s)", what, rec[5],
            hs_type_name(rec[5]));
    else
        fmt(title, n, "record: %s (edited)", what);
}

/* Wraps a payload in records of at most max bytes, each recorded in the trace with
 * where its fragment lies in the payload, which began with trace event `first`. */
static bool send_records_of(actor *a, uint8_t type, const uint8_t *p, size_t n, const char *what,
                            size_t max, size_t first)
{
    size_t off = 0, parts = (n + max - 1) / max;
    do {
        size_t chunk = n - off > max ? max : n - off;
        annot_list al;
        annot_list_init(&al);
        writer w;
        wr_init(&w, &al);
        bool encrypted = a->wr.kind != REC_PLAINTEXT;
        rec_sealed sealed;
        if (!rec_seal_traced(&a->wr, type, TLS12_VERSION, p + off, chunk, &w, &sealed)) {
            wr_free(&w);
            annot_list_free(&al);
            err_set(&a->err, ALERT_INTERNAL_ERROR, "could not build a record");
            return false;
        }
        /* The record as sealed: an edit on the wire comes after the sender's work. */
        uint8_t *as_sealed = a->sc->n_edits && encrypted ? malloc(w.len) : NULL;
        if (as_sealed)
            memcpy(as_sealed, w.buf, w.len);
        bool edited = apply_edits(a, w.buf, w.len);
        char title[192];
        if (edited && parts == 1)
            edited_title(title, sizeof title, what, w.buf, w.len, encrypted);
        else if (parts > 1)
            fmt(title, sizeof title, "record: %s (part %zu of %zu)", what, off / max + 1, parts);
        else
            fmt(title, sizeof title, "record: %s", what);
        trace_event *e = trace_add(a->t, a->id, EV_RECORD, title,
                                   encrypted ? "protected with the keys from the key block: "
                                               "only the two ends can read or change it"
                                             : "a plaintext record: anyone on the path can read it",
                                   w.buf, w.len);
        if (e) {
            e->encrypted = encrypted;
            e->has_payload = true;
            e->payload_first = first;
            e->payload_at = off;
            trace_take_fields(e, &al);
            rec_trace_sealed(e, &a->wr, &sealed, p + off, chunk, as_sealed ? as_sealed : w.buf);
        }
        free(as_sealed);
        wr_bytes(&a->out, w.buf, w.len, NULL);
        wr_free(&w);
        annot_list_free(&al);
        off += chunk;
    } while (off < n);
    return true;
}

/* Sends the payload of the event just added (a ChangeCipherSpec, application data, an
 * alert). */
static bool send_records(actor *a, uint8_t type, const uint8_t *p, size_t n, const char *what)
{
    size_t first = a->t->n ? a->t->n - 1 : 0;
    if (a->hs_pending.len)
        actor_flush(a); /* coalesced messages go first: the order on the wire is the order sent */
    return send_records_of(a, type, p, n, what, REC_MAX_PLAINTEXT, first);
}

static size_t handshake_record_size(const actor *a)
{
    size_t max = a->sc->record_size;
    return max == 0 || max > REC_MAX_PLAINTEXT ? REC_MAX_PLAINTEXT : max;
}

void actor_flush(actor *a)
{
    if (a->hs_pending.len == 0)
        return;
    size_t n = a->hs_pending.len;
    uint8_t *p = wr_take(&a->hs_pending, &n);
    if (!send_records_of(a, CT_HANDSHAKE, p, n, a->pending_names, handshake_record_size(a),
                         a->pending_first))
        a->out.failed = true;
    free(p);
    a->pending_names[0] = 0;
}

bool actor_send_handshake(actor *a, writer *w, annot_list *fields, const char *explain)
{
    if (w->failed || w->len < 4) {
        err_set(&a->err, ALERT_INTERNAL_ERROR, "could not build a handshake message");
        return false;
    }
    const char *name = hs_type_name(w->buf[0]);
    /* Our own messages move through the table too: both sides follow one order. */
    if (!hs_cursor_accept(&a->cursor, a->id, CT_HANDSHAKE, w->buf[0], &a->err))
        return false;
    trace_event *e = trace_add(a->t, a->id, EV_MESSAGE, name, explain, w->buf, w->len);
    size_t seq = a->t->n ? a->t->n - 1 : 0;
    if (e) {
        e->encrypted = a->wr.kind != REC_PLAINTEXT;
        trace_take_fields(e, fields);
    }
    wr_bytes(&a->transcript, w->buf, w->len, NULL);
    if (a->sc->coalesce) {
        if (a->hs_pending.len == 0)
            a->pending_first = seq;
        size_t used = strlen(a->pending_names);
        snprintf(a->pending_names + used, sizeof a->pending_names - used, "%s%s",
                 used ? ", " : "", name);
        wr_bytes(&a->hs_pending, w->buf, w->len, NULL);
        return !a->hs_pending.failed;
    }
    return send_records_of(a, CT_HANDSHAKE, w->buf, w->len, name, handshake_record_size(a), seq);
}

void actor_send_change_cipher_spec(actor *a)
{
    const uint8_t one = 1;
    hs_cursor_accept(&a->cursor, a->id, CT_CHANGE_CIPHER_SPEC, 0, &a->err);
    /* skip-ccs: nothing is sent and the write state stays as it was, so the Finished
     * that follows goes out unprotected. */
    if (actor_hook_skip(a, FP_CCS))
        return;
    trace_add(a->t, a->id, EV_MESSAGE, "ChangeCipherSpec",
              "from the next record on, this side encrypts with the new keys", &one, 1);
    send_records(a, CT_CHANGE_CIPHER_SPEC, &one, 1, "ChangeCipherSpec");
    a->wr = a->pending_wr; /* RFC 5246 7.1: the write state switches right after it */
}

bool actor_send_app_data(actor *a, const uint8_t *p, size_t n, const char *title)
{
    trace_add(a->t, a->id, EV_MESSAGE, title,
              "application data: travels encrypted and authenticated", p, n);
    return send_records(a, CT_APPLICATION_DATA, p, n, "application data");
}

static void send_alert_code(actor *a, int level, int code, const char *why)
{
    uint8_t alert[2] = {(uint8_t)level, (uint8_t)code};
    char title[64];
    snprintf(title, sizeof title, "Alert: %s", alert_name(code));
    trace_event *e = trace_add(a->t, a->id, EV_ALERT, title, why, alert, 2);
    alert_annotate(e);
    if (e)
        trace_set_alert(e, code, "%s", why);
    send_records(a, CT_ALERT, alert, 2, title);
}

void actor_send_alert(actor *a)
{
    if (a->alert_sent)
        return;
    a->alert_sent = true;
    int code = err_is_set(&a->err) ? a->err.alert : ALERT_INTERNAL_ERROR;
    send_alert_code(a, 2, code, a->err.msg);
    trace_result *r = &a->t->result;
    if (r->outcome == OUTCOME_NONE) {
        r->outcome = OUTCOME_ALERT;
        r->alert = code;
        r->sender = a->id;
        snprintf(r->reason, sizeof r->reason, "%s", a->err.msg);
    }
}

void actor_send_close_notify(actor *a)
{
    send_alert_code(a, 1, ALERT_CLOSE_NOTIFY, "this side has nothing more to send");
}

void actor_send_warning(actor *a, int code, const char *why)
{
    send_alert_code(a, 1, code, why);
}

bool actor_transcript_hash(actor *a, uint8_t *out, size_t *len)
{
    static const hash_alg prf_hashes[2] = {HASH_SHA256, HASH_SHA384};
    hash_alg h = a->suite ? a->suite->prf : HASH_SHA256;
    *len = hash_len(h);
    if (a->hashed == 0 && !(hash_init(&a->running[0], prf_hashes[0]) &&
                            hash_init(&a->running[1], prf_hashes[1])))
        return false;
    if (a->transcript.len > a->hashed) {
        const uint8_t *p = a->transcript.buf + a->hashed;
        size_t n = a->transcript.len - a->hashed;
        /* Once the suite is known, the other hash is never read again. */
        for (int i = 0; i < 2; i++)
            if ((!a->suite || prf_hashes[i] == h) && !hash_update(&a->running[i], p, n))
                return false;
        a->hashed = a->transcript.len;
    }
    for (int i = 0; i < 2; i++)
        if (prf_hashes[i] == h)
            return hash_peek(&a->running[i], out);
    return hash_digest(h, a->transcript.buf, a->transcript.len, out);
}

trace_event *actor_compute(actor *a, const char *title, const char *explain)
{
    return trace_add(a->t, a->id, EV_COMPUTE, title, explain, NULL, 0);
}

trace_event *actor_verify(actor *a, const char *title, bool ok, int alert, const char *fmt, ...)
{
    trace_event *e = trace_add(a->t, a->id, EV_VERIFY, title, NULL, NULL, 0);
    if (e) {
        char buf[512];
        va_list ap;
        va_start(ap, fmt);
        fmt_v(buf, sizeof buf, fmt, ap);
        va_end(ap);
        trace_set_verdict(e, ok, ok ? -1 : alert, "%s", buf);
    }
    return e;
}

void actor_note(actor *a, const char *title, const char *explain)
{
    trace_add(a->t, a->id, EV_NOTE, title, explain, NULL, 0);
}

/* The other side's actor id: the sender of what arrives. */
static actor_id peer_id(const actor *a)
{
    return a->id == ACTOR_CLIENT ? ACTOR_SERVER : ACTOR_CLIENT;
}

/* A ChangeCipherSpec: one byte of value 1, between whole handshake messages, exactly
 * where the table has it (once per side: a second one is out of order too). */
static bool receive_ccs(actor *a, const uint8_t *p, size_t n, const actor_handlers *h)
{
    reader r;
    rd_init(&r, p, n, &a->err, NULL, "ChangeCipherSpec");
    if (rd_u8(&r, "type") != 1 || !rd_close(&r)) {
        err_set(&a->err, ALERT_DECODE_ERROR, "ChangeCipherSpec must be the single byte 1");
        return false;
    }
    if (hs_stream_pending(&a->hs_in)) {
        err_set(&a->err, ALERT_UNEXPECTED_MESSAGE,
                "ChangeCipherSpec in the middle of a handshake message");
        return false;
    }
    if (!hs_cursor_accept(&a->cursor, peer_id(a), CT_CHANGE_CIPHER_SPEC, 0, &a->err))
        return false;
    a->rd = a->pending_rd;
    return h->change_cipher_spec ? h->change_cipher_spec(a) : true;
}

/* RFC 5246 7.2: a fatal alert ends the connection; a warning need not. Warnings in a
 * row are capped as OpenSSL caps them, so a peer cannot keep us busy with them. */
static bool receive_alert(actor *a, const uint8_t *p, size_t n)
{
    reader rd;
    rd_init(&rd, p, n, &a->err, NULL, "Alert");
    uint8_t level = rd_u8(&rd, "level");
    uint8_t description = rd_u8(&rd, "description");
    if (!rd_close(&rd))
        return false;
    if (level != 1 && level != 2) {
        err_set(&a->err, ALERT_ILLEGAL_PARAMETER,
                "Alert.level %u: only 1 (warning) and 2 (fatal) exist", level);
        return false;
    }
    char title[64];
    snprintf(title, sizeof title, "received alert: %s", alert_name(description));
    if (level == 1 && ++a->warning_alerts >= ACTOR_MAX_WARNING_ALERTS) {
        actor_note(a, title, "a warning alert");
        err_set(&a->err, ALERT_UNEXPECTED_MESSAGE,
                "%d warning alerts in a row: the peer is stalling (OpenSSL gives up here too)",
                ACTOR_MAX_WARNING_ALERTS);
        return false;
    }
    if (description == ALERT_CLOSE_NOTIFY) {
        a->alert_received = true;
        actor_note(a, title, "the peer closed the connection cleanly");
        if (!a->done) {
            actor_send_close_notify(a);
            a->done = true;
        }
        return true;
    }
    if (level == 1) {
        trace_add(a->t, a->id, EV_NOTE, title,
                  description == ALERT_NO_RENEGOTIATION
                      ? "a warning: the peer declines to renegotiate. tlssim never asks to, "
                        "so the connection simply goes on"
                      : "a warning, not fatal: the connection goes on (RFC 5246 7.2)",
                  p, n);
        return true;
    }
    a->alert_received = true;
    trace_event *e = trace_add(a->t, a->id, EV_ALERT, title, "the peer gave up", p, n);
    alert_annotate(e);
    if (e)
        trace_set_alert(e, description, "sent by the %s", peer_name(a));
    trace_result *r = &a->t->result;
    if (r->outcome == OUTCOME_NONE) { /* a real peer's alert: its own reason is not known */
        r->outcome = OUTCOME_ALERT;
        r->alert = description;
        r->sender = peer_id(a);
        snprintf(r->reason, sizeof r->reason, "the %s rejected the handshake (its own reason is "
                 "not sent on the wire)", peer_name(a));
    }
    a->done = true;
    return true;
}

/* Handshake messages out of the record stream, each to the side's handler. */
static bool receive_handshake(actor *a, const uint8_t *p, size_t n, const actor_handlers *h)
{
    if (!hs_stream_push(&a->hs_in, p, n, &a->err))
        return false;
    uint8_t *msg;
    size_t len;
    while (!a->done && !a->alert_sent && hs_stream_next(&a->hs_in, &msg, &len, &a->err)) {
        bool ok = h->handshake(a, msg, len);
        free(msg);
        if (!ok)
            return false;
    }
    return !err_is_set(&a->err);
}

/* Application data only once the handshake is over: after the peer's Finished was
 * checked (RFC 5246 7.4.9, 7.3). Before that it is out of order, even encrypted after
 * a ChangeCipherSpec: unexpected_message, as OpenSSL answers it. */
static bool receive_app_data(actor *a, const uint8_t *p, size_t n, const actor_handlers *h)
{
    if (hs_cursor_expected(&a->cursor) != STEP_COUNT) {
        hs_cursor_accept(&a->cursor, peer_id(a), CT_APPLICATION_DATA, 0, &a->err);
        return false;
    }
    return h->app_data(a, p, n);
}

static bool dispatch(actor *a, const rec_header *hdr, const uint8_t *p, size_t n,
                     const actor_handlers *h)
{
    if (hdr->type < CT_CHANGE_CIPHER_SPEC || hdr->type > CT_APPLICATION_DATA) {
        err_set(&a->err, ALERT_UNEXPECTED_MESSAGE, "record of unknown content type %u", hdr->type);
        return false;
    }
    /* RFC 5246 6.2.1 forbids empty handshake, alert and ChangeCipherSpec records, and
     * an empty application data record carries nothing. OpenSSL passes over them but
     * gives up after 32 in a row: a peer sending only those would keep us busy. */
    if (n == 0) {
        if (++a->empty_records > ACTOR_MAX_EMPTY_RECORDS) {
            err_set(&a->err, ALERT_UNEXPECTED_MESSAGE,
                    "more than %d empty records in a row: the peer is stalling (OpenSSL gives "
                    "up here too)", ACTOR_MAX_EMPTY_RECORDS);
            return false;
        }
        if (a->empty_records == 1)
            actor_note(a, "empty record passed over",
                       "a record with no content: nothing to do (OpenSSL tolerates 32 in a row)");
        return true;
    }
    a->empty_records = 0;
    /* A server hears nothing but a ClientHello first. OpenSSL refuses any other record
     * before it, warning alerts included, with unexpected_message. */
    if (a->id == ACTOR_SERVER && hdr->type != CT_HANDSHAKE &&
        hs_cursor_expected(&a->cursor) == STEP_CLIENT_HELLO) {
        err_set(&a->err, ALERT_UNEXPECTED_MESSAGE,
                "a record of content type %u before the ClientHello: a server expects the "
                "client's hello first", hdr->type);
        return false;
    }
    if (hdr->type != CT_ALERT)
        a->warning_alerts = 0; /* progress: the warnings were not in a row */
    switch (hdr->type) {
    case CT_HANDSHAKE:
        return receive_handshake(a, p, n, h);
    case CT_CHANGE_CIPHER_SPEC:
        return receive_ccs(a, p, n, h);
    case CT_ALERT:
        return receive_alert(a, p, n);
    default:
        return receive_app_data(a, p, n, h);
    }
}

static void hex(const uint8_t *p, size_t n, char *out, size_t cap)
{
    for (size_t i = 0; i < n && 2 * i + 2 < cap; i++)
        snprintf(out + 2 * i, 3, "%02x", p[i]);
}

/* Which record of the peer's this is, in words: "the client's first encrypted record
 * (sequence number 0)". */
static void record_words(const actor *a, uint64_t seq, char *out, size_t n)
{
    char nth[24];
    rec_ordinal(seq, nth, sizeof nth);
    snprintf(out, n, "the %s's %s encrypted record (sequence number %llu)", peer_name(a), nth,
             (unsigned long long)seq);
}

/* A copy of a record the peer sent earlier: the sequence number it was sealed with,
 * from the peer's own record event, or -1. */
static long long replayed_from(const actor *a, const uint8_t *rec, size_t len, uint64_t seq)
{
    actor_id peer = a->id == ACTOR_CLIENT ? ACTOR_SERVER : ACTOR_CLIENT;
    for (size_t i = 0; i < a->t->n; i++) {
        const trace_event *e = &a->t->ev[i];
        if (e->kind != EV_RECORD || e->actor != peer || e->len != len ||
            memcmp(e->bytes, rec, len) != 0)
            continue;
        const trace_blob *b = trace_event_input(e, "sequence number");
        if (!b || b->len != 8)
            continue;
        uint64_t s = 0;
        for (size_t k = 0; k < 8; k++)
            s = s << 8 | b->data[k];
        if (s != seq)
            return (long long)s;
    }
    return -1;
}

/* A record that did not authenticate: what was compared, and what decided it. */
static void record_failed_check(actor *a, const rec_check *c, const uint8_t *rec, size_t len)
{
    bool aead = a->rd.kind == REC_AEAD;
    char got[2 * HASH_MAX_LEN + 1] = "", want[2 * HASH_MAX_LEN + 1] = "", which[96],
         replay[224] = "";
    hex(c->received, c->tag_len, got, sizeof got);
    hex(c->computed, c->tag_len, want, sizeof want);
    record_words(a, c->seq, which, sizeof which);
    long long sealed = replayed_from(a, rec, len, c->seq);
    if (sealed >= 0) {
        char nth[24];
        rec_ordinal((uint64_t)sealed, nth, sizeof nth);
        snprintf(replay, sizeof replay,
                 "; it is a copy of the %s's %s encrypted record, sealed with sequence number "
                 "%lld: the %s counts %llu, so the additional data differs",
                 peer_name(a), nth, sealed, actor_name(a->id), (unsigned long long)c->seq);
    }
    trace_event *e = actor_verify(a, "record authentication", false, ALERT_BAD_RECORD_MAC,
                                  "%s: %s received %s, computed %s%s%s", which,
                                  aead ? "tag" : "MAC", got, want,
                                  aead || c->padding_ok ? "" : " (and the padding is malformed)",
                                  replay);
    rec_trace_failed(e, &a->rd, c);
    if (err_is_set(&a->err) && a->err.alert == ALERT_BAD_RECORD_MAC)
    {
        if (sealed >= 0)
            snprintf(a->err.msg, sizeof a->err.msg,
                     "%s did not authenticate: it replays the one sealed with sequence number %lld",
                     which, sealed);
        else
            snprintf(a->err.msg, sizeof a->err.msg, "%s did not authenticate", which);
    }
}

/* Reads and checks a record header (5 bytes at p) before its body is waited for. */
static bool read_header(actor *a, const uint8_t *p, rec_header *hdr)
{
    reader r;
    rd_init(&r, p, REC_HEADER_LEN, &a->err, NULL, "record");
    if (!rec_read_header(&r, hdr)) /* longer than RFC 5246 6.2.3 allows: record_overflow */
        return false;
    /* Every record carries TLS 1.2's version (RFC 5246 6.2.1), with two exceptions
     * (E.1): the first ClientHello record may say 3.1, and a server that refuses the
     * ClientHello may send its alert in the version it speaks, before any
     * ServerHello: the client reads that alert rather than answer it. */
    bool first = a->id == ACTOR_SERVER ? a->transcript.len == 0
                                       : a->suite == NULL && hdr->type == CT_ALERT;
    if (hdr->version != TLS12_VERSION &&
        !(first && hdr->version >= 0x0300 && hdr->version < 0x0303)) {
        err_set(&a->err, ALERT_PROTOCOL_VERSION, "record version 0x%04x, TLS 1.2 (0x0303) expected",
                hdr->version);
        return false;
    }
    return true;
}

/* Moves bytes of the chunk into the partial record until it holds `want` bytes. */
static void top_up(actor *a, const uint8_t **p, size_t *n, size_t want)
{
    size_t take = want > a->in_len ? want - a->in_len : 0;
    if (take > *n)
        take = *n;
    memcpy(a->in + a->in_len, *p, take);
    a->in_len += take;
    *p += take;
    *n -= take;
}

/* Unprotects one whole record and hands its content on. */
static bool take_record(actor *a, const rec_header *hdr, const uint8_t *rec,
                        const actor_handlers *h)
{
    const uint8_t *frag = rec + REC_HEADER_LEN;
    size_t plen = 0;
    rec_check chk;
    memset(&chk, 0, sizeof chk);
    if (!rec_open_checked(&a->rd, hdr, frag, hdr->length, a->plain, &plen, &a->err, &chk)) {
        if (chk.compared)
            record_failed_check(a, &chk, rec, REC_HEADER_LEN + (size_t)hdr->length);
        return false;
    }
    return dispatch(a, hdr, a->plain, plen, h);
}

void actor_receive(actor *a, const uint8_t *p, size_t n, const actor_handlers *h)
{
    /* Room for one record: its start may wait here for the next chunk. */
    if (!a->in)
        a->in = malloc(REC_HEADER_LEN + REC_MAX_CIPHERTEXT);
    if (!a->plain)
        a->plain = malloc(REC_MAX_CIPHERTEXT);
    if (!a->in || !a->plain)
        err_set(&a->err, ALERT_INTERNAL_ERROR, "out of memory for the record buffers");
    while (!a->done && !a->alert_sent && !err_is_set(&a->err)) {
        rec_header hdr;
        const uint8_t *rec;
        if (a->in_len) {
            /* A record begun in an earlier chunk: its header first, then its body. */
            top_up(a, &p, &n, REC_HEADER_LEN);
            if (a->in_len < REC_HEADER_LEN || !read_header(a, a->in, &hdr))
                break;
            top_up(a, &p, &n, REC_HEADER_LEN + (size_t)hdr.length);
            if (a->in_len < REC_HEADER_LEN + (size_t)hdr.length)
                break; /* the whole chunk went into it; the rest comes later */
            rec = a->in;
            a->in_len = 0;
        } else {
            if (n == 0)
                break;
            if (n >= REC_HEADER_LEN && !read_header(a, p, &hdr))
                break;
            if (n < REC_HEADER_LEN || n < REC_HEADER_LEN + (size_t)hdr.length) {
                top_up(a, &p, &n, n); /* the start of a record: kept until the rest arrives */
                break;
            }
            rec = p;
            p += REC_HEADER_LEN + hdr.length;
            n -= REC_HEADER_LEN + hdr.length;
        }
        if (!take_record(a, &hdr, rec, h)) {
            /* Every way out of the handshake ends in an alert, even one nobody named. */
            if (!err_is_set(&a->err))
                err_set(&a->err, ALERT_INTERNAL_ERROR, "the %s could not go on",
                        actor_name(a->id));
            break;
        }
    }
    if (err_is_set(&a->err) && !a->alert_sent && !a->done)
        actor_send_alert(a);
    /* Once the handshake is over, a connection that sits idle (run --listen holds
     * many) need not keep its two record buffers, about 33 KiB: with no record half
     * arrived they are given back, and the next chunk takes them again. */
    if (a->in_len == 0 && hs_cursor_expected(&a->cursor) == STEP_COUNT) {
        free(a->in);
        free(a->plain);
        a->in = a->plain = NULL;
    }
}
