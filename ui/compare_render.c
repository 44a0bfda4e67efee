#include "ui/compare_render.h"

#include <jansson.h>
#include <stdarg.h>
#include <string.h>

#include "ui/render_json.h"

enum {
    CELL_W = 38,   /* each run's column: " " + A + "  " + B fits 79 columns */
    PREFIX_W = 5,  /* "C->S " */
    SIZE_W = 8,    /* " 1782 B" */
    TEXT_W = 78,   /* the summary's lines */
    MAX_LINES = 12,
};

/* One line of a cell (lines are cut at 127 bytes; cells are narrower). */
static void line_set(char *dst, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void line_set(char *dst, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dst, 128, fmt, ap);
    va_end(ap);
}

/* Word-wraps s into at most max lines of at most w bytes (the text is ASCII);
 * returns how many. A word longer than w is split. */
static int wrap(const char *s, int w, char lines[][128], int max)
{
    int n = 0;
    while (*s && n < max) {
        while (*s == ' ')
            s++;
        int len = (int)strlen(s), take = len;
        if (len > w) {
            take = w;
            while (take > 0 && s[take] != ' ')
                take--;
            if (take == 0)
                take = w;
        }
        line_set(lines[n++], "%.*s", take, s);
        s += take;
    }
    return n;
}

static void step_text(const trace_event *e, char *out, size_t n)
{
    switch (e->actor == ACTOR_ATTACKER ? EV_NOTE : e->kind) { /* its titles say what it does */
    case EV_COMPUTE:
        snprintf(out, n, "computes %s", e->title);
        break;
    case EV_VERIFY:
        snprintf(out, n, e->ok ? "checks %s: ok" : "check FAILED: %s", e->title);
        break;
    default:
        snprintf(out, n, "%s", e->title);
    }
}

/* One run's cell of a row, as lines of CELL_W columns; returns how many. */
static int cell(const compare_model *m, size_t row, int side, char lines[][128])
{
    size_t ev = m->rows[row].ev[side];
    char text[512], wrapped[MAX_LINES][128];
    if (ev == CMP_NONE) {
        compare_missing_text(m, side, row, text, sizeof text);
        int k = wrap(text, CELL_W - PREFIX_W, wrapped, MAX_LINES);
        for (int i = 0; i < k; i++)
            line_set(lines[i], "%-*s%s", PREFIX_W, i ? "" : "-", wrapped[i]);
        return k;
    }
    const trace_event *e = &m->side[side].t->ev[ev];
    bool travels = e->kind == EV_MESSAGE;
    const char *prefix = e->actor == ACTOR_ATTACKER ? "!"
                         : travels ? (e->actor == ACTOR_CLIENT ? "C->S" : "S->C")
                         : e->actor == ACTOR_CLIENT ? "C"
                                                    : "S";
    step_text(e, text, sizeof text);
    int room = CELL_W - PREFIX_W - (travels ? SIZE_W : 0);
    int k = wrap(text, room, wrapped, MAX_LINES);
    for (int i = 0; i < k; i++) {
        if (i == 0 && travels)
            line_set(lines[i], "%-*s%-*s%*zu B", PREFIX_W, prefix, room, wrapped[i],
                     SIZE_W - 2, e->len);
        else
            line_set(lines[i], "%-*s%s", PREFIX_W, i ? "" : prefix, wrapped[i]);
    }
    return k;
}

static void put_wrapped(FILE *out, const char *first, const char *indent, const char *text)
{
    char lines[MAX_LINES][128];
    int w = TEXT_W - (int)strlen(indent);
    int k = wrap(text, w, lines, MAX_LINES);
    for (int i = 0; i < k; i++)
        fprintf(out, "%s%s\n", i ? indent : first, lines[i]);
}

