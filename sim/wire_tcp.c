#include "sim/wire_tcp.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "crypto/crypto.h"
#include "base/alert.h"
#include "sim/client.h"
#include "sim/fault_plan.h"
#include "sim/resume.h"
#include "sim/server.h"
#include "sim/tcp_addr.h"

/* One TCP connection and the actor that speaks TLS on it. */
typedef struct conn {
    int fd;
    actor *a;           /* on the heap: an actor holds a record's worth of buffers */
    trace t;
    fault_plan *plan;   /* the listener's (malloc'd), with its own record of which faults
                         * fired; NULL without faults, to keep a connection small */
    void (*receive)(actor *, const uint8_t *, size_t);
    char peer[64];
    int64_t deadline;   /* CLOCK_MONOTONIC milliseconds */
    writer outq;        /* what the actor sent that the socket has not taken yet */
    size_t sent;        /* ...of which this much is gone */
    bool broken;        /* the socket failed or the peer closed: end now */
} conn;

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *peer_role(const conn *c)
{
    return c->a->id == ACTOR_CLIENT ? "server" : "client";
}

/* Ends the run without an alert unless it already has an outcome. A peer's early
 * close_notify is what ended it when the actor took one (it is then done). */
static void conn_settle(conn *c, trace_outcome kind, const char *why)
{
    if (c->t.result.outcome != OUTCOME_NONE)
        return;
    if (c->a->done)
        trace_set_ended(&c->t, OUTCOME_CLOSED, "the %s sent close_notify before the exchange "
                        "finished", peer_role(c));
    else
        trace_set_ended(&c->t, kind, "%s", why);
}

/* Moves what the actor wrote (after any wire fault) into the send queue, recording it
 * as it goes on the wire. */
static void conn_take_output(conn *c)
{
    actor *a = c->a;
    actor_flush(a);
    actor_hook_on_wire(a);
    if (a->out.len == 0)
        return;
    trace_add_segment(a->t, actor_hook_wire_sender(a), a->id == ACTOR_CLIENT ? ACTOR_SERVER : ACTOR_CLIENT,
                      a->out.buf, a->out.len);
    wr_bytes(&c->outq, a->out.buf, a->out.len, NULL);
    a->out.len = 0;
}

