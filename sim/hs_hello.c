/* ClientHello and ServerHello (RFC 5246 7.4.1.2-7.4.1.4) with the extensions tlssim
 * speaks: server_name (RFC 6066 3), supported_groups and ec_point_formats (RFC 8422
 * 5.1), signature_algorithms (RFC 5246 7.4.1.4.1), extended_master_secret (RFC 7627)
 * renegotiation_info (RFC 5746) and session_ticket (RFC 5077). Unknown extensions are named and passed over. */
#include <stdlib.h>
#include <string.h>

#include "base/alert.h"
#include "sim/hs_msg.h"
#include "sim/suites.h"

enum {
    EXT_SERVER_NAME = 0,
    EXT_SUPPORTED_GROUPS = 10,
    EXT_EC_POINT_FORMATS = 11,
    EXT_SIGNATURE_ALGORITHMS = 13,
    EXT_EXTENDED_MASTER_SECRET = 23,
    EXT_SESSION_TICKET = 35,
    EXT_RENEGOTIATION_INFO = 0xff01,
};

/* The version's name (RFC 5246 appendix E): a client may offer an older one. */
static const char *version_name(uint16_t v)
{
    switch (v) {
    case 0x0300: return "SSL 3.0";
    case 0x0301: return "TLS 1.0";
    case 0x0302: return "TLS 1.1";
    case 0x0303: return "TLS 1.2";
    case 0x0304: return "TLS 1.3";
    default: return "unknown version";
    }
}

static void write_random_and_session(writer *w, uint16_t version, const uint8_t random[32],
                                     const uint8_t *sid, size_t sid_len)
{
    wr_u16(w, version, "version");
    wr_describe(w, "0x%04x (%s)", version, version_name(version));
    wr_bytes(w, random, 32, "random");
    wr_mark s = wr_open(w, 1, "session_id");
    wr_bytes(w, sid, sid_len, NULL);
    wr_close(w, s);
    wr_qualify(w, sid_len ? NULL : "empty");
}

static void read_random_and_session(reader *r, uint16_t *version, uint8_t random[32],
                                    uint8_t sid[32], size_t *sid_len)
{
    reader s;
    *version = rd_u16(r, "version");
    const uint8_t *p = rd_bytes(r, 32, "random");
    if (p)
        memcpy(random, p, 32);
    if (rd_vec(r, 1, 0, 32, "session_id", &s)) {
        *sid_len = rd_left(&s);
        rd_qualify(r, *sid_len ? NULL : "empty");
        p = rd_bytes(&s, *sid_len, NULL);
        if (p && *sid_len)
            memcpy(sid, p, *sid_len);
        rd_close(&s);
    }
}

static wr_mark open_extension(writer *w, uint16_t type)
{
    wr_u16(w, type, "extension_type");
    wr_describe(w, "%u (%s)", type, hs_extension_name(type));
    return wr_open(w, 2, hs_extension_name(type));
}

static void write_empty_extension(writer *w, uint16_t type)
{
    wr_mark e = open_extension(w, type);
    wr_close(w, e);
}

/* ec_point_formats with the one format RFC 8422 5.1.2 keeps: uncompressed. */
static void write_point_formats(writer *w)
{
    wr_mark e = open_extension(w, EXT_EC_POINT_FORMATS);
    wr_mark l = wr_open(w, 1, "ec_point_format_list");
    wr_u8(w, 0, "uncompressed");
    wr_close(w, l);
    wr_close(w, e);
}

/* renegotiation_info with an empty renegotiated_connection: a first handshake. */
static void write_reneg_info(writer *w)
{
    wr_mark e = open_extension(w, EXT_RENEGOTIATION_INFO);
    wr_mark l = wr_open(w, 1, "renegotiated_connection");
    wr_close(w, l);
    wr_close(w, e);
}

/* session_ticket (RFC 5077 3.2): empty asks for a ticket, otherwise offers one. */
static void write_session_ticket(writer *w, const uint8_t *ticket, size_t n)
{
    wr_mark e = open_extension(w, EXT_SESSION_TICKET);
    if (n)
        wr_bytes(w, ticket, n, "ticket");
    wr_close(w, e);
    wr_qualify(w, n ? NULL : "empty");
}

/* The name of a list entry; buf (caller's) holds it when it has to be made up. */
typedef const char *(*entry_name)(uint16_t code, char *buf, size_t n);

