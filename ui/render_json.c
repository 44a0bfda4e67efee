#include "ui/render_json.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/alert.h"

/* Sets obj[key] = v, taking v's reference; a NULL v (a failed constructor) fails. */
static bool put(json_t *obj, const char *key, json_t *v)
{
    return v && json_object_set_new(obj, key, v) == 0;
}

/* A JSON string, or null for NULL. jansson refuses invalid UTF-8, and a decoded wire
 * value (a server name, say) may hold any byte: those bytes become '?'. */
static json_t *str_or_null(const char *s)
{
    if (!s)
        return json_null();
    json_t *v = json_string(s);
    if (v)
        return v;
    char *copy = strdup(s);
    if (!copy)
        return NULL;
    for (char *c = copy; *c; c++)
        if ((unsigned char)*c >= 0x80)
            *c = '?';
    v = json_string(copy);
    free(copy);
    return v;
}

static json_t *hex_string(const uint8_t *p, size_t n)
{
    char *hex = annot_hex(p, n, 0);
    if (!hex)
        return NULL;
    json_t *v = json_string(hex);
    free(hex);
    return v;
}

enum { JSON_PATH_MAX = 256 };

/* Each field with its path (sim/trace.h), the name lessons refer to it by. */
static json_t *fields_array(const trace_event *e)
{
    const annot_list *f = &e->fields;
    char *paths = f->n ? malloc(f->n * JSON_PATH_MAX) : NULL;
    if (f->n && (!paths || !trace_field_paths(e, paths, JSON_PATH_MAX))) {
        free(paths);
        return NULL;
    }
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < f->n; i++) {
        const annot *a = &f->v[i];
        json_t *o = json_object();
        bool ok = o && put(o, "name", str_or_null(a->name)) &&
                  put(o, "path", str_or_null(paths + i * JSON_PATH_MAX)) &&
                  put(o, "offset", json_integer((json_int_t)a->offset)) &&
                  put(o, "length", json_integer((json_int_t)a->length)) &&
                  put(o, "value", str_or_null(a->value)) &&
                  put(o, "depth", json_integer(a->depth)) &&
                  put(o, "explain", str_or_null(a->explain));
        if (!ok || json_array_append_new(arr, o) != 0) {
            if (!ok)
                json_decref(o);
            json_decref(arr);
            free(paths);
            return NULL;
        }
    }
    free(paths);
    return arr;
}

