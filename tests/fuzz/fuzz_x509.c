/* libFuzzer: X.509 parsing of arbitrary bytes must never read out of bounds,
 * leak or crash; a failure must say why. The parse without annotations (a peer's
 * chain) must reach the same verdict with the same message. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/x509.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    x509_cert c, u;
    tls_err err, uerr;
    err_init(&err);
    err_init(&uerr);
    bool ok = x509_parse(data, size, &c, &err);
    if (!ok && !err_is_set(&err))
        abort(); /* a refusal always carries its reason */
    if (x509_parse_unannotated(data, size, &u, &uerr) != ok || uerr.alert != err.alert ||
        strcmp(uerr.msg, err.msg) != 0 || u.fields.n != 0 ||
        (ok && (strcmp(u.subject_str, c.subject_str) != 0 || u.not_after != c.not_after)))
        abort();
    x509_free(&c);
    x509_free(&u);
    return 0;
}
