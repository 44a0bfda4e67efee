#include "ui/compare_run.h"

#include <stdio.h>

#include "sim/fault_plan.h"

bool compare_fit_faults(scenario *sc, bool group_given, fault_set want, fault_set *left_out,
                        char *note, size_t n)
{
    fault_given given = {true, group_given};
    fault_set kept = 0;
    size_t used = 0;
    note[0] = 0;
    for (size_t i = 0; i < fault_count(); i++) {
        fault_set bit = FAULT_BIT(fault_at(i)->id);
        if (!(want & bit))
            continue;
        scenario one = *sc;
        one.faults = bit;
        char why[256];
        if (fault_fit_scenario_given(&one, given, why, sizeof why)) {
            kept |= bit;
        } else {
            *left_out |= bit;
            if (used < n)
                used += (size_t)snprintf(note + used, n - used, "%sleft out of this run: %s",
                                         used ? "; " : "", why);
        }
    }
    scenario all = *sc;
    all.faults = kept;
    if (!fault_fit_scenario_given(&all, given, note, n))
        return false;
    *sc = all;
    return true;
}

void compare_with_suite(scenario *out, const scenario *from, const suite_info *suite)
{
    *out = *from;
    out->suite = suite;
    if (from->n_suites) {
        /* The same set, this suite first: both runs offer as much as they can alike. */
        out->suites[0] = suite;
        out->n_suites = 1;
        for (size_t i = 0; i < from->n_suites && out->n_suites < SCENARIO_MAX_SUITES; i++)
            if (from->suites[i] != suite)
                out->suites[out->n_suites++] = from->suites[i];
    }
    if (suite->kex == HS_KEX_DHE)
        out->group = GROUP_FFDHE2048;
    else if (out->group == GROUP_FFDHE2048)
        out->group = GROUP_X25519;
}
