/* libFuzzer: the certificate verify parser on arbitrary bytes. */
#include "tests/fuzz/fuzz_hs.h"

static void parse(reader *r, size_t size)
{
    (void)size;
    digitally_signed m;
    (void)hs_parse_certificate_verify(r, &m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_hs_run(data, size, parse);
    return 0;
}
