#include <stdio.h>

#include "ui/cli.h"

const char cmd_pki_usage[] = "usage: tlssim pki --out DIR [--seed N]\n";

int cmd_pki(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "tlssim: pki: placeholder\n");
    return EXIT_USAGE;
}
