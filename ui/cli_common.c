#include "ui/cli_common.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int cli_is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("tlssim: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see 'tlssim %s%s--help')\n", command ? command : "", command ? " " : "");
    return EXIT_USAGE;
}
