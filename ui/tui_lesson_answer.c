/* Answering a lesson's questions: graded by the lesson engine against the trace the
 * student is looking at; a wrong answer shows the next hint, a right one (or giving
 * up) the explanation. Each settled question and the lesson's end go to the
 * student's progress. */
#include <stdio.h>
#include <string.h>

#include "ui/progress.h"
#include "ui/tui_lesson_state.h"

/* "LESSON-ID/STEP/QUESTION", counted from 1 as a teacher reads the file. */
static void item_name(const tl_state *s, char *out, size_t n)
{
    snprintf(out, n, "%s/%zu/%zu", s->l->id, s->step + 1, s->question + 1);
}

/* The right answer as the student would give it, in words. */
static void right_answer(const tl_state *s, const tui_model *m, const lesson_question *q,
                         char *out, size_t n)
{
    char why[256];
    if (q->kind == LQ_CHOICE) {
        for (size_t i = 0; i < q->n_choices; i++) {
            char num[24];
            snprintf(num, sizeof num, "%zu", i + 1);
            if (lesson_grade_answer(&m->t, q, num, why, sizeof why) == LG_RIGHT) {
                snprintf(out, n, "%zu. %s", i + 1, q->choices[i]);
                return;
            }
        }
        snprintf(out, n, "(none of the choices: tell the teacher)");
        return;
    }
    lesson_value v;
    if (!q->answer || !lesson_eval(&m->t, q->answer, &v, why, sizeof why)) {
        snprintf(out, n, "(it cannot be worked out from this run: %.100s)", q->answer ? why : "no @answer");
        return;
    }
    if (q->kind == LQ_SELECT && v.has_target && v.target.event < m->t.n) {
        const trace_event *e = &m->t.ev[v.target.event];
        if (v.target.field >= 0 && (size_t)v.target.field < e->fields.n) {
            const annot *a = &e->fields.v[v.target.field];
            if (v.sel_offset == a->offset && v.sel_len == a->length)
                snprintf(out, n, "the %zu bytes of %s in %s (step %zu), at %04zx in the hex pane",
                         a->length, a->name, e->title, v.target.event + 1, a->offset);
            else
                snprintf(out, n, "the %zu byte%s %04zx to %04zx of %s (bytes %zu to %zu of %s, "
                         "step %zu) in the hex pane", v.sel_len, v.sel_len == 1 ? "" : "s",
                         v.sel_offset, v.sel_offset + v.sel_len - 1, e->title,
                         v.sel_offset - a->offset, v.sel_offset - a->offset + v.sel_len - 1,
                         a->name, v.target.event + 1);
            return;
        }
    }
    lesson_value_text(&v, out, n);
    (void)s;
}

/* Records a settled question; a failure to save is said, not fatal. */
static void settle(tl_state *s, tui_model *m, tl_question *qs, bool right)
{
    const lesson_question *q = tl_current_question(s);
    qs->outcome = right ? TL_RIGHT : TL_SHOWN;
    qs->wrong = false;
    s->focus = true; /* the explanation is in the lesson pane */
    right_answer(s, m, q, qs->answer, sizeof qs->answer);
    char item[160], why[256];
    item_name(s, item, sizeof item);
    progress_answer a = {item, qs->attempts, qs->hints, right};
    if (!progress_record(&a, why, sizeof why))
        snprintf(m->flash, sizeof m->flash, "Your answer could not be saved: %.200s", why);
    s->follow = true;
}

static void wrong(tl_state *s, const lesson_question *q, tl_question *qs)
{
    qs->wrong = true;
    if (qs->hints < q->n_hints)
        qs->hints++;
    s->follow = true;
}

/* Grades one answer (as lesson_grade_answer reads it) to the current question. */
static void grade(tl_state *s, tui_model *m, const char *answer)
{
    const lesson_question *q = tl_current_question(s);
    tl_question *qs = tl_current_state(s);
    if (!q || !qs)
        return;
    if (qs->outcome != TL_OPEN) {
        snprintf(m->flash, sizeof m->flash, "Answered already: Right goes on.");
        return;
    }
    char why[256] = "";
    lesson_grade g = lesson_grade_answer(&m->t, q, answer, why, sizeof why);
    qs->note[0] = 0;
    s->follow = true;
    if (g == LG_INVALID) {
        /* Not an answer of this kind ("zz" for hex): say why, count nothing. */
        snprintf(qs->note, sizeof qs->note, "%s", why[0] ? why : "That is not an answer to this question.");
        return;
    }
    qs->attempts++;
    if (g == LG_RIGHT)
        settle(s, m, qs, true);
    else
        wrong(s, q, qs);
}

