/* Reads one lesson file (lessons/README.md): the header between two "---" lines, the
 * introduction, @scenario lines, then "## " steps with their directives. Whatever is
 * wrong is reported as "FILE:LINE: reason", the first problem only. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/lesson.h"

enum { LESSON_MAX_FILE = 1 << 20, LESSON_MAX_STEPS = 200, LESSON_MAX_QUESTIONS = 20 };

typedef struct parser {
    const char *path;
    unsigned line;
    lesson *l;
    char *err;
    size_t n;
    bool failed;
    char **cont;      /* the text the next lines go on (a directive's), or NULL */
    char **prose;     /* where prose lines go: the introduction or a step's narration */
    lesson_question *q; /* the open question */
    bool in_fence;    /* inside ``` ... ```: lines are prose, whatever they start with */
} parser;

static bool fail(parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(parser *p, const char *fmt, ...)
{
    if (p->failed)
        return false;
    p->failed = true;
    int k = snprintf(p->err, p->n, "%s:%u: ", p->path, p->line);
    if (k >= 0 && (size_t)k < p->n) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->err + k, p->n - (size_t)k, fmt, ap);
        va_end(ap);
    }
    return false;
}

static char *dup_or_fail(parser *p, const char *s)
{
    char *d = strdup(s);
    if (!d)
        fail(p, "out of memory");
    return d;
}

/* Appends a line to *dst, joined with sep. */
static bool append(parser *p, char **dst, const char *s, const char *sep)
{
    size_t old = *dst ? strlen(*dst) : 0, add = strlen(s), ns = *dst && old ? strlen(sep) : 0;
    char *d = realloc(*dst, old + ns + add + 1);
    if (!d)
        return fail(p, "out of memory");
    memcpy(d + old, sep, ns);
    memcpy(d + old + ns, s, add + 1);
    *dst = d;
    return true;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

/* Drops blank lines at both ends of a block of prose. */
static void trim_block(char *s)
{
    if (!s)
        return;
    size_t start = 0;
    while (s[start] == '\n')
        start++;
    memmove(s, s + start, strlen(s + start) + 1);
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
        s[--n] = 0;
}

static bool parse_int(parser *p, const char *key, const char *v, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (!*v || *end || errno || x < lo || x > hi)
        return fail(p, "%s must be a whole number from %d to %d, got '%s'", key, lo, hi, v);
    *out = (int)x;
    return true;
}

static bool valid_id(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '-')
            return false;
    return true;
}

static bool header_line(parser *p, char *line)
{
    char *colon = strchr(line, ':');
    if (!colon)
        return fail(p, "a header line is 'key: value', got '%s'", line);
    *colon = 0;
    char *key = trim(line), *v = trim(colon + 1);
    lesson *l = p->l;
    if (!l)
        return false;
    char **text = strcmp(key, "id") == 0         ? &l->id
                  : strcmp(key, "title") == 0    ? &l->title
                  : strcmp(key, "rfc") == 0      ? &l->rfc
                  : strcmp(key, "requires") == 0 ? &l->requires
                                                 : NULL;
    if (text) {
        if (*text)
            return fail(p, "'%s' is given twice", key);
        if (!*v)
            return fail(p, "'%s' has no value", key);
        if (text == &l->id && !valid_id(v))
            return fail(p, "id '%s': letters, digits and '-' only", v);
        if (text == &l->requires)
            l->requires_line = p->line;
        return (*text = dup_or_fail(p, v)) != NULL;
    }
    if (strcmp(key, "level") == 0)
        return parse_int(p, key, v, 1, 3, &l->level);
    if (strcmp(key, "minutes") == 0)
        return parse_int(p, key, v, 1, 600, &l->minutes);
    if (strcmp(key, "order") == 0)
        return parse_int(p, key, v, 0, 1000000, &l->order);
    if (strcmp(key, "misconception") == 0) {
        if (!*v)
            return fail(p, "'misconception' has no value");
        char **m = realloc(l->misconceptions, (l->n_misconceptions + 1) * sizeof *m);
        if (!m)
            return fail(p, "out of memory");
        l->misconceptions = m;
        return (m[l->n_misconceptions++] = dup_or_fail(p, v)) != NULL;
    }
    return fail(p, "unknown header key '%s' (keys: id, title, level, minutes, order, requires, "
                   "rfc, misconception)",
                key);
}

static lesson_step *cur_step(parser *p)
{
    return p->l->n_steps ? &p->l->steps[p->l->n_steps - 1] : NULL;
}

