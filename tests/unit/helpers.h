/* Small helpers shared by the unit tests: hex literals, temp dirs, running openssl. */
#ifndef TLSSIM_TEST_HELPERS_H
#define TLSSIM_TEST_HELPERS_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Decodes a hex string (spaces allowed) into out; returns the byte count. */
static inline size_t unhex(const char *s, uint8_t *out)
{
    size_t n = 0;
    while (*s) {
        if (*s == ' ' || *s == ':' || *s == '\n') {
            s++;
            continue;
        }
        unsigned v;
        if (sscanf(s, "%2x", &v) != 1)
            break;
        out[n++] = (uint8_t)v;
        s += 2;
    }
    return n;
}

/* Runs a shell command; returns its exit status. */
static inline int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline int sh(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int rc = system(cmd);
    return rc == -1 ? -1 : (rc >> 8) & 0xff;
}

/* Reads a whole file; *len gets its size. The caller frees. */
static inline uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    uint8_t *b = malloc(cap);
    size_t got;
    while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *g = realloc(b, cap *= 2);
            if (!g)
                free(b);
            b = g;
        }
    }
    fclose(f);
    *len = n;
    return b;
}

static inline void spit(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
}

static char test_dir[] = "/tmp/tlssim-test-XXXXXX";

static inline void test_tmpdir_remove(void)
{
    sh("rm -rf '%s'", test_dir);
}

/* A fresh temporary directory for a test run, removed when the test exits. */
static inline const char *test_tmpdir(void)
{
    static const char *made;
    if (!made && (made = mkdtemp(test_dir)) != NULL)
        atexit(test_tmpdir_remove);
    return made;
}

/* The recorded OpenSSL session (tests/vectors/tls12_openssl/records.txt): each
 * record in wire order, its direction ('C' or 'S'); returns how many were read.
 * The caller frees rec[i]. */
static inline size_t load_openssl_records(uint8_t *rec[], size_t len[], char dir[], size_t max)
{
    size_t n = 0, text_len = 0;
    uint8_t *text = slurp("tests/vectors/tls12_openssl/records.txt", &text_len);
    if (!text)
        return 0;
    for (char *line = strtok((char *)text, "\n"); line && n < max; line = strtok(NULL, "\n")) {
        if (line[0] != 'C' && line[0] != 'S')
            continue;
        if (dir)
            dir[n] = line[0];
        rec[n] = malloc(strlen(line) / 2 + 1);
        len[n] = unhex(line + 2, rec[n]);
        n++;
    }
    free(text);
    return n;
}

#endif
