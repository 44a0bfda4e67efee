/* Session tickets (RFC 5077 4): the server encrypts and authenticates the session
 * state with keys only it knows, and the client stores the result without being able
 * to read it. The layout is the RFC's recommended one:
 *   struct { opaque key_name[16]; opaque iv[16];
 *            opaque encrypted_state<0..2^16-1>; opaque mac[32]; } ticket;
 * with AES-128-CBC for the state and HMAC-SHA256 over key_name, iv and the
 * length-prefixed encrypted_state. */
#ifndef TLSSIM_TICKET_H
#define TLSSIM_TICKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/etm.h"
#include "crypto/rng.h"
#include "base/codec.h"

#define TICKET_KEY_NAME_LEN 16
#define TICKET_AES_KEY_LEN 16

/* The server's ticket keys; key_name tells the server which keys sealed a ticket. */
typedef struct ticket_keys {
    uint8_t name[TICKET_KEY_NAME_LEN];
    uint8_t aes[TICKET_AES_KEY_LEN];
    uint8_t hmac[32];
} ticket_keys;

/* Fresh keys drawn from r (the run's generator). */
bool ticket_keys_generate(ticket_keys *k, rng *r);

typedef struct sealed_ticket {
    uint8_t key_name[TICKET_KEY_NAME_LEN];
    uint8_t iv[ETM_BLOCK];
    uint8_t *encrypted_state; /* owned */
    size_t encrypted_len;
    uint8_t mac[ETM_MAC_LEN];
} sealed_ticket;

/* Seals a session state (as session_state_write wrote it) under a fresh IV from r. */
bool ticket_seal(const ticket_keys *k, rng *r, const uint8_t *state, size_t n,
                 sealed_ticket *out);
void sealed_ticket_free(sealed_ticket *t);
/* Writes the ticket's fields, annotated as the server sees them. */
void ticket_write(writer *w, const sealed_ticket *t);

/* Why a ticket was not accepted; TICKET_OK when it opened. */
typedef enum ticket_verdict {
    TICKET_OK,
    TICKET_MALFORMED,   /* not the layout above */
    TICKET_UNKNOWN_KEY, /* key_name is not this server's */
    TICKET_BAD_MAC,     /* changed, or sealed by someone else */
    TICKET_BAD_STATE,   /* authentic but undecodable: cannot happen unless the keys leaked */
} ticket_verdict;
const char *ticket_verdict_text(ticket_verdict v);

/* A received ticket's fields, pointing into it (NULL where it was too short). */
typedef struct ticket_view {
    const uint8_t *key_name, *iv, *encrypted_state, *mac;
    size_t encrypted_len;
    uint8_t computed_mac[ETM_MAC_LEN]; /* what the server computes, once the key is known */
} ticket_view;

/* Parses and checks a ticket, then decrypts it: state receives at most cap bytes.
 * The MAC is checked before anything is decrypted. */
ticket_verdict ticket_open(const ticket_keys *k, const uint8_t *ticket, size_t n, uint8_t *state,
                           size_t cap, size_t *state_len, ticket_view *seen);

#endif
