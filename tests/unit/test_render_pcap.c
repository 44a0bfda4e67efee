/* The pcap and key log renderers against tshark and OpenSSL: a synthetic trace carries
 * the records of a real OpenSSL TLS 1.2 session (tests/vectors/tls12_openssl, see its
 * README); tshark must dissect our capture as TLS on port 443 with no warning, find the
 * TCP framing sound, and decrypt it with our key log, which must equal OpenSSL's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "sim/trace.h"
#include "ui/render_keylog.h"
#include "ui/render_pcap.h"

#define VECTORS "tests/vectors/tls12_openssl"

static char dir[64];
static char pcap_path[128], keylog_path[128];
static char openssl_keylog[512];
static size_t n_records;
static char record_dirs[64]; /* 'C' or 'S' per record, in order */
static uint8_t record_types[64];
static size_t record_lens[64];

static size_t hex_decode(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = 0;
    while (hex[0] && hex[1] && hex[0] != '\n' && n < cap) {
        unsigned v;
        if (sscanf(hex, "%2x", &v) != 1)
            break;
        out[n++] = (uint8_t)v;
        hex += 2;
    }
    return n;
}

/* Runs a shell command and returns its standard output (caller frees). */
static char *run(const char *fmt, ...)
{
    char cmd[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t k;
    while ((k = fread(buf + len, 1, cap - len - 1, p)) > 0) {
        len += k;
        if (cap - len < 2) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    buf[len] = '\0';
    pclose(p);
    return buf;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Builds the trace: the recorded records in order, with the kinds of events an engine
 * interleaves (notes, computations, an attacker's record the capture must leave out). */
static int build_capture(void **state)
{
    (void)state;
    if (system("command -v tshark >/dev/null 2>&1") != 0) {
        fprintf(stderr, "tshark not installed\n");
        return -1;
    }
    FILE *kf = fopen(VECTORS "/keylog.txt", "r");
    FILE *rf = fopen(VECTORS "/records.txt", "r");
    if (!kf || !rf) {
        fprintf(stderr, "run from the source tree: %s not found\n", VECTORS);
        return -1;
    }
    if (!fgets(openssl_keylog, sizeof openssl_keylog, kf))
        return -1;
    fclose(kf);
    /* CLIENT_RANDOM <64 hex> <96 hex>: the master secret is the third word. */
    uint8_t master[48];
    if (strlen(openssl_keylog) < 14 + 64 + 1 + 96 ||
        hex_decode(openssl_keylog + 14 + 64 + 1, master, sizeof master) != 48)
        return -1;

    trace *t = malloc(sizeof *t);
    trace_init(t);
    trace_add(t, ACTOR_CLIENT, EV_NOTE, "start", "the client connects", NULL, 0);
    static uint8_t rec[20000];
    char *line = NULL;
    size_t linecap = 0;
    while (getline(&line, &linecap, rf) > 0) {
        if (line[0] != 'C' && line[0] != 'S')
            continue;
        size_t n = hex_decode(line + 2, rec, sizeof rec);
        if (n < 5 || n_records >= sizeof record_dirs)
            return -1;
        record_dirs[n_records] = line[0];
        record_lens[n_records] = n;
        record_types[n_records++] = rec[0];
        actor_id who = line[0] == 'C' ? ACTOR_CLIENT : ACTOR_SERVER;
        trace_event *e = trace_add(t, who, EV_RECORD, "record", NULL, rec, n);
        assert_non_null(e);
        if (n_records == 1) {
            /* The client random sits after the record header (5), the handshake header
             * (4) and client_version (2) of the ClientHello (RFC 5246 7.4.1.2). */
            e = trace_add(t, ACTOR_CLIENT, EV_MESSAGE, "ClientHello", NULL, rec + 5, n - 5);
            assert_true(trace_add_output(e, "client_random", rec + 11, 32, NULL));
            /* An attacker's record: garbage that would show as a malformed packet. */
            static const uint8_t junk[] = {0x16, 0x03, 0x03, 0x00, 0x09, 0xff, 0xff};
            trace_add(t, ACTOR_ATTACKER, EV_RECORD, "injected", NULL, junk, sizeof junk);
        }
        if (n_records == 6) {
            e = trace_add(t, ACTOR_CLIENT, EV_COMPUTE, "master secret", NULL, NULL, 0);
            assert_true(trace_add_output(e, "master_secret", master, sizeof master, NULL));
        }
    }
    free(line);
    fclose(rf);

    strcpy(dir, "/tmp/tlssim-pcap-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(pcap_path, sizeof pcap_path, "%s/t.pcap", dir);
    snprintf(keylog_path, sizeof keylog_path, "%s/keylog.txt", dir);
    tls_err err;
    err_init(&err);
    assert_true(render_pcap(pcap_path, t, &err));
    FILE *k = fopen(keylog_path, "w");
    assert_int_equal(render_keylog(k, t), 1);
    fclose(k);
    *state = t;
    return 0;
}

static int remove_capture(void **state)
{
    trace_free(*state);
    free(*state);
    char *out = run("rm -rf '%s'", dir);
    free(out);
    return 0;
}

static void keylog_equals_openssl(void **state)
{
    (void)state;
    FILE *f = fopen(keylog_path, "r");
    assert_non_null(f);
    char line[512] = "";
    assert_non_null(fgets(line, sizeof line, f));
    assert_null(fgets(line + strlen(line), (int)(sizeof line - strlen(line)), f));
    fclose(f);
    assert_string_equal(line, openssl_keylog);
}

static void tshark_sees_each_record_on_port_443(void **state)
{
    (void)state;
    char *out = run("tshark -r '%s' -Y tls -T fields -e tcp.srcport -e tcp.dstport "
                    "-e tls.record.content_type 2>/dev/null",
                    pcap_path);
    char expect[2048] = "";
    for (size_t i = 0; i < n_records; i++) {
        bool c = record_dirs[i] == 'C';
        size_t l = strlen(expect);
        snprintf(expect + l, sizeof expect - l, "%s\t%s\t%u\n", c ? "50000" : "443",
                 c ? "443" : "50000", record_types[i]);
    }
    assert_string_equal(out, expect);
    free(out);

    /* The clear handshake messages, by type (RFC 5246 7.4): ClientHello, ServerHello,
     * Certificate, ServerKeyExchange, ServerHelloDone, ClientKeyExchange. */
    out = run("tshark -r '%s' -Y tls.handshake.type -T fields -e tls.handshake.type 2>/dev/null",
              pcap_path);
    assert_string_equal(out, "1\n2\n11\n12\n14\n16\n");
    free(out);
}

static void tcp_framing_is_clean(void **state)
{
    (void)state;
    /* With checksum validation on, nothing malformed, no expert warning, no TCP analysis
     * flag (retransmission, lost segment, unseen ACK, window full ...). */
    const char *checks = "-o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE";
    char *out = run("tshark -r '%s' %s -Y '_ws.malformed || _ws.expert.severity >= warning "
                    "|| tcp.analysis.flags' 2>/dev/null",
                    pcap_path, checks);
    assert_string_equal(out, "");
    free(out);

    /* Every checksum was actually verified as good (status 1 = good). */
    char *all = run("tshark -r '%s' 2>/dev/null", pcap_path);
    size_t frames = count_lines(all);
    free(all);
    assert_int_equal(frames, 3 + n_records + 3);
    out = run("tshark -r '%s' %s -Y 'ip.checksum.status == 1 && tcp.checksum.status == 1' "
              "2>/dev/null",
              pcap_path, checks);
    assert_int_equal(count_lines(out), frames);
    free(out);

    /* Three-way handshake first, FIN exchange last, one stream. Relative sequence
     * numbers: SYN and FIN count one each, then every payload byte of that direction. */
    size_t sent[2] = {0, 0};
    for (size_t i = 0; i < n_records; i++)
        sent[record_dirs[i] == 'S'] += record_lens[i];
    char expect[256];
    snprintf(expect, sizeof expect,
             "0\t0x0002\t0\t0\n0\t0x0012\t0\t1\n0\t0x0010\t1\t1\n"
             "0\t0x0011\t%zu\t%zu\n0\t0x0011\t%zu\t%zu\n0\t0x0010\t%zu\t%zu\n",
             1 + sent[0], 1 + sent[1], 1 + sent[1], 2 + sent[0], 2 + sent[0], 2 + sent[1]);
    out = run("tshark -r '%s' -T fields -e tcp.stream -e tcp.flags -e tcp.seq -e tcp.ack "
              "2>/dev/null | head -n 3; "
              "tshark -r '%s' -T fields -e tcp.stream -e tcp.flags -e tcp.seq -e tcp.ack "
              "2>/dev/null | tail -n 3",
              pcap_path, pcap_path);
    assert_string_equal(out, expect);
    free(out);
    /* Time moves forward, packet after packet. */
    out = run("tshark -r '%s' -T fields -e frame.time_delta 2>/dev/null | tail -n +2 | "
              "awk '$1 <= 0' | wc -l",
              pcap_path);
    assert_string_equal(out, "0\n");
    free(out);
}

static void tshark_decrypts_with_our_keylog(void **state)
{
    (void)state;
    /* Both Finished messages, one from each side. */
    char *out = run("tshark -r '%s' -o 'tls.keylog_file:%s' -Y 'tls.handshake.type == 20' "
                    "-T fields -e tcp.srcport 2>/dev/null",
                    pcap_path, keylog_path);
    assert_string_equal(out, "50000\n443\n");
    free(out);
    /* The application data: s_client's request and s_server's -www answer. */
    /* s_server's HTTP/1.0 answer has no Content-Length: without desegment_body off,
     * tshark would wait for more body and never show the response. */
    out = run("tshark -r '%s' -o 'tls.keylog_file:%s' -o http.desegment_body:FALSE -Y http "
              "-T fields -e http.request.method -e http.response.code 2>/dev/null",
              pcap_path, keylog_path);
    assert_string_equal(out, "GET\t\n\t200\n");
    free(out);
    /* Without the key log nothing decrypts: the check above is not vacuous. */
    out = run("tshark -r '%s' -Y 'http || tls.handshake.type == 20' 2>/dev/null", pcap_path);
    assert_string_equal(out, "");
    free(out);
}

static void capture_is_deterministic(void **state)
{
    char again[160];
    snprintf(again, sizeof again, "%s/again.pcap", dir);
    assert_true(render_pcap(again, *state, NULL));
    char *out = run("cmp '%s' '%s' && echo same", pcap_path, again);
    assert_string_equal(out, "same\n");
    free(out);
}

static void unwritable_path_is_an_error(void **state)
{
    tls_err err;
    err_init(&err);
    assert_false(render_pcap("/nonexistent-dir/x.pcap", *state, &err));
    assert_true(err_is_set(&err));
    assert_non_null(strstr(err.msg, "/nonexistent-dir/x.pcap"));
}

/* Bulk data: 8 records of 16 KiB from the server force the receiver to acknowledge
 * before the window fills, and one 40000-byte record is split into two segments that
 * tshark must reassemble into the one record. (TLS forbids such a record, and tshark
 * says so: only TCP and IP faults are looked for here.) */
static void bulk_records_keep_tcp_clean(void **state)
{
    (void)state;
    trace t;
    trace_init(&t);
    static uint8_t rec[5 + 40000];
    memset(rec, 0x5a, sizeof rec);
    rec[0] = 23; /* application_data: opaque to tshark without keys */
    rec[1] = 3;
    rec[2] = 3;
    for (int i = 0; i < 8; i++) {
        rec[3] = 0x40; /* 16384 */
        rec[4] = 0x00;
        assert_non_null(trace_add(&t, ACTOR_SERVER, EV_RECORD, "data", NULL, rec, 5 + 16384));
    }
    rec[3] = 40000 >> 8;
    rec[4] = 40000 & 0xff;
    assert_non_null(trace_add(&t, ACTOR_CLIENT, EV_RECORD, "big", NULL, rec, sizeof rec));
    char path[160];
    snprintf(path, sizeof path, "%s/bulk.pcap", dir);
    assert_true(render_pcap(path, &t, NULL));
    trace_free(&t);

    char *out = run("tshark -r '%s' -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE "
                    "-Y '_ws.malformed || tcp.analysis.flags || tcp.checksum.status != 1 "
                    "|| ip.checksum.status != 1' 2>/dev/null",
                    path);
    assert_string_equal(out, "");
    free(out);
    /* Pure ACKs from the client inside the server's burst: the window was respected. */
    out = run("tshark -r '%s' -Y 'tcp.srcport == 50000 && tcp.len == 0 && tcp.flags == 0x010' "
              "2>/dev/null | wc -l",
              path);
    assert_true(atoi(out) > 1);
    free(out);
    out = run("tshark -r '%s' -Y tls.record.length -T fields -e tcp.srcport -e tls.record.length "
              "2>/dev/null",
              path);
    assert_string_equal(out, "443\t16384\n443\t16384\n443\t16384\n443\t16384\n"
                             "443\t16384\n443\t16384\n443\t16384\n443\t16384\n"
                             "50000\t40000\n");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keylog_equals_openssl),
        cmocka_unit_test(tshark_sees_each_record_on_port_443),
        cmocka_unit_test(tcp_framing_is_clean),
        cmocka_unit_test(tshark_decrypts_with_our_keylog),
        cmocka_unit_test(capture_is_deterministic),
        cmocka_unit_test(bulk_records_keep_tcp_clean),
        cmocka_unit_test(unwritable_path_is_an_error),
    };
    return cmocka_run_group_tests(tests, build_capture, remove_capture);
}
