/* Narration for a student: "who does what" from the event's kind, actor and id, then
 * "why" from the engine's explanation (or the id's when the engine gave none), then,
 * for a check, whether it held and what was compared. No title is pasted into a
 * fixed sentence: a title names a thing ("certificate check: validity (depth 0)"),
 * the sentence says what happens to it. */
#include "ui/narrate.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alert.h"
#include "ui/tui_draw.h"

typedef struct sink {
    char *p;
    size_t n, used;
} sink;

static void put(sink *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(sink *s, const char *fmt, ...)
{
    if (s->used + 1 >= s->n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(s->p + s->used, s->n - s->used, fmt, ap);
    va_end(ap);
    if (k > 0)
        s->used = s->used + (size_t)k < s->n ? s->used + (size_t)k : s->n - 1;
}

/* Adds text as a sentence of its own: a capital first letter, a full stop at the end
 * unless it has one. */
static void sentence(sink *s, const char *text)
{
    if (!text || !*text)
        return;
    size_t len = strlen(text);
    while (len && text[len - 1] == ' ')
        len--;
    if (!len)
        return;
    put(s, "%s%c%.*s%s", s->used ? " " : "", toupper((unsigned char)text[0]), (int)len - 1,
        text + 1, strchr(".!?", text[len - 1]) ? "" : ".");
}

/* Where a run of hex digits [p, p+len) first differs from another long run in all
 * that starts with the same 8 digits (a tag received and the one computed), in
 * digits from its start, rounded down to a whole byte; 0 when there is no such run. */
static size_t differs_at(const char *all, const char *p, size_t len)
{
    for (const char *q = all; *q;) {
        size_t run = 0;
        while (isxdigit((unsigned char)q[run]))
            run++;
        if (run > 16 && q != p && strncmp(q, p, 8) == 0) {
            size_t k = 8;
            while (k < len && k < run && q[k] == p[k])
                k++;
            if (k < len && k < run)
                return k & ~(size_t)1;
        }
        q += run ? run : 1;
    }
    return 0;
}

/* Adds text with every run of more than 16 hex digits cut to its first 8 and "...":
 * a narration says what was compared, and the detail pane shows the bytes whole.
 * Two runs that begin alike also show 8 digits from where they differ, so a tag
 * received and one computed never read as equal. */
static void put_short_hex(sink *s, const char *text)
{
    const char *all = text;
    while (*text) {
        size_t run = 0;
        while (isxdigit((unsigned char)text[run]))
            run++;
        bool word_start = s->used == 0 || !isalnum((unsigned char)s->p[s->used - 1]);
        if (run > 16 && word_start && !isalnum((unsigned char)text[run])) {
            size_t k = differs_at(all, text, run);
            if (k)
                put(s, "%.8s...%.*s%s", text, (int)(run - k < 8 ? run - k : 8), text + k,
                    k + 8 < run ? "..." : "");
            else
                put(s, "%.8s...", text);
            text += run;
        } else if (run) {
            put(s, "%.*s", (int)run, text);
            text += run;
        } else {
            put(s, "%c", *text++);
        }
    }
}

static const char *other(actor_id a)
{
    return a == ACTOR_CLIENT ? "server" : "client";
}

/* The thing a title names, without the notes in brackets: "Finished (encrypted)" ->
 * "Finished", "record: ClientHello, Certificate" -> "ClientHello, Certificate". */
static void thing(const char *title, char *out, size_t n)
{
    if (!title)
        title = "";
    if (strncmp(title, "record: ", 8) == 0)
        title += 8;
    snprintf(out, n, "%s", title);
    char *enc = strstr(out, " (encrypted)");
    if (enc)
        *enc = 0;
}

/* "(depth N)" in a chain check's title, or -1. */
static int depth_of(const char *title)
{
    const char *d = title ? strstr(title, "(depth ") : NULL;
    return d ? atoi(d + 7) : -1;
}

static bool starts(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The engine's own line, else the id's. */
static const char *why(const trace_event *e)
{
    if (e->explain && *e->explain)
        return e->explain;
    return trace_id_explain(e->id);
}

static void message(sink *s, const trace_event *e)
{
    char what[160];
    thing(e->title, what, sizeof what);
    if (e->actor == ACTOR_ATTACKER)
        put(s, "The attacker sends %s.", what);
    else if (starts(e->title, "application data"))
        put(s, "The %s sends application data to the %s%s.", actor_name(e->actor),
            other(e->actor), e->encrypted ? ", encrypted with the new keys" : "");
    else
        put(s, "The %s sends %s to the %s%s.", actor_name(e->actor), what, other(e->actor),
            e->encrypted ? " (the bytes shown are before encryption)" : "");
    sentence(s, why(e));
}

static void record(sink *s, const trace_event *e)
{
    char what[160];
    thing(e->title, what, sizeof what);
    if (!starts(e->title, "record: "))
        put(s, "The %s sends a record.", actor_name(e->actor));
    else if (starts(what, "Alert: "))
        put(s, "The %s's %s alert travels in a record.", actor_name(e->actor), what + 7);
    else
        put(s, "The %s's %s travels in a record.", actor_name(e->actor), what);
    sentence(s, e->explain);
}

/* What a computation does, by id; NULL when the id has no phrase of its own. */
static const char *compute_phrase(const char *id)
{
    static const struct {
        const char *id, *phrase;
    } phrases[] = {
        {"premaster_secret", "works out the premaster secret"},
        {"master_secret", "derives the master secret"},
        {"key_block", "expands the master secret into the key block"},
        {"ske_signature", "signs both randoms and its key share for the ServerKeyExchange"},
        {"certificate_verify_signature", "signs the handshake so far for its CertificateVerify"},
        {"session_state", "opens the session state a ticket carried"},
        {"session_ticket", "seals the session into a ticket"},
        {"attacker.decrypt", "decrypts what it relays"},
    };
    for (size_t i = 0; id && i < sizeof phrases / sizeof phrases[0]; i++)
        if (strcmp(id, phrases[i].id) == 0)
            return phrases[i].phrase;
    return NULL;
}

static void compute(sink *s, const trace_event *e)
{
    const char *phrase = compute_phrase(e->id);
    if (phrase)
        put(s, "The %s %s.", actor_name(e->actor), phrase);
    else if (starts(e->id, "verify_data"))
        put(s, "The %s computes the verify_data for the %s.", actor_name(e->actor),
            strstr(e->title, "server") ? "server's Finished" : "client's Finished");
    else if (starts(e->title, "eavesdropper: "))
        put(s, "The eavesdropper: %s.", e->title + 14);
    else if (starts(e->title, "eavesdropper "))
        put(s, "The %s.", e->title);
    else if (starts(e->id, "fault") || starts(e->id, "attacker"))
        put(s, "%s: %s.", e->actor == ACTOR_ATTACKER ? "The attacker" : "A fault",
            starts(e->title, "fault: ")      ? e->title + 7
            : starts(e->title, "attacker: ") ? e->title + 10
                                             : e->title);
    else
        put(s, "The %s computes the %s.", actor_name(e->actor), e->title);
    sentence(s, why(e));
}

/* What a check looks at, by id. */
static void checked_thing(const trace_event *e, char *out, size_t n)
{
    int depth = depth_of(e->title);
    const char *peer = other(e->actor);
    if (starts(e->id, "check.chain") && depth == 0)
        snprintf(out, n, "the %s's own certificate (depth 0 of its chain)", peer);
    else if (starts(e->id, "check.chain") && depth > 0)
        snprintf(out, n, "the certificate %d step%s up the %s's chain (depth %d)", depth,
                 depth > 1 ? "s" : "", peer, depth);
    else if (starts(e->id, "check.chain"))
        snprintf(out, n, "the %s's certificate chain", peer);
    else if (starts(e->id, "check.negotiation"))
        snprintf(out, n, "what both sides offered");
    else if (starts(e->id, "check.finished"))
        snprintf(out, n, "the %s's Finished message", peer);
    else if (starts(e->id, "check.record"))
        snprintf(out, n, "a record from the %s", peer);
    else if (starts(e->id, "check.ske_signature"))
        snprintf(out, n, "the signature on the ServerKeyExchange");
    else if (starts(e->id, "check.certificate_verify"))
        snprintf(out, n, "the signature in the CertificateVerify");
    else if (starts(e->id, "check.key_share"))
        snprintf(out, n, "the %s's public key share", peer);
    else if (starts(e->id, "check.dh_group"))
        snprintf(out, n, "the Diffie-Hellman group the server sent");
    else if (starts(e->id, "check.client_certificate"))
        snprintf(out, n, "whether the client sent a certificate");
    else if (starts(e->id, "check.resumption"))
        snprintf(out, n, e->actor == ACTOR_CLIENT ? "whether the server resumed its session"
                                                  : "whether to resume the session the client "
                                                    "offered");
    else if (starts(e->id, "check.session_ticket"))
        snprintf(out, n, "the session ticket the client sent");
    else if (starts(e->id, "check.session_cache"))
        snprintf(out, n, "its session cache for the session id the client sent");
    else if (starts(e->id, "check.ems"))
        snprintf(out, n, "the extended master secret extension of both hellos");
    else
        thing(e->title, out, n);
}

static void verify(sink *s, const trace_event *e, bool verdict)
{
    char what[200];
    checked_thing(e, what, sizeof what);
    put(s, "The %s checks %s", actor_name(e->actor), what);
    const char *general = trace_id_explain(e->id);
    const char *w = e->explain && *e->explain ? e->explain : general;
    /* Lower-cased after the colon, unless it starts with a name ("TLS", "DH"). */
    if (w && *w)
        put(s, ": %c%s%s", isupper((unsigned char)w[0]) && islower((unsigned char)w[1])
                               ? tolower((unsigned char)w[0]) : w[0],
            w + 1, strchr(".!?", w[strlen(w) - 1]) ? "" : ".");
    else
        put(s, ".");
    if (!verdict)
        return;
    put(s, " It %s%s", e->ok ? "holds" : "fails", e->reason && *e->reason ? ": " : ".");
    if (e->reason)
        put_short_hex(s, e->reason);
    if (e->reason && *e->reason && !strchr(".!?", e->reason[strlen(e->reason) - 1]))
        put(s, ".");
    if (!e->ok && e->alert >= 0)
        put(s, " The %s answers with the alert %s.", actor_name(e->actor), alert_name(e->alert));
}

static void alert(sink *s, const trace_event *e)
{
    if (starts(e->id, "alert_received")) {
        put(s, "The %s receives a fatal alert from the %s and gives up.", actor_name(e->actor),
            other(e->actor));
    } else if (e->alert == 0) {
        put(s, "The %s sends the alert close_notify (a warning): it has nothing more to send.",
            actor_name(e->actor));
        return;
    } else {
        put(s, "The %s sends the alert %s", actor_name(e->actor),
            e->alert >= 0 ? alert_name(e->alert) : "");
        put(s, "%s", e->alert == ALERT_NO_RENEGOTIATION || e->alert == ALERT_USER_CANCELED
                         ? " (a warning)." : " (fatal: the connection ends).");
    }
    if (e->reason && *e->reason)
        sentence(s, e->reason);
    else
        sentence(s, e->explain);
}

static void note(sink *s, const trace_event *e)
{
    sentence(s, e->title);
    const char *w = why(e);
    if (w && e->title && strcmp(w, e->title) != 0)
        sentence(s, w);
    if (e->reason && *e->reason)
        sentence(s, e->reason);
}

static void narrate(const trace_event *e, char *out, size_t n, bool verdict)
{
    sink s = {out, n, 0};
    if (!n)
        return;
    out[0] = 0;
    if (!e)
        return;
    switch (e->kind) {
    case EV_MESSAGE: message(&s, e); break;
    case EV_RECORD: record(&s, e); break;
    case EV_COMPUTE: compute(&s, e); break;
    case EV_VERIFY: verify(&s, e, verdict); break;
    case EV_ALERT: alert(&s, e); break;
    case EV_NOTE: note(&s, e); break;
    }
}

void narrate_event(const trace_event *e, char *out, size_t n)
{
    narrate(e, out, n, true);
}

void narrate_what(const trace_event *e, char *out, size_t n)
{
    narrate(e, out, n, false);
}

int narrate_lines(const char *s, int w)
{
    return tui_wrap(0, 0, w, 0, 0, 0, s);
}
