/* The key-exchange messages: ServerKeyExchange (RFC 5246 7.4.3, RFC 8422 5.4),
 * ClientKeyExchange (7.4.7), CertificateVerify (7.4.8), plus the two short ones,
 * ServerHelloDone (7.4.5) and Finished (7.4.9). */
#include <string.h>

#include "base/alert.h"
#include "sim/hs_msg.h"
#include "sim/suites.h"

#define CURVE_TYPE_NAMED 3 /* ECCurveType named_curve (RFC 8422 5.4) */

static void write_signed(writer *w, uint16_t scheme, const uint8_t *sig, size_t n)
{
    wr_u16(w, scheme, "signature_algorithm");
    wr_describe(w, "0x%04x %s", scheme, sig_scheme_name(scheme));
    wr_mark m = wr_open(w, 2, "signature");
    wr_bytes(w, sig, n, NULL);
    wr_close(w, m);
}

static void read_signed(reader *r, uint16_t *scheme, const uint8_t **sig, size_t *n)
{
    reader s;
    *scheme = rd_u16(r, "signature_algorithm");
    rd_describe(r, "0x%04x %s", *scheme, sig_scheme_name(*scheme));
    if (rd_vec(r, 2, 0, 0xffff, "signature", &s)) {
        *n = rd_left(&s);
        *sig = rd_bytes(&s, *n, NULL);
        rd_close(&s);
    }
}

static void write_opaque(writer *w, int lenbytes, const char *name, const uint8_t *p, size_t n)
{
    wr_mark m = wr_open(w, lenbytes, name);
    wr_bytes(w, p, n, NULL);
    wr_close(w, m);
}

static const uint8_t *read_opaque(reader *r, int lenbytes, size_t min, const char *name,
                                  size_t *n)
{
    reader v;
    if (!rd_vec(r, lenbytes, min, lenbytes == 1 ? 0xff : 0xffff, name, &v))
        return NULL;
    *n = rd_left(&v);
    const uint8_t *p = rd_bytes(&v, *n, NULL);
    rd_close(&v);
    return p;
}

bool hs_build_server_key_exchange(writer *w, server_key_exchange *m)
{
    wr_mark msg = hs_begin(w, HS_SERVER_KEY_EXCHANGE);
    m->params_off = w->len;
    if (m->ecdhe) {
        wr_u8(w, CURVE_TYPE_NAMED, "curve_type");
        wr_u16(w, m->group, "namedcurve");
        wr_describe(w, "%u (%s)", m->group, hs_group_name(m->group));
        write_opaque(w, 1, "public", m->pub, m->pub_len);
    } else {
        write_opaque(w, 2, "dh_p", m->p, m->p_len);
        write_opaque(w, 2, "dh_g", m->g, m->g_len);
        write_opaque(w, 2, "dh_Ys", m->pub, m->pub_len);
    }
    m->params_len = w->len - m->params_off;
    if (!m->anonymous)
        write_signed(w, m->sig_scheme, m->sig, m->sig_len);
    hs_end(w, msg);
    return !w->failed;
}

static bool parse_ske(reader *r, bool ecdhe, bool anonymous, server_key_exchange *m)
{
    memset(m, 0, sizeof *m);
    m->ecdhe = ecdhe;
    m->anonymous = anonymous;
    reader body;
    if (!hs_open(r, HS_SERVER_KEY_EXCHANGE, &body))
        return false;
    m->params_off = rd_pos(&body);
    if (ecdhe) {
        uint8_t type = rd_u8(&body, "curve_type");
        if (rd_ok(&body) && type != CURVE_TYPE_NAMED)
            rd_fail(&body, ALERT_ILLEGAL_PARAMETER, "curve_type", "%u; only named_curve (3) is allowed",
                    type);
        m->group = rd_u16(&body, "namedcurve");
        rd_describe(&body, "%u (%s)", m->group, hs_group_name(m->group));
        m->pub = read_opaque(&body, 1, 1, "public", &m->pub_len);
    } else {
        m->p = read_opaque(&body, 2, 1, "dh_p", &m->p_len);
        m->g = read_opaque(&body, 2, 1, "dh_g", &m->g_len);
        m->pub = read_opaque(&body, 2, 1, "dh_Ys", &m->pub_len);
    }
    m->params_len = rd_pos(&body) - m->params_off;
    if (!anonymous)
        read_signed(&body, &m->sig_scheme, &m->sig, &m->sig_len);
    return hs_close(r, &body) && m->pub && (anonymous || m->sig);
}

