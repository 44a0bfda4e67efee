/* Answers as expressions over the trace (lessons/README.md, Expressions), and grading
 * a student's answer against them. Nothing here is typed in by the teacher: every
 * value comes from the run, so each seed gets its own right answers. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alert.h"
#include "ui/lesson.h"
#include "ui/lesson_ref.h"

enum { EXPR_MAX = 512, MAX_ARGS = 3 };

static bool fail(char *err, size_t n, const char *expr, const char *why)
{
    snprintf(err, n, "%s: %s", expr, why);
    return false;
}

static void set_name(lesson_value *v, const char *s)
{
    v->kind = LV_NAME;
    snprintf(v->name, sizeof v->name, "%s", s ? s : "");
}

static void set_bytes(lesson_value *v, const uint8_t *p, size_t len)
{
    v->kind = LV_BYTES;
    v->truncated = len > sizeof v->bytes;
    v->len = v->truncated ? sizeof v->bytes : len;
    if (v->len)
        memcpy(v->bytes, p, v->len);
}

/* The bytes a target names: a value's, a field's (out of its event's bytes), or the
 * event's own. */
static void target_bytes(const trace *t, const lesson_target *g, const uint8_t **p, size_t *len,
                         size_t *at)
{
    const trace_event *e = &t->ev[g->event];
    *at = 0;
    if (g->blob) {
        *p = g->blob->data;
        *len = g->blob->len;
    } else if (g->field >= 0) {
        const annot *a = &e->fields.v[g->field];
        bool inside = e->bytes && a->offset <= e->len && a->length <= e->len - a->offset;
        *p = inside ? e->bytes + a->offset : NULL;
        *len = inside ? a->length : 0;
        *at = a->offset;
    } else {
        *p = e->bytes;
        *len = e->bytes ? e->len : 0;
    }
}

static bool eval_ref(const trace *t, const char *ref, lesson_value *v, char *err, size_t n)
{
    lesson_target g;
    if (!lesson_resolve(t, ref, &g, err, n))
        return false;
    v->target = g;
    if (g.field < 0 && !g.blob) {
        set_name(v, t->ev[g.event].id);
        return true;
    }
    const uint8_t *p;
    size_t len, at;
    target_bytes(t, &g, &p, &len, &at);
    set_bytes(v, p, len);
    if (g.field >= 0) {
        v->has_target = true;
        v->sel_offset = at;
        v->sel_len = len;
    }
    return true;
}

static bool parse_num(const char *s, unsigned long long *out)
{
    char *end;
    errno = 0;
    if (!isdigit((unsigned char)*s))
        return false;
    *out = strtoull(s, &end, 10);
    return !errno && !*end;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t k = strlen(s);
    while (k && isspace((unsigned char)s[k - 1]))
        s[--k] = 0;
    return s;
}

static bool side_arg(const char *s, actor_id *a, char *err, size_t n, const char *expr)
{
    if (lesson_side(s, strlen(s), a))
        return true;
    snprintf(err, n, "%s: '%s' is not a side (client, server or attacker)", expr, s);
    return false;
}

/* count(SEL): events whose id is SEL or lies under it ("record", "check.chain"). */
static bool eval_count(const trace *t, const char *arg, lesson_value *v, char *err, size_t n,
                       const char *expr)
{
    lesson_ref r;
    if (!lesson_ref_parse(arg, &r, err, n))
        return false;
    if (r.explicit_nth)
        return fail(err, n, expr, "count() counts every occurrence: no '#'");
    unsigned long long c = 0;
    for (size_t i = 0; i < t->n; i++)
        c += lesson_event_matches(&t->ev[i], r.sel, r.side, true);
    v->kind = LV_NUMBER;
    v->number = c;
    return true;
}

/* carrier(SIDE, FIELD): the first message SIDE sent with a field of that name (or
 * path, after the message's id). */
static bool eval_carrier(const trace *t, char **args, lesson_value *v, char *err, size_t n,
                         const char *expr)
{
    actor_id side;
    if (!side_arg(args[0], &side, err, n, expr))
        return false;
    enum { W = 256 };
    for (size_t i = 0; i < t->n; i++) {
        const trace_event *e = &t->ev[i];
        if (e->kind != EV_MESSAGE || e->actor != side || !e->fields.n)
            continue;
        char *paths = malloc(e->fields.n * W);
        if (!paths || !trace_field_paths(e, paths, W)) {
            free(paths);
            return fail(err, n, expr, "out of memory");
        }
        size_t il = strlen(e->id);
        for (size_t k = 0; k < e->fields.n; k++) {
            char safe[96];
            const char *path = paths + k * W;
            trace_path_name(e->fields.v[k].name, safe, sizeof safe);
            bool hit = strcmp(safe, args[1]) == 0 ||
                       (strncmp(path, e->id, il) == 0 && path[il] == '.' &&
                        strcmp(path + il + 1, args[1]) == 0);
            if (hit) {
                free(paths);
                set_name(v, e->id);
                v->target = (lesson_target){i, (long)k, NULL};
                return true;
            }
        }
        free(paths);
    }
    snprintf(err, n, "%s: the %s sent no message with a field '%s'", expr, actor_name(side),
             args[1]);
    return false;
}

