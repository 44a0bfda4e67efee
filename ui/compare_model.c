#include "ui/compare_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alert.h"
#include "sim/hs_table.h"

static bool has_output(const trace_event *e, const char *name)
{
    return trace_event_output(e, name) != NULL;
}

static bool is_pms(const trace_event *e)
{
    return e->kind == EV_COMPUTE && has_output(e, "pre_master_secret");
}

static bool is_ske_signature(const trace_event *e)
{
    return (e->kind == EV_COMPUTE || e->kind == EV_VERIFY) &&
           strcmp(e->title, "ServerKeyExchange signature") == 0;
}

bool compare_step_shown(const trace_event *e)
{
    return e->kind == EV_MESSAGE || e->kind == EV_ALERT || (e->kind == EV_VERIFY && !e->ok) ||
           e->actor == ACTOR_ATTACKER || is_pms(e) || is_ske_signature(e) ||
           (e->kind == EV_NOTE && strncmp(e->title, "fault injected", 14) == 0);
}

/* The same step in both runs: same connection, side and kind, and the same title;
 * a premaster computation matches the other run's whatever its method, since that
 * is the very difference to show side by side. */
static bool same_step(const trace_event *a, const trace_event *b)
{
    if (a->conn != b->conn || a->actor != b->actor)
        return false;
    if (is_pms(a) && is_pms(b))
        return true;
    return a->kind == b->kind && strcmp(a->title, b->title) == 0;
}

/* The shown steps of a trace, as event indexes; returns how many (NULL on no memory). */
static size_t *shown_steps(const trace *t, size_t *n)
{
    size_t *v = malloc((t->n ? t->n : 1) * sizeof *v);
    *n = 0;
    for (size_t i = 0; v && i < t->n; i++)
        if (compare_step_shown(&t->ev[i]))
            v[(*n)++] = i;
    return v;
}

/* Aligns the two step lists by their longest common subsequence (as diff does):
 * matched steps share a row; the others get a row of their own, marked missing on
 * the other side. */
static bool align(compare_model *m)
{
    const trace *ta = m->side[0].t, *tb = m->side[1].t;
    size_t na, nb;
    size_t *a = shown_steps(ta, &na), *b = shown_steps(tb, &nb);
    size_t *lcs = calloc((na + 1) * (nb + 1), sizeof *lcs);
    m->rows = malloc((na + nb + 1) * sizeof *m->rows);
    bool ok = a && b && lcs && m->rows;
#define L(i, j) lcs[(i) * (nb + 1) + (j)]
    for (size_t i = na; ok && i-- > 0;)
        for (size_t j = nb; j-- > 0;)
            L(i, j) = same_step(&ta->ev[a[i]], &tb->ev[b[j]])
                          ? L(i + 1, j + 1) + 1
                          : (L(i + 1, j) >= L(i, j + 1) ? L(i + 1, j) : L(i, j + 1));
    size_t i = 0, j = 0;
    m->n_rows = 0;
    while (ok && (i < na || j < nb)) {
        cmp_row *r = &m->rows[m->n_rows++];
        if (i < na && j < nb && same_step(&ta->ev[a[i]], &tb->ev[b[j]])) {
            *r = (cmp_row){{a[i++], b[j++]}};
        } else if (i < na && (j == nb || L(i + 1, j) >= L(i, j + 1))) {
            *r = (cmp_row){{a[i++], CMP_NONE}};
        } else {
            *r = (cmp_row){{CMP_NONE, b[j++]}};
        }
    }
#undef L
    free(a);
    free(b);
    free(lcs);
    return ok;
}

/* A message of the handshake proper, as the handshake table names them (not
 * application data or alerts). */
static bool handshake_message(const trace_event *e)
{
    if (e->kind != EV_MESSAGE || e->actor == ACTOR_ATTACKER)
        return false;
    for (int s = 0; s < STEP_COUNT; s++)
        if (strcmp(hs_step_get((hs_step)s)->name, e->title) == 0 &&
            hs_step_get((hs_step)s)->sender == e->actor)
            return true;
    return false;
}

