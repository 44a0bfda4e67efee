/* tlssim compare A B: the same scenario run with two suites, side by side. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto/crypto.h"
#include "sim/engine.h"
#include "sim/fault_plan.h"
#include "sim/suites.h"
#include "ui/args.h"
#include "ui/cli.h"
#include "ui/compare_render.h"
#include "ui/compare_run.h"
#include "ui/out_file.h"
#include "ui/scenario_args.h"
#include "ui/tui_compare.h"

const char cmd_compare_usage[] =
    "usage: tlssim compare A B [SCENARIO OPTIONS] [--json FILE|-] [--theme dark|light|mono]\n"
    "\n"
    "Runs the same scenario twice, with suite A and with suite B (names as in\n"
    "'tlssim list suites'), and shows the two handshakes side by side: the steps\n"
    "aligned by message, the messages only one run has marked, and a summary: where\n"
    "the premaster secret comes from, what the server certificate's key is used for,\n"
    "forward secrecy, round trips and bytes on the wire. The scenario options below\n"
    "apply to both runs (all but --suite: A and B are the suites); a fault that does\n"
    "not fit one suite is left out of that run, which says so. Without --seed, one\n"
    "random seed is chosen for both and shown.\n"
    "On a terminal it opens the TUI (Tab switches side, Enter shows the selected\n"
    "message's fields); otherwise it prints the comparison as text. Exit status 0\n"
    "when both runs were compared, whatever their outcome.\n"
    "\n"
    "  --json FILE    the comparison as JSON ('-': standard output only)\n"
    "  --theme NAME   TUI colours: dark (default), light or mono\n";

/* What the command line chose for both runs, and each run's own part. */
typedef struct compare_args {
    scenario_args sa[2];
    const char *names[2];
    int n_names;
    const char *json;
    tui_theme theme;
    char note[2][320];
} compare_args;

/* A name as --suite takes it (tlssim list suites). */
static const suite_info *suite_named(const char *name)
{
    return suite_by_name(name);
}

static int parse(compare_args *c, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--suite") == 0)
            return cli_usage_error("compare", "the two suites are given as A and B, not with "
                                              "--suite (tlssim compare A B)");
        if (strcmp(arg, "--json") == 0) {
            if (!(c->json = args_value(argc, argv, &i)))
                return cli_usage_error("compare", "--json needs a file name, or - for standard "
                                                  "output");
            continue;
        }
        if (strcmp(arg, "--theme") == 0) {
            const char *v = args_value(argc, argv, &i);
            if (!v || !tui_theme_parse(v, &c->theme))
                return cli_usage_error("compare", "--theme is dark, light or mono, not '%s'",
                                       v ? v : "nothing");
            continue;
        }
        if (arg[0] != '-') {
            if (c->n_names == 2)
                return cli_usage_error("compare", "compare takes two suites, A and B; '%s' is "
                                                  "a third", arg);
            c->names[c->n_names++] = arg;
            continue;
        }
        /* A scenario option: the same for both runs. */
        int j = i;
        int took = scenario_args_take(&c->sa[0], "compare", argc, argv, &i);
        if (took < 0)
            return -took;
        if (!took)
            return cli_usage_error("compare", "unknown option '%s'", arg);
        scenario_args_take(&c->sa[1], "compare", argc, argv, &j);
    }
    if (c->n_names < 2)
        return cli_usage_error("compare", "compare needs two suites, A and B (see 'tlssim list "
                                          "suites')");
    for (int k = 0; k < 2; k++) {
        const suite_info *s = suite_named(c->names[k]);
        if (!s)
            return cli_usage_error("compare", "unknown suite '%s' (see 'tlssim list suites')",
                                   c->names[k]);
        scenario *sc = &c->sa[k].sc;
        sc->suite = s;
        sc->suites[0] = s;
        sc->n_suites = 1;
        c->sa[k].suite_given = true;
    }
    return EXIT_OK;
}

