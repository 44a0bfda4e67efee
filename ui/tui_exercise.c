/* The hidden-fault exercise in the terminal: the ladder and the detail pane of the
 * normal UI over the part of the trace before the failure (the fault's own notes left
 * out, nothing shown after the current step), the four questions in a box, then the
 * reveal over the whole trace. The panes are the normal UI's; this file has only the
 * exercise's own screen parts and keys. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/kex.h"
#include "sim/suites.h"
#include "ui/cli.h"
#include "ui/tui_curses.h"
#include "ui/tui_exercise.h"
#include "ui/narrate.h"
#include "ui/tui_keys.h"
#include "ui/tui_panes.h"

enum { MIN_COLS = 80, MIN_LINES = 24 };

typedef enum ex_screen { EXS_STEPS, EXS_QUESTION, EXS_REVEAL } ex_screen;

typedef struct ex_app {
    exercise *ex;
    tui_model m;
    size_t *map;         /* view event -> full trace event */
    bool revealed;       /* the model holds the whole trace */
    ex_screen screen;
    size_t cursor;       /* the highlighted choice */
    size_t choice_top;   /* first choice shown */
    char feedback[900];
    bool feedback_good;
    char saved[300];     /* why the progress could not be saved, or "" */
    tui_hits hits;
    bool quit;
} ex_app;

/* The keys an exercise honours, from the one key table; the rest (scenario, faults,
 * edits) would change the puzzle. */
static bool ex_key_works(tui_action a, bool revealed)
{
    switch (a) {
    case ACT_SCENARIO:
    case ACT_FAULTS:
    case ACT_FAULTS_HIDE:
    case ACT_EDIT:
    case ACT_CLEAR:
    case ACT_NONE:
        return false;
    case ACT_VIEW_CHAIN: /* every check, those after the failure too */
        return revealed;
    default:
        return true;
    }
}

static void draw_status(const ex_app *a)
{
    const tui_model *m = &a->m;
    const exercise *ex = a->ex;
    int attr = tui_attr(ROLE_STATUS);
    char cat[64] = "all";
    if (ex->category != EX_ALL)
        exercise_category_slug(ex->category, cat, sizeof cat);
    char top[200], bottom[200], step[40];
    /* The longest form that fits: long category names and seeds take the room. */
    static const char *const tops[] = {" exercise: find the hidden fault  category %s  seed %llu",
                                       " find the hidden fault  category %s  seed %llu",
                                       " hidden fault  %s  seed %llu"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(top, sizeof top, tops[i], cat, (unsigned long long)ex->seed);
        if (tui_width(top) <= COLS)
            break;
    }
    const char *kex = ex->sc.suite->kex == HS_KEX_RSA   ? "RSA key transport"
                      : ex->sc.suite->kex == HS_KEX_DHE ? "ffdhe2048"
                                                        : kex_group_name(ex->sc.group);
    /* No total before the reveal: it would tell how far the handshake gets. */
    if (a->revealed)
        snprintf(step, sizeof step, "step %zu/%zu ", m->step + 1, m->t.n);
    else
        snprintf(step, sizeof step, "step %zu ", m->t.n ? m->step + 1 : 0);
    int sw = tui_width(step);
    snprintf(bottom, sizeof bottom, " TLS 1.2  %s  %s%s", ex->sc.suite->name, kex,
             ex->sc.client_auth ? "  mutual TLS" : "");
    if (tui_width(bottom) + sw + 1 > COLS) /* the version is the same in every exercise */
        snprintf(bottom, sizeof bottom, " %s  %s%s", ex->sc.suite->name, kex,
                 ex->sc.client_auth ? "  mutual TLS" : "");
    tui_fill(0, 0, COLS, attr);
    tui_put(0, 0, COLS, attr | TUI_BOLD, top);
    tui_fill(1, 0, COLS, attr);
    tui_put(1, 0, COLS - sw - 1, attr, bottom);
    tui_put(1, COLS - sw, sw, attr | TUI_BOLD, step);
}