void tl_answer_text(tl_state *s, tui_model *m, const char *text)
{
    const char *p = text;
    while (*p == ' ')
        p++;
    if (!*p) {
        snprintf(m->flash, sizeof m->flash, "Nothing typed: Enter opens the answer line again.");
        return;
    }
    grade(s, m, text);
}

void tl_answer_choice(tl_state *s, tui_model *m, int number)
{
    const lesson_question *q = tl_current_question(s);
    if (!q || number < 1 || (size_t)number > q->n_choices) {
        snprintf(m->flash, sizeof m->flash, "There are %zu choices: press 1 to %zu.",
                 q ? q->n_choices : 0, q ? q->n_choices : 0);
        return;
    }
    char num[16];
    snprintf(num, sizeof num, "%d", number);
    grade(s, m, num);
}

void tl_answer_selection(tl_state *s, tui_model *m)
{
    const lesson_question *q = tl_current_question(s);
    tl_question *qs = tl_current_state(s);
    const trace_event *d = tui_detail_event(m);
    if (!q || !qs)
        return;
    if (qs->outcome != TL_OPEN) {
        snprintf(m->flash, sizeof m->flash, "Answered already: Right goes on.");
        return;
    }
    size_t from, len;
    bool range = tui_range(m, &from, &len);
    if (!d || (!range && m->field >= d->fields.n)) {
        snprintf(m->flash, sizeof m->flash, "Select the bytes first: step to a message, then "
                 "pick a field in the field list (or move through the bytes with [ and ]).");
        return;
    }
    /* The engine grades offsets within one event; bytes in another event are wrong
     * whatever their offsets. */
    lesson_value v;
    char why[256];
    if (q->answer && lesson_eval(&m->t, q->answer, &v, why, sizeof why) && v.has_target &&
        v.target.event != m->detail) {
        qs->attempts++;
        qs->note[0] = 0;
        wrong(s, q, qs);
        return;
    }
    char sel[48];
    if (range) {
        snprintf(sel, sizeof sel, "%zu+%zu", from, len);
    } else {
        const annot *a = &d->fields.v[m->field];
        snprintf(sel, sizeof sel, "%zu+%zu", a->offset, a->length);
    }
    grade(s, m, sel);
}

void tl_reveal(tl_state *s, tui_model *m)
{
    const lesson_question *q = tl_current_question(s);
    tl_question *qs = tl_current_state(s);
    if (!q || !qs || qs->outcome != TL_OPEN) {
        snprintf(m->flash, sizeof m->flash, q ? "Answered already: Right goes on."
                                              : "There is no question in this step.");
        return;
    }
    s->input = false;
    settle(s, m, qs, false);
    /* A selection is shown where it is: its message on the ladder, its field selected. */
    lesson_value v;
    char why[256];
    if (q->kind == LQ_SELECT && q->answer && lesson_eval(&m->t, q->answer, &v, why, sizeof why) &&
        v.has_target) {
        tui_set_view(m, VIEW_STEP);
        tui_goto_step(m, v.target.event);
        if (v.target.field >= 0)
            tui_select_field(m, (size_t)v.target.field);
        const trace_event *d = tui_detail_event(m);
        if (d && v.target.field >= 0 && (size_t)v.target.field < d->fields.n &&
            (v.sel_offset != d->fields.v[v.target.field].offset ||
             v.sel_len != d->fields.v[v.target.field].length) && v.sel_len > 0) {
            /* bytes() of a field: those bytes marked, not the whole field */
            tui_select_byte(m, v.sel_offset + v.sel_len - 1);
            m->range_event = m->detail;
            m->range_anchor = v.sel_offset;
        }
    }
}

void tl_finish(tl_state *s)
{
    s->score = s->shown_answers = s->hints_used = 0;
    for (size_t i = 0; i < s->n_q; i++) {
        s->score += s->q[i].outcome == TL_RIGHT;
        s->shown_answers += s->q[i].outcome == TL_SHOWN;
        s->hints_used += s->q[i].hints;
    }
    s->max = (unsigned)s->n_q;
    char why[256];
    s->saved[0] = 0;
    if (!progress_finish(s->l->id, s->score, s->max, why, sizeof why))
        snprintf(s->saved, sizeof s->saved, "%s", why);
    /* Done: opening the lesson again starts it afresh. */
    if (!progress_clear_place(s->l->id, why, sizeof why) && !s->saved[0])
        snprintf(s->saved, sizeof s->saved, "%s", why);
    s->resumable = false;
    s->screen = TL_FINISH;
    s->screen_scroll = 0;
    s->input = false;
    tl_menu_refresh(s);
}
