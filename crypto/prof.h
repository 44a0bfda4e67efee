/* Where a handshake's time goes: the crypto layer adds the time of each costly
 * operation to a category, and `tlssim bench` prints the table. Off unless enabled.
 * A measurement of the process, not part of any run (it changes no trace): its
 * counters are atomic, so runs on several threads add to them safely. */
#ifndef TLSSIM_PROF_H
#define TLSSIM_PROF_H

#include <stdbool.h>
#include <stdint.h>

typedef enum prof_cat {
    PROF_RSA_SIGN,
    PROF_RSA_VERIFY,
    PROF_RSA_ENCRYPT,
    PROF_RSA_DECRYPT,
    PROF_ECDSA_SIGN,
    PROF_ECDSA_VERIFY,
    PROF_KEX_KEYGEN,
    PROF_KEX_SHARED,
    PROF_SYMMETRIC,
    PROF_NCATS
} prof_cat;

typedef struct prof_counter {
    uint64_t ns;
    uint64_t calls;
} prof_counter;

const char *prof_cat_name(prof_cat c);
void prof_reset(void);
void prof_enable(bool on);
/* The time and calls of c since prof_reset. */
prof_counter prof_read(prof_cat c);
/* A start mark (0 when profiling is off) and its matching stop. */
uint64_t prof_start(void);
void prof_stop(prof_cat c, uint64_t start);

#endif
