/* The key schedule and the record layer against a real OpenSSL session
 * (tests/vectors/tls12_openssl: ECDHE-RSA-AES128-GCM-SHA256 with extended master
 * secret, recorded with OpenSSL's key log): from the logged master secret our key
 * block must open OpenSSL's encrypted records, both Finished messages must carry the
 * verify_data we compute over the handshake, and sealing must give OpenSSL's bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/alert.h"
#include "sim/keyschedule.h"
#include "sim/record.h"
#include "tests/unit/helpers.h"
#include "tests/unit/test_rng.h"

#define MAX_RECORDS 32

typedef struct session {
    uint8_t *rec[MAX_RECORDS];
    size_t len[MAX_RECORDS];
    char dir[MAX_RECORDS];
    size_t n;
    uint8_t client_random[32], master[48];
} session;

static session s;

static int load(void **state)
{
    (void)state;
    size_t len = 0;
    s.n = load_openssl_records(s.rec, s.len, s.dir, MAX_RECORDS);
    uint8_t *log = slurp("tests/vectors/tls12_openssl/keylog.txt", &len);
    if (!log)
        return -1;
    char cr[65], ms[97];
    int ok = sscanf((char *)log, "CLIENT_RANDOM %64s %96s", cr, ms) == 2;
    free(log);
    unhex(cr, s.client_random);
    unhex(ms, s.master);
    return ok ? 0 : -1;
}

static int unload(void **state)
{
    (void)state;
    for (size_t i = 0; i < s.n; i++)
        free(s.rec[i]);
    return 0;
}

/* Record i's header, parsed with the bounded reader. */
static rec_header header(size_t i)
{
    tls_err err;
    err_init(&err);
    reader r;
    rd_init(&r, s.rec[i], s.len[i], &err, NULL, "record");
    rec_header h;
    assert_true(rec_read_header(&r, &h));
    assert_int_equal(h.length, s.len[i] - REC_HEADER_LEN);
    return h;
}

static void keys(tls12_keys *k, uint8_t server_random[32])
{
    /* ServerHello is record 1: header(5) + handshake header(4) + version(2), then the random. */
    memcpy(server_random, s.rec[1] + 11, 32);
    assert_memory_equal(s.rec[0] + 11, s.client_random, 32); /* the key log names this session */
    assert_true(tls12_key_block(HASH_SHA256, s.master, s.client_random, server_random, 0, 16, 4, k, NULL));
    assert_int_equal(k->block_len, 40);
}

