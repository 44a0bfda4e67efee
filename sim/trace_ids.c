/* Stable identifiers for trace events, and what each means in plain words: one table,
 * so lessons (lessons/README.md, References), the JSON and the TUI name an event the
 * same way, whatever its display title says. An event gets its id from the kind and
 * the start of the title the engine gives it; tests/unit/test_trace_ids.c runs every
 * fault and suite and fails when an event matches no line here, so a changed title
 * cannot silently lose its id. */
#include <string.h>

#include "sim/trace.h"

typedef struct id_rule {
    const char *title; /* the title, or its start up to a space, ':' or '(' */
    const char *id;
    const char *explain;
} id_rule;

/* Handshake messages and the other payloads, named as in RFC 5246. */
static const id_rule message_rules[] = {
    {"HelloRequest", "HelloRequest", "the server asks the client to start a new handshake"},
    {"ClientHello", "ClientHello",
     "the client's opening: its random, the suites, groups and extensions it offers"},
    {"ServerHello", "ServerHello",
     "the server's answer: its random and the suite it picked from the client's list"},
    {"Certificate", "Certificate", "a certificate chain: the sender's own first"},
    {"ServerKeyExchange", "ServerKeyExchange",
     "the server's key share for (EC)DHE, signed with its certificate's key"},
    {"CertificateRequest", "CertificateRequest",
     "the server asks the client for a certificate (mutual TLS)"},
    {"ServerHelloDone", "ServerHelloDone", "the server's first flight is complete"},
    {"CertificateVerify", "CertificateVerify",
     "the client signs the handshake: proof that it holds its certificate's key"},
    {"ClientKeyExchange", "ClientKeyExchange",
     "the client's key share, or its premaster encrypted to the server's RSA key"},
    {"NewSessionTicket", "NewSessionTicket",
     "the server hands the client its session, sealed with a key only it knows"},
    {"Finished", "Finished",
     "the first protected message: a MAC over the whole handshake"},
    {"ChangeCipherSpec", "ChangeCipherSpec",
     "from the next record on, the sender protects what it sends with the new keys"},
    {"application data", "ApplicationData",
     "what the connection is for: data sent under the negotiated keys"},
};

/* Alerts: the one a side sent, and a fatal one that arrived. */
static const id_rule alert_rules[] = {
    {"Alert", "Alert", "an alert this side sent: why it warns or gives up"},
    {"received alert", "alert_received", "a fatal alert that arrived from the peer"},
};

/* Computations, by what they produce. */
static const id_rule compute_rules[] = {
    {"premaster secret", "premaster_secret",
     "the secret the key exchange gives both sides; all keys are derived from it"},
    {"master secret", "master_secret",
     "48 bytes derived from the premaster and the handshake: the session's secret"},
    {"key block", "key_block",
     "the master secret expanded and cut into the keys and IVs of both directions"},
    {"verify_data", "verify_data",
     "what a Finished message carries: the PRF over the hash of the handshake"},
    {"ServerKeyExchange signature", "ske_signature",
     "the server signs both randoms and its key share with its certificate's key"},
    {"CertificateVerify signature", "certificate_verify_signature",
     "the client signs the handshake so far with its certificate's private key"},
    {"session state", "session_state", "the session a ticket carried, opened"},
    {"session ticket sealed", "session_ticket",
     "the server seals the session into a ticket for the client to keep"},
    {"fault", "fault.change", "a fault changes a value on purpose"},
    {"attacker reads", "attacker.decrypt",
     "the attacker decrypts traffic with keys it shares with each side"},
    {"attacker", "attacker.relay", "the man in the middle changes what it relays"},
    {"eavesdropper", "attacker.eavesdrop",
     "an eavesdropper with a stolen key tries to decrypt a recorded session"},
};

