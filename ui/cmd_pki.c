/* tlssim pki: writes the demo PKI (and, on request, the broken variants) as files
 * that openssl, curl and Wireshark read. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "crypto/pki.h"
#include "ui/args.h"
#include "ui/cli.h"

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
    "  --out DIR     where to write (created if missing)\n"
    "  --seed N      seed of the keys and serial numbers (default: the built-in PKI's seed)\n"
    "  --variants    also write DIR/variants/NAME/ for each broken server certificate\n"
    "                (expired, wrong-host, unknown-ca, ...): chain.pem as the server would\n"
    "                send it, leaf.pem, leaf.key and intermediates.pem\n";

static int write_variants(const pki *p, const char *out, uint64_t seed)
{
    for (int v = 0; v < PKI_NVARIANTS; v++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/variants/%s", out, pki_variant_name((pki_variant)v));
        tls_err err;
        err_init(&err);
        pki_chain chain;
        bool ok = pki_build_variant(p, (pki_variant)v, seed, &chain, &err) &&
                  pki_make_dir(dir, &err) && pki_chain_write_dir(&chain, dir, &err);
        pki_chain_free(&chain);
        if (!ok) {
            fprintf(stderr, "tlssim: pki: variant %s: %s\n", pki_variant_name((pki_variant)v),
                    err.msg);
            return EXIT_INTERNAL;
        }
        printf("  variants/%-22s %s\n", pki_variant_name((pki_variant)v),
               pki_variant_explain((pki_variant)v));
    }
    return EXIT_OK;
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
    bool ok = pki_generate(&p, seed, &err) && pki_write_dir(&p, out, &err);
    if (!ok) {
        fprintf(stderr, "tlssim: pki: %s\n", err.msg);
        pki_free(&p);
        return EXIT_INTERNAL;
    }
    printf("wrote the demo PKI (seed %llu) to %s:\n", (unsigned long long)seed, out);
    for (int r = 0; r < PKI_NROLES; r++)
        printf("  %-18s %s\n", pki_role_file((pki_role)r), p.e[r].cert.subject_str);
    int rc = variants ? write_variants(&p, out, seed) : EXIT_OK;
    pki_free(&p);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc == EXIT_OK)
        printf("done in %.2f s\n",
               (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return rc;
}
