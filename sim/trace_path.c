/* Field paths: a field named by where it lies in its message, from the annotations'
 * names and depths (sim/trace.h says the form). Lessons and the JSON use them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/trace.h"

enum { PATH_MAX_DEPTH = 64 };

void trace_path_name(const char *name, char *out, size_t n)
{
    if (n == 0)
        return;
    size_t len = strlen(name ? name : "");
    /* "certificate (leaf)": the parenthesis says which, [N] already does. */
    if (len > 1 && name[len - 1] == ')') {
        const char *open = strrchr(name, '(');
        if (open && open > name) {
            len = (size_t)(open - name);
            while (len > 0 && name[len - 1] == ' ')
                len--;
        }
    }
    size_t o = 0;
    for (size_t i = 0; i < len && o + 1 < n; i++) {
        char c = name[i];
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
        out[o++] = keep ? c : '_';
    }
    if (o == 0 && n > 1)
        out[o++] = '_'; /* an unnamed field still gets a segment */
    out[o] = 0;
}

/* A handshake message's body wraps all its fields: the path goes through it unseen. */
static bool transparent(const trace_event *e, const annot *a)
{
    return e->kind == EV_MESSAGE && a->depth == 0 && strcmp(a->name ? a->name : "", "body") == 0;
}

bool trace_field_paths(const trace_event *e, char *paths, size_t n)
{
    size_t nf = e->fields.n;
    if (nf == 0)
        return true;
    long *parent = malloc(nf * sizeof *parent);
    char(*names)[96] = malloc(nf * sizeof *names);
    bool ok = parent && names;
    long stack[PATH_MAX_DEPTH];
    for (int k = 0; k < PATH_MAX_DEPTH; k++)
        stack[k] = -1;
    for (size_t i = 0; ok && i < nf; i++) {
        const annot *a = &e->fields.v[i];
        int d = a->depth < 0 ? 0 : a->depth >= PATH_MAX_DEPTH ? PATH_MAX_DEPTH - 1 : a->depth;
        /* The nearest field before it one level up; a level skipped counts as none. */
        parent[i] = d > 0 ? stack[d - 1] : -1;
        stack[d] = (long)i;
        for (int k = d + 1; k < PATH_MAX_DEPTH && stack[k] >= 0; k++)
            stack[k] = -1;
        trace_path_name(a->name, names[i], sizeof names[i]);
    }
    const char *id = e->id && *e->id ? e->id : ev_kind_name(e->kind);
    for (size_t i = 0; ok && i < nf; i++) {
        size_t same = 0, index = 0;
        for (size_t j = 0; j < nf; j++) {
            if (parent[j] != parent[i] || strcmp(names[j], names[i]) != 0)
                continue;
            if (j < i)
                index++;
            same++;
        }
        long p = parent[i];
        const char *prefix = p < 0 || transparent(e, &e->fields.v[p]) ? id : paths + (size_t)p * n;
        char suffix[24] = "";
        if (same > 1)
            snprintf(suffix, sizeof suffix, "[%zu]", index);
        int w = snprintf(paths + i * n, n, "%s.%s%s", prefix, names[i], suffix);
        ok = w >= 0 && (size_t)w < n;
    }
    free(parent);
    free(names);
    return ok;
}

bool trace_field_path(const trace_event *e, size_t idx, char *out, size_t n)
{
    if (idx >= e->fields.n || n == 0)
        return false;
    char *all = malloc(e->fields.n * n);
    bool ok = all && trace_field_paths(e, all, n);
    if (ok)
        snprintf(out, n, "%s", all + idx * n);
    free(all);
    return ok;
}
