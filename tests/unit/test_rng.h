/* A generator for the tests that need random bytes but not particular ones (a
 * test binary is one thread; the library itself keeps no generator of its own). */
#ifndef TLSSIM_TEST_RNG_H
#define TLSSIM_TEST_RNG_H

#include <stdbool.h>

#include "crypto/rng.h"

static inline rng *test_rng(void)
{
    static rng r;
    static bool ready;
    if (!ready)
        ready = rng_init_system(&r);
    return &r;
}

#endif
