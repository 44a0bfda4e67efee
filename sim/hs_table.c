#include "sim/hs_table.h"

#include <stdio.h>

#include "base/alert.h"

static const hs_step_info steps[STEP_COUNT] = {
    {STEP_CLIENT_HELLO, "ClientHello", ACTOR_CLIENT, 22, 1,
     "the client offers versions, cipher suites, groups and a fresh random"},
    {STEP_SERVER_HELLO, "ServerHello", ACTOR_SERVER, 22, 2,
     "the server picks one of each and adds its own random"},
    {STEP_SERVER_CERTIFICATE, "Certificate", ACTOR_SERVER, 22, 11,
     "the server's certificate chain: who it claims to be, vouched for by a CA"},
    {STEP_SERVER_KEY_EXCHANGE, "ServerKeyExchange", ACTOR_SERVER, 22, 12,
     "(EC)DHE: the server's ephemeral public key, signed with its certificate's key"},
    {STEP_CERTIFICATE_REQUEST, "CertificateRequest", ACTOR_SERVER, 22, 13,
     "mutual TLS: the server asks the client for a certificate too"},
    {STEP_SERVER_HELLO_DONE, "ServerHelloDone", ACTOR_SERVER, 22, 14,
     "the server has said everything for now; the client's turn"},
    {STEP_CLIENT_CERTIFICATE, "Certificate", ACTOR_CLIENT, 22, 11,
     "the client's certificate chain (possibly empty), as the server asked"},
    {STEP_CLIENT_KEY_EXCHANGE, "ClientKeyExchange", ACTOR_CLIENT, 22, 16,
     "the client's half of the key exchange: its public value, or the encrypted premaster"},
    {STEP_CERTIFICATE_VERIFY, "CertificateVerify", ACTOR_CLIENT, 22, 15,
     "the client proves it holds its certificate's key by signing the handshake so far"},
    {STEP_CLIENT_CHANGE_CIPHER_SPEC, "ChangeCipherSpec", ACTOR_CLIENT, 20, 0,
     "from here on, everything the client sends is encrypted"},
    {STEP_CLIENT_FINISHED, "Finished", ACTOR_CLIENT, 22, 20,
     "the client's MAC over the whole handshake: catches any tampering on the way"},
    {STEP_NEW_SESSION_TICKET, "NewSessionTicket", ACTOR_SERVER, 22, 4,
     "the server hands the client a sealed ticket holding the session, to resume it later"},
    {STEP_SERVER_CHANGE_CIPHER_SPEC, "ChangeCipherSpec", ACTOR_SERVER, 20, 0,
     "from here on, everything the server sends is encrypted"},
    {STEP_SERVER_FINISHED, "Finished", ACTOR_SERVER, 22, 20,
     "the server's MAC over the whole handshake, its own Finished included"},
};

const hs_step_info *hs_step_get(hs_step s)
{
    return s < STEP_COUNT ? &steps[s] : NULL;
}

/* The abbreviated handshake (RFC 5246 7.3, RFC 5077 3.1): the server finishes first,
 * since both sides already hold the master secret. */
static const hs_step abbreviated[] = {
    STEP_CLIENT_HELLO,          STEP_SERVER_HELLO,    STEP_NEW_SESSION_TICKET,
    STEP_SERVER_CHANGE_CIPHER_SPEC, STEP_SERVER_FINISHED, STEP_CLIENT_CHANGE_CIPHER_SPEC,
    STEP_CLIENT_FINISHED,
};

bool hs_step_applies(hs_step s, const hs_shape *shape)
{
    if (s == STEP_NEW_SESSION_TICKET)
        return shape->new_ticket;
    if (shape->resumed) { /* no certificates, no key exchange: the session has its secret */
        for (size_t i = 0; i < sizeof abbreviated / sizeof abbreviated[0]; i++)
            if (abbreviated[i] == s)
                return true;
        return false;
    }
    switch (s) {
    case STEP_SERVER_CERTIFICATE:
        return !shape->anonymous; /* RFC 5246 7.4.2: anonymous suites send none */
    case STEP_SERVER_KEY_EXCHANGE:
        return shape->kex != HS_KEX_RSA; /* RSA transport needs no server key share */
    case STEP_CERTIFICATE_REQUEST:
    case STEP_CLIENT_CERTIFICATE:
        return shape->client_auth;
    case STEP_CERTIFICATE_VERIFY:
        /* Only a client that sent a certificate has something to prove (7.4.8). */
        return shape->client_auth && shape->client_has_cert;
    default:
        return s < STEP_COUNT;
    }
}

size_t hs_table_steps(const hs_shape *shape, hs_step out[STEP_COUNT])
{
    size_t n = 0;
    if (shape->resumed) {
        for (size_t i = 0; i < sizeof abbreviated / sizeof abbreviated[0]; i++)
            if (hs_step_applies(abbreviated[i], shape))
                out[n++] = abbreviated[i];
        return n;
    }
    for (int s = 0; s < STEP_COUNT; s++)
        if (hs_step_applies((hs_step)s, shape))
            out[n++] = (hs_step)s;
    return n;
}

void hs_cursor_init(hs_cursor *c, const hs_shape *shape)
{
    c->shape = *shape;
    c->next = 0;
    c->n = hs_table_steps(shape, c->steps);
}

void hs_cursor_reshape(hs_cursor *c, const hs_shape *shape)
{
    hs_step done_through = c->next ? c->steps[c->next - 1] : STEP_COUNT;
    hs_cursor_init(c, shape);
    /* The abbreviated shape reorders the steps: go on after the last one taken. */
    for (size_t i = 0; shape->resumed && i < c->n; i++)
        if (c->steps[i] == done_through) {
            c->next = i + 1;
            return;
        }
    /* Steps of a full handshake are numbered in its order: resume after the last one taken. */
    while (done_through != STEP_COUNT && c->next < c->n && c->steps[c->next] <= done_through)
        c->next++;
}

hs_step hs_cursor_expected(const hs_cursor *c)
{
    return c->next < c->n ? c->steps[c->next] : STEP_COUNT;
}

/* A readable name for what arrived, for the error message. */
static void describe(uint8_t content_type, uint8_t hs_type, char *buf, size_t n)
{
    for (int s = 0; s < STEP_COUNT; s++)
        if (steps[s].content_type == content_type && steps[s].hs_type == hs_type) {
            snprintf(buf, n, "%s", steps[s].name);
            return;
        }
    if (content_type == 22)
        snprintf(buf, n, "handshake message type %u", hs_type);
    else if (content_type == 23)
        snprintf(buf, n, "application data");
    else
        snprintf(buf, n, "a record of content type %u", content_type);
}

bool hs_cursor_accept(hs_cursor *c, actor_id from, uint8_t content_type, uint8_t hs_type,
                      tls_err *err)
{
    hs_step want = hs_cursor_expected(c);
    const hs_step_info *w = hs_step_get(want);
    if (w && w->sender == from && w->content_type == content_type && w->hs_type == hs_type) {
        c->next++;
        return true;
    }
    char got[64];
    describe(content_type, hs_type, got, sizeof got);
    if (w)
        err_set(err, ALERT_UNEXPECTED_MESSAGE, "%s from the %s, but %s from the %s was expected",
                got, actor_name(from), w->name, actor_name(w->sender));
    else
        err_set(err, ALERT_UNEXPECTED_MESSAGE, "%s from the %s after the handshake ended", got,
                actor_name(from));
    return false;
}
