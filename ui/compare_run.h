/* Setting up the two runs of a comparison (the command and the TUI's `c`). */
#ifndef TLSSIM_COMPARE_RUN_H
#define TLSSIM_COMPARE_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/scenario.h"
#include "sim/suites.h"

/* Gives sc (whose suite is fixed) the faults in want; a fault that cannot act on
 * its suite (an RSA premaster fault in an ECDHE run, say) is left out: it is added
 * to *left_out and the note says why. False, with why in note, when the faults that
 * fit one by one still do not fit together. */
bool compare_fit_faults(scenario *sc, bool group_given, fault_set want, fault_set *left_out,
                        char *note, size_t n);

/* The scenario `from` with another suite: the suite preferred and offered first,
 * the group fitted to it (DHE runs on ffdhe2048). */
void compare_with_suite(scenario *out, const scenario *from, const suite_info *suite);

#endif
