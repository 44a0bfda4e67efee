/* tlssim exercise: a fault picked by a seed and hidden; the student finds it in the
 * terminal UI (ui/tui_exercise.h). --key prints the answers, for the teacher. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto/crypto.h"
#include "base/alert.h"
#include "ui/args.h"
#include "ui/cli.h"
#include "ui/scenario_args.h"
#include "ui/tui_exercise.h"

const char cmd_exercise_usage[] =
    "usage: tlssim exercise [--category NAME] [--seed N] [--key] [SCENARIO OPTIONS]\n"
    "                       [--theme dark|light|mono]\n"
    "\n"
    "A hidden-fault exercise: tlssim breaks the handshake on purpose with a fault from\n"
    "its catalogue ('tlssim list faults') and does not say which. Step through the\n"
    "handshake up to where it goes wrong, then answer: which side notices, at which\n"
    "check, with which alert, and which fault it was. A wrong answer gets a hint; after\n"
    "three the answer is shown. Then everything is revealed and explained, and the\n"
    "score is kept with your progress ('tlssim lesson --report').\n"
    "\n"
    "The same seed gives the same puzzle, so a whole class can work on one: without\n"
    "--seed a new one is chosen and shown at the top of the screen and on leaving.\n"
    "Needs a terminal of at least 80x24; without one it exits with status 2.\n"
    "\n"
    "  --category NAME  pick from one category of faults: server-certificate,\n"
    "                   client-certificate, signatures-and-key-exchange, records,\n"
    "                   state-machine-and-negotiation, attacker-on-the-wire\n"
    "                   (default: all of them)\n"
    "  --seed N         which puzzle (also the seed of the run's bytes)\n"
    "  --key            print the answers for this seed instead (for the teacher);\n"
    "                   needs no terminal\n"
    "  --theme NAME     dark (default), light or mono\n"
    "\n"
    "Scenario options apply as for 'tlssim ui', but for --fault and --resume: a fault\n"
    "that needs another suite or group gets it unless --suite or --group fixes one.\n";

static void print_key(const exercise *ex)
{
    const trace_event *al = &ex->full.ev[ex->alert_ev];
    printf("exercise seed %llu", (unsigned long long)ex->seed);
    if (ex->category != EX_ALL) {
        char slug[64];
        exercise_category_slug(ex->category, slug, sizeof slug);
        printf(", category %s", slug);
    }
    printf("\nfault: %s (%s)\n", ex->fault->name, fault_category_name(ex->fault->category));
    printf("side:  %s\n", actor_name(al->actor));
    printf("check: %s\n", ex->q[EX_CHECK].choices[ex->q[EX_CHECK].right]);
    printf("alert: %s(%d)\n", alert_name(al->alert), al->alert);
    printf("why:   %s\n", ex->fault->explain);
}

int cmd_exercise(int argc, char **argv)
{
    scenario_args sa;
    memset(&sa, 0, sizeof sa);
    scenario_defaults(&sa.sc);
    tui_theme theme = THEME_DARK;
    int category = EX_ALL;
    bool key = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--fault") == 0)
            return cli_usage_error("exercise", "an exercise picks its own fault: leave out --fault "
                                   "(--category narrows the choice)");
        if (strcmp(argv[i], "--resume") == 0)
            return cli_usage_error("exercise", "--resume does not go with an exercise");
        int took = scenario_args_take(&sa, "exercise", argc, argv, &i);
        if (took < 0)
            return -took;
        if (took)
            continue;
        if (strcmp(argv[i], "--category") == 0) {
            const char *v = args_value(argc, argv, &i);
            if (!v || !exercise_category_parse(v, &category)) {
                char list[512];
                exercise_category_list(list, sizeof list);
                return cli_usage_error("exercise", "unknown category '%s'; the categories are: %s",
                                       v ? v : "", list);
            }
        } else if (strcmp(argv[i], "--key") == 0) {
            key = true;
        } else if (strcmp(argv[i], "--theme") == 0) {
            const char *v = args_value(argc, argv, &i);
            if (!v || !tui_theme_parse(v, &theme))
                return cli_usage_error("exercise", "--theme is dark, light or mono, not '%s'",
                                       v ? v : "nothing");
        } else {
            return cli_usage_error("exercise", "unknown option '%s'", argv[i]);
        }
    }
    if (key && !sa.sc.seeded)
        return cli_usage_error("exercise", "--key needs --seed N: the key of the puzzle with that seed");
    if (!key && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
        fprintf(stderr, "tlssim: exercise: not a terminal: an exercise runs in the terminal UI "
                        "(a teacher can print the answers with --key --seed N)\n");
        return EXIT_USAGE;
    }
    int rc = scenario_args_finish(&sa, "exercise");
    if (rc != EXIT_OK)
        return rc;
    scenario_args_pick_seed(&sa); /* shown, so the run can be repeated */
    static exercise ex;
    char why[300];
    fault_given given = {sa.suite_given, sa.group_given};
    if (!exercise_start(&ex, sa.sc.seed, category, &sa.chosen, given, why, sizeof why)) {
        scenario_args_free(&sa);
        return cli_usage_error("exercise", "%s", why);
    }
    if (key) {
        print_key(&ex);
        rc = EXIT_OK;
    } else {
        rc = tui_exercise_run(&ex, theme);
        char cat[80] = "";
        if (category != EX_ALL) {
            char slug[64];
            exercise_category_slug(category, slug, sizeof slug);
            snprintf(cat, sizeof cat, " --category %s", slug);
        }
        printf("exercise seed %llu: 'tlssim exercise%s --seed %llu' gives this puzzle again.\n",
               (unsigned long long)ex.seed, cat, (unsigned long long)ex.seed);
    }
    exercise_free(&ex);
    scenario_args_free(&sa);
    return rc;
}
