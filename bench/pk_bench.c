/* Public-key costs of the crypto layer: what a handshake spends its time on.
 * Prints figures only (make bench); no pass/fail. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "crypto/crypto.h"
#include "crypto/pki.h"
#include "crypto/pki_builtin.h"

typedef struct pk_fixture {
    pki p;
    uint8_t *rsa_sig, *ec_sig, *ct;
    size_t rsa_sig_len, ec_sig_len, ct_len;
} pk_fixture;

static rng bench_rng; /* the benchmark's one generator, keyed in main */
static const uint8_t msg[64] = "client_random + server_random + ServerKeyExchange params";

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void rsa_sign(pk_fixture *f)
{
    uint8_t *s = NULL;
    size_t n = 0;
    pkey_sign(&f->p.e[PKI_SERVER_RSA].key, SIG_RSA_PKCS1, HASH_SHA256, msg, sizeof msg, &bench_rng, &s, &n, NULL);
    free(s);
}

static void rsa_verify(pk_fixture *f)
{
    bool ok = false;
    pkey_verify(&f->p.e[PKI_SERVER_RSA].cert.pubkey, SIG_RSA_PKCS1, HASH_SHA256, msg, sizeof msg,
                f->rsa_sig, f->rsa_sig_len, &ok, NULL);
}

static void rsa_encrypt(pk_fixture *f)
{
    uint8_t *c = NULL;
    size_t n = 0;
    pkey_rsa_encrypt(&f->p.e[PKI_SERVER_RSA].cert.pubkey, msg, 48, &bench_rng, &c, &n, NULL);
    free(c);
}

static void rsa_decrypt(pk_fixture *f)
{
    uint8_t *out = NULL;
    size_t n = 0;
    bool ok = false;
    pkey_rsa_decrypt(&f->p.e[PKI_SERVER_RSA].key, f->ct, f->ct_len, &out, &n, &ok, NULL);
    free(out);
}

static void ecdsa_sign(pk_fixture *f)
{
    uint8_t *s = NULL;
    size_t n = 0;
    pkey_sign(&f->p.e[PKI_SERVER_ECDSA].key, SIG_ECDSA, HASH_SHA256, msg, sizeof msg, &bench_rng, &s, &n, NULL);
    free(s);
}

static void ecdsa_verify(pk_fixture *f)
{
    bool ok = false;
    pkey_verify(&f->p.e[PKI_SERVER_ECDSA].cert.pubkey, SIG_ECDSA, HASH_SHA256, msg, sizeof msg,
                f->ec_sig, f->ec_sig_len, &ok, NULL);
}

static void rsa_keygen(pk_fixture *f)
{
    (void)f;
    pkey k;
    if (pkey_generate_rsa(&k, 2048, &bench_rng))
        pkey_free(&k);
}

static void ec_keygen(pk_fixture *f)
{
    (void)f;
    pkey k;
    if (pkey_generate_ec(&k, CURVE_P256, &bench_rng))
        pkey_free(&k);
}

static void load_builtin_pki(pk_fixture *f)
{
    (void)f;
    pki p;
    tls_err err;
    err_init(&err);
    if (pki_load_builtin(&p, &err))
        pki_free(&p);
}

static const struct {
    const char *name;
    void (*fn)(pk_fixture *);
    int iterations;
} benches[] = {
    {"RSA-2048 sign (PKCS#1 v1.5, SHA-256)", rsa_sign, 50},
    {"RSA-2048 verify", rsa_verify, 500},
    {"RSA-2048 encrypt premaster", rsa_encrypt, 500},
    {"RSA-2048 decrypt premaster", rsa_decrypt, 50},
    {"ECDSA P-256 sign", ecdsa_sign, 200},
    {"ECDSA P-256 verify", ecdsa_verify, 200},
    {"RSA-2048 key generation", rsa_keygen, 5},
    {"EC P-256 key generation", ec_keygen, 200},
    {"load the built-in PKI (6 certs + keys)", load_builtin_pki, 50},
};

int main(void)
{
    if (!rng_init_system(&bench_rng))
        return 1;
    pk_fixture f = {0};
    tls_err err;
    err_init(&err);
    if (!pki_load_builtin(&f.p, &err)) {
        fprintf(stderr, "pk_bench: %s\n", err.msg);
        return 1;
    }
    pkey_sign(&f.p.e[PKI_SERVER_RSA].key, SIG_RSA_PKCS1, HASH_SHA256, msg, sizeof msg, &bench_rng, &f.rsa_sig,
              &f.rsa_sig_len, NULL);
    pkey_sign(&f.p.e[PKI_SERVER_ECDSA].key, SIG_ECDSA, HASH_SHA256, msg, sizeof msg, &bench_rng, &f.ec_sig,
              &f.ec_sig_len, NULL);
    pkey_rsa_encrypt(&f.p.e[PKI_SERVER_RSA].cert.pubkey, msg, 48, &bench_rng, &f.ct, &f.ct_len, NULL);
    printf("%-42s %12s %10s\n", "public-key operation", "us/op", "ops/s");
    for (size_t i = 0; i < sizeof benches / sizeof benches[0]; i++) {
        double t0 = now();
        for (int k = 0; k < benches[i].iterations; k++)
            benches[i].fn(&f);
        double per = (now() - t0) / benches[i].iterations;
        printf("%-42s %12.1f %10.0f\n", benches[i].name, per * 1e6, 1.0 / per);
    }
    free(f.rsa_sig);
    free(f.ec_sig);
    free(f.ct);
    pki_free(&f.p);
    return 0;
}
