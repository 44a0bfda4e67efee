/* The lesson view: the screens (menu, intro, steps, finish), moving through a
 * lesson, and its keys. It sits on the handshake panes through a tui_hook, so the
 * ladder, fields and hex keep working while a lesson is open. */
#include "ui/tui_lesson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/fault.h"
#include "ui/cli.h"
#include "ui/progress.h"
#include "ui/scenario_args.h"
#include "ui/tui.h"
#include "ui/tui_curses.h"
#include "ui/tui_exercise.h"
#include "ui/tui_keys.h"
#include "ui/tui_lesson_state.h"

size_t tl_qindex(const tl_state *s, size_t step, size_t q)
{
    size_t i = 0;
    for (size_t k = 0; k < step && k < s->l->n_steps; k++)
        i += s->l->steps[k].n_questions;
    return i + q;
}

const lesson_question *tl_current_question(const tl_state *s)
{
    if (!s->l || s->step >= s->l->n_steps)
        return NULL;
    const lesson_step *st = &s->l->steps[s->step];
    return s->question < st->n_questions ? &st->questions[s->question] : NULL;
}

tl_question *tl_current_state(tl_state *s)
{
    if (!tl_current_question(s))
        return NULL;
    size_t i = tl_qindex(s, s->step, s->question);
    return i < s->n_q ? &s->q[i] : NULL;
}

static void close_lesson(tl_state *s)
{
    if (s->running)
        lesson_run_free(&s->run);
    s->running = false;
    free(s->q);
    s->q = NULL;
    s->n_q = 0;
    free(s->exercised);
    s->exercised = NULL;
    s->l = NULL;
}

static size_t count_questions(const lesson *l)
{
    size_t n = 0;
    for (size_t k = 0; k < l->n_steps; k++)
        n += l->steps[k].n_questions;
    return n;
}

/* The place saved for l, if it fits the lesson as it is now (and the seed the student
 * chose, if any): the run's seed in *seed, the questions' state in s. */
static bool load_place(tl_state *s, const lesson *l, uint64_t *seed)
{
    size_t n_q = count_questions(l);
    progress_question *pq = calloc(n_q ? n_q : 1, sizeof *pq);
    bool *ex = calloc(l->n_steps ? l->n_steps : 1, sizeof *ex);
    progress_place p = {0, 0, 0, l->n_steps, n_q, pq, ex};
    bool ok = pq && ex && l->n_steps && progress_load_place(l->id, &p) &&
              p.question < (l->steps[p.step].n_questions ? l->steps[p.step].n_questions : 1) &&
              (!s->seeded || p.seed == s->seed);
    if (ok) {
        *seed = p.seed;
        s->resume_step = p.step;
        s->resume_question = p.question;
        for (size_t i = 0; s->q && i < n_q; i++) {
            tl_question *q = &s->q[i];
            q->attempts = pq[i].attempts;
            q->hints = pq[i].hints;
            q->outcome = pq[i].outcome == PO_RIGHT ? TL_RIGHT : pq[i].outcome == PO_SHOWN ? TL_SHOWN : TL_OPEN;
            q->wrong = pq[i].wrong;
            snprintf(q->answer, sizeof q->answer, "%s", pq[i].answer);
        }
        for (size_t i = 0; i < l->n_steps; i++)
            s->exercised[i] = ex[i];
    }
    free(pq);
    free(ex);
    return ok;
}

bool tl_open(tl_state *s, tui_model *m, const lesson *l)
{
    close_lesson(s);
    char err[512];
    s->n_q = count_questions(l);
    s->q = s->n_q ? calloc(s->n_q, sizeof *s->q) : NULL;
    s->exercised = calloc(l->n_steps ? l->n_steps : 1, sizeof *s->exercised);
    if ((s->n_q && !s->q) || !s->exercised) {
        close_lesson(s);
        snprintf(m->flash, sizeof m->flash, "out of memory");
        return false;
    }
    uint64_t seed = s->seed;
    s->resumable = load_place(s, l, &seed);
    s->saved_any = false;
    if (!lesson_run_start(&s->run, l, seed, err, sizeof err)) {
        close_lesson(s);
        snprintf(m->flash, sizeof m->flash, "This lesson cannot run: %.200s", err);
        return false;
    }
    s->running = true;
    if (s->run.n == 0) {
        close_lesson(s);
        snprintf(m->flash, sizeof m->flash, "This lesson has no @scenario to show.");
        return false;
    }
    s->l = l;
    s->shown = -1;
    s->step = s->question = 0;
    s->screen = TL_INTRO;
    s->screen_scroll = 0;
    s->focus = true;
    return true;
}

