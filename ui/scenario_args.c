#include "ui/scenario_args.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "crypto/crypto.h"
#include "crypto/pki_builtin.h"
#include "crypto/x509_file.h"
#include "sim/fault_plan.h"
#include "sim/suites.h"
#include "ui/args.h"
#include "ui/cli.h"

const char scenario_options_help[] =
    "scenario options:\n"
    "  --tls 1.2             protocol version (1.3 comes later)\n"
    "  --suite NAME          IANA suite name (tlssim list suites); repeatable: the\n"
    "                        suites the client offers and the server accepts, the\n"
    "                        first preferred (default: all, as 'list suites' orders)\n"
    "  --group NAME          x25519, secp256r1, secp384r1 or ffdhe2048; repeatable,\n"
    "                        like --suite (default: all, x25519 first)\n"
    "  --client-auth         the server asks for a client certificate\n"
    "  --server-name NAME    SNI, and the name the client checks (default server.test)\n"
    "  --seed N              the same seed gives the same bytes\n"
    "  --time YYYY-MM-DD     the clock certificates are checked against (default today)\n"
    "  --pki DIR             use this PKI (as written by 'tlssim pki') instead of the built-in one\n"
    "  --message TEXT        application data the client sends\n"
    "  --no-ems              do not offer extended master secret (RFC 7627)\n"
    "  --resume [ticket|id]  a full handshake, then a second connection that resumes its\n"
    "                        session: by session ticket (RFC 5077, the default) or by\n"
    "                        session id (the server's cache)\n"
    "  --record-size N       split this side's handshake messages into records of at most\n"
    "                        N bytes (1 to 16384)\n"
    "  --coalesce            pack each flight's handshake messages into shared records\n"
    "  --cafile FILE         trust anchors (PEM) for the client actor (default: the demo root)\n"
    "  --fault NAME          break the handshake on purpose (tlssim list faults); repeatable\n";

/* Whether a suite has a group to run on among the scenario's (RSA key transport
 * needs none). */
static bool suite_fits_groups(const scenario *sc, const suite_info *s)
{
    bool ec = false, ff = false;
    kex_group groups[SCENARIO_MAX_GROUPS + 1];
    size_t n_groups = scenario_group_list(sc, groups, sizeof groups / sizeof groups[0]);
    for (size_t i = 0; i < n_groups; i++) {
        ff |= groups[i] == GROUP_FFDHE2048;
        ec |= groups[i] != GROUP_FFDHE2048;
    }
    return s->kex == HS_KEX_RSA || (s->kex == HS_KEX_ECDHE && ec) || (s->kex == HS_KEX_DHE && ff);
}

/* Whether some suite of the set has a group to run on. Without --suite, the preferred
 * suite becomes the first that fits the groups (--group ffdhe2048 alone: a DHE suite),
 * so that it stays the one an in-process run negotiates. */
static bool suites_fit_groups(scenario *sc, bool suite_given)
{
    if (!suite_given && !suite_fits_groups(sc, sc->suite))
        for (size_t i = 0; i < suite_count(); i++)
            if (suite_fits_groups(sc, suite_at(i))) {
                sc->suite = suite_at(i);
                break;
            }
    const suite_info *suites[SCENARIO_MAX_SUITES + 1];
    size_t n = scenario_suite_list(sc, suites, sizeof suites / sizeof suites[0]);
    for (size_t i = 0; i < n; i++)
        if (suite_fits_groups(sc, suites[i]))
            return true;
    return false;
}

static int fail(const char *command, const char *fmt, const char *v)
{
    cli_usage_error(command, fmt, v ? v : "nothing");
    return -EXIT_USAGE;
}

