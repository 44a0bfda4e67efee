/* The glossary's words, written for tlssim (checked against the RFCs they cite). One
 * table: `tlssim glossary` prints it, the TUI's g key shows one entry. */
#include "ui/glossary.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

static const glossary_term terms[] = {
    {"nonce", "explicit nonce|implicit nonce|salt",
     "A number used once. An AEAD cipher needs a fresh one for every record it protects under "
     "the same key; reusing one breaks its secrecy. For AES-GCM it is 4 bytes of the IV from the "
     "key block (the salt) and 8 explicit bytes sent in the record; for ChaCha20-Poly1305 the "
     "12-byte IV XORed with the record's sequence number, sent nowhere.",
     "RFC 5246 6.2.3.3; RFC 5288 3; RFC 7905 2"},
    {"PRF", "pseudorandom function|P_hash",
     "The pseudorandom function of TLS 1.2: it stretches a secret, a label and a seed into as "
     "many bytes as needed by chaining HMAC (P_hash, with the suite's hash, SHA-256 unless the "
     "suite says SHA-384). The master secret, the key block and verify_data all come from it.",
     "RFC 5246 5"},
    {"EMS", "extended master secret|extended_master_secret",
     "Extended master secret: the master secret is computed over the hash of the whole "
     "handshake up to ClientKeyExchange instead of the two randoms only, so two connections "
     "with different handshakes can never end up with the same master secret. Both hellos "
     "carry the extended_master_secret extension to agree on it.",
     "RFC 7627 4; RFC 7627 5"},
    {"AEAD", "authenticated encryption|GCM|AES-GCM|ChaCha20-Poly1305",
     "Authenticated encryption with associated data: one algorithm encrypts a record and "
     "computes a tag over the ciphertext and the additional data (sequence number and "
     "header), so a changed byte is detected. AES-GCM and ChaCha20-Poly1305 work this way and "
     "need no separate MAC key.",
     "RFC 5246 6.2.3.3; RFC 5116 2"},
    {"MAC", "HMAC|message authentication code|bad MAC",
     "Message authentication code: a short value computed from the data and a secret key. "
     "Only someone with the key can compute it, so a MAC that matches shows the data was not "
     "changed. CBC suites append an HMAC to each record; Finished carries a PRF value that "
     "works as a MAC over the handshake.",
     "RFC 5246 6.2.3.1; RFC 2104 2"},
    {"trust anchor", "root|root CA|trusted root",
     "A certificate (a root CA) that the checking side trusts without further proof, because "
     "it was installed beforehand. A chain is accepted only if it leads up to one.",
     "RFC 5280 6.1; RFC 5246 7.4.2"},
    {"depth", "chain depth",
     "The position of a certificate in a chain: depth 0 is the peer's own certificate (the "
     "leaf), depth 1 the CA that signed it, and so on up to the root.",
     "RFC 5246 7.4.2; RFC 5280 6.1"},
    {"SNI", "server name indication|server_name|host name",
     "Server Name Indication: a ClientHello extension naming the host the client wants, so a "
     "server with many sites can pick the right certificate. It travels unencrypted.",
     "RFC 6066 3"},
    {"forward secrecy", "perfect forward secrecy|PFS",
     "Recorded traffic stays secret even if the server's long-term private key is stolen "
     "later. Ephemeral (EC)DHE gives it: the key shares are thrown away after the handshake. "
     "RSA key transport does not: the stolen key decrypts the premaster secret.",
     "RFC 5246 F.1.1.2; RFC 5246 F.1.1.3"},
    {"premaster secret", "pre_master_secret|premaster|PMS",
     "The secret the key exchange leaves both sides with: the (EC)DH shared value, or 48 "
     "random bytes the client encrypts to the server's RSA key. The master secret is derived "
     "from it, and it is then forgotten.",
     "RFC 5246 8.1; RFC 5246 8.1.1; RFC 5246 8.1.2"},
    {"master secret", "master_secret",
     "48 bytes derived with the PRF from the premaster secret and the two randoms (or the "
     "handshake hash, with EMS). Every key of the connection comes from it, and a resumed "
     "session reuses it.",
     "RFC 5246 8.1; RFC 7627 4"},
    {"key block", "key_block|key expansion",
     "The PRF output from the master secret and both randoms, cut into the keys of both "
     "directions: MAC keys (CBC suites only), encryption keys and IVs. AEAD suites take no "
     "MAC keys and only a short implicit IV from it.",
     "RFC 5246 6.3"},
    {"cipher suite", "suite|cipher_suite|cipher_suites",
     "A named set of algorithms: key exchange, authentication, record cipher and the PRF's "
     "hash (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256). The client lists those it supports, the "
     "server picks one.",
     "RFC 5246 7.4.1.2; RFC 5246 A.5"},
    {"ECDHE", "elliptic curve Diffie-Hellman|X25519|x25519|secp256r1|ECDH",
     "Ephemeral elliptic-curve Diffie-Hellman: each side makes a fresh key pair on a curve, "
     "sends the public point, and combines its private scalar with the peer's point. Both get "
     "the same premaster secret; an eavesdropper seeing only the points cannot.",
     "RFC 8422 2; RFC 8422 5.4; RFC 7748 6"},
    {"DHE", "Diffie-Hellman|finite-field Diffie-Hellman|FFDHE",
     "Ephemeral Diffie-Hellman over a large prime p: each side sends g^x mod p for a fresh "
     "secret x; both compute g^xy mod p as the premaster secret. The server sends p, g and its "
     "share in ServerKeyExchange.",
     "RFC 5246 7.4.3; RFC 5246 8.1.2; RFC 7919 3"},
    {"RSA key transport", "RSA key exchange|EncryptedPreMasterSecret",
     "The client makes the premaster secret itself and sends it encrypted to the RSA key in "
     "the server's certificate (PKCS #1 v1.5). No forward secrecy: whoever gets that key later "
     "can decrypt recorded sessions.",
     "RFC 5246 7.4.7.1; RFC 5246 8.1.1"},
    {"certificate", "X.509|cert|leaf",
     "A signed statement by a CA: this public key belongs to this name, for this time and "
     "purpose. The server sends its certificate so the client can check whose key it uses.",
     "RFC 5246 7.4.2; RFC 5280 4"},
    {"chain", "certificate chain|certificate_list|path",
     "The certificates a side sends, its own first, then each CA certificate that signed the "
     "one before, up toward a trust anchor. The checker follows it link by link.",
     "RFC 5246 7.4.2; RFC 5280 6.1"},
    {"CA", "certificate authority|intermediate|intermediate CA|basicConstraints",
     "Certificate authority: an issuer whose certificate says it may sign other certificates "
     "(basicConstraints cA=TRUE). Roots are CAs trusted directly; intermediates are CAs "
     "signed by another CA.",
     "RFC 5280 4.2.1.9; RFC 5280 6.1"},
    {"ChangeCipherSpec", "CCS|change_cipher_spec",
     "A one-byte message of its own record type: from the next record on, the sender "
     "protects what it sends with the keys just agreed. It is not a handshake message.",
     "RFC 5246 7.1"},
    {"Finished", "verify_data|finished",
     "The first message under the new keys. Its verify_data is the PRF over the hash of every "
     "handshake message so far; the peer computes it too. If they match, both saw the same "
     "handshake and hold the same keys.",
     "RFC 5246 7.4.9"},
    {"record", "TLS record|record layer|content_type",
     "The unit TLS sends: a 5-byte header (content type, version, length), then up to 16 KB of "
     "payload. Handshake messages, alerts, ChangeCipherSpec and application data all travel "
     "in records, protected once keys are in use.",
     "RFC 5246 6.2"},
    {"handshake", "handshake message|msg_type",
     "The messages that agree on a suite and keys and authenticate the server (and maybe the "
     "client), from ClientHello to Finished. Each starts with a type byte and a 3-byte length.",
     "RFC 5246 7.3; RFC 5246 7.4"},
    {"session id", "session_id|session cache",
     "A name the server gives a session in ServerHello. A client that offers it in a later "
     "ClientHello can resume: if the server still keeps the session, both skip the key "
     "exchange and reuse the master secret.",
     "RFC 5246 7.3; RFC 5246 7.4.1.2"},
    {"session ticket", "ticket|NewSessionTicket|SessionTicket",
     "The session's state sealed with a key only the server knows and given to the client to "
     "keep, so the server needs no cache. The client sends it back to resume.",
     "RFC 5077 3; RFC 5077 4"},
    {"random", "client_random|server_random|client random|server random",
     "32 fresh bytes each hello carries. They go into the master secret and the key block, "
     "so every connection gets new keys even when a session is resumed.",
     "RFC 5246 7.4.1.2; RFC 5246 8.1"},
    {"ServerKeyExchange", "SKE|signed params",
     "The server's ephemeral key share for (EC)DHE, with a signature by its certificate's key "
     "over both randoms and the share, so the client knows the share is the server's.",
     "RFC 5246 7.4.3; RFC 8422 5.4"},
    {"CertificateVerify", "client signature",
     "In mutual TLS, the client's signature over the handshake so far, made with the key of "
     "its certificate: proof that it holds that key.",
     "RFC 5246 7.4.8"},
    {"alert", "alerts|alert level|warning|fatal",
     "A two-byte message: a level (1 warning, 2 fatal) and a description. A fatal alert ends "
     "the connection at once and its session may not be resumed.",
     "RFC 5246 7.2"},
    /* Each alert of RFC 5246 7.2. */
    {"close_notify", "close notify",
     "Alert 0: the sender will send nothing more on this connection. Both ends should send it "
     "before closing, so a cut connection is not taken for a complete one.",
     "RFC 5246 7.2.1"},
    {"unexpected_message", NULL,
     "Alert 10 (fatal): a message arrived that does not fit where the handshake is.",
     "RFC 5246 7.2.2"},
    {"bad_record_mac", NULL,
     "Alert 20 (fatal): a record's MAC or AEAD tag did not verify, so it cannot be trusted. "
     "Padding errors get this alert too, so an attacker cannot tell them apart.",
     "RFC 5246 7.2.2; RFC 5246 6.2.3.2"},
    {"decryption_failed_RESERVED", "decryption_failed",
     "Alert 21: used by old versions for padding errors; TLS 1.2 must not send it (it helped "
     "padding-oracle attacks), bad_record_mac is sent instead.",
     "RFC 5246 7.2.2"},
    {"record_overflow", NULL,
     "Alert 22 (fatal): a record was longer than the limit for its kind.",
     "RFC 5246 7.2.2; RFC 5246 6.2.1"},
    {"decompression_failure", NULL,
     "Alert 30 (fatal): decompression of a record failed. TLS 1.2 as used today has no "
     "compression, so it is rare.",
     "RFC 5246 7.2.2"},
    {"handshake_failure", NULL,
     "Alert 40 (fatal): the sender cannot agree on a set of security parameters, e.g. no "
     "common suite.",
     "RFC 5246 7.2.2"},
    {"no_certificate_RESERVED", "no_certificate",
     "Alert 41: an SSLv3 alert for a client without a certificate; TLS 1.2 must not send it.",
     "RFC 5246 7.2.2"},
    {"bad_certificate", NULL,
     "Alert 42: a certificate was corrupt or had a signature that did not verify.",
     "RFC 5246 7.2.2"},
    {"unsupported_certificate", NULL,
     "Alert 43: a certificate of a type the receiver does not support.",
     "RFC 5246 7.2.2"},
    {"certificate_revoked", NULL,
     "Alert 44: its signer revoked a certificate.",
     "RFC 5246 7.2.2"},
    {"certificate_expired", NULL,
     "Alert 45: a certificate has expired or is not yet valid.",
     "RFC 5246 7.2.2"},
    {"certificate_unknown", NULL,
     "Alert 46: some other problem with a certificate made it unacceptable.",
     "RFC 5246 7.2.2"},
    {"illegal_parameter", NULL,
     "Alert 47 (fatal): a field was out of range or did not agree with other fields.",
     "RFC 5246 7.2.2"},
    {"unknown_ca", NULL,
     "Alert 48 (fatal): the chain is valid but does not lead to a trust anchor the receiver "
     "knows.",
     "RFC 5246 7.2.2"},
    {"access_denied", NULL,
     "Alert 49 (fatal): the certificate is valid, but the receiver's policy refuses the "
     "connection.",
     "RFC 5246 7.2.2"},
    {"decode_error", NULL,
     "Alert 50 (fatal): a message could not be parsed: a length is wrong or a field runs past "
     "its end.",
     "RFC 5246 7.2.2"},
    {"decrypt_error", NULL,
     "Alert 51: a cryptographic step of the handshake failed: a signature did not verify or a "
     "Finished did not match.",
     "RFC 5246 7.2.2"},
    {"export_restriction_RESERVED", "export_restriction",
     "Alert 60: from the export-cipher era; TLS 1.2 must not send it.",
     "RFC 5246 7.2.2"},
    {"protocol_version", NULL,
     "Alert 70 (fatal): the version the client asked for is known but not supported.",
     "RFC 5246 7.2.2"},
    {"insufficient_security", NULL,
     "Alert 71 (fatal): the server wants stronger ciphers than any the client offered.",
     "RFC 5246 7.2.2"},
    {"internal_error", NULL,
     "Alert 80 (fatal): a failure of the sender itself (such as out of memory), not of the "
     "peer or the protocol.",
     "RFC 5246 7.2.2"},
    {"user_canceled", NULL,
     "Alert 90: the handshake is being cancelled for a reason other than a protocol failure; "
     "a close_notify should follow.",
     "RFC 5246 7.2.2"},
    {"no_renegotiation", NULL,
     "Alert 100 (a warning): the receiver of a renegotiation request will not renegotiate.",
     "RFC 5246 7.2.2"},
    {"unsupported_extension", NULL,
     "Alert 110 (fatal): a ServerHello carried an extension the client did not offer.",
     "RFC 5246 7.2.2"},
};