/* What the current step is, and what to do; before the reveal without any outcome. */
static void draw_guide(const ex_app *a, tui_rect r)
{
    const tui_model *m = &a->m;
    for (int i = 0; i < r.h; i++)
        tui_fill(r.y + i, r.x, r.w, 0);
    if (a->revealed) {
        tui_draw_narration(m, (tui_rect){r.y, r.x, r.h - 1, r.w});
        tui_put(r.y + r.h - 1, r.x + 1, r.w - 2, tui_attr(ROLE_TITLE),
                "The whole handshake: step through it. r shows the answers again.");
        return;
    }
    const trace_event *e = tui_current(m);
    char text[NARRATE_MAX];
    narrate_event(e, text, sizeof text);
    int role = e && e->actor == ACTOR_SERVER ? ROLE_SERVER : ROLE_CLIENT;
    tui_wrap(r.y, r.x + 1, r.w - 2, r.h - 1, 0, tui_attr(role), text);
    bool last = m->step + 1 >= m->t.n;
    tui_put(r.y + r.h - 1, r.x + 1, r.w - 2, tui_attr(ROLE_TITLE) | (last ? TUI_BOLD : 0),
            last ? "The next step is where it goes wrong. Press a to answer."
                 : "Step on with Right. Press a when you think you know what goes wrong.");
}

static void draw_hints(const ex_app *a)
{
    bool u = tui_utf8();
    char line[200];
    snprintf(line, sizeof line, "%s step  Tab pane  %s move  %s views  %s  ? keys  q quit",
             u ? "←/→" : "<-/->", u ? "↑/↓" : "Up/Dn", a->revealed ? "1-4" : "1/2/4",
             a->revealed ? "r answers" : "a answer");
    tui_fill(LINES - 1, 0, COLS, tui_attr(ROLE_DIM));
    tui_put(LINES - 1, 1, COLS - 1, tui_attr(ROLE_DIM), line);
}

static void draw_question(ex_app *a)
{
    exercise *ex = a->ex;
    ex_part p = exercise_current(ex);
    if (p == EX_PARTS)
        return;
    const ex_question *q = &ex->q[p];
    char title[80];
    snprintf(title, sizeof title, "question %d of %d", (int)p + 1, EX_PARTS);
    /* As high as it needs (tui_wrap with no lines to draw only counts them). */
    int wrap_w = COLS - 8;
    int need = 2 + (tui_wrap(0, 0, wrap_w, 0, 0, 0, q->prompt) < 3 ? tui_wrap(0, 0, wrap_w, 0, 0, 0, q->prompt) : 3) +
               1 + (int)q->n + 2;
    if (a->feedback[0]) {
        int fl = tui_wrap(0, 0, wrap_w, 0, 0, 0, a->feedback);
        need += (fl > 4 ? 4 : fl) + 1;
    }
    tui_rect in = tui_overlay(need < LINES - 2 ? need : LINES - 2, COLS - 4, title);
    int y = in.y;
    /* What the last answer earned: the hint, or "right" before the next question. */
    if (a->feedback[0]) {
        int fl = tui_wrap(y, in.x + 1, in.w - 2, 4, 0,
                          tui_attr(a->feedback_good ? ROLE_OK : ROLE_FAIL) | TUI_BOLD, a->feedback);
        y += (fl > 4 ? 4 : fl) + 1;
    }
    int pl = tui_wrap(y, in.x + 1, in.w - 2, 3, 0, TUI_BOLD, q->prompt);
    y += (pl > 3 ? 3 : pl) + 1;
    int keys_y = in.y + in.h - 1;
    int rows = keys_y - 1 - y;
    if (rows < 1)
        rows = 1;
    if (a->cursor < a->choice_top)
        a->choice_top = a->cursor;
    if (a->cursor >= a->choice_top + (size_t)rows)
        a->choice_top = a->cursor - (size_t)rows + 1;
    for (int k = 0; k < rows && a->choice_top + (size_t)k < q->n; k++) {
        size_t i = a->choice_top + (size_t)k;
        int attr = i == a->cursor ? tui_attr(ROLE_CURSOR) : 0;
        tui_fill(y + k, in.x, in.w, attr);
        tui_putf(y + k, in.x + 1, in.w - 2, attr, "%s %s", i == a->cursor ? ">" : " ", q->choices[i]);
    }
    if (a->choice_top > 0 || a->choice_top + (size_t)rows < q->n)
        tui_put(keys_y - 1, in.x + in.w - 10, 9, tui_attr(ROLE_DIM), "(more...)");
    char keys[160];
    snprintf(keys, sizeof keys, "Up/Down choose  Enter answer  Esc back to the handshake  (try %u of %d)",
             q->attempts + 1, EX_MAX_TRIES);
    tui_put(keys_y, in.x + 1, in.w - 2, tui_attr(ROLE_TITLE), keys);
}

