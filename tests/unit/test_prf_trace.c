/* The PRF opened (crypto/prf.c, sim/prf_trace.c): the recorded A(i) and output blocks
 * are those of RFC 5246 5, checked with libtomcrypt's own one-shot HMAC (hmac_memory,
 * not the prepared keys the PRF uses) against the published PRF vectors and against
 * every master secret, key block and verify_data of real seeded runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "crypto/crypto.h"
#include "crypto/prf.h"
#include "sim/engine.h"
#include "ui/scenario_args.h"
#include "tests/unit/helpers.h"

/* HMAC(key, a + b) by libtomcrypt's hmac_memory; returns the MAC length. */
static size_t ref_hmac(hash_alg h, const uint8_t *key, size_t klen, const uint8_t *a, size_t alen,
                       const uint8_t *b, size_t blen, uint8_t *out)
{
    uint8_t msg[512];
    assert_true(alen + blen <= sizeof msg);
    memcpy(msg, a, alen);
    if (blen)
        memcpy(msg + alen, b, blen);
    unsigned long n = HASH_MAX_LEN;
    assert_int_equal(hmac_memory(hash_ltc_idx(h), key, (unsigned long)klen, msg,
                                 (unsigned long)(alen + blen), out, &n),
                     CRYPT_OK);
    return n;
}

/* Each A(i) and block of s from their definitions, and the blocks make out. */
static void check_steps(hash_alg h, const uint8_t *secret, size_t slen, const uint8_t *ls,
                        size_t ls_len, const prf_steps *s, const uint8_t *out, size_t outlen)
{
    size_t hl = hash_len(h);
    assert_int_equal(s->hash_len, hl);
    assert_int_equal(s->n, (outlen + hl - 1) / hl);
    uint8_t a[HASH_MAX_LEN], b[HASH_MAX_LEN];
    ref_hmac(h, secret, slen, ls, ls_len, NULL, 0, a); /* A(1) = HMAC(secret, A(0)) */
    for (size_t i = 0; i < s->n; i++) {
        assert_memory_equal(s->a[i], a, hl);
        ref_hmac(h, secret, slen, a, hl, ls, ls_len, b);
        assert_memory_equal(s->block[i], b, hl);
        size_t take = outlen - i * hl < hl ? outlen - i * hl : hl;
        assert_memory_equal(out + i * hl, s->block[i], take);
        ref_hmac(h, secret, slen, a, hl, NULL, 0, a); /* A(i+1) */
    }
}

/* The RFC 5246 PRF vectors of test_prf.c, now with their iterations. */
static void vectors_with_steps(void **state)
{
    (void)state;
    assert_true(crypto_init());
    struct {
        hash_alg h;
        const char *secret, *seed, *want;
        size_t outlen;
    } v[] = {
        {HASH_SHA256, "9bbe436ba940f017b17652849a71db35", "a0ba9f936cda311827a6f796ffd5198c",
         "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a4"
         "6b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d1"
         "22ee42c5a72e5a5110fff70187347b66",
         100},
        {HASH_SHA384, "b80b733d6ceefcdc71566ea48e5567df", "cd665cf6a8447dd6ff8b27555edb7465",
         "7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82"
         "b1233c9146a0e534cb400fed2700884f9dc236f80edd8bfa961144c9e8d792eca722a7b32fc3d416d473"
         "ebc2c5fd4abfdad05d9184259b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9"
         "aee691c8f3a26854308d5eaa3be85e0990703d73e56f",
         148},
    };
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
        uint8_t secret[16], seed[16], want[148], out[148], ls[10 + 16];
        unhex(v[k].secret, secret);
        unhex(v[k].seed, seed);
        unhex(v[k].want, want);
        memcpy(ls, "test label", 10);
        memcpy(ls + 10, seed, 16);
        hmac_key key;
        assert_true(hmac_key_init(&key, v[k].h, secret, 16));
        prf_steps s;
        assert_true(tls12_prf_keyed(&key, "test label", seed, 16, out, v[k].outlen, &s));
        assert_memory_equal(out, want, v[k].outlen);
        check_steps(v[k].h, secret, 16, ls, sizeof ls, &s, want, v[k].outlen);
        /* Longer than can be recorded: the output all the same, no steps. */
        uint8_t big[PRF_MAX_BLOCKS * HASH_MAX_LEN + 1], plain[sizeof big];
        size_t n = PRF_MAX_BLOCKS * hash_len(v[k].h) + 1;
        assert_true(tls12_prf_keyed(&key, "test label", seed, 16, big, n, &s));
        assert_int_equal(s.n, 0);
        assert_true(tls12_prf(v[k].h, secret, 16, "test label", seed, 16, plain, n));
        assert_memory_equal(big, plain, n);
        assert_memory_equal(big, want, v[k].outlen);
        hmac_key_wipe(&key);
    }
}

static bool run(trace *t, const char *const *opts)
{
    trace_init(t);
    scenario_args a;
    memset(&a, 0, sizeof a);
    scenario_defaults(&a.sc);
    char *argv[16] = {"run", "--seed", "5"};
    int argc = 3;
    for (; opts[argc - 3] && argc < 15; argc++)
        argv[argc] = (char *)opts[argc - 3];
    for (int i = 1; i < argc; i++)
        if (scenario_args_take(&a, "run", argc, argv, &i) != 1)
            return false;
    bool ok = scenario_args_finish(&a, "run") == 0;
    ok = ok && engine_run(&a.sc, t) && t->result.outcome == OUTCOME_OK;
    scenario_args_free(&a);
    return ok;
}

