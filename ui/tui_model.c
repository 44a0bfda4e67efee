#include "ui/tui_model.h"

#include <stdlib.h>
#include <string.h>

#include "sim/engine.h"
#include "sim/fault_plan.h"
#include "sim/record.h"

void tui_model_init(tui_model *m, const scenario *sc)
{
    memset(m, 0, sizeof *m);
    m->sc = *sc;
    m->chosen = *sc;
    m->chosen.faults = 0;
    trace_init(&m->t);
    m->field = TUI_NONE;
    m->detail = TUI_NONE;
    m->range_event = TUI_NONE;
}

bool tui_range(const tui_model *m, size_t *from, size_t *len)
{
    const trace_event *e = tui_detail_event(m);
    if (m->range_event == TUI_NONE || m->range_event != m->detail || !e ||
        m->range_anchor >= e->len || m->hex_byte >= e->len)
        return false;
    size_t a = m->range_anchor, b = m->hex_byte;
    *from = a < b ? a : b;
    *len = (a < b ? b - a : a - b) + 1;
    return true;
}

void tui_model_free(tui_model *m)
{
    trace_free(&m->t);
    free(m->collapsed);
    m->collapsed = NULL;
}

/* How many events before i share its actor, kind and title: a step's identity
 * across runs of different scenarios. */
static size_t occurrence(const trace *t, size_t i)
{
    size_t n = 0;
    for (size_t k = 0; k < i; k++)
        n += t->ev[k].actor == t->ev[i].actor && t->ev[k].kind == t->ev[i].kind &&
             strcmp(t->ev[k].title, t->ev[i].title) == 0;
    return n;
}

static size_t find_same_step(const trace *t, const trace_event *old, size_t nth)
{
    for (size_t k = 0; k < t->n; k++)
        if (t->ev[k].actor == old->actor && t->ev[k].kind == old->kind &&
            strcmp(t->ev[k].title, old->title) == 0 && nth-- == 0)
            return k;
    return TUI_NONE;
}

bool tui_model_run(tui_model *m)
{
    trace old = m->t;
    size_t old_step = m->step;
    trace_init(&m->t);
    bool ran = engine_run(&m->sc, &m->t);
    size_t step = 0;
    if (old_step < old.n) {
        step = find_same_step(&m->t, &old.ev[old_step], occurrence(&old, old_step));
        if (step == TUI_NONE)
            step = old_step;
    }
    trace_free(&old);
    m->detail = TUI_NONE;
    m->range_event = TUI_NONE; /* its event may be another one now */
    m->cert_index = 0;
    tui_goto_step(m, step);
    return ran;
}

const trace_event *tui_current(const tui_model *m)
{
    return m->step < m->t.n ? &m->t.ev[m->step] : NULL;
}

const trace_event *tui_detail_event(const tui_model *m)
{
    return m->detail < m->t.n ? &m->t.ev[m->detail] : NULL;
}

/* Nodes nested deeper than this start collapsed: a Certificate message opens on its
 * two certificates, not on two hundred ASN.1 nodes. */
enum { OPEN_DEPTH = 3 };

static void set_detail(tui_model *m, size_t ev)
{
    if (ev == m->detail && m->collapsed)
        return;
    m->detail = ev;
    m->steps_open = false; /* each step's PRF starts folded */
    free(m->collapsed);
    m->collapsed = NULL;
    m->n_collapsed = 0;
    m->field = TUI_NONE;
    m->hex_byte = 0;
    const trace_event *e = tui_detail_event(m);
    if (!e || e->fields.n == 0)
        return;
    m->collapsed = calloc(e->fields.n, sizeof *m->collapsed);
    if (!m->collapsed)
        return;
    m->n_collapsed = e->fields.n;
    for (size_t i = 0; i < e->fields.n; i++)
        m->collapsed[i] = e->fields.v[i].depth >= OPEN_DEPTH && tui_field_has_children(e, i);
    m->field = 0;
    m->hex_byte = e->fields.v[0].offset;
}

static bool is_cert_check(const trace *t, size_t i)
{
    return t->ev[i].kind == EV_VERIFY && strncmp(t->ev[i].title, "certificate check:", 18) == 0;
}

