/* The recording, then the attack on it. The eavesdropper knows only what crossed the
 * wire and, later, the server's private key: never an actor's memory. */
#include "sim/fault_eavesdrop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/pki.h"
#include "sim/fault.h"
#include "sim/hs_msg.h"
#include "sim/plain_text.h"
#include "sim/record.h"
#include "sim/suites.h"

typedef struct flight {
    actor_id from;
    uint8_t *p;
    size_t n;
} flight;

struct eavesdrop {
    flight *v;
    size_t n, cap;
};

eavesdrop *eavesdrop_new(void)
{
    return calloc(1, sizeof(eavesdrop));
}

void eavesdrop_free(eavesdrop *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->n; i++)
        free(e->v[i].p);
    free(e->v);
    free(e);
}

bool eavesdrop_record(eavesdrop *e, actor_id from, const uint8_t *p, size_t n)
{
    if (e->n == e->cap) {
        size_t cap = e->cap ? 2 * e->cap : 8;
        flight *v = realloc(e->v, cap * sizeof *v);
        if (!v)
            return false;
        e->v = v;
        e->cap = cap;
    }
    uint8_t *copy = malloc(n ? n : 1);
    if (!copy)
        return false;
    if (n)
        memcpy(copy, p, n);
    e->v[e->n++] = (flight){from, copy, n};
    return true;
}

/* What the recording gives away to anyone who parses it. */
typedef struct recording {
    uint8_t client_random[32], server_random[32];
    const suite_info *suite;
    bool ems;
    writer transcript;   /* handshake messages up to ClientKeyExchange: the EMS session hash */
    bool transcript_done;
    writer ske, cke;     /* the key-exchange messages */
    writer hs[2];        /* per direction: plaintext handshake bytes not yet split */
    bool encrypted[2];   /* per direction: after its ChangeCipherSpec */
    writer enc[2];       /* per direction: the encrypted records, headers included */
} recording;

static void on_message(recording *rc, const uint8_t *msg, size_t len)
{
    if (!rc->transcript_done)
        wr_bytes(&rc->transcript, msg, len, NULL);
    if (msg[0] == HS_CLIENT_HELLO && len >= 38)
        memcpy(rc->client_random, msg + 6, 32);
    if (msg[0] == HS_SERVER_HELLO) {
        server_hello sh;
        if (hs_read_server_hello(msg, len, &sh)) {
            memcpy(rc->server_random, sh.random, 32);
            rc->suite = suite_by_code(sh.suite);
            rc->ems = sh.ems;
        }
    }
    if (msg[0] == HS_SERVER_KEY_EXCHANGE)
        wr_bytes(&rc->ske, msg, len, NULL);
    if (msg[0] == HS_CLIENT_KEY_EXCHANGE) {
        wr_bytes(&rc->cke, msg, len, NULL);
        rc->transcript_done = true;
    }
}

static void split_messages(recording *rc, int dir)
{
    writer *hs = &rc->hs[dir];
    size_t off = 0;
    while (hs->len - off >= 4) {
        size_t n = ((size_t)hs->buf[off + 1] << 16) | ((size_t)hs->buf[off + 2] << 8) | hs->buf[off + 3];
        if (hs->len - off - 4 < n)
            break;
        on_message(rc, hs->buf + off, 4 + n);
        off += 4 + n;
    }
    memmove(hs->buf, hs->buf + off, hs->len - off);
    hs->len -= off;
}

static void replay(const eavesdrop *e, recording *rc)
{
    for (size_t i = 0; i < e->n; i++) {
        int dir = e->v[i].from == ACTOR_SERVER;
        tls_err err;
        err_init(&err);
        reader r;
        rd_init(&r, e->v[i].p, e->v[i].n, &err, NULL, "recording");
        while (rd_ok(&r) && rd_left(&r) > 0) {
            size_t start = rd_pos(&r);
            rec_header h;
            const uint8_t *frag = rec_read_header(&r, &h) ? rd_bytes(&r, h.length, "fragment") : NULL;
            if (!frag)
                break;
            if (rc->encrypted[dir]) {
                wr_bytes(&rc->enc[dir], e->v[i].p + start, REC_HEADER_LEN + h.length, NULL);
            } else if (h.type == CT_HANDSHAKE) {
                wr_bytes(&rc->hs[dir], frag, h.length, NULL);
                split_messages(rc, dir);
            }
            rc->encrypted[dir] |= h.type == CT_CHANGE_CIPHER_SPEC;
        }
    }
}

