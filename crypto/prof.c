#include "crypto/prof.h"

#include <string.h>
#include <time.h>

bool prof_enabled;
prof_counter prof_counters[PROF_NCATS];

static const char *const names[PROF_NCATS] = {
    [PROF_RSA_SIGN] = "RSA sign",          [PROF_RSA_VERIFY] = "RSA verify",
    [PROF_RSA_ENCRYPT] = "RSA encrypt",    [PROF_RSA_DECRYPT] = "RSA decrypt",
    [PROF_ECDSA_SIGN] = "ECDSA sign",      [PROF_ECDSA_VERIFY] = "ECDSA verify",
    [PROF_KEX_KEYGEN] = "(EC)DH key pair", [PROF_KEX_SHARED] = "(EC)DH shared secret",
    [PROF_SYMMETRIC] = "symmetric crypto (records)",
};

const char *prof_cat_name(prof_cat c)
{
    return c < PROF_NCATS ? names[c] : "?";
}

void prof_reset(void)
{
    memset(prof_counters, 0, sizeof prof_counters);
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t prof_start(void)
{
    return prof_enabled ? now_ns() : 0;
}

void prof_stop(prof_cat c, uint64_t start)
{
    if (!prof_enabled || c >= PROF_NCATS)
        return;
    prof_counters[c].ns += now_ns() - start;
    prof_counters[c].calls++;
}