/* Whether selecting this field would answer one of the step's select questions for
 * the student. */
static bool gives_away(const tui_model *m, const lesson_step *st, const lesson_target *t)
{
    for (size_t i = 0; i < st->n_questions; i++) {
        const lesson_question *q = &st->questions[i];
        lesson_value v;
        char err[256];
        if (q->kind == LQ_SELECT && q->answer && t->field >= 0 &&
            lesson_eval(&m->t, q->answer, &v, err, sizeof err) && v.has_target &&
            v.target.event == t->event && v.sel_offset == m->t.ev[t->event].fields.v[t->field].offset &&
            v.sel_len == m->t.ev[t->event].fields.v[t->field].length)
            return true; /* bytes() of the field is not the field: selecting it helps, no more */
    }
    return false;
}

/* A secret, another named value of a computation or check, or a check itself: the
 * detail pane draws it highlighted, and the next draw scrolls it into view. */
static void mark_value(tl_state *s, tui_model *m, const lesson_target *t)
{
    const trace_event *e = &m->t.ev[t->event];
    const trace_blob *b = t->blob;
    tui_mark mk = {MARK_NONE, t->event, 0};
    if (b && b >= e->outputs && b < e->outputs + e->n_outputs)
        mk = (tui_mark){MARK_OUTPUT, t->event, (size_t)(b - e->outputs)};
    else if (b && b >= e->inputs && b < e->inputs + e->n_inputs)
        mk = (tui_mark){MARK_INPUT, t->event, (size_t)(b - e->inputs)};
    else if (b && b >= e->steps && b < e->steps + e->n_steps)
        mk = (tui_mark){MARK_STEP, t->event, (size_t)(b - e->steps)};
    else if (!b && e->kind == EV_VERIFY)
        mk = (tui_mark){MARK_VERDICT, t->event, 0};
    if (mk.kind == MARK_NONE)
        return; /* an event without values: the ladder is on it */
    m->mark = mk;
    if (mk.kind == MARK_STEP)
        m->steps_open = true; /* the PRF opened, to show the step */
    s->mark_follow = true;
    if (b)
        snprintf(s->step_note, sizeof s->step_note, "(The step's details mark %s with %s.)",
                 b->name, tui_utf8() ? "\u25b6" : ">");
}

/* Selects what REF names in the shown trace: its event on the ladder, and a field in
 * the field list. A secret cannot be selected there: the note names it instead. */
static void point_at(tl_state *s, tui_model *m, const char *ref, bool select)
{
    lesson_target t;
    char err[256];
    if (!lesson_resolve(&m->t, ref, &t, err, sizeof err)) {
        snprintf(s->step_note, sizeof s->step_note,
                 "(This step points at %.60s, which this run does not have: %.120s.)", ref, err);
        return;
    }
    tui_goto_step(m, t.event);
    if (!select)
        return;
    if (t.field >= 0 && gives_away(m, &s->l->steps[s->step], &t)) {
        /* The highlight is the answer of a select question: the student finds it. */
        m->pane = PANE_FIELDS;
    } else if (t.field >= 0) {
        tui_select_field(m, (size_t)t.field);
        m->pane = PANE_FIELDS;
    } else {
        mark_value(s, m, &t);
    }
}

void tl_show_step(tl_state *s, tui_model *m, size_t k)
{
    const lesson *l = s->l;
    if (!l || k >= l->n_steps)
        return;
    s->screen = TL_STEP;
    s->step = k;
    s->question = 0;
    s->scroll = 0;
    s->input = false;
    s->step_note[0] = 0;
    m->mark.kind = MARK_NONE;
    m->range_event = TUI_NONE;
    s->mark_follow = false;
    const lesson_step *st = &l->steps[k];
    int sc = st->scenario >= 0 && (size_t)st->scenario < s->run.n ? st->scenario : 0;
    if (sc != s->shown) {
        /* @use: the model runs that scenario; with its seed it is the same trace the
         * lesson ran, and it is what the student sees and is graded against. */
        m->sc = s->run.args[sc].sc;
        m->chosen = s->run.args[sc].chosen;
        tui_model_run(m);
        s->shown = sc;
    }
    tui_set_view(m, VIEW_STEP);
    if (st->go_to)
        point_at(s, m, st->go_to, false);
    if (st->highlight)
        point_at(s, m, st->highlight, true);
}

