/* The scenario options of docs/cli.md, shared by run, ui and bench. */
#ifndef TLSSIM_SCENARIO_ARGS_H
#define TLSSIM_SCENARIO_ARGS_H

#include <stdbool.h>

#include "crypto/pki.h"
#include "sim/scenario.h"

typedef struct scenario_args {
    scenario sc;
    scenario chosen; /* sc as given, before fitting it to its faults (the TUI goes back to it) */
    pki pki;
    bool pki_loaded;
    bool suite_given;     /* --suite was on the command line: faults keep it */
    bool group_given;     /* --group too */
    const char *pki_dir;
    const char *cafile;
    x509_cert anchors[16];
    size_t n_anchors;
} scenario_args;

/* Consumes argv[*i] (and its value) if it is a scenario option. Returns 1 when it
 * was one, 0 when it is not a scenario option, and EXIT_USAGE's negation (-2) after
 * printing a usage error. */
int scenario_args_take(scenario_args *a, const char *command, int argc, char **argv, int *i);
/* Loads the PKI (built-in or --pki) and fills the clock; returns an exit status. */
int scenario_args_finish(scenario_args *a, const char *command);
void scenario_args_free(scenario_args *a);
/* Without --seed: a short random seed (1 to 999999, easy to read out to a class), so
 * the run can be repeated; chosen gets it too. */
void scenario_args_pick_seed(scenario_args *a);

extern const char scenario_options_help[];

#endif
