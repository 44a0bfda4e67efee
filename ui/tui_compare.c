/* The comparison in the terminal UI. One cursor moves over the aligned rows, so both
 * ladders always show the same step; the side with the focus (Tab) is the one whose
 * message the detail pane opens. The bottom pane shows the summary, or (Enter) the
 * fields and bytes of the selected message; a tall terminal shows both. */
#include "ui/tui_compare.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/cli.h"
#include "ui/tui_curses.h"
#include "ui/tui_panes.h"

enum {
    MIN_COLS = 80,
    MIN_LINES = 24,
    SUMMARY_H = CMP_ITEM_COUNT + 2,
    LABEL_W = 17, /* the summary's labels, and a space */
    BOTH_PANES_LINES = 36, /* from this height on, the summary and the detail both show */
};

typedef struct view {
    const compare_model *cm;
    uint64_t seed;
    size_t row;   /* the selected row, the same on both ladders */
    int focus;    /* the run whose message the detail pane shows: 0 A, 1 B */
    bool detail;  /* the bottom pane shows the message, not the summary */
    bool back;    /* opened from `tlssim ui`: q goes back there */
    /* Each run's field tree and hex cursor for the detail pane. The trace is the
     * model's, borrowed: only the tree's state (collapsed) is this view's to free. */
    tui_model side[2];
    tui_hits hits;
    tui_rect ladder[2];
    size_t ladder_top;
    bool quit;
} view;

static size_t row_event(const view *v, int k)
{
    return v->cm->n_rows ? v->cm->rows[v->row].ev[k] : CMP_NONE;
}

/* Moves the cursor; each run's detail state follows its event on that row. */
static void go_row(view *v, size_t row)
{
    if (v->cm->n_rows == 0)
        return;
    v->row = row >= v->cm->n_rows ? v->cm->n_rows - 1 : row;
    for (int k = 0; k < 2; k++)
        if (row_event(v, k) != CMP_NONE)
            tui_goto_step(&v->side[k], row_event(v, k));
}

static void view_init(view *v, const compare_model *cm, uint64_t seed)
{
    memset(v, 0, sizeof *v);
    v->cm = cm;
    v->seed = seed;
    for (int k = 0; k < 2; k++) {
        tui_model *m = &v->side[k];
        m->t = *cm->side[k].t; /* a borrowed copy of the trace's handle, never freed here */
        m->field = TUI_NONE;
        m->detail = TUI_NONE;
        m->view = VIEW_STEP;
        m->pane = PANE_FIELDS;
    }
    go_row(v, 0);
}

static void view_free(view *v)
{
    for (int k = 0; k < 2; k++)
        free(v->side[k].collapsed);
    memset(v, 0, sizeof *v); /* nothing borrowed outlives the view */
}

/* "A: TLS_RSA_WITH_AES_128_GCM_SHA256, fault X", or that the faults asked for did not
 * fit this run (the text output and the JSON say why). */
static void run_title(const cmp_side *s, int k, char *out, size_t n)
{
    char faults[256];
    compare_faults_text(s, faults, sizeof faults);
    if (snprintf(out, n, " %c: %s%s%s%s", 'A' + k, s->suite->name, faults[0] ? ", fault " : "",
                 faults, s->left_out ? (faults[0] ? ", another left out" : ", no fault (does not fit)")
                                     : "") < 0)
        out[0] = 0;
}

static int draw_status(const view *v)
{
    int attr = tui_attr(ROLE_STATUS);
    char a[512], b[512], seed[48], step[48];
    run_title(&v->cm->side[0], 0, a, sizeof a);
    run_title(&v->cm->side[1], 1, b, sizeof b);
    snprintf(seed, sizeof seed, "seed %llu ", (unsigned long long)v->seed);
    snprintf(step, sizeof step, "row %zu/%zu ", v->cm->n_rows ? v->row + 1 : 0, v->cm->n_rows);
    int sw = tui_width(seed) + 1 + tui_width(step);
    tui_fill(0, 0, COLS, attr);
    if (tui_width(a) + 1 + tui_width(b) + 2 + sw <= COLS) {
        int x = tui_put(0, 0, COLS, attr | TUI_BOLD, a);
        tui_put(0, x + 1, COLS - x - 1, attr | TUI_BOLD, b);
        tui_put(0, COLS - sw, sw, attr, seed);
        tui_put(0, COLS - tui_width(step), tui_width(step), attr | TUI_BOLD, step);
        return 1;
    }
    tui_fill(1, 0, COLS, attr);
    tui_put_fit(0, 0, COLS - tui_width(seed) - 1, attr | TUI_BOLD, a);
    tui_put(0, COLS - tui_width(seed), tui_width(seed), attr, seed);
    tui_put_fit(1, 0, COLS - tui_width(step) - 1, attr | TUI_BOLD, b);
    tui_put(1, COLS - tui_width(step), tui_width(step), attr | TUI_BOLD, step);
    return 2;
}