void tl_begin(tl_state *s, tui_model *m)
{
    if (!s->l->n_steps) {
        tl_finish(s); /* nothing to step through */
        return;
    }
    if (!s->resumable) {
        tl_show_step(s, m, 0);
        return;
    }
    s->resumable = false;
    tl_show_step(s, m, s->resume_step);
    s->question = s->resume_question;
    s->follow = true;
}

void tl_restart(tl_state *s, tui_model *m)
{
    memset(s->q, 0, s->n_q * sizeof *s->q);
    memset(s->exercised, 0, s->l->n_steps * sizeof *s->exercised);
    s->resumable = false;
    char why[256];
    if (!progress_clear_place(s->l->id, why, sizeof why))
        snprintf(m->flash, sizeof m->flash, "Your place could not be saved: %.200s", why);
    tl_begin(s, m);
}

/* FNV-1a over what a saved place holds. */
static unsigned long long place_sig(const tl_state *s)
{
    unsigned long long h = 1469598103934665603ull;
    unsigned long long v[] = {s->step, s->question, s->run.seed};
    for (size_t i = 0; i < 3; i++)
        h = (h ^ v[i]) * 1099511628211ull;
    for (size_t i = 0; i < s->n_q; i++) {
        const tl_question *q = &s->q[i];
        unsigned long long w = (unsigned long long)q->attempts << 32 | q->hints << 8 |
                               (unsigned)q->outcome << 1 | q->wrong;
        h = (h ^ w) * 1099511628211ull;
    }
    for (size_t i = 0; i < s->l->n_steps; i++)
        h = (h ^ s->exercised[i]) * 1099511628211ull;
    return h;
}

void tl_save_place(tl_state *s, tui_model *m)
{
    if (!s->l || s->screen != TL_STEP)
        return;
    unsigned long long sig = place_sig(s);
    if (s->saved_any && sig == s->saved_sig)
        return;
    progress_question *pq = calloc(s->n_q ? s->n_q : 1, sizeof *pq);
    if (!pq)
        return;
    for (size_t i = 0; i < s->n_q; i++) {
        const tl_question *q = &s->q[i];
        pq[i] = (progress_question){q->attempts, q->hints,
                                    q->outcome == TL_RIGHT ? PO_RIGHT : q->outcome == TL_SHOWN ? PO_SHOWN : PO_OPEN,
                                    q->wrong, ""};
        snprintf(pq[i].answer, sizeof pq[i].answer, "%s", q->answer);
    }
    progress_place p = {s->step, s->question, s->run.seed, s->l->n_steps, s->n_q, pq, s->exercised};
    char why[256];
    if (progress_save_place(s->l->id, &p, why, sizeof why)) {
        s->saved_sig = sig;
        s->saved_any = true;
    } else {
        snprintf(m->flash, sizeof m->flash, "Your place in the lesson could not be saved: %.180s", why);
    }
    free(pq);
}

void tl_next(tl_state *s, tui_model *m)
{
    const lesson_step *st = &s->l->steps[s->step];
    tl_question *q = tl_current_state(s);
    if (st->exercise && !s->exercised[s->step]) {
        snprintf(m->flash, sizeof m->flash, "Start the exercise first: press Enter.");
        return;
    }
    if (q && q->outcome == TL_OPEN) {
        snprintf(m->flash, sizeof m->flash,
                 "Answer the question first (or press r to see the answer).");
        return;
    }
    if (s->question + 1 < st->n_questions) {
        s->question++;
        s->input = false;
        s->follow = true;
    } else if (s->step + 1 < s->l->n_steps) {
        tl_show_step(s, m, s->step + 1);
    } else {
        tl_finish(s);
    }
}

/* The lesson after l in the course, or NULL. */
static const lesson *next_lesson(const tl_state *s, const lesson *l)
{
    for (size_t i = 0; i + 1 < s->list->n; i++)
        if (&s->list->v[i] == l)
            return &s->list->v[i + 1];
    return NULL;
}