static void summarize(cmp_side *s)
{
    const trace *t = s->t;
    s->pms_event = s->key_event = CMP_NONE;
    const trace_blob *client_pms = NULL;
    int last_actor = -1;
    unsigned last_conn = 0;
    bool finished_ok[2] = {false, false};
    for (size_t i = 0; i < t->n; i++) {
        const trace_event *e = &t->ev[i];
        if (is_pms(e) && e->actor == ACTOR_CLIENT && s->pms_event == CMP_NONE) {
            s->pms_event = i;
            client_pms = trace_event_output(e, "pre_master_secret");
            s->pms_len = client_pms->len;
            if (has_output(e, "encrypted_pre_master_secret"))
                s->pms = CMP_PMS_TRANSPORT;
            else if (trace_event_input(e, "server_public") && trace_event_input(e, "client_public"))
                s->pms = CMP_PMS_SHARES;
        } else if (is_pms(e) && e->actor == ACTOR_SERVER && client_pms && !s->pms_both_same) {
            const trace_blob *p = trace_event_output(e, "pre_master_secret");
            s->pms_both_same = p->len == client_pms->len &&
                               memcmp(p->data, client_pms->data, p->len) == 0;
        }
        if (e->actor == ACTOR_SERVER && s->key_event == CMP_NONE) {
            if (e->kind == EV_COMPUTE && trace_event_input(e, "encrypted_pre_master_secret")) {
                s->key_use = CMP_KEY_DECRYPT;
                s->key_event = i;
            } else if (e->kind == EV_COMPUTE && is_ske_signature(e)) {
                s->key_use = CMP_KEY_SIGN;
                s->key_event = i;
            }
        }
        if (e->kind == EV_VERIFY && e->actor == ACTOR_CLIENT && is_ske_signature(e) && !e->ok)
            s->key_check_failed = true;
        if (e->kind == EV_VERIFY && e->ok && e->actor != ACTOR_ATTACKER &&
            strcmp(e->title, e->actor == ACTOR_CLIENT ? "server Finished" : "client Finished") == 0)
            finished_ok[e->actor] = true;
        if (handshake_message(e)) {
            /* A flight: one side's turn, until the other side sends (RFC 5246 7.3). */
            if ((int)e->actor != last_actor || e->conn != last_conn) {
                s->flights++;
                s->server_flights += e->actor == ACTOR_SERVER;
                if (e->conn < CMP_MAX_CONNS) {
                    s->conn_trips[e->conn] += e->actor == ACTOR_SERVER;
                    s->n_conns = e->conn + 1 > s->n_conns ? e->conn + 1 : s->n_conns;
                }
            }
            last_actor = (int)e->actor;
            last_conn = e->conn;
        }
    }
    s->complete = finished_ok[ACTOR_CLIENT] && finished_ok[ACTOR_SERVER];
    s->fs_from_trace = s->pms != CMP_PMS_UNKNOWN;
    if (s->fs_from_trace)
        s->forward_secrecy = s->pms == CMP_PMS_SHARES;
    else
        s->forward_secrecy = s->suite->kex != HS_KEX_RSA;
    /* What crossed the wire, after anything on the path changed it; a segment between
     * the attacker and the server counts in the direction it went, as a capture does. */
    for (size_t i = 0; i < t->n_wire; i++) {
        const trace_segment *g = &t->wire[i];
        bool to_server = g->from == ACTOR_CLIENT || (g->from == ACTOR_ATTACKER && g->to == ACTOR_SERVER);
        *(to_server ? &s->bytes_c2s : &s->bytes_s2c) += g->len;
    }
}

bool compare_build(compare_model *m, const trace *a, const scenario *sa, const trace *b,
                   const scenario *sb)
{
    memset(m, 0, sizeof *m);
    const trace *t[2] = {a, b};
    const scenario *sc[2] = {sa, sb};
    for (int k = 0; k < 2; k++) {
        m->side[k].t = t[k];
        m->side[k].suite = sc[k]->suite;
        m->side[k].client_auth = sc[k]->client_auth;
        m->side[k].faults = sc[k]->faults;
        summarize(&m->side[k]);
    }
    if (!align(m)) {
        compare_free(m);
        return false;
    }
    for (size_t r = 0; r < m->n_rows; r++)
        for (int k = 0; k < 2; k++)
            if (m->rows[r].ev[k] != CMP_NONE)
                m->side[k].last_row = r;
    return true;
}