static const trace_blob *step(const trace_event *e, const char *name)
{
    for (size_t i = 0; i < e->n_steps; i++)
        if (strcmp(e->steps[i].name, name) == 0)
            return &e->steps[i];
    fail_msg("%s #%zu has no step %s", e->id, e->seq, name);
    return NULL;
}

/* The seed the RFC prescribes, from the event's inputs: a + b. */
static void want_seed(const trace_event *e, const char *a, const char *b)
{
    const trace_blob *x = trace_event_input(e, a), *y = b ? trace_event_input(e, b) : NULL;
    const trace_blob *seed = step(e, "seed");
    assert_non_null(x);
    assert_int_equal(seed->len, x->len + (y ? y->len : 0));
    assert_memory_equal(seed->data, x->data, x->len);
    if (y)
        assert_memory_equal(seed->data + x->len, y->data, y->len);
}

/* One event's steps against its secret, label and output. */
static void check_event(const trace_event *e, hash_alg h, const trace_blob *secret,
                        const char *label, const trace_blob *output)
{
    const trace_blob *l = step(e, "label"), *seed = step(e, "seed");
    if (!secret || !output || !l || !seed) {
        fail_msg("%s #%zu: a value is missing", e->id, e->seq);
        return;
    }
    assert_int_equal(l->len, strlen(label));
    assert_memory_equal(l->data, label, l->len);
    prf_steps s = {.hash_len = hash_len(h), .n = (e->n_steps - 2) / 2};
    assert_int_equal(e->n_steps, 2 + 2 * s.n);
    for (size_t i = 0; i < s.n; i++) {
        char name[32];
        snprintf(name, sizeof name, "A%zu", i + 1);
        const trace_blob *a = step(e, name);
        snprintf(name, sizeof name, "block%zu", i + 1);
        const trace_blob *b = step(e, name);
        assert_int_equal(a->len, s.hash_len);
        assert_int_equal(b->len, s.hash_len);
        memcpy(s.a[i], a->data, a->len);
        memcpy(s.block[i], b->data, b->len);
    }
    uint8_t ls[256];
    memcpy(ls, l->data, l->len);
    memcpy(ls + l->len, seed->data, seed->len);
    check_steps(h, secret->data, secret->len, ls, l->len + seed->len, &s, output->data,
                output->len);
}

/* Every derivation of a run, by both sides (and both connections with --resume). */
static void check_run(const char *const *opts, hash_alg h, bool ems)
{
    trace t;
    assert_true(run(&t, opts));
    size_t seen[3] = {0, 0, 0};
    for (size_t i = 0; i < t.n; i++) {
        const trace_event *e = &t.ev[i];
        if (strcmp(e->id, "master_secret") == 0 && !trace_event_input(e, "pre_master_secret")) {
            assert_int_equal(e->n_steps, 0); /* resumed: taken from the session, no PRF */
        } else if (strcmp(e->id, "master_secret") == 0) {
            const char *label = ems ? "extended master secret" : "master secret";
            check_event(e, h, trace_event_input(e, "pre_master_secret"), label,
                        trace_event_output(e, "master_secret"));
            if (ems)
                want_seed(e, "session_hash", NULL);
            else
                want_seed(e, "client_random", "server_random");
            seen[0]++;
        } else if (strcmp(e->id, "key_block") == 0) {
            check_event(e, h, trace_event_input(e, "master_secret"), "key expansion",
                        trace_event_output(e, "key_block"));
            want_seed(e, "server_random", "client_random");
            seen[1]++;
        } else if (strcmp(e->id, "verify_data") == 0) {
            /* keyed with this side's master secret: its key block's input before it */
            const trace_blob *ms = NULL;
            for (size_t k = i; k-- > 0 && !ms;)
                if (t.ev[k].actor == e->actor && strcmp(t.ev[k].id, "key_block") == 0)
                    ms = trace_event_input(&t.ev[k], "master_secret");
            bool client = strstr(e->title, "client") != NULL;
            check_event(e, h, ms, client ? "client finished" : "server finished",
                        trace_event_output(e, "verify_data"));
            want_seed(e, "handshake_hash", NULL);
            seen[2]++;
        }
    }
    assert_true(seen[0] >= 2 && seen[1] >= 2 && seen[2] >= 4);
    trace_free(&t);
}

static void runs_open_every_prf(void **state)
{
    (void)state;
    check_run((const char *const[]){NULL}, HASH_SHA256, true);
    check_run((const char *const[]){"--no-ems", NULL}, HASH_SHA256, false);
    check_run((const char *const[]){"--suite", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", NULL},
              HASH_SHA384, true);
    /* the longest key block of the SHA-256 suites: 136 bytes in 5 blocks */
    check_run((const char *const[]){"--suite", "TLS_RSA_WITH_AES_256_CBC_SHA", "--no-ems", NULL},
              HASH_SHA256, false);
    check_run((const char *const[]){"--resume", "id", NULL}, HASH_SHA256, true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vectors_with_steps),
        cmocka_unit_test(runs_open_every_prf),
    };
    return cmocka_run_group_tests_name("the PRF opened", tests, NULL, NULL);
}
