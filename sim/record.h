/* The TLS 1.2 record layer (RFC 5246 6.2): headers, and the protection of each
 * direction: none (before ChangeCipherSpec), AES-GCM (RFC 5288), ChaCha20-Poly1305
 * (RFC 7905) or AES-CBC with HMAC (RFC 5246 6.2.3.2). */
#ifndef TLSSIM_RECORD_H
#define TLSSIM_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/aead.h"
#include "crypto/hash.h"
#include "crypto/rng.h"
#include "base/codec.h"
#include "sim/keyschedule.h"

enum {
    CT_CHANGE_CIPHER_SPEC = 20,
    CT_ALERT = 21,
    CT_HANDSHAKE = 22,
    CT_APPLICATION_DATA = 23,
};

#define REC_HEADER_LEN 5
#define REC_MAX_PLAINTEXT 16384                     /* 2^14 (RFC 5246 6.2.1) */
#define REC_MAX_CIPHERTEXT (REC_MAX_PLAINTEXT + 2048) /* 2^14 + 2048 (6.2.3) */

typedef enum rec_protection {
    REC_PLAINTEXT = 0,
    REC_AEAD,     /* AES-GCM or ChaCha20-Poly1305, per aead */
    REC_CBC_HMAC, /* AES-CBC, MAC-then-encrypt */
} rec_protection;

/* One direction's protection and sequence number. */
typedef struct rec_state {
    rec_protection kind;
    aead_alg aead;
    hash_alg mac_hash;
    uint8_t key[32], mac_key[48], iv[16];
    size_t key_len, mac_len, iv_len;
    uint64_t seq; /* implicit: counted by both sides, reset by ChangeCipherSpec */
    /* GCM's explicit nonce is nonce_base + seq: tlssim uses 0 (the nonce is the
     * sequence number); OpenSSL starts from a random value. Either is unique. */
    uint64_t nonce_base;
    aead_key prepared; /* the AEAD key with its tables, built on first use */
    rng *rng;          /* CBC: where the sender's explicit IVs come from (not owned) */
} rec_state;

typedef struct rec_header {
    uint8_t type;
    uint16_t version;
    uint16_t length;
} rec_header;

void rec_state_plaintext(rec_state *s);
/* Releases what the first use of an AEAD key allocated. */
void rec_state_free(rec_state *s);
/* The writer's keys of one side from the key block: the client's for client_write. */
void rec_state_from_keys(rec_state *s, rec_protection kind, aead_alg aead, hash_alg mac_hash,
                         const tls12_keys *k, bool client_write);

/* Reads a record header; bad lengths end in record_overflow (RFC 5246 6.2.1, 6.2.3). */
bool rec_read_header(reader *r, rec_header *h);
/* Writes one record (header and protected fragment) and advances the sequence number.
 * With annotations, the explicit nonce/IV, ciphertext and tag are named. */
bool rec_seal(rec_state *s, uint8_t type, uint16_t version, const uint8_t *frag, size_t n,
              writer *w);
/* What the record layer did to one record, so that every view can show it (RFC 5246
 * 6.2.3): the values rec_seal computed on the way. Offsets are into the writer's
 * buffer; the plaintext is the caller's. */
typedef struct rec_sealed {
    bool filled;          /* the record was protected (not plaintext) */
    uint64_t seq;
    uint8_t ad[13];       /* seq_num + type + version + length */
    uint8_t nonce[AEAD_NONCE_LEN];  /* AEAD: the nonce the cipher used */
    uint8_t explicit_nonce[8];      /* GCM: the nonce's part sent in the record */
    uint8_t iv[16];       /* CBC: the record's explicit, random IV */
    uint8_t mac[HASH_MAX_LEN];      /* CBC: HMAC over ad + plaintext */
    size_t mac_len;
    size_t pad_len;       /* CBC: padding bytes including the padding_length byte */
    size_t ct_at, ct_len; /* the ciphertext (AEAD: without the tag; CBC: after the IV) */
    size_t tag_at;        /* AEAD: the 16-byte tag */
} rec_sealed;
/* rec_seal, filling out (may be NULL) with what it computed. */
bool rec_seal_traced(rec_state *s, uint8_t type, uint16_t version, const uint8_t *frag, size_t n,
                     writer *w, rec_sealed *out);

/* Unprotects a record's fragment into out (room for len bytes); any failure of
 * authentication, padding or length is one error: bad_record_mac (RFC 5246 7.2.2). */
bool rec_open(rec_state *s, const rec_header *h, const uint8_t *frag, size_t len, uint8_t *out,
              size_t *outlen, tls_err *err);

/* What a failed authentication compared, so the trace can show why a record was
 * refused: the tag (AEAD) or MAC (CBC) that arrived and the one computed, with the
 * sequence number and the additional data they cover. The keys are the state's. */
typedef struct rec_check {
    bool compared;          /* a tag or MAC was compared (not a record too short to hold one) */
    uint64_t seq;
    uint8_t received[HASH_MAX_LEN], computed[HASH_MAX_LEN];
    size_t tag_len;
    uint8_t ad[13];         /* seq_num + type + version + length */
    uint8_t nonce[AEAD_NONCE_LEN]; /* AEAD only */
    bool padding_ok;        /* CBC only */
} rec_check;
/* rec_open, filling chk when authentication fails. */
bool rec_open_checked(rec_state *s, const rec_header *h, const uint8_t *frag, size_t len,
                      uint8_t *out, size_t *outlen, tls_err *err, rec_check *chk);

#endif
