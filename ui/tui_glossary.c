/* The TUI's g key: the glossary entry of the selected field, else of the current
 * step, in a box over the panes. */
#include <stdio.h>
#include <string.h>

#include "base/alert.h"
#include "ui/glossary.h"
#include "ui/tui_curses.h"
#include "ui/tui_panes.h"

/* The term each kind of step is about, by its id (sim/trace_ids.c); the first line
 * whose id starts the event's wins. */
static const struct {
    const char *id, *term;
} step_terms[] = {
    {"record.", "record"},
    {"check.chain.trust_anchor", "trust anchor"},
    {"check.chain.basic_constraints", "CA"},
    {"check.chain.path_length", "CA"},
    {"check.chain", "chain"},
    {"check.negotiation", "cipher suite"},
    {"check.finished", "Finished"},
    {"check.ske_signature", "ServerKeyExchange"},
    {"check.certificate_verify", "CertificateVerify"},
    {"check.record", "MAC"},
    {"check.ems", "EMS"},
    {"check.session_ticket", "session ticket"},
    {"check.session_cache", "session id"},
    {"check.resumption", "session id"},
    {"check.dh_group", "DHE"},
    {"premaster_secret", "premaster secret"},
    {"master_secret", "master secret"},
    {"key_block", "key block"},
    {"verify_data", "Finished"},
    {"ske_signature", "ServerKeyExchange"},
    {"certificate_verify_signature", "CertificateVerify"},
    {"session_ticket", "session ticket"},
    {"NewSessionTicket", "session ticket"},
    {"ClientHello", "cipher suite"},
    {"ServerHello", "cipher suite"},
    {"Certificate", "certificate"},
    {"CertificateVerify", "CertificateVerify"},
    {"ServerKeyExchange", "ServerKeyExchange"},
    {"ClientKeyExchange", "premaster secret"},
    {"ChangeCipherSpec", "ChangeCipherSpec"},
    {"Finished", "Finished"},
    {"note.key_stolen", "forward secrecy"},
    {"note.handshake_complete", "Finished"},
};

const glossary_term *tui_glossary_term(const tui_model *m)
{
    const trace_event *d = tui_detail_event(m);
    const glossary_term *t = NULL;
    /* The field under the cursor when the fields or bytes have the focus. */
    if (d && m->pane != PANE_LADDER && m->field < d->fields.n) {
        const annot *a = &d->fields.v[m->field];
        if (!(t = glossary_find(a->name)))
            t = glossary_in_text(a->name);
        if (t)
            return t;
    }
    const trace_event *e = tui_current(m);
    if (!e)
        return NULL;
    if ((e->kind == EV_ALERT || (e->kind == EV_VERIFY && !e->ok)) && e->alert >= 0 &&
        (t = glossary_find(alert_name(e->alert))))
        return t;
    for (size_t i = 0; e->id && i < sizeof step_terms / sizeof step_terms[0]; i++)
        if (strncmp(e->id, step_terms[i].id, strlen(step_terms[i].id)) == 0)
            return glossary_find(step_terms[i].term);
    if ((t = glossary_in_text(e->title)))
        return t;
    return glossary_in_text(e->explain);
}

void tui_draw_glossary(const glossary_term *t)
{
    char title[96], see[160];
    snprintf(title, sizeof title, "glossary: %s (any key closes)", t->term);
    snprintf(see, sizeof see, "see %s", t->rfc);
    int w = COLS - 2 < 78 ? COLS - 2 : 78;
    int body = tui_wrap(0, 0, w - 4, 0, 0, 0, t->text);
    int seen = tui_wrap(0, 0, w - 4, 0, 0, 0, see);
    tui_rect in = tui_overlay(body + seen + 3, w, title);
    int y = in.y;
    y += tui_wrap(y, in.x + 1, in.w - 2, in.h, 0, 0, t->text);
    tui_wrap(y + 1, in.x + 1, in.w - 2, in.y + in.h - y - 1, 0, tui_attr(ROLE_TITLE), see);
}
