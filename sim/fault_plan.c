/* What the actors' fault points do. The actors only call their hooks (sim/actor_hooks.h),
 * which this file fills in; every decision about which fault acts, and how, is made
 * here from the catalogue's data. */
#include "sim/fault_plan.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "crypto/crypto.h"
#include "sim/fault_eavesdrop.h"
#include "sim/fault_mitm.h"
#include "sim/fault_wire.h"
#include "base/alert.h"
#include "sim/suites.h"

/* The broken chain behind each server-certificate fault. */
static const struct {
    fault_id fault;
    pki_variant variant;
} chains[] = {
    {FAULT_CERT_EXPIRED, PKI_VAR_EXPIRED},
    {FAULT_CERT_NOT_YET_VALID, PKI_VAR_NOT_YET_VALID},
    {FAULT_CERT_WRONG_HOST, PKI_VAR_WRONG_HOST},
    {FAULT_CERT_SELF_SIGNED, PKI_VAR_SELF_SIGNED},
    {FAULT_CERT_UNKNOWN_CA, PKI_VAR_UNKNOWN_CA},
    {FAULT_CERT_BAD_SIGNATURE, PKI_VAR_BAD_SIGNATURE},
    {FAULT_CERT_MISSING_INTERMEDIATE, PKI_VAR_MISSING_INTERMEDIATE},
    {FAULT_CERT_INTERMEDIATE_NOT_CA, PKI_VAR_INTERMEDIATE_NOT_CA},
    {FAULT_CERT_WRONG_EKU, PKI_VAR_WRONG_EKU},
    {FAULT_CERT_WEAK_KEY, PKI_VAR_WEAK_KEY},
    {FAULT_CERT_SHA1, PKI_VAR_SHA1},
};

static bool has(fault_set set, fault_id id)
{
    return (set & FAULT_BIT(id)) != 0;
}

bool fault_plan_init(fault_plan *p, const scenario *sc, tls_err *err)
{
    memset(p, 0, offsetof(fault_plan, server_chain));
    p->set = sc->faults;
    bool ok = true;
    for (size_t i = 0; ok && i < sizeof chains / sizeof chains[0]; i++) {
        if (!has(p->set, chains[i].fault) || p->have_server_chain)
            continue;
        /* The demo PKI's seed, not the run's: a broken certificate is part of the
         * setting, the same in every run, like the demo PKI itself. */
        ok = pki_build_variant(sc->pki, chains[i].variant, PKI_DEFAULT_SEED, &p->server_chain, err);
        p->have_server_chain = ok;
    }
    bool expired = has(p->set, FAULT_CLIENT_CERT_EXPIRED);
    if (ok && (expired || has(p->set, FAULT_CLIENT_CERT_UNTRUSTED))) {
        /* The client's certificate of the suite's key type (client.c signs with that key). */
        pki_role role = sc->suite->auth == PKEY_EC ? PKI_CLIENT_ECDSA : PKI_CLIENT_RSA;
        ok = pki_build_client_variant(sc->pki, role,
                                      expired ? PKI_CLIENT_VAR_EXPIRED : PKI_CLIENT_VAR_SELF_SIGNED,
                                      PKI_DEFAULT_SEED, &p->client_chain, err);
        p->have_client_chain = ok;
    }
    if (ok && has(p->set, FAULT_MITM_REPLACE_CERT)) {
        /* The attacker's CA is one the client has never heard of. */
        ok = pki_build_variant(sc->pki, PKI_VAR_UNKNOWN_CA, PKI_DEFAULT_SEED + 1, &p->mitm_chain, err);
        p->have_mitm_chain = ok;
    }
    if (ok && has(p->set, FAULT_MITM_ANON)) {
        ok = (p->mitm = mitm_anon_new()) != NULL;
        if (!ok)
            err_set(err, ALERT_INTERNAL_ERROR, "out of memory");
    }
    if (ok && has(p->set, FAULT_EAVESDROP_STOLEN_KEY)) {
        ok = (p->eve = eavesdrop_new()) != NULL;
        if (!ok)
            err_set(err, ALERT_INTERNAL_ERROR, "out of memory");
    }
    if (!ok)
        fault_plan_free(p);
    return ok;
}

void fault_plan_free(fault_plan *p)
{
    if (p->have_server_chain)
        pki_chain_free(&p->server_chain);
    if (p->have_client_chain)
        pki_chain_free(&p->client_chain);
    if (p->have_mitm_chain)
        pki_chain_free(&p->mitm_chain);
    p->have_server_chain = p->have_client_chain = p->have_mitm_chain = false;
    mitm_anon_free(p->mitm);
    p->mitm = NULL;
    eavesdrop_free(p->eve);
    p->eve = NULL;
}

