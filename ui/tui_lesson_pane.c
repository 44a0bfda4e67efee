/* The lesson pane beside (or below) the handshake panes: the step's narration, the
 * current question with its choices, the hints after wrong answers and the
 * explanation after a right one, all wrapped and scrollable so nothing is cut off,
 * and the line where a typed answer goes. */
#include <stdio.h>
#include <string.h>

#include "ui/tui.h"
#include "ui/tui_curses.h"
#include "ui/tui_flow.h"
#include "ui/tui_lesson_state.h"

/* Lines of the pane's text where the newest feedback starts and ends. */
typedef struct marks {
    int from, to;
} marks;

static const char *how_to_answer(const lesson_question *q)
{
    switch (q->kind) {
    case LQ_CHOICE: return "Press the number of your choice. r shows the answer.";
    case LQ_SELECT:
        return "Press l to go to the handshake panes and select the field that holds those "
               "bytes (in the field list, or move through the bytes with [ and ]); for bytes "
               "inside a field, press v on the first one and move to the last. Then press a. "
               "r shows the answer.";
    case LQ_NUMBER: return "Press Enter, type the number, and Enter again. r shows the answer.";
    case LQ_HEX:
        return "Press Enter, type the bytes in hex (spaces and colons are fine), and Enter "
               "again. r shows the answer.";
    default: return "Press Enter, type the name, and Enter again. r shows the answer.";
    }
}

static const char *what_next(const tl_state *s)
{
    const lesson_step *st = &s->l->steps[s->step];
    if (s->question + 1 < st->n_questions)
        return "Press Right for the next question.";
    if (s->step + 1 < s->l->n_steps)
        return "Press Right for the next step.";
    return "Press Right to finish the lesson.";
}

static void feedback(const tl_state *s, tui_flow *f, const lesson_question *q, const tl_question *qs)
{
    const tui_glyphs *g = tui_glyph();
    if (qs->note[0])
        flow_text(f, 0, tui_attr(ROLE_FAIL), qs->note);
    if (qs->outcome == TL_OPEN && qs->wrong) {
        flow_textf(f, 0, tui_attr(ROLE_FAIL) | TUI_BOLD, "%s Not right (answers given: %u).",
                   g->fail, qs->attempts);
        for (unsigned i = 0; i < qs->hints && i < q->n_hints; i++) {
            char hint[700];
            snprintf(hint, sizeof hint, "Hint %u: %s", i + 1, q->hints[i]);
            tl_flow_prose(f, 0, tui_attr(ROLE_TITLE), hint);
        }
        if (q->n_hints == 0)
            flow_text(f, 0, 0, "Try again, or press r to see the answer.");
        else if (qs->hints >= q->n_hints && qs->attempts > q->n_hints)
            flow_text(f, 0, 0, "No more hints: try again, or press r to see the answer.");
    } else if (qs->outcome != TL_OPEN) {
        if (qs->outcome == TL_RIGHT)
            flow_textf(f, 0, tui_attr(ROLE_OK) | TUI_BOLD, "%s Right! The answer: %s", g->ok,
                       qs->answer);
        else
            flow_textf(f, 0, tui_attr(ROLE_TITLE) | TUI_BOLD, "The answer: %s", qs->answer);
        if (q->explain)
            tl_flow_prose(f, 0, 0, q->explain);
    }
    (void)s;
}

static void question(const tl_state *s, tui_flow *f, marks *mk)
{
    const lesson_step *st = &s->l->steps[s->step];
    const lesson_question *q = &st->questions[s->question];
    const tl_question *qs = &s->q[tl_qindex(s, s->step, s->question)];
    flow_blank(f);
    mk->from = f->line;
    if (st->n_questions > 1)
        flow_textf(f, 0, tui_attr(ROLE_TITLE) | TUI_BOLD, "Question %zu of %zu", s->question + 1,
                   st->n_questions);
    else
        flow_text(f, 0, tui_attr(ROLE_TITLE) | TUI_BOLD, "Question");
    tl_flow_prose(f, 0, 0, q->text);
    for (size_t i = 0; i < q->n_choices; i++) {
        char num[24], line[600];
        snprintf(num, sizeof num, "%zu. ", i + 1);
        bool right = qs->outcome != TL_OPEN &&
                     (q->choice_right[i] || strncmp(qs->answer, num, strlen(num)) == 0);
        snprintf(line, sizeof line, "%zu. %s%s", i + 1, q->choices[i],
                 right ? (tui_utf8() ? "  \u2713" : "  (right)") : "");
        flow_text(f, 2, right ? tui_attr(ROLE_OK) : 0, line);
    }
    int before = f->line;
    feedback(s, f, q, qs);
    if (f->line > before)
        mk->from = before;
    flow_text(f, 0, tui_attr(ROLE_DIM), qs->outcome == TL_OPEN ? how_to_answer(q) : what_next(s));
    mk->to = f->line;
}