static bool same_group(const trace *t, size_t a, size_t b)
{
    return is_cert_check(t, a) && is_cert_check(t, b) && t->ev[a].actor == t->ev[b].actor &&
           t->ev[a].conn == t->ev[b].conn;
}

bool tui_fold_group(const trace *t, size_t i, size_t *first, size_t *count, size_t *failed)
{
    if (i >= t->n || !is_cert_check(t, i))
        return false;
    size_t a = i, b = i + 1;
    while (a > 0 && same_group(t, a - 1, i))
        a--;
    while (b < t->n && same_group(t, b, i))
        b++;
    size_t bad = 0;
    for (size_t k = a; k < b; k++)
        bad += !t->ev[k].ok;
    if (first)
        *first = a;
    if (count)
        *count = b - a;
    if (failed)
        *failed = bad;
    return b - a >= 2;
}

bool tui_step_hidden(const tui_model *m, size_t i)
{
    size_t first;
    return !m->chains_open && tui_fold_group(&m->t, i, &first, NULL, NULL) && i != first;
}

void tui_step_move(tui_model *m, long delta)
{
    size_t s = m->step;
    for (; delta > 0 && s + 1 < m->t.n; delta--)
        do
            s++;
        while (s + 1 < m->t.n && tui_step_hidden(m, s));
    for (; delta < 0 && s > 0; delta++)
        do
            s--;
        while (s > 0 && tui_step_hidden(m, s));
    /* The row of a group is its first event: from below, land there. */
    size_t first;
    if (tui_step_hidden(m, s) && tui_fold_group(&m->t, s, &first, NULL, NULL))
        s = first;
    tui_goto_step(m, s);
}

void tui_step_message(tui_model *m, int dir)
{
    for (size_t s = m->step; dir > 0 ? s + 1 < m->t.n : s > 0;) {
        s = dir > 0 ? s + 1 : s - 1;
        ev_kind k = m->t.ev[s].kind;
        if (k == EV_MESSAGE || k == EV_ALERT) {
            tui_goto_step(m, s);
            return;
        }
    }
}

void tui_fold_toggle(tui_model *m)
{
    m->chains_open = !m->chains_open;
    size_t first;
    if (!m->chains_open && tui_fold_group(&m->t, m->step, &first, NULL, NULL))
        tui_goto_step(m, first);
}

void tui_goto_step(tui_model *m, size_t step)
{
    if (m->t.n == 0) {
        m->step = 0;
        set_detail(m, TUI_NONE);
        return;
    }
    m->step = step >= m->t.n ? m->t.n - 1 : step;
    if (tui_step_hidden(m, m->step))
        m->chains_open = true;
    if (m->view == VIEW_STEP)
        set_detail(m, m->step);
    m->scroll = m->view == VIEW_STEP ? 0 : m->scroll;
}

size_t tui_cert_events(const tui_model *m, size_t *idx, size_t max)
{
    size_t n = 0;
    /* An exercise shows nothing after the current step, certificates included. */
    size_t end = m->hide_future && m->step < m->t.n ? m->step + 1 : m->t.n;
    for (size_t i = 0; i < end && n < max; i++) {
        const trace_event *e = &m->t.ev[i];
        if (e->kind == EV_MESSAGE && strcmp(e->title, "Certificate") == 0 && e->len > 7)
            idx[n++] = i;
    }
    return n;
}

void tui_set_view(tui_model *m, tui_view v)
{
    m->view = v;
    m->scroll = 0;
    if (v == VIEW_CERT) {
        size_t idx[4];
        size_t n = tui_cert_events(m, idx, 4);
        if (m->cert_index >= n)
            m->cert_index = 0;
        set_detail(m, n ? idx[m->cert_index] : TUI_NONE);
        if (m->pane == PANE_LADDER)
            m->pane = PANE_FIELDS;
        /* Open on the leaf certificate itself, one level unfolded. */
        const trace_event *e = tui_detail_event(m);
        for (size_t i = 0; e && i < e->fields.n; i++)
            if (strcmp(e->fields.v[i].name, "Certificate") == 0) {
                tui_select_field(m, i);
                if (i < m->n_collapsed)
                    m->collapsed[i] = false;
                break;
            }
    } else {
        set_detail(m, m->step);
    }
}

