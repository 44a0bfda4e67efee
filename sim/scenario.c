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
