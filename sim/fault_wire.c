/* A flight is split into its records (and, for plaintext handshake flights, into its
 * handshake messages), one fault edits that list, and the flight is written again.
 * All parsing goes through the bounded reader. */
#include "sim/fault_wire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alert.h"
#include "sim/fault_eavesdrop.h"
#include "sim/fault_mitm.h"
#include "sim/fault_plan.h"

/* A record, or a handshake message (type is then the handshake type). */
typedef struct piece {
    uint8_t type;
    uint16_t version;
    size_t claimed;  /* the length the header states; normally len */
    uint8_t *p;
    size_t len;
} piece;

typedef struct pieces {
    piece *v;
    size_t n, cap;
} pieces;

static void pieces_free(pieces *ps)
{
    for (size_t i = 0; i < ps->n; i++)
        free(ps->v[i].p);
    free(ps->v);
    memset(ps, 0, sizeof *ps);
}

static bool pieces_insert(pieces *ps, size_t at, uint8_t type, uint16_t version, const uint8_t *p,
                          size_t len)
{
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? 2 * ps->cap : 16;
        piece *v = realloc(ps->v, cap * sizeof *v);
        if (!v)
            return false;
        ps->v = v;
        ps->cap = cap;
    }
    uint8_t *copy = malloc(len ? len : 1);
    if (!copy)
        return false;
    if (len)
        memcpy(copy, p, len);
    memmove(ps->v + at + 1, ps->v + at, (ps->n - at) * sizeof *ps->v);
    ps->v[at] = (piece){type, version, len, copy, len};
    ps->n++;
    return true;
}

static void pieces_remove(pieces *ps, size_t at)
{
    free(ps->v[at].p);
    memmove(ps->v + at, ps->v + at + 1, (ps->n - at - 1) * sizeof *ps->v);
    ps->n--;
}

/* The records of a flight: the actors only ever queue whole records. */
static bool split_records(const uint8_t *buf, size_t n, pieces *out)
{
    tls_err err;
    err_init(&err);
    reader r;
    rd_init(&r, buf, n, &err, NULL, "flight");
    while (rd_ok(&r) && rd_left(&r) > 0) {
        uint8_t type = rd_u8(&r, "content_type");
        uint16_t version = rd_u16(&r, "version");
        uint16_t len = rd_u16(&r, "length");
        const uint8_t *frag = rd_bytes(&r, len, "fragment");
        if (!frag || !pieces_insert(out, out->n, type, version, frag, len))
            return false;
    }
    return rd_ok(&r);
}

static bool join_records(const pieces *ps, writer *w)
{
    for (size_t i = 0; i < ps->n; i++) {
        wr_u8(w, ps->v[i].type, NULL);
        wr_u16(w, ps->v[i].version, NULL);
        wr_u16(w, (uint16_t)ps->v[i].claimed, NULL);
        wr_bytes(w, ps->v[i].p, ps->v[i].len, NULL);
    }
    return !w->failed;
}

/* The handshake messages of a flight made only of plaintext handshake records (the
 * hellos and the server's first flight), whatever the records' sizes. */
static bool split_messages(const pieces *recs, pieces *msgs)
{
    writer all;
    wr_init(&all, NULL);
    for (size_t i = 0; i < recs->n; i++) {
        if (recs->v[i].type != CT_HANDSHAKE) {
            wr_free(&all);
            return false;
        }
        wr_bytes(&all, recs->v[i].p, recs->v[i].len, NULL);
    }
    tls_err err;
    err_init(&err);
    reader r;
    rd_init(&r, all.buf, all.len, &err, NULL, "handshake");
    while (rd_ok(&r) && rd_left(&r) > 0) {
        size_t start = rd_pos(&r);
        uint8_t type = rd_u8(&r, "msg_type");
        uint32_t len = rd_u24(&r, "length");
        rd_bytes(&r, len, "body");
        if (rd_ok(&r) && !pieces_insert(msgs, msgs->n, type, TLS12_VERSION, all.buf + start, 4 + len))
            err_set(&err, ALERT_INTERNAL_ERROR, "out of memory");
    }
    bool ok = rd_ok(&r) && !all.failed;
    wr_free(&all);
    return ok;
}