static void go_menu(tl_state *s)
{
    /* The menu keeps the run alive until another lesson opens: the model's
     * scenario points into it. */
    s->screen = TL_MENU;
    s->help = false;
    tl_menu_refresh(s);
}

bool tl_key_blocked(int code)
{
    return tui_key_changes_run(code) || tui_key_action(code) == ACT_FAULTS_HIDE;
}

static bool is_enter(int ch)
{
    return ch == '\n' || ch == '\r' || ch == KEY_ENTER;
}

static tui_hook_key menu_key(tl_state *s, tui_model *m, int ch)
{
    size_t n = s->list->n;
    if (ch == 'q' || ch == 'Q' || ch == 27)
        return HOOK_QUIT;
    if ((ch == KEY_UP || ch == 'k') && s->row > 0)
        s->row--;
    else if ((ch == KEY_DOWN || ch == 'j') && s->row + 1 < n)
        s->row++;
    else if (ch == KEY_HOME || ch == 'g')
        s->row = 0;
    else if ((ch == KEY_END || ch == 'G') && n)
        s->row = n - 1;
    else if (ch == KEY_PPAGE)
        s->row = s->row > 10 ? s->row - 10 : 0;
    else if (ch == KEY_NPAGE && n)
        s->row = s->row + 10 < n ? s->row + 10 : n - 1;
    else if ((is_enter(ch) || ch == KEY_RIGHT) && s->row < n)
        tl_open(s, m, &s->list->v[s->row]);
    else if (ch == '?' || ch == 'h' || ch == KEY_F(1))
        s->help = true;
    return HOOK_TOOK;
}

static void scroll_screen(tl_state *s, int delta)
{
    int max = s->screen_total - s->screen_page;
    s->screen_scroll += delta;
    if (s->screen_scroll > max)
        s->screen_scroll = max;
    if (s->screen_scroll < 0)
        s->screen_scroll = 0;
}

static tui_hook_key screen_key(tl_state *s, tui_model *m, int ch)
{
    int page = s->screen_page > 2 ? s->screen_page - 1 : 1;
    if (ch == KEY_UP || ch == 'k')
        scroll_screen(s, -1);
    else if (ch == KEY_DOWN || ch == 'j')
        scroll_screen(s, 1);
    else if (ch == KEY_PPAGE)
        scroll_screen(s, -page);
    else if (ch == KEY_NPAGE)
        scroll_screen(s, page);
    else if (ch == '?' || ch == 'h' || ch == KEY_F(1))
        s->help = true;
    else if (s->screen == TL_INTRO && (is_enter(ch) || ch == ' ' || ch == KEY_RIGHT || ch == 'n'))
        tl_begin(s, m);
    else if (s->screen == TL_INTRO && s->resumable && (ch == 'r' || ch == 'R'))
        tl_restart(s, m);
    else if (s->screen == TL_INTRO && (ch == 'q' || ch == 'Q' || ch == 27 || ch == KEY_LEFT))
        go_menu(s);
    else if (s->screen == TL_FINISH && ch == 'n' && next_lesson(s, s->l)) {
        const lesson *next = next_lesson(s, s->l);
        s->row = (size_t)(next - s->list->v);
        tl_open(s, m, next);
    } else if (s->screen == TL_FINISH && (is_enter(ch) || ch == 'q' || ch == 'Q' || ch == 27))
        go_menu(s);
    return HOOK_TOOK;
}

/* A typed answer: printable characters, Backspace, Enter checks, Esc cancels. */
static void input_key(tl_state *s, tui_model *m, int ch)
{
    size_t n = strlen(s->typed);
    if (ch == 27) {
        s->input = false;
    } else if (is_enter(ch)) {
        s->input = false;
        tl_answer_text(s, m, s->typed);
    } else if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && n > 0) {
        s->typed[n - 1] = 0;
    } else if (ch >= 0x20 && ch < 0x7f && n + 1 < sizeof s->typed) {
        s->typed[n] = (char)ch;
        s->typed[n + 1] = 0;
    }
}

static void scroll_pane(tl_state *s, int delta)
{
    int max = s->total - s->page;
    s->scroll += delta;
    if (s->scroll > max)
        s->scroll = max;
    if (s->scroll < 0)
        s->scroll = 0;
}