static void write_u16_list(writer *w, int lenbytes, const char *name, const uint16_t *v, size_t n,
                           entry_name name_of)
{
    wr_mark l = wr_open(w, lenbytes, name);
    char buf[40];
    for (size_t i = 0; i < n; i++) {
        wr_u16(w, v[i], "entry");
        if (name_of)
            wr_describe(w, "0x%04x %s", v[i], name_of(v[i], buf, sizeof buf));
    }
    wr_close(w, l);
}

static const char *group_label(uint16_t code, char *buf, size_t n)
{
    (void)buf, (void)n;
    return hs_group_name(code);
}

static const char *scheme_label(uint16_t code, char *buf, size_t n)
{
    (void)buf, (void)n;
    return sig_scheme_name(code);
}

bool hs_build_client_hello(writer *w, const client_hello *m)
{
    wr_mark msg = hs_begin(w, HS_CLIENT_HELLO);
    write_random_and_session(w, m->version, m->random, m->session_id, m->session_id_len);
    write_u16_list(w, 2, "cipher_suites", m->suites, m->n_suites, suite_name);
    wr_mark comp = wr_open(w, 1, "compression_methods");
    wr_u8(w, 0, "null");
    wr_close(w, comp);
    wr_mark exts = wr_open(w, 2, "extensions");
    if (m->server_name[0]) {
        /* ServerNameList { NameType host_name(0); HostName<1..2^16-1> } (RFC 6066 3) */
        wr_mark e = open_extension(w, EXT_SERVER_NAME);
        wr_mark list = wr_open(w, 2, "server_name_list");
        wr_u8(w, 0, "name_type");
        wr_mark host = wr_open(w, 2, "host_name");
        wr_bytes(w, (const uint8_t *)m->server_name, strlen(m->server_name), NULL);
        wr_close(w, host);
        wr_describe(w, "%s", m->server_name);
        wr_close(w, list);
        wr_close(w, e);
    }
    if (m->n_groups) {
        wr_mark e = open_extension(w, EXT_SUPPORTED_GROUPS);
        write_u16_list(w, 2, "named_group_list", m->groups, m->n_groups, group_label);
        wr_close(w, e);
    }
    if (m->point_formats)
        write_point_formats(w);
    if (m->n_sig_algs) {
        wr_mark e = open_extension(w, EXT_SIGNATURE_ALGORITHMS);
        write_u16_list(w, 2, "supported_signature_algorithms", m->sig_algs, m->n_sig_algs, scheme_label);
        wr_close(w, e);
    }
    if (m->ems)
        write_empty_extension(w, EXT_EXTENDED_MASTER_SECRET);
    if (m->reneg_info)
        write_reneg_info(w);
    if (m->ticket_ext)
        write_session_ticket(w, m->ticket, m->ticket_len);
    wr_close(w, exts);
    hs_end(w, msg);
    return !w->failed;
}

/* The trace names this many entries of a list one by one, and the rest as one span. */
#define LIST_SHOWN 64

/* Keeps every entry, in an array allocated to the list's length (the vector's bound
 * caps it); a very long list is annotated in summary, but parsed whole. */
static void read_u16_list(reader *l, uint16_t **out, size_t *n, entry_name name_of)
{
    char buf[40];
    *n = 0;
    free(*out);
    *out = NULL;
    size_t cap = rd_left(l) / 2;
    if (cap && !(*out = malloc(cap * sizeof **out))) {
        rd_fail(l, ALERT_INTERNAL_ERROR, NULL, "out of memory for %zu entries", cap);
        return;
    }
    while (rd_ok(l) && rd_left(l) > 0) {
        if (*n == LIST_SHOWN) {
            reader more;
            size_t rest = rd_left(l);
            if (!rd_sub(l, rest, "more entries", &more))
                return;
            rd_describe(l, "%zu more entries, not listed one by one", rest / 2);
            while (rd_ok(&more) && rd_left(&more) > 0) {
                uint16_t v = rd_u16(&more, NULL);
                if (rd_ok(&more) && *n < cap)
                    (*out)[(*n)++] = v;
            }
            rd_close(&more);
            return;
        }
        uint16_t v = rd_u16(l, "entry");
        if (name_of)
            rd_describe(l, "0x%04x %s", v, name_of(v, buf, sizeof buf));
        if (rd_ok(l) && *n < cap)
            (*out)[(*n)++] = v;
    }
}

