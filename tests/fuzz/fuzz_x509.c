/* libFuzzer: X.509 parsing of arbitrary bytes must never read out of bounds,
 * leak or crash; a failure must say why. */
#include <stdint.h>
#include <stdlib.h>

#include "crypto/x509.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    x509_cert c;
    tls_err err;
    err_init(&err);
    if (!x509_parse(data, size, &c, &err) && !err_is_set(&err))
        abort(); /* a refusal always carries its reason */
    x509_free(&c);
    return 0;
}
