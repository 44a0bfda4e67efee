/* Why a record or Finished failed when a handshake message was changed on its way:
 * the two sides hashed different transcripts. The engine holds both, so it can say
 * where they part: the first handshake message that differs and the byte in it. */
#ifndef TLSSIM_TRANSCRIPT_DIFF_H
#define TLSSIM_TRANSCRIPT_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/trace.h"

typedef struct transcript_diff {
    bool differ;       /* the common part of the two transcripts differs */
    uint8_t msg_type;  /* the handshake message where they part (the client's view) */
    size_t msg_index;  /* it is the msg_index-th message (0: the first) */
    size_t offset;     /* from the start of that message, its 4-byte header included */
} transcript_diff;

/* Compares the transcripts (handshake messages as hashed, RFC 5246 7.4.9) up to the
 * shorter one's end. */
transcript_diff transcript_compare(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen);

/* When the run ended on a failed record authentication or Finished check and the
 * transcripts differ, says so in that check's reason, its alert's and the result's:
 * where they diverged and what followed (with EMS, RFC 7627 4: other keys; without,
 * other verify_data). Events from index `from` on (this connection's). */
void transcript_explain_failure(trace *t, size_t from, const uint8_t *client_tr, size_t clen,
                                const uint8_t *server_tr, size_t slen, bool ems);

#endif