/* The pane's text; with r.h 0 it only counts lines. */
static void lay_out(const tl_state *s, tui_flow *f, marks *mk)
{
    const lesson_step *st = &s->l->steps[s->step];
    flow_textf(f, 0, tui_attr(ROLE_TITLE) | TUI_BOLD, "Step %zu of %zu: %s", s->step + 1,
               s->l->n_steps, st->title ? st->title : "");
    tl_flow_prose(f, 0, 0, st->narration);
    if (s->step_note[0])
        flow_text(f, 0, tui_attr(ROLE_DIM), s->step_note);
    mk->from = mk->to = f->line;
    if (st->exercise) {
        flow_blank(f);
        mk->from = f->line;
        if (!s->exercised[s->step]) {
            flow_text(f, 0, tui_attr(ROLE_TITLE) | TUI_BOLD, "A mystery exercise");
            flow_text(f, 0, 0, "A fault is hidden in a new run. Press Enter to start: the "
                      "exercise opens in its own screen, and when you finish it (or press q "
                      "there) you come back here.");
            mk->to = f->line;
            return;
        }
        flow_text(f, 0, 0, s->exercise_note);
        mk->to = f->line;
    }
    if (s->question < st->n_questions) {
        question(s, f, mk);
    } else {
        flow_blank(f);
        mk->from = f->line;
        flow_text(f, 0, tui_attr(ROLE_DIM), what_next(s));
        mk->to = f->line;
    }
}

/* How many lines the pane's text takes at inner width w. */
static int pane_lines(const tl_state *s, int w)
{
    marks mk = {0, 0};
    tui_flow measure = {{0, 0, 0, w}, 0, 0};
    lay_out(s, &measure, &mk);
    return measure.line;
}

static void input_line(const tl_state *s, tui_rect r)
{
    char line[256];
    const char *typed = s->typed;
    int room = r.w - 44;
    if (room < 8)
        room = 8;
    if ((int)strlen(typed) > room) /* the end of a long answer, where the cursor is */
        typed += strlen(typed) - (size_t)room;
    snprintf(line, sizeof line, "Your answer: %s_", typed);
    tui_fill(r.y, r.x, r.w, tui_attr(ROLE_CURSOR));
    int used = tui_put(r.y, r.x, r.w, tui_attr(ROLE_CURSOR) | TUI_BOLD, line);
    tui_put(r.y, r.x + used + 2, r.w - used - 2, tui_attr(ROLE_CURSOR), "Enter checks, Esc cancels");
}

static void draw_pane(tl_state *s, tui_rect r)
{
    s->pane = r;
    char title[96];
    snprintf(title, sizeof title, s->focus ? "lesson: %s" : "lesson: %s (l: back here)",
             s->l->id);
    tui_frame(r, title, s->focus);
    tui_rect in = tui_inside(r);
    in.x += 1;
    in.w -= 2;
    if (s->input && in.h > 2) {
        input_line(s, (tui_rect){in.y + in.h - 1, in.x, 1, in.w});
        in.h -= 2;
    }
    marks mk = {0, 0};
    tui_flow measure = {{in.y, in.x, 0, in.w}, 0, 0};
    lay_out(s, &measure, &mk);
    s->total = measure.line;
    s->page = in.h;
    if (s->follow) {
        /* Show the newest feedback whole, or at least its start. */
        if (mk.to - s->page > s->scroll)
            s->scroll = mk.to - s->page;
        if (mk.from < s->scroll)
            s->scroll = mk.from;
        s->follow = false;
    }
    int max = s->total - s->page;
    if (s->scroll > max)
        s->scroll = max;
    if (s->scroll < 0)
        s->scroll = 0;
    tui_flow f = {in, 0, s->scroll};
    lay_out(s, &f, &mk);
    /* What is out of sight, on the frame. */
    const char *up = tui_utf8() ? "\u2191" : "^", *down = tui_utf8() ? "\u2193" : "v";
    char more[48];
    if (s->scroll + s->page < s->total) {
        snprintf(more, sizeof more, " %s more below: Down, PgDn ", down);
        tui_put(r.y + r.h - 1, r.x + r.w - 2 - tui_width(more), tui_width(more),
                tui_attr(ROLE_TITLE), more);
    }
    if (s->scroll > 0) {
        snprintf(more, sizeof more, " %s more above ", up);
        tui_put(r.y + r.h - 1, r.x + 2, tui_width(more), tui_attr(ROLE_TITLE), more);
    }
}

