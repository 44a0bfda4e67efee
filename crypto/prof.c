#include "crypto/prof.h"

#include <stdatomic.h>
#include <time.h>

static atomic_bool enabled;
static _Atomic uint64_t total_ns[PROF_NCATS], total_calls[PROF_NCATS];

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
    for (int c = 0; c < PROF_NCATS; c++) {
        atomic_store_explicit(&total_ns[c], 0, memory_order_relaxed);
        atomic_store_explicit(&total_calls[c], 0, memory_order_relaxed);
    }
}

void prof_enable(bool on)
{
    atomic_store_explicit(&enabled, on, memory_order_relaxed);
}

prof_counter prof_read(prof_cat c)
{
    prof_counter out = {0, 0};
    if (c < PROF_NCATS) {
        out.ns = atomic_load_explicit(&total_ns[c], memory_order_relaxed);
        out.calls = atomic_load_explicit(&total_calls[c], memory_order_relaxed);
    }
    return out;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t prof_start(void)
{
    return atomic_load_explicit(&enabled, memory_order_relaxed) ? now_ns() : 0;
}

void prof_stop(prof_cat c, uint64_t start)
{
    if (!atomic_load_explicit(&enabled, memory_order_relaxed) || c >= PROF_NCATS)
        return;
    atomic_fetch_add_explicit(&total_ns[c], now_ns() - start, memory_order_relaxed);
    atomic_fetch_add_explicit(&total_calls[c], 1, memory_order_relaxed);
}