enum { N_TERMS = sizeof terms / sizeof terms[0] };

size_t glossary_count(void)
{
    return N_TERMS;
}

const glossary_term *glossary_at(size_t i)
{
    return i < N_TERMS ? &terms[i] : NULL;
}

/* Letters and digits only, lower-cased: "Master_Secret" and "master secret" are one. */
static size_t squash(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && s[i] && k + 1 < cap; i++)
        if (isalnum((unsigned char)s[i]))
            out[k++] = (char)tolower((unsigned char)s[i]);
    out[k] = 0;
    return k;
}

/* Calls fn for the term's name and each alias; stops when fn returns nonzero. */
static int each_name(const glossary_term *t, int (*fn)(const char *, size_t, void *), void *ctx)
{
    if (fn(t->term, strlen(t->term), ctx))
        return 1;
    for (const char *a = t->aliases; a && *a;) {
        const char *bar = strchr(a, '|');
        size_t n = bar ? (size_t)(bar - a) : strlen(a);
        if (fn(a, n, ctx))
            return 1;
        a = bar ? bar + 1 : a + n;
    }
    return 0;
}

static int same_name(const char *name, size_t n, void *ctx)
{
    char a[64] = {0}, b[64] = {0};
    squash(name, n, a, sizeof a);
    squash(ctx, strlen(ctx), b, sizeof b);
    return a[0] && strcmp(a, b) == 0;
}