/* Text in at most h lines of r from line y; an ellipsis says the lesson pane has more. */
static void clipped(tui_rect r, int y, int h, int attr, const char *text)
{
    char buf[800];
    snprintf(buf, sizeof buf, "%s", text);
    for (char *p = buf; *p; p++)
        if (*p == '\n' || *p == '`')
            *p = ' ';
    int total = tui_wrap(r.y + y, r.x, r.w, h, 0, attr, buf);
    if (total > h && h > 0)
        tui_put(r.y + y + h - 1, r.x + r.w - 1, 1, tui_attr(ROLE_TITLE), tui_utf8() ? "\u2026" : "~");
}

/* The lesson while the handshake panes have the focus on a small screen: what is
 * asked, what the last answer got, and the way back. */
static void draw_strip(tl_state *s, tui_rect r)
{
    s->pane = r;
    tui_frame(r, "lesson (l or Esc: back to the lesson)", false);
    tui_rect in = tui_inside(r);
    in.x += 1;
    in.w -= 2;
    const lesson_question *q = tl_current_question(s);
    const tl_question *qs = q ? &s->q[tl_qindex(s, s->step, s->question)] : NULL;
    char text[800];
    if (!q || qs->outcome != TL_OPEN) {
        snprintf(text, sizeof text, "Step %zu of %zu: %s", s->step + 1, s->l->n_steps,
                 s->l->steps[s->step].title ? s->l->steps[s->step].title : "");
        clipped(in, 0, in.h, 0, text);
        return;
    }
    snprintf(text, sizeof text, "Question: %s", q->text);
    if (qs->note[0] || qs->wrong) {
        clipped(in, 0, 1, 0, text);
        if (qs->note[0])
            snprintf(text, sizeof text, "%s", qs->note);
        else if (qs->hints > 0)
            snprintf(text, sizeof text, "%s Not right (answers given: %u). Hint %u: %s",
                     tui_glyph()->fail, qs->attempts, qs->hints, q->hints[qs->hints - 1]);
        else
            snprintf(text, sizeof text, "%s Not right (answers given: %u). Try again, or r "
                     "shows the answer.", tui_glyph()->fail, qs->attempts);
        clipped(in, 1, in.h - 1, tui_attr(ROLE_FAIL), text);
    } else if (q->kind == LQ_SELECT) {
        clipped(in, 0, in.h - 1, 0, text);
        tui_put(in.y + in.h - 1, in.x, in.w, tui_attr(ROLE_DIM),
                "Select the field (or v: bytes one by one), then press a to answer.");
    } else {
        clipped(in, 0, in.h, 0, text);
    }
}

tui_rect tl_draw_view(tl_state *s, const tui_model *m, tui_rect main, tui_hits *h)
{
    (void)m;
    (void)h;
    tui_rect rest = main;
    s->pane = (tui_rect){0, 0, 0, 0};
    if (main.w >= 160) { /* wide: beside */
        int w = main.w * 38 / 100;
        /* Narrower when that lets the hex pane show 16 bytes a row. */
        while (w > 50 && (main.w - w) - tui_ladder_width(main.w - w) < 75)
            w--;
        rest.w -= w;
        draw_pane(s, (tui_rect){main.y, main.x + rest.w, main.h, w});
    } else if (main.h >= 28) { /* tall: below, as high as its text, up to a half */
        int cap = s->focus ? main.h / 2 : main.h * 35 / 100;
        int ph = pane_lines(s, main.w - 4) + 2 + (s->input ? 2 : 0);
        ph = ph < 10 ? 10 : ph > cap ? cap : ph;
        rest.h -= ph;
        draw_pane(s, (tui_rect){main.y + rest.h, main.x, ph, main.w});
    } else if (s->focus) { /* 80x24: the handshake panes keep a few rows */
        int ph = main.h - 9 < 8 ? 8 : main.h - 9;
        rest.h -= ph;
        draw_pane(s, (tui_rect){main.y + rest.h, main.x, ph, main.w});
    } else {
        rest.h -= 5;
        draw_strip(s, (tui_rect){main.y + rest.h, main.x, 5, main.w});
    }
    return rest;
}
