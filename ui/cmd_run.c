/* tlssim run: runs a scenario headless and prints the annotated trace. */
#include <stdio.h>
#include <string.h>

#include "sim/engine.h"
#include "sim/fault_plan.h"
#include "sim/session_cache.h"
#include "sim/suites.h"
#include "sim/wire_tcp.h"
#include "ui/args.h"
#include "ui/cli.h"
#include "ui/render_text.h"
#include "ui/run_outputs.h"
#include "ui/scenario_args.h"

const char cmd_run_usage[] =
    "usage: tlssim run [SCENARIO OPTIONS] [--connect HOST:PORT | --listen [ADDR:]PORT]\n"
    "                  [--json FILE] [--pcap FILE] [--keylog FILE] [--quiet]\n"
    "\n"
    "Runs a TLS 1.2 handshake between tlssim's client and server in-process and prints every\n"
    "step: each message with its fields, each secret with its formula, each check with what\n"
    "it compared. The last line is 'result: ok SUITE', 'result: alert NAME(CODE) sent by\n"
    "client|server: REASON', or 'result: closed|timeout: REASON' when the connection ended\n"
    "without an alert. Exit status: 0 ok, 3 ended with an alert, 4 closed or timed out\n"
    "without one, 2 usage error or an output that cannot be written.\n"
    "\n"
    "a real peer over TCP:\n"
    "  --connect HOST:PORT    tlssim's client talks to a real server ([IPV6]:PORT too)\n"
    "  --listen [ADDR:]PORT   tlssim's server serves real clients, several at once, until\n"
    "                         Ctrl-C (default address 127.0.0.1); each connection's trace and\n"
    "                         result line (naming the client) is printed as it ends, then a\n"
    "                         summary. Exit status: the last connection's, or 0 after Ctrl-C\n"
    "  --max-connections N    with --listen: stop after N connections\n"
    "  --timeout S            deadline in seconds for connecting and for each whole\n"
    "                         connection, handshake included (default 10)\n"
    "\n"
    "output options (checked before the run starts, written whole or not at all):\n"
    "  --json FILE    the whole trace as JSON ('-' for standard output); with --listen and\n"
    "                 several connections, {\"connections\": [...], \"summary\": {...}}\n"
    "  --pcap FILE    the wire as a capture for Wireshark, TCP to 127.0.0.1:443 ('-' too);\n"
    "                 with --listen, one TCP stream per connection\n"
    "  --keylog FILE  NSS key log lines: Wireshark decrypts the capture with them ('-' too)\n"
    "  --quiet        print only the result line(s)\n"
    "  --ascii        no UTF-8 arrows and marks\n"
    "\n";

typedef struct outputs {
    const char *json, *pcap, *keylog;
    const char *connect, *listen; /* a real peer instead of the simulated one */
    bool quiet, ascii;
    int timeout_s;
    unsigned max_connections;
} outputs;

/* The scenario's faults by name, comma-separated. */
static void fault_names(fault_set set, char *buf, size_t n)
{
    buf[0] = 0;
    for (size_t i = 0, used = 0; i < fault_count(); i++)
        if (set & FAULT_BIT(fault_at(i)->id) && used < n) {
            int k = snprintf(buf + used, n - used, "%s%s", used ? "," : "", fault_at(i)->name);
            used += k > 0 ? (size_t)k : 0;
        }
}

/* The scenario settings the JSON document starts with. */
typedef struct scenario_kv {
    char faults[512];
    render_kv kv[8];
} scenario_kv;

static void scenario_kv_fill(scenario_kv *s, const scenario *sc)
{
    fault_names(sc->faults, s->faults, sizeof s->faults);
    render_kv kv[] = {{"tls", "1.2"},
                      {"suite", sc->suite->name},
                      {"group", kex_group_name(sc->group)},
                      {"client_auth", sc->client_auth ? "true" : "false"},
                      {"server_name", sc->server_name},
                      {"ems", sc->ems ? "true" : "false"},
                      {"resume", sc->resume == RESUME_TICKET ? "ticket"
                                 : sc->resume == RESUME_ID   ? "id"
                                                             : "off"},
                      {"faults", s->faults}};
    memcpy(s->kv, kv, sizeof kv);
}

