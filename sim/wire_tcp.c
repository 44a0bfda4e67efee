#include "sim/wire_tcp.h"

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "crypto/crypto.h"
#include "sim/alert.h"
#include "sim/client.h"
#include "sim/fault_plan.h"
#include "sim/fault_wire.h"
#include "sim/resume.h"
#include "sim/server.h"
#include "sim/session_cache.h"

#define IO_TIMEOUT_MS 10000 /* a silent peer ends the run instead of hanging it */

/* Splits "host:port" (or ":port", or "port" for listening) at the last colon. */
static bool split(const char *s, const char *default_host, char *host, size_t hn, char *port,
                  size_t pn)
{
    const char *colon = strrchr(s, ':');
    const char *p = colon ? colon + 1 : s;
    size_t hl = colon ? (size_t)(colon - s) : 0;
    if (!*p || strlen(p) >= pn || hl >= hn)
        return false;
    snprintf(port, pn, "%s", p);
    if (hl)
        snprintf(host, hn, "%.*s", (int)hl, s);
    else
        snprintf(host, hn, "%s", default_host);
    return true;
}

static bool flush(int fd, actor *a, tls_err *err)
{
    actor_flush(a);
    fault_on_wire(a);
    size_t off = 0;
    while (off < a->out.len) {
        ssize_t n = send(fd, a->out.buf + off, a->out.len - off, MSG_NOSIGNAL);
        if (n <= 0) {
            err_set(err, ALERT_NONE, "sending to the peer failed: %s", strerror(errno));
            return false;
        }
        off += (size_t)n;
    }
    trace_add_segment(a->t, a->id, a->id == ACTOR_CLIENT ? ACTOR_SERVER : ACTOR_CLIENT, a->out.buf,
                      a->out.len);
    a->out.len = 0;
    return true;
}

/* Feeds what the socket delivers to the actor until the conversation ends. */
static void converse(int fd, actor *a, void (*receive)(actor *, const uint8_t *, size_t),
                     tls_err *err)
{
    uint8_t buf[16384];
    while (flush(fd, a, err) && !a->done && !a->alert_sent) {
        struct pollfd p = {fd, POLLIN, 0};
        int ready = poll(&p, 1, IO_TIMEOUT_MS);
        if (ready <= 0) {
            err_set(err, ALERT_NONE, "the peer sent nothing for %d s", IO_TIMEOUT_MS / 1000);
            break;
        }
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) {
            if (!a->done)
                actor_note(a, "connection closed", "the peer closed the TCP connection");
            break;
        }
        trace_add_segment(a->t, a->id == ACTOR_CLIENT ? ACTOR_SERVER : ACTOR_CLIENT, a->id, buf,
                          (size_t)n);
        receive(a, buf, (size_t)n);
    }
    flush(fd, a, err);
}

static void settle(trace *t, const actor *a, tls_err *err)
{
    if (t->result.outcome != OUTCOME_NONE)
        return;
    t->result.outcome = OUTCOME_ALERT;
    t->result.alert = ALERT_INTERNAL_ERROR;
    t->result.sender = a->id;
    snprintf(t->result.reason, sizeof t->result.reason, "%s",
             err_is_set(err) ? err->msg : "the connection ended before the exchange finished");
}

static bool tcp_client(const scenario *sc, const char *hostport, trace *t, tls_err *err,
                       fault_plan *plan, tls_session *session)
{
    char host[256], port[16];
    if (!split(hostport, "127.0.0.1", host, sizeof host, port, sizeof port)) {
        err_set(err, ALERT_NONE, "--connect needs HOST:PORT, got '%s'", hostport);
        return false;
    }
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res = NULL;
    int rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) {
        err_set(err, ALERT_NONE, "cannot resolve %s: %s", host, gai_strerror(rc));
        return false;
    }
    int fd = -1;
    for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd < 0) {
        err_set(err, ALERT_NONE, "cannot connect to %s: %s", hostport, strerror(errno));
        return false;
    }
    if (sc->seeded && t->conn == 0) /* --resume: the second connection draws on */
        rng_seed(sc->seed);
    static actor a;
    actor_init(&a, ACTOR_CLIENT, sc, t);
    a.faults = plan;
    a.resume.saved = session;
    if (client_start(&a))
        converse(fd, &a, client_receive, err);
    settle(t, &a, err);
    actor_free(&a);
    close(fd);
    return true;
}

static bool tcp_server(const scenario *sc, const char *addrport, trace *t, tls_err *err,
                       fault_plan *plan, session_cache *sessions)
{
    char host[256], port[16];
    if (!split(addrport, "127.0.0.1", host, sizeof host, port, sizeof port)) {
        err_set(err, ALERT_NONE, "--listen needs [ADDR:]PORT, got '%s'", addrport);
        return false;
    }
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE}, *res = NULL;
    int rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) {
        err_set(err, ALERT_NONE, "cannot resolve %s: %s", host, gai_strerror(rc));
        return false;
    }
    int lfd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
    int one = 1;
    bool ok = lfd >= 0 && setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
              bind(lfd, res->ai_addr, res->ai_addrlen) == 0 && listen(lfd, 1) == 0;
    freeaddrinfo(res);
    if (!ok) {
        err_set(err, ALERT_NONE, "cannot listen on %s: %s", addrport, strerror(errno));
        if (lfd >= 0)
            close(lfd);
        return false;
    }
    fprintf(stderr, "tlssim: listening on %s:%s for one client\n", host, port);
    int fd = accept(lfd, NULL, NULL);
    close(lfd);
    if (fd < 0) {
        err_set(err, ALERT_NONE, "accept failed: %s", strerror(errno));
        return false;
    }
    if (sc->seeded)
        rng_seed(sc->seed);
    static actor a;
    actor_init(&a, ACTOR_SERVER, sc, t);
    a.faults = plan;
    a.sessions = sessions;
    server_start(&a);
    converse(fd, &a, server_receive, err);
    settle(t, &a, err);
    actor_free(&a);
    close(fd);
    return true;
}

/* The faults are prepared before the network is touched: a broken chain is ready
 * before the listener accepts. */
bool wire_tcp_client(const scenario *sc, const char *hostport, trace *t, tls_err *err)
{
    fault_plan plan;
    if (!fault_plan_init(&plan, sc, err))
        return false;
    /* --resume: connect, close, connect again offering the session (sim/resume.c). */
    tls_session *session = sc->resume != RESUME_NONE ? calloc(1, sizeof *session) : NULL;
    bool ok = tcp_client(sc, hostport, t, err, &plan, session);
    if (ok && session && t->result.outcome == OUTCOME_OK) {
        resume_next_connection(t, sc->resume, session);
        ok = tcp_client(sc, hostport, t, err, &plan, session);
    }
    free(session);
    fault_plan_free(&plan);
    return ok;
}

bool wire_tcp_server(const scenario *sc, const char *addrport, trace *t, tls_err *err)
{
    fault_plan plan;
    if (!fault_plan_init(&plan, sc, err))
        return false;
    /* A real server keeps sessions: ids in its cache, keys for its tickets. */
    session_cache *sessions = session_cache_new();
    bool ok = sessions && tcp_server(sc, addrport, t, err, &plan, sessions);
    session_cache_free(sessions);
    fault_plan_free(&plan);
    return ok;
}