void compare_render_text(FILE *out, const compare_model *m, uint64_t seed)
{
    fprintf(out, "tlssim compare, seed %llu: the same options and seed give the same bytes\n",
            (unsigned long long)seed);
    for (int k = 0; k < 2; k++) {
        const cmp_side *s = &m->side[k];
        char faults[256], head[512], first[8];
        compare_faults_text(s, faults, sizeof faults);
        snprintf(head, sizeof head, "%s (%s)%s%s", s->suite->name, compare_kex_name(s->suite),
                 faults[0] ? ", fault " : "", faults);
        snprintf(first, sizeof first, "  %c: ", 'A' + k);
        put_wrapped(out, first, "     ", head);
        if (s->note)
            put_wrapped(out, "     ", "     ", s->note);
    }
    fputs("\nThe two handshakes step by step (C client, S server, ! the one in the middle:\n"
          "an attacker or a wire fault; sizes are of the messages; - marks a step one run\n"
          "does not have)\n\n",
          out);
    fprintf(out, " %-*s  %s\n", CELL_W, "A", "B");
    for (size_t r = 0; r < m->n_rows; r++) {
        char a[MAX_LINES][128], b[MAX_LINES][128];
        int na = cell(m, r, 0, a), nb = cell(m, r, 1, b);
        for (int i = 0; i < na || i < nb; i++)
            fprintf(out, " %-*s  %s\n", CELL_W, i < na ? a[i] : "", i < nb ? b[i] : "");
    }
    fputs("\nSummary\n", out);
    for (cmp_item it = 0; it < CMP_ITEM_COUNT; it++) {
        if (it == CMP_ITEM_BYTES_S2C || it == CMP_ITEM_BYTES_TOTAL)
            continue; /* with the bytes to the server, on one line */
        fprintf(out, "%s\n", it == CMP_ITEM_BYTES_C2S ? "bytes on the wire (TLS records, as captured)"
                                                      : compare_item_label(it));
        for (int k = 0; k < 2; k++) {
            const cmp_side *s = &m->side[k];
            char text[1024], first[8];
            if (it == CMP_ITEM_BYTES_C2S)
                snprintf(text, sizeof text, "%zu client to server, %zu server to client, %zu in total",
                         s->bytes_c2s, s->bytes_s2c, s->bytes_c2s + s->bytes_s2c);
            else
                compare_item_text(s, it, false, text, sizeof text);
            snprintf(first, sizeof first, "  %c: ", 'A' + k);
            put_wrapped(out, first, "     ", text);
        }
    }
}

/* Sets obj[key] = v, taking v's reference; a NULL v (a failed constructor) fails. */
static bool put(json_t *obj, const char *key, json_t *v)
{
    return v && json_object_set_new(obj, key, v) == 0;
}

static json_t *text_of(const cmp_side *s, cmp_item it)
{
    char text[1024];
    compare_item_text(s, it, false, text, sizeof text);
    return json_string(text);
}

static json_t *step_json(const trace_event *e)
{
    json_t *o = json_object();
    bool sized = e->kind == EV_MESSAGE || e->kind == EV_ALERT;
    if (o && put(o, "seq", json_integer((json_int_t)e->seq)) &&
        put(o, "actor", json_string(actor_name(e->actor))) &&
        put(o, "kind", json_string(ev_kind_name(e->kind))) && put(o, "title", json_string(e->title)) &&
        put(o, "length", sized ? json_integer((json_int_t)e->len) : json_null()) &&
        put(o, "ok", e->kind == EV_VERIFY ? json_boolean(e->ok) : json_null()))
        return o;
    json_decref(o);
    return NULL;
}

static json_t *row_json(const compare_model *m, size_t r)
{
    json_t *o = json_object();
    bool ok = o != NULL;
    char missing[512] = "";
    for (int k = 0; ok && k < 2; k++) {
        size_t ev = m->rows[r].ev[k];
        if (ev == CMP_NONE)
            compare_missing_text(m, k, r, missing, sizeof missing);
        ok = put(o, k ? "B" : "A", ev == CMP_NONE ? json_null() : step_json(&m->side[k].t->ev[ev]));
    }
    if (ok && put(o, "missing", missing[0] ? json_string(missing) : json_null()))
        return o;
    json_decref(o);
    return NULL;
}

static json_t *run_json(const cmp_side *s)
{
    json_t *o = json_object();
    char faults[256];
    compare_faults_text(s, faults, sizeof faults);
    if (o && put(o, "suite", json_string(s->suite->name)) &&
        put(o, "faults", json_string(faults)) &&
        put(o, "key_exchange", json_string(compare_kex_name(s->suite))) &&
        put(o, "note", s->note ? json_string(s->note) : json_null()) &&
        put(o, "result", render_json_result(&s->t->result)))
        return o;
    json_decref(o);
    return NULL;
}

/* o when ok, else NULL with o released. */
static json_t *done(json_t *o, bool ok)
{
    if (ok)
        return o;
    json_decref(o);
    return NULL;
}

