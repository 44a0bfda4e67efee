/* OpenSSL's own in-memory TLS 1.2 handshake rate, for comparison with `tlssim bench`:
 * two SSL objects over a BIO pair, the same suite, group and certificate chain,
 * application data both ways. Used only by bench/compare.sh, never by tlssim. */
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Moves bytes between the two ends until both handshakes are done. */
static int handshake(SSL_CTX *sctx, SSL_CTX *cctx)
{
    SSL *s = SSL_new(sctx), *c = SSL_new(cctx);
    BIO *sb = NULL, *cb = NULL;
    if (!s || !c || !BIO_new_bio_pair(&sb, 0, &cb, 0))
        return 0;
    SSL_set_bio(s, sb, sb);
    SSL_set_bio(c, cb, cb);
    SSL_set_accept_state(s);
    SSL_set_connect_state(c);
    SSL_set_tlsext_host_name(c, "server.test");
    int done = 0;
    for (int i = 0; i < 100 && done != 2; i++) {
        int rc = SSL_do_handshake(c), rs = SSL_do_handshake(s);
        done = (rc == 1) + (rs == 1);
    }
    char buf[256];
    const char req[] = "GET / HTTP/1.1\r\nHost: server.test\r\n\r\n";
    int ok = done == 2 && SSL_write(c, req, sizeof req - 1) > 0 && SSL_read(s, buf, sizeof buf) > 0 &&
             SSL_write(s, "HTTP/1.1 200 OK\r\n\r\n", 19) > 0 && SSL_read(c, buf, sizeof buf) > 0;
    SSL_free(s);
    SSL_free(c);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: handshake_rate PKI_DIR N [CIPHER] [GROUP]\n");
        return 2;
    }
    const char *dir = argv[1];
    int n = atoi(argv[2]);
    const char *cipher = argc > 3 ? argv[3] : "ECDHE-RSA-AES128-GCM-SHA256";
    const char *group = argc > 4 ? argv[4] : "X25519";
    char cert[512], key[512], ca[512];
    snprintf(cert, sizeof cert, "%s/server-rsa-chain.pem", dir);
    snprintf(key, sizeof key, "%s/server-rsa.key", dir);
    snprintf(ca, sizeof ca, "%s/root-ca.pem", dir);
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method()), *cctx = SSL_CTX_new(TLS_client_method());
    if (!sctx || !cctx || SSL_CTX_use_certificate_chain_file(sctx, cert) != 1 ||
        SSL_CTX_use_PrivateKey_file(sctx, key, SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_load_verify_locations(cctx, ca, NULL) != 1) {
        ERR_print_errors_fp(stderr);
        return 1;
    }
    SSL_CTX *both[2] = {sctx, cctx};
    for (int i = 0; i < 2; i++) {
        SSL_CTX_set_min_proto_version(both[i], TLS1_2_VERSION);
        SSL_CTX_set_max_proto_version(both[i], TLS1_2_VERSION);
        SSL_CTX_set_cipher_list(both[i], cipher);
        SSL_CTX_set1_groups_list(both[i], group);
        SSL_CTX_set_session_cache_mode(both[i], SSL_SESS_CACHE_OFF);
        SSL_CTX_set_options(both[i], SSL_OP_NO_TICKET);
    }
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    double t0 = seconds();
    int ok = 0;
    for (int i = 0; i < n; i++)
        ok += handshake(sctx, cctx);
    double t = seconds() - t0;
    printf("openssl %s: %d of %d handshakes, rate: %.1f handshakes/s\n", OpenSSL_version(OPENSSL_VERSION),
           ok, n, n / t);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return ok == n ? 0 : 1;
}
