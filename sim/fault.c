/* The fault catalogue as one table. The alerts were measured against OpenSSL 3.0 as
 * the checking peer (tests/integration/faults_vs_openssl.sh) or, where OpenSSL cannot
 * check, taken from the RFC cited beside them. */
#include "sim/fault.h"

#include <string.h>

#include "base/alert.h"

#define C ACTOR_CLIENT
#define S ACTOR_SERVER
#define A ACTOR_ATTACKER

static const fault_info catalogue[FAULT_COUNT] = {
    /* Server certificate: the server presents a broken chain (crypto/pki_variants.c). */
    {FAULT_CERT_EXPIRED, "cert-expired", FCAT_SERVER_CERT, FAULT_PKI, FP_SERVER_CHAIN, S, C,
     ALERT_CERTIFICATE_EXPIRED, "RFC 5280 4.1.2.5, RFC 5246 7.2.2", NEEDS_RSA_CERT, true,
     "the server's certificate stopped being valid in 2021; the client compares the dates with its clock"},
    {FAULT_CERT_NOT_YET_VALID, "cert-not-yet-valid", FCAT_SERVER_CERT, FAULT_PKI, FP_SERVER_CHAIN,
     S, C, ALERT_BAD_CERTIFICATE, "RFC 5280 4.1.2.5, RFC 5246 7.2.2", NEEDS_RSA_CERT, true,
     "the server's certificate only becomes valid in 2038: a wrong clock or a premature certificate"},
    {FAULT_CERT_WRONG_HOST, "cert-wrong-host", FCAT_SERVER_CERT, FAULT_PKI, FP_SERVER_CHAIN, S, C,
     ALERT_BAD_CERTIFICATE, "RFC 6125 6.4, RFC 2818 3.1", NEEDS_RSA_CERT, true,
     "a valid certificate, but for other.test: trusted CAs vouch for names, so the name must match"},
    {FAULT_CERT_SELF_SIGNED, "cert-self-signed", FCAT_SERVER_CERT, FAULT_PKI, FP_SERVER_CHAIN, S,
     C, ALERT_UNKNOWN_CA, "RFC 5280 6.1, RFC 5246 7.2.2", NEEDS_RSA_CERT, true,
     "the server vouches for itself: anyone can sign their own certificate, so it proves nothing"},
    {FAULT_CERT_UNKNOWN_CA, "cert-unknown-ca", FCAT_SERVER_CERT, FAULT_PKI, FP_SERVER_CHAIN, S, C,
     ALERT_UNKNOWN_CA, "RFC 5280 6.1, RFC 5246 7.2.2", NEEDS_RSA_CERT, true,
     "a well-formed chain that ends at a CA the client has never been told to trust"},
    {FAULT_CERT_BAD_SIGNATURE, "cert-bad-signature", FCAT_SERVER_CERT, FAULT_PKI, FP_SERVER_CHAIN,
     S, C, ALERT_DECRYPT_ERROR, "RFC 5280 6.1.3, RFC 5246 7.2.2", NEEDS_RSA_CERT, true,
     "one bit of the CA's signature on the certificate is flipped: the contents are no longer vouched for"},
    {FAULT_CERT_MISSING_INTERMEDIATE, "cert-missing-intermediate", FCAT_SERVER_CERT, FAULT_PKI,
     FP_SERVER_CHAIN, S, C, ALERT_UNKNOWN_CA, "RFC 5246 7.4.2", NEEDS_RSA_CERT, true,
     "the server forgets to send its intermediate CA, so the client cannot link the leaf to its root"},
    {FAULT_CERT_INTERMEDIATE_NOT_CA, "cert-intermediate-not-ca", FCAT_SERVER_CERT, FAULT_PKI,
     FP_SERVER_CHAIN, S, C, ALERT_UNKNOWN_CA, "RFC 5280 4.2.1.9", NEEDS_RSA_CERT, true,
     "the certificate that signed the leaf says it is not a CA, so it had no right to sign"},
    {FAULT_CERT_WRONG_EKU, "cert-wrong-eku", FCAT_SERVER_CERT, FAULT_PKI, FP_SERVER_CHAIN, S, C,
     ALERT_UNSUPPORTED_CERTIFICATE, "RFC 5280 4.2.1.12", NEEDS_RSA_CERT, true,
     "the certificate is allowed for client authentication only, not for running a server"},
    {FAULT_CERT_WEAK_KEY, "cert-weak-key", FCAT_SERVER_CERT, FAULT_PKI, FP_SERVER_CHAIN, S, C,
     ALERT_BAD_CERTIFICATE, "RFC 5246 7.2.2; NIST SP 800-131A (RSA below 2048 bits)",
     NEEDS_RSA_CERT, true,
     "the server's key is RSA 1024, small enough to be factored with enough computing power"},
    {FAULT_CERT_SHA1, "cert-sha1", FCAT_SERVER_CERT, FAULT_PKI, FP_SERVER_CHAIN, S, C,
     ALERT_BAD_CERTIFICATE, "RFC 9155, RFC 5246 7.2.2", NEEDS_RSA_CERT, true,
     "the CA signed the certificate over SHA-1, for which colliding documents can be made"},

    /* Client certificate: mutual TLS, checked by the server. */
    {FAULT_CLIENT_CERT_MISSING, "client-cert-missing", FCAT_CLIENT_CERT, FAULT_ACTOR,
     FP_CLIENT_CHAIN, C, S, ALERT_HANDSHAKE_FAILURE, "RFC 5246 7.4.6", NEEDS_CLIENT_AUTH, true,
     "the server asks for a certificate and the client answers with an empty list"},
    {FAULT_CLIENT_CERT_UNTRUSTED, "client-cert-untrusted", FCAT_CLIENT_CERT, FAULT_PKI,
     FP_CLIENT_CHAIN, C, S, ALERT_UNKNOWN_CA, "RFC 5246 7.4.6, RFC 5280 6.1", NEEDS_CLIENT_AUTH,
     true, "the client presents a certificate it signed itself; the server trusts only its CA"},
    {FAULT_CLIENT_CERT_EXPIRED, "client-cert-expired", FCAT_CLIENT_CERT, FAULT_PKI,
     FP_CLIENT_CHAIN, C, S, ALERT_CERTIFICATE_EXPIRED, "RFC 5280 4.1.2.5, RFC 5246 7.2.2",
     NEEDS_CLIENT_AUTH, true, "the client's certificate expired in 2021; servers check dates too"},
    {FAULT_CLIENT_CERTVERIFY_BAD, "client-certverify-bad", FCAT_CLIENT_CERT, FAULT_ACTOR,
     FP_CV_SIGNATURE, C, S, ALERT_DECRYPT_ERROR, "RFC 5246 7.4.8", NEEDS_CLIENT_AUTH, true,
     "the client's CertificateVerify signature is damaged: it cannot prove it holds the certificate's key"},

    /* Signatures and key exchange. */
    {FAULT_SKE_BAD_SIGNATURE, "ske-bad-signature", FCAT_SIG_KEX, FAULT_ACTOR, FP_SKE_SIGNATURE, S,
     C, ALERT_DECRYPT_ERROR, "RFC 5246 7.4.3", NEEDS_SKE, true,
     "one bit of the server's signature over its key share is flipped, as if someone had swapped the share"},
    {FAULT_SKE_WRONG_KEY, "ske-wrong-key", FCAT_SIG_KEX, FAULT_ACTOR, FP_SKE_KEY, S, C,
     ALERT_DECRYPT_ERROR, "RFC 5246 7.4.3", NEEDS_SKE, true,
     "the server signs its key share with a key that is not its certificate's (the intermediate CA's)"},
    {FAULT_ECDHE_INVALID_POINT, "ecdhe-invalid-point", FCAT_SIG_KEX, FAULT_ACTOR, FP_KEY_SHARE, S,
     C, ALERT_ILLEGAL_PARAMETER, "RFC 8422 5.11", NEEDS_EC_CURVE, true,
     "the server's ECDHE public key (on secp256r1 unless --group says secp384r1) is off the curve: "
     "one bit of y flipped; computing with it could leak the client's private key"},
    {FAULT_DH_SMALL_SUBGROUP, "dh-small-subgroup", FCAT_SIG_KEX, FAULT_ACTOR, FP_KEY_SHARE, C, S,
     ALERT_ILLEGAL_PARAMETER, "RFC 7919 5.1", NEEDS_DHE, true,
     "the client's DH public value is p-1, an element of order 2 (a valid value lies strictly "
     "between 1 and p-1): the shared secret could only be 1 or p-1, which anyone can guess"},
    {FAULT_RSA_PMS_BAD_VERSION, "rsa-pms-bad-version", FCAT_SIG_KEX, FAULT_ACTOR, FP_PREMASTER_VERSION, C,
     S, ALERT_BAD_RECORD_MAC, "RFC 5246 7.4.7.1", NEEDS_RSA_KEX, true,
     "the premaster names TLS 1.1: the server quietly uses a random one, and only Finished fails"},
    {FAULT_RSA_PMS_BAD_PADDING, "rsa-pms-bad-padding", FCAT_SIG_KEX, FAULT_ACTOR, FP_PREMASTER_BLOCK, C,
     S, ALERT_BAD_RECORD_MAC, "RFC 5246 7.4.7.1", NEEDS_RSA_KEX, true,
     "the encrypted premaster's PKCS#1 block type is 03, not 02; the server must not say so "
     "(Bleichenbacher), so only Finished fails"},

    /* Records. */
    {FAULT_TAMPER_CLIENT_FINISHED, "tamper-client-finished", FCAT_RECORDS, FAULT_WIRE, FP_WIRE, A,
     S, ALERT_BAD_RECORD_MAC, "RFC 5246 6.2.3, 7.2.2", NEEDS_NOTHING, true,
     "one bit of the client's encrypted Finished record is flipped: its authentication tag no longer fits"},
    {FAULT_TAMPER_SERVER_FINISHED, "tamper-server-finished", FCAT_RECORDS, FAULT_WIRE, FP_WIRE, A,
     C, ALERT_BAD_RECORD_MAC, "RFC 5246 6.2.3, 7.2.2", NEEDS_NOTHING, true,
     "one bit of the server's encrypted Finished record is flipped on its way to the client"},
    {FAULT_TAMPER_APPDATA, "tamper-appdata", FCAT_RECORDS, FAULT_WIRE, FP_WIRE, A, S,
     ALERT_BAD_RECORD_MAC, "RFC 5246 6.2.3, 7.2.2", NEEDS_NOTHING, true,
     "one bit of the client's encrypted request is flipped: encryption alone would not notice, the MAC does"},
    {FAULT_TAMPER_CLIENT_HELLO, "tamper-client-hello", FCAT_RECORDS, FAULT_WIRE, FP_WIRE, A, S,
     ALERT_BAD_RECORD_MAC, "RFC 7627 4, RFC 5246 7.4.9", NEEDS_NOTHING, true,
     "the attacker swaps two suites in the plaintext ClientHello; only Finished notices (the extended "
     "master secret covers the hello, so the keys differ; with --no-ems: decrypt_error)"},
    {FAULT_RECORD_OVERFLOW, "record-overflow", FCAT_RECORDS, FAULT_WIRE, FP_WIRE, C, S,
     ALERT_RECORD_OVERFLOW, "RFC 5246 6.2.1, 6.2.3", NEEDS_NOTHING, true,
     "the client's first record header claims 18433 bytes, one more than any TLS 1.2 record may hold"},
    {FAULT_RECORD_BAD_TYPE, "record-bad-type", FCAT_RECORDS, FAULT_WIRE, FP_WIRE, C, S,
     ALERT_UNEXPECTED_MESSAGE, "RFC 5246 6", NEEDS_NOTHING, true,
     "the client's first record has content type 99, which no version of TLS defines"},
    {FAULT_REPLAY_RECORD, "replay-record", FCAT_RECORDS, FAULT_WIRE, FP_WIRE, A, S,
     ALERT_BAD_RECORD_MAC, "RFC 5246 6.1, 6.2.3.3", NEEDS_NOTHING, true,
     "the attacker sends the client's Finished record a second time; the hidden sequence number exposes it"},

    /* State machine and negotiation. */
    {FAULT_SKIP_CCS, "skip-ccs", FCAT_STATE, FAULT_ACTOR, FP_CCS, C, S, ALERT_UNEXPECTED_MESSAGE,
     "RFC 5246 7.1, 7.3", NEEDS_NOTHING, true,
     "the client leaves out ChangeCipherSpec and sends Finished unencrypted"},
    {FAULT_OUT_OF_ORDER, "out-of-order", FCAT_STATE, FAULT_WIRE, FP_WIRE, S, C,
     ALERT_UNEXPECTED_MESSAGE, "RFC 5246 7.3", NEEDS_NOTHING, true,
     "the server sends its second and third handshake messages in swapped order"},
    {FAULT_DUPLICATE_SERVER_HELLO, "duplicate-server-hello", FCAT_STATE, FAULT_WIRE, FP_WIRE, S, C,
     ALERT_UNEXPECTED_MESSAGE, "RFC 5246 7.3", NEEDS_NOTHING, true,
     "the server sends ServerHello twice; a handshake has exactly one"},
    {FAULT_NO_SHARED_CIPHER, "no-shared-cipher", FCAT_STATE, FAULT_ACTOR, FP_CLIENT_HELLO, C, S,
     ALERT_HANDSHAKE_FAILURE, "RFC 5246 7.4.1.3", NEEDS_NOTHING, true,
     "the client offers only 1990s export suites (40-bit RC4 and RC2), which no server accepts today"},
    {FAULT_NO_SHARED_GROUP, "no-shared-group", FCAT_STATE, FAULT_ACTOR, FP_CLIENT_HELLO, C, S,
     ALERT_HANDSHAKE_FAILURE, "RFC 8422 5.1, RFC 5246 7.4.1.3", NEEDS_ECDHE, true,
     "the client offers only ECDHE suites but only the long-retired curve sect163k1"},
    {FAULT_VERSION_MISMATCH, "version-mismatch", FCAT_STATE, FAULT_ACTOR, FP_CLIENT_HELLO, C, S,
     ALERT_PROTOCOL_VERSION, "RFC 5246 E.1, 7.2.2", NEEDS_NOTHING, true,
     "the client speaks at most TLS 1.1; a server that requires TLS 1.2 refuses"},
    {FAULT_BAD_FINISHED, "bad-finished", FCAT_STATE, FAULT_ACTOR, FP_FINISHED, C, S,
     ALERT_DECRYPT_ERROR, "RFC 5246 7.4.9", NEEDS_NOTHING, true,
     "the client's Finished is properly encrypted but its verify_data is wrong by one bit"},
    {FAULT_CLIENT_DATA_BEFORE_FINISHED, "client-data-before-finished", FCAT_STATE, FAULT_ACTOR,
     FP_SEND_FINISHED, C, S, ALERT_UNEXPECTED_MESSAGE, "RFC 5246 7.3, 7.4.9", NEEDS_NOTHING, true,
     "after ChangeCipherSpec the client sends its encrypted request instead of Finished: the "
     "server has not checked the handshake yet, so it must not read application data"},
    {FAULT_SERVER_DATA_BEFORE_FINISHED, "server-data-before-finished", FCAT_STATE, FAULT_ACTOR,
     FP_SEND_FINISHED, S, C, ALERT_UNEXPECTED_MESSAGE, "RFC 5246 7.3, 7.4.9", NEEDS_NOTHING, true,
     "after ChangeCipherSpec the server sends encrypted application data instead of Finished: "
     "the client has not checked the handshake yet, so it must not read it"},

    /* Attacker on the wire. */
    {FAULT_MITM_REPLACE_CERT, "mitm-replace-cert", FCAT_ATTACKER, FAULT_WIRE, FP_WIRE, A, C,
     ALERT_UNKNOWN_CA, "RFC 5280 6.1, RFC 5246 7.4.2", NEEDS_NOTHING, true,
     "a man in the middle swaps in its own certificate for server.test, issued by a CA of its own"},
    {FAULT_MITM_DOWNGRADE, "mitm-downgrade", FCAT_ATTACKER, FAULT_WIRE, FP_WIRE, A, S,
     ALERT_BAD_RECORD_MAC, "RFC 5246 7.4.9, RFC 7627 4", NEEDS_LEGACY, true,
     "the attacker leaves only TLS_RSA_WITH_AES_128_CBC_SHA256 in ClientHello and the server, which "
     "still accepts it for old clients, takes it; Finished reveals the change (the extended master "
     "secret covers the hello, so the keys differ; with --no-ems: decrypt_error)"},
    {FAULT_MITM_ANON, "mitm-anon", FCAT_ATTACKER, FAULT_WIRE, FP_WIRE, A, C, ALERT_NONE,
     "RFC 5246 F.1.1.1, 7.4.3", NEEDS_ANON, true,
     "a client and server set up to accept TLS_DH_anon_WITH_AES_128_CBC_SHA256 (tlssim never offers "
     "it otherwise): nothing is signed, so a man in the middle runs a DH exchange with each and "
     "reads everything; the handshake succeeds"},
    {FAULT_EAVESDROP_STOLEN_KEY, "eavesdrop-stolen-key", FCAT_ATTACKER, FAULT_WIRE, FP_NONE, A, C,
     ALERT_NONE, "RFC 5246 F.1.1.2, F.1.1.3", NEEDS_NOTHING, true,
     "a recorded session is decrypted later with the server's stolen key: works for RSA key "
     "transport, fails for ECDHE (forward secrecy)"},
};

