/* libFuzzer: private-key, public-key and PEM decoding of arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/pem.h"
#include "crypto/pkey.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pkey k;
    tls_err err;
    err_init(&err);
    if (pkey_import_private(&k, data, size, &err))
        pkey_free(&k);
    err_init(&err);
    if (pkey_import_spki(&k, data, size, &err))
        pkey_free(&k);
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    size_t pos = 0, len = 0;
    uint8_t *der = NULL;
    char label[64];
    err_init(&err);
    while (pem_next(text, size, &pos, label, sizeof label, &der, &len, &err)) {
        free(der);
        der = NULL;
    }
    free(text);
    return 0;
}
