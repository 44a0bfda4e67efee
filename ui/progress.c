/* The progress file: one JSON object,
 *   {"version": 1,
 *    "answers": {"ITEM": {"attempts": N, "hints": N, "right": B, "when": "UTC time"}},
 *    "units":   {"UNIT": {"best": N, "last": N, "max": N, "finished": N, "when": "..."}},
 *    "places":  {"LESSON": {"step": N, "question": N, "seed": "DECIMAL", "steps": N,
 *                "questions": [{"attempts": N, "hints": N, "outcome": "open"|"right"|"shown",
 *                               "wrong": B, "answer": "..."}],
 *                "exercised": [B, ...], "when": "..."}}}
 * ("places" is optional: files written before it existed stay valid.)
 * An answer given again replaces the one before (the report shows the latest try);
 * a unit keeps its best score and how often it was finished. Every change reads the
 * file, changes it and writes it whole to a temporary file renamed over the old one
 * (ui/out_file.h), under a lock so that two tlssim windows do not lose each other's
 * answers. A file that is not such an object is never overwritten: the student's
 * record stays for the teacher to look at, and the error names the file. */
#include "ui/progress.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ui/out_file.h"

enum { PROGRESS_VERSION = 1 };

/* $XDG_STATE_HOME/tlssim, or ~/.local/state/tlssim. The XDG base directory spec says
 * a relative XDG_STATE_HOME is invalid and must be ignored. */
bool progress_dir(char *out, size_t n, char *why, size_t wn)
{
    const char *xdg = getenv("XDG_STATE_HOME");
    int k;
    if (xdg && xdg[0] == '/') {
        k = snprintf(out, n, "%s/tlssim", xdg);
    } else {
        const char *home = getenv("HOME");
        if (!home || home[0] != '/') {
            const struct passwd *pw = getpwuid(getuid());
            home = pw ? pw->pw_dir : NULL;
        }
        if (!home || home[0] != '/') {
            snprintf(why, wn, "cannot tell where to keep progress: set XDG_STATE_HOME or HOME");
            return false;
        }
        k = snprintf(out, n, "%s/.local/state/tlssim", home);
    }
    if (k < 0 || (size_t)k >= n) {
        snprintf(why, wn, "the progress folder's path is too long");
        return false;
    }
    return true;
}

bool progress_path(char *out, size_t n, char *why, size_t wn)
{
    char dir[4096];
    if (!progress_dir(dir, sizeof dir, why, wn))
        return false;
    int k = snprintf(out, n, "%s/progress.json", dir);
    if (k < 0 || (size_t)k >= n) {
        snprintf(why, wn, "the progress file's path is too long");
        return false;
    }
    return true;
}

/* mkdir -p, private (0700) as the XDG spec asks for the folders it creates. */
static bool make_dirs(const char *dir, char *why, size_t wn)
{
    char p[4096];
    snprintf(p, sizeof p, "%s", dir);
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != 0)
            continue;
        char c = *s;
        *s = 0;
        struct stat st;
        if (stat(p, &st) != 0 && mkdir(p, 0700) != 0 && errno != EEXIST) {
            snprintf(why, wn, "cannot create %s: %s", p, strerror(errno));
            return false;
        }
        if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
            snprintf(why, wn, "%s is not a folder", p);
            return false;
        }
        *s = c;
        if (!c)
            return true;
    }
}

static bool is_count(const json_t *v)
{
    return json_is_integer(v) && json_integer_value(v) >= 0;
}

