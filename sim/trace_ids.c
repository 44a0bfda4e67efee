/* Stable identifiers for trace events, and what each means in plain words: one table,
 * so lessons (lessons/README.md, References), the JSON and the TUI name an event the
 * same way, whatever its display title says. An event gets its id from the kind and
 * the start of the title the engine gives it; tests/unit/test_trace_ids.c runs every
 * fault and suite and fails when an event matches no line here, so a changed title
 * cannot silently lose its id. */
#include <string.h>

#include "sim/trace.h"

typedef struct id_rule {
    ev_kind kind;
    const char *title; /* the title, or its start up to a space, ':' or '(' */
    const char *id;
    const char *explain;
} id_rule;

static const id_rule rules[] = {
    /* Handshake messages and the other payloads, named as in RFC 5246. */
    {EV_MESSAGE, "HelloRequest", "HelloRequest", "the server asks the client to start a new handshake"},
    {EV_MESSAGE, "ClientHello", "ClientHello",
     "the client's opening: its random, the suites, groups and extensions it offers"},
    {EV_MESSAGE, "ServerHello", "ServerHello",
     "the server's answer: its random and the suite it picked from the client's list"},
    {EV_MESSAGE, "Certificate", "Certificate", "a certificate chain: the sender's own first"},
    {EV_MESSAGE, "ServerKeyExchange", "ServerKeyExchange",
     "the server's key share for (EC)DHE, signed with its certificate's key"},
    {EV_MESSAGE, "CertificateRequest", "CertificateRequest",
     "the server asks the client for a certificate (mutual TLS)"},
    {EV_MESSAGE, "ServerHelloDone", "ServerHelloDone", "the server's first flight is complete"},
    {EV_MESSAGE, "CertificateVerify", "CertificateVerify",
     "the client signs the handshake: proof that it holds its certificate's key"},
    {EV_MESSAGE, "ClientKeyExchange", "ClientKeyExchange",
     "the client's key share, or its premaster encrypted to the server's RSA key"},
    {EV_MESSAGE, "NewSessionTicket", "NewSessionTicket",
     "the server hands the client its session, sealed with a key only it knows"},
    {EV_MESSAGE, "Finished", "Finished",
     "the first protected message: a MAC over the whole handshake"},
    {EV_MESSAGE, "ChangeCipherSpec", "ChangeCipherSpec",
     "from the next record on, the sender protects what it sends with the new keys"},
    {EV_MESSAGE, "application data", "ApplicationData",
     "what the connection is for: data sent under the negotiated keys"},
    {EV_ALERT, "Alert", "Alert", "an alert this side sent: why it warns or gives up"},
    {EV_ALERT, "received alert", "alert_received", "a fatal alert that arrived from the peer"},
    /* Computations, by what they produce. */
    {EV_COMPUTE, "premaster secret", "premaster_secret",
     "the secret the key exchange gives both sides; all keys are derived from it"},
    {EV_COMPUTE, "master secret", "master_secret",
     "48 bytes derived from the premaster and the handshake: the session's secret"},
    {EV_COMPUTE, "key block", "key_block",
     "the master secret expanded and cut into the keys and IVs of both directions"},
    {EV_COMPUTE, "verify_data", "verify_data",
     "what a Finished message carries: the PRF over the hash of the handshake"},
    {EV_COMPUTE, "ServerKeyExchange signature", "ske_signature",
     "the server signs both randoms and its key share with its certificate's key"},
    {EV_COMPUTE, "CertificateVerify signature", "certificate_verify_signature",
     "the client signs the handshake so far with its certificate's private key"},
    {EV_COMPUTE, "session state", "session_state", "the session a ticket carried, opened"},
    {EV_COMPUTE, "session ticket sealed", "session_ticket",
     "the server seals the session into a ticket for the client to keep"},
    {EV_COMPUTE, "fault", "fault.change", "a fault changes a value on purpose"},
    {EV_COMPUTE, "attacker reads", "attacker.decrypt",
     "the attacker decrypts traffic with keys it shares with each side"},
    {EV_COMPUTE, "attacker", "attacker.relay", "the man in the middle changes what it relays"},
    {EV_COMPUTE, "eavesdropper", "attacker.eavesdrop",
     "an eavesdropper with a stolen key tries to decrypt a recorded session"},
    /* Checks: what was compared, and whether it held. */
    {EV_VERIFY, "negotiation", "check.negotiation",
     "whether both sides share a version, a suite and a group they can use"},
    {EV_VERIFY, "certificate check: issuer chaining", "check.chain.issuer",
     "each certificate's issuer names the subject of the next one up the chain"},
    {EV_VERIFY, "certificate check: trust anchor", "check.chain.trust_anchor",
     "the chain ends at a root this side was told to trust"},
    {EV_VERIFY, "certificate check: critical extensions", "check.chain.critical_extensions",
     "every extension marked critical is one the checker understands"},
    {EV_VERIFY, "certificate check: purpose", "check.chain.purpose",
     "the certificate may be used for what it is used for here"},
    {EV_VERIFY, "certificate check: basicConstraints", "check.chain.basic_constraints",
     "a certificate that signed another must say it is a CA"},
    {EV_VERIFY, "certificate check: pathLenConstraint", "check.chain.path_length",
     "a CA may limit how many CAs can follow below it"},
    {EV_VERIFY, "certificate check: extendedKeyUsage", "check.chain.extended_key_usage",
     "the certificate is allowed for this side's role (serverAuth, clientAuth)"},
    {EV_VERIFY, "certificate check: key size", "check.chain.key_size",
     "the key is large enough not to be broken"},
    {EV_VERIFY, "certificate check: signature hash", "check.chain.signature_hash",
     "the CA signed over a hash that is still collision-resistant"},
    {EV_VERIFY, "certificate check: host name", "check.chain.host_name",
     "the certificate names the host the client wanted to reach"},
    {EV_VERIFY, "certificate check: validity", "check.chain.validity",
     "the clock lies between the certificate's notBefore and notAfter"},
    {EV_VERIFY, "certificate check: signature", "check.chain.signature",
     "the issuer's public key verifies the signature on the certificate"},
    {EV_VERIFY, "certificate check", "check.chain",
     "one check on the certificate chain"},
    {EV_VERIFY, "ServerKeyExchange signature", "check.ske_signature",
     "the server's key share is signed by the key in its certificate"},
    {EV_VERIFY, "CertificateVerify signature", "check.certificate_verify",
     "the client's signature over the handshake verifies with its certificate's key"},
    {EV_VERIFY, "client Finished", "check.finished",
     "the Finished that arrived is the one computed here: both saw one handshake"},
    {EV_VERIFY, "server Finished", "check.finished",
     "the Finished that arrived is the one computed here: both saw one handshake"},
    {EV_VERIFY, "record authentication", "check.record",
     "the record's MAC or tag fits: nobody changed it on the way"},
    {EV_VERIFY, "DH group", "check.dh_group", "the Diffie-Hellman group is strong enough"},
    {EV_VERIFY, "client's public key share", "check.key_share",
     "the peer's public key share is a valid point or number of the group"},
    {EV_VERIFY, "server's public key share", "check.key_share",
     "the peer's public key share is a valid point or number of the group"},
    {EV_VERIFY, "client certificate present", "check.client_certificate",
     "the client sent a certificate when the server asked for one"},
    {EV_VERIFY, "resumption", "check.resumption", "whether the server resumes the offered session"},
    {EV_VERIFY, "session ticket", "check.session_ticket", "whether the ticket opens and is fresh"},
    {EV_VERIFY, "session cache lookup", "check.session_cache",
     "whether the server still holds the session the client named"},
    {EV_VERIFY, "extended master secret", "check.ems",
     "both hellos agree on the extended master secret (RFC 7627)"},
    /* Notes: narration without a check. */
    {EV_NOTE, "fault injected", "note.fault", "a fault of the scenario acts here"},
    {EV_NOTE, "you edited a byte", "note.edit", "a byte you changed on the wire"},
    {EV_NOTE, "handshake complete", "note.handshake_complete",
     "both Finished messages checked: the keys are in use"},
    {EV_NOTE, "request received", "note.request", "the server got the client's data"},
    {EV_NOTE, "response received", "note.response", "the client got the server's answer"},
    {EV_NOTE, "received alert", "note.alert_received", "a warning or close_notify arrived"},
    {EV_NOTE, "falling back to a legacy suite", "note.legacy_suite",
     "the server takes a weaker suite it keeps for old clients"},
    {EV_NOTE, "no signature to check", "note.no_signature", "an anonymous suite signs nothing"},
    {EV_NOTE, "no client certificate to send", "note.no_client_certificate",
     "the client has no certificate to answer the server's request with"},
    {EV_NOTE, "empty record passed over", "note.empty_record", "a record with nothing in it"},
    {EV_NOTE, "HelloRequest", "note.hello_request", "the server asked for a new handshake"},
    {EV_NOTE, "ClientHello after the handshake", "note.renegotiation",
     "the client asked for a new handshake on this connection"},
    {EV_NOTE, "connect timed out", "note.timeout", "the peer did not answer in time"},
    {EV_NOTE, "offering to resume", "note.resume_offer", "the client offers its saved session"},
    {EV_NOTE, "not offering to resume", "note.resume_none", "the client has no session to offer"},
    {EV_NOTE, "resuming", "note.resuming", "an abbreviated handshake: the session is reused"},
    {EV_NOTE, "second connection", "note.second_connection", "the client connects again"},
    {EV_NOTE, "session saved", "note.session_saved", "the client keeps the session for next time"},
    {EV_NOTE, "session kept in the server's cache", "note.session_cached",
     "the server keeps the session, so the client can resume it by its id"},
    {EV_NOTE, "session not kept", "note.session_not_kept", "the session will not be resumed"},
    {EV_NOTE, "ticket not kept", "note.session_not_kept", "the session will not be resumed"},
    {EV_NOTE, "session forgotten", "note.session_forgotten",
     "a fatal alert ended the connection: its session must not be resumed"},
    {EV_NOTE, "session not resumable", "note.session_not_resumable",
     "the session cannot be resumed, so a full handshake follows"},
    {EV_NOTE, "session cache", "note.session_cache", "what the server's session cache held"},
    {EV_NOTE, "session state unreadable", "note.ticket_unreadable",
     "the ticket does not open: a full handshake instead"},
    {EV_NOTE, "not resuming", "note.not_resuming", "a full handshake: no session is reused"},
    {EV_NOTE, "legacy signature", "note.legacy_signature",
     "the client sent no signature_algorithms, which means SHA-1"},
    {EV_NOTE, "fresh keys from the new randoms", "note.fresh_keys",
     "a resumed session still gets new keys: the randoms are new"},
    {EV_NOTE, "later: the server's private key is stolen", "note.key_stolen",
     "the server's long-term key falls into an attacker's hands"},
    {EV_NOTE, "eavesdropper", "note.eavesdrop", "what the eavesdropper could read"},
    {EV_NOTE, "man in the middle", "note.mitm", "what the man in the middle could read"},
};

enum { N_RULES = sizeof rules / sizeof rules[0] };

/* The title starts with pattern, and the pattern ends at a word: "master secret"
 * fits "master secret (resumed)" but "certificate check: signature" does not fit
 * "certificate check: signature hash" better than the longer line does. */
static size_t fits(const char *title, const char *pattern)
{
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
    for (size_t i = 0; i < N_RULES; i++) {
        size_t n = rules[i].kind == kind ? fits(title, rules[i].title) : 0;
        if (n > best_n) {
            best = &rules[i];
            best_n = n;
        }
    }
    return best;
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
    if (!id)
        return NULL;
    for (size_t i = 0; i < N_RULES; i++)
        if (strcmp(rules[i].id, id) == 0)
            return rules[i].explain;
    if (strncmp(id, "record.", 7) == 0)
        return "a TLS record as it crossed the wire: a 5-byte header, then the payload";
    return NULL;
}

size_t trace_id_count(void)
{
    return N_RULES;
}

const char *trace_id_at(size_t i)
{
    return i < N_RULES ? rules[i].id : NULL;
}