void compare_free(compare_model *m)
{
    free(m->rows);
    m->rows = NULL;
    m->n_rows = 0;
}

const char *compare_kex_name(const suite_info *s)
{
    return s->kex == HS_KEX_RSA ? "RSA key transport" : s->kex == HS_KEX_DHE ? "DHE" : "ECDHE";
}

static const char *key_name(const suite_info *s)
{
    return s->auth == PKEY_EC ? "ECDSA" : "RSA";
}

const char *compare_item_label(cmp_item it)
{
    static const char *const labels[CMP_ITEM_COUNT] = {
        "premaster secret", "server's key", "forward secrecy", "round trips",
        "bytes to server",  "bytes to client", "bytes in total", "how it ended",
    };
    return it < CMP_ITEM_COUNT ? labels[it] : "";
}

static void pms_text(const cmp_side *s, bool brief, char *out, size_t n)
{
    const char *kex = compare_kex_name(s->suite);
    if (s->pms == CMP_PMS_TRANSPORT)
        snprintf(out, n, brief ? "client picks it, encrypts it"
                               : "chosen by the client (%zu bytes: the version it offered, "
                                 "then random bytes) and sent in ClientKeyExchange, encrypted "
                                 "with the RSA public key of the server's certificate",
                 s->pms_len);
    else if (s->pms == CMP_PMS_SHARES && brief)
        snprintf(out, n, "both sides compute it (%s)", kex);
    else if (s->pms == CMP_PMS_SHARES)
        snprintf(out, n, "computed by each side (%zu bytes) from its own %s private value and "
                         "the other side's public share; it never crosses the wire%s",
                 s->pms_len, kex,
                 s->pms_both_same ? ". Both sides got the same bytes." : "");
    else
        snprintf(out, n, brief ? "none: the run ended before"
                               : "none: the run ended before the client made one");
}

static void key_text(const cmp_side *s, bool brief, char *out, size_t n)
{
    const char *key = key_name(s->suite);
    if (s->key_use == CMP_KEY_DECRYPT)
        snprintf(out, n, brief ? "decrypts the premaster"
                               : "decrypting: the server's %s private key opens the premaster "
                                 "secret that the client encrypted to it",
                 key);
    else if (s->key_use == CMP_KEY_SIGN && brief)
        snprintf(out, n, "%s", s->key_check_failed ? "signs key share: check FAILED"
                                                   : "signs the server's key share");
    else if (s->key_use == CMP_KEY_SIGN)
        snprintf(out, n, "signing: the server signs ServerKeyExchange (its %s public share, "
                         "with both randoms) with its %s private key, and the client checks "
                         "that signature against the certificate%s",
                 compare_kex_name(s->suite), key,
                 s->key_check_failed ? ". Here the client's check of that signature FAILED" : "");
    else
        snprintf(out, n, brief ? "not used: run ended before"
                               : "not used: the run ended before the server used its key");
}

static void fs_text(const cmp_side *s, bool brief, char *out, size_t n)
{
    const char *from = s->fs_from_trace ? "" : " (as the suite says)";
    if (brief)
        snprintf(out, n, "%s%s", s->forward_secrecy ? "yes" : "NO", from);
    else if (s->forward_secrecy)
        snprintf(out, n, "yes%s: the %s private values exist only during the handshake, so "
                         "a server key stolen later cannot recover this session's keys",
                 from, compare_kex_name(s->suite));
    else
        snprintf(out, n, "no%s: whoever records the session and later obtains the server's "
                         "private key can decrypt ClientKeyExchange, then derive every key",
                 from);
}

/* "2 + 1": the round trips of each connection. */
static void per_conn(const cmp_side *s, char *out, size_t n)
{
    size_t used = 0;
    out[0] = 0;
    for (unsigned c = 0; c < s->n_conns && used < n; c++)
        used += (size_t)snprintf(out + used, n - used, "%s%u", c ? " + " : "", s->conn_trips[c]);
}

