/* Chain validation as OpenSSL's X509_verify_cert does it, one named check at a time.
 *
 * The order follows OpenSSL 3.0's verify_chain() so that the first failure, its
 * and its wording agree with what a real OpenSSL peer reports: build the
 * chain to a trust anchor, then extensions and purpose, then key and digest
 * strength (security level 2, Debian's default), then the host name, then the
 * signatures and validity periods from the anchor down to the leaf. Every check
 * is recorded, passed or failed, with what it compared. */
#include "crypto/x509_verify.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"

/* The chain as built: presented certificates in order, then possibly the anchor. */
/* OpenSSL's default verify depth is 100: up to 100 CAs between the leaf and the
 * trust anchor, so a built chain holds at most 102 certificates. */
#define MAX_CHAIN 102

typedef struct built_chain {
    const x509_cert *cert[MAX_CHAIN];
    int index[MAX_CHAIN]; /* position in the presented chain, or -1 for the anchor */
    size_t n;
    bool anchored; /* the last element is a trust anchor */
} built_chain;

static void add_check(x509_verdict *v, const char *name, const built_chain *b, size_t depth,
                      bool ok, x509_verify_code fail, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* depth: position in the built chain (0: leaf), as OpenSSL numbers it. */
static void add_check(x509_verdict *v, const char *name, const built_chain *b, size_t depth,
                      bool ok, x509_verify_code fail, const char *fmt, ...)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 32;
        x509_check *c = realloc(v->checks, cap * sizeof *c);
        if (!c)
            return;
        v->checks = c;
        v->cap = cap;
    }
    x509_check *c = &v->checks[v->n];
    memset(c, 0, sizeof *c);
    c->name = name;
    c->depth = (int)depth;
    c->cert = b && depth < b->n ? b->index[depth] : 0;
    c->ok = ok;
    va_list ap;
    va_start(ap, fmt);
    fmt_v(c->detail, sizeof c->detail, fmt, ap);
    va_end(ap);
    if (!ok) {
        c->code = fail;
        c->reason = x509_verify_code_text(fail);
    }
    if (!ok && v->first_failure < 0)
        v->first_failure = (int)v->n;
    v->n++;
}

static bool same_span(const x509_cert *a, size_t aoff, size_t alen, const x509_cert *b,
                      size_t boff, size_t blen)
{
    return alen == blen && memcmp(a->der + aoff, b->der + boff, alen) == 0;
}

/* c's issuer name equals p's subject name (RFC 5280 4.1.2.4: compared as DER here,
 * which is exact for certificates written by one CA) and the key identifiers agree. */
static bool issued_by(const x509_cert *c, const x509_cert *p)
{
    if (!same_span(c, c->issuer_off, c->issuer_len, p, p->subject_off, p->subject_len))
        return false;
    if (c->akid_len && p->skid_len)
        return c->akid_len == p->skid_len && memcmp(c->akid, p->skid, c->akid_len) == 0;
    return true;
}

static bool self_issued(const x509_cert *c)
{
    return issued_by(c, c);
}

static bool same_cert(const x509_cert *a, const x509_cert *b)
{
    return a->der_len == b->der_len && memcmp(a->der, b->der, a->der_len) == 0;
}

static const x509_cert *find_anchor(const x509_cert *c, const x509_cert *anchors, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (issued_by(c, &anchors[i]))
            return &anchors[i];
    return NULL;
}

static bool is_anchor(const x509_cert *c, const x509_cert *anchors, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (same_cert(c, &anchors[i]))
            return true;
    return false;
}

/* OpenSSL searches the trust store first (X509_V_FLAG_TRUSTED_FIRST), then the
 * certificates the peer sent. A self-issued certificate that is not trusted ends
 * the chain with an error. */
