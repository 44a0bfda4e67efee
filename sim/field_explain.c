/* What each field of a handshake message means, in one line a student reads under
 * the field (TUI, text, JSON). One table, grouped by message, keyed by the field's
 * path inside it (sim/trace.h: the path without the event's id and without [N]).
 * The code that builds or parses a message writes no words: at most a qualifier
 * when the words depend on the situation (wr_qualify, rd_qualify). A certificate's
 * own fields are explained by crypto/x509_oid.c. */
#include <stdbool.h>
#include <string.h>

#include "sim/field_explain.h"

typedef struct field_line {
    const char *key;  /* "extensions.session_ticket" */
    const char *qual; /* NULL: any situation; else the field's qualifier, or the event's id */
    const char *text;
} field_line;

/* Every handshake message starts so (RFC 5246 7.4). */
static const field_line any_message[] = {
    {"msg_type", NULL, "which handshake message this is"},
};

/* RFC 5246 7.4.1.2-7.4.1.3: what both hellos carry after their version. */
static const field_line hello[] = {
    {"random", NULL, "32 fresh random bytes; both randoms feed every key derived later"},
    {"session_id", NULL,
     "names a session: one offered for resumption, or the one the server made or resumes "
     "(RFC 5246 7.4.1.2)"},
    {"session_id", "empty", "no session named: nothing to resume (or a ticket carries it)"},
};

/* RFC 5246 7.4.1.2, and the extensions: RFC 6066 3 (server_name), RFC 8422 5.1
 * (supported_groups, ec_point_formats), RFC 5246 7.4.1.4.1 (signature_algorithms),
 * RFC 7627 (extended_master_secret), RFC 5746 (renegotiation_info), RFC 5077 3.2
 * (session_ticket: empty asks for a ticket, otherwise offers one). */
static const field_line client_hello[] = {
    {"version", NULL, "the highest protocol version the client supports"},
    {"cipher_suites", NULL, "the suites the client accepts, in order of preference"},
    {"compression_methods", NULL, "always just 'null': TLS compression leaked secrets (CRIME)"},
    {"extensions.server_name", NULL,
     "SNI: which site the client wants, so the server picks the right certificate"},
    {"extensions.supported_groups", NULL,
     "the key-exchange groups the client supports, in order of preference"},
    {"extensions.ec_point_formats", NULL,
     "EC points are sent uncompressed (the only format RFC 8422 keeps)"},
    {"extensions.signature_algorithms", NULL,
     "which signatures the client can check, on certificates and key exchange"},
    {"extensions.extended_master_secret", NULL,
     "binds the master secret to the whole handshake (RFC 7627)"},
    {"extensions.renegotiation_info", NULL,
     "secure renegotiation (RFC 5746): empty on a first handshake"},
    {"extensions.session_ticket", NULL,
     "the client offers a ticket to resume its session (RFC 5077)"},
    {"extensions.session_ticket", "empty", "the client would like a session ticket (RFC 5077)"},
    {"extensions.session_ticket.ticket", NULL,
     "the ticket the server gave earlier, sent back as it came: the client cannot read it, "
     "only the server can open it"},
};

/* RFC 5246 7.4.1.3: the server's answers to the client's offers. */
static const field_line server_hello[] = {
    /* Not the server's highest, as the client's is (RFC 5246 7.4.1.3). */
    {"version", NULL, "the version the server chose for this connection: the highest both support"},
    {"cipher_suite", NULL, "the one suite the server chose from the client's list"},
    {"compression_method", NULL, "null: no compression"},
    {"extensions.renegotiation_info", NULL, "the server supports secure renegotiation (RFC 5746)"},
    {"extensions.extended_master_secret", NULL,
     "the server agrees: the master secret covers the whole handshake"},
    {"extensions.ec_point_formats", NULL, "EC points are sent uncompressed"},
    {"extensions.session_ticket", NULL, "the server will send a NewSessionTicket (RFC 5077 3.2)"},
};

/* RFC 5246 7.4.2 (and 7.4.6 for the client's); the qualifier is the one the
 * certificate's name carries: "certificate (leaf)", "certificate (chain)". */
static const field_line certificate[] = {
    {"certificate_list", NULL, "the sender's certificate first, then each certifying the one before"},
    {"certificate_list.certificate", "leaf", "the sender's own certificate, in DER"},
    {"certificate_list.certificate", "chain", "a CA certificate that helps the peer build the chain"},
};

