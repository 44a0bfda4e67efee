/* The hidden-fault exercise without drawing: picking the fault, the answers taken
 * from the trace, the choices, grading and hints (ui/tui_exercise.h). */
#include "ui/tui_exercise.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alert.h"
#include "sim/engine.h"
#include "ui/progress.h"
#include "ui/tui_faults.h"

#define NONE ((size_t)-1)

void exercise_category_slug(int category, char *out, size_t n)
{
    snprintf(out, n, "%s", fault_category_name((fault_category)category));
    for (char *p = out; *p; p++)
        if (*p == ' ')
            *p = '-';
}

bool exercise_category_parse(const char *name, int *out)
{
    for (int c = 0; c < FCAT_COUNT; c++) {
        char slug[64];
        exercise_category_slug(c, slug, sizeof slug);
        if (strcasecmp(name, slug) == 0 || strcasecmp(name, fault_category_name((fault_category)c)) == 0) {
            *out = c;
            return true;
        }
    }
    return false;
}

void exercise_category_list(char *out, size_t n)
{
    size_t used = 0;
    out[0] = 0;
    for (int c = 0; c < FCAT_COUNT && used < n; c++) {
        char slug[64];
        exercise_category_slug(c, slug, sizeof slug);
        used += (size_t)snprintf(out + used, n - used, "%s%s", c ? ", " : "", slug);
    }
}

bool exercise_eligible(const fault_info *f, int category)
{
    return f->implemented && f->alert != ALERT_NONE &&
           (category == EX_ALL || (int)f->category == category);
}

bool exercise_is_fault_note(const trace_event *e)
{
    return e->kind == EV_NOTE && strncmp(e->title, "fault injected", 14) == 0;
}

/* splitmix64: neighbouring seeds give unrelated picks. */
static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* Runs chosen with fault f; false when the fault does not fit the scenario or the run
 * does not end in an alert (then it has nothing to find). */
static bool run_with(const scenario *chosen, fault_given given, const fault_info *f, scenario *sc,
                     trace *t)
{
    char why[256];
    *sc = *chosen;
    sc->faults = FAULT_BIT(f->id);
    sc->n_edits = 0;
    if (!fault_fit_scenario_given(sc, given, why, sizeof why))
        return false;
    trace_init(t);
    engine_run(sc, t);
    if (t->result.outcome != OUTCOME_ALERT) {
        trace_free(t);
        return false;
    }
    return true;
}

/* The first alert other than close_notify, and the first failed check before it. */
static void find_failure(const trace *t, size_t *check, size_t *alert)
{
    *check = NONE;
    *alert = NONE;
    for (size_t i = 0; i < t->n && *alert == NONE; i++) {
        const trace_event *e = &t->ev[i];
        if (e->kind == EV_ALERT && e->alert > 0)
            *alert = i;
        else if (e->kind == EV_VERIFY && !e->ok && *check == NONE)
            *check = i;
    }
}

/* The faults the student chooses the cause from: the pool, or the hidden fault's
 * category. */
static bool candidate(const exercise *ex, const fault_info *f)
{
    if (ex->pool)
        return (ex->pool & FAULT_BIT(f->id)) && exercise_eligible(f, EX_ALL);
    return exercise_eligible(f, (int)ex->fault->category);
}

static size_t add_choice(ex_question *q, const char *text)
{
    for (size_t i = 0; i < q->n; i++)
        if (strcmp(q->choices[i], text) == 0)
            return i;
    if (q->n == EX_MAX_CHOICES)
        return NONE;
    snprintf(q->choices[q->n], sizeof q->choices[q->n], "%s", text);
    return q->n++;
}

