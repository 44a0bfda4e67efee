#include "ui/render_text.h"

#include <stdlib.h>
#include <string.h>

#include "base/alert.h"
#include "ui/narrate.h"

#define DUMP_WIDTH 16 /* bytes per hex-dump line */
#define BLOB_WIDTH 32 /* bytes per line of an input/output value */

typedef struct glyphs {
    const char *arrow, *pass, *fail, *dash;
} glyphs;

static const glyphs utf8_glyphs = {"\u2192", "\u2713", "\u2717", "\u2014"};
static const glyphs ascii_glyphs = {"->", "ok", "FAIL", "--"};

/* Messages and records travel from their sender to the other endpoint; an attacker's
 * injection has no fixed peer, so it is shown without an arrow. */
static void put_header(FILE *out, const trace_event *e, const glyphs *g)
{
    fprintf(out, "#%zu  ", e->seq);
    bool travels = e->kind == EV_MESSAGE || e->kind == EV_RECORD;
    if (travels && e->actor == ACTOR_CLIENT)
        fprintf(out, "client %s server", g->arrow);
    else if (travels && e->actor == ACTOR_SERVER)
        fprintf(out, "server %s client", g->arrow);
    else
        fputs(actor_name(e->actor), out);
    fprintf(out, "  %s  %s%s\n", ev_kind_name(e->kind), e->title ? e->title : "",
            e->encrypted ? " (encrypted)" : "");
}

/* Offset, 16 bytes in two groups of 8, then the printable characters. */
static void put_hex_dump(FILE *out, const uint8_t *p, size_t n)
{
    for (size_t off = 0; off < n; off += DUMP_WIDTH) {
        size_t k = n - off < DUMP_WIDTH ? n - off : DUMP_WIDTH;
        char *hex = annot_hex(p + off, k, 0);
        if (!hex)
            return;
        fprintf(out, "    %04zx  ", off);
        for (size_t i = 0; i < DUMP_WIDTH; i++) {
            if (i < k)
                fprintf(out, "%.2s ", hex + 2 * i);
            else
                fputs("   ", out);
            if (i == 7)
                fputc(' ', out);
        }
        fputs(" |", out);
        for (size_t i = 0; i < k; i++) {
            uint8_t c = p[off + i];
            fputc(c >= 0x20 && c < 0x7f ? c : '.', out);
        }
        fputs("|\n", out);
        free(hex);
    }
}

static void put_fields(FILE *out, const annot_list *f, const glyphs *g)
{
    if (f->n == 0)
        return;
    fputs("    fields:\n", out);
    for (size_t i = 0; i < f->n; i++) {
        const annot *a = &f->v[i];
        int depth = a->depth > 0 ? a->depth : 0;
        fprintf(out, "      %*s%s", 2 * depth, "", a->name ? a->name : "");
        if (a->value)
            fprintf(out, " = %s", a->value);
        if (a->explain)
            fprintf(out, "  %s %s", g->dash, a->explain);
        fprintf(out, "  [%zu+%zu]\n", a->offset, a->length);
    }
}

/* indent: of the heading; the values go 2 further in, their hex 4. */
static void put_blobs_at(FILE *out, int indent, const char *heading, const trace_blob *b,
                         size_t n, const glyphs *g)
{
    if (n == 0)
        return;
    fprintf(out, "%*s%s:\n", indent, "", heading);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%*s%s (%zu byte%s)", indent + 2, "", b[i].name, b[i].len,
                b[i].len == 1 ? "" : "s");
        if (b[i].explain)
            fprintf(out, "  %s %s", g->dash, b[i].explain);
        fputc('\n', out);
        char *hex = annot_hex(b[i].data, b[i].len, 0);
        if (!hex)
            continue;
        for (size_t off = 0; off < b[i].len; off += BLOB_WIDTH) {
            size_t k = b[i].len - off < BLOB_WIDTH ? b[i].len - off : BLOB_WIDTH;
            fprintf(out, "%*s%.*s\n", indent + 4, "", (int)(2 * k), hex + 2 * off);
        }
        free(hex);
    }
}