static bool start_step(parser *p, const char *title)
{
    lesson *l = p->l;
    if (!*title)
        return fail(p, "a step needs a title after '## '");
    if (l->n_steps >= LESSON_MAX_STEPS)
        return fail(p, "more than %d steps", LESSON_MAX_STEPS);
    if (l->n_scenarios == 0)
        return fail(p, "the first step comes before any @scenario: say what the lesson runs");
    lesson_step *s = realloc(l->steps, (l->n_steps + 1) * sizeof *s);
    if (!s)
        return fail(p, "out of memory");
    l->steps = s;
    lesson_step *st = &s[l->n_steps];
    memset(st, 0, sizeof *st);
    st->scenario = l->n_steps ? s[l->n_steps - 1].scenario : 0;
    st->line = p->line;
    l->n_steps++;
    p->prose = &st->narration;
    p->q = NULL;
    p->cont = NULL;
    return (st->title = dup_or_fail(p, title)) != NULL;
}

static bool finish_question(parser *p)
{
    lesson_question *q = p->q;
    p->q = NULL;
    if (!q)
        return true;
    unsigned at = p->line;
    p->line = q->line;
    bool ok = true;
    if (!q->text)
        ok = fail(p, "the question has no text (write it on the lines after @question)");
    else if (q->kind == LQ_CHOICE) {
        size_t right = 0;
        for (size_t i = 0; i < q->n_choices; i++)
            right += q->choice_right[i];
        if (q->n_choices < 2)
            ok = fail(p, "a choice question needs at least two @choice lines");
        else if (!right && !q->answer)
            ok = fail(p, "no right choice: mark one with @choice* or give an @answer");
        else if (right && q->answer)
            ok = fail(p, "both @choice* and @answer: the right choice is one or the other");
    } else {
        if (q->n_choices)
            ok = fail(p, "@choice lines belong to a choice question");
        else if (!q->answer)
            ok = fail(p, "the question has no @answer");
    }
    p->line = at;
    return ok;
}

static bool need_step(parser *p, const char *what)
{
    return cur_step(p) ? true : fail(p, "%s outside a step (start one with '## Title')", what);
}

static bool need_question(parser *p, const char *what)
{
    return p->q ? true : fail(p, "%s outside a question (after @question KIND)", what);
}

static bool set_once(parser *p, char **dst, const char *v, const char *what)
{
    if (*dst)
        return fail(p, "a second %s here", what);
    if (!*v)
        return fail(p, "%s needs a value", what);
    return (*dst = dup_or_fail(p, v)) != NULL;
}

static bool parse_question(parser *p, const char *v)
{
    static const struct {
        const char *name;
        lesson_qkind kind;
    } kinds[] = {{"choice", LQ_CHOICE}, {"hex", LQ_HEX}, {"number", LQ_NUMBER},
                 {"name", LQ_NAME},     {"select", LQ_SELECT}};
    if (!need_step(p, "@question") || !finish_question(p))
        return false;
    lesson_step *st = cur_step(p);
    size_t k = 0;
    while (k < sizeof kinds / sizeof kinds[0] && strcmp(kinds[k].name, v) != 0)
        k++;
    if (k == sizeof kinds / sizeof kinds[0])
        return fail(p, "unknown question kind '%s' (kinds: choice, hex, number, name, select)",
                    v);
    if (st->n_questions >= LESSON_MAX_QUESTIONS)
        return fail(p, "more than %d questions in one step", LESSON_MAX_QUESTIONS);
    lesson_question *q = realloc(st->questions, (st->n_questions + 1) * sizeof *q);
    if (!q)
        return fail(p, "out of memory");
    st->questions = q;
    p->q = &q[st->n_questions++];
    memset(p->q, 0, sizeof *p->q);
    p->q->kind = kinds[k].kind;
    p->q->line = p->line;
    p->cont = &p->q->text;
    return true;
}

static bool parse_scenario(parser *p, char *v)
{
    lesson *l = p->l;
    if (cur_step(p))
        return fail(p, "@scenario comes before the first step");
    if (l->n_scenarios >= LESSON_MAX_SCENARIOS)
        return fail(p, "more than %d scenarios", LESSON_MAX_SCENARIOS);
    char *sp = v + strcspn(v, " \t");
    char *opts = *sp ? trim(sp + 1) : sp;
    *sp = 0;
    if (!*v)
        return fail(p, "@scenario needs a name, then the options of 'tlssim run'");
    for (size_t i = 0; i < l->n_scenarios; i++)
        if (strcmp(l->scenarios[i].name, v) == 0)
            return fail(p, "a second scenario named '%s'", v);
    lesson_scenario *s = &l->scenarios[l->n_scenarios++];
    s->line = p->line;
    if (!(s->name = dup_or_fail(p, v)) || !(s->options = dup_or_fail(p, opts)))
        return false;
    p->cont = &s->options;
    return true;
}