static void finished_and_data_decrypt(void **state)
{
    (void)state;
    assert_int_equal(s.n, 14);
    tls12_keys k;
    uint8_t sr[32];
    keys(&k, sr);
    rec_state client, server;
    rec_state_from_keys(&client, REC_AEAD, AEAD_AES128_GCM, HASH_NONE, &k, true);
    rec_state_from_keys(&server, REC_AEAD, AEAD_AES128_GCM, HASH_NONE, &k, false);

    /* The handshake hash covers the handshake messages without record headers. */
    hash_ctx transcript;
    assert_true(hash_init(&transcript, HASH_SHA256));
    for (size_t i = 0; i <= 5; i++) {
        assert_int_equal(s.rec[i][0], CT_HANDSHAKE);
        hash_update(&transcript, s.rec[i] + 5, s.len[i] - 5);
    }
    assert_int_equal(s.rec[6][0], CT_CHANGE_CIPHER_SPEC); /* not hashed */

    uint8_t plain[4096], hh[32], want[12];
    size_t n = 0;
    /* Both Finished through one prepared master secret, as an actor does; OpenSSL's
     * records say whether the second, which reuses the prepared key, is right. */
    tls12_master_mac mm;
    memset(&mm, 0, sizeof mm);
    tls_err err;
    err_init(&err);
    rec_header h = header(7);
    assert_true(rec_open(&client, &h, s.rec[7] + 5, s.len[7] - 5, plain, &n, &err));
    assert_int_equal(n, 16);
    assert_int_equal(plain[0], 20); /* finished */
    assert_true(hash_peek(&transcript, hh));
    assert_true(tls12_verify_data(HASH_SHA256, s.master, true, hh, 32, want, &mm));
    assert_memory_equal(plain + 4, want, 12);
    hash_update(&transcript, plain, n);

    h = header(9);
    assert_true(rec_open(&server, &h, s.rec[9] + 5, s.len[9] - 5, plain, &n, &err));
    assert_true(hash_peek(&transcript, hh));
    assert_true(tls12_verify_data(HASH_SHA256, s.master, false, hh, 32, want, &mm));
    assert_memory_equal(plain + 4, want, 12);
    /* Another master secret (a resumed session's) or hash: the prepared key is remade. */
    uint8_t other[TLS12_MASTER_LEN], fresh[12], via[12];
    memcpy(other, s.master, sizeof other);
    other[47] ^= 1;
    assert_true(tls12_verify_data(HASH_SHA256, other, false, hh, 32, fresh, NULL));
    assert_true(tls12_verify_data(HASH_SHA256, other, false, hh, 32, via, &mm));
    assert_memory_equal(via, fresh, 12);
    assert_memory_not_equal(via, want, 12);
    assert_true(tls12_verify_data(HASH_SHA384, other, false, hh, 32, fresh, NULL));
    assert_true(tls12_verify_data(HASH_SHA384, other, false, hh, 32, via, &mm));
    assert_memory_equal(via, fresh, 12);
    tls12_master_mac_wipe(&mm);

    h = header(10);
    assert_true(rec_open(&client, &h, s.rec[10] + 5, s.len[10] - 5, plain, &n, &err));
    assert_true(n > 14);
    assert_memory_equal(plain, "GET / HTTP/1.0", 14);
    h = header(11);
    assert_true(rec_open(&server, &h, s.rec[11] + 5, s.len[11] - 5, plain, &n, &err));
    assert_memory_equal(plain, "HTTP/1.0 200 ok", 15);
    h = header(13);
    assert_true(rec_open(&client, &h, s.rec[13] + 5, s.len[13] - 5, plain, &n, &err));
    assert_int_equal(n, 2);
    assert_int_equal(plain[1], ALERT_CLOSE_NOTIFY);
    assert_false(err_is_set(&err));
    rec_state_free(&client);
    rec_state_free(&server);
}

static void sealing_reproduces_openssl(void **state)
{
    (void)state;
    tls12_keys k;
    uint8_t sr[32];
    keys(&k, sr);
    rec_state rd, wr;
    rec_state_from_keys(&rd, REC_AEAD, AEAD_AES128_GCM, HASH_NONE, &k, true);
    rec_state_from_keys(&wr, REC_AEAD, AEAD_AES128_GCM, HASH_NONE, &k, true);
    tls_err err;
    err_init(&err);
    /* OpenSSL's explicit nonces count up from a random start; from the same start
     * our sealing gives OpenSSL's bytes exactly. */
    wr.nonce_base = 0;
    for (int i = 0; i < 8; i++)
        wr.nonce_base = (wr.nonce_base << 8) | s.rec[7][5 + i];
    size_t idx[2] = {7, 10};
    for (size_t i = 0; i < 2; i++) {
        rec_header h = header(idx[i]);
        uint8_t plain[4096];
        size_t n = 0;
        assert_true(rec_open(&rd, &h, s.rec[idx[i]] + 5, s.len[idx[i]] - 5, plain, &n, &err));
        annot_list al;
        annot_list_init(&al);
        writer w;
        wr_init(&w, &al);
        assert_true(rec_seal(&wr, h.type, h.version, plain, n, &w));
        assert_int_equal(w.len, s.len[idx[i]]);
        assert_memory_equal(w.buf, s.rec[idx[i]], w.len);
        assert_string_equal(al.v[al.n - 1].name, "authentication tag");
        assert_int_equal(al.v[al.n - 1].offset, w.len - 16);
        wr_free(&w);
        annot_list_free(&al);
    }
    rec_state_free(&rd);
    rec_state_free(&wr);
}