/* Sends as much of the queue as the socket takes without blocking. */
static void conn_send(conn *c)
{
    while (!c->broken && c->sent < c->outq.len) {
        ssize_t n = send(c->fd, c->outq.buf + c->sent, c->outq.len - c->sent,
                         MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
            return;
        if (n <= 0) {
            char why[160];
            snprintf(why, sizeof why, "sending to the %s failed: %s", peer_role(c),
                     strerror(errno));
            actor_note(c->a, "connection lost", why);
            conn_settle(c, OUTCOME_CLOSED, why);
            c->broken = true;
            return;
        }
        c->sent += (size_t)n;
    }
    if (c->outq.failed) {
        conn_settle(c, OUTCOME_CLOSED, "tlssim ran out of memory");
        c->broken = true;
    }
    c->outq.len = c->sent = 0;
}

/* The peer closed its side: say how far the last record had come. */
static void conn_peer_closed(conn *c)
{
    char why[200];
    size_t have = c->a->in_len;
    if (have == 0)
        snprintf(why, sizeof why, "the %s closed the connection without an alert before the "
                 "exchange finished", peer_role(c));
    else if (have < REC_HEADER_LEN)
        snprintf(why, sizeof why, "the %s closed the connection after %zu of a record header's "
                 "%d bytes", peer_role(c), have, REC_HEADER_LEN);
    else
        snprintf(why, sizeof why, "the %s closed the connection in the middle of a record "
                 "(%zu bytes of it arrived)", peer_role(c), have);
    if (!c->a->done)
        actor_note(c->a, "connection closed", why);
    conn_settle(c, OUTCOME_CLOSED, why);
    c->broken = true;
}

static void conn_read(conn *c)
{
    uint8_t buf[16384];
    ssize_t n = recv(c->fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    if (n == 0) {
        conn_peer_closed(c);
        return;
    }
    if (n < 0) {
        char why[160];
        snprintf(why, sizeof why, "the %s reset the connection: %s", peer_role(c), strerror(errno));
        actor_note(c->a, "connection lost", why);
        conn_settle(c, OUTCOME_CLOSED, why);
        c->broken = true;
        return;
    }
    actor *a = c->a;
    trace_add_segment(&c->t, a->id == ACTOR_CLIENT ? ACTOR_SERVER : ACTOR_CLIENT, a->id, buf,
                      (size_t)n);
    c->receive(a, buf, (size_t)n);
    conn_take_output(c);
    conn_send(c);
}

/* Over: the socket failed, or the actor finished (or gave up) and its last bytes
 * are sent. */
static bool conn_over(const conn *c)
{
    return c->broken || ((c->a->done || c->a->alert_sent) && c->sent == c->outq.len);
}

static void conn_check_deadline(conn *c, int timeout_s, int64_t now)
{
    if (c->broken || now < c->deadline)
        return;
    char why[160];
    snprintf(why, sizeof why, "the exchange did not finish within %d s (--timeout)", timeout_s);
    actor_note(c->a, "deadline passed", why);
    conn_settle(c, OUTCOME_TIMEOUT, why);
    c->broken = true;
}

static conn *conn_new(int fd, actor_id role, const scenario *sc, const fault_plan *plan,
                      rng *r, int timeout_s)
{
    conn *c = calloc(1, sizeof *c);
    actor *a = calloc(1, sizeof *a);
    fault_plan *own = plan->set ? malloc(sizeof *own) : NULL;
    if (!c || !a || (plan->set && !own)) {
        free(c);
        free(a);
        free(own);
        return NULL;
    }
    c->fd = fd;
    c->a = a;
    trace_init(&c->t);
    if (own) {
        /* The chains and attackers' state are the listener's; only fired is this
         * connection's (fault_plan_free is the listener's to call). */
        *own = *plan;
        own->fired = 0; /* each connection notes and commits its faults afresh */
    }
    c->plan = own;
    wr_init(&c->outq, NULL);
    c->deadline = now_ms() + (int64_t)timeout_s * 1000;
    c->receive = role == ACTOR_CLIENT ? client_receive : server_receive;
    actor_init(a, role, sc, &c->t, r);
    fault_plan_attach(own, a); /* NULL: no fault acts */
    return c;
}

static void conn_free(conn *c)
{
    actor_free(c->a);
    free(c->a);
    free(c->plan);
    wr_free(&c->outq);
    trace_free(&c->t);
    if (c->fd >= 0)
        close(c->fd);
    free(c);
}

/* ---- the client ---- */

/* Waits for a non-blocking connect until the deadline: 0 connected, an errno value,
 * or ETIMEDOUT. */
static int connect_wait(int fd, const struct addrinfo *ai, int64_t deadline)
{
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
        return 0;
    if (errno != EINPROGRESS)
        return errno;
    for (;;) {
        int64_t left = deadline - now_ms();
        if (left <= 0)
            return ETIMEDOUT;
        struct pollfd p = {fd, POLLOUT, 0};
        int r = poll(&p, 1, (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return errno;
        if (r == 0)
            return ETIMEDOUT;
        int soerr = 0;
        socklen_t len = sizeof soerr;
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) != 0)
            return errno;
        return soerr;
    }
}

/* Returns a connected non-blocking socket, or -1 with the errno of the last try. */
static int connect_any(const struct addrinfo *res, int64_t deadline, int *why)
{
    *why = ECONNREFUSED;
    for (const struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK, ai->ai_protocol);
        if (fd < 0) {
            *why = errno;
            continue;
        }
        *why = connect_wait(fd, ai, deadline);
        if (*why == 0)
            return fd;
        close(fd);
        if (*why == ETIMEDOUT)
            break;
    }
    return -1;
}

static void client_converse(conn *c, int timeout_s)
{
    conn_take_output(c);
    conn_send(c);
    while (!conn_over(c)) {
        int64_t left = c->deadline - now_ms();
        struct pollfd p = {c->fd, POLLIN, 0};
        if (c->sent < c->outq.len)
            p.events |= POLLOUT;
        int r = left > 0 ? poll(&p, 1, (int)left) : 0;
        if (r < 0 && errno != EINTR) {
            conn_settle(c, OUTCOME_CLOSED, strerror(errno));
            break;
        }
        if (r > 0 && (p.revents & POLLOUT))
            conn_send(c);
        if (r > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR)))
            conn_read(c);
        conn_check_deadline(c, timeout_s, now_ms());
    }
}

