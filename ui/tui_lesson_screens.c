/* The lesson view's whole screens: the menu of lessons, a lesson's intro, the finish
 * with the score, the help, and the line of keys at the bottom. */
#include <stdio.h>
#include <string.h>

#include "ui/progress.h"
#include "ui/tui_curses.h"
#include "ui/tui_flow.h"
#include "ui/tui_keys.h"
#include "ui/tui_lesson_state.h"

const char *tl_level_words(int level)
{
    return level <= 1 ? "first steps" : level == 2 ? "needs the basics" : "advanced";
}

static void clear_all(void)
{
    for (int y = 0; y < LINES; y++)
        tui_fill(y, 0, COLS, 0);
}

void tl_menu_refresh(tl_state *s)
{
    for (size_t i = 0; s->done && i < s->list->n; i++) {
        s->done[i].done = progress_done(s->list->v[i].id, &s->done[i].score, &s->done[i].max);
        progress_place p = {0};
        s->done[i].started = progress_load_place(s->list->v[i].id, &p) &&
                             p.n_steps == s->list->v[i].n_steps;
        s->done[i].at = p.step;
    }
}

bool tl_lesson_done(const tl_state *s, size_t i, unsigned *score, unsigned *max)
{
    if (!s->done || i >= s->list->n || !s->done[i].done)
        return false;
    *score = s->done[i].score;
    *max = s->done[i].max;
    return true;
}

static void progress_words(const tl_state *s, const lesson *l, char *out, size_t n)
{
    unsigned score = 0, max = 0;
    size_t i = (size_t)(l - s->list->v);
    if (s->done && s->done[i].started) /* again after it was done, or for the first time */
        snprintf(out, n, "step %zu/%zu", s->done[i].at + 1, l->n_steps);
    else if (tl_lesson_done(s, i, &score, &max))
        snprintf(out, n, "done %u/%u", score, max);
    else
        snprintf(out, n, "not yet");
}

/* "Do first: The hellos (done), ..." from the requires line. */
static void requires_words(const tl_state *s, const lesson *l, char *out, size_t n)
{
    size_t used = (size_t)snprintf(out, n, "Do first: ");
    char ids[256];
    snprintf(ids, sizeof ids, "%s", l->requires);
    char *save = NULL;
    bool first = true;
    for (char *id = strtok_r(ids, ", ", &save); id && used < n; id = strtok_r(NULL, ", ", &save)) {
        const lesson *r = lesson_find(s->list, id);
        unsigned score, max;
        used += (size_t)snprintf(out + used, n - used, "%s%s%s", first ? "" : "; ",
                                 r ? r->title : id,
                                 r && tl_lesson_done(s, (size_t)(r - s->list->v), &score, &max)
                                     ? " (done)" : "");
        first = false;
    }
    if (used < n)
        snprintf(out + used, n - used, ".");
}