/* A step the run does not have: the lifelines, and a dim note across. */
static void missing_row(int y, tui_rect r, bool cur, bool ended)
{
    int attr = cur ? tui_attr(ROLE_CURSOR) : tui_attr(ROLE_DIM);
    if (cur)
        tui_fill(y, r.x, r.w, attr);
    tui_put(y, r.x, 1, attr, tui_glyph()->v);
    tui_put(y, r.x + r.w - 1, 1, attr, tui_glyph()->v);
    const char *text = ended ? "(this run had ended)" : "(not in this run)";
    int tw = tui_width(text);
    tui_put(y, r.x + (r.w - tw) / 2, tw, attr, text);
}

static void draw_ladder(view *v, int k, tui_rect r)
{
    const cmp_side *s = &v->cm->side[k];
    char title[96];
    snprintf(title, sizeof title, "%c: %s", 'A' + k, compare_kex_name(s->suite));
    tui_frame(r, title, v->focus == k);
    int dim = v->focus == k ? tui_attr(ROLE_TITLE) : tui_attr(ROLE_DIM);
    /* Who is where, on the bottom border: the rows have no room for a header. */
    tui_put(r.y + r.h - 1, r.x + 2, 8, dim, " client ");
    tui_put(r.y + r.h - 1, r.x + r.w - 10, 8, dim, " server ");
    tui_rect in = tui_inside(r);
    tui_rect rows = {in.y, in.x + 1, in.h, in.w - 2};
    v->ladder[k] = rows;
    size_t n = v->cm->n_rows, h = (size_t)(rows.h > 0 ? rows.h : 0);
    size_t top = v->row >= h / 2 ? v->row - h / 2 : 0;
    if (n > h && top > n - h)
        top = n - h;
    if (n <= h)
        top = 0;
    v->ladder_top = top;
    for (size_t i = 0; i < h && top + i < n; i++) {
        size_t ev = v->cm->rows[top + i].ev[k];
        int y = rows.y + (int)i;
        if (ev == CMP_NONE)
            missing_row(y, rows, top + i == v->row, top + i > s->last_row);
        else
            tui_ladder_row(s->t, ev, top + i == v->row, y, rows);
    }
}

static int value_role(const cmp_side *s, cmp_item it)
{
    if (it == CMP_ITEM_FS)
        return s->forward_secrecy ? ROLE_OK : ROLE_FAIL;
    if (it == CMP_ITEM_ENDED)
        return s->t->result.outcome == OUTCOME_OK ? ROLE_OK : ROLE_FAIL;
    if (it == CMP_ITEM_KEY_USE && s->key_check_failed)
        return ROLE_FAIL;
    return ROLE_TEXT;
}

static void draw_summary(const view *v, tui_rect r)
{
    tui_frame(r, "summary", false);
    tui_rect in = tui_inside(r);
    int vw = (in.w - LABEL_W - 1) / 2;
    for (int k = 0; k < 2; k++) {
        char head[8];
        snprintf(head, sizeof head, " %c ", 'A' + k);
        tui_put(r.y, in.x + 1 + LABEL_W + k * vw, 3, tui_attr(ROLE_TITLE) | TUI_BOLD, head);
    }
    for (int it = 0; it < CMP_ITEM_COUNT && it < in.h; it++) {
        char val[2][256];
        for (int k = 0; k < 2; k++)
            compare_item_text(&v->cm->side[k], (cmp_item)it, true, val[k], sizeof val[k]);
        bool differ = strcmp(val[0], val[1]) != 0;
        tui_put(in.y + it, in.x + 1, LABEL_W - 1, tui_attr(ROLE_TITLE),
                compare_item_label((cmp_item)it));
        for (int k = 0; k < 2; k++)
            tui_put_fit(in.y + it, in.x + 1 + LABEL_W + k * vw, vw - 1,
                        tui_attr(value_role(&v->cm->side[k], (cmp_item)it)) | (differ ? TUI_BOLD : 0),
                        val[k]);
    }
}

