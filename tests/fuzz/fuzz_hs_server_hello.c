/* libFuzzer: the server hello parser on arbitrary bytes, with annotations on, as the
 * engine runs it. Any failure must leave an error naming the field. */
#include <stdint.h>
#include <stdlib.h>

#include "sim/hs_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tls_err err;
    err_init(&err);
    annot_list al;
    annot_list_init(&al);
    reader r;
    rd_init(&r, data, size, &err, &al, "message");
    server_hello m; (void)hs_parse_server_hello(&r, &m);
    for (size_t i = 0; i < al.n; i++)
        if (al.v[i].offset + al.v[i].length > size)
            abort(); /* an annotation outside the message would mislead the hex view */
    annot_list_free(&al);
    return 0;
}