static bool parse_use(parser *p, const char *v)
{
    if (!need_step(p, "@use"))
        return false;
    for (size_t i = 0; i < p->l->n_scenarios; i++)
        if (strcmp(p->l->scenarios[i].name, v) == 0) {
            cur_step(p)->scenario = (int)i;
            return true;
        }
    char names[256] = "";
    for (size_t i = 0; i < p->l->n_scenarios; i++)
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "",
                 p->l->scenarios[i].name);
    return fail(p, "@use %s: no such scenario (scenarios: %s)", v, names);
}

static bool add_choice(parser *p, const char *v, bool right)
{
    lesson_question *q = p->q;
    if (!need_question(p, right ? "@choice*" : "@choice") || !q)
        return false;
    if (q->n_choices >= LESSON_MAX_CHOICES)
        return fail(p, "more than %d choices", LESSON_MAX_CHOICES);
    if (!*v)
        return fail(p, "@choice needs its text");
    q->choice_right[q->n_choices] = right;
    if (!(q->choices[q->n_choices] = dup_or_fail(p, v)))
        return false;
    p->cont = &q->choices[q->n_choices++];
    return true;
}

static bool directive(parser *p, char *line)
{
    char *sp = line + strcspn(line, " \t");
    char *v = *sp ? trim(sp + 1) : sp;
    *sp = 0;
    const char *d = line + 1;
    p->cont = NULL;
    if (strcmp(d, "scenario") == 0)
        return parse_scenario(p, v);
    if (strcmp(d, "question") == 0)
        return parse_question(p, v);
    if (strcmp(d, "use") == 0 || strcmp(d, "goto") == 0 || strcmp(d, "highlight") == 0 ||
        strcmp(d, "exercise") == 0) {
        if (!need_step(p, line))
            return false;
        if (strcmp(d, "use") == 0)
            return parse_use(p, v);
        lesson_step *st = cur_step(p);
        char **dst = d[0] == 'g' ? &st->go_to : d[0] == 'h' ? &st->highlight : &st->exercise;
        if (!set_once(p, dst, v, line))
            return false;
        *(d[0] == 'g' ? &st->goto_line : d[0] == 'h' ? &st->highlight_line : &st->exercise_line) =
            p->line;
        if (dst == &st->exercise)
            p->cont = dst;
        return true;
    }
    if (strcmp(d, "choice") == 0 || strcmp(d, "choice*") == 0)
        return add_choice(p, v, d[6] == '*');
    if (strcmp(d, "answer") == 0)
        return need_question(p, "@answer") && set_once(p, &p->q->answer, v, "@answer");
    if (strcmp(d, "hint") == 0) {
        if (!need_question(p, "@hint"))
            return false;
        if (p->q->n_hints >= LESSON_MAX_HINTS)
            return fail(p, "more than %d hints", LESSON_MAX_HINTS);
        if (!*v)
            return fail(p, "@hint needs its text");
        p->cont = &p->q->hints[p->q->n_hints];
        return (p->q->hints[p->q->n_hints++] = dup_or_fail(p, v)) != NULL;
    }
    if (strcmp(d, "explain") == 0) {
        if (!need_question(p, "@explain") || !set_once(p, &p->q->explain, v, "@explain"))
            return false;
        p->cont = &p->q->explain;
        return true;
    }
    return fail(p, "unknown directive '%s' (directives: @scenario, @use, @goto, @highlight, "
                   "@question, @choice, @choice*, @answer, @hint, @explain, @exercise)",
                line);
}

static bool body_line(parser *p, char *raw)
{
    char *line = trim(raw);
    if (strncmp(line, "```", 3) == 0) {
        p->in_fence = !p->in_fence;
        p->cont = NULL;
    }
    if (!p->in_fence && line[0] == '@' && line[1] != '@')
        return directive(p, line);
    if (!p->in_fence && (strncmp(line, "## ", 3) == 0 || strcmp(line, "##") == 0))
        return finish_question(p) && start_step(p, trim(line + 2));
    if (!*line && !p->in_fence) {
        p->cont = NULL; /* a blank line ends a directive's text */
        return *p->prose ? append(p, p->prose, "", "\n") : true;
    }
    if (p->cont && !p->in_fence)
        return append(p, p->cont, line, p->q && p->cont == &p->q->text ? "\n" : " ");
    /* "@@" at the start of a line writes a literal "@". */
    return append(p, p->prose, raw[0] == '@' && raw[1] == '@' ? raw + 1 : raw, "\n");
}