static void answer_key(tl_state *s, tui_model *m)
{
    const lesson_question *q = tl_current_question(s);
    tl_question *qs = tl_current_state(s);
    if (s->l->steps[s->step].exercise && !s->exercised[s->step]) {
        s->exercise_pending = true; /* tui_lesson_main runs it */
        return;
    }
    if (!q || !qs) {
        tl_next(s, m);
        return;
    }
    if (qs->outcome != TL_OPEN) {
        snprintf(m->flash, sizeof m->flash, "Answered already: Right goes on.");
    } else if (q->kind == LQ_SELECT) {
        tl_answer_selection(s, m);
    } else if (q->kind == LQ_CHOICE) {
        snprintf(m->flash, sizeof m->flash, "Press the number of your choice (1 to %zu).",
                 q->n_choices);
    } else {
        s->input = true;
        s->typed[0] = 0;
        s->follow = true; /* the question in sight while typing */
    }
}

/* v in the handshake panes, for a select question: marks the byte under the hex
 * cursor (or the selected field's first byte) as one end of a range; [ ] and Up/Down
 * then move the other end. v again drops the range: the field is selected again. */
static void mark_bytes(tui_model *m)
{
    const trace_event *d = tui_detail_event(m);
    if (m->range_event != TUI_NONE) {
        m->range_event = TUI_NONE;
        snprintf(m->flash, sizeof m->flash, "Byte range dropped: a answers with the selected field.");
        return;
    }
    if (!d || !d->fields.n || m->view != VIEW_STEP) {
        snprintf(m->flash, sizeof m->flash, "Bytes are marked in a message's hex pane: step to a "
                 "message first.");
        return;
    }
    m->range_event = m->detail;
    m->range_anchor = m->hex_byte;
    m->pane = PANE_HEX;
    snprintf(m->flash, sizeof m->flash, "Byte %04zx marked: ] [ (or Down Up) move the other end, "
             "a answers with the bytes between, v drops the range.", m->hex_byte);
}

/* The last handshake pane Tab reaches before it comes back to the lesson. */
static tui_pane last_pane(const tui_model *m)
{
    const trace_event *d = tui_detail_event(m);
    return d && d->fields.n ? PANE_HEX : PANE_FIELDS;
}

static tui_hook_key step_key(tl_state *s, tui_model *m, int ch)
{
    if (s->input) {
        input_key(s, m, ch);
        return HOOK_TOOK;
    }
    if (ch == KEY_MOUSE)
        return HOOK_PASS;
    if (tl_key_blocked(ch)) {
        snprintf(m->flash, sizeof m->flash, "A lesson keeps its handshake as it is; to change "
                 "the scenario or break it, use 'tlssim ui' after the lesson.");
        return HOOK_TOOK;
    }
    tui_lesson_action a = tui_lesson_key_action(ch);
    if (a == LACT_HELP) {
        s->help = true;
        s->help_scroll = 0;
        return HOOK_TOOK;
    }
    if (a == LACT_LEAVE) {
        go_menu(s);
        return HOOK_TOOK;
    }
    const lesson_question *q = tl_current_question(s);
    bool select_open = q && q->kind == LQ_SELECT && tl_current_state(s)->outcome == TL_OPEN;
    if (a == LACT_FOCUS || (ch == '\t' && (s->focus || m->pane == last_pane(m)))) {
        s->focus = !s->focus;
        /* To select bytes, the field list is where to start. */
        const trace_event *d = tui_detail_event(m);
        if (!s->focus && select_open && d && d->fields.n)
            m->pane = PANE_FIELDS;
        else if (!s->focus && ch == '\t')
            m->pane = PANE_LADDER;
        return HOOK_TOOK;
    }
    if (!s->focus) {
        /* The handshake panes keep their keys; a selection is answered from there. */
        if (select_open && (ch == 'a' || (is_enter(ch) && m->pane == PANE_HEX))) {
            tl_answer_selection(s, m);
            return HOOK_TOOK;
        }
        if (ch == 'r') {
            tl_reveal(s, m);
            return HOOK_TOOK;
        }
        if (ch == 'v' && select_open) {
            mark_bytes(m);
            return HOOK_TOOK;
        }
        if (ch == 'a') {
            snprintf(m->flash, sizeof m->flash, q ? "This question is answered in the lesson pane: "
                     "press l to go back to it." : "There is no question in this step.");
            return HOOK_TOOK;
        }
        return HOOK_PASS;
    }
    int page = s->page > 2 ? s->page - 1 : 1;
    switch (a) {
    case LACT_NEXT: tl_next(s, m); break;
    case LACT_PREV:
        if (s->step > 0)
            tl_show_step(s, m, s->step - 1);
        else
            snprintf(m->flash, sizeof m->flash, "This is the first step; q leaves the lesson.");
        break;
    case LACT_UP: scroll_pane(s, -1); break;
    case LACT_DOWN: scroll_pane(s, 1); break;
    case LACT_PAGE_UP: scroll_pane(s, -page); break;
    case LACT_PAGE_DOWN: scroll_pane(s, page); break;
    case LACT_CHOICE:
        if (q && q->kind == LQ_CHOICE)
            tl_answer_choice(s, m, ch - '0');
        else
            return HOOK_PASS; /* the views, 1 to 4 */
        break;
    case LACT_ANSWER:
        answer_key(s, m);
        if (s->exercise_pending)
            return HOOK_QUIT;
        break;
    case LACT_REVEAL: tl_reveal(s, m); break;
    default: return HOOK_PASS;
    }
    return HOOK_TOOK;
}