/* Checks the shape, so that the rest of this file can trust it. */
static bool check_shape(const json_t *root, const char *path, char *why, size_t wn)
{
    if (!json_is_object(root)) {
        snprintf(why, wn, "%s: not a tlssim progress file (a JSON object expected)", path);
        return false;
    }
    const json_t *ver = json_object_get(root, "version");
    if (!json_is_integer(ver) || json_integer_value(ver) != PROGRESS_VERSION) {
        snprintf(why, wn, "%s: not a tlssim progress file (\"version\": %d expected)", path,
                 PROGRESS_VERSION);
        return false;
    }
    static const char *const lists[] = {"answers", "units"};
    for (size_t i = 0; i < 2; i++) {
        const json_t *o = json_object_get(root, lists[i]);
        if (!json_is_object(o)) {
            snprintf(why, wn, "%s: \"%s\" should be an object", path, lists[i]);
            return false;
        }
        const char *key;
        const json_t *e;
        json_object_foreach((json_t *)o, key, e) {
            bool ok = json_is_object(e);
            if (ok && i == 0)
                ok = is_count(json_object_get(e, "attempts")) && is_count(json_object_get(e, "hints")) &&
                     json_is_boolean(json_object_get(e, "right"));
            if (ok && i == 1)
                ok = is_count(json_object_get(e, "best")) && is_count(json_object_get(e, "last")) &&
                     is_count(json_object_get(e, "max")) && is_count(json_object_get(e, "finished"));
            if (!ok) {
                snprintf(why, wn, "%s: %s \"%.100s\" is damaged", path, i == 0 ? "answer" : "unit", key);
                return false;
            }
        }
    }
    const json_t *places = json_object_get(root, "places");
    if (places && !json_is_object(places)) {
        snprintf(why, wn, "%s: \"places\" should be an object", path);
        return false;
    }
    return true;
}

static json_t *empty_progress(void)
{
    return json_pack("{s:i, s:{}, s:{}}", "version", PROGRESS_VERSION, "answers", "units");
}

/* Loads the file; a missing file is an empty record. NULL with why otherwise. */
static json_t *load(const char *path, bool *missing, char *why, size_t wn)
{
    *missing = false;
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno != ENOENT) {
            snprintf(why, wn, "%s: %s", path, strerror(errno));
            return NULL;
        }
        *missing = true;
        json_t *e = empty_progress();
        if (!e)
            snprintf(why, wn, "out of memory");
        return e;
    }
    json_error_t err;
    json_t *root = json_loadf(f, JSON_REJECT_DUPLICATES, &err);
    bool read_error = ferror(f);
    fclose(f);
    if (read_error) {
        snprintf(why, wn, "%s: cannot read it", path);
        json_decref(root);
        return NULL;
    }
    if (!root) {
        snprintf(why, wn, "%s: not a tlssim progress file (line %d: %s); move it away to start afresh",
                 path, err.line, err.text);
        return NULL;
    }
    if (!check_shape(root, path, why, wn)) {
        json_decref(root);
        return NULL;
    }
    return root;
}

static bool save(const char *path, const json_t *root, char *why, size_t wn)
{
    out_file o;
    if (!out_file_open(&o, path, why, wn))
        return false;
    if (json_dumpf(root, o.f, JSON_INDENT(2) | JSON_SORT_KEYS) != 0 || fputc('\n', o.f) == EOF) {
        out_file_abort(&o);
        snprintf(why, wn, "%s: write failed", path);
        return false;
    }
    return out_file_commit(&o, why, wn);
}

static json_t *now_text(void)
{
    char buf[32];
    time_t t = time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        return json_null();
    return json_string(buf);
}

typedef bool (*change_fn)(json_t *root, const void *arg);

/* The read-modify-write, under an exclusive lock on a file beside progress.json
 * (not on progress.json itself: the rename replaces that file). */