static int by_text(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* Sorts the choices (their order says nothing) and finds the right one again. */
static void settle(ex_question *q, const char *right)
{
    qsort(q->choices, q->n, sizeof q->choices[0], by_text);
    for (size_t i = 0; i < q->n; i++)
        if (strcmp(q->choices[i], right) == 0)
            q->right = i;
}

const char *exercise_alert_meaning(int alert)
{
    /* RFC 5246 7.2.2, in plain words. */
    switch (alert) {
    case ALERT_UNEXPECTED_MESSAGE: return "a message arrived that does not belong at this point of the handshake";
    case ALERT_BAD_RECORD_MAC: return "a record's MAC or tag does not fit: it was changed, or the two sides hold different keys";
    case ALERT_RECORD_OVERFLOW: return "a record is longer than TLS allows";
    case ALERT_HANDSHAKE_FAILURE: return "the two sides cannot agree on how to secure the connection";
    case ALERT_BAD_CERTIFICATE: return "a certificate is damaged or fails a check (no more specific alert fits)";
    case ALERT_UNSUPPORTED_CERTIFICATE: return "a certificate is of a kind, or for a use, that is not accepted here";
    case ALERT_CERTIFICATE_EXPIRED: return "a certificate is out of its validity period";
    case ALERT_ILLEGAL_PARAMETER: return "a value in the handshake is out of range or makes no sense";
    case ALERT_UNKNOWN_CA: return "the certificate chain does not lead to a CA that the checker trusts";
    case ALERT_DECODE_ERROR: return "a message could not be decoded: a field is too long or too short";
    case ALERT_DECRYPT_ERROR: return "a handshake computation failed: a signature or the Finished check does not verify";
    case ALERT_PROTOCOL_VERSION: return "the peer offers a TLS version the checker will not use";
    default: return "the handshake cannot go on";
    }
}

static const char *side_of(actor_id a)
{
    return a == ACTOR_CLIENT ? "client" : a == ACTOR_SERVER ? "server" : "attacker";
}

static void question_side(exercise *ex)
{
    ex_question *q = &ex->q[EX_SIDE];
    const trace_event *al = &ex->full.ev[ex->alert_ev];
    q->slug = "side";
    snprintf(q->prompt, sizeof q->prompt, "Which side notices that something is wrong, and sends an alert?");
    add_choice(q, "client");
    add_choice(q, "server");
    settle(q, side_of(al->actor));
    snprintf(q->hints[0], sizeof q->hints[0],
             "A side checks what it receives. Which message would be wrong, and who receives it?");
    /* The last step the student could see, and who made it. */
    size_t last = ex->frontier;
    while (last > 0 && exercise_is_fault_note(&ex->full.ev[last - 1]))
        last--;
    if (last > 0)
        snprintf(q->hints[1], sizeof q->hints[1], "The last step you can see is '%s', by the %s. "
                 "What comes next, and who checks it?", ex->full.ev[last - 1].title,
                 side_of(ex->full.ev[last - 1].actor));
    else
        snprintf(q->hints[1], sizeof q->hints[1], "It fails at the very start: who answers the first message?");
    tui_faults_mask_alerts(q->hints[1], sizeof q->hints[1]);
    q->n_hints = 2;
}

/* The check's name as the menu shows it. */
static void check_name(const trace_event *e, char *out, size_t n)
{
    snprintf(out, n, "%s", e->title);
}

static void question_check(exercise *ex, const scenario *chosen, fault_given given)
{
    ex_question *q = &ex->q[EX_CHECK];
    const trace_event *al = &ex->full.ev[ex->alert_ev];
    q->slug = "check";
    snprintf(q->prompt, sizeof q->prompt, "At which check does it fail?");
    char right[96];
    if (ex->fail_check != NONE)
        check_name(&ex->full.ev[ex->fail_check], right, sizeof right);
    else
        snprintf(right, sizeof right, "%s", EX_NO_CHECK);
    add_choice(q, right);
    add_choice(q, EX_NO_CHECK);
    /* The checks that fail for the other faults of the same category, on this scenario. */
    for (size_t i = 0; i < fault_count(); i++) {
        const fault_info *f = fault_at(i);
        if (f == ex->fault || !candidate(ex, f))
            continue;
        scenario sc;
        trace t;
        if (!run_with(chosen, given, f, &sc, &t))
            continue;
        size_t c, a;
        find_failure(&t, &c, &a);
        if (c != NONE) {
            char name[96];
            check_name(&t.ev[c], name, sizeof name);
            add_choice(q, name);
        }
        trace_free(&t);
    }
    /* At least seven: checks that passed before the stop, then the checks of the same
     * handshake without a fault, are fair distractors. */
    for (size_t i = 0; i < ex->frontier && q->n < 7; i++)
        if (ex->full.ev[i].kind == EV_VERIFY && ex->full.ev[i].ok) {
            char name[96];
            check_name(&ex->full.ev[i], name, sizeof name);
            add_choice(q, name);
        }
    if (q->n < 7) {
        scenario sc = ex->sc;
        sc.faults = 0;
        trace t;
        trace_init(&t);
        engine_run(&sc, &t);
        for (size_t i = 0; i < t.n && q->n < 7; i++)
            if (t.ev[i].kind == EV_VERIFY) {
                char name[96];
                check_name(&t.ev[i], name, sizeof name);
                add_choice(q, name);
            }
        trace_free(&t);
    }
    settle(q, right);
    bool chains = false;
    for (size_t i = 0; i < q->n; i++)
        chains |= strstr(q->choices[i], "(depth ") != NULL;
    if (chains)
        snprintf(q->prompt, sizeof q->prompt, "At which check does it fail? (depth 0 is the "
                 "certificate of the server or client itself, depth 1 the CA that signed it)");
    if (ex->fail_check != NONE) {
        snprintf(q->hints[0], sizeof q->hints[0], "It is a check the %s makes, on something the %s sent.",
                 side_of(al->actor), side_of(al->actor == ACTOR_CLIENT ? ACTOR_SERVER : ACTOR_CLIENT));
        snprintf(q->hints[1], sizeof q->hints[1], "What the check found: %s",
                 ex->full.ev[ex->fail_check].reason ? ex->full.ev[ex->fail_check].reason : "a mismatch");
    } else {
        snprintf(q->hints[0], sizeof q->hints[0], "Not every failure is a separate check: a message can "
                 "be refused as soon as it arrives, before anything is computed with it.");
        snprintf(q->hints[1], sizeof q->hints[1], "Why the %s stopped: %s", side_of(al->actor),
                 al->reason ? al->reason : "a message it could not accept");
    }
    tui_faults_mask_alerts(q->hints[1], sizeof q->hints[1]);
    q->n_hints = 2;
}

static void alert_choice(int code, char *out, size_t n)
{
    snprintf(out, n, "%s (%d)", alert_name(code), code);
}

static void question_alert(exercise *ex)
{
    ex_question *q = &ex->q[EX_ALERT];
    const trace_event *al = &ex->full.ev[ex->alert_ev];
    q->slug = "alert";
    snprintf(q->prompt, sizeof q->prompt, "Which alert does the %s send?", side_of(al->actor));
    char right[96], name[96];
    alert_choice(al->alert, right, sizeof right);
    /* The alerts the catalogue's faults end in: what a student meets in tlssim. */
    int codes[64];
    size_t n = 0;
    codes[n++] = al->alert;
    for (size_t i = 0; i < fault_count() && n < 64; i++) {
        const fault_info *f = fault_at(i);
        bool seen = false;
        for (size_t k = 0; k < n; k++)
            seen |= codes[k] == f->alert;
        if (!seen && exercise_eligible(f, EX_ALL))
            codes[n++] = f->alert;
    }
    /* By code, the order of RFC 5246 7.2. */
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && codes[k - 1] > codes[k]; k--) {
            int t = codes[k];
            codes[k] = codes[k - 1];
            codes[k - 1] = t;
        }
    for (size_t i = 0; i < n; i++) {
        alert_choice(codes[i], name, sizeof name);
        size_t at = add_choice(q, name);
        if (strcmp(name, right) == 0)
            q->right = at;
    }
    snprintf(q->hints[0], sizeof q->hints[0],
             "Certificate problems get certificate alerts; a record whose tag does not fit gets a MAC "
             "alert; a message in the wrong place, an unexpected-message alert; a failed signature "
             "or Finished, a decrypt alert; a bad value, an illegal-parameter alert.");
    snprintf(q->hints[1], sizeof q->hints[1], "The alert sent here means: %s.",
             exercise_alert_meaning(al->alert));
    q->n_hints = 2;
}