static bool tcp_client(const scenario *sc, const char *hostport, int timeout_s, trace *t,
                       tls_err *err, const fault_plan *plan, tls_session *session, rng *r)
{
    tcp_addr addr;
    char why[200];
    if (!tcp_addr_parse(hostport, true, "127.0.0.1", &addr, why, sizeof why)) {
        err_set(err, ALERT_NONE, "--connect: %s", why);
        return false;
    }
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res = NULL;
    int rc = getaddrinfo(addr.host, addr.port, &hints, &res);
    if (rc != 0) {
        err_set(err, ALERT_NONE, "--connect: cannot resolve %s: %s", addr.host, gai_strerror(rc));
        return false;
    }
    int64_t deadline = now_ms() + (int64_t)timeout_s * 1000;
    int failure = 0;
    int fd = connect_any(res, deadline, &failure);
    freeaddrinfo(res);
    if (fd < 0 && failure == ETIMEDOUT) {
        /* Nobody answered: a timeout, as a student would see it from a browser. */
        char msg[200];
        snprintf(msg, sizeof msg, "no answer from %s within %d s (--timeout)", hostport, timeout_s);
        trace_add(t, ACTOR_CLIENT, EV_NOTE, "connect timed out", msg, NULL, 0);
        trace_set_ended(t, OUTCOME_TIMEOUT, "%s", msg);
        return true;
    }
    if (fd < 0) {
        err_set(err, ALERT_NONE, "cannot connect to %s: %s", hostport, strerror(failure));
        return false;
    }
    conn *c = conn_new(fd, ACTOR_CLIENT, sc, plan, r, timeout_s);
    if (!c) {
        close(fd);
        err_set(err, ALERT_NONE, "out of memory");
        return false;
    }
    c->a->resume.saved = session; /* --resume: the session to offer and to keep */
    c->deadline = deadline; /* connecting and talking share the one deadline */
    if (client_start(c->a)) {
        client_converse(c, timeout_s);
    } else {
        conn_take_output(c);
        conn_send(c);
    }
    conn_settle(c, OUTCOME_CLOSED, "the client stopped before the exchange finished");
    /* The caller's trace takes the connection's. */
    trace_free(t);
    *t = c->t;
    trace_init(&c->t);
    conn_free(c);
    return true;
}

/* ---- the server ---- */

/* The one process-wide variable of sim/: a signal handler can reach nothing else, and
 * SIGINT or SIGTERM is meant to stop every listener in the process. */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

typedef struct listener {
    int fd;
    const scenario *sc;
    const fault_plan *plan;   /* prepared once; each connection copies it */
    rng *rng;                 /* the listener's generator, shared by its connections */
    const wire_tcp_server_opts *o;
    wire_tcp_summary *sum;
    conn **conns;
    size_t n, cap;
    unsigned accepted;
    bool accept_paused;       /* out of descriptors: wait for a connection to end */
} listener;

static void count(wire_tcp_summary *s, trace_outcome o)
{
    s->connections++;
    s->last = o;
    switch (o) {
    case OUTCOME_OK:
        s->ok++;
        break;
    case OUTCOME_ALERT:
        s->alert++;
        break;
    case OUTCOME_TIMEOUT:
        s->timeout++;
        break;
    case OUTCOME_CLOSED:
    case OUTCOME_NONE:
        s->closed++;
        break;
    }
}

static void end_conn(listener *l, size_t i)
{
    conn *c = l->conns[i];
    conn_settle(c, OUTCOME_CLOSED, "the connection ended before the exchange finished");
    count(l->sum, c->t.result.outcome);
    if (l->o->on_connection)
        l->o->on_connection(l->o->ctx, c->peer, &c->t);
    conn_free(c);
    l->conns[i] = l->conns[--l->n];
    l->accept_paused = false;
}

