/* tlssim verify: validates a certificate chain the way the simulated client (or
 * server) does, printing every check with what it compared. Its last line uses
 * `openssl verify`'s error numbers and wording, so the two can be compared. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "crypto/pki_builtin.h"
#include "crypto/x509_file.h"
#include "crypto/x509_verify.h"
#include "base/alert.h"
#include "sim/cert_alerts.h"
#include "ui/args.h"
#include "ui/cli.h"

#define MAX_CERTS 16

const char cmd_verify_usage[] =
    "usage: tlssim verify [--cafile FILE] [--untrusted FILE] [--purpose sslserver|sslclient]\n"
    "                     [--host NAME] [--time YYYY-MM-DD] CERT\n"
    "\n"
    "Checks CERT (a PEM file: the leaf, optionally followed by the chain a peer would send)\n"
    "as tlssim's client checks a server (sslserver) or its server a client (sslclient):\n"
    "issuer chaining to a trust anchor, extensions and purpose, key and hash strength,\n"
    "host name, signatures and validity. Prints each check, then 'result: OK' or\n"
    "'result: error N at depth D: TEXT' with OpenSSL's number and wording, and the alert a\n"
    "TLS peer sends. Exit status: 0 valid, 3 rejected, 2 bad usage or unreadable input.\n"
    "\n"
    "  --cafile FILE     trust anchors (default: the built-in demo root CA)\n"
    "  --untrusted FILE  more intermediate certificates to build the chain with\n"
    "  --purpose P       sslserver (default) or sslclient\n"
    "  --host NAME       the host name to check against subjectAltName (default: none)\n"
    "  --time DATE       the date to check validity at (default: now)\n";

typedef struct verify_args {
    const char *cafile, *untrusted, *cert, *host;
    x509_purpose purpose;
    int64_t now;
} verify_args;

static int parse_args(int argc, char **argv, verify_args *a)
{
    memset(a, 0, sizeof *a);
    a->now = (int64_t)time(NULL);
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        if (opt[0] != '-') {
            if (a->cert)
                return cli_usage_error("verify", "only one CERT file, got '%s' too", opt);
            a->cert = opt;
            continue;
        }
        const char *val = args_value(argc, argv, &i);
        if (!val)
            return cli_usage_error("verify", "%s needs a value", opt);
        if (strcmp(opt, "--cafile") == 0) {
            a->cafile = val;
        } else if (strcmp(opt, "--untrusted") == 0) {
            a->untrusted = val;
        } else if (strcmp(opt, "--host") == 0) {
            a->host = val;
        } else if (strcmp(opt, "--purpose") == 0) {
            if (strcmp(val, "sslserver") == 0)
                a->purpose = X509_PURPOSE_SERVER;
            else if (strcmp(val, "sslclient") == 0)
                a->purpose = X509_PURPOSE_CLIENT;
            else
                return cli_usage_error("verify", "--purpose is sslserver or sslclient, not '%s'",
                                       val);
        } else if (strcmp(opt, "--time") == 0) {
            if (!x509_parse_date(val, &a->now))
                return cli_usage_error("verify", "--time needs a date as YYYY-MM-DD, got '%s'",
                                       val);
        } else {
            return cli_usage_error("verify", "unknown option '%s'", opt);
        }
    }
    if (!a->cert)
        return cli_usage_error("verify", "which certificate? give a CERT file");
    return EXIT_OK;
}

static bool load_anchors(const verify_args *a, x509_cert *anchors, size_t *n, tls_err *err)
{
    if (a->cafile)
        return x509_read_pem_file(a->cafile, anchors, MAX_CERTS, n, err);
    pki p;
    bool ok = pki_load_builtin(&p, err) &&
              x509_parse(p.e[PKI_ROOT].cert.der, p.e[PKI_ROOT].cert.der_len, &anchors[0], err);
    if (ok)
        *n = 1;
    pki_free(&p);
    return ok;
}

static void print_verdict(const x509_cert *chain, size_t n, const x509_verdict *v)
{
    printf("presented chain:\n");
    for (size_t i = 0; i < n; i++)
        printf("  [%zu] %s  (%s, issued by %s)\n", i, chain[i].subject_str, chain[i].pubkey_desc,
               chain[i].issuer_str);
    printf("checks:\n");
    for (size_t i = 0; i < v->n; i++) {
        const x509_check *c = &v->checks[i];
        printf("  %-4s depth %d  %-20s %s\n", c->ok ? "ok" : "FAIL", c->depth, c->name, c->detail);
    }
    if (v->ok) {
        printf("result: OK\n");
        return;
    }
    const x509_check *f = &v->checks[v->first_failure];
    int alert = cert_alert_for(f->code);
    printf("result: error %d at depth %d: %s (a TLS peer sends %s(%d))\n", (int)f->code,
           f->depth, f->reason, alert_name(alert), alert);
}

int cmd_verify(int argc, char **argv)
{
    verify_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc != EXIT_OK)
        return rc;
    static x509_cert chain[MAX_CERTS], anchors[MAX_CERTS];
    size_t n = 0, n_anchors = 0;
    tls_err err;
    err_init(&err);
    bool ok = x509_read_pem_file(a.cert, chain, MAX_CERTS, &n, &err) &&
              (!a.untrusted || x509_read_pem_file(a.untrusted, chain, MAX_CERTS, &n, &err)) &&
              load_anchors(&a, anchors, &n_anchors, &err);
    if (ok) {
        x509_verify_opts opts = {.now = a.now, .purpose = a.purpose, .hostname = a.host};
        x509_verdict v;
        x509_verify_chain(chain, n, anchors, n_anchors, &opts, &v);
        print_verdict(chain, n, &v);
        rc = v.ok ? EXIT_OK : EXIT_ALERT;
        x509_verdict_free(&v);
    } else {
        fprintf(stderr, "tlssim: verify: %s\n", err.msg);
        rc = EXIT_USAGE;
    }
    for (size_t i = 0; i < n; i++)
        x509_free(&chain[i]);
    for (size_t i = 0; i < n_anchors; i++)
        x509_free(&anchors[i]);
    return rc;
}
