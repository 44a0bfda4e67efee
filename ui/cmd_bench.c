/* tlssim bench: N full in-process handshakes, trace recorded, and where the time went. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "crypto/prof.h"
#include "sim/engine.h"
#include "sim/suites.h"
#include "ui/args.h"
#include "ui/cli.h"
#include "ui/scenario_args.h"

const char cmd_bench_usage[] =
    "usage: tlssim bench [SCENARIO OPTIONS] [-n N]\n"
    "\n"
    "Runs N full handshakes (client and server, application data both ways, the trace\n"
    "recorded as always) and prints where the time went: each public-key operation, the\n"
    "symmetric crypto of the records, and everything else. Ends with 'rate: R handshakes/s'.\n"
    "RSA sign and verify count the modular exponentiation only (hashing and padding are\n"
    "everything else); a key pair counts the whole of making it, public value included.\n"
    "  -n N    number of handshakes (default 200)\n";

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int cmd_bench(int argc, char **argv)
{
    scenario_args sa;
    memset(&sa, 0, sizeof sa);
    scenario_defaults(&sa.sc);
    uint64_t n = 200;
    for (int i = 1; i < argc; i++) {
        int took = scenario_args_take(&sa, "bench", argc, argv, &i);
        if (took < 0)
            return -took;
        if (took)
            continue;
        if (strcmp(argv[i], "-n") == 0) {
            const char *v = args_value(argc, argv, &i);
            if (!args_parse_u64(v, &n) || n == 0 || n > 1000000)
                return cli_usage_error("bench", "-n needs a count from 1 to 1000000, got '%s'",
                                       v ? v : "nothing");
        } else {
            return cli_usage_error("bench", "unknown option '%s'", argv[i]);
        }
    }
    int rc = scenario_args_finish(&sa, "bench");
    if (rc != EXIT_OK)
        return rc;
    prof_reset();
    prof_enable(true);
    double t0 = seconds();
    uint64_t failed = 0;
    for (uint64_t i = 0; i < n; i++) {
        trace t;
        trace_init(&t);
        engine_run(&sa.sc, &t);
        failed += t.result.outcome != OUTCOME_OK;
        trace_free(&t);
    }
    double total = seconds() - t0;
    prof_enable(false);
    printf("%llu handshakes, %s, %s%s\n\n", (unsigned long long)n, sa.sc.suite->name,
           sa.sc.suite->kex == HS_KEX_RSA ? "RSA key transport" : kex_group_name(sa.sc.group),
           sa.sc.client_auth ? ", client auth" : "");
    printf("%-30s %8s %12s %10s %8s\n", "where the time went", "calls", "us/handshake", "total ms", "share");
    double accounted = 0;
    for (int c = 0; c < PROF_NCATS; c++) {
        prof_counter pc = prof_read((prof_cat)c);
        if (!pc.calls)
            continue;
        double ms = (double)pc.ns / 1e6;
        accounted += ms;
        printf("%-30s %8llu %12.1f %10.1f %7.1f%%\n", prof_cat_name((prof_cat)c),
               (unsigned long long)pc.calls, ms * 1e3 / (double)n, ms,
               100.0 * ms / (total * 1e3));
    }
    double rest = total * 1e3 - accounted;
    printf("%-30s %8s %12.1f %10.1f %7.1f%%\n", "everything else (hashing, PRF, parsing, trace)",
           "", rest * 1e3 / (double)n, rest, 100.0 * rest / (total * 1e3));
    if (failed)
        printf("\n%llu handshakes did not complete\n", (unsigned long long)failed);
    printf("\nrate: %.1f handshakes/s\n", (double)n / total);
    scenario_args_free(&sa);
    return failed ? EXIT_ALERT : EXIT_OK;
}