static int status_of(trace_outcome o)
{
    switch (o) {
    case OUTCOME_OK:
        return EXIT_OK;
    case OUTCOME_ALERT:
        return EXIT_ALERT;
    case OUTCOME_CLOSED:
    case OUTCOME_TIMEOUT:
        return EXIT_CLOSED;
    case OUTCOME_NONE:
        break;
    }
    return EXIT_INTERNAL;
}

/* What the listener hands each ended connection to. */
typedef struct listen_ctx {
    const outputs *o;
    run_outputs *out;
    scenario_kv *kv;
    FILE *text; /* stdout, or stderr when the JSON goes to stdout */
    session_cache *sessions; /* the listener's sessions, for every connection it serves */
} listen_ctx;

/* Each server actor gets the listener's session cache (sim/session_cache.h), made at
 * the first connection: after --seed took over, so its ticket keys repeat too. */
static void on_actor(void *ctx, actor *a)
{
    listen_ctx *l = ctx;
    if (!l->sessions)
        l->sessions = session_cache_new(a->rng);
    a->sessions = l->sessions; /* NULL (out of memory): the server resumes nothing */
}

static void on_connection(void *ctx, const char *peer, const trace *t)
{
    listen_ctx *l = ctx;
    render_text_opts to = {.ascii = l->o->ascii, .quiet = l->o->quiet, .peer = peer};
    render_text(l->text, t, &to);
    fflush(l->text);
    run_outputs_add(l->out, t, l->kv->kv, sizeof l->kv->kv / sizeof l->kv->kv[0], peer);
}

static int run_listen(const outputs *o, const scenario *sc, run_outputs *out, scenario_kv *kv)
{
    bool json_to_stdout = o->json && strcmp(o->json, "-") == 0;
    listen_ctx ctx = {o, out, kv, json_to_stdout ? stderr : stdout, NULL};
    wire_tcp_server_opts so = {.timeout_s = o->timeout_s,
                               .max_connections = o->max_connections,
                               .on_connection = on_connection,
                               .on_actor = on_actor,
                               .ctx = &ctx};
    wire_tcp_summary sum;
    tls_err err;
    err_init(&err);
    bool listened = wire_tcp_server(sc, o->listen, &so, &sum, &err);
    session_cache_free(ctx.sessions);
    if (!listened) {
        fprintf(stderr, "tlssim: run: %s\n", err.msg);
        run_outputs_abort(out);
        return EXIT_USAGE;
    }
    fprintf(ctx.text, "summary: %u connection%s: %u ok, %u alert, %u closed, %u timeout%s\n",
            sum.connections, sum.connections == 1 ? "" : "s", sum.ok, sum.alert, sum.closed,
            sum.timeout, sum.interrupted ? " (interrupted)" : "");
    fflush(ctx.text);
    if (!run_outputs_finish(out, &sum)) {
        fprintf(stderr, "tlssim: run: %s\n", out->why);
        return EXIT_USAGE;
    }
    if (sum.interrupted)
        return EXIT_OK;
    return sum.connections ? status_of(sum.last) : EXIT_OK;
}

/* One connection: in-process, or tlssim's client against a real server. */
static int run_one(const outputs *o, const scenario *sc, run_outputs *out, scenario_kv *kv)
{
    trace t;
    trace_init(&t);
    tls_err err;
    err_init(&err);
    bool ran = o->connect ? wire_tcp_client(sc, o->connect, o->timeout_s, &t, &err)
                          : engine_run(sc, &t);
    if (!ran) {
        if (o->connect)
            fprintf(stderr, "tlssim: run: %s\n", err.msg);
        else
            fprintf(stderr, "tlssim: run: internal error: %s\n", t.result.reason);
        trace_free(&t);
        run_outputs_abort(out);
        return o->connect ? EXIT_USAGE : EXIT_INTERNAL;
    }
    bool json_to_stdout = o->json && strcmp(o->json, "-") == 0;
    render_text_opts to = {.ascii = o->ascii, .quiet = o->quiet};
    if (!json_to_stdout)
        render_text(stdout, &t, &to);
    fflush(stdout);
    run_outputs_add(out, &t, kv->kv, sizeof kv->kv / sizeof kv->kv[0], NULL);
    int rc = status_of(t.result.outcome);
    trace_free(&t);
    if (!run_outputs_finish(out, NULL)) {
        fprintf(stderr, "tlssim: run: %s\n", out->why);
        return EXIT_USAGE;
    }
    return rc;
}