/* One record per message (split at 2^14), as a sender that did not coalesce would. */
static bool join_messages(const pieces *msgs, pieces *recs, uint16_t version)
{
    for (size_t i = 0; i < recs->n; i++)
        free(recs->v[i].p);
    recs->n = 0;
    for (size_t i = 0; i < msgs->n; i++)
        for (size_t off = 0; off < msgs->v[i].len; off += REC_MAX_PLAINTEXT) {
            size_t k = msgs->v[i].len - off;
            if (!pieces_insert(recs, recs->n, CT_HANDSHAKE, version, msgs->v[i].p + off,
                               k > REC_MAX_PLAINTEXT ? REC_MAX_PLAINTEXT : k))
                return false;
        }
    return true;
}

/* What an edit changed, for the trace. */
typedef struct change {
    const char *what;
    const uint8_t *bytes; /* the changed message, or: */
    size_t len;
    const piece *rec;     /* the changed record, shown with its header */
} change;

/* The first record of this type after a ChangeCipherSpec: the encrypted Finished. */
static size_t after_ccs(const pieces *recs, uint8_t type)
{
    bool seen = false;
    for (size_t i = 0; i < recs->n; i++) {
        if (seen && recs->v[i].type == type)
            return i;
        seen |= recs->v[i].type == CT_CHANGE_CIPHER_SPEC;
    }
    return recs->n;
}

static size_t first_of(const pieces *ps, uint8_t type)
{
    for (size_t i = 0; i < ps->n; i++)
        if (ps->v[i].type == type)
            return i;
    return ps->n;
}

/* Flipping the last bit of an encrypted record hits the AEAD tag, or the CBC block
 * holding MAC and padding: either way the record no longer authenticates. */
static bool flip_record(pieces *recs, size_t i, change *c, const char *what)
{
    if (i >= recs->n || recs->v[i].len == 0)
        return false;
    recs->v[i].p[recs->v[i].len - 1] ^= 0x01;
    *c = (change){what, NULL, 0, &recs->v[i]};
    return true;
}

static bool tamper_finished(fault_plan *p, pieces *recs, change *c)
{
    (void)p;
    return flip_record(recs, after_ccs(recs, CT_HANDSHAKE), c,
                       "the last bit of the encrypted Finished record flipped");
}

static bool tamper_appdata(fault_plan *p, pieces *recs, change *c)
{
    (void)p;
    return flip_record(recs, first_of(recs, CT_APPLICATION_DATA), c,
                       "the last bit of the first application data record flipped");
}

static bool replay_finished(fault_plan *p, pieces *recs, change *c)
{
    (void)p;
    size_t i = after_ccs(recs, CT_HANDSHAKE);
    if (i >= recs->n ||
        !pieces_insert(recs, i + 1, recs->v[i].type, recs->v[i].version, recs->v[i].p, recs->v[i].len))
        return false;
    *c = (change){"the encrypted Finished record sent again, unchanged", NULL, 0, &recs->v[i + 1]};
    return true;
}

static bool bad_type(fault_plan *p, pieces *recs, change *c)
{
    (void)p;
    if (recs->n == 0)
        return false;
    recs->v[0].type = 99;
    *c = (change){"the first record's content type set to 99", NULL, 0, &recs->v[0]};
    return true;
}

static bool overflow(fault_plan *p, pieces *recs, change *c)
{
    (void)p;
    if (recs->n == 0)
        return false;
    recs->v[0].claimed = REC_MAX_CIPHERTEXT + 1; /* 2^14 + 2048 + 1 */
    *c = (change){"the first record's length field set to 18433", NULL, 0, &recs->v[0]};
    return true;
}

/* Edits of a plaintext handshake flight, message by message. */
typedef bool (*msg_edit)(fault_plan *p, pieces *msgs, change *c);

/* Where the cipher_suites list of the flight's ClientHello starts and how long it is
 * (without its length field); NULL when the flight does not open with a ClientHello. */
static piece *client_hello_suites(pieces *msgs, size_t *at, size_t *len)
{
    if (msgs->n == 0 || msgs->v[0].type != HS_CLIENT_HELLO)
        return NULL;
    piece *m = &msgs->v[0];
    tls_err err;
    err_init(&err);
    reader r, sid, suites;
    rd_init(&r, m->p, m->len, &err, NULL, "ClientHello");
    rd_bytes(&r, 4 + 2 + 32, "header, version, random");
    rd_vec(&r, 1, 0, 32, "session_id", &sid);
    if (!rd_vec(&r, 2, 2, 0xfffe, "cipher_suites", &suites))
        return NULL;
    *at = rd_pos(&suites);
    *len = rd_left(&suites);
    return m;
}

