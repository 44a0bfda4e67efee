/* NewSessionTicket (RFC 5077 3.3):
 *   struct { uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>; } NewSessionTicket;
 * The server annotates the ticket's inside (it made it); the client sees one opaque
 * field. */
#include "sim/hs_msg.h"
#include "sim/ticket.h"

bool hs_build_new_session_ticket(writer *w, const new_session_ticket *m)
{
    wr_mark msg = hs_begin(w, HS_NEW_SESSION_TICKET);
    wr_u32(w, m->lifetime_hint, "ticket_lifetime_hint");
    wr_describe(w, "%u seconds", m->lifetime_hint);
    wr_mark t = wr_open(w, 2, "ticket");
    if (m->sealed)
        ticket_write(w, m->sealed);
    else
        wr_bytes(w, m->ticket, m->ticket_len, NULL);
    wr_close(w, t);
    hs_end(w, msg);
    return !w->failed;
}

bool hs_parse_new_session_ticket(reader *r, new_session_ticket *m)
{
    reader body, t;
    m->sealed = NULL;
    m->ticket = NULL;
    m->ticket_len = 0;
    if (!hs_open(r, HS_NEW_SESSION_TICKET, &body))
        return false;
    m->lifetime_hint = rd_u32(&body, "ticket_lifetime_hint");
    rd_describe(&body, "%u seconds", m->lifetime_hint);
    if (rd_vec(&body, 2, 0, 0xffff, "ticket", &t)) {
        m->ticket_len = rd_left(&t);
        m->ticket = rd_bytes(&t, m->ticket_len, NULL);
        rd_close(&t);
    }
    return hs_close(r, &body);
}