const glossary_term *glossary_find(const char *name)
{
    for (size_t i = 0; name && i < N_TERMS; i++)
        if (each_name(&terms[i], same_name, (void *)name))
            return &terms[i];
    return NULL;
}

static bool word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Where name occurs in text as a whole word (case ignored), or -1. */
static long word_at(const char *text, const char *name, size_t n)
{
    for (const char *p = text; *p; p++) {
        if (strncasecmp(p, name, n) != 0)
            continue;
        if ((p == text || !word_char(p[-1])) && !word_char(p[n]))
            return p - text;
    }
    return -1;
}

typedef struct text_hit {
    const char *text;
    long at;
    size_t len;
    bool better; /* the last name looked at beat the best so far */
} text_hit;

static int earliest(const char *name, size_t n, void *ctx)
{
    text_hit *h = ctx;
    long at = n >= 2 ? word_at(h->text, name, n) : -1;
    if (at >= 0 && (h->at < 0 || at < h->at || (at == h->at && n > h->len))) {
        h->at = at;
        h->len = n;
        h->better = true;
    }
    return 0;
}

const glossary_term *glossary_in_text(const char *text)
{
    const glossary_term *best = NULL;
    text_hit h = {text ? text : "", -1, 0, false};
    for (size_t i = 0; i < N_TERMS; i++) {
        h.better = false;
        each_name(&terms[i], earliest, &h);
        if (h.better)
            best = &terms[i];
    }
    return best;
}