static bool finish(parser *p)
{
    lesson *l = p->l;
    if (!finish_question(p))
        return false;
    if (!l->id || !l->title)
        return fail(p, "the header needs an id and a title");
    if (l->n_scenarios == 0)
        return fail(p, "no @scenario: a lesson runs at least one");
    if (l->n_steps == 0)
        return fail(p, "no steps: each starts with '## Title'");
    trim_block(l->intro);
    for (size_t i = 0; i < l->n_steps; i++)
        trim_block(l->steps[i].narration);
    return true;
}

bool lesson_parse(const char *path, const char *text, size_t len, lesson *out, char *err,
                  size_t n)
{
    memset(out, 0, sizeof *out);
    out->level = 1;
    out->minutes = 10;
    out->order = 1000;
    parser p = {.path = path, .l = out, .err = err, .n = n, .prose = &out->intro};
    if (n)
        err[0] = 0;
    if (!(out->path = strdup(path))) {
        fail(&p, "out of memory");
        return false;
    }
    if (memchr(text, 0, len)) {
        p.line = 1;
        fail(&p, "a NUL byte: this is not a text file");
        lesson_free(out);
        return false;
    }
    char *copy = malloc(len + 1);
    if (!copy) {
        fail(&p, "out of memory");
        lesson_free(out);
        return false;
    }
    memcpy(copy, text, len);
    copy[len] = 0;
    enum { BEFORE, HEADER, BODY } where = BEFORE;
    char *save;
    bool ok = true;
    for (char *line = copy; ok && line; line = save) {
        char *nl = strchr(line, '\n');
        save = nl ? nl + 1 : NULL;
        if (nl)
            *nl = 0;
        if (!nl && !*line)
            break; /* the end of a file ending in a newline */
        p.line++;
        char *t = trim(line);
        if (where == BEFORE) {
            if (strcmp(t, "---") != 0)
                ok = fail(&p, "a lesson starts with its header: a line '---', then 'key: value' "
                              "lines, then '---'");
            where = HEADER;
        } else if (where == HEADER) {
            if (strcmp(t, "---") == 0)
                where = BODY;
            else if (*t)
                ok = header_line(&p, t);
        } else {
            ok = body_line(&p, line);
        }
    }
    if (ok && where == HEADER)
        ok = fail(&p, "the header has no closing '---'");
    if (ok && where == BEFORE)
        ok = fail(&p, "an empty file");
    if (ok && p.in_fence)
        ok = fail(&p, "a ``` block is not closed");
    ok = ok && finish(&p);
    free(copy);
    if (!ok)
        lesson_free(out);
    return ok;
}

bool lesson_load(const char *path, lesson *out, char *err, size_t n)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, n, "%s:0: cannot open: %s", path, strerror(errno));
        return false;
    }
    char *buf = malloc(LESSON_MAX_FILE + 1);
    size_t len = buf ? fread(buf, 1, LESSON_MAX_FILE + 1, f) : 0;
    bool read_error = ferror(f);
    fclose(f);
    bool ok = false;
    if (!buf)
        snprintf(err, n, "%s:0: out of memory", path);
    else if (read_error)
        snprintf(err, n, "%s:0: cannot read", path);
    else if (len > LESSON_MAX_FILE)
        snprintf(err, n, "%s:0: larger than %d bytes: not a lesson", path, LESSON_MAX_FILE);
    else
        ok = lesson_parse(path, buf, len, out, err, n);
    free(buf);
    return ok;
}

static void question_free(lesson_question *q)
{
    free(q->text);
    for (size_t i = 0; i < q->n_choices; i++)
        free(q->choices[i]);
    free(q->answer);
    for (size_t i = 0; i < q->n_hints; i++)
        free(q->hints[i]);
    free(q->explain);
}

void lesson_free(lesson *l)
{
    if (!l)
        return;
    free(l->path);
    free(l->id);
    free(l->title);
    free(l->rfc);
    free(l->requires);
    for (size_t i = 0; i < l->n_misconceptions; i++)
        free(l->misconceptions[i]);
    free(l->misconceptions);
    free(l->intro);
    for (size_t i = 0; i < l->n_scenarios; i++) {
        free(l->scenarios[i].name);
        free(l->scenarios[i].options);
    }
    for (size_t i = 0; i < l->n_steps; i++) {
        lesson_step *s = &l->steps[i];
        free(s->title);
        free(s->narration);
        free(s->go_to);
        free(s->highlight);
        free(s->exercise);
        for (size_t k = 0; k < s->n_questions; k++)
            question_free(&s->questions[k]);
        free(s->questions);
    }
    free(l->steps);
    memset(l, 0, sizeof *l);
}