static trace_event *step(trace *t, ev_kind kind, const char *title, const char *explain)
{
    return trace_add(t, ACTOR_ATTACKER, kind, title, explain, NULL, 0);
}

/* Decrypts one direction's recorded records; returns how many were application data. */
static size_t decrypt_direction(const recording *rc, const tls12_keys *k, int dir, trace *t)
{
    const suite_info *s = rc->suite;
    rec_state st;
    rec_state_from_keys(&st, s->protection, s->aead, s->mac, k, dir == 0);
    uint8_t *plain = malloc(REC_MAX_CIPHERTEXT); /* the run's, not shared: no static */
    size_t found = 0;
    tls_err err;
    err_init(&err);
    reader r;
    rd_init(&r, rc->enc[dir].buf, rc->enc[dir].len, &err, NULL, "recording");
    while (rd_ok(&r) && rd_left(&r) > 0) {
        rec_header h;
        const uint8_t *frag = rec_read_header(&r, &h) ? rd_bytes(&r, h.length, "fragment") : NULL;
        size_t n = 0;
        if (!plain || !frag || !rec_open(&st, &h, frag, h.length, plain, &n, &err))
            break;
        if (h.type != CT_APPLICATION_DATA)
            continue; /* Finished and close_notify: decrypted too, nothing new to read */
        found++;
        char text[512], why[768];
        bool is_text = plain_text_describe(plain, n, text, sizeof text);
        snprintf(why, sizeof why, "%s%s%sthe recorded record, opened with the key block rebuilt "
                 "from the stolen key: as readable as on the day it was sent",
                 is_text ? "it reads " : "", is_text ? text + strlen("as text: ") : "",
                 is_text ? "; " : "");
        trace_event *e = step(t, EV_COMPUTE,
                              dir == 0 ? "eavesdropper decrypts the recorded request"
                                       : "eavesdropper decrypts the recorded response",
                              why);
        if (e) {
            trace_add_input(e, "recorded record", frag, h.length, NULL);
            trace_add_input(e, dir == 0 ? "client_write_key" : "server_write_key",
                            dir == 0 ? k->client_key : k->server_key, k->key_len, NULL);
            trace_add_output(e, "recovered plaintext", plain, n, is_text ? text : NULL);
        }
    }
    rec_state_free(&st);
    free(plain);
    return found;
}