static int fit_faults(compare_args *c, int k, fault_set want, fault_set *left_out)
{
    if (compare_fit_faults(&c->sa[k].sc, c->sa[k].group_given, want, left_out, c->note[k],
                           sizeof c->note[k]))
        return EXIT_OK;
    return cli_usage_error("compare", "run %c: %s", 'A' + k, c->note[k]);
}

static int output(compare_args *c, const compare_model *m, uint64_t seed)
{
    char why[256];
    if (!c->json && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
        return tui_compare_main(m, seed, c->theme);
    out_file json = {0};
    if (!out_file_open(&json, c->json, why, sizeof why)) {
        fprintf(stderr, "tlssim: compare: --json: %s\n", why);
        return EXIT_USAGE;
    }
    bool to_stdout = c->json && strcmp(c->json, "-") == 0;
    if (!to_stdout)
        compare_render_text(stdout, m, seed);
    if (c->json && !compare_render_json(json.f, m, seed)) {
        out_file_abort(&json);
        fprintf(stderr, "tlssim: compare: --json: cannot write the comparison\n");
        return EXIT_INTERNAL;
    }
    if (c->json && !out_file_commit(&json, why, sizeof why)) {
        fprintf(stderr, "tlssim: compare: --json: %s\n", why);
        return EXIT_INTERNAL;
    }
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_INTERNAL;
}

int cmd_compare(int argc, char **argv)
{
    static compare_args c; /* two PKIs and their anchors: large */
    memset(&c, 0, sizeof c);
    c.theme = THEME_DARK;
    for (int k = 0; k < 2; k++)
        scenario_defaults(&c.sa[k].sc);
    int rc = parse(&c, argc, argv);
    if (rc != EXIT_OK)
        return rc;
    /* Faults are fitted per run below, after the options are checked as a whole. */
    fault_set want = c.sa[0].sc.faults, left_out[2] = {0, 0};
    for (int k = 0; k < 2 && rc == EXIT_OK; k++) {
        c.sa[k].sc.faults = 0;
        rc = scenario_args_finish(&c.sa[k], "compare");
        if (rc == EXIT_OK)
            rc = fit_faults(&c, k, want, &left_out[k]);
    }
    if (rc == EXIT_OK && want && (left_out[0] & left_out[1])) {
        for (size_t i = 0; i < fault_count(); i++) {
            fault_set bit = FAULT_BIT(fault_at(i)->id);
            if (!(left_out[0] & left_out[1] & bit))
                continue;
            /* Why, for run A (the note holds every left-out fault of the run). */
            scenario one = c.sa[0].sc;
            one.faults = bit;
            char why[256] = "";
            fault_fit_scenario_given(&one, (fault_given){true, c.sa[0].group_given}, why, sizeof why);
            rc = cli_usage_error("compare", "the fault fits neither suite: %s", why);
            break;
        }
    }
    if (rc != EXIT_OK) {
        scenario_args_free(&c.sa[0]);
        scenario_args_free(&c.sa[1]);
        return rc;
    }
    /* One seed for both runs, shown, so the comparison can be repeated. */
    scenario_args_pick_seed(&c.sa[0]);
    c.sa[1].sc.seed = c.sa[0].sc.seed;
    c.sa[1].sc.seeded = true;
    trace t[2];
    trace_init(&t[0]);
    trace_init(&t[1]);
    compare_model m;
    bool ran = engine_run(&c.sa[0].sc, &t[0]) && engine_run(&c.sa[1].sc, &t[1]) &&
               compare_build(&m, &t[0], &c.sa[0].sc, &t[1], &c.sa[1].sc);
    if (ran) {
        for (int k = 0; k < 2; k++) {
            m.side[k].note = c.note[k][0] ? c.note[k] : NULL;
            m.side[k].left_out = left_out[k];
        }
        rc = output(&c, &m, c.sa[0].sc.seed);
        compare_free(&m);
    } else {
        fprintf(stderr, "tlssim: compare: internal error: a run could not be carried out\n");
        rc = EXIT_INTERNAL;
    }
    trace_free(&t[0]);
    trace_free(&t[1]);
    scenario_args_free(&c.sa[0]);
    scenario_args_free(&c.sa[1]);
    return rc;
}