static const char *needs_text(fault_needs n)
{
    switch (n) {
    case NEEDS_RSA_CERT:
        return "a suite with an RSA server certificate (the broken chains are RSA)";
    case NEEDS_SKE:
        return "an ECDHE or DHE suite (only they send a ServerKeyExchange)";
    case NEEDS_RSA_KEX:
        return "RSA key transport, e.g. TLS_RSA_WITH_AES_128_GCM_SHA256";
    case NEEDS_ECDHE:
        return "an ECDHE suite";
    case NEEDS_EC_CURVE:
        return "an ECDHE suite on secp256r1 or secp384r1 (x25519 has no on-curve check)";
    case NEEDS_DHE:
        return "finite-field DHE: TLS_DHE_RSA_WITH_AES_128_GCM_SHA256";
    case NEEDS_LEGACY:
        return "a forward-secret (ECDHE or DHE) suite to be downgraded from";
    case NEEDS_ANON:
        return "the anonymous suite TLS_DH_anon_WITH_AES_128_CBC_SHA256, which it chooses itself";
    case NEEDS_CLIENT_AUTH:
    case NEEDS_NOTHING:
        break;
    }
    return "nothing";
}

static bool suite_fits(const suite_info *s, fault_needs n)
{
    switch (n) {
    case NEEDS_RSA_CERT:
        return s->auth == PKEY_RSA;
    case NEEDS_SKE:
        return s->kex != HS_KEX_RSA;
    case NEEDS_RSA_KEX:
        return s->kex == HS_KEX_RSA;
    case NEEDS_ECDHE:
    case NEEDS_EC_CURVE:
        return s->kex == HS_KEX_ECDHE;
    case NEEDS_DHE:
        return s->kex == HS_KEX_DHE;
    case NEEDS_LEGACY:
        return s->kex != HS_KEX_RSA;
    case NEEDS_ANON:
        return suite_anonymous(s);
    case NEEDS_CLIENT_AUTH:
    case NEEDS_NOTHING:
        break;
    }
    return true;
}

/* A fault's point may serve several faults only where their changes add up. */
static bool point_shared(fault_point p)
{
    return p == FP_WIRE || p == FP_CLIENT_HELLO;
}

static bool group_fits(kex_group g, fault_needs n)
{
    return n != NEEDS_EC_CURVE || g == GROUP_SECP256R1 || g == GROUP_SECP384R1;
}

bool fault_fit_scenario(scenario *sc, bool suite_given, char *why, size_t n)
{
    return fault_fit_scenario_given(sc, (fault_given){suite_given, false}, why, n);
}

bool fault_fit_scenario_given(scenario *sc, fault_given given, char *why, size_t n)
{
    bool suite_given = given.suite;
    const fault_info *at_point[FP_NONE + 1] = {0};
    const fault_info *anon = NULL;
    for (size_t i = 0; i < fault_count(); i++) {
        const fault_info *f = fault_at(i);
        if (!has(sc->faults, f->id))
            continue;
        if (f->needs == NEEDS_ANON)
            anon = f;
        if (!f->implemented) {
            snprintf(why, n, "fault '%s' is in the catalogue but not in this build", f->name);
            return false;
        }
        const fault_info *other = at_point[f->point];
        if (other && !point_shared(f->point)) {
            snprintf(why, n, "faults '%s' and '%s' change the same thing; choose one", other->name,
                     f->name);
            return false;
        }
        at_point[f->point] = f;
        if (f->needs == NEEDS_CLIENT_AUTH) {
            sc->client_auth = true;
            continue;
        }
        if (!group_fits(sc->group, f->needs) && !given.group)
            sc->group = GROUP_SECP256R1;
        if (!group_fits(sc->group, f->needs)) {
            snprintf(why, n, "fault '%s' needs %s, not --group %s", f->name, needs_text(f->needs),
                     kex_group_name(sc->group));
            return false;
        }
        /* The weak suite the attacker leaves is one the server still takes. */
        if (f->needs == NEEDS_LEGACY)
            sc->legacy_suite = suite_by_code(FAULT_DOWNGRADE_SUITE);
        /* The anonymous suite is in no list: only this demonstration sets it. */
        if (f->needs == NEEDS_ANON && !suite_given)
            sc->suite = suite_dh_anon();
        if (suite_fits(sc->suite, f->needs))
            continue;
        /* Without --suite, pick the first suite that fits; an explicit one is kept. */
        for (size_t k = 0; !suite_given && k < suite_count(); k++)
            if (suite_fits(suite_at(k), f->needs)) {
                sc->suite = suite_at(k);
                break;
            }
        if (!suite_fits(sc->suite, f->needs)) {
            snprintf(why, n, "fault '%s' needs %s, not %s", f->name, needs_text(f->needs),
                     sc->suite->name);
            return false;
        }
    }
    /* Checked once every fault has had its say: a client-certificate fault may come
     * after the one that chose the suite. */
    if (anon && sc->client_auth) {
        snprintf(why, n, "fault '%s' cannot be combined with client authentication: its "
                         "server is anonymous, and an anonymous server never asks for a "
                         "certificate (RFC 5246 7.4.4)", anon->name);
        return false;
    }
    return true;
}

