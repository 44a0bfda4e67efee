#include "ui/cli.h"
#include "ui/scenario_args.h"

#include <stdio.h>
#include <string.h>

#ifndef TLSSIM_VERSION
#define TLSSIM_VERSION "dev"
#endif

static const cli_command commands[] = {
    {"ui", "open the terminal UI on a scenario", cmd_ui_usage, scenario_options_help, cmd_ui},
    {"run", "run a scenario headless and print the annotated trace", cmd_run_usage,
     scenario_options_help, cmd_run},
    {"pki", "write the demo PKI as PEM files", cmd_pki_usage, NULL, cmd_pki},
    {"verify", "check a certificate chain, printing every check", cmd_verify_usage, NULL,
     cmd_verify},
    {"list", "list suites, groups, faults or lessons", cmd_list_usage, NULL, cmd_list},
    {"lesson", "lessons: the menu, one lesson, --check, --key, --report", cmd_lesson_usage, NULL,
     cmd_lesson},
    {"bench", "run N in-process handshakes and report the rate", cmd_bench_usage,
     scenario_options_help, cmd_bench},
    {"exercise", "find a hidden fault: which side, check, alert, and why", cmd_exercise_usage,
     scenario_options_help, cmd_exercise},
    {"glossary", "a term of TLS in plain words, with its RFC sections", cmd_glossary_usage, NULL,
     cmd_glossary},
    {"compare", "two suites' handshakes side by side (RSA vs ECDHE ...)", cmd_compare_usage,
     scenario_options_help, cmd_compare},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void print_help(FILE *out)
{
    fprintf(out,
            "tlssim %s - an educational TLS handshake simulator\n\n"
            "usage: tlssim [COMMAND] [OPTIONS]\n"
            "       tlssim COMMAND --help\n\n"
            "commands:\n",
            TLSSIM_VERSION);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nWithout a command, tlssim opens the terminal UI on the default scenario.\n"
                 "Options: --help, --version.\n");
}

int cli_main(int argc, char **argv)
{
    if (argc < 2)
        return cmd_ui(1, (char *[]){"ui", NULL});
    const char *first = argv[1];
    if (cli_is_help(first)) {
        print_help(stdout);
        return EXIT_OK;
    }
    if (strcmp(first, "--version") == 0 || strcmp(first, "-V") == 0) {
        printf("tlssim %s\n", TLSSIM_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < NCOMMANDS; i++) {
        if (strcmp(first, commands[i].name) != 0)
            continue;
        if (argc > 2 && cli_is_help(argv[2])) {
            fputs(commands[i].usage, stdout);
            if (commands[i].more)
                printf("\n%s", commands[i].more);
            return EXIT_OK;
        }
        return commands[i].run(argc - 1, argv + 1);
    }
    if (first[0] == '-') { /* tlssim --suite X ...: the UI with scenario options */
        argv[0] = "ui";
        return cmd_ui(argc, argv);
    }
    return cli_usage_error(NULL, "unknown command '%s'", first);
}