static void accept_one(listener *l)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    int fd = accept4(l->fd, (struct sockaddr *)&ss, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
            fprintf(stderr, "tlssim: accept: %s (waiting for a connection to end)\n",
                    strerror(errno));
            l->accept_paused = l->n > 0;
        }
        return;
    }
    conn **v = l->n == l->cap ? realloc(l->conns, (l->cap * 2 + 8) * sizeof *v) : l->conns;
    conn *c = v ? conn_new(fd, ACTOR_SERVER, l->sc, l->plan, l->rng, l->o->timeout_s) : NULL;
    if (v && v != l->conns) {
        l->conns = v;
        l->cap = l->cap * 2 + 8;
    }
    if (!c) {
        fprintf(stderr, "tlssim: out of memory: a connection was refused\n");
        close(fd);
        return;
    }
    tcp_addr_format((const struct sockaddr *)&ss, c->peer, sizeof c->peer);
    l->conns[l->n++] = c;
    l->accepted++;
    if (l->o->on_actor)
        l->o->on_actor(l->o->ctx, c->a);
    server_start(c->a);
    conn_take_output(c);
    conn_send(c);
}

/* One turn of the loop: wait for any socket or the nearest deadline, then serve. */
static bool serve_turn(listener *l, const sigset_t *waitmask, struct pollfd *fds)
{
    unsigned max = l->o->max_connections;
    bool accepting = (max == 0 || l->accepted < max) && !l->accept_paused;
    size_t nfds = 0;
    fds[nfds++] = (struct pollfd){accepting ? l->fd : -1, POLLIN, 0};
    int64_t now = now_ms(), wait = -1;
    for (size_t i = 0; i < l->n; i++) {
        conn *c = l->conns[i];
        short ev = POLLIN;
        if (c->sent < c->outq.len)
            ev |= POLLOUT;
        fds[nfds++] = (struct pollfd){c->fd, ev, 0};
        int64_t left = c->deadline - now;
        if (wait < 0 || left < wait)
            wait = left < 0 ? 0 : left;
    }
    struct timespec ts = {(time_t)(wait / 1000), (long)(wait % 1000) * 1000000};
    int r = ppoll(fds, nfds, wait >= 0 ? &ts : NULL, waitmask);
    if (r < 0 && errno != EINTR) {
        fprintf(stderr, "tlssim: poll: %s\n", strerror(errno));
        return false;
    }
    if (r > 0) {
        /* Connections first: fds[1 + i] is conns[i] until one ends below. */
        for (size_t i = 0; i < l->n; i++) {
            short re = fds[1 + i].revents;
            if (re & POLLOUT)
                conn_send(l->conns[i]);
            if (re & (POLLIN | POLLHUP | POLLERR))
                conn_read(l->conns[i]);
        }
        if (fds[0].revents & POLLIN)
            accept_one(l);
    }
    now = now_ms();
    for (size_t i = l->n; i-- > 0;) {
        conn_check_deadline(l->conns[i], l->o->timeout_s, now);
        if (conn_over(l->conns[i]))
            end_conn(l, i);
    }
    return true;
}

static void serve(listener *l)
{
    /* SIGINT and SIGTERM are blocked except inside ppoll, so a Ctrl-C between two
     * waits is not lost: it interrupts the next one. */
    sigset_t block, old_mask, waitmask;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, &old_mask);
    waitmask = old_mask;
    sigdelset(&waitmask, SIGINT);
    sigdelset(&waitmask, SIGTERM);
    struct sigaction sa = {0}, old_int, old_term;
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    stop_signal = 0;

    struct pollfd *fds = NULL;
    size_t fds_cap = 0;
    unsigned max = l->o->max_connections;
    while (!stop_signal && (max == 0 || l->accepted < max || l->n > 0)) {
        if (fds_cap < l->n + 1) {
            struct pollfd *v = realloc(fds, (l->n + 1) * 2 * sizeof *v);
            if (!v)
                break;
            fds = v;
            fds_cap = (l->n + 1) * 2;
        }
        if (!serve_turn(l, &waitmask, fds))
            break;
    }
    free(fds);
    if (stop_signal) {
        l->sum->interrupted = true;
        while (l->n > 0) {
            conn *c = l->conns[l->n - 1];
            actor_note(c->a, "server stopped", "tlssim's server was interrupted and closes the "
                       "connection");
            conn_settle(c, OUTCOME_CLOSED, "tlssim's server was interrupted before the exchange "
                        "finished");
            end_conn(l, l->n - 1);
        }
    }
    /* The mask first, while the handler still only takes note: a second Ctrl-C
     * during the reports must not cut the summary short. */
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
}