static void draw_reveal(const ex_app *a)
{
    tui_rect in = tui_overlay(LINES - 2, COLS - 4, "the answer");
    char text[2400];
    exercise_reveal_text(a->ex, text, sizeof text);
    int y = in.y;
    /* Paragraph by paragraph, so a long one cannot push the score off the box. */
    for (char *para = text; para && *para && y < in.y + in.h - 2;) {
        char *end = strstr(para, "\n\n");
        if (end)
            *end = 0;
        y += tui_wrap(y, in.x + 1, in.w - 2, in.y + in.h - 2 - y, 0, 0, para) + 1;
        para = end ? end + 2 : NULL;
    }
    if (a->saved[0] && y < in.y + in.h - 1)
        tui_wrap(y, in.x + 1, in.w - 2, in.y + in.h - 1 - y, 0, tui_attr(ROLE_FAIL), a->saved);
    tui_put(in.y + in.h - 1, in.x + 1, in.w - 2, tui_attr(ROLE_TITLE),
            "Enter: the whole handshake, at the step that failed  q: quit");
}

static void draw_help(void)
{
    int n = 0;
    for (size_t i = 0; i < tui_n_keys; i++)
        n += tui_keys[i].label && ex_key_works(tui_keys[i].action, true);
    tui_rect in = tui_overlay(n + 4, 78, "keys in an exercise (any key closes this help)");
    int y = in.y;
    for (size_t i = 0; i < tui_n_keys && y < in.y + in.h; i++) {
        if (!tui_keys[i].label || !ex_key_works(tui_keys[i].action, true))
            continue;
        tui_put(y, in.x + 1, 13, tui_attr(ROLE_TITLE), tui_keys[i].label);
        tui_put(y++, in.x + 15, in.w - 16, 0, tui_keys[i].what);
    }
    if (y + 1 < in.y + in.h)
        tui_put(y + 1, in.x + 1, in.w - 2, tui_attr(ROLE_DIM),
                "r (after answering): the answers again. 3 (chains): after answering.");
}

static void draw(ex_app *a)
{
    erase();
    if (COLS < MIN_COLS || LINES < MIN_LINES) {
        char msg[160];
        snprintf(msg, sizeof msg, "tlssim needs a terminal of at least %dx%d; this one is %dx%d. "
                 "Enlarge the window, or press q to quit.", MIN_COLS, MIN_LINES, COLS, LINES);
        tui_wrap(0, 0, COLS, LINES, 0, TUI_BOLD, msg);
        return;
    }
    tui_model *m = &a->m;
    /* The narration lines grow with the step's narration (never cut), plus the line
     * that says what to do. */
    int top = 2, guide_h = tui_narration_height(m, COLS, LINES - 1 - top - 11) + 1;
    draw_status(a);
    tui_rect main = {top, 0, LINES - 1 - top - guide_h, COLS};
    memset(&a->hits, 0, sizeof a->hits);
    if (m->view == VIEW_SECRETS) {
        tui_draw_secrets(m, main, &a->hits);
    } else if (m->view == VIEW_CHAIN) {
        tui_draw_chain(m, main, &a->hits);
    } else if (m->view == VIEW_CERT) {
        size_t idx[4];
        size_t n = tui_cert_events(m, idx, 4);
        char title[120];
        snprintf(title, sizeof title, "certificate message %zu of %zu so far (4 again: the next; 1 returns)",
                 m->cert_index + 1, n);
        tui_frame(main, n ? title : "no certificate yet at this step (1 returns)", true);
        if (n)
            tui_draw_fields_hex(m, tui_inside(main), &a->hits);
    } else {
        int lw = COLS * 36 / 100;
        lw = lw < 32 ? 32 : lw > 56 ? 56 : lw;
        tui_draw_ladder(m, (tui_rect){main.y, 0, main.h, lw}, &a->hits);
        tui_draw_detail(m, (tui_rect){main.y, lw, main.h, COLS - lw}, &a->hits);
    }
    draw_guide(a, (tui_rect){LINES - 1 - guide_h, 0, guide_h, COLS});
    if (m->flash[0]) { /* over the narration lines, not the line that says what to do */
        for (int i = 0; i < guide_h - 1; i++)
            tui_fill(LINES - 1 - guide_h + i, 0, COLS, 0);
        tui_wrap(LINES - 1 - guide_h, 1, COLS - 2, guide_h - 1, 0, tui_attr(ROLE_FAIL) | TUI_BOLD, m->flash);
    }
    draw_hints(a);
    if (a->screen == EXS_QUESTION)
        draw_question(a);
    else if (a->screen == EXS_REVEAL)
        draw_reveal(a);
    if (m->help)
        draw_help();
}

