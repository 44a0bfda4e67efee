/* libFuzzer: the certificate request parser on arbitrary bytes. */
#include "tests/fuzz/fuzz_hs.h"

static void parse(reader *r, size_t size)
{
    (void)size;
    certificate_request m;
    (void)hs_parse_certificate_request(r, &m);
    hs_certificate_request_free(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_hs_run(data, size, parse);
    return 0;
}