#undef C
#undef S
#undef A

size_t fault_count(void)
{
    return FAULT_COUNT;
}

const fault_info *fault_at(size_t i)
{
    return i < FAULT_COUNT ? &catalogue[i] : NULL;
}

const fault_info *fault_get(fault_id id)
{
    return fault_at((size_t)id);
}

const fault_info *fault_by_name(const char *name)
{
    for (size_t i = 0; name && i < FAULT_COUNT; i++)
        if (strcmp(catalogue[i].name, name) == 0)
            return &catalogue[i];
    return NULL;
}

const char *fault_category_name(fault_category c)
{
    static const char *const names[FCAT_COUNT] = {
        [FCAT_SERVER_CERT] = "server certificate",
        [FCAT_CLIENT_CERT] = "client certificate",
        [FCAT_SIG_KEX] = "signatures and key exchange",
        [FCAT_RECORDS] = "records",
        [FCAT_STATE] = "state machine and negotiation",
        [FCAT_ATTACKER] = "attacker on the wire",
    };
    return c < FCAT_COUNT ? names[c] : "?";
}

const char *fault_where_name(fault_where w)
{
    switch (w) {
    case FAULT_PKI:
        return "pki";
    case FAULT_ACTOR:
        return "actor";
    case FAULT_WIRE:
        return "wire";
    }
    return "?";
}