/* Up/Down/PgUp/PgDn in the pane with the focus (as in the normal UI). */
static void move_in_pane(ex_app *a, int delta, bool page)
{
    tui_model *m = &a->m;
    const trace_event *d = tui_detail_event(m);
    int amount = page ? delta * (a->hits.page > 2 ? a->hits.page - 1 : 1) : delta;
    bool fields = d && d->fields.n && (m->view == VIEW_CERT || m->view == VIEW_STEP);
    if (m->view == VIEW_STEP && m->pane == PANE_LADDER) {
        long s = (long)m->step + amount;
        tui_goto_step(m, s < 0 ? 0 : (size_t)s);
    } else if (fields && m->pane == PANE_HEX && a->hits.hex_per_row) {
        long b = (long)m->hex_byte + (long)amount * a->hits.hex_per_row;
        b = b < 0 ? 0 : (size_t)b >= d->len ? (long)d->len - 1 : b;
        tui_select_byte(m, (size_t)b);
    } else if (fields) {
        tui_field_move(m, amount);
    } else {
        long s = (long)m->scroll + amount, max = a->hits.total - a->hits.page;
        m->scroll = (size_t)(s < 0 || max <= 0 ? 0 : s > max ? max : s);
    }
}

/* The whole trace takes the place of the part before the failure. */
static void reveal(ex_app *a)
{
    tui_model *m = &a->m;
    if (!a->revealed) {
        exercise_view_free(&m->t);
        m->t = a->ex->full; /* still the exercise's: let go before tui_model_free */
        m->hide_future = false;
        m->detail = TUI_NONE; /* a different trace: the field state starts afresh */
        a->revealed = true;
        tui_set_view(m, VIEW_STEP);
        tui_goto_step(m, a->ex->frontier);
    }
    a->screen = EXS_REVEAL;
}

static void answer(ex_app *a)
{
    exercise *ex = a->ex;
    ex_part p = exercise_current(ex);
    if (p == EX_PARTS)
        return;
    ex_question *q = &ex->q[p];
    ex_grade g = exercise_answer(ex, p, a->cursor);
    a->feedback_good = g == EXG_RIGHT;
    if (g == EXG_RIGHT)
        snprintf(a->feedback, sizeof a->feedback, "Right: %s.", q->choices[q->right]);
    else if (g == EXG_GAVE_UP)
        snprintf(a->feedback, sizeof a->feedback, "Not right after %d tries: the answer is %s.",
                 EX_MAX_TRIES, q->choices[q->right]);
    else
        snprintf(a->feedback, sizeof a->feedback, "Not right. Hint: %s",
                 q->hints[q->hints_shown ? q->hints_shown - 1 : 0]);
    if (g == EXG_RIGHT || g == EXG_GAVE_UP) {
        a->cursor = a->choice_top = 0;
        if (exercise_current(ex) == EX_PARTS) {
            a->saved[0] = 0;
            char why[256];
            if (!exercise_save(ex, why, sizeof why))
                snprintf(a->saved, sizeof a->saved, "progress not saved: %s", why);
            reveal(a);
        }
    }
}

static void question_key(ex_app *a, int ch)
{
    const ex_question *q = &a->ex->q[exercise_current(a->ex)];
    if (ch == 27 || ch == 'q') {
        a->screen = EXS_STEPS;
    } else if (ch == KEY_UP || ch == 'k') {
        a->cursor = a->cursor ? a->cursor - 1 : q->n - 1;
    } else if (ch == KEY_DOWN || ch == 'j') {
        a->cursor = (a->cursor + 1) % q->n;
    } else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
        answer(a);
    }
}

