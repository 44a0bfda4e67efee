/* Building and signing X.509 v3 certificates from a spec (RFC 5280 4.1), with the
 * project's DER writer. Used for the demo PKI and for the broken certificates of
 * the fault catalogue, so every field can be set deliberately wrong. */
#include <stdlib.h>
#include <string.h>

#include "crypto/der.h"
#include "crypto/x509.h"
#include "crypto/x509_oid.h"
#include "base/alert.h"

static void write_name(writer *w, const char *o, const char *cn)
{
    der_mark name = der_open(w, DER_SEQUENCE, NULL);
    const char *oids[2] = {OID_O, OID_CN};
    const char *values[2] = {o, cn};
    for (int i = 0; i < 2; i++) {
        if (!values[i])
            continue;
        der_mark rdn = der_open(w, DER_SET, NULL);
        der_mark atv = der_open(w, DER_SEQUENCE, NULL);
        der_write_oid(w, oids[i], NULL);
        der_write(w, DER_UTF8_STRING, (const uint8_t *)values[i], strlen(values[i]), NULL);
        der_close(w, atv);
        der_close(w, rdn);
    }
    der_close(w, name);
}

/* UTCTime through 2049, GeneralizedTime from 2050 on (RFC 5280 4.1.2.5). */
static void write_time(writer *w, int64_t t)
{
    char buf[40], out[16];
    x509_format_time(t, buf, sizeof buf); /* "YYYY-MM-DD HH:MM:SS UTC" */
    int year = atoi(buf);
    bool utc = year >= 1950 && year <= 2049;
    const char *y = utc ? buf + 2 : buf;
    size_t ylen = utc ? 2 : 4;
    memcpy(out, y, ylen);
    size_t k = ylen;
    const int pos[] = {5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
    for (size_t i = 0; i < sizeof pos / sizeof pos[0]; i++)
        out[k++] = buf[pos[i]];
    out[k++] = 'Z';
    der_write(w, utc ? DER_UTC_TIME : DER_GENERALIZED_TIME, (const uint8_t *)out, k, NULL);
}

static void write_algorithm(writer *w, const x509_sig_alg *a)
{
    der_mark m = der_open(w, DER_SEQUENCE, NULL);
    der_write_oid(w, a->oid, NULL);
    if (a->null_params)
        der_write(w, DER_NULL, NULL, 0, NULL);
    der_close(w, m);
}

/* Opens Extension { extnID, critical (only when TRUE: DER omits defaults), extnValue }. */
static der_mark open_extension(writer *w, const char *oid, bool critical, der_mark *value)
{
    der_mark ext = der_open(w, DER_SEQUENCE, NULL);
    der_write_oid(w, oid, NULL);
    if (critical) {
        uint8_t t = 0xff;
        der_write(w, DER_BOOLEAN, &t, 1, NULL);
    }
    *value = der_open(w, DER_OCTET_STRING, NULL);
    return ext;
}

static void close_extension(writer *w, der_mark ext, der_mark value)
{
    der_close(w, value);
    der_close(w, ext);
}

/* keyUsage as a DER BIT STRING: trailing zero bits dropped, counted in the first
 * byte (X.690 11.2.2). Flag i is bit i, the most significant bit first. */
static void write_key_usage(writer *w, unsigned bits)
{
    uint8_t b = 0;
    int last = -1;
    for (int i = 0; i < 7; i++)
        if (bits & (1u << i)) {
            b |= (uint8_t)(0x80 >> i);
            last = i;
        }
    der_mark m = der_open(w, DER_BIT_STRING, NULL);
    if (last < 0) {
        wr_u8(w, 0, NULL);
    } else {
        wr_u8(w, (uint8_t)(7 - last), NULL);
        wr_u8(w, b, NULL);
    }
    der_close(w, m);
}

static void write_eku(writer *w, unsigned eku)
{
    static const struct {
        unsigned flag;
        const char *oid;
    } purposes[] = {
        {EKU_SERVER_AUTH, OID_EKU_SERVER_AUTH},
        {EKU_CLIENT_AUTH, OID_EKU_CLIENT_AUTH},
        {EKU_CODE_SIGNING, OID_EKU_CODE_SIGNING},
        {EKU_EMAIL_PROTECTION, OID_EKU_EMAIL},
        {EKU_ANY, OID_EKU_ANY},
    };
    der_mark m = der_open(w, DER_SEQUENCE, NULL);
    for (size_t i = 0; i < sizeof purposes / sizeof purposes[0]; i++)
        if (eku & purposes[i].flag)
            der_write_oid(w, purposes[i].oid, NULL);
    der_close(w, m);
}

/* RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's bits. */
static bool key_identifier(const pkey *k, uint8_t id[20])
{
    uint8_t *spki = NULL;
    size_t len = 0;
    if (!pkey_export_spki(k, &spki, &len))
        return false;
    tls_err err;
    err_init(&err);
    reader r, seq, part, bits;
    rd_init(&r, spki, len, &err, NULL, "spki");
    uint8_t tag;
    bool ok = der_read(&r, DER_SEQUENCE, NULL, &seq) && der_read_any(&seq, &tag, NULL, &part) &&
              der_read(&seq, DER_BIT_STRING, NULL, &bits) && rd_u8(&bits, NULL) == 0;
    size_t n = rd_left(&bits);
    const uint8_t *p = ok ? rd_bytes(&bits, n, NULL) : NULL;
    ok = p && hash_digest(HASH_SHA1, p, n, id);
    free(spki);
    return ok;
}

static void write_extensions(writer *w, const x509_spec *s)
{
    der_mark v, e;
    der_mark wrap = der_open(w, DER_CONTEXT(3), NULL);
    der_mark list = der_open(w, DER_SEQUENCE, NULL);
    if (s->basic_constraints) {
        e = open_extension(w, OID_BASIC_CONSTRAINTS, true, &v);
        der_mark bc = der_open(w, DER_SEQUENCE, NULL);
        if (s->ca) {
            uint8_t t = 0xff;
            der_write(w, DER_BOOLEAN, &t, 1, NULL);
            if (s->path_len >= 0)
                der_write_small_int(w, s->path_len, NULL);
        }
        der_close(w, bc);
        close_extension(w, e, v);
    }
    if (s->key_usage) {
        e = open_extension(w, OID_KEY_USAGE, true, &v);
        write_key_usage(w, s->key_usage_bits);
        close_extension(w, e, v);
    }
    if (s->eku) {
        e = open_extension(w, OID_EXT_KEY_USAGE, false, &v);
        write_eku(w, s->eku);
        close_extension(w, e, v);
    }
    if (s->n_dns) {
        e = open_extension(w, OID_SUBJECT_ALT_NAME, false, &v);
        der_mark names = der_open(w, DER_SEQUENCE, NULL);
        for (size_t i = 0; i < s->n_dns && i < X509_MAX_SAN; i++)
            der_write(w, DER_CONTEXT_PRIM(2), (const uint8_t *)s->dns_names[i],
                      strlen(s->dns_names[i]), NULL);
        der_close(w, names);
        close_extension(w, e, v);
    }
    uint8_t id[20];
    if (s->key_ids && key_identifier(s->subject_key, id)) {
        e = open_extension(w, OID_SUBJECT_KEY_ID, false, &v);
        der_write(w, DER_OCTET_STRING, id, sizeof id, NULL);
        close_extension(w, e, v);
    }
    const uint8_t *akid = s->issuer ? s->issuer->skid : id;
    size_t akid_len = s->issuer ? s->issuer->skid_len : (s->key_ids ? sizeof id : 0);
    if (s->key_ids && akid_len) {
        e = open_extension(w, OID_AUTHORITY_KEY_ID, false, &v);
        der_mark seq = der_open(w, DER_SEQUENCE, NULL);
        der_write(w, DER_CONTEXT_PRIM(0), akid, akid_len, NULL);
        der_close(w, seq);
        close_extension(w, e, v);
    }
    der_close(w, list);
    der_close(w, wrap);
}

static bool write_tbs(writer *w, const x509_spec *s, const x509_sig_alg *alg, tls_err *err)
{
    der_mark tbs = der_open(w, DER_SEQUENCE, NULL);
    der_mark ver = der_open(w, DER_CONTEXT(0), NULL);
    der_write_small_int(w, 2, NULL); /* v3 */
    der_close(w, ver);
    uint8_t serial[8];
    for (int i = 0; i < 8; i++)
        serial[i] = (uint8_t)(s->serial >> (56 - 8 * i));
    der_write_uint(w, serial, sizeof serial, NULL);
    write_algorithm(w, alg);
    if (s->issuer)
        wr_bytes(w, s->issuer->der + s->issuer->subject_off, s->issuer->subject_len, NULL);
    else
        write_name(w, s->subject_o, s->subject_cn);
    der_mark validity = der_open(w, DER_SEQUENCE, NULL);
    write_time(w, s->not_before);
    write_time(w, s->not_after);
    der_close(w, validity);
    write_name(w, s->subject_o, s->subject_cn);
    uint8_t *spki = NULL;
    size_t spki_len = 0;
    if (!pkey_export_spki(s->subject_key, &spki, &spki_len)) {
        err_set(err, ALERT_INTERNAL_ERROR, "x509_build: cannot export the subject key");
        return false;
    }
    wr_bytes(w, spki, spki_len, NULL);
    free(spki);
    write_extensions(w, s);
    der_close(w, tbs);
    return !w->failed;
}

bool x509_build(const x509_spec *s, rng *r, uint8_t **der, size_t *len, tls_err *err)
{
    hash_alg h = s->sig_hash ? s->sig_hash : HASH_SHA256;
    const x509_sig_alg *alg = s->issuer_key ? x509_sig_alg_for(s->issuer_key->type, h) : NULL;
    if (!alg || !s->subject_key || !s->subject_cn || s->serial == 0) {
        err_set(err, ALERT_INTERNAL_ERROR,
                "x509_build: incomplete spec (issuer key, subject key, CN and serial needed)");
        return false;
    }
    writer w;
    wr_init(&w, NULL);
    der_mark cert = der_open(&w, DER_SEQUENCE, NULL);
    size_t tbs_start = w.len;
    if (!write_tbs(&w, s, alg, err)) {
        wr_free(&w);
        err_set(err, ALERT_INTERNAL_ERROR, "x509_build: cannot encode the certificate");
        return false;
    }
    uint8_t *sig = NULL;
    size_t sig_len = 0;
    if (!pkey_sign(s->issuer_key, alg->kind, h, w.buf + tbs_start, w.len - tbs_start, r, &sig,
                   &sig_len, NULL)) {
        wr_free(&w);
        err_set(err, ALERT_INTERNAL_ERROR, "x509_build: signing failed");
        return false;
    }
    if (s->corrupt_signature)
        sig[sig_len - 1] ^= 0x01;
    write_algorithm(&w, alg);
    der_mark bits = der_open(&w, DER_BIT_STRING, NULL);
    wr_u8(&w, 0, NULL);
    wr_bytes(&w, sig, sig_len, NULL);
    der_close(&w, bits);
    der_close(&w, cert);
    free(sig);
    if (w.failed) {
        wr_free(&w);
        err_set(err, ALERT_INTERNAL_ERROR, "x509_build: out of memory");
        return false;
    }
    *der = wr_take(&w, len);
    return true;
}