static bool swap_suites(fault_plan *p, pieces *msgs, change *c)
{
    (void)p;
    size_t start = 0, n = 0;
    piece *m = client_hello_suites(msgs, &start, &n);
    if (!m || n < 4)
        return false;
    /* The last two: never the suite the client prefers, so the server's choice stands. */
    size_t at = start + n - 4;
    uint8_t tmp[2] = {m->p[at], m->p[at + 1]};
    memmove(m->p + at, m->p + at + 2, 2);
    memcpy(m->p + at + 2, tmp, 2);
    *c = (change){"the last two cipher suites of ClientHello swapped", m->p, m->len, NULL};
    return true;
}

/* The cipher_suites vector of ClientHello replaced by the single weak suite; the
 * vector's and the message's lengths shrink to match. */
static bool strip_suites(fault_plan *p, pieces *msgs, change *c)
{
    (void)p;
    size_t at = 0, old = 0;
    piece *m = client_hello_suites(msgs, &at, &old);
    if (!m || old < 2)
        return false;
    size_t len = m->len - old + 2;
    size_t body = len - 4;
    memmove(m->p + at + 2, m->p + at + old, m->len - at - old);
    m->p[at - 2] = 0;
    m->p[at - 1] = 2;
    m->p[at] = (uint8_t)(FAULT_DOWNGRADE_SUITE >> 8);
    m->p[at + 1] = (uint8_t)FAULT_DOWNGRADE_SUITE;
    m->p[1] = (uint8_t)(body >> 16);
    m->p[2] = (uint8_t)(body >> 8);
    m->p[3] = (uint8_t)body;
    m->len = len;
    *c = (change){"every cipher suite but TLS_RSA_WITH_AES_128_CBC_SHA256 removed from ClientHello",
                  m->p, m->len, NULL};
    return true;
}

static bool server_flight(const pieces *msgs)
{
    return msgs->n >= 3 && msgs->v[0].type == HS_SERVER_HELLO;
}

static bool swap_second_third(fault_plan *p, pieces *msgs, change *c)
{
    (void)p;
    if (!server_flight(msgs))
        return false;
    piece tmp = msgs->v[1];
    msgs->v[1] = msgs->v[2];
    msgs->v[2] = tmp;
    *c = (change){"the server's second and third handshake messages swapped", msgs->v[1].p,
                  msgs->v[1].len, NULL};
    return true;
}

static bool duplicate_hello(fault_plan *p, pieces *msgs, change *c)
{
    (void)p;
    if (!server_flight(msgs) || !pieces_insert(msgs, 1, msgs->v[0].type, msgs->v[0].version,
                                               msgs->v[0].p, msgs->v[0].len))
        return false;
    *c = (change){"ServerHello sent a second time", msgs->v[1].p, msgs->v[1].len, NULL};
    return true;
}

static bool replace_cert(fault_plan *p, pieces *msgs, change *c)
{
    size_t i = first_of(msgs, HS_CERTIFICATE);
    if (!server_flight(msgs) || i >= msgs->n || !p->have_mitm_chain)
        return false;
    certificate_msg cm;
    memset(&cm, 0, sizeof cm);
    for (size_t k = 0; k < p->mitm_chain.n; k++) {
        cm.cert[k] = p->mitm_chain.certs[k].der;
        cm.len[k] = p->mitm_chain.certs[k].der_len;
    }
    cm.n = p->mitm_chain.n;
    writer w;
    wr_init(&w, NULL);
    bool ok = hs_build_certificate(&w, &cm);
    if (ok) {
        pieces_remove(msgs, i);
        ok = pieces_insert(msgs, i, HS_CERTIFICATE, TLS12_VERSION, w.buf, w.len);
    }
    wr_free(&w);
    if (ok)
        *c = (change){"the server's Certificate replaced by the attacker's own chain for server.test",
                      msgs->v[i].p, msgs->v[i].len, NULL};
    return ok;
}

typedef bool (*rec_edit)(fault_plan *p, pieces *recs, change *c);

