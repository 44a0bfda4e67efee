#include "sim/scenario.h"

#include <string.h>

#include "sim/suites.h"

void scenario_defaults(scenario *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->suite = suite_by_name("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    sc->group = GROUP_X25519;
    sc->ems = true;
    memcpy(sc->server_name, "server.test", sizeof "server.test");
    sc->message = "GET / HTTP/1.1\r\nHost: server.test\r\n\r\n";
}

size_t scenario_suite_list(const scenario *sc, const suite_info **out, size_t max)
{
    size_t n = 0;
    if (sc->suite && n < max)
        out[n++] = sc->suite;
    size_t from = sc->n_suites ? sc->n_suites : suite_count();
    for (size_t i = 0; i < from && n < max; i++) {
        const suite_info *s = sc->n_suites ? sc->suites[i] : suite_at(i);
        bool seen = false;
        for (size_t j = 0; j < n; j++)
            seen |= out[j] == s;
        if (!seen)
            out[n++] = s;
    }
    return n;
}

size_t scenario_group_list(const scenario *sc, kex_group *out, size_t max)
{
    const kex_group *all;
    size_t n_all = groups_implemented(&all), n = 0;
    if (sc->group != GROUP_NONE && n < max)
        out[n++] = sc->group;
    size_t from = sc->n_groups ? sc->n_groups : n_all;
    for (size_t i = 0; i < from && n < max; i++) {
        kex_group g = sc->n_groups ? sc->groups[i] : all[i];
        bool seen = false;
        for (size_t j = 0; j < n; j++)
            seen |= out[j] == g;
        if (!seen)
            out[n++] = g;
    }
    return n;
}

bool scenario_has_suite(const scenario *sc, uint16_t code)
{
    const suite_info *list[SCENARIO_MAX_SUITES + 1];
    size_t n = scenario_suite_list(sc, list, sizeof list / sizeof list[0]);
    for (size_t i = 0; i < n; i++)
        if (list[i]->code == code)
            return true;
    return false;
}

bool scenario_has_group(const scenario *sc, kex_group g)
{
    kex_group list[SCENARIO_MAX_GROUPS + 1];
    size_t n = scenario_group_list(sc, list, sizeof list / sizeof list[0]);
    for (size_t i = 0; i < n; i++)
        if (list[i] == g)
            return true;
    return false;
}
