#include "sim/engine.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

#include "crypto/crypto.h"
#include "base/alert.h"
#include "sim/client.h"
#include "sim/fault_plan.h"
#include "sim/resume.h"
#include "sim/server.h"
#include "sim/session_cache.h"
#include "sim/transcript_diff.h"

typedef struct wire {
    engine_tap tap;
    void *ctx;
    int flights[2];
} wire;

/* Moves what one side wrote to the other: the simulated wire delivers whole flights. */
static bool deliver(wire *w, actor *from, actor *to,
                    void (*receive)(actor *, const uint8_t *, size_t))
{
    actor_flush(from);
    actor_hook_on_wire(from);
    if (from->out.len == 0)
        return false;
    size_t n = 0;
    uint8_t *bytes = wr_take(&from->out, &n);
    if (w->tap)
        w->tap(from->id, w->flights[from->id == ACTOR_SERVER]++, bytes, &n, w->ctx);
    trace_add_segment(from->t, actor_hook_wire_sender(from), to->id, bytes, n);
    receive(to, bytes, n);
    free(bytes);
    return true;
}

/* A run that ended without ok or an alert: say what really happened. */
static void engine_settle(trace *t, const actor *client, const actor *server)
{
    if (t->result.outcome != OUTCOME_NONE)
        return;
    int closer = trace_first_close_notify(t);
    if (closer >= 0) {
        trace_set_ended(t, OUTCOME_CLOSED, "the %s sent close_notify before the exchange "
                        "finished", actor_name((actor_id)closer));
    } else if (err_is_set(&client->err) || err_is_set(&server->err)) {
        /* tlssim itself failed (out of memory, a key it could not use). */
        const actor *a = err_is_set(&client->err) ? client : server;
        t->result.outcome = OUTCOME_ALERT;
        t->result.alert = ALERT_INTERNAL_ERROR;
        t->result.sender = a->id;
        snprintf(t->result.reason, sizeof t->result.reason, "%s", a->err.msg);
    } else {
        /* Over TCP this is the deadline (--timeout) passing. */
        trace_set_ended(t, OUTCOME_TIMEOUT, "each side is waiting for the other: nothing "
                        "more crossed the wire");
    }
}

bool engine_run(const scenario *sc, trace *t)
{
    return engine_run_tapped(sc, t, NULL, NULL);
}

/* One connection between a fresh client and a fresh server, both drawing on the
 * run's generator r. The server keeps sessions in `cache`, the client offers and
 * saves `session` (either may be NULL). */
static bool run_connection(wire *w, const scenario *sc, trace *t, fault_plan *plan,
                           session_cache *cache, tls_session *session, rng *r)
{
    /* The run's own pair (large receive buffers: on the heap, not the stack). */
    struct {
        actor client, server;
    } *pair = calloc(1, sizeof *pair);
    if (!pair) {
        snprintf(t->result.reason, sizeof t->result.reason, "out of memory for the actors");
        return false;
    }
    actor *client = &pair->client, *server = &pair->server;
    size_t first_event = t->n;
    actor_init(client, ACTOR_CLIENT, sc, t, r);
    actor_init(server, ACTOR_SERVER, sc, t, r);
    fault_plan_attach(plan, client);
    fault_plan_attach(plan, server);
    server->sessions = cache;
    client->resume.saved = session;
    server_start(server);
    bool ok = client_start(client);
    /* A full handshake is four flights; the bound only stops a runaway exchange. */
    for (int turn = 0; ok && turn < 32; turn++) {
        bool moved = deliver(w, client, server, server_receive);
        moved |= deliver(w, server, client, client_receive);
        if (!moved)
            break;
    }
    /* A failure caused by a changed handshake message: say where the sides parted. */
    transcript_explain_failure(t, first_event, client->transcript.buf, client->transcript.len,
                               server->transcript.buf, server->transcript.len,
                               client->ems || server->ems);
    engine_settle(t, client, server);
    actor_free(client);
    actor_free(server);
    free(pair);
    return ok;
}

/* --resume: the client comes back on a new connection with the session it saved. */
static bool run_second_connection(wire *w, const scenario *sc, trace *t, fault_plan *plan,
                                  session_cache *cache, tls_session *session, rng *r)
{
    resume_next_connection(t, sc->resume, session);
    w->flights[0] = w->flights[1] = 0;
    return run_connection(w, sc, t, plan, cache, session, r);
}

bool engine_run_tapped(const scenario *sc, trace *t, engine_tap tap, void *ctx)
{
    wire w = {tap, ctx, {0, 0}};
    /* Built before the run's seed takes over: the broken chains draw their own. */
    fault_plan plan;
    tls_err err;
    err_init(&err);
    if (!fault_plan_init(&plan, sc, &err)) {
        snprintf(t->result.reason, sizeof t->result.reason, "preparing the faults: %.200s", err.msg);
        return false;
    }
    /* The run's own generator: --seed's, or keyed from the OS. */
    rng r;
    if (!(sc->seeded ? rng_init_seeded(&r, sc->seed) : rng_init_system(&r))) {
        snprintf(t->result.reason, sizeof t->result.reason, "no random generator");
        fault_plan_free(&plan);
        return false;
    }
    /* Only a run that resumes keeps sessions: other runs stay byte for byte as they were. */
    session_cache *cache = NULL;
    tls_session *session = NULL;
    bool ok = true;
    if (sc->resume != RESUME_NONE) {
        cache = session_cache_new(&r);
        session = calloc(1, sizeof *session);
        ok = cache && session;
        if (!ok)
            snprintf(t->result.reason, sizeof t->result.reason, "out of memory for the session");
    }
    if (ok)
        ok = run_connection(&w, sc, t, &plan, cache, session, &r);
    if (ok && cache && t->result.outcome == OUTCOME_OK)
        ok = run_second_connection(&w, sc, t, &plan, cache, session, &r);
    fault_after_run(&plan, sc, t);
    session_cache_free(cache);
    if (session)
        sodium_memzero(session, sizeof *session);
    free(session);
    fault_plan_free(&plan);
    rng_free(&r);
    return ok;
}

bool engine_run_session(const scenario *sc, trace *t, session_cache *cache, tls_session *session,
                        rng *r)
{
    wire w = {NULL, NULL, {0, 0}};
    fault_plan plan;
    tls_err err;
    err_init(&err);
    if (!fault_plan_init(&plan, sc, &err))
        return false;
    bool ok = run_connection(&w, sc, t, &plan, cache, session, r);
    fault_plan_free(&plan);
    return ok;
}