static bool eval_alert(const trace *t, const char *arg, lesson_value *v, char *err, size_t n,
                       const char *expr)
{
    actor_id side;
    if (!side_arg(arg, &side, err, n, expr))
        return false;
    for (size_t i = 0; i < t->n; i++)
        if (lesson_event_matches(&t->ev[i], "Alert", (int)side, false)) {
            set_name(v, alert_name(t->ev[i].alert));
            v->target = (lesson_target){i, -1, NULL};
            return true;
        }
    snprintf(err, n, "%s: the %s sent no alert in this run", expr, actor_name(side));
    return false;
}

/* The negotiated suite: the result's, or what ServerHello chose when the run failed
 * later (the field's value reads "0xc02f TLS_...", the name after the number). */
static bool eval_suite(const trace *t, lesson_value *v, char *err, size_t n, const char *expr)
{
    if (t->result.suite[0]) {
        set_name(v, t->result.suite);
        return true;
    }
    lesson_target g;
    char why[256];
    if (lesson_resolve(t, "ServerHello.cipher_suite", &g, why, sizeof why) && g.field >= 0) {
        const char *val = t->ev[g.event].fields.v[g.field].value;
        const char *sp = val ? strchr(val, ' ') : NULL;
        if (sp) {
            set_name(v, sp + 1);
            return true;
        }
    }
    return fail(err, n, expr, "no suite was negotiated in this run (no ServerHello)");
}

/* Splits "f(a, b, c)" into its name and arguments (in place); false when expr is no
 * call. */
static bool split_call(char *s, char **fname, char **args, size_t *nargs, bool *bad)
{
    *bad = false;
    char *open = strchr(s, '(');
    size_t len = strlen(s);
    if (!open || s[len - 1] != ')')
        return false;
    for (char *c = s; c < open; c++)
        if (!(islower((unsigned char)*c) || *c == '_'))
            return false;
    *open = 0;
    s[len - 1] = 0;
    *fname = s;
    *nargs = 0;
    char *a = trim(open + 1);
    if (!*a)
        return true;
    for (char *tok = a;; ) {
        char *comma = strchr(tok, ',');
        if (comma)
            *comma = 0;
        if (*nargs == MAX_ARGS) {
            *bad = true;
            return true;
        }
        args[(*nargs)++] = trim(tok);
        if (!comma)
            break;
        tok = comma + 1;
    }
    return true;
}