static void question_cause(exercise *ex)
{
    ex_question *q = &ex->q[EX_CAUSE];
    q->slug = "cause";
    if (ex->pool)
        snprintf(q->prompt, sizeof q->prompt, "Which fault was injected?");
    else
        snprintf(q->prompt, sizeof q->prompt, "Which fault was injected? (the faults of the category '%s')",
                 fault_category_name(ex->fault->category));
    for (size_t i = 0; i < fault_count(); i++)
        if (candidate(ex, fault_at(i)))
            add_choice(q, fault_at(i)->name);
    settle(q, ex->fault->name);
    const trace_event *al = &ex->full.ev[ex->alert_ev];
    if (ex->fail_check != NONE)
        snprintf(q->hints[0], sizeof q->hints[0], "The check '%s' failed. Which fault breaks exactly "
                 "what it looks at?", ex->full.ev[ex->fail_check].title);
    else
        snprintf(q->hints[0], sizeof q->hints[0], "The %s refused a message as it arrived. Which fault "
                 "sends something that cannot be accepted at that point?", side_of(al->actor));
    const char *found = ex->fail_check != NONE ? ex->full.ev[ex->fail_check].reason : al->reason;
    snprintf(q->hints[1], sizeof q->hints[1], "Read what was found closely: %s",
             found ? found : "(nothing recorded)");
    tui_faults_mask_alerts(q->hints[1], sizeof q->hints[1]);
    q->n_hints = 2;
}

