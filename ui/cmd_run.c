/* tlssim run: runs a scenario headless and prints the annotated trace. */
#include <stdio.h>
#include <string.h>

#include "sim/engine.h"
#include "sim/fault_plan.h"
#include "sim/suites.h"
#include "sim/wire_tcp.h"
#include "ui/args.h"
#include "ui/cli.h"
#include "ui/render_json.h"
#include "ui/render_keylog.h"
#include "ui/render_pcap.h"
#include "ui/render_text.h"
#include "ui/scenario_args.h"

const char cmd_run_usage[] =
    "usage: tlssim run [SCENARIO OPTIONS] [--json FILE] [--pcap FILE] [--keylog FILE] [--quiet]\n"
    "\n"
    "Runs a TLS 1.2 handshake between tlssim's client and server in-process and prints every\n"
    "step: each message with its fields, each secret with its formula, each check with what\n"
    "it compared. The last line is 'result: ok SUITE' or 'result: alert NAME(CODE) sent by\n"
    "client|server: REASON'. Exit status: 0 ok, 3 ended with an alert, 2 usage error.\n"
    "\n"
    "output options:\n"
    "  --json FILE    the whole trace as JSON ('-' for standard output)\n"
    "  --pcap FILE    the wire as a capture for Wireshark, TCP to 127.0.0.1:443 ('-' too)\n"
    "  --keylog FILE  NSS key log lines: Wireshark decrypts the capture with them ('-' too)\n"
    "  --quiet        print only the result line\n"
    "  --connect HOST:PORT    tlssim's client talks to a real server\n"
    "  --listen [ADDR:]PORT   tlssim's server serves one real client (default address 127.0.0.1)\n"
    "  --ascii        no UTF-8 arrows and marks\n"
    "\n";

typedef struct outputs {
    const char *json, *pcap, *keylog;
    const char *connect, *listen; /* a real peer instead of the simulated one */
    bool quiet, ascii;
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

static int write_outputs(const outputs *o, const trace *t, const scenario *sc)
{
    if (o->json) {
        char faults[512];
        fault_names(sc->faults, faults, sizeof faults);
        render_kv kv[] = {{"tls", "1.2"},
                          {"suite", sc->suite->name},
                          {"group", kex_group_name(sc->group)},
                          {"client_auth", sc->client_auth ? "true" : "false"},
                          {"server_name", sc->server_name},
                          {"ems", sc->ems ? "true" : "false"},
                          {"faults", faults}};
        FILE *f = strcmp(o->json, "-") == 0 ? stdout : fopen(o->json, "w");
        bool ok = f && render_json(f, t, kv, sizeof kv / sizeof kv[0]);
        if (f && f != stdout)
            ok = fclose(f) == 0 && ok;
        if (!ok) {
            fprintf(stderr, "tlssim: run: cannot write %s\n", o->json);
            return EXIT_USAGE;
        }
    }
    if (o->pcap) {
        tls_err err;
        err_init(&err);
        if (!render_pcap(o->pcap, t, &err)) {
            fprintf(stderr, "tlssim: run: %s\n", err.msg);
            return EXIT_USAGE;
        }
    }
    if (o->keylog) {
        FILE *f = strcmp(o->keylog, "-") == 0 ? stdout : fopen(o->keylog, "w");
        bool ok = f && render_keylog(f, t) >= 0;
        if (f && f != stdout)
            ok = fclose(f) == 0 && ok;
        if (!ok) {
            fprintf(stderr, "tlssim: run: cannot write %s\n", o->keylog);
            return EXIT_USAGE;
        }
    }
    return EXIT_OK;
}

int cmd_run(int argc, char **argv)
{
    scenario_args sa;
    memset(&sa, 0, sizeof sa);
    scenario_defaults(&sa.sc);
    outputs o = {0};
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
        } else {
            return cli_usage_error("run", "unknown option '%s'", argv[i]);
        }
    }
    int rc = scenario_args_finish(&sa, "run");
    if (rc != EXIT_OK)
        return rc;
    char why[256];
    if ((o.connect || o.listen) &&
        !fault_fit_side(sa.sc.faults, o.connect ? ACTOR_CLIENT : ACTOR_SERVER, why, sizeof why)) {
        scenario_args_free(&sa);
        return cli_usage_error("run", "%s", why);
    }
    trace t;
    trace_init(&t);
    tls_err err;
    err_init(&err);
    bool ran = o.connect  ? wire_tcp_client(&sa.sc, o.connect, &t, &err)
               : o.listen ? wire_tcp_server(&sa.sc, o.listen, &t, &err)
                          : engine_run(&sa.sc, &t);
    if (!ran) {
        fprintf(stderr, "tlssim: run: %s\n", err.msg);
        trace_free(&t);
        scenario_args_free(&sa);
        return EXIT_USAGE;
    }
    bool json_to_stdout = o.json && strcmp(o.json, "-") == 0;
    render_text_opts to = {.ascii = o.ascii, .quiet = o.quiet};
    if (!json_to_stdout)
        render_text(stdout, &t, &to);
    rc = write_outputs(&o, &t, &sa.sc);
    if (rc == EXIT_OK)
        rc = !ran ? EXIT_INTERNAL : t.result.outcome == OUTCOME_OK ? EXIT_OK : EXIT_ALERT;
    trace_free(&t);
    scenario_args_free(&sa);
    return rc;
}