/* RSA key transport: the stolen key opens the premaster, and everything follows. */
static void attack_rsa(const recording *rc, const pkey *stolen, trace *t)
{
    const suite_info *s = rc->suite;
    tls_err err;
    err_init(&err);
    reader r;
    rd_init(&r, rc->cke.buf, rc->cke.len, &err, NULL, "ClientKeyExchange");
    client_key_exchange cke;
    uint8_t *pms = NULL;
    size_t pms_len = 0;
    bool padding_ok = false;
    pk_detail d;
    memset(&d, 0, sizeof d);
    if (!hs_parse_client_key_exchange(&r, CKE_RSA, &cke) ||
        !pkey_rsa_decrypt(stolen, cke.data, cke.len, &pms, &pms_len, &padding_ok, &d) ||
        !padding_ok || pms_len != 48) {
        step(t, EV_NOTE, "eavesdropper: the premaster did not decrypt",
             "the stolen key does not open this ClientKeyExchange");
        pk_detail_free(&d);
        free(pms);
        return;
    }
    trace_event *e = step(t, EV_COMPUTE, "eavesdropper: premaster decrypted with stolen key",
                          "the client encrypted the premaster to this very key, and the recording "
                          "kept the ciphertext: decrypting it now works as well as it did then");
    if (e) {
        trace_set_formula(e, "pre_master_secret = RSA-Decrypt(stolen_private_key, "
                             "encrypted_pre_master_secret)");
        trace_add_input(e, "encrypted_pre_master_secret (recorded)", cke.data, cke.len, NULL);
        trace_add_output(e, "pre_master_secret", pms, 48, NULL);
    }
    pk_detail_free(&d);
    uint8_t hh[HASH_MAX_LEN], master[TLS12_MASTER_LEN];
    tls12_keys k;
    bool ok = (!rc->ems || hash_digest(s->prf, rc->transcript.buf, rc->transcript.len, hh)) &&
              tls12_master_secret(s->prf, pms, 48, rc->client_random, rc->server_random,
                                  rc->ems ? hh : NULL, hash_len(s->prf), master) &&
              tls12_key_block(s->prf, master, rc->client_random, rc->server_random, s->mac_len,
                              s->key_len, s->iv_len, &k, NULL);
    free(pms);
    if (!ok)
        return;
    e = step(t, EV_COMPUTE, "eavesdropper: master secret and keys rebuilt",
             "the randoms and (for the extended master secret) the handshake messages were all "
             "in plaintext on the wire");
    if (e) {
        trace_add_input(e, "client_random (recorded)", rc->client_random, 32, NULL);
        trace_add_input(e, "server_random (recorded)", rc->server_random, 32, NULL);
        if (rc->ems)
            trace_add_input(e, "session_hash (of the recorded handshake)", hh, hash_len(s->prf), NULL);
        trace_add_output(e, "recovered master secret", master, TLS12_MASTER_LEN, NULL);
        trace_add_output(e, "client_write_key", k.client_key, k.key_len, NULL);
        trace_add_output(e, "server_write_key", k.server_key, k.key_len, NULL);
    }
    /* Those records were safe on the day they were sent, not since. */
    for (size_t i = 0; i < t->n; i++)
        if (t->ev[i].kind == EV_RECORD && t->ev[i].encrypted && t->ev[i].actor != ACTOR_ATTACKER)
            trace_set_explain(&t->ev[i], "protected with the keys from the key block; the "
                                         "eavesdropper kept a copy, and once the server's key is "
                                         "stolen it rebuilds those keys and reads it");
    size_t read = decrypt_direction(rc, &k, 0, t) + decrypt_direction(rc, &k, 1, t);
    char what[96];
    snprintf(what, sizeof what, "eavesdropper: %zu application data record%s read", read,
             read == 1 ? "" : "s");
    step(t, EV_NOTE, what,
         "RSA key transport has no forward secrecy: one stolen key opens every session it ever "
         "protected");
}

/* (EC)DHE: the stolen key only signed; the premaster needs an ephemeral private value. */
static void attack_ephemeral(const recording *rc, trace *t)
{
    trace_event *e = step(t, EV_COMPUTE, "eavesdropper: tries the stolen key on (EC)DHE",
                          "the premaster is DH(client_private, server_public) = DH(server_private, "
                          "client_public); both private values lived in memory only during the "
                          "handshake and were erased. The certificate's key only signed the "
                          "ServerKeyExchange: it proves who sent it, it hides nothing");
    if (e) {
        trace_set_formula(e, "pre_master_secret = DH(ephemeral_private, peer_public): no "
                             "ephemeral_private in the recording or in the stolen key");
        trace_add_input(e, "ServerKeyExchange (recorded)", rc->ske.buf, rc->ske.len, NULL);
        trace_add_input(e, "ClientKeyExchange (recorded)", rc->cke.buf, rc->cke.len, NULL);
    }
    step(t, EV_NOTE, "eavesdropper: nothing decrypted",
         "forward secrecy: stealing the server's long-term key later does not open sessions "
         "recorded before");
}

void eavesdrop_attack(eavesdrop *e, const scenario *sc, trace *t)
{
    recording rc;
    memset(&rc, 0, sizeof rc);
    writer *ws[] = {&rc.transcript, &rc.ske, &rc.cke, &rc.hs[0], &rc.hs[1], &rc.enc[0], &rc.enc[1]};
    for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++)
        wr_init(ws[i], NULL);
    replay(e, &rc);
    const pki_entity *server = &sc->pki->e[sc->suite->auth == PKEY_EC ? PKI_SERVER_ECDSA : PKI_SERVER_RSA];
    char key[64], why[192];
    snprintf(why, sizeof why, "the eavesdropper kept a recording of the whole session; now it "
             "also has the private key of the server's certificate (%s)",
             pkey_describe(&server->key, key, sizeof key));
    step(t, EV_NOTE, "later: the server's key is stolen", why);
    if (!rc.suite || rc.cke.len == 0)
        step(t, EV_NOTE, "eavesdropper: no complete handshake recorded", "nothing to work on");
    else if (rc.suite->kex == HS_KEX_RSA && server->key.type == PKEY_RSA)
        attack_rsa(&rc, &server->key, t);
    else
        attack_ephemeral(&rc, t);
    for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++)
        wr_free(ws[i]);
}