static void draw_detail(view *v, tui_rect r)
{
    int k = v->focus;
    char label[16];
    snprintf(label, sizeof label, " run %c ", 'A' + k);
    if (row_event(v, k) == CMP_NONE) {
        char why[256], text[400];
        compare_missing_text(v->cm, k, v->row, why, sizeof why);
        snprintf(text, sizeof text, "Run %c: %s. Tab shows run %c's step.", 'A' + k, why, 'B' - k);
        tui_frame(r, label, true);
        tui_rect in = tui_inside(r);
        tui_wrap(in.y, in.x + 1, in.w - 2, in.h, 0, 0, text);
        return;
    }
    memset(&v->hits, 0, sizeof v->hits);
    tui_draw_detail(&v->side[k], r, &v->hits);
    /* Which run this is, on the frame's right end. */
    tui_put(r.y, r.x + r.w - 9, 7, tui_attr(ROLE_TITLE) | TUI_BOLD, label);
}

static void draw_hints(const view *v, int y)
{
    bool u = tui_utf8();
    char line[256];
    bool detail_shown = v->detail || LINES >= BOTH_PANES_LINES;
    const char *enter = LINES >= BOTH_PANES_LINES ? "" /* both panes show already */
                        : v->detail ? "Enter summary  " : "Enter fields, bytes  ";
    snprintf(line, sizeof line, "%s step  Tab other run  %s%sq %s", u ? "↑/↓" : "Up/Dn", enter,
             detail_shown ? "[ ] field  PgUp/PgDn scroll  " : "", v->back ? "back" : "quit");
    tui_fill(y, 0, COLS, tui_attr(ROLE_DIM));
    tui_put(y, 1, COLS - 1, tui_attr(ROLE_DIM), line);
}

/* The selected step of the run with the focus, in full: the ladders are narrow. */
static void draw_narration(const view *v, int y)
{
    int k = v->focus;
    size_t ev = row_event(v, k);
    char text[768];
    const char *arrow = tui_utf8() ? "→" : "->";
    int role;
    if (ev == CMP_NONE) {
        char why[256];
        compare_missing_text(v->cm, k, v->row, why, sizeof why);
        snprintf(text, sizeof text, "Run %c: %s.", 'A' + k, why);
        role = ROLE_DIM;
    } else {
        const trace_event *e = &v->cm->side[k].t->ev[ev];
        if (e->kind == EV_MESSAGE)
            snprintf(text, sizeof text, "Run %c #%zu: %s %s %s: %s, %zu byte%s", 'A' + k, e->seq,
                     actor_name(e->actor), arrow,
                     actor_name(e->actor == ACTOR_CLIENT ? ACTOR_SERVER : ACTOR_CLIENT), e->title,
                     e->len, e->len == 1 ? "" : "s");
        else
            snprintf(text, sizeof text, "Run %c #%zu, %s: %s", 'A' + k, e->seq,
                     actor_name(e->actor), e->title);
        /* Its explanation too, when the line has room for all of it. */
        if (e->explain && tui_width(text) + 3 + tui_width(e->explain) <= COLS - 2)
            snprintf(text + strlen(text), sizeof text - strlen(text), " (%s)", e->explain);
        role = e->actor == ACTOR_SERVER ? ROLE_SERVER : e->actor == ACTOR_CLIENT ? ROLE_CLIENT
                                                                                : ROLE_FAIL;
    }
    tui_fill(y, 0, COLS, 0);
    tui_put_fit(y, 1, COLS - 2, tui_attr(role), text);
}

static void draw(view *v)
{
    erase();
    if (COLS < MIN_COLS || LINES < MIN_LINES) {
        char msg[160];
        snprintf(msg, sizeof msg, "The comparison needs a terminal of at least %dx%d; this one "
                 "is %dx%d. Enlarge it, or press q.", MIN_COLS, MIN_LINES, COLS, LINES);
        tui_wrap(LINES / 2 > 0 ? LINES / 2 - 1 : 0, 1, COLS - 2, LINES, 0, TUI_BOLD, msg);
        return;
    }
    int top = draw_status(v);
    /* Under the panes: the selected step in full, then the keys. The summary's frame
     * has no bottom line: the step's line closes it. */
    int avail = LINES - top - 2;
    bool both = LINES >= BOTH_PANES_LINES;
    int summary_h = SUMMARY_H - 1;
    int bottom = both || v->detail ? avail - avail * 2 / 5 : summary_h;
    int lh = avail - bottom;
    int lw = COLS / 2;
    draw_ladder(v, 0, (tui_rect){top, 0, lh, lw});
    draw_ladder(v, 1, (tui_rect){top, lw, lh, COLS - lw});
    tui_rect b = {top + lh, 0, bottom, COLS};
    if (both) {
        draw_summary(v, (tui_rect){b.y, 0, SUMMARY_H, COLS});
        draw_detail(v, (tui_rect){b.y + summary_h, 0, b.h - summary_h, COLS});
    } else if (v->detail) {
        draw_detail(v, b);
    } else {
        draw_summary(v, (tui_rect){b.y, 0, SUMMARY_H, COLS});
    }
    draw_narration(v, LINES - 2);
    draw_hints(v, LINES - 1);
}