/* RFC 5246 7.4.3, RFC 8422 5.4: the server's key share and its signature. */
static const field_line server_key_exchange[] = {
    {"curve_type", NULL, "named_curve: the group is named, not spelled out"},
    {"public", NULL, "the server's ephemeral public key for this connection only"},
    {"dh_p", NULL, "the prime modulus of the DH group"},
    {"dh_g", NULL, "the generator of the DH group"},
    {"dh_Ys", NULL, "the server's ephemeral public value g^x mod p"},
    {"signature", NULL, "signs client_random + server_random + params with the certificate's key"},
};

/* RFC 5246 7.4.4. */
static const field_line certificate_request[] = {
    {"certificate_types", NULL, "the kinds of client key the server accepts"},
    {"supported_signature_algorithms", NULL, "how the client may sign its CertificateVerify"},
    {"certificate_authorities", NULL, "CAs the server trusts; empty: any the client has"},
};

/* RFC 5246 7.4.7 (RSA: 7.4.7.1; DHE: 7.4.7.2), RFC 8422 5.7 (ECDHE). */
static const field_line client_key_exchange[] = {
    {"encrypted_pre_master_secret", NULL,
     "the premaster secret, encrypted to the server certificate's RSA key"},
    {"dh_Yc", NULL, "the client's ephemeral public value"},
    {"ecdh_Yc", NULL, "the client's ephemeral public key"},
};

/* RFC 5246 7.4.8. */
static const field_line certificate_verify[] = {
    {"signature", NULL, "the client signs every handshake message so far with its certificate's key"},
};

/* RFC 5246 7.4.9. */
static const field_line finished[] = {
    {"verify_data", NULL, "PRF(master_secret, finished_label, Hash(handshake messages))[0..11]"},
};

/* RFC 5077 3.3, and the ticket's layout RFC 5077 4 recommends (sim/ticket.c). */
static const field_line new_session_ticket[] = {
    {"ticket_lifetime_hint", NULL,
     "how long the client may keep the ticket (a hint: the server decides)"},
    {"ticket", NULL,
     "the session state, sealed with the server's ticket keys: the client keeps it without "
     "being able to read it"},
    {"ticket.key_name", NULL, "which of the server's ticket keys sealed this ticket"},
    {"ticket.iv", NULL, "a fresh IV for AES-128-CBC"},
    {"ticket.encrypted_state", NULL,
     "the session state (suite, EMS, master secret, time), encrypted with AES-128-CBC"},
    {"ticket.mac", NULL, "HMAC-SHA256 over the fields before it: any change is caught"},
};

/* The session state a ticket seals (sim/session.c), when the server seals it
 * (event session_ticket) and when it opens one (session_state). */
static const field_line session_state[] = {
    {"protocol_version", NULL, "the version the session was made with"},
    {"cipher_suite", NULL, "a resumed connection must use the same suite"},
    {"extended_master_secret", NULL, "RFC 7627 5.3: a session with EMS is only ever resumed with EMS"},
    {"master_secret", "session_ticket", "the secret itself: why the ticket must be encrypted"},
    {"master_secret", "session_state", "the secret itself, reused by the resumed connection"},
    {"created", NULL, "when the session was made: it expires after 2 hours"},
};

#define LINES(a) a, sizeof a / sizeof a[0]
static const struct {
    const char *id; /* the event id (sim/trace_ids.c) whose fields these are */
    const field_line *v;
    size_t n;
} groups[] = {
    {"ClientHello", LINES(hello)},
    {"ClientHello", LINES(client_hello)},
    {"ServerHello", LINES(hello)},
    {"ServerHello", LINES(server_hello)},
    {"Certificate", LINES(certificate)},
    {"ServerKeyExchange", LINES(server_key_exchange)},
    {"CertificateRequest", LINES(certificate_request)},
    {"ClientKeyExchange", LINES(client_key_exchange)},
    {"CertificateVerify", LINES(certificate_verify)},
    {"Finished", LINES(finished)},
    {"NewSessionTicket", LINES(new_session_ticket)},
    {"session_ticket", LINES(session_state)},
    {"session_state", LINES(session_state)},
};
#undef LINES

enum { N_GROUPS = sizeof groups / sizeof groups[0] };

static bool same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* The best line of v for the key: one for the field's situation before one for any. */
static const char *best_line(const field_line *v, size_t n, const char *id, const char *key,
                             const char *qual)
{
    const char *any = NULL;
    for (size_t i = 0; i < n; i++) {
        if (v[i].key[0] != key[0] || strcmp(v[i].key, key) != 0)
            continue;
        if (!v[i].qual)
            any = any ? any : v[i].text;
        else if (same(v[i].qual, qual) || same(v[i].qual, id))
            return v[i].text;
    }
    return any;
}

