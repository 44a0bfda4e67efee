/* TLS 1.2 handshake messages (RFC 5246 7.4 and the extensions of RFC 6066, 7627,
 * 8422, 5746): each has a struct, a builder and a parser, written side by side in
 * one file per family so that the two cannot disagree. Builders and parsers record
 * every field (name, offset, length, decoded value) when the writer or reader
 * carries an annotation list; its one-line explanation comes from one table,
 * sim/field_explain.c, when the fields enter the trace. Offsets count from the start of
 * the handshake message, its 4-byte header included. */
#ifndef TLSSIM_HS_MSG_H
#define TLSSIM_HS_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/codec.h"

enum hs_type {
    HS_HELLO_REQUEST = 0,
    HS_CLIENT_HELLO = 1,
    HS_SERVER_HELLO = 2,
    HS_NEW_SESSION_TICKET = 4,
    HS_CERTIFICATE = 11,
    HS_SERVER_KEY_EXCHANGE = 12,
    HS_CERTIFICATE_REQUEST = 13,
    HS_SERVER_HELLO_DONE = 14,
    HS_CERTIFICATE_VERIFY = 15,
    HS_CLIENT_KEY_EXCHANGE = 16,
    HS_FINISHED = 20,
};

#define TLS12_VERSION 0x0303
/* Every value a peer offers is kept, up to the bounds of the RFC's vectors:
 * cipher_suites<2..2^16-2> (RFC 5246 7.4.1.2), named_group_list<2..2^16-1> (RFC 8422
 * 5.1.1), supported_signature_algorithms<2..2^16-2> (RFC 5246 7.4.1.4.1). A parser
 * allocates each such list to the length that arrived, so a message costs what it
 * carries (32767 suites at most); the message's free function releases them. A
 * message being built points its lists at the builder's own arrays instead. */
/* Certificates in one Certificate message: OpenSSL verifies chains to depth 100 (100
 * CAs between the leaf and the trust anchor); with the leaf and the anchor, 102. */
#define HS_MAX_CERTS 102

/* Opens a message: type, then a 3-byte length back-patched by hs_end. */
wr_mark hs_begin(writer *w, uint8_t type);
void hs_end(writer *w, wr_mark m);
/* Reads the header of a message of the given type and opens its body. */
bool hs_open(reader *r, uint8_t type, reader *body);
/* Ends a message: nothing may follow the body (decode_error). */
bool hs_close(reader *r, reader *body);

typedef struct client_hello {
    uint16_t version;
    uint8_t random[32];
    uint8_t session_id[32];
    size_t session_id_len;
    uint16_t *suites;      /* parsed: malloc'd, n_suites long (hs_client_hello_free) */
    size_t n_suites;
    bool null_compression;
    char server_name[256]; /* empty: no server_name extension */
    uint16_t *groups;      /* parsed: malloc'd, or NULL when none */
    size_t n_groups;
    bool point_formats;    /* ec_point_formats offered (with uncompressed) */
    uint16_t *sig_algs;    /* parsed: malloc'd, or NULL when none */
    size_t n_sig_algs;
    bool ems;              /* extended_master_secret (RFC 7627) */
    bool reneg_info;       /* renegotiation_info, empty (RFC 5746) */
    bool ticket_ext;       /* session_ticket (RFC 5077 3.2): empty, or a ticket */
    const uint8_t *ticket; /* the ticket offered, pointing into the message */
    size_t ticket_len;
} client_hello;

typedef struct server_hello {
    uint16_t version;
    uint8_t random[32];
    uint8_t session_id[32];
    size_t session_id_len;
    uint16_t suite;
    bool ems;
    bool reneg_info;
    bool point_formats;
    bool ticket_ext;       /* empty session_ticket: a NewSessionTicket will follow */
} server_hello;

bool hs_build_client_hello(writer *w, const client_hello *m);
/* Fills m, allocating its lists; call hs_client_hello_free afterwards, whether the
 * parse succeeded or not. */
bool hs_parse_client_hello(reader *r, client_hello *m);
void hs_client_hello_free(client_hello *m);
/* Whether the hello lists this cipher suite. */
bool hs_client_hello_offers_suite(const client_hello *m, uint16_t code);
bool hs_build_server_hello(writer *w, const server_hello *m);
bool hs_parse_server_hello(reader *r, server_hello *m);
/* The same from a whole message, for watchers on the wire that keep no reader. */
bool hs_read_server_hello(const uint8_t *msg, size_t len, server_hello *m);