/* Checks: what was compared, and whether it held. */
static const id_rule verify_rules[] = {
    {"negotiation", "check.negotiation",
     "whether both sides share a version, a suite and a group they can use"},
    {"certificate check: issuer chaining", "check.chain.issuer",
     "each certificate's issuer names the subject of the next one up the chain"},
    {"certificate check: trust anchor", "check.chain.trust_anchor",
     "the chain ends at a root this side was told to trust"},
    {"certificate check: critical extensions", "check.chain.critical_extensions",
     "every extension marked critical is one the checker understands"},
    {"certificate check: purpose", "check.chain.purpose",
     "the certificate may be used for what it is used for here"},
    {"certificate check: basicConstraints", "check.chain.basic_constraints",
     "a certificate that signed another must say it is a CA"},
    {"certificate check: pathLenConstraint", "check.chain.path_length",
     "a CA may limit how many CAs can follow below it"},
    {"certificate check: extendedKeyUsage", "check.chain.extended_key_usage",
     "the certificate is allowed for this side's role (serverAuth, clientAuth)"},
    {"certificate check: key size", "check.chain.key_size",
     "the key is large enough not to be broken"},
    {"certificate check: signature hash", "check.chain.signature_hash",
     "the CA signed over a hash that is still collision-resistant"},
    {"certificate check: host name", "check.chain.host_name",
     "the certificate names the host the client wanted to reach"},
    {"certificate check: validity", "check.chain.validity",
     "the clock lies between the certificate's notBefore and notAfter"},
    {"certificate check: signature", "check.chain.signature",
     "the issuer's public key verifies the signature on the certificate"},
    {"certificate check", "check.chain",
     "one check on the certificate chain"},
    {"ServerKeyExchange signature", "check.ske_signature",
     "the server's key share is signed by the key in its certificate"},
    {"CertificateVerify signature", "check.certificate_verify",
     "the client's signature over the handshake verifies with its certificate's key"},
    {"client Finished", "check.finished",
     "the Finished that arrived is the one computed here, so both saw one handshake"},
    {"server Finished", "check.finished",
     "the Finished that arrived is the one computed here, so both saw one handshake"},
    {"record authentication", "check.record",
     "the record's MAC or tag fits: nobody changed it on the way"},
    {"DH group", "check.dh_group", "the Diffie-Hellman group is strong enough"},
    {"client's public key share", "check.key_share",
     "the peer's public key share is a valid point or number of the group"},
    {"server's public key share", "check.key_share",
     "the peer's public key share is a valid point or number of the group"},
    {"client certificate present", "check.client_certificate",
     "the client sent a certificate when the server asked for one"},
    {"resumption", "check.resumption", "whether the server resumes the offered session"},
    {"session ticket", "check.session_ticket", "whether the ticket opens and is fresh"},
    {"session cache lookup", "check.session_cache",
     "whether the server still holds the session the client named"},
    {"extended master secret", "check.ems",
     "both hellos agree on the extended master secret (RFC 7627)"},
};

/* Notes: narration without a check. */
static const id_rule note_rules[] = {
    {"fault injected", "note.fault", "a fault of the scenario acts here"},
    {"you edited a byte", "note.edit", "a byte you changed on the wire"},
    {"handshake complete", "note.handshake_complete",
     "both Finished messages checked: the keys are in use"},
    {"request received", "note.request", "the server got the client's data"},
    {"response received", "note.response", "the client got the server's answer"},
    {"received alert", "note.alert_received", "a warning or close_notify arrived"},
    {"falling back to a legacy suite", "note.legacy_suite",
     "the server takes a weaker suite it keeps for old clients"},
    {"no signature to check", "note.no_signature", "an anonymous suite signs nothing"},
    {"no client certificate to send", "note.no_client_certificate",
     "the client has no certificate to answer the server's request with"},
    {"empty record passed over", "note.empty_record", "a record with nothing in it"},
    {"HelloRequest", "note.hello_request", "the server asked for a new handshake"},
    {"ClientHello after the handshake", "note.renegotiation",
     "the client asked for a new handshake on this connection"},
    {"connect timed out", "note.timeout", "the peer did not answer in time"},
    {"offering to resume", "note.resume_offer", "the client offers its saved session"},
    {"not offering to resume", "note.resume_none", "the client has no session to offer"},
    {"resuming", "note.resuming", "an abbreviated handshake: the session is reused"},
    {"second connection", "note.second_connection", "the client connects again"},
    {"session saved", "note.session_saved", "the client keeps the session for next time"},
    {"session kept in the server's cache", "note.session_cached",
     "the server keeps the session, so the client can resume it by its id"},
    {"session not kept", "note.session_not_kept", "the session will not be resumed"},
    {"ticket not kept", "note.session_not_kept", "the session will not be resumed"},
    {"session forgotten", "note.session_forgotten",
     "a fatal alert ended the connection: its session must not be resumed"},
    {"session not resumable", "note.session_not_resumable",
     "the session cannot be resumed, so a full handshake follows"},
    {"session cache", "note.session_cache", "what the server's session cache held"},
    {"session state unreadable", "note.ticket_unreadable",
     "the ticket does not open: a full handshake instead"},
    {"not resuming", "note.not_resuming", "a full handshake: no session is reused"},
    {"legacy signature", "note.legacy_signature",
     "the client sent no signature_algorithms, which means SHA-1"},
    {"fresh keys from the new randoms", "note.fresh_keys",
     "a resumed session still gets new keys: the randoms are new"},
    {"later: the server's private key is stolen", "note.key_stolen",
     "the server's long-term key falls into an attacker's hands"},
    {"eavesdropper", "note.eavesdrop", "what the eavesdropper could read"},
    {"man in the middle", "note.mitm", "what the man in the middle could read"},
};

