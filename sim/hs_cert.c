/* Certificate (RFC 5246 7.4.2, 7.4.6) and CertificateRequest (7.4.4). */
#include <stdlib.h>
#include <string.h>

#include "base/alert.h"
#include "sim/hs_msg.h"
#include "sim/suites.h"

bool hs_build_certificate(writer *w, const certificate_msg *m)
{
    wr_mark msg = hs_begin(w, HS_CERTIFICATE);
    wr_mark list = wr_open(w, 3, "certificate_list");
    for (size_t i = 0; i < m->n; i++) {
        wr_mark c = wr_open(w, 3, i == 0 ? "certificate (leaf)" : "certificate (chain)");
        size_t at = w->len;
        wr_bytes(w, m->cert[i], m->len[i], NULL);
        wr_graft(w, at, m->fields[i]);
        wr_close(w, c);
    }
    wr_close(w, list);
    hs_end(w, msg);
    return !w->failed;
}

bool hs_parse_certificate(reader *r, certificate_msg *m)
{
    memset(m, 0, sizeof *m);
    reader body, list, c;
    if (!hs_open(r, HS_CERTIFICATE, &body) ||
        !rd_vec(&body, 3, 0, 0xffffff, "certificate_list", &list))
        return false;
    while (rd_ok(&list) && rd_left(&list) > 0) {
        if (!rd_vec(&list, 3, 1, 0xffffff, m->n == 0 ? "certificate (leaf)" : "certificate (chain)", &c))
            break;
        size_t n = rd_left(&c);
        const uint8_t *p = rd_bytes(&c, n, NULL);
        if (m->n >= HS_MAX_CERTS) {
            rd_fail(&list, ALERT_BAD_CERTIFICATE, NULL, "more than %d certificates", HS_MAX_CERTS);
            break;
        }
        m->cert[m->n] = p;
        m->len[m->n++] = n;
        rd_close(&c);
    }
    rd_close(&list);
    return hs_close(r, &body);
}

bool hs_build_certificate_request(writer *w, const certificate_request *m)
{
    wr_mark msg = hs_begin(w, HS_CERTIFICATE_REQUEST);
    wr_mark types = wr_open(w, 1, "certificate_types");
    for (size_t i = 0; i < m->n_types; i++) {
        wr_u8(w, m->types[i], "type");
        wr_describe(w, "%u (%s)", m->types[i],
                    m->types[i] == 1 ? "rsa_sign" : m->types[i] == 64 ? "ecdsa_sign" : "other");
    }
    wr_close(w, types);
    wr_mark sigs = wr_open(w, 2, "supported_signature_algorithms");
    for (size_t i = 0; i < m->n_sig_algs; i++) {
        wr_u16(w, m->sig_algs[i], "entry");
        wr_describe(w, "0x%04x %s", m->sig_algs[i], sig_scheme_name(m->sig_algs[i]));
    }
    wr_close(w, sigs);
    wr_mark cas = wr_open(w, 2, "certificate_authorities");
    wr_close(w, cas);
    hs_end(w, msg);
    return !w->failed;
}

bool hs_parse_certificate_request(reader *r, certificate_request *m)
{
    memset(m, 0, sizeof *m);
    reader body, types, sigs, cas, dn;
    if (!hs_open(r, HS_CERTIFICATE_REQUEST, &body))
        return false;
    if (rd_vec(&body, 1, 1, 0xff, "certificate_types", &types)) {
        while (rd_ok(&types) && rd_left(&types) > 0) {
            uint8_t t = rd_u8(&types, "type");
            if (m->n_types < sizeof m->types)
                m->types[m->n_types++] = t;
        }
        rd_close(&types);
    }
    if (rd_vec(&body, 2, 2, 0xfffe, "supported_signature_algorithms", &sigs)) {
        /* Every scheme is kept: the array is sized by the list that arrived. */
        size_t cap = rd_left(&sigs) / 2;
        if (cap && !(m->sig_algs = malloc(cap * sizeof *m->sig_algs))) {
            rd_fail(&sigs, ALERT_INTERNAL_ERROR, NULL, "out of memory for %zu entries", cap);
            cap = 0;
        }
        while (rd_ok(&sigs) && rd_left(&sigs) > 0) {
            uint16_t s = rd_u16(&sigs, "entry");
            rd_describe(&sigs, "0x%04x %s", s, sig_scheme_name(s));
            if (rd_ok(&sigs) && m->n_sig_algs < cap)
                m->sig_algs[m->n_sig_algs++] = s;
        }
        rd_close(&sigs);
    }
    if (rd_vec(&body, 2, 0, 0xffff, "certificate_authorities", &cas)) {
        while (rd_ok(&cas) && rd_left(&cas) > 0 &&
               rd_vec(&cas, 2, 1, 0xffff, "DistinguishedName", &dn)) {
            rd_bytes(&dn, rd_left(&dn), NULL);
            rd_close(&dn);
        }
        rd_close(&cas);
    }
    return hs_close(r, &body);
}

void hs_certificate_request_free(certificate_request *m)
{
    free(m->sig_algs);
    m->sig_algs = NULL;
    m->n_sig_algs = 0;
}