void tl_draw_menu(tl_state *s)
{
    clear_all();
    const lesson_list *list = s->list;
    size_t done = 0;
    for (size_t i = 0; i < list->n; i++) {
        unsigned score, max;
        done += tl_lesson_done(s, i, &score, &max);
    }
    tui_fill(0, 0, COLS, tui_attr(ROLE_STATUS));
    tui_putf(0, 1, COLS - 2, tui_attr(ROLE_STATUS) | TUI_BOLD,
             "tlssim lessons: %zu in the course, %zu done", list->n, done);
    int details = 7;
    tui_rect box = {1, 0, LINES - 2 - details, COLS};
    tui_frame(box, "choose a lesson (Enter opens it)", true);
    tui_rect in = tui_inside(box);
    if (list->n == 0) {
        tui_wrap(in.y + 1, in.x + 1, in.w - 2, in.h - 1, 0, 0,
                 "No lessons were found. Lessons are .lesson files in the lessons folder next to "
                 "tlssim, or in a folder you name with --lessons DIR.");
        return;
    }
    int right = 25; /* "    1   12 min  done 3/4" */
    int tw = in.w - 2 - right;
    tui_put(in.y, in.x + 1, tw, tui_attr(ROLE_DIM), "lesson");
    tui_put(in.y, in.x + 1 + tw, right, tui_attr(ROLE_DIM), "level   time    progress");
    int rows = in.h - 1;
    size_t top = s->row >= (size_t)rows ? s->row - (size_t)rows + 1 : 0;
    for (int y = 0; y < rows && top + (size_t)y < list->n; y++) {
        size_t i = top + (size_t)y;
        const lesson *l = &list->v[i];
        int attr = i == s->row ? tui_attr(ROLE_CURSOR) : 0;
        if (i == s->row)
            tui_fill(in.y + 1 + y, in.x, in.w, attr);
        char title[300], prog[32], rest[64];
        snprintf(title, sizeof title, "%2zu %s", i + 1, l->title ? l->title : l->id);
        tui_put_fit(in.y + 1 + y, in.x + 1, tw - 1, attr, title);
        progress_words(s, l, prog, sizeof prog);
        snprintf(rest, sizeof rest, "%5d  %3d min  %s", l->level, l->minutes, prog);
        tui_put(in.y + 1 + y, in.x + 1 + tw, right, attr, rest);
    }
    if (top + (size_t)rows < list->n) {
        char more[64];
        snprintf(more, sizeof more, " %s %zu more below ", tui_utf8() ? "\u2193" : "v",
                 list->n - top - (size_t)rows);
        tui_put(box.y + box.h - 1, box.x + box.w - 2 - tui_width(more), tui_width(more),
                tui_attr(ROLE_TITLE), more);
    }
    if (top > 0) {
        char more[64];
        snprintf(more, sizeof more, " %s %zu more above ", tui_utf8() ? "\u2191" : "^", top);
        tui_put(box.y + box.h - 1, box.x + 2, tui_width(more), tui_attr(ROLE_TITLE), more);
    }
    /* The chosen lesson in full: nothing of it is cut off here. */
    const lesson *l = &list->v[s->row < list->n ? s->row : 0];
    tui_rect d = {LINES - 1 - details, 0, details, COLS};
    tui_frame(d, "about this lesson", false);
    tui_rect di = tui_inside(d);
    tui_flow f = {{di.y, di.x + 1, di.h, di.w - 2}, 0, 0};
    flow_text(&f, 0, TUI_BOLD, l->title ? l->title : l->id);
    char line[600], req[600];
    snprintf(line, sizeof line, "Level %d (%s), about %d minutes.%s%s%s", l->level,
             tl_level_words(l->level), l->minutes, l->rfc ? " Teaches " : "", l->rfc ? l->rfc : "",
             l->rfc ? "." : "");
    flow_text(&f, 0, 0, line);
    if (l->requires && l->requires[0]) {
        requires_words(s, l, req, sizeof req);
        flow_text(&f, 0, 0, req);
    }
    if (l->n_misconceptions) {
        snprintf(line, sizeof line, "It puts right: %s", l->misconceptions[0]);
        flow_text(&f, 0, tui_attr(ROLE_DIM), line);
    }
}

/* A framed screen of flowing text that scrolls (the intro and the finish). */
static tui_flow screen_flow(tl_state *s, const char *title, tui_rect *in)
{
    clear_all();
    tui_rect box = {0, 0, LINES - 1, COLS};
    tui_frame(box, title, true);
    *in = tui_inside(box);
    in->x += 1;
    in->w -= 2;
    return (tui_flow){*in, 0, s->screen_scroll};
}

static void screen_end(tl_state *s, tui_flow *f, tui_rect in)
{
    s->screen_total = f->line;
    s->screen_page = in.h;
    const char *more = tui_utf8() ? " \u2193 more below: Down, PgDn " : " v more below: Down, PgDn ";
    if (s->screen_scroll + in.h < f->line)
        tui_put(in.y + in.h, in.x + in.w - tui_width(more), tui_width(more), tui_attr(ROLE_TITLE),
                more);
}