#define RULES(a) {a, sizeof a / sizeof a[0]}
/* The lines for each kind of event (sim/trace.h's ev_kind order); records have none:
 * they are named after the message they carry. */
static const struct {
    const id_rule *v;
    size_t n;
} by_kind[] = {
    [EV_MESSAGE] = RULES(message_rules), [EV_RECORD] = {NULL, 0},
    [EV_COMPUTE] = RULES(compute_rules), [EV_VERIFY] = RULES(verify_rules),
    [EV_ALERT] = RULES(alert_rules),     [EV_NOTE] = RULES(note_rules),
};
#undef RULES

enum { N_KINDS = sizeof by_kind / sizeof by_kind[0] };

/* The title starts with pattern, and the pattern ends at a word: "master secret"
 * fits "master secret (resumed)" but "certificate check: signature" does not fit
 * "certificate check: signature hash" better than the longer line does. */
static size_t fits(const char *title, const char *pattern)
{
    if (title[0] != pattern[0]) /* most lines differ at once: ~70 events a run, ~90 lines */
        return 0;
    size_t n = strlen(pattern);
    if (strncmp(title, pattern, n) != 0)
        return 0;
    char c = title[n];
    return c == 0 || c == ' ' || c == ':' || c == '(' || c == ',' ? n : 0;
}

static const id_rule *rule_for(ev_kind kind, const char *title)
{
    const id_rule *best = NULL;
    size_t best_n = 0;
    if ((unsigned)kind >= N_KINDS)
        return NULL;
    const id_rule *v = by_kind[kind].v;
    for (size_t i = 0; i < by_kind[kind].n; i++) {
        size_t n = fits(title, v[i].title);
        if (n > best_n) {
            best = &v[i];
            best_n = n;
        }
    }
    return best;
}

/* The i-th line of all kinds together, for the lookups by id. */
static const id_rule *rule_at(size_t i)
{
    for (size_t k = 0; k < N_KINDS; k++) {
        if (i < by_kind[k].n)
            return &by_kind[k].v[i];
        i -= by_kind[k].n;
    }
    return NULL;
}

const char *trace_id_for(ev_kind kind, const char *title)
{
    const id_rule *r = rule_for(kind, title ? title : "");
    return r ? r->id : NULL;
}

/* A record's payload is named after "record: ": the first message it carries. */
const char *trace_id_of_payload(const char *what)
{
    if (!what)
        return NULL;
    const id_rule *r = rule_for(EV_MESSAGE, what);
    if (!r)
        r = rule_for(EV_ALERT, what);
    return r ? r->id : NULL;
}

const char *trace_id_explain(const char *id)
{
    size_t i = 0;
    if (!id)
        return NULL;
    for (const id_rule *r; (r = rule_at(i)) != NULL; i++)
        if (strcmp(r->id, id) == 0)
            return r->explain;
    if (strncmp(id, "record.", 7) == 0)
        return "a TLS record as it crossed the wire: a 5-byte header, then the payload";
    return NULL;
}

size_t trace_id_count(void)
{
    size_t n = 0;
    for (size_t k = 0; k < N_KINDS; k++)
        n += by_kind[k].n;
    return n;
}

const char *trace_id_at(size_t i)
{
    const id_rule *r = rule_at(i);
    return r ? r->id : NULL;
}