/* Certificate: DER certificates, pointing into the parsed buffer. */
typedef struct certificate_msg {
    const uint8_t *cert[HS_MAX_CERTS];
    size_t len[HS_MAX_CERTS];
    const annot_list *fields[HS_MAX_CERTS]; /* building: each certificate's X.509 fields, or NULL */
    size_t n;
} certificate_msg;

typedef struct certificate_request {
    uint8_t types[8];
    size_t n_types;
    uint16_t *sig_algs;    /* parsed: malloc'd (hs_certificate_request_free) */
    size_t n_sig_algs;
} certificate_request;

bool hs_build_certificate(writer *w, const certificate_msg *m);
bool hs_parse_certificate(reader *r, certificate_msg *m);
bool hs_build_certificate_request(writer *w, const certificate_request *m);
/* Allocates m's list; hs_certificate_request_free afterwards, in any case. */
bool hs_parse_certificate_request(reader *r, certificate_request *m);
void hs_certificate_request_free(certificate_request *m);

/* ServerKeyExchange for DHE (RFC 5246 7.4.3) and ECDHE (RFC 8422 5.4). */
typedef struct server_key_exchange {
    bool ecdhe;
    bool anonymous;              /* DH_anon: params only, no signature (RFC 5246 7.4.3) */
    uint16_t group;              /* ECDHE: NamedCurve */
    const uint8_t *p, *g;        /* DHE: dh_p, dh_g */
    size_t p_len, g_len;
    const uint8_t *pub;          /* ECDHE point or DHE dh_Ys */
    size_t pub_len;
    size_t params_off, params_len; /* the signed params, as offsets in the message */
    uint16_t sig_scheme;
    const uint8_t *sig;
    size_t sig_len;
} server_key_exchange;

typedef enum cke_kind { CKE_RSA, CKE_DHE, CKE_ECDHE } cke_kind;

typedef struct client_key_exchange {
    const uint8_t *data; /* encrypted premaster, dh_Yc or the ECDH point */
    size_t len;
} client_key_exchange;

typedef struct digitally_signed {
    uint16_t scheme;
    const uint8_t *sig;
    size_t sig_len;
} digitally_signed;

/* Writes the params and returns, in m, where they sit; the signature follows. */
bool hs_build_server_key_exchange(writer *w, server_key_exchange *m);
bool hs_parse_server_key_exchange(reader *r, bool ecdhe, server_key_exchange *m);
/* The unsigned DH params of an anonymous suite. */
bool hs_parse_server_key_exchange_anon(reader *r, server_key_exchange *m);
bool hs_build_client_key_exchange(writer *w, cke_kind kind, const client_key_exchange *m);
bool hs_parse_client_key_exchange(reader *r, cke_kind kind, client_key_exchange *m);
bool hs_build_certificate_verify(writer *w, const digitally_signed *m);
bool hs_parse_certificate_verify(reader *r, digitally_signed *m);

/* NewSessionTicket (RFC 5077 3.3): a lifetime hint and the ticket. The server
 * writes the ticket's fields (sim/ticket.h); to the client it is opaque bytes. */
struct sealed_ticket;
typedef struct new_session_ticket {
    uint32_t lifetime_hint;
    const struct sealed_ticket *sealed; /* building: the server's ticket */
    const uint8_t *ticket;              /* parsing: the bytes, pointing into the message */
    size_t ticket_len;
} new_session_ticket;

bool hs_build_new_session_ticket(writer *w, const new_session_ticket *m);
bool hs_parse_new_session_ticket(reader *r, new_session_ticket *m);

bool hs_build_server_hello_done(writer *w);
bool hs_parse_server_hello_done(reader *r);
bool hs_build_finished(writer *w, const uint8_t verify_data[12]);
bool hs_parse_finished(reader *r, uint8_t verify_data[12]);

/* Human names for the UI and the trace. */
const char *hs_type_name(uint8_t type);
const char *hs_group_name(uint16_t group);
const char *hs_extension_name(uint16_t type);

#endif
