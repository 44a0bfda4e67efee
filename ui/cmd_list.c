/* tlssim list: one line each, the name then a short description. */
#include <stdio.h>
#include <string.h>

#include "crypto/kex.h"
#include "base/alert.h"
#include "sim/fault.h"
#include "sim/suites.h"
#include "ui/cli.h"
#include "ui/lesson.h"

const char cmd_list_usage[] = "usage: tlssim list suites|groups|faults|lessons\n"
                              "       tlssim list faults --all\n"
                              "\n"
                              "One line each: the name, then a short description. A fault's line\n"
                              "gives its category, what it does, and the alert the checking side\n"
                              "sends; --all adds the catalogue's faults not in this build yet.\n"
                              "\n"
                              "Suites come in the server's order of preference, numbered: the\n"
                              "server takes the first one the client offers that it can use.\n"
                              "Forward secrecy first (ECDHE, then DHE, then RSA key transport),\n"
                              "then AEAD before CBC, AES-128 before AES-256 and ChaCha20, an RSA\n"
                              "certificate before ECDSA. [legacy] marks the _SHA suites: kept for\n"
                              "TLS 1.0-era clients, CBC with MAC then encrypt (padding oracles\n"
                              "such as Lucky Thirteen) and no AEAD.\n"
                              "Groups too: x25519 first.\n"
                              "\n"
                              "The _SHA at the end of a suite's name is its record MAC\n"
                              "(HMAC-SHA1, still sound), not its signature: signature schemes\n"
                              "are negotiated apart (signature_algorithms). SHA-1 signatures are\n"
                              "broken: collisions can be computed (SHAttered, 2017; chosen-prefix,\n"
                              "2020). tlssim's client never offers them, as OpenSSL 3.0 at its\n"
                              "default security level does not; its server makes one only for a\n"
                              "client that accepts nothing stronger, or sends no\n"
                              "signature_algorithms, which means SHA-1 (RFC 5246 7.4.1.4.1).\n";

/* One line per fault: every listed fault runs with --fault. */
static int list_faults(bool all)
{
    for (size_t i = 0; i < fault_count(); i++) {
        const fault_info *f = fault_at(i);
        if (!f->implemented && !all)
            continue;
        printf("%-26s %-29s %s", f->name, fault_category_name(f->category), f->explain);
        if (f->alert >= 0)
            printf(" -- the %s sends %s(%d), %s", actor_name(f->checker), alert_name(f->alert),
                   f->alert, f->rfc);
        else
            printf(" -- no alert: the handshake completes, %s", f->rfc);
        printf("%s\n", f->implemented ? "" : " [not in this build yet]");
    }
    return EXIT_OK;
}

/* The lessons found (ui/lesson_dir.c), in course order; a file that does not load
 * is named on stderr and left out. */
static int list_lessons(void)
{
    lesson_list l;
    char err[512];
    if (!lesson_list_load(&l, NULL, 0, false, err, sizeof err)) {
        fprintf(stderr, "tlssim: list: %s\n", err);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < l.n; i++)
        printf("%-22s %s (level %d, %d min)\n", l.v[i].id, l.v[i].title, l.v[i].level,
               l.v[i].minutes);
    if (l.n == 0)
        fprintf(stderr, "tlssim: list: no lessons found (lessons/ beside the binary's folder, "
                        "or PREFIX/share/tlssim/lessons)\n");
    lesson_list_free(&l);
    return EXIT_OK;
}

int cmd_list(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "faults") == 0 && strcmp(argv[2], "--all") == 0)
        return list_faults(true);
    if (argc != 2)
        return cli_usage_error("list", "what to list? suites, groups, faults or lessons");
    const char *what = argv[1];
    if (strcmp(what, "faults") == 0)
        return list_faults(false);
    if (strcmp(what, "suites") == 0) {
        for (size_t i = 0; i < suite_count(); i++) {
            const suite_info *s = suite_at(i);
            printf("%-46s %2zu. %s", s->name, i + 1, s->explain);
            if (s->legacy)
                printf(" [legacy: %s]", s->legacy);
            printf("\n");
        }
        return EXIT_OK;
    }
    if (strcmp(what, "groups") == 0) {
        const kex_group *groups;
        size_t n = groups_implemented(&groups);
        for (size_t i = 0; i < n; i++)
            printf("%-12s %s\n", kex_group_name(groups[i]), kex_group_describe(groups[i]));
        return EXIT_OK;
    }
    if (strcmp(what, "lessons") == 0)
        return list_lessons();
    return cli_usage_error("list", "cannot list '%s': suites, groups, faults or lessons", what);
}