static void click(view *v, int y, int x)
{
    for (int k = 0; k < 2; k++) {
        tui_rect r = v->ladder[k];
        if (r.h > 0 && y >= r.y && y < r.y + r.h && x >= r.x - 1 && x <= r.x + r.w) {
            v->focus = k;
            go_row(v, v->ladder_top + (size_t)(y - r.y));
        }
    }
}

/* PgUp/PgDn: through the detail pane when it shows (the fields of a message, the
 * lines of a computation or check), else a page of rows. */
static void page_key(view *v, int dir, size_t rows_page)
{
    tui_model *sm = &v->side[v->focus];
    const trace_event *e = row_event(v, v->focus) != CMP_NONE ? tui_current(sm) : NULL;
    bool detail_shown = v->detail || LINES >= BOTH_PANES_LINES;
    if (!detail_shown || !e) {
        go_row(v, dir > 0 ? v->row + rows_page : v->row > rows_page ? v->row - rows_page : 0);
        return;
    }
    int page = v->hits.page > 2 ? v->hits.page - 1 : 1;
    if (e->fields.n) {
        tui_field_move(sm, dir * page);
        return;
    }
    long s = (long)sm->scroll + dir * page, max = v->hits.total - v->hits.page;
    sm->scroll = (size_t)(s < 0 || max <= 0 ? 0 : s > max ? max : s);
}

static void key(view *v, int ch)
{
    size_t page = v->ladder[0].h > 2 ? (size_t)v->ladder[0].h - 1 : 1;
    switch (ch) {
    case KEY_DOWN: case KEY_RIGHT: case 'j': case 'n': case ' ':
        go_row(v, v->row + 1);
        break;
    case KEY_UP: case KEY_LEFT: case 'k': case 'p': case KEY_BACKSPACE: case 127: case 8:
        go_row(v, v->row ? v->row - 1 : 0);
        break;
    case KEY_NPAGE: page_key(v, 1, page); break;
    case KEY_PPAGE: page_key(v, -1, page); break;
    case KEY_HOME: case 'g': go_row(v, 0); break;
    case KEY_END: case 'G': go_row(v, v->cm->n_rows ? v->cm->n_rows - 1 : 0); break;
    case '\t': v->focus = 1 - v->focus; break;
    case '\n': case '\r': case KEY_ENTER: v->detail = !v->detail; break;
    case '[': tui_field_move(&v->side[v->focus], -1); break;
    case ']': tui_field_move(&v->side[v->focus], 1); break;
    case 'q': case 'Q': case 27: v->quit = true; break;
    case KEY_MOUSE: {
        MEVENT ev;
        if (getmouse(&ev) == OK && (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
            click(v, ev.y, ev.x);
        break;
    }
    default: break;
    }
}

static void loop(view *v)
{
    draw(v);
    refresh();
    while (!v->quit) {
        int ch = getch();
        if (ch == ERR)
            continue;
        if (ch != KEY_RESIZE && (COLS < MIN_COLS || LINES < MIN_LINES))
            v->quit = ch == 'q' || ch == 'Q' || ch == 27;
        else if (ch != KEY_RESIZE)
            key(v, ch);
        if (!v->quit) {
            draw(v);
            refresh();
        }
    }
}

void tui_compare_view(const compare_model *m, uint64_t seed)
{
    static view v; /* the hit map is large */
    view_init(&v, m, seed);
    v.back = true;
    loop(&v);
    view_free(&v);
}

int tui_compare_main(const compare_model *m, uint64_t seed, tui_theme theme)
{
    setlocale(LC_ALL, "");
    tui_glyphs_choose(strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        fprintf(stderr, "tlssim: compare: cannot drive this terminal (TERM is not set or "
                        "unknown); without a terminal, compare prints text\n");
        return EXIT_USAGE;
    }
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
    mouseinterval(0);
    tui_theme_apply(theme);
    static view v;
    view_init(&v, m, seed);
    loop(&v);
    view_free(&v);
    endwin();
    delscreen(screen);
    return EXIT_OK;
}