static bool prepare(exercise *ex, const scenario *chosen, fault_given given, char *why, size_t n);
static bool start_fault(exercise *ex, const fault_info *f, uint64_t seed, const scenario *chosen,
                        fault_given given, char *why, size_t n);

bool exercise_start(exercise *ex, uint64_t seed, int category, const scenario *chosen,
                    fault_given given, char *why, size_t n)
{
    memset(ex, 0, sizeof *ex);
    trace_init(&ex->full);
    ex->seed = seed;
    ex->category = category;
    const fault_info *pool[FAULT_COUNT];
    size_t np = 0;
    for (size_t i = 0; i < fault_count(); i++)
        if (exercise_eligible(fault_at(i), category))
            pool[np++] = fault_at(i);
    /* From the seed's place in the pool on, the first fault that fits the scenario. */
    size_t start = np ? (size_t)(mix(seed) % np) : 0;
    for (size_t k = 0; k < np && !ex->fault; k++) {
        const fault_info *f = pool[(start + k) % np];
        if (run_with(chosen, given, f, &ex->sc, &ex->full))
            ex->fault = f;
    }
    if (!ex->fault) {
        snprintf(why, n, "no fault of this category fits the scenario given: leave out --suite or --group");
        return false;
    }
    return prepare(ex, chosen, given, why, n);
}

bool exercise_start_with(exercise *ex, const fault_info *f, uint64_t seed, const scenario *chosen,
                         fault_given given, char *why, size_t n)
{
    memset(ex, 0, sizeof *ex);
    return start_fault(ex, f, seed, chosen, given, why, n);
}