/* Every wire fault of the catalogue that this build carries out. */
static const struct {
    fault_id id;
    rec_edit on_records; /* or: */
    msg_edit on_messages;
} edits[] = {
    {FAULT_TAMPER_CLIENT_FINISHED, tamper_finished, NULL},
    {FAULT_TAMPER_SERVER_FINISHED, tamper_finished, NULL},
    {FAULT_TAMPER_APPDATA, tamper_appdata, NULL},
    {FAULT_TAMPER_CLIENT_HELLO, NULL, swap_suites},
    {FAULT_RECORD_OVERFLOW, overflow, NULL},
    {FAULT_RECORD_BAD_TYPE, bad_type, NULL},
    {FAULT_REPLAY_RECORD, replay_finished, NULL},
    {FAULT_OUT_OF_ORDER, NULL, swap_second_third},
    {FAULT_DUPLICATE_SERVER_HELLO, NULL, duplicate_hello},
    {FAULT_MITM_REPLACE_CERT, NULL, replace_cert},
    {FAULT_MITM_DOWNGRADE, NULL, strip_suites},
};

static void note(actor *a, const fault_info *f, const change *c)
{
    char title[160];
    snprintf(title, sizeof title, "fault injected: %s: %s", f->name, c->what);
    writer w;
    wr_init(&w, NULL);
    if (c->rec) { /* as it will cross the wire: header, then fragment */
        piece copy = *c->rec; /* shares the bytes: nothing is freed here */
        pieces one = {&copy, 1, 1};
        join_records(&one, &w);
    }
    trace_add(a->t, f->by, EV_NOTE, title, f->explain, c->rec ? w.buf : c->bytes,
              c->rec ? w.len : c->len);
    wr_free(&w);
}

/* Applies one edit to the flight's records; true when it changed them. */
static bool apply(fault_plan *p, actor *a, const fault_info *f, size_t k, pieces *recs)
{
    change c = {0};
    if (edits[k].on_records) {
        if (!edits[k].on_records(p, recs, &c))
            return false;
        note(a, f, &c);
        return true;
    }
    pieces msgs = {0};
    uint16_t version = recs->n ? recs->v[0].version : TLS12_VERSION; /* kept as it was */
    bool done = split_messages(recs, &msgs) && edits[k].on_messages(p, &msgs, &c);
    if (done) {
        note(a, f, &c); /* before the rebuild: c points into msgs */
        done = join_messages(&msgs, recs, version);
    }
    pieces_free(&msgs);
    return done;
}

static void record_flight(actor *a, fault_plan *p)
{
    const fault_info *f = fault_get(FAULT_EAVESDROP_STOLEN_KEY);
    if (!(p->fired & FAULT_BIT(f->id))) {
        p->fired |= FAULT_BIT(f->id);
        char title[96];
        snprintf(title, sizeof title, "fault injected: %s", f->name);
        trace_add(a->t, f->by, EV_NOTE, title,
                  "an eavesdropper records every byte on the wire, changing nothing; after the "
                  "session it will steal the server's private key and try to read the recording",
                  NULL, 0);
    }
    if (!eavesdrop_record(p->eve, a->id, a->out.buf, a->out.len))
        trace_add(a->t, f->by, EV_NOTE, "eavesdropper: out of memory", "this flight is missing",
                  NULL, 0);
}

void fault_on_wire(fault_plan *p, actor *a)
{
    if (!p || a->out.len == 0)
        return;
    if (p->mitm) {
        /* Two connections: what this end sent reaches the attacker, and the attacker
         * sends its own version on (recorded as it is delivered). */
        trace_add_segment(a->t, a->id, ACTOR_ATTACKER, a->out.buf, a->out.len);
        mitm_anon_on_wire(p->mitm, a);
    }
    pieces recs = {0};
    bool split = false, changed = false;
    for (size_t k = 0; k < sizeof edits / sizeof edits[0]; k++) {
        const fault_info *f = fault_get(edits[k].id);
        /* A wire fault changes what travels towards the side that checks. */
        if (!(p->set & FAULT_BIT(f->id)) || (p->fired & FAULT_BIT(f->id)) || f->checker == a->id)
            continue;
        if (!split && !(split = split_records(a->out.buf, a->out.len, &recs)))
            break;
        if (apply(p, a, f, k, &recs)) {
            p->fired |= FAULT_BIT(f->id);
            changed = true;
        }
    }
    if (changed) {
        writer w;
        wr_init(&w, NULL);
        if (join_records(&recs, &w)) {
            wr_free(&a->out);
            a->out = w;
        } else {
            wr_free(&w);
        }
    }
    pieces_free(&recs);
    if (p->eve) /* a copy of what really crossed the wire, kept for later */
        record_flight(a, p);
}

actor_id fault_wire_sender(const fault_plan *p, const actor *a)
{
    return p && p->mitm ? ACTOR_ATTACKER : a->id;
}