/* Demonstrations that need both ends (and the attacker) inside the engine. */
static bool simulated_only(fault_id id)
{
    return id == FAULT_MITM_ANON || id == FAULT_EAVESDROP_STOLEN_KEY;
}

bool fault_fit_side(fault_set set, actor_id plays, char *why, size_t n)
{
    for (size_t i = 0; i < fault_count(); i++) {
        const fault_info *f = fault_at(i);
        if (has(set, f->id) && simulated_only(f->id)) {
            snprintf(why, n, "fault '%s' is a demonstration of the simulated engine: it needs "
                             "both ends in tlssim (leave out --connect and --listen)",
                     f->name);
            return false;
        }
        /* tlssim commits the fault, or the attacker sits beside tlssim's side and
         * changes its bytes; either way the real peer is the one who checks. */
        if (has(set, f->id) && f->checker == plays) {
            snprintf(why, n, "fault '%s' is checked by the %s, and over TCP tlssim plays the %s: "
                             "use %s instead",
                     f->name, actor_name(plays), actor_name(plays),
                     plays == ACTOR_CLIENT ? "--listen" : "--connect");
            return false;
        }
    }
    return true;
}

/* Whether f acts for this actor; the first time, a note says what it does. */
static bool acts(fault_plan *pl, actor *a, const fault_info *f)
{
    if (!pl || !has(pl->set, f->id) || f->by != a->id || !f->implemented)
        return false;
    if (!has(pl->fired, f->id)) {
        pl->fired |= FAULT_BIT(f->id);
        char title[96];
        snprintf(title, sizeof title, "fault injected: %s", f->name);
        actor_note(a, title, f->explain);
    }
    return true;
}

/* The fault acting at point p, committed by this actor, or NULL. */
static const fault_info *fire(fault_plan *pl, actor *a, fault_point p)
{
    for (size_t i = 0; pl && i < fault_count(); i++) {
        const fault_info *f = fault_at(i);
        if (f->point == p && acts(pl, a, f))
            return f;
    }
    return NULL;
}

/* Flips the lowest bit of the byte at `at` when a fault acts at p; records before
 * and after. Returns whether it did. */
static bool flip_at(fault_plan *pl, actor *a, fault_point p, uint8_t *bytes, size_t len, size_t at)
{
    const fault_info *f = at < len ? fire(pl, a, p) : NULL;
    if (!f)
        return false;
    char how[96];
    snprintf(how, sizeof how, "the lowest bit of byte %zu of %zu", at, len);
    trace_event *e = actor_compute(a, "fault: one bit flipped", how);
    if (e)
        trace_add_input(e, "before", bytes, len, NULL);
    bytes[at] ^= 0x01;
    if (e)
        trace_add_output(e, "after", bytes, len, NULL);
    return true;
}

static bool skip(void *ctx, actor *a, fault_point p)
{
    return fire(ctx, a, p) != NULL;
}

/* FP_SERVER_CHAIN: the chain the server sends instead of its own, or NULL. */
static const pki_chain *server_chain(void *ctx, actor *a)
{
    fault_plan *pl = ctx;
    if (!pl->have_server_chain || !fire(pl, a, FP_SERVER_CHAIN))
        return NULL;
    return &pl->server_chain;
}

/* FP_SKE_KEY: the key the server signs its key share with. */
static const pkey *signing_key(void *ctx, actor *a, const pkey *own)
{
    /* A key the server holds but that is not its certificate's: the intermediate CA's. */
    return fire(ctx, a, FP_SKE_KEY) ? &a->sc->pki->e[PKI_INTERMEDIATE].key : own;
}