static bool start_fault(exercise *ex, const fault_info *f, uint64_t seed, const scenario *chosen,
                        fault_given given, char *why, size_t n)
{
    trace_init(&ex->full);
    ex->seed = seed;
    ex->category = EX_ALL;
    scenario sc = *chosen;
    sc.seed = seed;
    sc.seeded = true;
    if (!exercise_eligible(f, EX_ALL) || !run_with(&sc, given, f, &ex->sc, &ex->full)) {
        snprintf(why, n, "%s cannot be an exercise on this scenario", f->name);
        return false;
    }
    ex->fault = f;
    return prepare(ex, &sc, given, why, n);
}

bool exercise_start_pool(exercise *ex, const char *pool, uint64_t seed, const scenario *chosen,
                         fault_given given, char *why, size_t n)
{
    fault_set set = 0;
    const fault_info *v[FAULT_COUNT];
    size_t nv = 0;
    char name[64];
    for (const char *p = pool; *p;) {
        p += strspn(p, ", \t");
        size_t k = strcspn(p, ", \t");
        if (!k)
            break;
        snprintf(name, sizeof name, "%.*s", (int)(k < 63 ? k : 63), p);
        p += k;
        const fault_info *f = fault_by_name(name);
        if (!f || !exercise_eligible(f, EX_ALL)) {
            snprintf(why, n, "'%s' %s", name, f ? "ends without an alert or is not in this build: "
                     "nothing to find" : "is not a fault (see 'tlssim list faults')");
            return false;
        }
        if (!(set & FAULT_BIT(f->id)))
            v[nv++] = f;
        set |= FAULT_BIT(f->id);
    }
    if (!nv) {
        snprintf(why, n, "the pool of faults is empty");
        return false;
    }
    size_t start = (size_t)(mix(seed) % nv);
    /* From the seed's place in the pool on, the first that fits the scenario. */
    for (size_t k = 0; k < nv; k++) {
        memset(ex, 0, sizeof *ex);
        ex->pool = set;
        if (start_fault(ex, v[(start + k) % nv], seed, chosen, given, why, n))
            return true;
    }
    return false;
}

/* With the fault run: the answers from the trace, and the questions. */
static bool prepare(exercise *ex, const scenario *chosen, fault_given given, char *why, size_t n)
{
    int category = ex->category;
    uint64_t seed = ex->seed;
    find_failure(&ex->full, &ex->fail_check, &ex->alert_ev);
    if (ex->alert_ev == NONE) {
        snprintf(why, n, "the run with the hidden fault ended without an alert");
        trace_free(&ex->full);
        return false;
    }
    ex->frontier = ex->fail_check != NONE ? ex->fail_check : ex->alert_ev;
    if (category == EX_ALL) {
        snprintf(ex->unit, sizeof ex->unit, "exercise/%llu", (unsigned long long)seed);
    } else {
        char slug[64];
        exercise_category_slug(category, slug, sizeof slug);
        snprintf(ex->unit, sizeof ex->unit, "exercise/%llu-%s", (unsigned long long)seed, slug);
    }
    question_side(ex);
    question_check(ex, chosen, given);
    question_alert(ex);
    question_cause(ex);
    return true;
}

void exercise_free(exercise *ex)
{
    trace_free(&ex->full);
}

bool exercise_view(const exercise *ex, trace *view, size_t *map)
{
    memset(view, 0, sizeof *view);
    view->ev = calloc(ex->frontier ? ex->frontier : 1, sizeof *view->ev);
    if (!view->ev)
        return false;
    size_t *to_view = calloc(ex->full.n ? ex->full.n : 1, sizeof *to_view);
    if (!to_view) {
        free(view->ev);
        view->ev = NULL;
        return false;
    }
    for (size_t i = 0; i < ex->frontier; i++) {
        to_view[i] = NONE;
        if (exercise_is_fault_note(&ex->full.ev[i]))
            continue;
        to_view[i] = view->n;
        map[view->n] = i;
        trace_event *e = &view->ev[view->n];
        *e = ex->full.ev[i];
        e->seq = view->n++;
    }
    /* A record names the message its payload began with by index: renumber it. */
    for (size_t k = 0; k < view->n; k++) {
        trace_event *e = &view->ev[k];
        if (e->has_payload && (e->payload_first >= ex->frontier || to_view[e->payload_first] == NONE))
            e->has_payload = false;
        else if (e->has_payload)
            e->payload_first = to_view[e->payload_first];
    }
    free(to_view);
    view->cap = view->n;
    view->result.outcome = OUTCOME_NONE;
    return true;
}