static json_t *premaster_json(const cmp_side *s)
{
    json_t *o = json_object();
    const char *source = s->pms == CMP_PMS_TRANSPORT ? "client-encrypted"
                         : s->pms == CMP_PMS_SHARES  ? "dh-shares"
                                                     : NULL;
    return done(o, o && put(o, "source", source ? json_string(source) : json_null()) &&
                       put(o, "length", source ? json_integer((json_int_t)s->pms_len) : json_null()) &&
                       put(o, "same_on_both_sides", json_boolean(s->pms_both_same)) &&
                       put(o, "text", text_of(s, CMP_ITEM_PMS)));
}

static json_t *key_json(const cmp_side *s)
{
    json_t *o = json_object();
    const char *use = s->key_use == CMP_KEY_DECRYPT ? "decrypt"
                      : s->key_use == CMP_KEY_SIGN  ? "sign"
                                                    : NULL;
    return done(o, o && put(o, "use", use ? json_string(use) : json_null()) &&
                       put(o, "signature_check_failed", json_boolean(s->key_check_failed)) &&
                       put(o, "text", text_of(s, CMP_ITEM_KEY_USE)));
}

static json_t *fs_json(const cmp_side *s)
{
    json_t *o = json_object();
    return done(o, o && put(o, "value", json_boolean(s->forward_secrecy)) &&
                       put(o, "from", json_string(s->fs_from_trace ? "trace" : "suite")) &&
                       put(o, "text", text_of(s, CMP_ITEM_FS)));
}

static json_t *bytes_json(const cmp_side *s)
{
    json_t *o = json_object();
    return done(o, o && put(o, "client_to_server", json_integer((json_int_t)s->bytes_c2s)) &&
                       put(o, "server_to_client", json_integer((json_int_t)s->bytes_s2c)) &&
                       put(o, "total", json_integer((json_int_t)(s->bytes_c2s + s->bytes_s2c))));
}

static json_t *ended_json(const compare_model *m, int k)
{
    const cmp_side *s = &m->side[k];
    size_t ev = m->n_rows ? m->rows[s->last_row].ev[k] : CMP_NONE;
    json_t *o = json_object();
    return done(o, o && put(o, "text", text_of(s, CMP_ITEM_ENDED)) &&
                       put(o, "last_seq", ev == CMP_NONE ? json_null()
                                                         : json_integer((json_int_t)s->t->ev[ev].seq)));
}

static json_t *trips_json(const cmp_side *s)
{
    json_t *a = json_array();
    bool ok = a != NULL;
    for (unsigned c = 0; ok && c < s->n_conns; c++)
        ok = json_array_append_new(a, json_integer(s->conn_trips[c])) == 0;
    return done(a, ok);
}

static json_t *summary_json(const compare_model *m, int k)
{
    const cmp_side *s = &m->side[k];
    json_t *o = json_object();
    char trips[512];
    compare_item_text(s, CMP_ITEM_TRIPS, false, trips, sizeof trips);
    return done(o, o && put(o, "premaster", premaster_json(s)) && put(o, "server_key", key_json(s)) &&
                       put(o, "forward_secrecy", fs_json(s)) &&
                       put(o, "handshake_complete", json_boolean(s->complete)) &&
                       put(o, "flights", json_integer(s->flights)) &&
                       put(o, "round_trips", s->complete ? json_integer(s->server_flights) : json_null()) &&
                       put(o, "round_trips_per_connection", trips_json(s)) &&
                       put(o, "round_trips_text", json_string(trips)) &&
                       put(o, "bytes", bytes_json(s)) && put(o, "ended", ended_json(m, k)));
}

static json_t *pair(json_t *a, json_t *b)
{
    json_t *o = json_object();
    bool ok = o && put(o, "A", a);
    if (!ok) /* b was never handed over */
        json_decref(b);
    return done(o, ok && put(o, "B", b));
}

bool compare_render_json(FILE *out, const compare_model *m, uint64_t seed)
{
    json_t *root = json_object(), *rows = json_array();
    bool ok = root && rows;
    for (size_t r = 0; ok && r < m->n_rows; r++) {
        json_t *row = row_json(m, r);
        ok = row && json_array_append_new(rows, row) == 0;
    }
    if (ok) {
        ok = put(root, "seed", json_integer((json_int_t)seed)) &&
             put(root, "runs", pair(run_json(&m->side[0]), run_json(&m->side[1])));
        if (ok) {
            ok = put(root, "rows", rows); /* taken, even on failure */
            rows = NULL;
        }
        ok = ok && put(root, "summary", pair(summary_json(m, 0), summary_json(m, 1)));
    }
    json_decref(rows);
    ok = ok && json_dumpf(root, out, JSON_INDENT(1)) == 0 && fputc('\n', out) != EOF;
    json_decref(root);
    return ok;
}
