/* The command-line front end: one table of commands (docs/cli.md). */
#ifndef TLSSIM_CLI_H
#define TLSSIM_CLI_H

#include "ui/cli_common.h" /* exit statuses, cli_usage_error, cli_is_help */
#include "ui/cmd_ui.h"

typedef struct cli_command {
    const char *name;
    const char *summary;
    const char *usage; /* full --help text */
    const char *more;  /* printed after usage, e.g. the scenario options; or NULL */
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
} cli_command;

int cli_main(int argc, char **argv);

int cmd_pki(int argc, char **argv);
extern const char cmd_pki_usage[];
int cmd_glossary(int argc, char **argv);
extern const char cmd_glossary_usage[];
int cmd_list(int argc, char **argv);
extern const char cmd_list_usage[];
int cmd_bench(int argc, char **argv);
extern const char cmd_bench_usage[];
int cmd_run(int argc, char **argv);
extern const char cmd_run_usage[];
int cmd_verify(int argc, char **argv);
extern const char cmd_verify_usage[];
int cmd_exercise(int argc, char **argv);
extern const char cmd_exercise_usage[];
int cmd_compare(int argc, char **argv);
extern const char cmd_compare_usage[];
int cmd_lesson(int argc, char **argv);
extern const char cmd_lesson_usage[];

#endif
