#include "ui/run_outputs.h"

#include <errno.h>
#include <string.h>

#include "ui/render_keylog.h"

static void fail(run_outputs *r, const char *what, const char *why)
{
    if (!r->failed && what)
        snprintf(r->why, sizeof r->why, "%s: %s", what, why);
    else if (!r->failed)
        snprintf(r->why, sizeof r->why, "%s", why);
    r->failed = true;
}

bool run_outputs_open(run_outputs *r, const char *json, const char *pcap, const char *keylog)
{
    memset(r, 0, sizeof *r);
    char why[300];
    bool ok = out_file_open(&r->json, json, why, sizeof why) &&
              out_file_open(&r->pcap, pcap, why, sizeof why) &&
              out_file_open(&r->keylog, keylog, why, sizeof why);
    if (ok && json && !(r->json_docs = tmpfile())) {
        snprintf(why, sizeof why, "%s: cannot make a temporary file: %s", json, strerror(errno));
        ok = false;
    }
    tls_err err;
    err_init(&err);
    if (ok && pcap && !(r->capture = render_pcap_open(r->pcap.f, &err))) {
        snprintf(why, sizeof why, "%s: %s", pcap, err.msg);
        ok = false;
    }
    if (!ok) {
        snprintf(r->why, sizeof r->why, "%s", why);
        run_outputs_abort(r);
    }
    return ok;
}

void run_outputs_add(run_outputs *r, const trace *t, const render_kv *scenario, size_t n,
                     const char *peer)
{
    if (r->json_docs) {
        if (r->connections > 0)
            fputs(",\n", r->json_docs);
        if (!render_json_peer(r->json_docs, t, scenario, n, peer))
            fail(r, r->json.path, "cannot write the JSON document");
    }
    if (r->capture && !render_pcap_add(r->capture, t))
        fail(r, r->pcap.path, "out of memory");
    if (r->keylog.f && render_keylog(r->keylog.f, t) < 0)
        fail(r, r->keylog.path, "cannot write the key log");
    r->connections++;
}

/* One connection: its document as it is; otherwise the connections and a summary. */
static bool write_json(run_outputs *r, const wire_tcp_summary *sum)
{
    FILE *out = r->json.f;
    bool several = sum && r->connections != 1;
    if (several)
        fputs("{\"connections\": [\n", out);
    rewind(r->json_docs);
    char buf[65536];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, r->json_docs)) > 0)
        if (fwrite(buf, 1, k, out) != k)
            return false;
    if (several)
        fprintf(out, "],\n \"summary\": {\"connections\": %u, \"ok\": %u, \"alert\": %u, "
                     "\"closed\": %u, \"timeout\": %u, \"interrupted\": %s}}\n",
                sum->connections, sum->ok, sum->alert, sum->closed, sum->timeout,
                sum->interrupted ? "true" : "false");
    return !ferror(r->json_docs) && !ferror(out);
}

bool run_outputs_finish(run_outputs *r, const wire_tcp_summary *sum)
{
    if (r->json_docs && !r->failed && !write_json(r, sum))
        fail(r, r->json.path, "write failed");
    if (r->capture) {
        tls_err err;
        err_init(&err);
        if (!render_pcap_close(r->capture, &err))
            fail(r, r->pcap.path, err.msg);
        r->capture = NULL;
    }
    char why[300];
    out_file *files[] = {&r->json, &r->pcap, &r->keylog};
    for (size_t i = 0; i < 3 && !r->failed; i++)
        if (!out_file_commit(files[i], why, sizeof why))
            fail(r, NULL, why);
    if (r->failed) {
        run_outputs_abort(r);
        return false;
    }
    if (r->json_docs)
        fclose(r->json_docs);
    r->json_docs = NULL;
    return true;
}

void run_outputs_abort(run_outputs *r)
{
    if (r->capture)
        render_pcap_close(r->capture, NULL);
    r->capture = NULL;
    if (r->json_docs)
        fclose(r->json_docs);
    r->json_docs = NULL;
    out_file_abort(&r->json);
    out_file_abort(&r->pcap);
    out_file_abort(&r->keylog);
}
