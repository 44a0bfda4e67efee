#include "sim/prf_trace.h"

#include <stdio.h>
#include <string.h>

void prf_trace_steps(trace_event *e, const prf_steps *s, const char *key_name, const char *label,
                     const uint8_t *seed, size_t seed_len, const char *seed_explain,
                     size_t outlen)
{
    if (!e || !s || s->n == 0)
        return;
    size_t hl = s->hash_len;
    char text[160];
    snprintf(text, sizeof text, "\"%s\" in ASCII; P_SHA%zu, keyed with %s", label, hl * 8,
             key_name);
    trace_add_step(e, "label", (const uint8_t *)label, strlen(label), text);
    trace_add_step(e, "seed", seed, seed_len, seed_explain);
    for (size_t i = 0; i < s->n; i++) {
        char name[32];
        snprintf(name, sizeof name, "A%zu", i + 1);
        if (i == 0)
            snprintf(text, sizeof text, "A(1) = HMAC(%s, label + seed)", key_name);
        else
            snprintf(text, sizeof text, "A(%zu) = HMAC(%s, A(%zu))", i + 1, key_name, i);
        trace_add_step(e, name, s->a[i], hl, text);
        snprintf(name, sizeof name, "block%zu", i + 1);
        size_t from = i * hl, to = from + hl - 1;
        int k = snprintf(text, sizeof text, "HMAC(%s, A(%zu) + label + seed): output bytes %zu..%zu",
                         key_name, i + 1, from, to);
        if (to >= outlen && k > 0 && (size_t)k < sizeof text)
            snprintf(text + k, sizeof text - (size_t)k, "; only %zu..%zu kept, cut to %zu bytes",
                     from, outlen - 1, outlen);
        trace_add_step(e, name, s->block[i], hl, text);
    }
}