/* Named texts (a recompute command): line by line as recorded, for copy and paste. */
static void put_texts(FILE *out, const trace_event *e, const glyphs *g)
{
    for (size_t i = 0; i < e->n_texts; i++) {
        const trace_blob *t = &e->texts[i];
        fprintf(out, "    %s", t->name);
        if (t->explain)
            fprintf(out, "  %s %s", g->dash, t->explain);
        fputc('\n', out);
        const char *p = (const char *)t->data;
        while (*p) {
            size_t k = strcspn(p, "\n");
            fprintf(out, "      %.*s\n", (int)k, p);
            p += k + (p[k] == '\n');
        }
    }
}

static void put_blobs(FILE *out, const char *heading, const trace_blob *b, size_t n,
                      const glyphs *g)
{
    put_blobs_at(out, 4, heading, b, n, g);
}

static void put_event(FILE *out, const trace_event *e, const glyphs *g)
{
    put_header(out, e, g);
    char words[NARRATE_MAX];
    narrate_what(e, words, sizeof words);
    if (*words)
        fprintf(out, "    %s\n", words);
    if (e->bytes) {
        fprintf(out, "    bytes (%zu%s):\n", e->len,
                e->kind == EV_MESSAGE && e->encrypted ? ", before encryption" : "");
        put_hex_dump(out, e->bytes, e->len);
    }
    put_fields(out, &e->fields, g);
    if (e->formula)
        fprintf(out, "    formula: %s\n", e->formula);
    put_blobs(out, "inputs", e->inputs, e->n_inputs, g);
    put_blobs(out, "outputs", e->outputs, e->n_outputs, g);
    /* The PRF opened (sim/prf_trace.h), one level further in: a detail to skip. */
    put_blobs_at(out, 6, "how the PRF computed it (RFC 5246 5)", e->steps, e->n_steps, g);
    put_texts(out, e, g);
    if (e->kind == EV_VERIFY) {
        fprintf(out, "    %s %s", e->ok ? g->pass : g->fail, e->reason ? e->reason : "");
        if (!e->ok && e->alert >= 0)
            fprintf(out, " (alert %s(%d))", alert_name(e->alert), e->alert);
        fputc('\n', out);
    } else if (e->kind == EV_ALERT) {
        if (e->alert >= 0)
            fprintf(out, "    alert %s(%d)", alert_name(e->alert), e->alert);
        else
            fputs("    alert", out);
        if (e->reason)
            fprintf(out, ": %s", e->reason);
        fputc('\n', out);
    } else if (e->reason) {
        fprintf(out, "    %s\n", e->reason);
    }
    fputc('\n', out);
}

void render_text_result_peer(FILE *out, const trace_result *r, const char *peer)
{
    char end[96] = "";
    if (peer)
        snprintf(end, sizeof end, " (client %s)", peer);
    switch (r->outcome) {
    case OUTCOME_OK:
        fprintf(out, "result: ok %s%s\n", r->suite, end);
        return;
    case OUTCOME_ALERT:
        /* The contract's form always has the reason; say so when none was recorded. */
        fprintf(out, "result: alert %s(%d) sent by %s: %s%s\n", alert_name(r->alert), r->alert,
                actor_name(r->sender), r->reason[0] ? r->reason : "no reason recorded", end);
        return;
    case OUTCOME_CLOSED:
    case OUTCOME_TIMEOUT:
        /* No alert crossed the wire: say what ended the connection instead. */
        fprintf(out, "result: %s: %s%s\n", trace_outcome_name(r->outcome),
                r->reason[0] ? r->reason : "no reason recorded", end);
        return;
    case OUTCOME_NONE:
        break;
    }
    if (r->reason[0])
        fprintf(out, "result: incomplete: %s%s\n", r->reason, end);
    else
        fprintf(out, "result: incomplete%s\n", end);
}

void render_text_result(FILE *out, const trace_result *r)
{
    render_text_result_peer(out, r, NULL);
}

void render_text(FILE *out, const trace *t, const render_text_opts *o)
{
    render_text_opts def = {0};
    if (!o)
        o = &def;
    const glyphs *g = o->ascii ? &ascii_glyphs : &utf8_glyphs;
    if (!o->quiet)
        for (size_t i = 0; i < t->n; i++)
            put_event(out, &t->ev[i], g);
    render_text_result_peer(out, &t->result, o->peer);
}
