/* What every command shares with the front end that dispatches to it: the exit
 * statuses of the command-line contract (docs/cli.md) and the usage-error helpers.
 * Its own module, so that ui/cli.c calls the commands and the commands call only
 * this: no calls back and forth. */
#ifndef TLSSIM_CLI_COMMON_H
#define TLSSIM_CLI_COMMON_H

/* Exit statuses of the command-line contract. */
enum {
    EXIT_OK = 0,
    EXIT_INTERNAL = 1,
    EXIT_USAGE = 2,
    EXIT_ALERT = 3,
    EXIT_CLOSED = 4, /* the connection ended without an alert: peer closed, timeout */
};

/* Prints "tlssim: <message>" and a hint to stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* True for -h / --help. */
int cli_is_help(const char *arg);

#endif