static void trips_text(const cmp_side *s, bool brief, char *out, size_t n)
{
    char each[64];
    per_conn(s, each, sizeof each);
    if (s->complete && s->n_conns > 1 && brief)
        snprintf(out, n, "%s (%u connections)", each, s->n_conns);
    else if (s->complete && s->n_conns > 1)
        snprintf(out, n, "%s: the client waits for the server that many times in each of the "
                         "%u connections before it may send application data (%u flights of "
                         "handshake messages in all)",
                 each, s->n_conns, s->flights);
    else if (s->complete && brief)
        snprintf(out, n, "%u (%u flights)", s->server_flights, s->flights);
    else if (s->complete)
        snprintf(out, n, "%u: the client waits for the server %u time%s before it may send "
                         "application data (%u flights of handshake messages)",
                 s->server_flights, s->server_flights, s->server_flights == 1 ? "" : "s",
                 s->flights);
    else
        snprintf(out, n, brief ? "unfinished, after %u flights"
                               : "the handshake did not finish: it stopped after %u flights of "
                                 "handshake messages",
                 s->flights);
}

static void ended_text(const cmp_side *s, bool brief, char *out, size_t n)
{
    const trace_result *r = &s->t->result;
    switch (r->outcome) {
    case OUTCOME_OK:
        snprintf(out, n, brief ? "ok" : "ok: the handshake completed and application data "
                                        "went both ways");
        break;
    case OUTCOME_ALERT:
        if (brief && strlen(alert_name(r->alert)) + strlen(" by client") <= 29)
            snprintf(out, n, "%s by %s", alert_name(r->alert), actor_name(r->sender));
        else if (brief)
            snprintf(out, n, "%s", alert_name(r->alert));
        else
            snprintf(out, n, "alert %s(%d) sent by the %s: %s", alert_name(r->alert), r->alert,
                     actor_name(r->sender), r->reason);
        break;
    case OUTCOME_CLOSED:
    case OUTCOME_TIMEOUT:
        snprintf(out, n, "%s%s%s", trace_outcome_name(r->outcome), brief ? "" : ": ",
                 brief ? "" : r->reason);
        break;
    default:
        snprintf(out, n, "%s", brief ? "unfinished" : "the run stopped before an outcome");
    }
}

void compare_item_text(const cmp_side *s, cmp_item it, bool brief, char *out, size_t n)
{
    switch (it) {
    case CMP_ITEM_PMS: pms_text(s, brief, out, n); break;
    case CMP_ITEM_KEY_USE: key_text(s, brief, out, n); break;
    case CMP_ITEM_FS: fs_text(s, brief, out, n); break;
    case CMP_ITEM_TRIPS: trips_text(s, brief, out, n); break;
    case CMP_ITEM_BYTES_C2S: snprintf(out, n, "%zu", s->bytes_c2s); break;
    case CMP_ITEM_BYTES_S2C: snprintf(out, n, "%zu", s->bytes_s2c); break;
    case CMP_ITEM_BYTES_TOTAL: snprintf(out, n, "%zu", s->bytes_c2s + s->bytes_s2c); break;
    case CMP_ITEM_ENDED: ended_text(s, brief, out, n); break;
    default: snprintf(out, n, "?");
    }
}

void compare_faults_text(const cmp_side *s, char *out, size_t n)
{
    size_t used = 0;
    out[0] = 0;
    for (size_t i = 0; i < fault_count() && used < n; i++)
        if (s->faults & FAULT_BIT(fault_at(i)->id))
            used += (size_t)snprintf(out + used, n - used, "%s%s", used ? ", " : "",
                                     fault_at(i)->name);
}

void compare_missing_text(const compare_model *m, int side, size_t row, char *out, size_t n)
{
    const cmp_side *s = &m->side[side];
    size_t other = m->rows[row].ev[1 - side];
    const trace_event *e = other != CMP_NONE ? &m->side[1 - side].t->ev[other] : NULL;
    if (e && e->kind == EV_MESSAGE) {
        hs_shape shape = {s->suite->kex, s->client_auth, s->client_auth,
                          suite_anonymous(s->suite), false, false};
        for (int k = 0; k < STEP_COUNT; k++) {
            const hs_step_info *st = hs_step_get((hs_step)k);
            if (strcmp(st->name, e->title) == 0 && st->sender == e->actor &&
                !hs_step_applies((hs_step)k, &shape)) {
                snprintf(out, n, "%s has no %s", compare_kex_name(s->suite), e->title);
                return;
            }
        }
    }
    snprintf(out, n, row > s->last_row ? "this run had ended before" : "this run has no such step");
}
