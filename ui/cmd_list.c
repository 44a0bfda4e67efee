/* tlssim list: one line each, the name then a short description. */
#include <stdio.h>
#include <string.h>

#include "crypto/kex.h"
#include "sim/suites.h"
#include "ui/cli.h"

const char cmd_list_usage[] = "usage: tlssim list suites|groups|faults|lessons\n"
                              "\n"
                              "One line each: the name, then a short description.\n";

int cmd_list(int argc, char **argv)
{
    if (argc != 2)
        return cli_usage_error("list", "what to list? suites, groups, faults or lessons");
    const char *what = argv[1];
    if (strcmp(what, "suites") == 0) {
        for (size_t i = 0; i < suite_count(); i++)
            printf("%-46s %s\n", suite_at(i)->name, suite_at(i)->explain);
        return EXIT_OK;
    }
    if (strcmp(what, "groups") == 0) {
        const kex_group groups[] = {GROUP_X25519, GROUP_SECP256R1, GROUP_SECP384R1, GROUP_FFDHE2048};
        for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
            printf("%-12s %s\n", kex_group_name(groups[i]), kex_group_describe(groups[i]));
        return EXIT_OK;
    }
    if (strcmp(what, "faults") == 0 || strcmp(what, "lessons") == 0) {
        fprintf(stderr, "tlssim: list: %s are on the roadmap but not in this build yet\n", what);
        return EXIT_USAGE;
    }
    return cli_usage_error("list", "cannot list '%s': suites, groups, faults or lessons", what);
}
