/* Costs of the symmetric and key-exchange operations of the crypto layer.
 * Prints figures only (make bench); no pass/fail. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crypto/aead.h"
#include "crypto/cbc.h"
#include "crypto/crypto.h"
#include "crypto/hkdf.h"
#include "crypto/kex.h"
#include "crypto/prf.h"

static rng bench_rng; /* keyed in main */
static uint8_t key[32], nonce[16], buf[16384 + 64], out[16384 + 64];

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void prf_master_secret(size_t n)
{
    (void)n;
    uint8_t ms[48];
    tls12_prf(HASH_SHA256, key, 32, "master secret", buf, 64, ms, 48);
}

static void hkdf_label(size_t n)
{
    (void)n;
    uint8_t o[32];
    hkdf_expand_label(HASH_SHA256, key, 32, "key", NULL, 0, o, 16);
}

static void gcm128(size_t n) { aead_seal(AEAD_AES128_GCM, key, nonce, buf, 13, buf, n, out); }
static void gcm256(size_t n) { aead_seal(AEAD_AES256_GCM, key, nonce, buf, 13, buf, n, out); }
static void chacha(size_t n) { aead_seal(AEAD_CHACHA20_POLY1305, key, nonce, buf, 13, buf, n, out); }

static void cbc_hmac(size_t n)
{
    cbc_hmac_keys k = {HASH_SHA256, key, 32, key, 16};
    cbc_record_header h = {1, 23, 0x0303};
    size_t len;
    cbc_hmac_seal(&k, nonce, &h, buf, n, out, &len);
}

static void exchange(kex_group g)
{
    kex_keypair a, b;
    uint8_t pub[KEX_MAX_PUBLIC], z[KEX_MAX_SHARED];
    size_t plen = sizeof pub, zlen;
    tls_err err;
    err_init(&err);
    kex_generate(g, &a, &bench_rng);
    kex_generate(g, &b, &bench_rng);
    kex_public(&b, pub, &plen);
    kex_shared(&a, pub, plen, z, &zlen, &err);
    kex_free(&a);
    kex_free(&b);
}

static void x25519(size_t n) { (void)n; exchange(GROUP_X25519); }
static void p256(size_t n) { (void)n; exchange(GROUP_SECP256R1); }
static void p384(size_t n) { (void)n; exchange(GROUP_SECP384R1); }
static void ffdhe(size_t n) { (void)n; exchange(GROUP_FFDHE2048); }

static const struct {
    const char *name;
    void (*fn)(size_t);
    size_t bytes;
    int iterations;
} benches[] = {
    {"TLS 1.2 PRF, 48-byte master secret", prf_master_secret, 0, 20000},
    {"HKDF-Expand-Label, 16 bytes", hkdf_label, 0, 20000},
    {"AES-128-GCM seal 1 KiB", gcm128, 1024, 20000},
    {"AES-128-GCM seal 16 KiB", gcm128, 16384, 2000},
    {"AES-256-GCM seal 16 KiB", gcm256, 16384, 2000},
    {"ChaCha20-Poly1305 seal 1 KiB", chacha, 1024, 20000},
    {"ChaCha20-Poly1305 seal 16 KiB", chacha, 16384, 2000},
    {"AES-128-CBC + HMAC-SHA256 seal 1 KiB", cbc_hmac, 1024, 20000},
    {"x25519: 2 key pairs + 1 shared secret", x25519, 0, 2000},
    {"secp256r1: 2 key pairs + 1 shared secret", p256, 0, 200},
    {"secp384r1: 2 key pairs + 1 shared secret", p384, 0, 100},
    {"ffdhe2048: 2 key pairs + 1 shared secret", ffdhe, 0, 20},
};

int main(void)
{
    if (!rng_init_system(&bench_rng))
        return 1;
    memset(key, 0x42, sizeof key);
    printf("%-44s %12s %10s %10s\n", "operation", "us/op", "ops/s", "MB/s");
    for (size_t i = 0; i < sizeof benches / sizeof benches[0]; i++) {
        double t0 = now();
        for (int k = 0; k < benches[i].iterations; k++)
            benches[i].fn(benches[i].bytes);
        double per = (now() - t0) / benches[i].iterations;
        if (benches[i].bytes)
            printf("%-44s %12.2f %10.0f %10.1f\n", benches[i].name, per * 1e6, 1.0 / per,
                   (double)benches[i].bytes / per / 1e6);
        else
            printf("%-44s %12.2f %10.0f %10s\n", benches[i].name, per * 1e6, 1.0 / per, "");
    }
    return 0;
}
