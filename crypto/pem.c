#include "crypto/pem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tomcrypt.h>

#include "base/alert.h"

#define PEM_BEGIN "-----BEGIN "
#define PEM_END "-----END "
#define PEM_DASHES "-----"

bool pem_encode(const char *label, const uint8_t *der, size_t len, char **out)
{
    unsigned long b64_len = 4 * ((len + 2) / 3) + 1;
    char *b64 = malloc(b64_len);
    if (!b64 || base64_encode(der, (unsigned long)len, (unsigned char *)b64, &b64_len) != CRYPT_OK) {
        free(b64);
        return false;
    }
    /* 64 columns, as RFC 7468 3 asks and OpenSSL writes. */
    size_t lines = (b64_len + 63) / 64;
    size_t cap = 2 * strlen(label) + 40 + b64_len + lines;
    char *s = malloc(cap);
    if (!s) {
        free(b64);
        return false;
    }
    size_t used = (size_t)snprintf(s, cap, PEM_BEGIN "%s" PEM_DASHES "\n", label);
    for (size_t i = 0; i < b64_len; i += 64) {
        size_t n = b64_len - i < 64 ? b64_len - i : 64;
        memcpy(s + used, b64 + i, n);
        used += n;
        s[used++] = '\n';
    }
    snprintf(s + used, cap - used, PEM_END "%s" PEM_DASHES "\n", label);
    free(b64);
    *out = s;
    return true;
}

/* Finds needle in text[from..len), or returns len. */
static size_t find(const char *text, size_t len, size_t from, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = from; i + n <= len; i++)
        if (memcmp(text + i, needle, n) == 0)
            return i;
    return len;
}

bool pem_next(const char *text, size_t textlen, size_t *pos, char *label, size_t labellen,
              uint8_t **der, size_t *len, tls_err *err)
{
    size_t begin = find(text, textlen, *pos, PEM_BEGIN);
    if (begin == textlen) {
        *pos = textlen;
        return false;
    }
    size_t lab = begin + strlen(PEM_BEGIN);
    size_t lab_end = find(text, textlen, lab, PEM_DASHES);
    size_t eol = find(text, textlen, lab, "\n");
    if (lab_end == textlen || lab_end > eol || lab_end - lab >= labellen) {
        err_set(err, ALERT_NONE, "PEM: malformed BEGIN line at byte %zu", begin);
        return false;
    }
    memcpy(label, text + lab, lab_end - lab);
    label[lab_end - lab] = '\0';
    size_t body = lab_end + strlen(PEM_DASHES);
    size_t end = find(text, textlen, body, PEM_END);
    if (end == textlen) {
        err_set(err, ALERT_NONE, "PEM: '%s' block has no END line", label);
        return false;
    }
    size_t end_lab = end + strlen(PEM_END);
    size_t end_lab_end = find(text, textlen, end_lab, PEM_DASHES);
    if (end_lab_end == textlen || end_lab_end - end_lab != strlen(label) ||
        memcmp(text + end_lab, label, strlen(label)) != 0) {
        err_set(err, ALERT_NONE, "PEM: END line does not match BEGIN %s", label);
        return false;
    }
    /* Collect the base64 characters, skipping line breaks and spaces (CRLF files too). */
    char *b64 = malloc(end - body + 1);
    if (!b64) {
        err_set(err, ALERT_INTERNAL_ERROR, "out of memory");
        return false;
    }
    size_t n = 0;
    for (size_t i = body; i < end; i++) {
        char c = text[i];
        if (c == '\n' || c == '\r' || c == ' ' || c == '\t')
            continue;
        b64[n++] = c;
    }
    unsigned long outlen = n;
    uint8_t *out = malloc(n ? n : 1);
    bool ok = out && n > 0 &&
              base64_strict_decode((const unsigned char *)b64, n, out, &outlen) == CRYPT_OK;
    free(b64);
    if (!ok) {
        free(out);
        err_set(err, ALERT_NONE, "PEM: '%s' block is not valid base64", label);
        return false;
    }
    *der = out;
    *len = outlen;
    *pos = end_lab_end + strlen(PEM_DASHES);
    return true;
}

bool pem_read_file(const char *path, char **text, size_t *len, tls_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        err_set(err, ALERT_NONE, "cannot open %s: %s", path, strerror(errno));
        return false;
    }
    size_t cap = 4096, used = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + used, 1, cap - used - 1, f)) > 0) {
        used += got;
        if (cap - used - 1 == 0) {
            if (cap >= (64u << 20)) { /* PEM files here are small: refuse runaway input */
                free(buf);
                buf = NULL;
                break;
            }
            char *grown = realloc(buf, cap * 2);
            if (!grown) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = grown;
            cap *= 2;
        }
    }
    bool failed = ferror(f) || !buf;
    fclose(f);
    if (failed) {
        err_set(err, ALERT_NONE, "cannot read %s%s", path,
                buf ? "" : " (larger than 64 MiB, or out of memory)");
        free(buf);
        return false;
    }
    buf[used] = '\0';
    *text = buf;
    *len = used;
    return true;
}

bool pem_write_file(const char *path, const char *text, tls_err *err)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        err_set(err, ALERT_NONE, "cannot create %s: %s", path, strerror(errno));
        return false;
    }
    size_t n = strlen(text);
    bool ok = fwrite(text, 1, n, f) == n;
    ok = (fclose(f) == 0) && ok;
    if (!ok)
        err_set(err, ALERT_NONE, "cannot write %s", path);
    return ok;
}
