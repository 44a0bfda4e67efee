/* libFuzzer: the finished parser on arbitrary bytes. */
#include "tests/fuzz/fuzz_hs.h"

static void parse(reader *r, size_t size)
{
    (void)size;
    uint8_t vd[12];
    (void)hs_parse_finished(r, vd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_hs_run(data, size, parse);
    return 0;
}