static bool update(change_fn change, const void *arg, char *why, size_t wn)
{
    char dir[4096], path[4200], lock[4200];
    if (!progress_dir(dir, sizeof dir, why, wn) || !make_dirs(dir, why, wn))
        return false;
    snprintf(path, sizeof path, "%s/progress.json", dir);
    snprintf(lock, sizeof lock, "%s/.progress.lock", dir);
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 || flock(fd, LOCK_EX) != 0) {
        snprintf(why, wn, "%s: %s", lock, strerror(errno));
        if (fd >= 0)
            close(fd);
        return false;
    }
    bool missing;
    json_t *root = load(path, &missing, why, wn);
    bool ok = root != NULL;
    if (ok && !change(root, arg)) {
        snprintf(why, wn, "out of memory");
        ok = false;
    }
    if (ok)
        ok = save(path, root, why, wn);
    json_decref(root);
    close(fd); /* releases the lock */
    return ok;
}

static bool set_answer(json_t *root, const void *arg)
{
    const progress_answer *a = arg;
    json_t *e = json_pack("{s:I, s:I, s:b, s:o}", "attempts", (json_int_t)a->attempts, "hints",
                          (json_int_t)a->hints, "right", a->right, "when", now_text());
    return e && json_object_set_new(json_object_get(root, "answers"), a->item, e) == 0;
}

bool progress_record(const progress_answer *a, char *why, size_t n)
{
    if (!a->item || !a->item[0]) {
        snprintf(why, n, "an answer needs an item name");
        return false;
    }
    return update(set_answer, a, why, n);
}

typedef struct finish_arg {
    const char *unit;
    unsigned score, max;
} finish_arg;

static bool set_finish(json_t *root, const void *arg)
{
    const finish_arg *f = arg;
    json_t *units = json_object_get(root, "units");
    const json_t *old = json_object_get(units, f->unit);
    json_int_t best = f->score, finished = 1;
    if (old) {
        json_int_t was = json_integer_value(json_object_get(old, "best"));
        /* A best score only compares with one out of the same maximum. */
        if (json_integer_value(json_object_get(old, "max")) == (json_int_t)f->max && was > best)
            best = was;
        finished += json_integer_value(json_object_get(old, "finished"));
    }
    json_t *e = json_pack("{s:I, s:I, s:I, s:I, s:o}", "best", best, "last", (json_int_t)f->score, "max",
                          (json_int_t)f->max, "finished", finished, "when", now_text());
    return e && json_object_set_new(units, f->unit, e) == 0;
}

bool progress_finish(const char *unit, unsigned score, unsigned max, char *why, size_t n)
{
    if (!unit || !unit[0]) {
        snprintf(why, n, "a finished lesson needs a name");
        return false;
    }
    if (score > max) {
        snprintf(why, n, "%s: score %u is more than the maximum %u", unit, score, max);
        return false;
    }
    finish_arg f = {unit, score, max};
    return update(set_finish, &f, why, n);
}

bool progress_done(const char *unit, unsigned *score, unsigned *max)
{
    char path[4200], why[256];
    bool missing;
    if (!progress_path(path, sizeof path, why, sizeof why))
        return false;
    json_t *root = load(path, &missing, why, sizeof why);
    if (!root)
        return false;
    const json_t *u = json_object_get(json_object_get(root, "units"), unit);
    if (u) {
        if (score)
            *score = (unsigned)json_integer_value(json_object_get(u, "best"));
        if (max)
            *max = (unsigned)json_integer_value(json_object_get(u, "max"));
    }
    json_decref(root);
    return u != NULL;
}

/* The unit an item belongs to: "LESSON/STEP/Q" -> "LESSON", "exercise/SEED/PART" ->
 * "exercise/SEED". Returns its length in item. */
static size_t unit_len(const char *item)
{
    size_t skip = strncmp(item, "exercise/", 9) == 0 ? 9 : 0;
    const char *slash = strchr(item + skip, '/');
    return slash ? (size_t)(slash - item) : strlen(item);
}

static bool in_unit(const char *item, const char *unit)
{
    size_t k = unit_len(item);
    return strlen(unit) == k && strncmp(item, unit, k) == 0;
}

