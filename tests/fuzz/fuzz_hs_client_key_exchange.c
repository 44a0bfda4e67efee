/* libFuzzer: the client key exchange parser on arbitrary bytes. */
#include "tests/fuzz/fuzz_hs.h"

static void parse(reader *r, size_t size)
{
    client_key_exchange m;
    (void)hs_parse_client_key_exchange(r, (cke_kind)(size % 3), &m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_hs_run(data, size, parse);
    return 0;
}