static void read_server_name(reader *e, client_hello *m)
{
    reader list, host;
    if (!rd_vec(e, 2, 1, 0xffff, "server_name_list", &list))
        return;
    while (rd_ok(&list) && rd_left(&list) > 0) {
        uint8_t type = rd_u8(&list, "name_type");
        if (!rd_vec(&list, 2, 1, 0xffff, "host_name", &host))
            return;
        size_t n = rd_left(&host);
        const uint8_t *p = rd_bytes(&host, n, NULL);
        if (type == 0 && p && n < sizeof m->server_name) {
            memcpy(m->server_name, p, n);
            m->server_name[n] = '\0';
            /* A NUL inside a host name could make two names look alike. */
            if (memchr(p, 0, n))
                rd_fail(e, ALERT_ILLEGAL_PARAMETER, "host_name", "contains a NUL byte");
            rd_describe(&list, "%s", m->server_name);
        }
    }
    rd_close(&list);
}

/* Reads one extension of a ClientHello (client == true) or ServerHello. */
static void read_extension(reader *exts, bool client, client_hello *ch, server_hello *sh,
                           uint32_t *seen)
{
    uint16_t type = rd_u16(exts, "extension_type");
    rd_describe(exts, "%u (%s)", type, hs_extension_name(type));
    reader e, l;
    if (!rd_vec(exts, 2, 0, 0xffff, hs_extension_name(type), &e))
        return;
    /* No extension type may appear twice (RFC 5246 7.4.1.4). */
    uint32_t bit = type == EXT_RENEGOTIATION_INFO ? 1u << 31 : type < 31 ? 1u << type : 0;
    if (bit && (*seen & bit)) {
        rd_fail(exts, ALERT_ILLEGAL_PARAMETER, hs_extension_name(type), "sent twice");
        return;
    }
    *seen |= bit;
    bool empty_required = type == EXT_EXTENDED_MASTER_SECRET;
    if (type == EXT_SERVER_NAME && client) {
        read_server_name(&e, ch);
    } else if (type == EXT_SERVER_NAME) {
        /* A server acknowledges SNI with an empty extension (RFC 6066 3). */
        empty_required = true;
    } else if (type == EXT_SUPPORTED_GROUPS && client) {
        if (rd_vec(&e, 2, 2, 0xfffe, "named_group_list", &l)) {
            read_u16_list(&l, &ch->groups, &ch->n_groups, group_label);
            rd_close(&l);
        }
    } else if (type == EXT_EC_POINT_FORMATS) {
        bool uncompressed = false;
        if (rd_vec(&e, 1, 1, 0xff, "ec_point_format_list", &l)) {
            while (rd_ok(&l) && rd_left(&l) > 0)
                uncompressed |= rd_u8(&l, "ec_point_format") == 0;
            rd_close(&l);
        }
        /* RFC 8422 5.1.2: the list must contain uncompressed. */
        if (rd_ok(&e) && !uncompressed)
            rd_fail(&e, ALERT_ILLEGAL_PARAMETER, NULL, "uncompressed is missing");
        *(client ? &ch->point_formats : &sh->point_formats) = true;
    } else if (type == EXT_SIGNATURE_ALGORITHMS && client) {
        if (rd_vec(&e, 2, 2, 0xfffe, "supported_signature_algorithms", &l)) {
            read_u16_list(&l, &ch->sig_algs, &ch->n_sig_algs, scheme_label);
            rd_close(&l);
        }
    } else if (type == EXT_EXTENDED_MASTER_SECRET) {
        *(client ? &ch->ems : &sh->ems) = true;
    } else if (type == EXT_SESSION_TICKET && client) {
        ch->ticket_ext = true;
        ch->ticket_len = rd_left(&e);
        rd_qualify(&e, ch->ticket_len ? NULL : "empty"); /* the extension's own annotation */
        ch->ticket = rd_bytes(&e, ch->ticket_len, ch->ticket_len ? "ticket" : NULL);
    } else if (type == EXT_SESSION_TICKET) {
        sh->ticket_ext = true; /* RFC 5077 3.2: the server's is always empty */
        empty_required = true;
    } else if (type == EXT_RENEGOTIATION_INFO) {
        if (rd_vec(&e, 1, 0, 0xff, "renegotiated_connection", &l) && rd_left(&l) > 0)
            rd_fail(&e, ALERT_HANDSHAKE_FAILURE, NULL,
                    "renegotiated_connection must be empty on a first handshake (RFC 5746 3.4)");
        *(client ? &ch->reneg_info : &sh->reneg_info) = true;
    } else {
        rd_bytes(&e, rd_left(&e), NULL); /* not ours: named, then passed over */
        return;
    }
    if (empty_required && rd_left(&e) > 0)
        rd_fail(&e, ALERT_DECODE_ERROR, NULL, "must be empty");
    rd_close(&e);
}

