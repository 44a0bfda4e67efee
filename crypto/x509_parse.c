/* X.509 v3 parsing (RFC 5280 4.1) with the project's bounded reader: every element
 * becomes an annotation (name, offset, length, decoded value), so a certificate can
 * be shown as an annotated ASN.1 tree over its own bytes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/der.h"
#include "crypto/x509.h"
#include "crypto/x509_oid.h"
#include "base/alert.h"
#include "base/fmt.h"

/* Reads a TLV and returns the index of its annotation (or (size_t)-1). */
static size_t tlv(reader *r, uint8_t tag, const char *name, reader *content)
{
    size_t idx = r->ann ? r->ann->n : (size_t)-1;
    if (!der_read(r, tag, name, content))
        return (size_t)-1;
    if (r->ann && name)
        annot_set_explain(r->ann, idx, x509_explain(name));
    return idx;
}

static void describe(reader *r, size_t idx, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void describe(reader *r, size_t idx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    annot_set_valuev(r->ann, idx, fmt, ap);
    va_end(ap);
}

static const uint8_t *content_bytes(reader *c, size_t *n)
{
    *n = rd_left(c);
    return rd_bytes(c, *n, NULL);
}

/* Appends to a bounded string, cutting instead of overflowing. */
static void append(char *dst, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void append(char *dst, size_t cap, const char *fmt, ...)
{
    size_t used = strlen(dst);
    if (used + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    fmt_v(dst + used, cap - used, fmt, ap);
    va_end(ap);
}

static bool read_oid(reader *r, const char *name, char *oid, size_t n)
{
    reader o;
    size_t idx = tlv(r, DER_OID, name, &o);
    size_t len;
    const uint8_t *p = content_bytes(&o, &len);
    if (!p || !der_oid_to_string(p, len, oid, n)) {
        rd_fail(r, ALERT_DECODE_ERROR, name, "malformed object identifier");
        return false;
    }
    describe(r, idx, "%s", oid);
    return true;
}

/* A directory string as printable text: non-printable bytes become '?'. */
static void string_value(const uint8_t *p, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++)
        out[k++] = (p[i] >= 0x20 && p[i] < 0x7f) ? (char)p[i] : '?';
    out[k] = '\0';
}

static bool parse_name(reader *r, const char *field, size_t *off, size_t *len, char *str,
                       size_t strcap, char *cn, size_t cncap)
{
    reader name, set, atv, v;
    size_t start = rd_pos(r);
    size_t idx = tlv(r, DER_SEQUENCE, field, &name);
    if (idx == (size_t)-1 && !rd_ok(r))
        return false;
    *off = start;
    *len = rd_pos(r) - start;
    str[0] = '\0';
    while (rd_ok(&name) && rd_left(&name) > 0) {
        tlv(&name, DER_SET, "RelativeDistinguishedName", &set);
        while (rd_ok(&set) && rd_left(&set) > 0) {
            size_t a = tlv(&set, DER_SEQUENCE, "AttributeTypeAndValue", &atv);
            char oid[64], text[128];
            uint8_t tag = 0;
            if (!read_oid(&atv, "type", oid, sizeof oid) ||
                !der_read_any(&atv, &tag, "value", &v) || !rd_close(&atv))
                return false;
            size_t n;
            const uint8_t *p = content_bytes(&v, &n);
            string_value(p, n, text, sizeof text);
            const char *short_name = x509_attr_name(oid);
            describe(&set, a, "%s=%s", short_name ? short_name : oid, text);
            append(str, strcap, "%s%s=%s", str[0] ? ", " : "", short_name ? short_name : oid, text);
            if (strcmp(oid, OID_CN) == 0 && cn)
                fmt(cn, cncap, "%s", text);
        }
        rd_close(&set);
    }
    rd_close(&name);
    describe(r, idx, "%s", str);
    return rd_ok(r);
}

static int digits(const uint8_t *p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

/* UTCTime YYMMDDHHMMSSZ or GeneralizedTime YYYYMMDDHHMMSSZ (RFC 5280 4.1.2.5). */
static bool parse_time(reader *r, const char *name, int64_t *out)
{
    int tag = der_peek_tag(r);
    if (tag != DER_UTC_TIME && tag != DER_GENERALIZED_TIME) {
        rd_fail(r, ALERT_DECODE_ERROR, name, "UTCTime or GeneralizedTime expected");
        return false;
    }
    reader t;
    size_t idx = tlv(r, (uint8_t)tag, name, &t);
    size_t n;
    const uint8_t *p = content_bytes(&t, &n);
    size_t ylen = tag == DER_UTC_TIME ? 2 : 4;
    if (!p || n != ylen + 11 || p[n - 1] != 'Z') {
        rd_fail(r, ALERT_DECODE_ERROR, name, "time must be %s digits followed by Z",
                tag == DER_UTC_TIME ? "YYMMDDHHMMSS" : "YYYYMMDDHHMMSS");
        return false;
    }
    int y = digits(p, (int)ylen);
    if (tag == DER_UTC_TIME && y >= 0)
        y += y < 50 ? 2000 : 1900; /* RFC 5280 4.1.2.5.1 */
    const uint8_t *q = p + ylen;
    if (y < 0 ||
        !x509_civil_to_time(y, digits(q, 2), digits(q + 2, 2), digits(q + 4, 2), digits(q + 6, 2),
                            digits(q + 8, 2), out)) {
        rd_fail(r, ALERT_DECODE_ERROR, name, "not a valid date and time");
        return false;
    }
    if (r->ann) { /* the readable date is only for the annotated tree */
        char buf[40];
        x509_format_time(*out, buf, sizeof buf);
        describe(r, idx, "%s", buf);
    }
    return true;
}

/* Reads an AlgorithmIdentifier; *span receives where its bytes start and end. */
static bool parse_algorithm(reader *r, const char *name, char *oid, size_t n, size_t span[2])
{
    reader alg, params;
    span[0] = rd_pos(r);
    size_t idx = tlv(r, DER_SEQUENCE, name, &alg);
    span[1] = rd_pos(r);
    if (!read_oid(&alg, "algorithm", oid, n))
        return false;
    uint8_t tag;
    if (rd_left(&alg) > 0)
        der_read_any(&alg, &tag, "parameters", &params);
    const x509_sig_alg *a = x509_sig_alg_by_oid(oid);
    describe(r, idx, "%s", a ? a->name : oid);
    return rd_close(&alg);
}

/* ---- extensions ---- */

static void parse_basic_constraints(reader *v, x509_cert *c, char *desc, size_t cap)
{
    reader bc, b, i;
    tlv(v, DER_SEQUENCE, NULL, &bc);
    c->has_basic_constraints = true;
    c->path_len = -1;
    if (der_peek_tag(&bc) == DER_BOOLEAN) {
        size_t n;
        der_read(&bc, DER_BOOLEAN, "cA", &b);
        const uint8_t *p = content_bytes(&b, &n);
        c->is_ca = p && n == 1 && p[0] != 0;
    }
    if (der_peek_tag(&bc) == DER_INTEGER) {
        size_t n;
        der_read(&bc, DER_INTEGER, "pathLenConstraint", &i);
        const uint8_t *p = content_bytes(&i, &n);
        if (p && n >= 1 && n <= 3 && !(p[0] & 0x80)) {
            c->path_len = 0;
            for (size_t k = 0; k < n; k++)
                c->path_len = (c->path_len << 8) | p[k];
        } else {
            rd_fail(v, ALERT_BAD_CERTIFICATE, "pathLenConstraint", "out of range");
        }
    }
    rd_close(&bc);
    append(desc, cap, "CA:%s", c->is_ca ? "TRUE" : "FALSE");
    if (c->path_len >= 0)
        append(desc, cap, ", pathlen:%d", c->path_len);
}

static const char *const ku_names[] = {"digitalSignature", "nonRepudiation", "keyEncipherment",
                                       "dataEncipherment", "keyAgreement",   "keyCertSign",
                                       "cRLSign",          "encipherOnly",   "decipherOnly"};

static void parse_key_usage(reader *v, x509_cert *c, char *desc, size_t cap)
{
    reader bs;
    tlv(v, DER_BIT_STRING, NULL, &bs);
    size_t n;
    uint8_t unused = rd_u8(&bs, NULL);
    const uint8_t *p = content_bytes(&bs, &n);
    if (!rd_ok(v) || unused > 7 || (n == 0 && unused)) {
        rd_fail(v, ALERT_BAD_CERTIFICATE, "keyUsage", "malformed BIT STRING");
        return;
    }
    c->has_key_usage = true;
    /* Bit 0 is the most significant bit of the first byte (X.690 8.6.2). */
    for (size_t bit = 0; bit < 9 && bit < n * 8; bit++) {
        if (!(p[bit / 8] & (0x80 >> (bit % 8))))
            continue;
        if (bit <= 6)
            c->key_usage |= 1u << bit;
        append(desc, cap, "%s%s", desc[0] ? ", " : "", ku_names[bit]);
    }
}

static void parse_eku(reader *v, x509_cert *c, char *desc, size_t cap)
{
    static const struct {
        const char *oid, *name;
        unsigned flag;
    } purposes[] = {
        {OID_EKU_SERVER_AUTH, "serverAuth", EKU_SERVER_AUTH},
        {OID_EKU_CLIENT_AUTH, "clientAuth", EKU_CLIENT_AUTH},
        {OID_EKU_CODE_SIGNING, "codeSigning", EKU_CODE_SIGNING},
        {OID_EKU_EMAIL, "emailProtection", EKU_EMAIL_PROTECTION},
        {OID_EKU_ANY, "anyExtendedKeyUsage", EKU_ANY},
    };
    reader seq;
    tlv(v, DER_SEQUENCE, NULL, &seq);
    c->has_eku = true;
    while (rd_ok(&seq) && rd_left(&seq) > 0) {
        char oid[64];
        if (!read_oid(&seq, "KeyPurposeId", oid, sizeof oid))
            return;
        const char *name = oid;
        unsigned flag = EKU_OTHER;
        for (size_t i = 0; i < sizeof purposes / sizeof purposes[0]; i++)
            if (strcmp(purposes[i].oid, oid) == 0) {
                name = purposes[i].name;
                flag = purposes[i].flag;
            }
        c->eku |= flag;
        append(desc, cap, "%s%s", desc[0] ? ", " : "", name);
    }
    rd_close(&seq);
}

static void parse_san(reader *v, x509_cert *c, char *desc, size_t cap)
{
    reader seq, gn;
    tlv(v, DER_SEQUENCE, NULL, &seq);
    while (rd_ok(&seq) && rd_left(&seq) > 0) {
        uint8_t tag = 0;
        size_t idx = seq.ann ? seq.ann->n : (size_t)-1;
        if (!der_read_any(&seq, &tag, "GeneralName", &gn))
            return;
        size_t n;
        const uint8_t *p = content_bytes(&gn, &n);
        if (tag != DER_CONTEXT_PRIM(2) || !p) /* only dNSName [2] matters for TLS */
            continue;
        char name[256];
        string_value(p, n, name, sizeof name);
        describe(&seq, idx, "DNS:%s", name);
        append(desc, cap, "%sDNS:%s", desc[0] ? ", " : "", name);
        if (c->n_san_dns < X509_MAX_SAN)
            c->san_dns[c->n_san_dns++] = strdup(name);
    }
    rd_close(&seq);
}

/* Upper-case hex with colons, as openssl x509 -text prints key identifiers. */
static void hex_into(char *desc, size_t cap, const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789ABCDEF";
    size_t used = strlen(desc);
    for (size_t i = 0; i < n && used + 4 <= cap; i++) {
        if (i)
            desc[used++] = ':';
        desc[used++] = digits[p[i] >> 4];
        desc[used++] = digits[p[i] & 15];
    }
    desc[used] = '\0';
}

static void parse_key_id(reader *v, bool authority, x509_cert *c, char *desc, size_t cap)
{
    reader r, k;
    size_t n = 0;
    const uint8_t *p = NULL;
    if (!authority) {
        tlv(v, DER_OCTET_STRING, NULL, &r);
        p = content_bytes(&r, &n);
    } else {
        tlv(v, DER_SEQUENCE, NULL, &r);
        while (rd_ok(&r) && rd_left(&r) > 0) {
            uint8_t tag = 0;
            der_read_any(&r, &tag, "field", &k);
            if (tag == DER_CONTEXT_PRIM(0))
                p = content_bytes(&k, &n);
        }
    }
    if (!p || n > sizeof c->skid) {
        if (authority && rd_ok(v))
            return; /* an AKID without keyIdentifier names the issuer another way */
        rd_fail(v, ALERT_BAD_CERTIFICATE, authority ? "authorityKeyIdentifier" : "subjectKeyIdentifier",
                "malformed key identifier");
        return;
    }
    memcpy(authority ? c->akid : c->skid, p, n);
    *(authority ? &c->akid_len : &c->skid_len) = n;
    hex_into(desc, cap, p, n);
}

static bool parse_extension(reader *list, x509_cert *c)
{
    reader ext, crit, val;
    size_t idx = tlv(list, DER_SEQUENCE, "extension", &ext);
    char oid[64];
    if (!read_oid(&ext, "extnID", oid, sizeof oid))
        return false;
    bool critical = false;
    if (der_peek_tag(&ext) == DER_BOOLEAN) {
        size_t n;
        der_read(&ext, DER_BOOLEAN, "critical", &crit);
        const uint8_t *p = content_bytes(&crit, &n);
        critical = p && n == 1 && p[0] != 0;
    }
    const char *name = x509_ext_name(oid);
    tlv(&ext, DER_OCTET_STRING, "extnValue", &val);
    char desc[400] = "";
    bool known = true;
    if (strcmp(oid, OID_BASIC_CONSTRAINTS) == 0)
        parse_basic_constraints(&val, c, desc, sizeof desc);
    else if (strcmp(oid, OID_KEY_USAGE) == 0)
        parse_key_usage(&val, c, desc, sizeof desc);
    else if (strcmp(oid, OID_EXT_KEY_USAGE) == 0)
        parse_eku(&val, c, desc, sizeof desc);
    else if (strcmp(oid, OID_SUBJECT_ALT_NAME) == 0)
        parse_san(&val, c, desc, sizeof desc);
    else if (strcmp(oid, OID_SUBJECT_KEY_ID) == 0)
        parse_key_id(&val, false, c, desc, sizeof desc);
    else if (strcmp(oid, OID_AUTHORITY_KEY_ID) == 0)
        parse_key_id(&val, true, c, desc, sizeof desc);
    else
        known = false;
    if (known)
        rd_close(&val);
    else if (critical && !c->unknown_critical) {
        /* RFC 5280 4.2: a critical extension that is not understood rejects the certificate. */
        c->unknown_critical = true;
        snprintf(c->unknown_critical_oid, sizeof c->unknown_critical_oid, "%s", oid);
    }
    if (list->ann && idx < list->ann->n) {
        /* Name the node after the extension, so the tree reads "keyUsage", not "extension". */
        annot_set_name(list->ann, idx, name ? name : oid);
        annot_set_explain(list->ann, idx, name ? x509_explain(name) : NULL);
    }
    describe(list, idx, "%s%s", critical ? "critical: " : "", known ? desc : "(not interpreted)");
    return rd_close(&ext);
}

static bool parse_extensions(reader *tbs, x509_cert *c)
{
    reader wrap, list;
    size_t idx = tlv(tbs, DER_CONTEXT(3), "extensions", &wrap);
    tlv(&wrap, DER_SEQUENCE, NULL, &list);
    size_t count = 0;
    while (rd_ok(&list) && rd_left(&list) > 0 && parse_extension(&list, c))
        count++;
    describe(tbs, idx, "%zu extension%s", count, count == 1 ? "" : "s");
    return rd_close(&list) && rd_close(&wrap);
}

/* ---- the certificate ---- */

static bool parse_spki(reader *tbs, x509_cert *c)
{
    reader spki, part;
    size_t start = rd_pos(tbs);
    size_t idx = tlv(tbs, DER_SEQUENCE, "subjectPublicKeyInfo", &spki);
    uint8_t tag;
    der_read_any(&spki, &tag, "algorithm", &part);
    der_read(&spki, DER_BIT_STRING, "subjectPublicKey", &part);
    if (!rd_close(&spki))
        return false;
    /* An unsupported key (Ed25519, a curve we lack) leaves the certificate readable. */
    tls_err key_err;
    err_init(&key_err);
    c->pubkey_ok = pkey_import_spki(&c->pubkey, c->der + start, rd_pos(tbs) - start, &key_err);
    if (c->pubkey_ok)
        pkey_describe(&c->pubkey, c->pubkey_desc, sizeof c->pubkey_desc);
    else
        snprintf(c->pubkey_desc, sizeof c->pubkey_desc, "unsupported key");
    describe(tbs, idx, "%s", c->pubkey_desc);
    return true;
}

static bool parse_serial(reader *tbs, x509_cert *c)
{
    reader s;
    size_t idx = tlv(tbs, DER_INTEGER, "serialNumber", &s);
    size_t n;
    const uint8_t *p = content_bytes(&s, &n);
    while (p && n > 1 && p[0] == 0) {
        p++;
        n--;
    }
    if (!p || n == 0 || n > sizeof c->serial) {
        rd_fail(tbs, ALERT_DECODE_ERROR, "serialNumber", "missing or longer than %zu bytes",
                sizeof c->serial);
        return false;
    }
    memcpy(c->serial, p, n);
    c->serial_len = n;
    char hex[3 * sizeof c->serial + 1] = "";
    hex_into(hex, sizeof hex, p, n);
    describe(tbs, idx, "%s", hex);
    return true;
}

static bool parse_tbs(reader *cert, x509_cert *c, char *inner_alg, size_t alg_cap,
                      size_t alg_span[2])
{
    reader tbs, v, vi;
    c->tbs_off = rd_pos(cert);
    tlv(cert, DER_SEQUENCE, "tbsCertificate", &tbs);
    c->tbs_len = rd_pos(cert) - c->tbs_off;
    c->version = 1;
    if (der_peek_tag(&tbs) == DER_CONTEXT(0)) {
        size_t idx = tlv(&tbs, DER_CONTEXT(0), "version", &v);
        size_t n;
        der_read(&v, DER_INTEGER, NULL, &vi);
        const uint8_t *p = content_bytes(&vi, &n);
        if (!p || n != 1 || p[0] > 2) {
            rd_fail(&tbs, ALERT_DECODE_ERROR, "version", "must be v1, v2 or v3");
            return false;
        }
        c->version = p[0] + 1;
        describe(&tbs, idx, "v%d", c->version);
        rd_close(&v);
    }
    reader validity;
    if (!parse_serial(&tbs, c) || !parse_algorithm(&tbs, "signature", inner_alg, alg_cap, alg_span) ||
        !parse_name(&tbs, "issuer", &c->issuer_off, &c->issuer_len, c->issuer_str,
                    sizeof c->issuer_str, NULL, 0))
        return false;
    tlv(&tbs, DER_SEQUENCE, "validity", &validity);
    if (!parse_time(&validity, "notBefore", &c->not_before) ||
        !parse_time(&validity, "notAfter", &c->not_after) || !rd_close(&validity))
        return false;
    if (!parse_name(&tbs, "subject", &c->subject_off, &c->subject_len, c->subject_str,
                    sizeof c->subject_str, c->subject_cn, sizeof c->subject_cn) ||
        !parse_spki(&tbs, c))
        return false;
    /* issuerUniqueID [1] and subjectUniqueID [2] are obsolete; read and pass over. */
    for (int t = 1; t <= 2; t++) {
        uint8_t tag;
        reader skip;
        if (der_peek_tag(&tbs) == DER_CONTEXT_PRIM(t) || der_peek_tag(&tbs) == DER_CONTEXT(t))
            der_read_any(&tbs, &tag, t == 1 ? "issuerUniqueID" : "subjectUniqueID", &skip);
    }
    if (der_peek_tag(&tbs) == DER_CONTEXT(3)) {
        if (c->version != 3) {
            rd_fail(&tbs, ALERT_DECODE_ERROR, "extensions", "only allowed in v3 certificates");
            return false;
        }
        if (!parse_extensions(&tbs, c))
            return false;
    }
    return rd_close(&tbs);
}

static bool parse(const uint8_t *der, size_t len, x509_cert *out, bool annotate, tls_err *err)
{
    memset(out, 0, sizeof *out);
    out->path_len = -1;
    annot_list_init(&out->fields);
    out->der = malloc(len ? len : 1);
    if (!out->der) {
        err_set(err, ALERT_INTERNAL_ERROR, "out of memory");
        return false;
    }
    memcpy(out->der, der, len);
    out->der_len = len;
    reader r, cert, sig;
    rd_init(&r, out->der, len, err, annotate ? &out->fields : NULL, "Certificate");
    size_t cert_idx = r.ann ? r.ann->n : (size_t)-1;
    if (!der_read(&r, DER_SEQUENCE, "Certificate", &cert))
        return false;
    if (annotate)
        annot_set_explain(&out->fields, cert_idx, x509_explain("Certificate"));
    char inner[64], outer[64];
    size_t inner_span[2], outer_span[2];
    if (!parse_tbs(&cert, out, inner, sizeof inner, inner_span) ||
        !parse_algorithm(&cert, "signatureAlgorithm", outer, sizeof outer, outer_span))
        return false;
    /* RFC 5280 4.1.1.2: signatureAlgorithm must equal tbsCertificate.signature. */
    size_t inner_len = inner_span[1] - inner_span[0], outer_len = outer_span[1] - outer_span[0];
    if (inner_len != outer_len ||
        memcmp(out->der + inner_span[0], out->der + outer_span[0], outer_len) != 0) {
        rd_fail(&cert, ALERT_DECODE_ERROR, "signatureAlgorithm",
                "%s differs from the tbsCertificate's signature algorithm %s", outer, inner);
        return false;
    }
    const x509_sig_alg *alg = x509_sig_alg_by_oid(outer);
    snprintf(out->sig_alg, sizeof out->sig_alg, "%s", alg ? alg->name : outer);
    out->sig_kind = alg ? alg->kind : SIG_NONE;
    out->sig_hash = alg ? alg->hash : HASH_NONE;
    size_t sig_idx = tlv(&cert, DER_BIT_STRING, "signatureValue", &sig);
    if (rd_u8(&sig, NULL) != 0 && rd_ok(&sig)) {
        rd_fail(&cert, ALERT_DECODE_ERROR, "signatureValue", "unused bits in a signature");
        return false;
    }
    out->sig = content_bytes(&sig, &out->sig_len);
    describe(&cert, sig_idx, "%zu bytes", out->sig_len);
    if (!rd_close(&cert) || !rd_close(&r))
        return false;
    describe(&r, cert_idx, "%s", out->subject_str);
    return out->sig != NULL;
}

bool x509_parse(const uint8_t *der, size_t len, x509_cert *out, tls_err *err)
{
    return parse(der, len, out, true, err);
}

bool x509_parse_unannotated(const uint8_t *der, size_t len, x509_cert *out, tls_err *err)
{
    return parse(der, len, out, false, err);
}

void x509_free(x509_cert *c)
{
    if (c->pubkey_ok)
        pkey_free(&c->pubkey);
    for (size_t i = 0; i < c->n_san_dns; i++)
        free(c->san_dns[i]);
    annot_list_free(&c->fields);
    free(c->der);
    memset(c, 0, sizeof *c);
    c->path_len = -1;
}