bool tui_field_has_children(const trace_event *e, size_t i)
{
    return i + 1 < e->fields.n && e->fields.v[i + 1].depth > e->fields.v[i].depth;
}

bool tui_field_visible(const tui_model *m, size_t i)
{
    const trace_event *e = tui_detail_event(m);
    if (!e || i >= e->fields.n)
        return false;
    /* Visible when no ancestor is collapsed: walk back through the ancestors. */
    int depth = e->fields.v[i].depth;
    for (size_t k = i; k-- > 0 && depth > 0;) {
        if (e->fields.v[k].depth < depth) {
            if (m->collapsed && k < m->n_collapsed && m->collapsed[k])
                return false;
            depth = e->fields.v[k].depth;
        }
    }
    return true;
}

size_t tui_visible_fields(const tui_model *m, size_t *rows, size_t max)
{
    const trace_event *e = tui_detail_event(m);
    size_t n = 0;
    for (size_t i = 0; e && i < e->fields.n; i++) {
        if (!tui_field_visible(m, i))
            continue;
        if (rows && n < max)
            rows[n] = i;
        n++;
    }
    return n;
}

void tui_select_field(tui_model *m, size_t i)
{
    const trace_event *e = tui_detail_event(m);
    if (!e || i >= e->fields.n)
        return;
    /* Open every ancestor so the selection can be seen. */
    int depth = e->fields.v[i].depth;
    for (size_t k = i; k-- > 0 && depth > 0;) {
        if (e->fields.v[k].depth < depth) {
            if (m->collapsed && k < m->n_collapsed)
                m->collapsed[k] = false;
            depth = e->fields.v[k].depth;
        }
    }
    m->field = i;
    m->hex_byte = e->fields.v[i].offset;
}

void tui_field_move(tui_model *m, int delta)
{
    const trace_event *e = tui_detail_event(m);
    if (!e || e->fields.n == 0)
        return;
    size_t i = m->field < e->fields.n ? m->field : 0;
    while (delta != 0) {
        size_t k = i;
        do {
            k = delta > 0 ? k + 1 : k - 1;
        } while (k < e->fields.n && !tui_field_visible(m, k));
        if (k >= e->fields.n)
            break;
        i = k;
        delta += delta > 0 ? -1 : 1;
    }
    tui_select_field(m, i);
}

void tui_field_toggle(tui_model *m)
{
    const trace_event *e = tui_detail_event(m);
    if (m->view == VIEW_SECRETS || (e && !e->fields.n && e->n_steps))
        m->steps_open = !m->steps_open; /* no field tree here: the fold of the PRF */
    else if (e && m->field < m->n_collapsed && tui_field_has_children(e, m->field))
        m->collapsed[m->field] = !m->collapsed[m->field];
}

size_t tui_field_at_byte(const trace_event *e, size_t byte)
{
    size_t best = TUI_NONE;
    for (size_t i = 0; i < e->fields.n; i++) {
        const annot *a = &e->fields.v[i];
        if (byte >= a->offset && byte - a->offset < a->length &&
            (best == TUI_NONE || a->depth >= e->fields.v[best].depth))
            best = i;
    }
    return best;
}

void tui_select_byte(tui_model *m, size_t byte)
{
    const trace_event *e = tui_detail_event(m);
    if (!e || byte >= e->len)
        return;
    size_t f = tui_field_at_byte(e, byte);
    if (f != TUI_NONE)
        tui_select_field(m, f);
    m->hex_byte = byte;
}

/* The plaintext record that carried byte `byte` of message event msg, and where in it:
 * each record the sender made says where its fragment lies in the payload of one
 * send, and that payload is the sender's messages from payload_first on. */