/* Edit distance of two short names (squashed), for "did you mean". */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[64];
    if (la >= 63 || lb >= 63)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

typedef struct closeness {
    char want[64];
    size_t best;
} closeness;

static int score(const char *name, size_t n, void *ctx)
{
    closeness *c = ctx;
    char s[64] = {0};
    squash(name, n, s, sizeof s);
    size_t d = distance(c->want, s);
    /* A part of the name counts as close: "secret" finds "master secret". */
    if (strlen(c->want) >= 3 && strstr(s, c->want))
        d = d < 2 ? d : 2;
    /* Or one word of it: "secrt" is close to "master secret". */
    for (size_t i = 0; i < n;) {
        size_t w = 0;
        while (i + w < n && isalnum((unsigned char)name[i + w]))
            w++;
        if (w >= 3 && w < n) {
            char part[64] = {0};
            squash(name + i, w, part, sizeof part);
            size_t pd = distance(c->want, part) + 1;
            d = pd < d ? pd : d;
        }
        i += w + 1;
    }
    if (d < c->best)
        c->best = d;
    return 0;
}

size_t glossary_close(const char *name, const glossary_term **out, size_t max)
{
    size_t d[N_TERMS], k = 0;
    closeness c = {{0}, 0};
    squash(name ? name : "", name ? strlen(name) : 0, c.want, sizeof c.want);
    size_t limit = strlen(c.want) <= 4 ? 1 : 3;
    for (size_t i = 0; i < N_TERMS; i++) {
        c.best = 99;
        each_name(&terms[i], score, &c);
        d[i] = c.best;
    }
    for (size_t want = 0; want <= limit && k < max; want++)
        for (size_t i = 0; i < N_TERMS && k < max; i++)
            if (d[i] == want)
                out[k++] = &terms[i];
    return k;
}