bool lesson_eval(const trace *t, const char *expr, lesson_value *out, char *err, size_t n)
{
    memset(out, 0, sizeof *out);
    out->target.field = -1;
    char buf[EXPR_MAX];
    if (!expr || strlen(expr) >= sizeof buf)
        return fail(err, n, expr ? "(expression)" : "(none)",
                    expr ? "longer than 511 characters" : "no expression");
    snprintf(buf, sizeof buf, "%s", expr);
    char *s = trim(buf);
    if (!*s)
        return fail(err, n, "@answer", "an empty expression");
    char shown[EXPR_MAX];
    snprintf(shown, sizeof shown, "%s", s);
    char *fname, *args[MAX_ARGS];
    size_t na;
    bool bad;
    if (!split_call(s, &fname, args, &na, &bad))
        return eval_ref(t, s, out, err, n);
    static const struct {
        const char *name;
        size_t nargs;
        const char *usage;
    } fns[] = {{"bytes", 3, "bytes(REF, START, LEN)"}, {"len", 1, "len(REF)"},
               {"uint", 1, "uint(REF)"},               {"text", 1, "text(REF)"},
               {"count", 1, "count(REF)"},             {"carrier", 2, "carrier(SIDE, FIELD)"},
               {"alert", 1, "alert(SIDE)"},            {"sender", 1, "sender(REF)"},
               {"check", 1, "check(REF)"},             {"suite", 0, "suite()"}};
    size_t f = 0;
    while (f < sizeof fns / sizeof fns[0] && strcmp(fns[f].name, fname) != 0)
        f++;
    if (f == sizeof fns / sizeof fns[0]) {
        snprintf(err, n, "%s: no function '%s' (functions: bytes, len, uint, text, count, "
                 "carrier, alert, sender, check, suite)", shown, fname);
        return false;
    }
    if (bad || na != fns[f].nargs) {
        snprintf(err, n, "%s: %s takes %zu argument%s: %s", shown, fname, fns[f].nargs,
                 fns[f].nargs == 1 ? "" : "s", fns[f].usage);
        return false;
    }
    for (size_t i = 0; i < na; i++)
        if (!*args[i])
            return fail(err, n, shown, "an empty argument");
    const char *name = fns[f].name;
    if (strcmp(name, "count") == 0)
        return eval_count(t, args[0], out, err, n, shown);
    if (strcmp(name, "carrier") == 0)
        return eval_carrier(t, args, out, err, n, shown);
    if (strcmp(name, "alert") == 0)
        return eval_alert(t, args[0], out, err, n, shown);
    if (strcmp(name, "suite") == 0)
        return eval_suite(t, out, err, n, shown);
    lesson_target g;
    if (!lesson_resolve(t, args[0], &g, err, n))
        return false;
    const trace_event *e = &t->ev[g.event];
    out->target = g;
    if (strcmp(name, "sender") == 0) {
        set_name(out, actor_name(e->actor));
        return true;
    }
    if (strcmp(name, "check") == 0) {
        if (e->kind != EV_VERIFY || g.field >= 0 || g.blob) {
            snprintf(err, n, "%s: '%s' is not a check (its id is %s)", shown, args[0], e->id);
            return false;
        }
        set_name(out, e->id);
        return true;
    }
    if (strcmp(name, "text") == 0) {
        if (g.field >= 0)
            set_name(out, e->fields.v[g.field].value);
        else if (g.blob)
            return fail(err, n, shown, "a named value has no text, only bytes: use it as it is");
        else
            set_name(out, e->title);
        return true;
    }
    const uint8_t *p;
    size_t len, at;
    target_bytes(t, &g, &p, &len, &at);
    if (strcmp(name, "len") == 0) {
        out->kind = LV_NUMBER;
        out->number = len;
        return true;
    }
    if (strcmp(name, "uint") == 0) {
        if (len == 0 || len > 8) {
            snprintf(err, n, "%s: uint() reads 1 to 8 bytes, '%s' has %zu", shown, args[0], len);
            return false;
        }
        out->kind = LV_NUMBER;
        for (size_t i = 0; i < len; i++)
            out->number = out->number << 8 | p[i];
        return true;
    }
    /* bytes(REF, START, LEN) */
    unsigned long long start, cnt;
    if (!parse_num(args[1], &start) || !parse_num(args[2], &cnt))
        return fail(err, n, shown, "START and LEN are whole numbers");
    if (cnt == 0 || start > len || cnt > len - start) {
        snprintf(err, n, "%s: '%s' has %zu bytes, so bytes %llu to %llu do not exist", shown,
                 args[0], len, start, start + cnt);
        return false;
    }
    set_bytes(out, p + start, (size_t)cnt);
    if (g.field >= 0 || (!g.blob && e->bytes)) {
        out->has_target = true;
        out->sel_offset = at + (size_t)start;
        out->sel_len = (size_t)cnt;
    }
    return true;
}

void lesson_value_text(const lesson_value *v, char *out, size_t n)
{
    if (n == 0)
        return;
    out[0] = 0;
    switch (v->kind) {
    case LV_BYTES: {
        size_t k = 0;
        for (size_t i = 0; i < v->len && k + 3 <= n; i++)
            k += (size_t)snprintf(out + k, n - k, "%02x", v->bytes[i]);
        if (v->truncated && k + 4 <= n)
            snprintf(out + k, n - k, "...");
        break;
    }
    case LV_NUMBER:
        snprintf(out, n, "%llu", v->number);
        break;
    case LV_NAME:
        snprintf(out, n, "%s", v->name);
        break;
    }
}

/* Lower case without '_', '-' and spaces: "Bad Certificate" = "bad_certificate". */
static void norm_name(const char *s, char *out, size_t n)
{
    size_t o = 0;
    for (; *s && o + 1 < n; s++)
        if (*s != '_' && *s != ' ' && *s != '-' && *s != '\t')
            out[o++] = (char)tolower((unsigned char)*s);
    out[o] = 0;
}

/* A name's answer: the whole, or for an id its end after a dot ("validity" for
 * "check.chain.validity", "chain.validity" too). A decoded value with spaces in it
 * ("0x0303 (TLS 1.2)") is matched whole. */
static bool name_fits(const char *answer, const char *right)
{
    char a[256], r[256];
    norm_name(answer, a, sizeof a);
    if (!*a)
        return false;
    bool id = !strchr(right, ' ');
    for (const char *p = right; p; p = id ? strchr(p, '.') : NULL) {
        if (*p == '.')
            p++;
        norm_name(p, r, sizeof r);
        if (strcmp(a, r) == 0)
            return true;
    }
    return false;
}

