/* tlssim ui (and tlssim with no command): the terminal UI on a scenario. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto/crypto.h"
#include "ui/args.h"
#include "ui/cli_common.h"
#include "ui/cmd_ui.h"
#include "ui/scenario_args.h"
#include "ui/tui.h"

const char cmd_ui_usage[] =
    "usage: tlssim ui [SCENARIO OPTIONS] [--theme dark|light|mono]\n"
    "\n"
    "Opens the terminal UI: a ladder of the handshake, each message's fields over its bytes,\n"
    "each secret with its formula, each check with what it compared. Press ? for the keys.\n"
    "Needs a terminal of at least 80x24; 'tlssim run' prints the same trace as text.\n"
    "Without --seed, a random seed is chosen and shown, so a run can be repeated.\n"
    "\n"
    "  --theme NAME   dark (default), light (reads better on a projector) or mono;\n"
    "                 NO_COLOR in the environment means mono\n";

int cmd_ui(int argc, char **argv)
{
    double started = tui_now_ms();
    scenario_args sa;
    memset(&sa, 0, sizeof sa);
    scenario_defaults(&sa.sc);
    tui_theme theme = THEME_DARK;
    for (int i = 1; i < argc; i++) {
        int took = scenario_args_take(&sa, "ui", argc, argv, &i);
        if (took < 0)
            return -took;
        if (took)
            continue;
        if (strcmp(argv[i], "--theme") == 0) {
            const char *v = args_value(argc, argv, &i);
            if (!v || !tui_theme_parse(v, &theme))
                return cli_usage_error("ui", "--theme is dark, light or mono, not '%s'",
                                       v ? v : "nothing");
        } else {
            return cli_usage_error("ui", "unknown option '%s'", argv[i]);
        }
    }
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "tlssim: ui: not a terminal; use 'tlssim run' for the trace as text "
                        "(tlssim run --help)\n");
        return EXIT_USAGE;
    }
    int rc = scenario_args_finish(&sa, "ui");
    if (rc != EXIT_OK)
        return rc;
    scenario_args_pick_seed(&sa); /* shown, so the run can be repeated */
    rc = tui_run(&sa.sc, &sa.chosen, theme, getenv("TLSSIM_TUI_TIMING"), started);
    scenario_args_free(&sa);
    return rc;
}