typedef struct lines {
    const field_line *v;
    size_t n;
} lines;

/* The groups of lines for the id (at most max of them); returns how many. */
static size_t groups_of(const char *id, lines *out, size_t max)
{
    size_t k = 0;
    for (size_t g = 0; g < N_GROUPS && k < max; g++)
        if (strcmp(groups[g].id, id) == 0)
            out[k++] = (lines){groups[g].v, groups[g].n};
    return k;
}

static const char *lookup(const lines *g, size_t ng, const char *id, const char *key,
                          const char *qual)
{
    const char *text = NULL;
    for (size_t i = 0; i < ng && !text; i++)
        text = best_line(g[i].v, g[i].n, id, key, qual);
    return text;
}

const char *field_explain(const char *id, const char *key, const char *qual)
{
    lines g[4];
    if (!id || !key)
        return NULL;
    return lookup(g, groups_of(id, g, 4), id, key, qual);
}

/* A name's qualifier in parentheses ("certificate (leaf)" -> "leaf"), or "". */
static void name_qual(const char *name, char *out, size_t n)
{
    out[0] = 0;
    size_t len = name ? strlen(name) : 0;
    const char *open = len > 1 && name[len - 1] == ')' ? strrchr(name, '(') : NULL;
    if (open && open > name && (size_t)(name + len - 1 - (open + 1)) < n) {
        size_t q = (size_t)(name + len - 1 - (open + 1));
        memcpy(out, open + 1, q);
        out[q] = 0;
    }
}

/* Fields deeper than KEY_DEPTH - 1 get no line: the deepest line of the table,
 * ClientHello's extensions.session_ticket.ticket, is at depth 3. A certificate's
 * many fields (depth 3 and more inside a Certificate) are passed over quickly. */
enum { KEY_DEPTH = 5, KEY_LEN = 160 };

/* Writes prefix.name (or name alone) into out; false when it does not fit. */
static bool join_key(char *out, const char *prefix, const char *name)
{
    size_t p = strlen(prefix), m = strlen(name), dot = p ? 1 : 0;
    if (p + dot + m >= KEY_LEN)
        return false;
    memmove(out, prefix, p);
    if (dot)
        out[p] = '.';
    memcpy(out + p + dot, name, m + 1);
    return true;
}

/* Walks the fields as sim/trace_path.c does (a field's parent is the nearest field
 * before it one level up; a message's "body" is passed through), building each
 * field's key on the way: one pass, however many fields a certificate brings. */
void field_explain_event(trace_event *e)
{
    lines g[5];
    size_t ng = 0;
    if (!e || e->fields.n == 0 || !e->id || !*e->id)
        return;
    if (e->kind == EV_MESSAGE)
        g[ng++] = (lines){any_message, sizeof any_message / sizeof any_message[0]};
    ng += groups_of(e->id, g + ng, 4);
    if (ng == 0)
        return;
    char keys[KEY_DEPTH][KEY_LEN]; /* keys[d]: the last field seen at depth d */
    bool seen[KEY_DEPTH] = {false}, fits[KEY_DEPTH] = {false}, through[KEY_DEPTH] = {false};
    for (int k = 0; k < KEY_DEPTH; k++)
        keys[k][0] = 0;
    for (size_t i = 0; i < e->fields.n; i++) {
        annot *a = &e->fields.v[i];
        if (a->depth >= KEY_DEPTH)
            continue; /* deeper fields are nobody's parent up here */
        int d = a->depth < 0 ? 0 : a->depth;
        bool parent = d > 0 && seen[d - 1];
        const char *prefix = parent && !through[d - 1] ? keys[d - 1] : "";
        char name[96], qual[32];
        trace_path_name(a->name, name, sizeof name);
        seen[d] = true;
        fits[d] = (!parent || fits[d - 1]) && join_key(keys[d], prefix, name);
        through[d] = e->kind == EV_MESSAGE && d == 0 && strcmp(a->name ? a->name : "", "body") == 0;
        for (int k = d + 1; k < KEY_DEPTH && seen[k]; k++)
            seen[k] = false;
        if (!fits[d] || a->explain)
            continue;
        name_qual(a->name, qual, sizeof qual);
        a->explain = lookup(g, ng, e->id, keys[d], a->qual ? a->qual : qual[0] ? qual : NULL);
    }
}