/* Hex digits with spaces, ':' and case ignored, "0x" allowed in front; false when
 * something else is in it. */
static bool parse_hex(const char *s, uint8_t *out, size_t max, size_t *len)
{
    while (isspace((unsigned char)*s))
        s++;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    size_t digits = 0;
    *len = 0;
    for (; *s; s++) {
        if (isspace((unsigned char)*s) || *s == ':')
            continue;
        if (!isxdigit((unsigned char)*s) || *len >= max)
            return false;
        int d = isdigit((unsigned char)*s) ? *s - '0' : tolower((unsigned char)*s) - 'a' + 10;
        if (digits % 2 == 0)
            out[*len] = (uint8_t)(d << 4);
        else
            out[(*len)++] |= (uint8_t)d;
        digits++;
    }
    return digits > 0 && digits % 2 == 0;
}

static lesson_grade verdict(bool right, char *why, size_t n, const char *wrong)
{
    snprintf(why, n, "%s", right ? "right" : wrong);
    return right ? LG_RIGHT : LG_WRONG;
}

static lesson_grade invalid(char *why, size_t n, const char *what)
{
    snprintf(why, n, "%s", what);
    return LG_INVALID;
}

lesson_grade lesson_grade_answer(const trace *t, const lesson_question *q, const char *answer,
                                 char *why, size_t n)
{
    if (!answer)
        answer = "";
    unsigned long long num;
    char a[128];
    snprintf(a, sizeof a, "%s", answer);
    char *ans = trim(a);
    if (q->kind == LQ_CHOICE) {
        if (!parse_num(ans, &num) || num < 1 || num > q->n_choices) {
            snprintf(why, n, "pick one of the choices, 1 to %zu", q->n_choices);
            return LG_INVALID;
        }
        bool any_star = false;
        for (size_t i = 0; i < q->n_choices; i++)
            any_star |= q->choice_right[i];
        if (any_star)
            return verdict(q->choice_right[num - 1], why, n, "not that one");
    }
    lesson_value v;
    char err[512];
    if (!lesson_eval(t, q->answer, &v, err, sizeof err)) {
        snprintf(why, n, "the answer cannot be computed from this run: %s", err);
        return LG_INVALID;
    }
    char right[1100];
    lesson_value_text(&v, right, sizeof right);
    switch (q->kind) {
    case LQ_CHOICE:
        return verdict(name_fits(q->choices[num - 1], right), why, n, "not that one");
    case LQ_HEX: {
        uint8_t got[512];
        size_t len;
        if (!parse_hex(ans, got, sizeof got, &len))
            return invalid(why, n, "type hex digits, two per byte (spaces and ':' are fine)");
        bool ok = v.kind == LV_BYTES && !v.truncated && len == v.len &&
                  memcmp(got, v.bytes, len) == 0;
        return verdict(ok, why, n, len == v.len || v.kind != LV_BYTES ? "not those bytes"
                                                                     : "not those bytes (and "
                                                                       "not that many)");
    }
    case LQ_NUMBER:
        if (!parse_num(ans, &num))
            return invalid(why, n, "type a whole number in decimal");
        return verdict(v.kind == LV_NUMBER && num == v.number, why, n, "not that number");
    case LQ_NAME: {
        char norm[128];
        norm_name(ans, norm, sizeof norm);
        if (!*norm)
            return invalid(why, n, "type a name");
        return verdict(name_fits(ans, right), why, n, "not that name");
    }
    case LQ_SELECT: {
        unsigned long long seq = 0, off, len;
        char *plus = strchr(ans, '+'), *colon = strchr(ans, ':');
        bool has_seq = colon != NULL;
        if (has_seq) {
            *colon = 0;
            if (!parse_num(ans, &seq))
                return invalid(why, n, "select bytes in the hex pane, then press Enter");
            ans = colon + 1;
            plus = strchr(ans, '+');
        }
        if (!plus)
            return invalid(why, n, "select bytes in the hex pane, then press Enter");
        *plus = 0;
        if (!parse_num(ans, &off) || !parse_num(plus + 1, &len) || len == 0)
            return invalid(why, n, "select bytes in the hex pane, then press Enter");
        if (!v.has_target)
            return invalid(why, n, "this question's answer is not a range of bytes");
        bool place = !has_seq || seq == t->ev[v.target.event].seq;
        bool ok = place && off == v.sel_offset && len == v.sel_len;
        if (ok)
            return verdict(true, why, n, "");
        if (!place)
            return verdict(false, why, n, "those bytes are in another step");
        bool overlap = off < v.sel_offset + v.sel_len && v.sel_offset < off + len;
        return verdict(false, why, n,
                       overlap ? "close: part of it, or more than it" : "not those bytes");
    }
    }
    return invalid(why, n, "unknown kind of question");
}