void tl_draw_intro(tl_state *s)
{
    const lesson *l = s->l;
    char title[128], line[700];
    snprintf(title, sizeof title, "lesson: %s", l->id);
    tui_rect in;
    tui_flow f = screen_flow(s, title, &in);
    flow_text(&f, 0, tui_attr(ROLE_TITLE) | TUI_BOLD, l->title ? l->title : l->id);
    snprintf(line, sizeof line, "Level %d (%s), about %d minutes, %zu step%s.", l->level,
             tl_level_words(l->level), l->minutes, l->n_steps, l->n_steps == 1 ? "" : "s");
    flow_text(&f, 0, 0, line);
    if (l->rfc && l->rfc[0]) {
        snprintf(line, sizeof line, "It teaches %s.", l->rfc);
        flow_text(&f, 0, 0, line);
    }
    if (l->requires && l->requires[0]) {
        requires_words(s, l, line, sizeof line);
        flow_text(&f, 0, 0, line);
    }
    if (s->resumable) {
        const lesson_step *st = &l->steps[s->resume_step];
        size_t settled = 0;
        for (size_t i = 0; i < s->n_q; i++)
            settled += s->q[i].outcome != TL_OPEN;
        flow_blank(&f);
        snprintf(line, sizeof line, "You left this lesson at step %zu of %zu (%s), with %zu of %zu "
                 "question%s answered. Enter goes on from there; r starts again from step 1.",
                 s->resume_step + 1, l->n_steps, st->title ? st->title : "", settled, s->n_q,
                 s->n_q == 1 ? "" : "s");
        flow_text(&f, 0, tui_attr(ROLE_TITLE) | TUI_BOLD, line);
    }
    if (l->n_misconceptions) {
        flow_blank(&f);
        flow_text(&f, 0, tui_attr(ROLE_TITLE),
                  l->n_misconceptions == 1 ? "A common belief this lesson puts right:"
                                           : "Common beliefs this lesson puts right:");
        for (size_t i = 0; i < l->n_misconceptions; i++)
            tl_flow_item(&f, 2, 0, tui_utf8() ? "\u2022 " : "- ", l->misconceptions[i]);
    }
    if (l->intro && l->intro[0]) {
        flow_blank(&f);
        tl_flow_prose(&f, 0, 0, l->intro);
    }
    flow_blank(&f);
    flow_text(&f, 0, tui_attr(ROLE_DIM),
              s->resumable ? "Press Enter to go on where you left, or r to start again. The "
                             "handshake is on the screen all the time: press l to explore it, and "
                             "l again to come back."
                           : "Press Enter to start. The handshake is on the screen all the time: "
                             "press l to explore it, and l again to come back.");
    screen_end(s, &f, in);
}

void tl_draw_finish(tl_state *s)
{
    const lesson *l = s->l;
    char title[128], line[600];
    snprintf(title, sizeof title, "lesson finished: %s", l->id);
    tui_rect in;
    tui_flow f = screen_flow(s, title, &in);
    flow_text(&f, 0, tui_attr(ROLE_TITLE) | TUI_BOLD, l->title ? l->title : l->id);
    flow_blank(&f);
    if (s->max == 0)
        flow_text(&f, 0, 0, "This lesson had no questions.");
    else {
        snprintf(line, sizeof line, "Score: %u of %u question%s right.", s->score, s->max,
                 s->max == 1 ? "" : "s");
        flow_text(&f, 0, tui_attr(s->score == s->max ? ROLE_OK : ROLE_TEXT) | TUI_BOLD, line);
        if (s->shown_answers) {
            snprintf(line, sizeof line, "%u answer%s shown to you with r (they count as not right).",
                     s->shown_answers, s->shown_answers == 1 ? " was" : "s were");
            flow_text(&f, 0, 0, line);
        }
        snprintf(line, sizeof line, "Hints used: %u.", s->hints_used);
        flow_text(&f, 0, 0, line);
    }
    if (s->saved[0]) {
        snprintf(line, sizeof line, "Your progress could not be saved: %s", s->saved);
        flow_text(&f, 0, tui_attr(ROLE_FAIL), line);
    } else {
        flow_text(&f, 0, tui_attr(ROLE_DIM),
                  "Saved to your progress: 'tlssim lesson --report' shows it.");
    }
    flow_blank(&f);
    const lesson *next = NULL;
    for (size_t i = 0; i + 1 < s->list->n; i++)
        if (&s->list->v[i] == l)
            next = &s->list->v[i + 1];
    if (next) {
        snprintf(line, sizeof line, "Next in the course: %s (level %d, about %d minutes). Press "
                 "n to start it.", next->title ? next->title : next->id, next->level, next->minutes);
        flow_text(&f, 0, 0, line);
    } else {
        flow_text(&f, 0, 0, "That was the last lesson of the course.");
    }
    flow_text(&f, 0, 0, "Press Enter for the menu of lessons.");
    screen_end(s, &f, in);
}