static size_t record_of(const trace *t, size_t msg, size_t byte, size_t *off)
{
    const trace_event *m = &t->ev[msg];
    for (size_t k = msg + 1; k < t->n; k++) {
        const trace_event *r = &t->ev[k];
        if (r->kind != EV_RECORD || r->actor != m->actor || !r->has_payload)
            continue;
        if (r->payload_first > msg || r->encrypted || r->len < REC_HEADER_LEN)
            break; /* a later send, or protected: the message is not in the clear here */
        size_t at = byte; /* the byte's place in the payload */
        for (size_t j = r->payload_first; j < msg; j++)
            if (t->ev[j].kind == EV_MESSAGE && t->ev[j].actor == m->actor)
                at += t->ev[j].len;
        if (at >= r->payload_at && at - r->payload_at < r->len - REC_HEADER_LEN) {
            *off = REC_HEADER_LEN + at - r->payload_at;
            return k;
        }
    }
    return TUI_NONE;
}

bool tui_edit_target(const tui_model *m, size_t byte, wire_edit *out, char *why, size_t n)
{
    const trace_event *e = m->view == VIEW_STEP ? tui_detail_event(m) : NULL;
    if (!e || byte >= e->len || (e->kind != EV_RECORD && e->kind != EV_MESSAGE) ||
        e->actor == ACTOR_ATTACKER) {
        snprintf(why, n, "only the bytes of a message or a record can be edited (step to one)");
        return false;
    }
    size_t rec = m->detail, off = byte;
    if (e->kind == EV_MESSAGE) {
        if (e->encrypted) {
            snprintf(why, n, "this message travels encrypted: edit the bytes of its record "
                             "(the row below it) to change it on the wire");
            return false;
        }
        rec = record_of(&m->t, m->detail, byte, &off);
        if (rec == TUI_NONE) {
            snprintf(why, n, "no record of this run carried that byte: edit a record instead");
            return false;
        }
    }
    unsigned index = 0;
    for (size_t k = 0; k < rec; k++)
        index += m->t.ev[k].kind == EV_RECORD && m->t.ev[k].actor == m->t.ev[rec].actor;
    out->by = (int)m->t.ev[rec].actor;
    out->record = index;
    out->offset = off;
    out->value = m->t.ev[rec].bytes[off];
    return true;
}

bool tui_add_edit(tui_model *m, const wire_edit *ed)
{
    size_t i = 0;
    while (i < m->sc.n_edits && !(m->sc.edits[i].by == ed->by && m->sc.edits[i].record == ed->record &&
                                  m->sc.edits[i].offset == ed->offset))
        i++;
    if (i == SCENARIO_MAX_EDITS)
        return false;
    m->sc.edits[i] = *ed;
    if (i == m->sc.n_edits)
        m->sc.n_edits++;
    return tui_model_run(m);
}

bool tui_run_faults(tui_model *m, fault_set set, char *why, size_t n)
{
    scenario sc = m->chosen;
    sc.faults = set;
    memcpy(sc.edits, m->sc.edits, sizeof sc.edits);
    sc.n_edits = m->sc.n_edits;
    if (!fault_fit_scenario(&sc, false, why, n))
        return false;
    m->sc = sc;
    tui_model_run(m);
    tui_goto_first_failure(m);
    return true;
}

bool tui_choose_scenario(tui_model *m, const scenario *sc, char *why, size_t n)
{
    scenario before = m->chosen;
    m->chosen = *sc;
    m->chosen.faults = 0;
    if (!m->sc.faults) {
        m->sc = *sc;
        m->sc.faults = 0;
        return tui_model_run(m);
    }
    if (tui_run_faults(m, m->sc.faults, why, n))
        return true;
    m->chosen = before;
    return false;
}

void tui_goto_first_failure(tui_model *m)
{
    size_t attacker = TUI_NONE;
    for (size_t i = 0; i < m->t.n; i++) {
        const trace_event *e = &m->t.ev[i];
        if ((e->kind == EV_VERIFY && !e->ok) || (e->kind == EV_ALERT && e->alert > 0)) {
            tui_goto_step(m, i);
            return;
        }
        if (e->actor == ACTOR_ATTACKER && attacker == TUI_NONE)
            attacker = i;
    }
    /* Nothing failed (an eavesdropper, a man in the middle): where the attacker acts. */
    if (attacker != TUI_NONE)
        tui_goto_step(m, attacker);
}
