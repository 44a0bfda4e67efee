/* What every handshake-message fuzz target does around its parser: annotations on,
 * as the engine runs it, and none of them may point outside the message. */
#ifndef TLSSIM_FUZZ_HS_H
#define TLSSIM_FUZZ_HS_H

#include <stdint.h>
#include <stdlib.h>

#include "sim/hs_msg.h"

static inline void fuzz_hs_run(const uint8_t *data, size_t size, void (*parse)(reader *r, size_t size))
{
    tls_err err;
    err_init(&err);
    annot_list al;
    annot_list_init(&al);
    reader r;
    rd_init(&r, data, size, &err, &al, "message");
    parse(&r, size);
    for (size_t i = 0; i < al.n; i++)
        if (al.v[i].offset + al.v[i].length > size)
            abort(); /* an annotation outside the message would mislead the hex view */
    annot_list_free(&al);
}

#endif
