/* Signed data in parts, and `openssl` commands that recompute a step (sim/recompute.h).
 * A command writes every file it reads from inline hex, so it runs in any empty
 * folder with the OpenSSL 3.0 command line and xxd; it prints the result as hex. */
#include "sim/recompute.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every line of a command fits 44 columns: the detail pane at 80x24 shows it whole,
 * so a line copied from there is the line recorded. Hex goes 16 bytes a line. */
#define HEX_LINE 16

/* A growing text; the first failure sticks and the text is then dropped. */
typedef struct sbuf {
    char *p;
    size_t n, cap;
    bool failed;
} sbuf;

/* Appends n bytes; every append goes through here. */
static void sb_put(sbuf *b, const char *p, size_t n)
{
    if (b->failed)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = 2 * (b->n + n + 1);
        char *np = realloc(b->p, cap);
        if (!np) {
            b->failed = true;
            return;
        }
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void sb_add(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Formatted: the commands' fixed lines with a name or a number in them. */
static void sb_add(sbuf *b, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (k >= 0 && (size_t)k < sizeof line) {
        sb_put(b, line, (size_t)k);
        return;
    }
    char *big = NULL; /* longer than a line: rare, so a second pass is fine */
    va_start(ap, fmt);
    k = vasprintf(&big, fmt, ap);
    va_end(ap);
    if (k < 0)
        b->failed = true;
    else
        sb_put(b, big, (size_t)k);
    free(big);
}

/* Bytes as shell words of hex, HEX_LINE bytes a line, each line continued from the
 * one before (" \\" then a new line). conf: each word quoted and, but the last,
 * ending in a backslash, the way an OpenSSL config file continues a value. */
static void sb_hex_words(sbuf *b, const uint8_t *p, size_t n, bool conf)
{
    for (size_t i = 0; i < n; i += HEX_LINE) {
        size_t k = n - i < HEX_LINE ? n - i : HEX_LINE;
        /* " \\", a new line, two spaces, then the hex: built by hand, since a
         * formatted print per line was most of the cost of a handshake's texts. */
        char line[8 + 2 * HEX_LINE];
        static const char digits[] = "0123456789abcdef";
        memcpy(line, " \\\n  ", 5);
        size_t at = 5;
        if (conf)
            line[at++] = '\'';
        for (size_t j = 0; j < k; j++) {
            line[at++] = digits[p[i + j] >> 4];
            line[at++] = digits[p[i + j] & 15];
        }
        if (conf) {
            if (i + k != n)
                line[at++] = '\\';
            line[at++] = '\'';
        }
        sb_put(b, line, at);
    }
}

/* Hex text (a DER prefix or suffix) cut the same way. */
static void sb_hex_text(sbuf *b, const char *hex)
{
    for (size_t n = strlen(hex); n > 0;) {
        size_t k = n < 2 * HEX_LINE ? n : 2 * HEX_LINE;
        sb_add(b, " \\\n  %.*s", (int)k, hex);
        hex += k;
        n -= k;
    }
}

/* A file written from hex by printf and xxd: a DER prefix, the value, a DER suffix,
 * each on lines of their own so the value stands out. No here-document: the command
 * still works when pasted with the indentation it is shown with. */
static void sb_file(sbuf *b, const char *file, const char *prefix, const uint8_t *p, size_t n,
                    const char *suffix, bool append)
{
    sb_add(b, "printf %%s");
    if (prefix)
        sb_hex_text(b, prefix);
    sb_hex_words(b, p, n, false);
    if (suffix)
        sb_hex_text(b, suffix);
    sb_add(b, " \\\n  | xxd -r -p %s %s\n", append ? ">>" : ">", file);
}

static bool sb_done(sbuf *b, trace_event *e, const char *explain)
{
    bool ok = !b->failed && b->p && trace_add_text(e, "recompute", b->p, explain);
    free(b->p);
    return ok;
}

static const char *ossl_digest(hash_alg h)
{
    switch (h) {
    case HASH_SHA1: return "sha1";
    case HASH_SHA384: return "sha384";
    case HASH_SHA512: return "sha512";
    default: return "sha256";
    }
}

/* ---- signed data in parts ------------------------------------------------------ */

static bool part(trace_event *e, const char *name, const uint8_t *p, size_t n, const char *why)
{
    return trace_add_input(e, name, p, n, why);
}

/* A length-prefixed field of the params: its length bytes and its value. */
static bool vec_len(const uint8_t *p, size_t left, int lenbytes, size_t *total)
{
    if (left < (size_t)lenbytes)
        return false;
    size_t n = lenbytes == 1 ? p[0] : ((size_t)p[0] << 8 | p[1]);
    if (left - (size_t)lenbytes < n)
        return false;
    *total = (size_t)lenbytes + n;
    return true;
}

bool recompute_ske_parts(trace_event *e, const uint8_t *tbs, size_t n, bool ecdhe)
{
    if (!e || n < 64)
        return false;
    const uint8_t *params = tbs + 64;
    size_t left = n - 64;
    size_t len[3];
    if (ecdhe) {
        /* curve_type (1), namedcurve (2), public <1..2^8-1> */
        if (left < 3 || !vec_len(params + 3, left - 3, 1, &len[2]) || 3 + len[2] != left)
            return false;
        len[0] = 1;
        len[1] = 2;
    } else {
        size_t at = 0;
        for (int i = 0; i < 3; i++) {
            if (!vec_len(params + at, left - at, 2, &len[i]))
                return false;
            at += len[i];
        }
        if (at != left)
            return false;
    }
    static const char *const ec_names[3] = {"curve_type", "namedcurve", "public"};
    static const char *const ec_why[3] = {
        "inside part 3: ServerKeyExchange.curve_type: 3, named_curve",
        "inside part 3: ServerKeyExchange.namedcurve: the group",
        "inside part 3: ServerKeyExchange.public: 1 length byte, then the key"};
    static const char *const dh_names[3] = {"dh_p", "dh_g", "dh_Ys"};
    static const char *const dh_why[3] = {
        "inside part 3: ServerKeyExchange.dh_p: 2 length bytes, then p",
        "inside part 3: ServerKeyExchange.dh_g: 2 length bytes, then g",
        "inside part 3: ServerKeyExchange.dh_Ys: 2 length bytes, then Ys"};
    bool ok = part(e, "client_random", tbs, 32, "signed data, part 1: ClientHello.random") &&
              part(e, "server_random", tbs + 32, 32, "signed data, part 2: ServerHello.random") &&
              part(e, ecdhe ? "ServerECDHParams" : "ServerDHParams", params, left,
                   "signed data, part 3: the params of ServerKeyExchange, as sent");
    size_t at = 0;
    for (int i = 0; ok && i < 3; i++) {
        ok = part(e, ecdhe ? ec_names[i] : dh_names[i], params + at, len[i],
                  ecdhe ? ec_why[i] : dh_why[i]);
        at += len[i];
    }
    return ok;
}

static const char *sender_why(actor_id a)
{
    return a == ACTOR_CLIENT ? "signed: a handshake message the client sent"
                             : "signed: a handshake message the server sent";
}

bool recompute_cv_parts(trace_event *e, const trace *t, const uint8_t *tbs, size_t n)
{
    if (!e || !t)
        return false;
    sbuf list = {0};
    size_t at = 0, from = 0;
    unsigned conn = e->conn;
    bool ok = true;
    while (ok && at < n) {
        if (n - at < 4) {
            ok = false;
            break;
        }
        size_t len = 4 + ((size_t)tbs[at + 1] << 16 | (size_t)tbs[at + 2] << 8 | tbs[at + 3]);
        if (len > n - at) {
            ok = false;
            break;
        }
        /* The message event of the same bytes, after the previous one found. */
        const trace_event *m = NULL;
        for (size_t i = from; i < t->n && !m; i++) {
            const trace_event *c = &t->ev[i];
            if (c->conn == conn && c->kind == EV_MESSAGE && c->len == len && c->bytes &&
                memcmp(c->bytes, tbs + at, len) == 0) {
                m = c;
                from = i + 1;
            }
        }
        const char *id = m && m->id && *m->id ? m->id : "handshake message";
        ok = part(e, id, tbs + at, len, m ? sender_why(m->actor) : "signed: a handshake message");
        sb_add(&list, "%s%s", at ? ", " : "", id);
        at += len;
    }
    ok = ok && !list.failed && list.p &&
         trace_add_text(e, "signed_messages", list.p,
                        "the handshake messages signed, in order (trace ids)");
    free(list.p);
    return ok;
}

/* ---- key exchange -------------------------------------------------------------- */

/* DER around the raw keys, so `openssl pkey*` reads them: PKCS#8 for X25519 (RFC 8410),
 * ECPrivateKey for the NIST curves (RFC 5915), SubjectPublicKeyInfo for the peer. */
typedef struct der_wrap {
    kex_group g;
    const char *priv_prefix, *priv_suffix, *pub_prefix;
} der_wrap;

static const der_wrap WRAPS[] = {
    {GROUP_X25519, "302e020100300506032b656e04220420", NULL, "302a300506032b656e032100"},
    {GROUP_SECP256R1, "30310201010420", "a00a06082a8648ce3d030107",
     "3059301306072a8648ce3d020106082a8648ce3d030107034200"},
    {GROUP_SECP384R1, "303e0201010430", "a00706052b81040022",
     "3076301006072a8648ce3d020106052b81040022036200"},
};

/* ffdhe2048's keys as PKCS#3 dhKeyAgreement (PKCS#8 / SPKI), built by
 * `openssl asn1parse -genconf` from a short description. */
static void dh_conf(sbuf *b, const uint8_t *priv, size_t priv_len, const uint8_t *pub,
                    size_t pub_len, const uint8_t *p, size_t p_len, uint8_t gen)
{
    sb_add(b, "# both keys, described for openssl\n"
              "printf '%%s\\n' \\\n  '[own]' 'version=INT:0' \\\n  'alg=SEQUENCE:alg' \\\n"
              "  'x=OCTWRAP,INT:0x\\'");
    sb_hex_words(b, priv, priv_len, true);
    sb_add(b, " \\\n  '[peer]' 'alg=SEQUENCE:alg' \\\n  'Y=BITWRAP,INT:0x\\'");
    sb_hex_words(b, pub, pub_len, true);
    sb_add(b, " \\\n  '[alg]' 'oid=OID:dhKeyAgreement' \\\n"
              "  'params=SEQUENCE:params' \\\n  '[params]' 'p=INT:0x\\'");
    sb_hex_words(b, p, p_len, true);
    /* DHParameter is p, then g (PKCS #3): the order the lines give the SEQUENCE. */
    sb_add(b, " \\\n  'g=INT:%u' > dh.cnf\n", gen);
}

bool recompute_dh(trace_event *e, kex_group g, const uint8_t *priv, size_t priv_len,
                  const uint8_t *peer_pub, size_t peer_len, const uint8_t *p, size_t p_len,
                  uint8_t gen)
{
    if (!e)
        return false;
    sbuf b = {0};
    const char *own = actor_name(e->actor);
    const char *peer = actor_name(e->actor == ACTOR_CLIENT ? ACTOR_SERVER : ACTOR_CLIENT);
    if (g == GROUP_FFDHE2048) {
        if (!p)
            return false;
        dh_conf(&b, priv, priv_len, peer_pub, peer_len, p, p_len, gen);
        sb_add(&b, "# the %s's private key (own.der),\n# the %s's public key (peer.der)\n", own,
               peer);
        sb_add(&b, "openssl asn1parse -genconf dh.cnf \\\n"
                   "  -genstr SEQUENCE:own \\\n  -noout -out own.der\n"
                   "openssl asn1parse -genconf dh.cnf \\\n"
                   "  -genstr SEQUENCE:peer \\\n  -noout -out peer.der\n");
    } else {
        const der_wrap *w = NULL;
        for (size_t i = 0; i < sizeof WRAPS / sizeof *WRAPS; i++)
            if (WRAPS[i].g == g)
                w = &WRAPS[i];
        if (!w)
            return false;
        sb_add(&b, "# the %s's private key, in DER\n", own);
        sb_file(&b, "own.der", w->priv_prefix, priv, priv_len, w->priv_suffix, false);
        sb_add(&b, "# the %s's public key, in DER\n", peer);
        sb_file(&b, "peer.der", w->pub_prefix, peer_pub, peer_len, NULL, false);
    }
    sb_add(&b, "openssl pkeyutl -derive \\\n"
               "  -keyform DER -inkey own.der \\\n"
               "  -peerform DER -peerkey peer.der \\\n"
               "  | xxd -p\n");
    return sb_done(&b, e, "run it in an empty folder: it prints pre_master_secret");
}

/* ---- the PRF ------------------------------------------------------------------- */

bool recompute_prf(trace_event *e, hash_alg h, const char *secret_name, const uint8_t *secret,
                   size_t secret_len, const char *label, const char *seed_names,
                   const uint8_t *seed1, size_t seed1_len, const uint8_t *seed2, size_t seed2_len,
                   size_t out_len, const char *prints)
{
    if (!e)
        return false;
    sbuf b = {0};
    char file[64];
    snprintf(file, sizeof file, "%s.bin", secret_name);
    sb_add(&b, "# the secret\n");
    sb_file(&b, file, NULL, secret, secret_len, NULL, false);
    sb_add(&b, "# seed: label, %s\n", seed_names);
    sb_add(&b, "printf %%s '%s' \\\n  > seed.bin\n", label);
    sb_file(&b, "seed.bin", NULL, seed1, seed1_len, NULL, true);
    if (seed2)
        sb_file(&b, "seed.bin", NULL, seed2, seed2_len, NULL, true);
    sb_add(&b, "S=$(xxd -p %s | tr -d '\\n')\n", file);
    sb_add(&b, "L=$(xxd -p seed.bin | tr -d '\\n')\n");
    sb_add(&b, "openssl kdf -keylen %zu \\\n  -kdfopt digest:%s \\\n", out_len, ossl_digest(h));
    sb_add(&b, "  -kdfopt hexsecret:$S \\\n  -kdfopt hexseed:$L \\\n"
               "  -binary TLS1-PRF | xxd -p\n");
    return sb_done(&b, e, prints);
}

/* ---- signatures and RSA -------------------------------------------------------- */

bool recompute_signature(trace_event *e, const pkey *signer, sig_kind kind, hash_alg h,
                         const uint8_t *tbs, size_t tbs_len, const uint8_t *sig, size_t sig_len)
{
    uint8_t *spki = NULL;
    size_t spki_len = 0;
    if (!e || !pkey_export_spki(signer, &spki, &spki_len))
        return false;
    sbuf b = {0};
    sb_add(&b, "# the signer's public key (certificate)\n");
    sb_file(&b, "signer.der", NULL, spki, spki_len, NULL, false);
    free(spki);
    sb_add(&b, "# the signed data\n");
    sb_file(&b, "signed.bin", NULL, tbs, tbs_len, NULL, false);
    sb_add(&b, "# the signature\n");
    sb_file(&b, "sig.bin", NULL, sig, sig_len, NULL, false);
    sb_add(&b, "openssl pkeyutl -verify -pubin \\\n"
               "  -keyform DER -inkey signer.der \\\n"
               "  -rawin -digest %s \\\n"
               "  -in signed.bin -sigfile sig.bin",
           ossl_digest(h));
    if (kind == SIG_RSA_PSS) /* TLS uses a salt as long as the hash (RFC 8446 4.2.3) */
        sb_add(&b, " \\\n  -pkeyopt rsa_padding_mode:pss \\\n"
                   "  -pkeyopt rsa_pss_saltlen:digest");
    sb_add(&b, "\n");
    return sb_done(&b, e, "run it in an empty folder: openssl checks the signature (Signature Verified Successfully)");
}

bool recompute_rsa_block(trace_event *e, const uint8_t *ct, size_t ct_len)
{
    if (!e)
        return false;
    sbuf b = {0};
    sb_add(&b, "# the server's private key: the demo\n"
               "# PKI, as `tlssim pki` writes it\n"
               "tlssim pki --out pki >/dev/null\n"
               "# encrypted_pre_master_secret\n");
    sb_file(&b, "epms.bin", NULL, ct, ct_len, NULL, false);
    sb_add(&b, "openssl pkeyutl -decrypt \\\n"
               "  -inkey pki/server-rsa.key \\\n"
               "  -pkeyopt rsa_padding_mode:none \\\n"
               "  -in epms.bin | xxd -p\n");
    return sb_done(&b, e, "run it in an empty folder: it decrypts as the server does but keeps the padding, so it prints the padded block");
}