int scenario_args_take(scenario_args *a, const char *command, int argc, char **argv, int *i)
{
    const char *opt = argv[*i];
    scenario *sc = &a->sc;
    if (strcmp(opt, "--client-auth") == 0) {
        sc->client_auth = true;
        return 1;
    }
    if (strcmp(opt, "--no-ems") == 0) {
        sc->ems = false;
        return 1;
    }
    if (strcmp(opt, "--resume") == 0) {
        /* The kind is optional: tickets unless "id" (or "ticket") follows. */
        const char *next = *i + 1 < argc ? argv[*i + 1] : NULL;
        sc->resume = RESUME_TICKET;
        if (next && (strcmp(next, "id") == 0 || strcmp(next, "ticket") == 0)) {
            sc->resume = next[0] == 'i' ? RESUME_ID : RESUME_TICKET;
            (*i)++;
        }
        return 1;
    }
    if (strcmp(opt, "--coalesce") == 0) {
        sc->coalesce = true;
        return 1;
    }
    static const char *const with_value[] = {"--tls", "--suite", "--group", "--server-name",
                                             "--seed", "--time", "--pki", "--message", "--cafile",
                                             "--record-size", "--fault"};
    bool known = false;
    for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++)
        known |= strcmp(opt, with_value[k]) == 0;
    if (!known)
        return 0;
    const char *v = args_value(argc, argv, i);
    if (!v)
        return fail(command, "%s needs a value", opt);
    if (strcmp(opt, "--tls") == 0) {
        if (strcmp(v, "1.3") == 0)
            return fail(command, "--tls %s: TLS 1.3 is on the roadmap but not in this build", v);
        if (strcmp(v, "1.2") != 0)
            return fail(command, "--tls is 1.2 or 1.3, not '%s'", v);
    } else if (strcmp(opt, "--suite") == 0) {
        /* Repeatable: the first is the preferred one, all of them the set. */
        const suite_info *s = suite_by_name(v);
        if (!s)
            return fail(command, "unknown suite '%s' (see 'tlssim list suites')", v);
        for (size_t k = 0; k < sc->n_suites; k++)
            if (sc->suites[k] == s)
                return fail(command, "--suite %s is given twice", v);
        if (sc->n_suites == SCENARIO_MAX_SUITES)
            return fail(command, "too many --suite options (at most %s)", "32");
        if (sc->n_suites == 0)
            sc->suite = s;
        sc->suites[sc->n_suites++] = s;
        a->suite_given = true;
    } else if (strcmp(opt, "--fault") == 0) {
        const fault_info *f = fault_by_name(v);
        if (!f)
            return fail(command, "unknown fault '%s' (see 'tlssim list faults')", v);
        if (!f->implemented)
            return fail(command, "fault '%s' is in the catalogue but not in this build yet "
                                 "(see 'tlssim list faults')", v);
        sc->faults |= FAULT_BIT(f->id);
    } else if (strcmp(opt, "--group") == 0) {
        kex_group g = kex_group_from_name(v);
        if (g == GROUP_NONE)
            return fail(command, "unknown group '%s': x25519, secp256r1, secp384r1 or ffdhe2048", v);
        for (size_t k = 0; k < sc->n_groups; k++)
            if (sc->groups[k] == g)
                return fail(command, "--group %s is given twice", v);
        if (sc->n_groups == SCENARIO_MAX_GROUPS)
            return fail(command, "too many --group options (at most %s)", "8");
        if (sc->n_groups == 0)
            sc->group = g;
        sc->groups[sc->n_groups++] = g;
        a->group_given = true;
    } else if (strcmp(opt, "--server-name") == 0) {
        if (strlen(v) >= sizeof sc->server_name || !v[0])
            return fail(command, "--server-name '%s' is empty or too long", v);
        snprintf(sc->server_name, sizeof sc->server_name, "%s", v);
    } else if (strcmp(opt, "--seed") == 0) {
        if (!args_parse_u64(v, &sc->seed))
            return fail(command, "--seed needs a whole number, got '%s'", v);
        sc->seeded = true;
    } else if (strcmp(opt, "--time") == 0) {
        if (!x509_parse_date(v, &sc->now))
            return fail(command, "--time needs a date as YYYY-MM-DD, got '%s'", v);
    } else if (strcmp(opt, "--record-size") == 0) {
        uint64_t n = 0;
        if (!args_parse_u64(v, &n) || n < 1 || n > 16384)
            return fail(command, "--record-size needs a number of bytes from 1 to 16384, got '%s'", v);
        sc->record_size = (size_t)n;
    } else if (strcmp(opt, "--pki") == 0) {
        a->pki_dir = v;
    } else if (strcmp(opt, "--cafile") == 0) {
        a->cafile = v;
    } else {
        sc->message = v;
    }
    return 1;
}