static void build(const x509_cert *chain, size_t n, const x509_cert *anchors, size_t na,
                  built_chain *b, x509_verdict *v)
{
    bool used[MAX_CHAIN] = {false};
    b->n = 0;
    b->anchored = false;
    b->cert[b->n] = &chain[0];
    b->index[b->n++] = 0;
    used[0] = true;
    for (;;) {
        const x509_cert *cur = b->cert[b->n - 1];
        int depth = (int)b->n - 1;
        if (is_anchor(cur, anchors, na)) {
            b->anchored = true;
            b->index[b->n - 1] = -1;
            add_check(v, "trust anchor", b, b->n - 1, true, X509_V_OK,
                      "'%s' is itself one of the trusted certificates", cur->subject_str);
            return;
        }
        if (self_issued(cur)) {
            x509_verify_code e = depth == 0 ? X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
                                            : X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN;
            add_check(v, "trust anchor", b, b->n - 1, false, e,
                      "'%s' is self-signed (issuer = subject) but is not one of the trusted "
                      "certificates",
                      cur->subject_str);
            return;
        }
        const x509_cert *anchor = find_anchor(cur, anchors, na);
        if (anchor && b->n < MAX_CHAIN) {
            add_check(v, "issuer chaining", b, b->n - 1, true, X509_V_OK,
                      "issuer of '%s' = subject of the trusted root '%s'", cur->subject_str,
                      anchor->subject_str);
            b->cert[b->n] = anchor;
            b->index[b->n++] = -1;
            b->anchored = true;
            add_check(v, "trust anchor", b, b->n - 1, true, X509_V_OK, "the chain ends in the trusted root '%s'",
                      anchor->subject_str);
            return;
        }
        size_t next = n;
        for (size_t i = 0; i < n && i < MAX_CHAIN; i++)
            if (!used[i] && issued_by(cur, &chain[i])) {
                next = i;
                break;
            }
        if ((anchor || next < n) && b->n >= MAX_CHAIN - 1) {
            add_check(v, "chain length", b, b->n, false, X509_V_ERR_CERT_CHAIN_TOO_LONG,
                      "more than %d CA certificates between '%s' and a trust anchor (OpenSSL's "
                      "default verify depth)", MAX_CHAIN - 2, chain[0].subject_str);
            return;
        }
        if (next == n) {
            add_check(v, "issuer chaining", b, b->n - 1, false,
                      X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
                      "no certificate sent by the peer or trusted locally has the subject '%s' "
                      "named as issuer of '%s'",
                      cur->issuer_str, cur->subject_str);
            return;
        }
        used[next] = true;
        add_check(v, "issuer chaining", b, b->n - 1, true, X509_V_OK,
                  "issuer of '%s' = subject of '%s' (certificate %zu sent by the peer)",
                  cur->subject_str, chain[next].subject_str, next);
        b->cert[b->n] = &chain[next];
        b->index[b->n++] = (int)next;
    }
}

static void check_extensions(const built_chain *b, const x509_verify_opts *o, x509_verdict *v)
{
    /* Path length counts the CA certificates below a CA, leaf excluded; self-issued
     * intermediates do not count (RFC 5280 6.1.4 (l)). */
    int plen = 0;
    for (size_t i = 0; i < b->n; i++) {
        const x509_cert *c = b->cert[i];
        if (c->unknown_critical)
            add_check(v, "critical extensions", b, i, false, X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION,
                      "'%s' has critical extension %s, which this validator does not understand",
                      c->subject_str, c->unknown_critical_oid);
        else
            add_check(v, "critical extensions", b, i, true, X509_V_OK,
                      "every critical extension of '%s' is understood", c->subject_str);
        if (i > 0) {
            /* X509_check_ca: v3 needs basicConstraints cA=TRUE and, when keyUsage is
             * present, keyCertSign; a v1 self-signed root counts as a CA. */
            bool v1_root = c->version == 1 && self_issued(c);
            bool ca = v1_root || (c->has_basic_constraints && c->is_ca);
            bool ku_ok = !c->has_key_usage || (c->key_usage & KU_KEY_CERT_SIGN);
            if (!ca)
                add_check(v, "basicConstraints", b, i, false, X509_V_ERR_INVALID_CA,
                          "'%s' issued another certificate but %s", c->subject_str,
                          c->has_basic_constraints ? "has basicConstraints cA=FALSE"
                                                   : "has no basicConstraints extension");
            else if (!ku_ok)
                add_check(v, "basicConstraints", b, i, false, X509_V_ERR_INVALID_CA,
                          "'%s' is a CA but its keyUsage lacks keyCertSign", c->subject_str);
            else
                add_check(v, "basicConstraints", b, i, true, X509_V_OK,
                          "'%s' is a CA (cA=TRUE%s)", c->subject_str,
                          c->has_key_usage ? ", keyUsage has keyCertSign" : "");
        }
        /* The purpose (sslserver / sslclient) binds the leaf's EKU and keyUsage, and
         * the EKU of CAs when they carry one. */
        unsigned want_eku = o->purpose == X509_PURPOSE_SERVER ? EKU_SERVER_AUTH : EKU_CLIENT_AUTH;
        const char *eku_name = o->purpose == X509_PURPOSE_SERVER ? "serverAuth" : "clientAuth";
        bool eku_ok = !c->has_eku || (c->eku & want_eku);
        bool ku_ok = true;
        if (i == 0 && c->has_key_usage) {
            unsigned need = o->purpose == X509_PURPOSE_SERVER
                                ? (KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT | KU_KEY_AGREEMENT)
                                : (KU_DIGITAL_SIGNATURE | KU_KEY_AGREEMENT);
            ku_ok = (c->key_usage & need) != 0;
        }
        if (!eku_ok)
            add_check(v, "extendedKeyUsage", b, i, false, X509_V_ERR_INVALID_PURPOSE,
                      "'%s' has extendedKeyUsage without %s", c->subject_str, eku_name);
        else if (!ku_ok)
            add_check(v, "keyUsage", b, i, false, X509_V_ERR_INVALID_PURPOSE,
                      "'%s' has keyUsage without digitalSignature, keyEncipherment or "
                      "keyAgreement",
                      c->subject_str);
        else
            add_check(v, "purpose", b, i, true, X509_V_OK, "'%s' may be used for %s%s", c->subject_str,
                      eku_name,
                      c->has_eku ? " (extendedKeyUsage allows it)"
                                 : " (no extendedKeyUsage: any purpose)");
        if (i > 0 && c->path_len >= 0 && plen > c->path_len)
            add_check(v, "pathLenConstraint", b, i, false, X509_V_ERR_PATH_LENGTH_EXCEEDED,
                      "'%s' allows %d intermediate CA%s below it, the chain has %d",
                      c->subject_str, c->path_len, c->path_len == 1 ? "" : "s", plen);
        else if (i > 0 && c->path_len >= 0)
            add_check(v, "pathLenConstraint", b, i, true, X509_V_OK,
                      "'%s' allows %d intermediate CA%s below it, the chain has %d",
                      c->subject_str, c->path_len, c->path_len == 1 ? "" : "s", plen);
        if (i > 0 && !self_issued(c))
            plen++;
    }
}

