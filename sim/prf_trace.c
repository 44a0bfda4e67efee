#include "sim/prf_trace.h"

#include <string.h>

/* A line built by appending: the explanations are made for every derivation of
 * every run (tlssim bench counts them), and snprintf was most of their cost. */
typedef struct line {
    char s[160];
    size_t n;
} line;

static void put(line *l, const char *s)
{
    while (*s && l->n + 1 < sizeof l->s)
        l->s[l->n++] = *s++;
    l->s[l->n] = 0;
}

static void put_num(line *l, size_t v)
{
    char d[24], *p = d + sizeof d;
    *--p = 0;
    do
        *--p = (char)('0' + v % 10);
    while ((v /= 10) != 0 && p > d);
    put(l, p);
}

void prf_trace_steps(trace_event *e, const prf_steps *s, const char *key_name, const char *label,
                     const uint8_t *seed, size_t seed_len, const char *seed_explain,
                     size_t outlen)
{
    if (!e || !s || s->n == 0)
        return;
    size_t hl = s->hash_len;
    line t = {.n = 0};
    put(&t, "\"");
    put(&t, label);
    put(&t, "\" in ASCII; P_SHA");
    put_num(&t, hl * 8);
    put(&t, ", keyed with ");
    put(&t, key_name);
    trace_add_step(e, "label", (const uint8_t *)label, strlen(label), t.s);
    trace_add_step(e, "seed", seed, seed_len, seed_explain);
    for (size_t i = 0; i < s->n; i++) {
        line name = {.n = 0};
        put(&name, "A");
        put_num(&name, i + 1);
        t.n = 0;
        put(&t, "A(");
        put_num(&t, i + 1);
        put(&t, ") = HMAC(");
        put(&t, key_name);
        if (i == 0) {
            put(&t, ", label + seed)");
        } else {
            put(&t, ", A(");
            put_num(&t, i);
            put(&t, "))");
        }
        trace_add_step(e, name.s, s->a[i], hl, t.s);
        name.n = 0;
        put(&name, "block");
        put_num(&name, i + 1);
        size_t from = i * hl, to = from + hl - 1;
        t.n = 0;
        put(&t, "HMAC(");
        put(&t, key_name);
        put(&t, ", A(");
        put_num(&t, i + 1);
        put(&t, ") + label + seed): output bytes ");
        put_num(&t, from);
        put(&t, "..");
        put_num(&t, to);
        if (to >= outlen) { /* the last block: the PRF's output ends inside it */
            put(&t, "; only ");
            put_num(&t, from);
            put(&t, "..");
            put_num(&t, outlen - 1);
            put(&t, " kept, cut to ");
            put_num(&t, outlen);
            put(&t, " bytes");
        }
        trace_add_step(e, name.s, s->block[i], hl, t.s);
    }
}