int scenario_args_finish(scenario_args *a, const char *command)
{
    char why[256];
    if (!suites_fit_groups(&a->sc, a->suite_given))
        return cli_usage_error(command, "%s",
                               a->sc.n_suites == 1 && a->sc.suite->kex != HS_KEX_RSA
                                   ? (a->sc.suite->kex == HS_KEX_DHE
                                          ? "a DHE suite needs --group ffdhe2048 (or no --group)"
                                          : "--group ffdhe2048 is finite-field Diffie-Hellman: it "
                                            "goes with a DHE suite, not an ECDHE one")
                                   : "no --suite given can be used with the --group given: ECDHE "
                                     "suites need x25519, secp256r1 or secp384r1, DHE suites "
                                     "ffdhe2048");
    fault_given given = {a->suite_given, a->group_given};
    scenario as_given = a->sc;
    if (!fault_fit_scenario_given(&a->sc, given, why, sizeof why))
        return cli_usage_error(command, "%s", why);
    if (a->sc.resume != RESUME_NONE && (a->sc.faults & FAULT_BIT(FAULT_MITM_ANON)))
        return cli_usage_error(command, "--resume with --fault mitm-anon: the attacker's relay "
                                        "does not carry a session ticket or a resumed session");
    if (a->sc.now == 0) {
        /* Today at midnight UTC, so a run repeats all day long with the same seed. */
        a->sc.now = (int64_t)time(NULL) / 86400 * 86400;
    }
    tls_err err;
    err_init(&err);
    bool ok = a->pki_dir ? pki_load_dir(&a->pki, a->pki_dir, &err) : pki_load_builtin(&a->pki, &err);
    if (!ok) {
        fprintf(stderr, "tlssim: %s: %s%s\n", command, a->pki_dir ? "--pki: " : "", err.msg);
        pki_free(&a->pki);
        return EXIT_USAGE;
    }
    a->pki_loaded = true;
    a->sc.pki = &a->pki;
    if (a->cafile) {
        if (!x509_read_pem_file(a->cafile, a->anchors, 16, &a->n_anchors, &err)) {
            fprintf(stderr, "tlssim: %s: --cafile: %s\n", command, err.msg);
            scenario_args_free(a); /* callers return at once: nothing may stay allocated */
            return EXIT_USAGE;
        }
        a->sc.anchors = a->anchors;
        a->sc.n_anchors = a->n_anchors;
    }
    /* What fitting the faults changed, put back: the rest (PKI, clock, anchors) stays. */
    a->chosen = a->sc;
    a->chosen.suite = as_given.suite;
    a->chosen.group = as_given.group;
    a->chosen.client_auth = as_given.client_auth;
    a->chosen.legacy_suite = as_given.legacy_suite;
    a->chosen.faults = 0;
    return EXIT_OK;
}

void scenario_args_free(scenario_args *a)
{
    if (a->pki_loaded)
        pki_free(&a->pki);
    a->pki_loaded = false;
    for (size_t i = 0; i < a->n_anchors; i++)
        x509_free(&a->anchors[i]);
    a->n_anchors = 0; /* freeing twice is harmless */
}

void scenario_args_pick_seed(scenario_args *a)
{
    if (!a->sc.seeded) {
        uint8_t r[4] = {0};
        rng os;
        if (rng_init_system(&os)) {
            rng_bytes(&os, r, sizeof r);
            rng_free(&os);
        }
        a->sc.seed = 1 + ((uint64_t)r[0] << 16 | (uint64_t)r[1] << 8 | r[2]) % 999999;
        a->sc.seeded = true;
    }
    a->chosen.seed = a->sc.seed;
    a->chosen.seeded = true;
}
