/* libFuzzer: answer expressions and references (ui/lesson_expr.c, ui/lesson_ref.c)
 * over a real seeded run, and grading an arbitrary answer against them. Input: the
 * expression, then optionally a NUL and the student's answer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/pki_builtin.h"
#include "sim/engine.h"
#include "ui/lesson.h"

static trace t;
static pki p;

static void once(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    tls_err err;
    err_init(&err);
    if (!pki_load_builtin(&p, &err))
        abort();
    scenario sc;
    scenario_defaults(&sc);
    sc.pki = &p;
    sc.now = 1767225600; /* 2026-01-01 */
    sc.seeded = true;
    sc.seed = 1;
    trace_init(&t);
    if (!engine_run(&sc, &t))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    once();
    char *expr = malloc(size + 1);
    if (!expr)
        return 0;
    memcpy(expr, data, size);
    expr[size] = 0;
    const char *answer = strlen(expr) < size ? expr + strlen(expr) + 1 : "";
    lesson_value v;
    char err[512], text[1100];
    if (lesson_eval(&t, expr, &v, err, sizeof err)) {
        lesson_value_text(&v, text, sizeof text);
        if (v.has_target && v.target.event >= t.n)
            abort();
    }
    lesson_target g;
    if (lesson_resolve(&t, expr, &g, err, sizeof err) &&
        (g.event >= t.n || g.field >= (long)t.ev[g.event].fields.n))
        abort();
    for (int k = LQ_CHOICE; k <= LQ_SELECT; k++) {
        lesson_question q = {.kind = (lesson_qkind)k, .answer = expr, .n_choices = 2};
        q.choices[0] = "client";
        q.choices[1] = "ClientHello";
        char why[256];
        lesson_grade_answer(&t, &q, answer, why, sizeof why);
    }
    free(expr);
    return 0;
}