static json_t *blobs_array(const trace_blob *b, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_t *o = json_object();
        bool ok = o && put(o, "name", str_or_null(b[i].name)) &&
                  put(o, "hex", hex_string(b[i].data, b[i].len)) &&
                  put(o, "explain", str_or_null(b[i].explain));
        if (!ok || json_array_append_new(arr, o) != 0) {
            if (!ok)
                json_decref(o);
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

/* Named texts as {"name": text}. */
static json_t *texts_object(const trace_event *e)
{
    json_t *o = json_object();
    for (size_t i = 0; o && i < e->n_texts; i++)
        if (json_object_set_new(o, e->texts[i].name,
                                str_or_null((const char *)e->texts[i].data)) != 0) {
            json_decref(o);
            return NULL;
        }
    return o;
}

static bool put_alert(json_t *o, int code)
{
    return put(o, "alert", json_string(alert_name(code))) && put(o, "code", json_integer(code));
}

/* many_conns: the trace holds several connections (--resume): each event says which. */
static json_t *event_object(const trace_event *e, bool many_conns)
{
    json_t *o = json_object();
    bool ok = o && put(o, "seq", json_integer((json_int_t)e->seq)) &&
              (!many_conns || put(o, "conn", json_integer((json_int_t)e->conn))) &&
              put(o, "actor", json_string(actor_name(e->actor))) &&
              put(o, "kind", json_string(ev_kind_name(e->kind))) &&
              put(o, "id", str_or_null(e->id ? e->id : "")) &&
              put(o, "title", str_or_null(e->title ? e->title : ""));
    if (ok && e->explain)
        ok = put(o, "explain", str_or_null(e->explain));
    else if (ok && trace_id_explain(e->id)) /* what the id means, where nothing says more */
        ok = put(o, "about", str_or_null(trace_id_explain(e->id)));
    if (ok && e->bytes)
        ok = put(o, "bytes", hex_string(e->bytes, e->len)) &&
             put(o, "encrypted", json_boolean(e->encrypted));
    if (ok && (e->bytes || e->fields.n))
        ok = put(o, "fields", fields_array(e));
    if (ok && e->formula)
        ok = put(o, "formula", str_or_null(e->formula));
    if (ok && e->n_inputs)
        ok = put(o, "inputs", blobs_array(e->inputs, e->n_inputs));
    if (ok && e->n_outputs)
        ok = put(o, "outputs", blobs_array(e->outputs, e->n_outputs));
    if (ok && e->n_steps) /* the PRF opened: label, seed, A1, block1 ... (sim/prf_trace.h) */
        ok = put(o, "steps", blobs_array(e->steps, e->n_steps));
    if (ok && e->n_texts)
        ok = put(o, "texts", texts_object(e));
    if (ok && e->kind == EV_VERIFY)
        ok = put(o, "ok", json_boolean(e->ok));
    if (ok && e->reason)
        ok = put(o, "reason", str_or_null(e->reason));
    if (ok && e->alert >= 0 && (e->kind == EV_ALERT || (e->kind == EV_VERIFY && !e->ok)))
        ok = put_alert(o, e->alert);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *render_json_result(const trace_result *r)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    bool ok;
    switch (r->outcome) {
    case OUTCOME_OK:
        ok = put(o, "outcome", json_string("ok")) && put(o, "suite", str_or_null(r->suite)) &&
             put(o, "alert", json_null()) && put(o, "code", json_null()) &&
             put(o, "sender", json_null()) && put(o, "reason", json_null());
        break;
    case OUTCOME_ALERT:
        ok = put(o, "outcome", json_string("alert")) && put(o, "suite", json_null()) &&
             put_alert(o, r->alert) && put(o, "sender", json_string(actor_name(r->sender))) &&
             put(o, "reason", str_or_null(r->reason));
        break;
    case OUTCOME_CLOSED:
    case OUTCOME_TIMEOUT:
        ok = put(o, "outcome", json_string(trace_outcome_name(r->outcome))) &&
             put(o, "suite", json_null()) && put(o, "alert", json_null()) &&
             put(o, "code", json_null()) && put(o, "sender", json_null()) &&
             put(o, "reason", str_or_null(r->reason));
        break;
    default:
        ok = put(o, "outcome", json_string("incomplete")) && put(o, "suite", json_null()) &&
             put(o, "alert", json_null()) && put(o, "code", json_null()) &&
             put(o, "sender", json_null()) &&
             put(o, "reason", r->reason[0] ? str_or_null(r->reason) : json_null());
        break;
    }
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *document(const trace *t, const render_kv *scenario, size_t n_scenario)
{
    json_t *root = json_object(), *scen = json_object(), *events = json_array();
    bool ok = root && scen && events;
    for (size_t i = 0; ok && i < n_scenario; i++)
        ok = scenario[i].key && put(scen, scenario[i].key, str_or_null(scenario[i].value));
    for (size_t i = 0; ok && i < t->n; i++) {
        json_t *e = event_object(&t->ev[i], t->conn > 0);
        ok = e && json_array_append_new(events, e) == 0;
    }
    if (ok) {
        /* json_object_set_new consumes the reference even when it fails. */
        ok = put(root, "scenario", scen);
        scen = NULL;
        if (ok)
            ok = put(root, "events", events);
        else
            json_decref(events);
        events = NULL;
        ok = ok && put(root, "result", render_json_result(&t->result));
    }
    json_decref(scen);
    json_decref(events);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

bool render_json(FILE *out, const trace *t, const render_kv *scenario, size_t n_scenario)
{
    return render_json_peer(out, t, scenario, n_scenario, NULL);
}

bool render_json_peer(FILE *out, const trace *t, const render_kv *scenario, size_t n_scenario,
                      const char *peer)
{
    json_t *root = document(t, scenario, n_scenario);
    if (!root)
        return false;
    if (peer && !put(root, "peer", json_string(peer))) {
        json_decref(root);
        return false;
    }
    bool ok = json_dumpf(root, out, JSON_INDENT(2)) == 0;
    json_decref(root);
    return ok && fputc('\n', out) != EOF && !ferror(out);
}