bool hs_parse_server_key_exchange(reader *r, bool ecdhe, server_key_exchange *m)
{
    return parse_ske(r, ecdhe, false, m);
}

bool hs_parse_server_key_exchange_anon(reader *r, server_key_exchange *m)
{
    return parse_ske(r, false, true, m);
}

bool hs_build_client_key_exchange(writer *w, cke_kind kind, const client_key_exchange *m)
{
    wr_mark msg = hs_begin(w, HS_CLIENT_KEY_EXCHANGE);
    if (kind == CKE_RSA)
        write_opaque(w, 2, "encrypted_pre_master_secret", m->data, m->len);
    else if (kind == CKE_DHE)
        write_opaque(w, 2, "dh_Yc", m->data, m->len);
    else
        write_opaque(w, 1, "ecdh_Yc", m->data, m->len);
    hs_end(w, msg);
    return !w->failed;
}

bool hs_parse_client_key_exchange(reader *r, cke_kind kind, client_key_exchange *m)
{
    memset(m, 0, sizeof *m);
    reader body;
    if (!hs_open(r, HS_CLIENT_KEY_EXCHANGE, &body))
        return false;
    if (kind == CKE_RSA)
        m->data = read_opaque(&body, 2, 0, "encrypted_pre_master_secret", &m->len);
    else if (kind == CKE_DHE)
        m->data = read_opaque(&body, 2, 1, "dh_Yc", &m->len);
    else
        m->data = read_opaque(&body, 1, 1, "ecdh_Yc", &m->len);
    return hs_close(r, &body) && m->data;
}

bool hs_build_certificate_verify(writer *w, const digitally_signed *m)
{
    wr_mark msg = hs_begin(w, HS_CERTIFICATE_VERIFY);
    write_signed(w, m->scheme, m->sig, m->sig_len);
    hs_end(w, msg);
    return !w->failed;
}

bool hs_parse_certificate_verify(reader *r, digitally_signed *m)
{
    memset(m, 0, sizeof *m);
    reader body;
    if (!hs_open(r, HS_CERTIFICATE_VERIFY, &body))
        return false;
    read_signed(&body, &m->scheme, &m->sig, &m->sig_len);
    return hs_close(r, &body) && m->sig;
}

bool hs_build_server_hello_done(writer *w)
{
    wr_mark msg = hs_begin(w, HS_SERVER_HELLO_DONE);
    hs_end(w, msg);
    return !w->failed;
}

bool hs_parse_server_hello_done(reader *r)
{
    reader body;
    return hs_open(r, HS_SERVER_HELLO_DONE, &body) && hs_close(r, &body);
}

bool hs_build_finished(writer *w, const uint8_t verify_data[12])
{
    wr_mark msg = hs_begin(w, HS_FINISHED);
    wr_bytes(w, verify_data, 12, "verify_data");
    hs_end(w, msg);
    return !w->failed;
}

bool hs_parse_finished(reader *r, uint8_t verify_data[12])
{
    reader body;
    if (!hs_open(r, HS_FINISHED, &body))
        return false;
    const uint8_t *p = rd_bytes(&body, 12, "verify_data");
    if (p)
        memcpy(verify_data, p, 12);
    return hs_close(r, &body) && p;
}