/* Security level 2: at least 112 bits of security (RSA >= 2048 bits, no SHA-1 or MD5
 * signatures except on the trust anchor itself). */
static void check_strength(const built_chain *b, const x509_verify_opts *o, x509_verdict *v)
{
    int min_rsa = o->min_rsa_bits ? o->min_rsa_bits : 2048;
    for (size_t i = 0; i < b->n; i++) {
        const x509_cert *c = b->cert[i];
        if (c->pubkey_ok && c->pubkey.type == PKEY_RSA && pkey_bits(&c->pubkey) < min_rsa)
            add_check(v, "key size", b, i, false,
                      i == 0 ? X509_V_ERR_EE_KEY_TOO_SMALL : X509_V_ERR_CA_KEY_TOO_SMALL,
                      "'%s' has an %s key; at least RSA %d is required", c->subject_str,
                      c->pubkey_desc, min_rsa);
        else
            add_check(v, "key size", b, i, true, X509_V_OK, "'%s' has an %s key (at least RSA %d or EC "
                      "P-256 required)", c->subject_str, c->pubkey_desc, min_rsa);
        if (i + 1 == b->n && b->anchored)
            continue; /* the anchor's self-signature is not relied upon */
        bool weak = c->sig_hash == HASH_SHA1 || c->sig_hash == HASH_MD5;
        add_check(v, "signature hash", b, i, !weak, X509_V_ERR_CA_MD_TOO_WEAK,
                  "'%s' is signed with %s (%s)", c->subject_str, c->sig_alg,
                  weak ? "too weak: collisions can be forged" : "strong enough");
    }
}

static char lower(char ch)
{
    return (char)tolower((unsigned char)ch);
}