static void tampering_is_bad_record_mac(void **state)
{
    (void)state;
    tls12_keys k;
    uint8_t sr[32];
    keys(&k, sr);
    for (size_t i = 5; i < s.len[7]; i++) {
        rec_state client;
        rec_state_from_keys(&client, REC_AEAD, AEAD_AES128_GCM, HASH_NONE, &k, true);
        uint8_t copy[64], plain[64];
        memcpy(copy, s.rec[7], s.len[7]);
        copy[i] ^= 0x01;
        rec_header h = header(7);
        size_t n = 0;
        tls_err err;
        err_init(&err);
        assert_false(rec_open(&client, &h, copy + 5, s.len[7] - 5, plain, &n, &err));
        assert_int_equal(err.alert, ALERT_BAD_RECORD_MAC);
        assert_int_equal(client.seq, 0);
        rec_state_free(&client);
    }
    /* Out of order: the server's second record opened as if it were its first. */
    rec_state server;
    rec_state_from_keys(&server, REC_AEAD, AEAD_AES128_GCM, HASH_NONE, &k, false);
    rec_header h = header(11);
    uint8_t plain[4096];
    size_t n = 0;
    tls_err err;
    err_init(&err);
    assert_false(rec_open(&server, &h, s.rec[11] + 5, s.len[11] - 5, plain, &n, &err));
    assert_int_equal(err.alert, ALERT_BAD_RECORD_MAC);
    rec_state_free(&server);
}

static void oversized_records_overflow(void **state)
{
    (void)state;
    const uint8_t big[] = {23, 3, 3, 0x48, 0x01}; /* 2^14 + 2049 */
    tls_err err;
    err_init(&err);
    reader r;
    rd_init(&r, big, sizeof big, &err, NULL, "record");
    rec_header h;
    assert_false(rec_read_header(&r, &h));
    assert_int_equal(err.alert, ALERT_RECORD_OVERFLOW);
}

/* The other protections round-trip and refuse a flipped byte. */
static void chacha_and_cbc_round_trip(void **state)
{
    (void)state;
    tls12_keys k;
    uint8_t sr[32];
    keys(&k, sr);
    tls12_keys kc, kb;
    assert_true(tls12_key_block(HASH_SHA256, s.master, s.client_random, sr, 0, 32, 12, &kc, NULL));
    assert_true(tls12_key_block(HASH_SHA256, s.master, s.client_random, sr, 32, 16, 0, &kb, NULL));
    struct {
        rec_protection kind;
        aead_alg aead;
        hash_alg mac;
        tls12_keys *k;
    } cases[] = {{REC_AEAD, AEAD_CHACHA20_POLY1305, HASH_NONE, &kc},
                 {REC_CBC_HMAC, AEAD_NONE, HASH_SHA256, &kb}};
    for (size_t c = 0; c < 2; c++) {
        rec_state a, b;
        rec_state_from_keys(&a, cases[c].kind, cases[c].aead, cases[c].mac, cases[c].k, true);
        rec_state_from_keys(&b, cases[c].kind, cases[c].aead, cases[c].mac, cases[c].k, true);
        a.rng = test_rng(); /* CBC: the sender's explicit IVs */
        for (int round = 0; round < 3; round++) {
            writer w;
            wr_init(&w, NULL);
            const char *msg = "hello, record layer";
            assert_true(rec_seal(&a, CT_APPLICATION_DATA, 0x0303, (const uint8_t *)msg, strlen(msg), &w));
            tls_err err;
            err_init(&err);
            reader r;
            rd_init(&r, w.buf, w.len, &err, NULL, "record");
            rec_header h;
            assert_true(rec_read_header(&r, &h));
            uint8_t plain[256];
            size_t n = 0;
            if (round == 2) {
                w.buf[w.len - 1] ^= 0x80;
                assert_false(rec_open(&b, &h, w.buf + 5, h.length, plain, &n, &err));
                assert_int_equal(err.alert, ALERT_BAD_RECORD_MAC);
            } else {
                assert_true(rec_open(&b, &h, w.buf + 5, h.length, plain, &n, &err));
                assert_int_equal(n, strlen(msg));
                assert_memory_equal(plain, msg, n);
            }
            wr_free(&w);
        }
        rec_state_free(&a);
        rec_state_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finished_and_data_decrypt),
        cmocka_unit_test(sealing_reproduces_openssl),
        cmocka_unit_test(tampering_is_bad_record_mac),
        cmocka_unit_test(oversized_records_overflow),
        cmocka_unit_test(chacha_and_cbc_round_trip),
    };
    return cmocka_run_group_tests_name("record layer and key schedule", tests, load, unload);
}