bool hs_parse_client_hello(reader *r, client_hello *m)
{
    memset(m, 0, sizeof *m);
    reader body, suites, comp, exts;
    if (!hs_open(r, HS_CLIENT_HELLO, &body))
        return false;
    read_random_and_session(&body, &m->version, m->random, m->session_id, &m->session_id_len);
    if (rd_vec(&body, 2, 2, 0xfffe, "cipher_suites", &suites)) {
        if (rd_left(&suites) % 2)
            rd_fail(&body, ALERT_DECODE_ERROR, "cipher_suites", "odd length");
        read_u16_list(&suites, &m->suites, &m->n_suites, suite_name);
        rd_close(&suites);
    }
    if (rd_vec(&body, 1, 1, 0xff, "compression_methods", &comp)) {
        while (rd_ok(&comp) && rd_left(&comp) > 0)
            m->null_compression |= rd_u8(&comp, "method") == 0;
        rd_close(&comp);
    }
    if (rd_ok(&body) && !m->null_compression)
        rd_fail(&body, ALERT_ILLEGAL_PARAMETER, "compression_methods", "null is missing");
    /* Extensions are optional: a ClientHello may end after compression_methods. */
    if (rd_left(&body) > 0 && rd_vec(&body, 2, 0, 0xffff, "extensions", &exts)) {
        uint32_t seen = 0;
        while (rd_ok(&exts) && rd_left(&exts) > 0)
            read_extension(&exts, true, m, NULL, &seen);
        rd_close(&exts);
    }
    return hs_close(r, &body);
}

void hs_client_hello_free(client_hello *m)
{
    free(m->suites);
    free(m->groups);
    free(m->sig_algs);
    m->suites = m->groups = m->sig_algs = NULL;
    m->n_suites = m->n_groups = m->n_sig_algs = 0;
}

bool hs_build_server_hello(writer *w, const server_hello *m)
{
    wr_mark msg = hs_begin(w, HS_SERVER_HELLO);
    write_random_and_session(w, m->version, m->random, m->session_id, m->session_id_len);
    wr_u16(w, m->suite, "cipher_suite");
    char name[40];
    wr_describe(w, "0x%04x %s", m->suite, suite_name(m->suite, name, sizeof name));
    wr_u8(w, 0, "compression_method");
    wr_mark exts = wr_open(w, 2, "extensions");
    if (m->reneg_info)
        write_reneg_info(w);
    if (m->ems)
        write_empty_extension(w, EXT_EXTENDED_MASTER_SECRET);
    if (m->point_formats)
        write_point_formats(w);
    if (m->ticket_ext)
        write_empty_extension(w, EXT_SESSION_TICKET);
    wr_close(w, exts);
    hs_end(w, msg);
    return !w->failed;
}

bool hs_read_server_hello(const uint8_t *msg, size_t len, server_hello *m)
{
    tls_err err;
    err_init(&err);
    reader r;
    rd_init(&r, msg, len, &err, NULL, "ServerHello");
    return hs_parse_server_hello(&r, m);
}

bool hs_parse_server_hello(reader *r, server_hello *m)
{
    memset(m, 0, sizeof *m);
    reader body, exts;
    if (!hs_open(r, HS_SERVER_HELLO, &body))
        return false;
    read_random_and_session(&body, &m->version, m->random, m->session_id, &m->session_id_len);
    m->suite = rd_u16(&body, "cipher_suite");
    char name[40];
    rd_describe(&body, "0x%04x %s", m->suite, suite_name(m->suite, name, sizeof name));
    uint8_t comp = rd_u8(&body, "compression_method");
    if (rd_ok(&body) && comp != 0)
        rd_fail(&body, ALERT_ILLEGAL_PARAMETER, "compression_method", "%u, but only null was offered",
                comp);
    if (rd_left(&body) > 0 && rd_vec(&body, 2, 0, 0xffff, "extensions", &exts)) {
        uint32_t seen = 0;
        while (rd_ok(&exts) && rd_left(&exts) > 0)
            read_extension(&exts, false, NULL, m, &seen);
        rd_close(&exts);
    }
    return hs_close(r, &body);
}

bool hs_client_hello_offers_suite(const client_hello *m, uint16_t code)
{
    for (size_t i = 0; i < m->n_suites; i++)
        if (m->suites[i] == code)
            return true;
    return false;
}
