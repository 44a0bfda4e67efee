/* tlssim glossary [TERM]: one term explained, or the list of terms. */
#include <stdio.h>
#include <string.h>

#include "ui/cli.h"
#include "ui/glossary.h"

const char cmd_glossary_usage[] =
    "usage: tlssim glossary [TERM]\n"
    "\n"
    "Without TERM, lists every term of the glossary with the RFC sections that define\n"
    "it. With TERM (a name or another spelling: 'master secret', master_secret, PMS),\n"
    "explains it in plain words, then names the RFC sections (\"RFC 5246 7.4.9\").\n"
    "A TERM the glossary lacks is an error (exit status 2) that names close terms.\n"
    "The TUI shows the same entry with g.\n";

/* Prints s word-wrapped at 78 columns, indented. */
static void put_wrapped(const char *s, int indent)
{
    int col = 0;
    while (*s) {
        size_t n = strcspn(s, " ");
        if (col && col + 1 + (int)n > 78 - indent) {
            putchar('\n');
            col = 0;
        }
        if (!col)
            printf("%*s", indent, "");
        else
            putchar(' ');
        printf("%.*s", (int)n, s);
        col += (int)n + (col ? 1 : 0);
        s += n;
        while (*s == ' ')
            s++;
    }
    putchar('\n');
}

static void print_term(const glossary_term *t)
{
    printf("%s\n", t->term);
    put_wrapped(t->text, 2);
    if (t->aliases) {
        char also[256];
        snprintf(also, sizeof also, "also: %s", t->aliases);
        for (char *c = also; *c; c++)
            if (*c == '|')
                *c = ',';
        char spaced[320];
        size_t k = 0;
        for (const char *c = also; *c && k + 2 < sizeof spaced; c++) {
            spaced[k++] = *c;
            if (*c == ',')
                spaced[k++] = ' ';
        }
        spaced[k] = 0;
        put_wrapped(spaced, 2);
    }
    printf("  see: %s\n", t->rfc);
}

int cmd_glossary(int argc, char **argv)
{
    if (argc > 2)
        return cli_usage_error("glossary", "glossary takes one TERM (quote a term of several words)");
    if (argc < 2) {
        for (size_t i = 0; i < glossary_count(); i++) {
            const glossary_term *t = glossary_at(i);
            printf("%-28s %s\n", t->term, t->rfc);
        }
        return EXIT_OK;
    }
    if (argv[1][0] == '-')
        return cli_usage_error("glossary", "unknown option '%s'", argv[1]);
    const glossary_term *t = glossary_find(argv[1]);
    if (t) {
        print_term(t);
        return EXIT_OK;
    }
    const glossary_term *close[4];
    size_t n = glossary_close(argv[1], close, 4);
    fprintf(stderr, "tlssim: '%s' is not in the glossary", argv[1]);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "%s'%s'", i ? ", " : "; close terms: ", close[i]->term);
    fprintf(stderr, "\n(see 'tlssim glossary' for the list)\n");
    return EXIT_USAGE;
}
