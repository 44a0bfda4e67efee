/* libFuzzer: the server hello parser on arbitrary bytes. */
#include "tests/fuzz/fuzz_hs.h"

static void parse(reader *r, size_t size)
{
    (void)size;
    server_hello m;
    (void)hs_parse_server_hello(r, &m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_hs_run(data, size, parse);
    return 0;
}
