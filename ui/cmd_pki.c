/* tlssim pki: writes the demo PKI (and, on request, the broken variants) as files
 * that openssl, curl and Wireshark read. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "crypto/pki.h"
#include "base/alert.h"
#include "ui/args.h"
#include "ui/cli.h"
#include "ui/staged_dir.h"

const char cmd_pki_usage[] =
    "usage: tlssim pki --out DIR [--seed N] [--variants]\n"
    "\n"
    "Writes the demo PKI: root-ca, intermediate-ca, server-rsa, server-ecdsa, client-rsa and\n"
    "client-ecdsa, each as NAME.pem (certificate) and NAME.key (PKCS#8 private key), plus\n"
    "NAME-chain.pem (leaf then intermediate) for the server and client leaves.\n"
    "The root signs the intermediate, the intermediate signs the leaves; server leaves name\n"
    "server.test. Validity is a fixed window (2025-01-01 to 2035-01-01 for leaves), so the\n"
    "same seed always gives the same bytes.\n"
    "\n"
    "  --out DIR     where to write (created if missing); every file is written or none\n"
    "                (exit status 2 when DIR cannot take them)\n"
    "  --seed N      seed of the keys and serial numbers (default: the built-in PKI's seed)\n"
    "  --variants    also write DIR/variants/NAME/ for each broken server certificate\n"
    "                (expired, wrong-host, unknown-ca, ...): chain.pem as the server would\n"
    "                send it, leaf.pem, leaf.key and intermediates.pem\n";

/* Writes DIR/variants/NAME/ for each broken server certificate; false with err. */
static bool write_variants(const pki *p, const char *out, uint64_t seed, tls_err *err)
{
    for (int v = 0; v < PKI_NVARIANTS; v++) {
        char dir[4200];
        int k = snprintf(dir, sizeof dir, "%s/variants/%s", out, pki_variant_name((pki_variant)v));
        if (k < 0 || (size_t)k >= sizeof dir) {
            err_set(err, ALERT_NONE, "%s/variants: path too long", out);
            return false;
        }
        pki_chain chain;
        bool ok = pki_build_variant(p, (pki_variant)v, seed, &chain, err) &&
                  pki_make_dir(dir, err) && pki_chain_write_dir(&chain, dir, err);
        pki_chain_free(&chain);
        if (!ok)
            return false;
    }
    return true;
}

static void print_written(const pki *p, const char *out, uint64_t seed, bool variants)
{
    printf("wrote the demo PKI (seed %llu) to %s:\n", (unsigned long long)seed, out);
    for (int r = 0; r < PKI_NROLES; r++)
        printf("  %-18s %s\n", pki_role_file((pki_role)r), p->e[r].cert.subject_str);
    for (int v = 0; variants && v < PKI_NVARIANTS; v++)
        printf("  variants/%-22s %s\n", pki_variant_name((pki_variant)v),
               pki_variant_explain((pki_variant)v));
}

int cmd_pki(int argc, char **argv)
{
    const char *out = NULL;
    uint64_t seed = PKI_DEFAULT_SEED;
    bool variants = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0) {
            if (!(out = args_value(argc, argv, &i)))
                return cli_usage_error("pki", "--out needs a directory");
        } else if (strcmp(argv[i], "--seed") == 0) {
            const char *s = args_value(argc, argv, &i);
            if (!args_parse_u64(s, &seed))
                return cli_usage_error("pki", "--seed needs a whole number, got '%s'",
                                       s ? s : "nothing");
        } else if (strcmp(argv[i], "--variants") == 0) {
            variants = true;
        } else {
            return cli_usage_error("pki", "unknown option '%s'", argv[i]);
        }
    }
    if (!out)
        return cli_usage_error("pki", "--out DIR is required");

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    tls_err err;
    err_init(&err);
    pki p;
    if (!pki_generate(&p, seed, &err)) {
        fprintf(stderr, "tlssim: pki: %s\n", err.msg);
        pki_free(&p);
        return EXIT_INTERNAL;
    }
    /* All or nothing: a half-written PKI (a certificate without its key) would fail
     * later, in another tool, with a less clear message. */
    staged_dir st;
    char why[512];
    bool ok = staged_dir_open(&st, out, why, sizeof why);
    if (ok && !(pki_write_dir(&p, st.stage, &err) &&
                (!variants || write_variants(&p, st.stage, seed, &err)))) {
        snprintf(why, sizeof why, "%s", err.msg);
        staged_dir_abort(&st);
        ok = false;
    }
    ok = ok && staged_dir_commit(&st, why, sizeof why);
    if (!ok) {
        fprintf(stderr, "tlssim: pki: --out %s: %s (nothing was written)\n", out, why);
        pki_free(&p);
        return EXIT_USAGE;
    }
    print_written(&p, out, seed, variants);
    pki_free(&p);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("done in %.2f s\n",
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return EXIT_OK;
}