void exercise_view_free(trace *view)
{
    free(view->ev);
    memset(view, 0, sizeof *view);
}

ex_part exercise_current(const exercise *ex)
{
    for (int p = 0; p < EX_PARTS; p++)
        if (!ex->q[p].done)
            return (ex_part)p;
    return EX_PARTS;
}

ex_grade exercise_answer(exercise *ex, ex_part p, size_t choice)
{
    ex_question *q = &ex->q[p];
    if (q->done)
        return EXG_DONE;
    q->attempts++;
    if (choice == q->right) {
        q->done = q->right_in_end = true;
        return EXG_RIGHT;
    }
    if (q->attempts >= EX_MAX_TRIES) {
        q->done = true;
        return EXG_GAVE_UP;
    }
    if (q->hints_shown < q->n_hints)
        q->hints_shown++;
    return EXG_WRONG;
}

unsigned exercise_score(const exercise *ex)
{
    unsigned s = 0;
    for (int p = 0; p < EX_PARTS; p++)
        s += ex->q[p].right_in_end;
    return s;
}

bool exercise_save(const exercise *ex, char *why, size_t n)
{
    for (int p = 0; p < EX_PARTS; p++) {
        const ex_question *q = &ex->q[p];
        if (!q->attempts)
            continue;
        char item[160];
        snprintf(item, sizeof item, "%s/%s", ex->unit, q->slug);
        progress_answer a = {item, q->attempts, q->hints_shown, q->right_in_end};
        if (!progress_record(&a, why, n))
            return false;
    }
    if (exercise_current(ex) != EX_PARTS)
        return true;
    return progress_finish(ex->unit, exercise_score(ex), EX_PARTS, why, n);
}

void exercise_reveal_text(const exercise *ex, char *out, size_t n)
{
    const fault_info *f = ex->fault;
    const trace_event *al = &ex->full.ev[ex->alert_ev];
    size_t used = 0;
    unsigned attempts = 0, hints = 0;
    for (int p = 0; p < EX_PARTS; p++) {
        attempts += ex->q[p].attempts;
        hints += ex->q[p].hints_shown;
    }
    used += (size_t)snprintf(out + used, n - used, "The hidden fault was %s (%s): %s.\n\n", f->name,
                             fault_category_name(f->category), f->explain);
    if (used < n && ex->fail_check != NONE) {
        const trace_event *c = &ex->full.ev[ex->fail_check];
        used += (size_t)snprintf(out + used, n - used, "The %s's check '%s' failed: %s\n\n",
                                 side_of(c->actor), c->title,
                                 c->explain ? c->explain : c->reason ? c->reason : "");
    } else if (used < n) {
        used += (size_t)snprintf(out + used, n - used, "No separate check failed: the %s refused a "
                                 "message as it arrived (%s).\n\n", side_of(al->actor),
                                 al->reason ? al->reason : "it could not be accepted there");
    }
    if (used < n)
        used += (size_t)snprintf(out + used, n - used, "So the %s sent the alert %s(%d), which means: "
                                 "%s. See %s.\n\n", side_of(al->actor), alert_name(al->alert), al->alert,
                                 exercise_alert_meaning(al->alert), f->rfc);
    if (used < n)
        snprintf(out + used, n - used, "Your score: %u of %d (%u %s, %u %s).", exercise_score(ex),
                 EX_PARTS, attempts, attempts == 1 ? "answer" : "answers", hints,
                 hints == 1 ? "hint" : "hints");
}