static bool labels_equal(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

bool x509_host_matches(const char *pattern, const char *host)
{
    size_t pl = strlen(pattern), hl = strlen(host);
    if (pl && pattern[pl - 1] == '.')
        pl--; /* an absolute name "a.test." equals "a.test" */
    if (hl && host[hl - 1] == '.')
        hl--;
    if (pl == 0 || hl == 0)
        return false;
    if (pattern[0] != '*')
        return pl == hl && labels_equal(pattern, host, pl);
    /* "*." then at least two labels, so "*.test" never matches a whole TLD; the
     * wildcard stands for exactly one non-empty label. */
    if (pl < 3 || pattern[1] != '.')
        return false;
    const char *suffix = pattern + 1; /* ".example.test" */
    size_t sl = pl - 1;
    if (!memchr(suffix + 1, '.', sl - 1))
        return false;
    const char *dot = memchr(host, '.', hl);
    if (!dot || dot == host)
        return false;
    size_t rest = hl - (size_t)(dot - host);
    return rest == sl && labels_equal(dot, suffix, sl);
}

static void check_host(const built_chain *b, const x509_verify_opts *o, x509_verdict *v)
{
    if (!o->hostname)
        return;
    const x509_cert *leaf = b->cert[0];
    char names[400] = "";
    size_t used = 0;
    bool ok = false;
    /* With dNSName entries only they count; the CN is the fallback when there are none. */
    if (leaf->n_san_dns) {
        for (size_t i = 0; i < leaf->n_san_dns; i++) {
            ok = ok || x509_host_matches(leaf->san_dns[i], o->hostname);
            int k = snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "",
                             leaf->san_dns[i]);
            if (k > 0 && (size_t)k < sizeof names - used)
                used += (size_t)k;
        }
    } else if (leaf->subject_cn[0]) {
        ok = x509_host_matches(leaf->subject_cn, o->hostname);
        snprintf(names, sizeof names, "CN=%s (no subjectAltName)", leaf->subject_cn);
    }
    add_check(v, "host name", b, 0, ok, X509_V_ERR_HOSTNAME_MISMATCH,
              "'%s' %s the certificate's names: %s", o->hostname, ok ? "matches" : "is not among",
              names[0] ? names : "(none)");
}

static void check_signatures_and_times(const built_chain *b, const x509_verify_opts *o,
                                       x509_verdict *v)
{
    char now[40], nb[40], na[40];
    x509_format_time(o->now, now, sizeof now);
    for (size_t k = b->n; k-- > 0;) {
        const x509_cert *c = b->cert[k];
        if (k + 1 < b->n) {
            const x509_cert *issuer = b->cert[k + 1];
            bool valid = false;
            bool ran = issuer->pubkey_ok && c->sig_kind != SIG_NONE &&
                       pkey_verify(&issuer->pubkey, c->sig_kind, c->sig_hash, c->der + c->tbs_off,
                                   c->tbs_len, c->sig, c->sig_len, &valid, NULL);
            add_check(v, "signature", b, k, ran && valid, X509_V_ERR_CERT_SIGNATURE_FAILURE,
                      "signature of '%s' (%s) checked with the public key of '%s' (%s): %s",
                      c->subject_str, c->sig_alg, issuer->subject_str, issuer->pubkey_desc,
                      !ran ? "could not be checked" : valid ? "valid" : "does not match");
        }
        x509_format_time(c->not_before, nb, sizeof nb);
        x509_format_time(c->not_after, na, sizeof na);
        if (o->now < c->not_before)
            add_check(v, "validity", b, k, false, X509_V_ERR_CERT_NOT_YET_VALID,
                      "now (%s) is before notBefore (%s) of '%s'", now, nb, c->subject_str);
        else if (o->now > c->not_after)
            add_check(v, "validity", b, k, false, X509_V_ERR_CERT_HAS_EXPIRED,
                      "now (%s) is after notAfter (%s) of '%s'", now, na, c->subject_str);
        else
            add_check(v, "validity", b, k, true, X509_V_OK, "now (%s) is within %s .. %s of '%s'", now,
                      nb, na, c->subject_str);
    }
}

bool x509_verify_chain(const x509_cert *chain, size_t n, const x509_cert *anchors,
                       size_t n_anchors, const x509_verify_opts *opts, x509_verdict *out)
{
    memset(out, 0, sizeof *out);
    out->first_failure = -1;
    if (n == 0) {
        add_check(out, "certificate present", NULL, 0, false, X509_VERIFY_NO_CERTIFICATE,
                  "the peer sent no certificate");
        out->ok = false;
        return false;
    }
    built_chain b;
    build(chain, n, anchors, n_anchors, &b, out);
    check_extensions(&b, opts, out);
    check_strength(&b, opts, out);
    check_host(&b, opts, out);
    check_signatures_and_times(&b, opts, out);
    out->ok = out->first_failure < 0;
    return out->ok;
}

void x509_verdict_free(x509_verdict *v)
{
    free(v->checks);
    memset(v, 0, sizeof *v);
    v->first_failure = -1;
}