void tl_draw_help(tl_state *s)
{
    tui_rect in = tui_overlay(LINES - 2, 76, "keys (Up/Down scroll, any other key closes)");
    tui_flow f = {{in.y, in.x + 1, in.h, in.w - 2}, 0, s->help_scroll};
    char line[200];
    flow_text(&f, 0, tui_attr(ROLE_TITLE) | TUI_BOLD, "In the lesson pane");
    for (size_t i = 0; i < tui_n_lesson_keys; i++) {
        if (!tui_lesson_keys[i].label)
            continue;
        snprintf(line, sizeof line, "%-15s", tui_lesson_keys[i].label);
        tl_flow_item(&f, 2, 0, line, tui_lesson_keys[i].what);
    }
    flow_blank(&f);
    flow_text(&f, 0, tui_attr(ROLE_TITLE) | TUI_BOLD,
              "In the handshake panes (l, or Tab, gets there)");
    for (size_t i = 0; i < tui_n_keys; i++) {
        if (!tui_keys[i].label || tl_key_blocked(tui_keys[i].codes[0]) ||
            tui_keys[i].codes[0] == 'a' || tui_keys[i].action == ACT_QUIT ||
            tui_keys[i].action == ACT_HELP)
            continue;
        snprintf(line, sizeof line, "%-15s", tui_keys[i].label);
        tl_flow_item(&f, 2, 0, line, tui_keys[i].what);
    }
    tl_flow_item(&f, 2, 0, "a              ", "answer a select question with the selected field "
                 "(or the bytes marked with v)");
    tl_flow_item(&f, 2, 0, "v              ", "select question: mark the byte under the hex cursor, "
                 "then [ ] or Up Down move the other end of the range; v again drops it");
    tl_flow_item(&f, 2, 0, "r              ", "show the answer");
    tl_flow_item(&f, 2, 0, "q              ", "leave the lesson");
    flow_blank(&f);
    flow_text(&f, 0, tui_attr(ROLE_DIM), "A lesson keeps its handshake as it is: the scenario "
              "and fault menus and byte edits are in 'tlssim ui'.");
    if (s->help_scroll > f.line - in.h)
        s->help_scroll = f.line - in.h > 0 ? f.line - in.h : 0;
}

void tl_draw_keys(const tl_state *s, const tui_model *m)
{
    (void)m;
    bool u = tui_utf8();
    const char *items[10];
    size_t n = 0;
    const char *tail = "? keys  q quit";
    const lesson_question *q = tl_current_question(s);
    bool open = q && s->q && s->q[tl_qindex(s, s->step, s->question)].outcome == TL_OPEN;
    switch (s->screen) {
    case TL_MENU:
        items[n++] = u ? "↑/↓ choose" : "Up/Dn choose";
        items[n++] = "Enter open";
        break;
    case TL_INTRO:
        items[n++] = s->resumable ? "Enter go on" : "Enter start";
        if (s->resumable)
            items[n++] = "r start again";
        items[n++] = u ? "↑/↓ scroll" : "Up/Dn scroll";
        tail = "? keys  q back to the menu";
        break;
    case TL_FINISH:
        if (s->l && s->list->n && s->l != &s->list->v[s->list->n - 1])
            items[n++] = "n next lesson";
        tail = "Enter menu";
        break;
    default:
        tail = "? keys  q leave";
        if (s->input) {
            items[n++] = "type your answer";
            tail = "Enter check  Esc cancel";
        } else if (!s->focus) {
            items[n++] = u ? "←/→ step" : "<-/-> step";
            items[n++] = u ? "↑/↓ move" : "Up/Dn move";
            items[n++] = "Tab pane";
            if (open && q->kind == LQ_SELECT) {
                items[n++] = "a answer";
                items[n++] = "v mark";
            }
            items[n++] = "l lesson";
        } else if (s->l->steps[s->step].exercise && !s->exercised[s->step]) {
            items[n++] = "Enter start the exercise";
            items[n++] = "l handshake";
        } else {
            static char pick[32];
            snprintf(pick, sizeof pick, "1-%zu answer", q ? q->n_choices : 0);
            if (open && q->kind == LQ_CHOICE)
                items[n++] = pick;
            else if (open)
                items[n++] = q->kind == LQ_SELECT ? "l select, a answer" : "Enter answer";
            if (open)
                items[n++] = "r show answer";
            items[n++] = u ? "→ next" : "-> next";
            items[n++] = "l handshake";
            items[n++] = u ? "↑/↓ scroll" : "Up/Dn scroll";
            items[n++] = u ? "← back" : "<- back";
        }
    }
    char line[256] = "";
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        int room = COLS - 2 - tui_width(line) - tui_width(tail);
        if (tui_width(items[i]) + 2 > room)
            break;
        used += (size_t)snprintf(line + used, sizeof line - used, "%s  ", items[i]);
    }
    snprintf(line + used, sizeof line - used, "%s", tail);
    tui_fill(LINES - 1, 0, COLS, tui_attr(ROLE_DIM));
    tui_put(LINES - 1, 1, COLS - 1, tui_attr(ROLE_DIM), line);
}