static void handle(ex_app *a, int ch)
{
    tui_model *m = &a->m;
    if (ch == KEY_RESIZE || ch == ERR)
        return;
    if (COLS < MIN_COLS || LINES < MIN_LINES) {
        a->quit = ch == 'q' || ch == 'Q';
        return;
    }
    if (m->help) {
        m->help = false;
        return;
    }
    m->flash[0] = 0;
    if (a->screen == EXS_QUESTION) {
        question_key(a, ch);
        return;
    }
    if (a->screen == EXS_REVEAL) {
        if (ch == 'q' || ch == 'Q')
            a->quit = true;
        else
            a->screen = EXS_STEPS;
        return;
    }
    if (ch == 'r' && a->revealed) {
        a->screen = EXS_REVEAL;
        return;
    }
    tui_action act = tui_key_action(ch);
    if (!ex_key_works(act, a->revealed)) {
        if (act != ACT_NONE)
            snprintf(m->flash, sizeof m->flash, a->revealed || act != ACT_VIEW_CHAIN
                     ? "not in an exercise: it would change the puzzle"
                     : "the chain view comes after answering: it shows every check");
        return;
    }
    const trace_event *d = tui_detail_event(m);
    switch (act) {
    case ACT_NEXT:
        if (!a->revealed && m->step + 1 >= m->t.n)
            snprintf(m->flash, sizeof m->flash, "That is as far as it goes before something fails: "
                     "press a to answer.");
        tui_goto_step(m, m->step + 1);
        break;
    case ACT_PREV: tui_goto_step(m, m->step ? m->step - 1 : 0); break;
    case ACT_FIRST: tui_goto_step(m, 0); break;
    case ACT_LAST: tui_goto_step(m, m->t.n ? m->t.n - 1 : 0); break;
    case ACT_NEXT_PANE:
        m->pane = (tui_pane)((m->pane + 1) % (d && d->fields.n ? PANE_COUNT : 2));
        if (m->view == VIEW_CERT && m->pane == PANE_LADDER)
            m->pane = PANE_FIELDS;
        break;
    case ACT_UP: move_in_pane(a, -1, false); break;
    case ACT_DOWN: move_in_pane(a, 1, false); break;
    case ACT_PAGE_UP: move_in_pane(a, -1, true); break;
    case ACT_PAGE_DOWN: move_in_pane(a, 1, true); break;
    case ACT_BYTE_PREV:
        if (d && m->hex_byte > 0)
            tui_select_byte(m, m->hex_byte - 1);
        break;
    case ACT_BYTE_NEXT:
        if (d && m->hex_byte + 1 < d->len)
            tui_select_byte(m, m->hex_byte + 1);
        break;
    case ACT_TOGGLE: tui_field_toggle(m); break;
    case ACT_VIEW_STEP: tui_set_view(m, VIEW_STEP); break;
    case ACT_VIEW_SECRETS: tui_set_view(m, VIEW_SECRETS); break;
    case ACT_VIEW_CHAIN: tui_set_view(m, VIEW_CHAIN); break;
    case ACT_VIEW_CERT:
        if (m->view == VIEW_CERT)
            m->cert_index++;
        tui_set_view(m, VIEW_CERT);
        break;
    case ACT_ANSWER:
        if (a->revealed) {
            a->screen = EXS_REVEAL;
        } else {
            a->screen = EXS_QUESTION;
            a->feedback[0] = 0;
        }
        break;
    case ACT_HELP: m->help = true; break;
    case ACT_QUIT: a->quit = true; break;
    default: break;
    }
}

int tui_exercise_run(exercise *ex, tui_theme theme)
{
    setlocale(LC_ALL, "");
    tui_glyphs_choose(strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
    static ex_app a; /* the hit map is large */
    memset(&a, 0, sizeof a);
    a.ex = ex;
    tui_model_init(&a.m, &ex->sc);
    a.map = calloc(ex->full.n ? ex->full.n : 1, sizeof *a.map);
    trace view;
    if (!a.map || !exercise_view(ex, &view, a.map)) {
        free(a.map);
        fprintf(stderr, "tlssim: exercise: out of memory\n");
        return EXIT_INTERNAL;
    }
    trace_free(&a.m.t);
    a.m.t = view;
    a.m.hide_future = true;
    tui_goto_step(&a.m, 0);
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        fprintf(stderr, "tlssim: exercise: cannot drive this terminal (TERM is not set or unknown)\n");
        exercise_view_free(&a.m.t);
        trace_init(&a.m.t);
        tui_model_free(&a.m);
        free(a.map);
        return EXIT_USAGE;
    }
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    tui_theme_apply(theme);
    while (!a.quit) {
        draw(&a);
        refresh();
        handle(&a, getch());
    }
    endwin();
    delscreen(screen);
    if (!a.revealed) {
        /* Left before the end: the answers given so far still count. */
        char why[256];
        if (!exercise_save(ex, why, sizeof why))
            fprintf(stderr, "tlssim: exercise: progress not saved: %s\n", why);
        exercise_view_free(&a.m.t);
    } else if (a.saved[0]) {
        fprintf(stderr, "tlssim: exercise: %s\n", a.saved);
    }
    trace_init(&a.m.t); /* the view or the exercise's trace: neither is the model's */
    tui_model_free(&a.m);
    free(a.map);
    return EXIT_OK;
}