/* Every unit named by an answer or a finish, in order, once. */
static json_t *unit_names(const json_t *root)
{
    json_t *seen = json_object();
    json_t *names = json_array();
    const char *key;
    json_t *v;
    json_object_foreach(json_object_get(root, "units"), key, v) {
        json_object_set_new(seen, key, json_true());
        json_array_append_new(names, json_string(key));
    }
    json_object_foreach(json_object_get(root, "answers"), key, v) {
        char unit[512];
        snprintf(unit, sizeof unit, "%.*s", (int)unit_len(key), key);
        if (!json_object_get(seen, unit)) {
            json_object_set_new(seen, unit, json_true());
            json_array_append_new(names, json_string(unit));
        }
    }
    json_decref(seen);
    return names;
}

static const char *plural(json_int_t k, const char *one, const char *many)
{
    return k == 1 ? one : many;
}

/* The report one unit at a time, then each answer in it. JSON sorts keys, so units
 * and answers come alphabetically, the same order in both forms. */
static json_t *build_report(const json_t *root, const char *path)
{
    const char *user = getenv("USER");
    if (!user) {
        const struct passwd *pw = getpwuid(getuid());
        user = pw ? pw->pw_name : "";
    }
    json_t *out = json_pack("{s:s, s:s, s:[]}", "student", user, "file", path, "units");
    json_t *units = json_object_get(out, "units");
    json_t *names = unit_names(root);
    /* Sort the unit names: jansson has no sort, so copy into a plain array. */
    size_t n = json_array_size(names);
    const char **v = calloc(n ? n : 1, sizeof *v);
    for (size_t i = 0; v && i < n; i++)
        v[i] = json_string_value(json_array_get(names, i));
    for (size_t i = 1; v && i < n; i++)
        for (size_t j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
            const char *t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    for (size_t i = 0; v && i < n; i++) {
        const json_t *fin = json_object_get(json_object_get(root, "units"), v[i]);
        json_t *u = json_pack("{s:s, s:b}", "unit", v[i], "done", fin != NULL);
        if (fin) {
            json_object_set(u, "best", json_object_get(fin, "best"));
            json_object_set(u, "last", json_object_get(fin, "last"));
            json_object_set(u, "max", json_object_get(fin, "max"));
            json_object_set(u, "finished", json_object_get(fin, "finished"));
        }
        json_int_t attempts = 0, hints = 0, right = 0, count = 0;
        json_t *answers = json_array();
        const char *key;
        json_t *a;
        json_object_foreach(json_object_get(root, "answers"), key, a) {
            if (!in_unit(key, v[i]))
                continue;
            attempts += json_integer_value(json_object_get(a, "attempts"));
            hints += json_integer_value(json_object_get(a, "hints"));
            right += json_is_true(json_object_get(a, "right"));
            count++;
            json_t *copy = json_deep_copy(a);
            json_object_set_new(copy, "item", json_string(key));
            json_array_append_new(answers, copy);
        }
        json_object_set_new(u, "questions", json_integer(count));
        json_object_set_new(u, "right", json_integer(right));
        json_object_set_new(u, "attempts", json_integer(attempts));
        json_object_set_new(u, "hints", json_integer(hints));
        json_object_set_new(u, "answers", answers);
        json_array_append_new(units, u);
    }
    free(v);
    json_decref(names);
    return out;
}

static void print_text(FILE *f, const json_t *rep)
{
    const json_t *units = json_object_get(rep, "units");
    fprintf(f, "Progress of %s (kept in %s)\n", json_string_value(json_object_get(rep, "student")),
            json_string_value(json_object_get(rep, "file")));
    if (json_array_size(units) == 0) {
        fprintf(f, "No lesson or exercise done yet.\n");
        return;
    }
    size_t i;
    const json_t *u;
    json_array_foreach(units, i, u) {
        json_int_t q = json_integer_value(json_object_get(u, "questions"));
        json_int_t r = json_integer_value(json_object_get(u, "right"));
        json_int_t at = json_integer_value(json_object_get(u, "attempts"));
        json_int_t h = json_integer_value(json_object_get(u, "hints"));
        fprintf(f, "\n%s: ", json_string_value(json_object_get(u, "unit")));
        if (json_is_true(json_object_get(u, "done")))
            fprintf(f, "done, score %lld/%lld (best %lld)", (long long)json_integer_value(json_object_get(u, "last")),
                    (long long)json_integer_value(json_object_get(u, "max")),
                    (long long)json_integer_value(json_object_get(u, "best")));
        else
            fprintf(f, "not finished");
        fprintf(f, "; %lld of %lld %s right, %lld %s, %lld %s\n", (long long)r, (long long)q,
                plural(q, "question", "questions"), (long long)at, plural(at, "attempt", "attempts"),
                (long long)h, plural(h, "hint", "hints"));
        size_t j;
        const json_t *a;
        json_array_foreach(json_object_get(u, "answers"), j, a) {
            json_int_t aa = json_integer_value(json_object_get(a, "attempts"));
            json_int_t ah = json_integer_value(json_object_get(a, "hints"));
            fprintf(f, "  %-36s %-9s %2lld %-8s %2lld %s\n", json_string_value(json_object_get(a, "item")),
                    json_is_true(json_object_get(a, "right")) ? "right" : "gave up", (long long)aa,
                    plural(aa, "attempt", "attempts"), (long long)ah, plural(ah, "hint", "hints"));
        }
    }
}

int progress_report(FILE *f, bool json)
{
    char path[4200], why[1024];
    bool missing;
    if (!progress_path(path, sizeof path, why, sizeof why)) {
        fprintf(stderr, "tlssim: %s\n", why);
        return 2;
    }
    json_t *root = load(path, &missing, why, sizeof why);
    if (!root) {
        fprintf(stderr, "tlssim: %s\n", why);
        return 2;
    }
    json_t *rep = build_report(root, path);
    json_decref(root);
    if (!rep) {
        fprintf(stderr, "tlssim: out of memory\n");
        return 1;
    }
    int rc = 0;
    if (json) {
        if (json_dumpf(rep, f, JSON_INDENT(2)) != 0 || fputc('\n', f) == EOF)
            rc = 1;
    } else {
        print_text(f, rep);
    }
    json_decref(rep);
    if (fflush(f) != 0 || ferror(f))
        rc = 1;
    return rc;
}

static const char *const outcome_names[] = {"open", "right", "shown"};

typedef struct place_arg {
    const char *unit;
    const progress_place *p;
} place_arg;

static bool set_place(json_t *root, const void *arg)
{
    const place_arg *a = arg;
    const progress_place *p = a->p;
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", p->seed);
    json_t *qs = json_array(), *ex = json_array();
    for (size_t i = 0; qs && p->q && i < p->n_q; i++) {
        const progress_question *q = &p->q[i];
        json_array_append_new(qs, json_pack("{s:I, s:I, s:s, s:b, s:s}", "attempts",
                                            (json_int_t)q->attempts, "hints", (json_int_t)q->hints,
                                            "outcome", outcome_names[q->outcome % 3], "wrong",
                                            q->wrong, "answer", q->answer));
    }
    for (size_t i = 0; ex && p->exercised && i < p->n_steps; i++)
        json_array_append_new(ex, json_boolean(p->exercised[i]));
    json_t *e = json_pack("{s:I, s:I, s:s, s:I, s:o, s:o, s:o}", "step", (json_int_t)p->step,
                          "question", (json_int_t)p->question, "seed", seed, "steps",
                          (json_int_t)p->n_steps, "questions", qs, "exercised", ex, "when",
                          now_text());
    json_t *places = json_object_get(root, "places");
    if (!places) {
        places = json_object();
        if (!places || json_object_set_new(root, "places", places) != 0)
            return false;
    }
    return e && json_object_set_new(places, a->unit, e) == 0;
}

bool progress_save_place(const char *unit, const progress_place *p, char *why, size_t n)
{
    if (!unit || !unit[0]) {
        snprintf(why, n, "a lesson's place needs its name");
        return false;
    }
    place_arg a = {unit, p};
    return update(set_place, &a, why, n);
}

static bool drop_place(json_t *root, const void *arg)
{
    json_t *places = json_object_get(root, "places");
    if (places)
        json_object_del(places, (const char *)arg); /* absent: nothing to drop */
    return true;
}

bool progress_clear_place(const char *unit, char *why, size_t n)
{
    return update(drop_place, unit, why, n);
}

/* A count in o under key, within [0, below). */
static bool get_index(const json_t *o, const char *key, size_t below, size_t *out)
{
    const json_t *v = json_object_get(o, key);
    if (!is_count(v) || (unsigned long long)json_integer_value(v) >= below)
        return false;
    *out = (size_t)json_integer_value(v);
    return true;
}

/* One question's state from the file; false when it is damaged. */
static bool read_question(const json_t *o, progress_question *q)
{
    const json_t *at = json_object_get(o, "attempts"), *h = json_object_get(o, "hints");
    const json_t *oc = json_object_get(o, "outcome"), *w = json_object_get(o, "wrong");
    const json_t *ans = json_object_get(o, "answer");
    if (!json_is_object(o) || !is_count(at) || !is_count(h) || !json_is_string(oc) ||
        !json_is_boolean(w) || !json_is_string(ans))
        return false;
    size_t k = 0;
    while (k < 3 && strcmp(outcome_names[k], json_string_value(oc)) != 0)
        k++;
    if (k == 3)
        return false;
    q->attempts = (unsigned)json_integer_value(at);
    q->hints = (unsigned)json_integer_value(h);
    q->outcome = (progress_outcome)k;
    q->wrong = json_is_true(w);
    snprintf(q->answer, sizeof q->answer, "%s", json_string_value(ans));
    return true;
}

bool progress_load_place(const char *unit, progress_place *p)
{
    char path[4200], why[256];
    bool missing;
    if (!progress_path(path, sizeof path, why, sizeof why))
        return false;
    json_t *root = load(path, &missing, why, sizeof why);
    if (!root)
        return false;
    const json_t *e = json_object_get(json_object_get(root, "places"), unit);
    const json_t *qs = json_object_get(e, "questions"), *ex = json_object_get(e, "exercised");
    const json_t *seed = json_object_get(e, "seed");
    bool shape_only = p->n_steps == 0 && p->n_q == 0;
    size_t steps = 0;
    bool ok = json_is_object(e) && json_is_array(qs) && json_is_array(ex) && json_is_string(seed) &&
              get_index(e, "steps", (size_t)-1, &steps) && steps > 0 &&
              json_array_size(ex) == steps && get_index(e, "step", steps, &p->step) &&
              get_index(e, "question", (size_t)-1, &p->question);
    if (ok && !shape_only)
        ok = steps == p->n_steps && json_array_size(qs) == p->n_q;
    if (ok) {
        char *end;
        errno = 0;
        p->seed = strtoull(json_string_value(seed), &end, 10);
        ok = *json_string_value(seed) && !*end && errno == 0;
    }
    if (ok && shape_only) {
        p->n_steps = steps;
        p->n_q = json_array_size(qs);
    }
    for (size_t i = 0; ok && !shape_only && i < p->n_q; i++) {
        progress_question q;
        ok = read_question(json_array_get(qs, i), &q);
        if (ok && p->q)
            p->q[i] = q;
    }
    for (size_t i = 0; ok && !shape_only && i < p->n_steps; i++) {
        const json_t *b = json_array_get(ex, i);
        ok = json_is_boolean(b);
        if (ok && p->exercised)
            p->exercised[i] = json_is_true(b);
    }
    json_decref(root);
    return ok;
}