static tui_hook_key on_key_now(tl_state *s, tui_model *m, int ch);

/* Every key may move the student on or settle a question: the place is saved after
 * it, so a lesson left (or a window closed) resumes where it was. */
static tui_hook_key on_key(void *ctx, tui_model *m, int ch)
{
    tl_state *s = ctx;
    tui_hook_key r = on_key_now(s, m, ch);
    if (!s->exercise_pending)
        tl_save_place(s, m);
    return r;
}

static tui_hook_key on_key_now(tl_state *s, tui_model *m, int ch)
{
    if (s->help) {
        if (ch == KEY_DOWN || ch == 'j' || ch == KEY_NPAGE)
            s->help_scroll += ch == KEY_NPAGE ? 10 : 1;
        else if (ch == KEY_UP || ch == 'k' || ch == KEY_PPAGE)
            s->help_scroll -= ch == KEY_PPAGE ? 10 : 1;
        else
            s->help = false;
        if (s->help_scroll < 0)
            s->help_scroll = 0;
        return HOOK_TOOK;
    }
    switch (s->screen) {
    case TL_MENU: return menu_key(s, m, ch);
    case TL_INTRO:
    case TL_FINISH: return screen_key(s, m, ch);
    default: return step_key(s, m, ch);
    }
}

/* In a lesson, the wheel scrolls the lesson pane under it, and a click gives the
 * focus to the pane clicked (the handshake panes then take the click as usual). */
static bool on_mouse(void *ctx, tui_model *m, int y, int x, int wheel)
{
    tl_state *s = ctx;
    (void)m;
    if (s->screen != TL_STEP || s->help)
        return true; /* the whole screens have no mouse targets */
    tui_rect r = s->pane;
    bool in = r.h > 0 && y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
    if (!in) {
        if (wheel == 0)
            s->focus = false;
        return false;
    }
    if (wheel)
        scroll_pane(s, 3 * wheel);
    else
        s->focus = true;
    return true;
}

static tui_rect on_draw(void *ctx, tui_model *m, tui_rect main, tui_hits *h)
{
    tl_state *s = ctx;
    if (s->screen != TL_STEP)
        return (tui_rect){main.y, main.x, 0, 0};
    tui_rect rest = tl_draw_view(s, m, main, h);
    if (s->mark_follow && m->view == VIEW_STEP && rest.h > 0) {
        /* What the step highlights, at the top of the detail pane (after the line
         * above it, which names the section). Lines depend on the pane's width. */
        int lw = tui_step_ladder_width(&m->t, rest.w);
        int line = tui_detail_mark_line(m, rest.w - lw);
        if (line >= 0)
            m->scroll = (size_t)(line > 0 ? line - 1 : 0);
        s->mark_follow = false;
    }
    return rest;
}

static void on_overlay(void *ctx, const tui_model *m)
{
    tl_state *s = ctx;
    if (s->screen == TL_MENU)
        tl_draw_menu(s);
    else if (s->screen == TL_INTRO)
        tl_draw_intro(s);
    else if (s->screen == TL_FINISH)
        tl_draw_finish(s);
    tl_draw_keys(s, m);
    if (s->help)
        tl_draw_help(s);
}

/* The exercise of the current step: one fault of its pool, picked by the seed, in
 * the exercise's own UI; its answers go to the progress as that exercise's. */