/* --timeout S and --max-connections N: whole numbers in a range. */
static int take_number(int argc, char **argv, int *i, uint64_t lo, uint64_t hi, uint64_t *v)
{
    const char *opt = argv[*i];
    const char *s = args_value(argc, argv, i);
    if (!args_parse_u64(s, v) || *v < lo || *v > hi)
        return cli_usage_error("run", "%s needs a whole number from %llu to %llu, got '%s'", opt,
                               (unsigned long long)lo, (unsigned long long)hi, s ? s : "nothing");
    return EXIT_OK;
}

int cmd_run(int argc, char **argv)
{
    scenario_args sa;
    memset(&sa, 0, sizeof sa);
    scenario_defaults(&sa.sc);
    outputs o = {.timeout_s = WIRE_TCP_DEFAULT_TIMEOUT};
    bool max_given = false;
    for (int i = 1; i < argc; i++) {
        int took = scenario_args_take(&sa, "run", argc, argv, &i);
        if (took < 0)
            return -took;
        if (took)
            continue;
        const char **target = strcmp(argv[i], "--json") == 0     ? &o.json
                              : strcmp(argv[i], "--pcap") == 0   ? &o.pcap
                              : strcmp(argv[i], "--keylog") == 0 ? &o.keylog
                                                                 : NULL;
        uint64_t v = 0;
        if (target) {
            const char *opt = argv[i];
            if (!(*target = args_value(argc, argv, &i)))
                return cli_usage_error("run", "%s needs a file name", opt);
        } else if (strcmp(argv[i], "--quiet") == 0) {
            o.quiet = true;
        } else if (strcmp(argv[i], "--ascii") == 0) {
            o.ascii = true;
        } else if (strcmp(argv[i], "--connect") == 0 || strcmp(argv[i], "--listen") == 0) {
            const char *opt = argv[i];
            if (!(*(opt[2] == 'c' ? &o.connect : &o.listen) = args_value(argc, argv, &i)))
                return cli_usage_error("run", "%s needs an address", opt);
        } else if (strcmp(argv[i], "--timeout") == 0) {
            if (take_number(argc, argv, &i, 1, 86400, &v) != EXIT_OK)
                return EXIT_USAGE;
            o.timeout_s = (int)v;
        } else if (strcmp(argv[i], "--max-connections") == 0) {
            if (take_number(argc, argv, &i, 1, 1000000000, &v) != EXIT_OK)
                return EXIT_USAGE;
            o.max_connections = (unsigned)v;
            max_given = true;
        } else {
            return cli_usage_error("run", "unknown option '%s'", argv[i]);
        }
    }
    if (o.connect && o.listen)
        return cli_usage_error("run", "--connect and --listen exclude each other: tlssim plays "
                                      "one side against a real peer");
    if (max_given && !o.listen)
        return cli_usage_error("run", "--max-connections goes with --listen");
    if (o.listen && sa.sc.resume != RESUME_NONE)
        return cli_usage_error("run", "--resume makes tlssim's client come back; a --listen "
                                      "server keeps sessions for its clients without it");
    int rc = scenario_args_finish(&sa, "run");
    if (rc != EXIT_OK) {
        scenario_args_free(&sa);
        return rc;
    }
    char why[256];
    if ((o.connect || o.listen) &&
        !fault_fit_side(sa.sc.faults, o.connect ? ACTOR_CLIENT : ACTOR_SERVER, why, sizeof why)) {
        scenario_args_free(&sa);
        return cli_usage_error("run", "%s", why);
    }
    /* Outputs are checked before anything runs: a listener must not spend its
     * connection and then find it cannot write the capture. */
    run_outputs out;
    if (!run_outputs_open(&out, o.json, o.pcap, o.keylog)) {
        fprintf(stderr, "tlssim: run: %s\n", out.why);
        scenario_args_free(&sa);
        return EXIT_USAGE;
    }
    scenario_kv kv;
    scenario_kv_fill(&kv, &sa.sc);
    rc = o.listen ? run_listen(&o, &sa.sc, &out, &kv) : run_one(&o, &sa.sc, &out, &kv);
    scenario_args_free(&sa);
    return rc;
}
