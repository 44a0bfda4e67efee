#include "crypto/x509_file.h"

#include <stdlib.h>
#include <string.h>

#include "crypto/pem.h"
#include "base/alert.h"

bool x509_read_pem_text(const char *what, const char *text, x509_cert *certs, size_t max,
                        size_t *n, tls_err *err)
{
    size_t pos = 0, len = strlen(text), found = 0;
    char label[64];
    uint8_t *der = NULL;
    size_t der_len = 0;
    while (pem_next(text, len, &pos, label, sizeof label, &der, &der_len, err)) {
        bool is_cert = strcmp(label, "CERTIFICATE") == 0;
        bool ok = true;
        if (is_cert && *n >= max) {
            err_set(err, ALERT_NONE, "%s: more than %zu certificates", what, max);
            ok = false;
        } else if (is_cert) {
            memset(&certs[*n], 0, sizeof certs[*n]);
            ok = x509_parse(der, der_len, &certs[*n], err);
            if (ok)
                (*n)++;
            else
                x509_free(&certs[*n]);
            found++;
        }
        free(der);
        der = NULL;
        if (!ok)
            return false;
    }
    if (err_is_set(err))
        return false;
    if (found == 0) {
        err_set(err, ALERT_NONE, "%s: no CERTIFICATE block found", what);
        return false;
    }
    return true;
}

bool x509_read_pem_file(const char *path, x509_cert *certs, size_t max, size_t *n, tls_err *err)
{
    char *text = NULL;
    size_t len = 0;
    if (!pem_read_file(path, &text, &len, err))
        return false;
    bool ok = x509_read_pem_text(path, text, certs, max, n, err);
    free(text);
    return ok;
}