static void run_exercise(tl_state *s, tui_theme theme)
{
    s->exercise_pending = false;
    s->exercised[s->step] = true;
    const lesson_step *st = &s->l->steps[s->step];
    const fault_info *pool[32];
    size_t n = 0;
    char names[512];
    snprintf(names, sizeof names, "%s", st->exercise);
    char *save = NULL;
    for (char *t = strtok_r(names, ", ", &save); t && n < 32; t = strtok_r(NULL, ", ", &save))
        if (fault_by_name(t))
            pool[n++] = fault_by_name(t);
    int sc = s->shown >= 0 ? s->shown : 0;
    static exercise ex; /* large */
    char why[300];
    fault_given given = {s->run.args[sc].suite_given, s->run.args[sc].group_given};
    if (n == 0 || !exercise_start_with(&ex, pool[s->run.seed % n], s->run.seed, &s->run.args[sc].chosen,
                                       given, why, sizeof why)) {
        snprintf(s->exercise_note, sizeof s->exercise_note, "The exercise could not start: %.200s",
                 n ? why : "none of its faults is in this build");
        return;
    }
    tui_exercise_run(&ex, theme);
    snprintf(s->exercise_note, sizeof s->exercise_note,
             "Exercise done: %u of %d parts right (saved to your progress). The hidden fault "
             "was %s.", exercise_score(&ex), (int)EX_PARTS, ex.fault->name);
    exercise_free(&ex);
}

/* After an exercise: the lesson again, on the step it was on. */
static void on_return(void *ctx, tui_model *m)
{
    tl_state *s = ctx;
    size_t step = s->step;
    s->shown = -1;
    size_t question = s->question;
    tl_show_step(s, m, step);
    s->question = question;
    s->focus = true;
    s->follow = true;
    tl_save_place(s, m); /* the exercise is done */
}

int tui_lesson_main(const lesson_list *lessons, const char *id, uint64_t seed, bool seeded,
                    tui_theme theme)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "tlssim: lesson: not a terminal; lessons need the terminal UI "
                        "(for the teacher: 'tlssim lesson --check', '--key', '--report')\n");
        return EXIT_USAGE;
    }
    static tl_state s; /* the hook's context lives as long as the UI */
    memset(&s, 0, sizeof s);
    s.list = lessons;
    s.seed = seed;
    s.seeded = seeded;
    s.shown = -1;
    scenario_args idle; /* what the model runs before a lesson is chosen */
    memset(&idle, 0, sizeof idle);
    scenario_defaults(&idle.sc);
    const scenario *first = &idle.sc, *chosen = &idle.sc;
    if (id) {
        const lesson *l = lesson_find(lessons, id);
        if (!l) {
            fprintf(stderr, "tlssim: lesson: no lesson '%s' ('tlssim list lessons' names them)\n",
                    id);
            return EXIT_USAGE;
        }
        tui_model scratch; /* tl_open reports into a model's flash line */
        memset(&scratch, 0, sizeof scratch);
        if (!tl_open(&s, &scratch, l)) {
            fprintf(stderr, "tlssim: lesson: %s\n", scratch.flash);
            return EXIT_USAGE;
        }
        s.row = (size_t)(l - lessons->v);
        first = &s.run.args[0].sc;
        chosen = &s.run.args[0].chosen;
        s.shown = 0;
    } else {
        int rc = scenario_args_finish(&idle, "lesson");
        if (rc != EXIT_OK) {
            scenario_args_free(&idle);
            return rc;
        }
        idle.sc.seed = seed;
        idle.sc.seeded = true;
    }
    s.done = calloc(lessons->n ? lessons->n : 1, sizeof *s.done);
    tl_menu_refresh(&s);
    tui_hook hook = {&s, NULL, on_draw, on_overlay, on_key, on_mouse};
    int rc = tui_run_hooked(first, chosen, theme, &hook);
    while (rc == EXIT_OK && s.exercise_pending) {
        run_exercise(&s, theme);
        /* Back to the lesson, on the step of the exercise. */
        int sc = s.shown >= 0 ? s.shown : 0;
        hook.start = on_return;
        rc = tui_run_hooked(&s.run.args[sc].sc, &s.run.args[sc].chosen, theme, &hook);
    }
    close_lesson(&s);
    free(s.done);
    if (!id)
        scenario_args_free(&idle);
    return rc;
}