/* FP_CLIENT_CHAIN: changes the chain the client sends (possibly to none). */
static void client_chain(void *ctx, actor *a, certificate_msg *m)
{
    const fault_plan *pl = ctx;
    const fault_info *f = fire(ctx, a, FP_CLIENT_CHAIN);
    if (!f)
        return;
    m->n = 0; /* RFC 5246 7.4.6: a client without a suitable certificate sends none */
    for (size_t i = 0; f->id != FAULT_CLIENT_CERT_MISSING && pl->have_client_chain &&
                       i < pl->client_chain.n && i < HS_MAX_CERTS; i++) {
        m->cert[i] = pl->client_chain.certs[i].der;
        m->len[i] = pl->client_chain.certs[i].der_len;
        m->fields[i] = &pl->client_chain.certs[i].fields;
        m->n++;
    }
}

/* FP_CLIENT_HELLO: changes what the client offers. */
static void client_hello_edit(void *ctx, actor *a, client_hello *ch)
{
    fault_plan *pl = ctx;
    if (acts(pl, a, fault_get(FAULT_NO_SHARED_CIPHER))) {
        /* TLS_RSA_EXPORT_WITH_RC4_40_MD5 and TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5. */
        ch->suites[0] = 0x0003;
        ch->suites[1] = 0x0006;
        ch->n_suites = 2;
    }
    if (acts(pl, a, fault_get(FAULT_NO_SHARED_GROUP))) {
        size_t kept = 0;
        for (size_t i = 0; i < ch->n_suites; i++) {
            const suite_info *s = suite_by_code(ch->suites[i]);
            if (s && s->kex == HS_KEX_ECDHE)
                ch->suites[kept++] = ch->suites[i];
        }
        ch->n_suites = kept;
        ch->groups[0] = 0x0001; /* sect163k1, a binary curve no current server offers */
        ch->n_groups = 1;
    }
    if (acts(pl, a, fault_get(FAULT_VERSION_MISMATCH)))
        ch->version = 0x0302; /* TLS 1.1 */
}

/* FP_KEY_SHARE: changes the public value this actor is about to send (pub holds room
 * for cap bytes). */
static bool key_share(fault_plan *pl, actor *a, uint8_t *pub, size_t *len, size_t cap)
{
    const fault_info *f = fire(pl, a, FP_KEY_SHARE);
    if (!f || *len == 0)
        return false;
    trace_event *e = actor_compute(a, "fault: public value replaced", f->explain);
    if (e)
        trace_add_input(e, "honest public value", pub, *len, NULL);
    if (f->id == FAULT_ECDHE_INVALID_POINT) {
        /* 04 || x || y: with x kept, only y or p - y lie on the curve, and a one-bit
         * change reaches p - y only for y = (p +- 1) / 2: the point leaves the curve. */
        pub[*len - 1] ^= 0x01;
    } else if (f->id == FAULT_DH_SMALL_SUBGROUP) {
        /* Y = p-1: (p-1)^x is 1 or p-1 whatever x is, so the secret is one of two values. */
        size_t plen = cap;
        if (kex_dh_prime(&a->kx, pub, &plen)) {
            *len = plen;
            for (size_t i = plen; i-- > 0 && pub[i]-- == 0;) /* minus one, with borrow */
                ;
        }
    }
    if (e)
        trace_add_output(e, "sent instead", pub, *len, NULL);
    return true;
}

static bool edit_bytes(void *ctx, actor *a, fault_point p, uint8_t *bytes, size_t *len, size_t cap)
{
    if (p == FP_KEY_SHARE)
        return key_share(ctx, a, bytes, len, cap);
    /* rsa-pms-bad-padding: the block type (byte 1) 02 becomes 03; every other point
     * has the lowest bit of its last byte flipped. */
    size_t at = p == FP_PREMASTER_BLOCK ? 1 : *len - 1;
    return *len > 0 && flip_at(ctx, a, p, bytes, *len, at);
}

static void on_wire(void *ctx, actor *a)
{
    fault_on_wire(ctx, a);
}

static actor_id wire_sender(void *ctx, const actor *a)
{
    return fault_wire_sender(ctx, a);
}

void fault_plan_attach(fault_plan *p, actor *a)
{
    if (!p) {
        a->hooks = (actor_hooks){0};
        return;
    }
    a->hooks = (actor_hooks){.ctx = p,
                             .skip = skip,
                             .edit_bytes = edit_bytes,
                             .edit_hello = client_hello_edit,
                             .edit_client_chain = client_chain,
                             .server_chain = server_chain,
                             .signing_key = signing_key,
                             .on_wire = on_wire,
                             .wire_sender = wire_sender};
}

void fault_after_run(fault_plan *p, const scenario *sc, trace *t)
{
    if (p->eve)
        eavesdrop_attack(p->eve, sc, t);
}
