/* libFuzzer: the NewSessionTicket parser, then the server's ticket check, on arbitrary
 * bytes: a ticket from the network is opened only after its MAC checks. */
#include "sim/session.h"
#include "sim/ticket.h"
#include "tests/fuzz/fuzz_hs.h"

static void parse(reader *r, size_t size)
{
    (void)size;
    new_session_ticket m;
    if (!hs_parse_new_session_ticket(r, &m) || !m.ticket)
        return;
    static ticket_keys keys; /* all zero: a ticket sealed under them may open */
    uint8_t state[256];
    size_t n = 0;
    ticket_view seen;
    if (ticket_open(&keys, m.ticket, m.ticket_len, state, sizeof state, &n, &seen) != TICKET_OK)
        return;
    tls_err err;
    err_init(&err);
    reader sr;
    rd_init(&sr, state, n, &err, NULL, "session_state");
    tls_session s;
    (void)session_state_read(&sr, &s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_hs_run(data, size, parse);
    return 0;
}