static int listen_on(const char *addrport, char *shown, size_t shown_len, tls_err *err)
{
    tcp_addr addr;
    char why[200];
    if (!tcp_addr_parse(addrport, false, "127.0.0.1", &addr, why, sizeof why)) {
        err_set(err, ALERT_NONE, "--listen: %s", why);
        return -1;
    }
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE}, *res = NULL;
    int rc = getaddrinfo(addr.host, addr.port, &hints, &res);
    if (rc != 0) {
        err_set(err, ALERT_NONE, "--listen: cannot resolve %s: %s", addr.host, gai_strerror(rc));
        return -1;
    }
    int fd = socket(res->ai_family, res->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                    res->ai_protocol);
    int one = 1;
    /* A class connecting at once: a backlog of SOMAXCONN, not 1. */
    bool ok = fd >= 0 && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
              bind(fd, res->ai_addr, res->ai_addrlen) == 0 && listen(fd, SOMAXCONN) == 0;
    if (ok)
        tcp_addr_format(res->ai_addr, shown, shown_len);
    freeaddrinfo(res);
    if (!ok) {
        err_set(err, ALERT_NONE, "cannot listen on %s: %s", addrport, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

/* The faults are prepared before the network is touched: a broken chain is ready
 * before the listener accepts. */
bool wire_tcp_client(const scenario *sc, const char *hostport, int timeout_s, trace *t,
                     tls_err *err)
{
    fault_plan plan;
    if (!fault_plan_init(&plan, sc, err))
        return false;
    /* The run's generator: --resume's second connection draws on where the first
     * stopped. */
    rng r;
    if (!(sc->seeded ? rng_init_seeded(&r, sc->seed) : rng_init_system(&r))) {
        err_set(err, ALERT_NONE, "no random generator");
        fault_plan_free(&plan);
        return false;
    }
    /* --resume: connect, close, connect again offering the session (sim/resume.c). */
    tls_session *session = sc->resume != RESUME_NONE ? calloc(1, sizeof *session) : NULL;
    bool ok = tcp_client(sc, hostport, timeout_s, t, err, &plan, session, &r);
    if (ok && session && t->result.outcome == OUTCOME_OK) {
        resume_next_connection(t, sc->resume, session);
        trace second;
        trace_init(&second);
        ok = tcp_client(sc, hostport, timeout_s, &second, err, &plan, session, &r) &&
             trace_append(t, &second);
        trace_free(&second);
    }
    free(session);
    fault_plan_free(&plan);
    rng_free(&r);
    return ok;
}

bool wire_tcp_server(const scenario *sc, const char *addrport, const wire_tcp_server_opts *o,
                     wire_tcp_summary *sum, tls_err *err)
{
    memset(sum, 0, sizeof *sum);
    fault_plan plan;
    if (!fault_plan_init(&plan, sc, err))
        return false;
    char shown[80];
    int fd = listen_on(addrport, shown, sizeof shown, err);
    if (fd < 0) {
        fault_plan_free(&plan);
        return false;
    }
    if (o->max_connections)
        fprintf(stderr, "tlssim: listening on %s for %u connection%s\n", shown,
                o->max_connections, o->max_connections == 1 ? "" : "s");
    else
        fprintf(stderr, "tlssim: listening on %s until interrupted (Ctrl-C)\n", shown);
    /* One seed for the listener: connections one at a time repeat their bytes; the
     * bytes of overlapping ones depend on the order the clients' data arrived. */
    rng r;
    if (!(sc->seeded ? rng_init_seeded(&r, sc->seed) : rng_init_system(&r))) {
        err_set(err, ALERT_NONE, "no random generator");
        close(fd);
        fault_plan_free(&plan);
        return false;
    }
    listener l = {.fd = fd, .sc = sc, .plan = &plan, .rng = &r, .o = o, .sum = sum};
    serve(&l);
    for (size_t i = 0; i < l.n; i++)
        conn_free(l.conns[i]);
    free(l.conns);
    close(fd);
    fault_plan_free(&plan);
    rng_free(&r);
    return true;
}
