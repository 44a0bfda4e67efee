/* libFuzzer, stateful: an arbitrary byte stream, cut into chunks of arbitrary sizes,
 * fed to a live server actor or a live client actor, as a peer on a socket would
 * (records split anywhere, several per read). The actor keeps its state from chunk
 * to chunk; whatever arrives, it must end cleanly: no crash, no leak, an alert that
 * names a reason, and application data accepted only after the handshake.
 *
 * Input: byte 0 chooses the target (bit 0: 0 server, 1 client), the suite (bits 1-2)
 * and client authentication (bit 3). Then chunks, each a 2-byte big-endian size
 * (1 + size % 20000 bytes) followed by that many bytes of the stream. The RNG is
 * seeded and both actors start as in the engine (server, then client); when the
 * client is the target, the idle server still takes its ClientHello, drawing what the
 * real server drew. So the flights of a recorded handshake with seed 1
 * (tests/fuzz/corpus/fuzz_actors/) fit the target's randoms and carry it through a
 * whole handshake, from which the fuzzer mutates. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "crypto/pki_builtin.h"
#include "sim/client.h"
#include "sim/server.h"
#include "sim/suites.h"

static const char *const suites[4] = {
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_RSA_WITH_AES_128_CBC_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
};

static pki the_pki;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    tls_err err;
    err_init(&err);
    if (!pki_load_builtin(&the_pki, &err))
        abort();
    return 0;
}

/* What an actor that got this far must have: an alert only with a reason, and the
 * peer's application data only once the handshake is over. */
static void check(const actor *a)
{
    if (a->alert_sent && (!err_is_set(&a->err) || a->err.msg[0] == '\0'))
        abort();
    const char *got = a->id == ACTOR_SERVER ? "request received" : "response received";
    for (size_t i = 0; i < a->t->n; i++)
        if (a->t->ev[i].actor == a->id && strcmp(a->t->ev[i].title, got) == 0 &&
            hs_cursor_expected(&a->cursor) != STEP_COUNT)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static scenario sc;
    scenario_defaults(&sc);
    sc.pki = &the_pki;
    sc.seeded = true;
    sc.seed = 1;
    x509_parse_date("2026-06-01", &sc.now);
    sc.suite = suite_by_name(suites[(data[0] >> 1) & 3]);
    sc.client_auth = (data[0] >> 3) & 1;
    bool to_client = data[0] & 1;
    rng r;
    if (!rng_init_seeded(&r, sc.seed))
        return 0;
    static trace t;
    trace_init(&t);
    static actor c, s;
    actor_init(&c, ACTOR_CLIENT, &sc, &t, &r);
    actor_init(&s, ACTOR_SERVER, &sc, &t, &r);
    server_start(&s);
    if (client_start(&c)) {
        actor *a = to_client ? &c : &s;
        if (to_client) {
            actor_flush(&c);
            server_receive(&s, c.out.buf, c.out.len);
            c.out.len = 0;
        }
        size_t off = 1;
        while (off + 2 <= size && !a->done && !a->alert_sent) {
            size_t n = 1 + (((size_t)data[off] << 8 | data[off + 1]) % 20000);
            off += 2;
            if (n > size - off)
                n = size - off;
            if (n == 0)
                break;
            (to_client ? client_receive : server_receive)(a, data + off, n);
            off += n;
            actor_flush(a);
            a->out.len = 0; /* what it answers goes nowhere */
        }
        check(a);
    }
    actor_free(&c);
    actor_free(&s);
    trace_free(&t);
    rng_free(&r);
    return 0;
}
