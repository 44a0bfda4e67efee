/* The terminal UI's main loop: lay out the panes, draw, wait for a key or a click,
 * change the model. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ui/cli.h"
#include "ui/tui.h"
#include "ui/glossary.h"
#include "ui/tui_compare.h"
#include "ui/tui_curses.h"
#include "ui/tui_faults.h"
#include "ui/tui_keys.h"
#include "ui/tui_menu.h"
#include "ui/tui_panes.h"

enum { MIN_COLS = 80, MIN_LINES = 24 };

/* The byte editor of `e`: the target on the wire and the hex digits typed so far. */
typedef struct byte_editor {
    bool open;
    wire_edit target;
    int digits;
    unsigned value;
} byte_editor;

typedef struct app {
    tui_model m;
    tui_menu menu;
    tui_fault_menu faults;
    byte_editor edit;
    tui_hits hits;
    FILE *timing;
    bool quit;
    const tui_hook *hook; /* or NULL */
    const glossary_term *gloss; /* the glossary box shows it (g), or NULL */
} app;

double tui_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int tui_ladder_width(int w)
{
    /* At 80 columns (a projector) 34: "✓ CertificateVerify signature" fits whole in the
     * ladder, and "verify_data = " with its 12 bytes in the detail pane. */
    int lw = w * 36 / 100;
    return lw < 34 ? 34 : lw > 56 ? 56 : lw;
}

int tui_step_ladder_width(const trace *t, int w)
{
    int lw = tui_ladder_width(w);
    /* A third lane for the attacker: its steps get the room of their own. */
    if (tui_trace_has_attacker(t))
        lw = lw + 8 > w - 34 ? (w - 34 > lw ? w - 34 : lw) : lw + 8;
    return lw;
}

static void draw_too_small(void)
{
    char msg[160];
    const char *what = "Enlarge the window, or press q to quit.";
    snprintf(msg, sizeof msg, "tlssim needs a terminal of at least %dx%d; this one is %dx%d.",
             MIN_COLS, MIN_LINES, COLS, LINES);
    /* Both texts whole, one below the other, centred in height: each wraps to as many
     * lines as it needs (a 20x10 window takes 4 and 3). */
    int w = COLS - 2;
    int h1 = tui_wrap(0, 0, w, 0, 0, 0, msg), h2 = tui_wrap(0, 0, w, 0, 0, 0, what);
    int gap = h1 + 1 + h2 <= LINES ? 1 : 0;
    int y = (LINES - h1 - gap - h2) / 2;
    y = y < 0 ? 0 : y;
    tui_wrap(y, 1, w, LINES - y, 0, TUI_BOLD, msg);
    if (y + h1 + gap < LINES)
        tui_wrap(y + h1 + gap, 1, w, LINES - y - h1 - gap, 0, 0, what);
}

/* The most used keys: at 80 columns the ones to step, to switch the view and to break
 * the handshake; more when wider. "? keys" and "q quit" always. */
static void draw_hints(int y)
{
    bool u = tui_utf8();
    const char *items[] = {u ? "←→ step" : "<> step", "N/P message", "1-4 views", "s scenario",
                           "f faults", "e edit", "Tab pane", u ? "↑↓ move" : "Up/Dn move",
                           "o fold", "Enter open"};
    const char *tail = "? keys  q quit";
    char line[256] = "";
    size_t used = 0;
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        int room = COLS - 2 - tui_width(line) - tui_width(tail);
        if (tui_width(items[i]) + 2 > room)
            break;
        used += (size_t)snprintf(line + used, sizeof line - used, "%s  ", items[i]);
    }
    snprintf(line + used, sizeof line - used, "%s", tail);
    tui_fill(y, 0, COLS, tui_attr(ROLE_DIM));
    tui_put(y, 1, COLS - 1, tui_attr(ROLE_DIM), line);
}

static void edit_prompt(const byte_editor *ed, char *out, size_t n)
{
    char typed[3] = "";
    if (ed->digits == 2)
        snprintf(typed, sizeof typed, "%02x", ed->value);
    else if (ed->digits == 1)
        snprintf(typed, sizeof typed, "%x", ed->value);
    snprintf(out, n, "edit byte %zu of the %s's record %u (now %02x): new value in hex: %s_   "
             "Enter applies, Esc cancels", ed->target.offset, actor_name((actor_id)ed->target.by),
             ed->target.record + 1, ed->target.value, typed);
}

static void draw(app *a)
{
    erase();
    if (COLS < MIN_COLS || LINES < MIN_LINES) {
        draw_too_small();
        return;
    }
    tui_model *m = &a->m;
    int top = tui_draw_status(m, 0, COLS);
    /* The narration box grows to fit the step's narration (nothing is cut); the panes
     * keep 10 lines. A flash message or the edit prompt takes the box when longer. */
    int narr_max = LINES - 1 - top - 10;
    int narr_h = tui_narration_height(m, COLS, narr_max);
    if (a->edit.open || m->flash[0]) {
        char text[320];
        if (a->edit.open)
            edit_prompt(&a->edit, text, sizeof text);
        else
            snprintf(text, sizeof text, "%s", m->flash);
        int fh = tui_wrap(0, 0, COLS - 2, 0, 0, 0, text);
        narr_h = fh > narr_h ? (fh < narr_max ? fh : narr_max) : narr_h;
    }
    tui_rect main = {top, 0, LINES - 1 - top - narr_h, COLS};
    memset(&a->hits, 0, sizeof a->hits);
    if (a->hook)
        main = a->hook->draw(a->hook->ctx, m, main, &a->hits);
    switch (main.h > 0 ? m->view : VIEW_COUNT) {
    case VIEW_COUNT: break; /* the hook took the whole area */
    case VIEW_STEP: {
        int lw = tui_step_ladder_width(&m->t, main.w);
        tui_draw_ladder(m, (tui_rect){main.y, main.x, main.h, lw}, &a->hits);
        tui_draw_detail(m, (tui_rect){main.y, main.x + lw, main.h, main.w - lw}, &a->hits);
        break;
    }
    case VIEW_SECRETS:
        tui_draw_secrets(m, main, &a->hits);
        break;
    case VIEW_CHAIN:
        tui_draw_chain(m, main, &a->hits);
        break;
    default: {
        size_t idx[4];
        size_t n = tui_cert_events(m, idx, 4);
        const trace_event *e = tui_detail_event(m);
        char title[160];
        snprintf(title, sizeof title, "certificate message %zu of %zu: Certificate from the %s "
                 "(4 again: next; Enter expands)", m->cert_index + 1, n,
                 e ? actor_name(e->actor) : "?");
        tui_frame(main, n ? title : "no certificate in this run", true);
        tui_draw_fields_hex(m, tui_inside(main), &a->hits);
        break;
    }
    }
    tui_rect narr = {LINES - 1 - narr_h, 0, narr_h, COLS};
    tui_draw_narration(m, narr);
    if (a->edit.open || m->flash[0]) {
        char text[320];
        if (a->edit.open)
            edit_prompt(&a->edit, text, sizeof text);
        else
            snprintf(text, sizeof text, "%s", m->flash);
        for (int i = 0; i < narr.h; i++)
            tui_fill(narr.y + i, 0, COLS, 0);
        tui_wrap(narr.y, 1, COLS - 2, narr.h, 0, tui_attr(ROLE_FAIL) | TUI_BOLD, text);
    }
    draw_hints(LINES - 1);
    if (a->menu.open)
        tui_menu_draw(&a->menu);
    if (a->faults.open)
        tui_faults_draw(&a->faults);
    if (m->help)
        tui_draw_help();
    if (a->gloss)
        tui_draw_glossary(a->gloss);
    if (a->hook && a->hook->overlay)
        a->hook->overlay(a->hook->ctx, m);
}

/* Up/Down/PgUp/PgDn in whatever has the focus. */
static void move_in_pane(app *a, int delta, bool page)
{
    tui_model *m = &a->m;
    const trace_event *d = tui_detail_event(m);
    int page_rows = a->hits.page > 2 ? a->hits.page - 1 : 1;
    int amount = page ? delta * page_rows : delta;
    bool fields = d && d->fields.n && (m->view == VIEW_CERT || m->view == VIEW_STEP);
    if (m->view == VIEW_STEP && m->pane == PANE_LADDER) {
        tui_step_move(m, amount);
    } else if (fields && m->pane == PANE_HEX && a->hits.hex_per_row) {
        long b = (long)m->hex_byte + (long)amount * a->hits.hex_per_row;
        if (b < 0)
            b = 0;
        if ((size_t)b >= d->len)
            b = (long)d->len - 1;
        tui_select_byte(m, (size_t)b);
    } else if (fields) {
        tui_field_move(m, amount);
    } else {
        long s = (long)m->scroll + amount;
        long max = a->hits.total - a->hits.page;
        m->scroll = (size_t)(s < 0 || max <= 0 ? 0 : s > max ? max : s);
    }
}

static void act(app *a, tui_action action)
{
    tui_model *m = &a->m;
    const trace_event *d = tui_detail_event(m);
    switch (action) {
    case ACT_NEXT: tui_step_move(m, 1); break;
    case ACT_PREV: tui_step_move(m, -1); break;
    case ACT_NEXT_MESSAGE: tui_step_message(m, 1); break;
    case ACT_PREV_MESSAGE: tui_step_message(m, -1); break;
    case ACT_FOLD: tui_fold_toggle(m); break;
    case ACT_FIRST: tui_goto_step(m, 0); break;
    case ACT_LAST: tui_goto_step(m, m->t.n ? m->t.n - 1 : 0); break;
    case ACT_NEXT_PANE: {
        int panes = d && d->fields.n ? PANE_COUNT : 2;
        m->pane = (tui_pane)((m->pane + 1) % panes);
        if (m->view == VIEW_CERT && m->pane == PANE_LADDER)
            m->pane = PANE_FIELDS;
        break;
    }
    case ACT_UP: move_in_pane(a, -1, false); break;
    case ACT_DOWN: move_in_pane(a, 1, false); break;
    case ACT_PAGE_UP: move_in_pane(a, -1, true); break;
    case ACT_PAGE_DOWN: move_in_pane(a, 1, true); break;
    case ACT_BYTE_PREV:
        if (d && m->hex_byte > 0)
            tui_select_byte(m, m->hex_byte - 1);
        m->pane = d && d->fields.n ? PANE_HEX : m->pane;
        break;
    case ACT_BYTE_NEXT:
        if (d && m->hex_byte + 1 < d->len)
            tui_select_byte(m, m->hex_byte + 1);
        m->pane = d && d->fields.n ? PANE_HEX : m->pane;
        break;
    case ACT_TOGGLE:
        /* On the ladder, Enter opens a folded chain of checks (they have no fields). */
        if (m->view == VIEW_STEP && m->pane == PANE_LADDER && tui_step_hidden(m, m->step + 1) &&
            tui_fold_group(&m->t, m->step, NULL, NULL, NULL)) {
            tui_fold_toggle(m);
        } else {
            tui_field_toggle(m);
            if (m->view == VIEW_STEP && a->hits.fold_line > 0) /* the opened PRF at the top */
                m->scroll = m->steps_open ? (size_t)a->hits.fold_line : 0;
        }
        break;
    case ACT_VIEW_STEP: tui_set_view(m, VIEW_STEP); break;
    case ACT_VIEW_SECRETS: tui_set_view(m, VIEW_SECRETS); break;
    case ACT_VIEW_CHAIN: tui_set_view(m, VIEW_CHAIN); break;
    case ACT_VIEW_CERT:
        if (m->view == VIEW_CERT)
            m->cert_index++;
        tui_set_view(m, VIEW_CERT);
        break;
    case ACT_SCENARIO: tui_menu_open(&a->menu, &m->chosen); break;
    case ACT_FAULTS: tui_faults_open(&a->faults, m->sc.faults); break;
    case ACT_EDIT: {
        /* The byte under the hex cursor, or the first of the selected field. */
        size_t byte = m->pane == PANE_HEX || !d || m->field >= d->fields.n
                          ? m->hex_byte : d->fields.v[m->field].offset;
        if (tui_edit_target(m, byte, &a->edit.target, m->flash, sizeof m->flash)) {
            a->edit.open = true;
            a->edit.digits = 0;
            a->edit.value = 0;
        }
        break;
    }
    case ACT_CLEAR:
        m->sc.n_edits = 0;
        tui_run_faults(m, 0, m->flash, sizeof m->flash); /* no faults always fit */
        snprintf(m->flash, sizeof m->flash, "faults and edits cleared: the handshake as it should be");
        break;
    case ACT_FAULTS_HIDE:
        a->faults.hide = !a->faults.hide;
        snprintf(m->flash, sizeof m->flash, "fault menu (f): %s", a->faults.hide
                 ? "who notices and the alert are hidden, for projecting to a class (H shows them)"
                 : "who notices and the alert are shown again");
        break;
    case ACT_ANSWER:
        snprintf(m->flash, sizeof m->flash, "a answers the questions of an exercise: try "
                 "'tlssim exercise' (a hidden fault to find)");
        break;
    case ACT_COMPARE: tui_compare_pick(&m->sc, &m->chosen, &m->t, m->flash, sizeof m->flash); break;
    case ACT_GLOSSARY:
        if (!(a->gloss = tui_glossary_term(m)))
            snprintf(m->flash, sizeof m->flash, "no glossary term here: 'tlssim glossary' lists them");
        break;
    case ACT_HELP: m->help = true; break;
    case ACT_QUIT: a->quit = true; break;
    case ACT_NONE: break;
    }
}

static bool inside(tui_rect r, int y, int x)
{
    return r.h > 0 && y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

static void click(app *a, int y, int x)
{
    tui_model *m = &a->m;
    tui_hits *h = &a->hits;
    if (inside(h->ladder, y, x)) {
        int row = y - h->ladder.y;
        if (row < h->n_ladder_rows)
            tui_goto_step(m, h->ladder_row[row]);
        m->pane = PANE_LADDER;
    } else if (inside(h->fields, y, x) && y - h->fields.y < h->n_field_rows) {
        tui_select_field(m, h->field_row[y - h->fields.y]);
        m->pane = PANE_FIELDS;
    } else if (inside(h->hex, y, x) && h->hex_per_row) {
        int per = h->hex_per_row, col = x - h->hex.x, k = -1;
        if (col >= 6 && col < 6 + 3 * per)
            k = (col - 6) / 3;
        else if (col >= 7 + 3 * per && col < 7 + 4 * per)
            k = col - 7 - 3 * per;
        if (k >= 0) {
            tui_select_byte(m, h->hex_first + (size_t)(y - h->hex.y) * (size_t)per + (size_t)k);
            m->pane = PANE_HEX;
        }
    }
}

/* The wheel moves through whatever is under the pointer: steps on the ladder, fields
 * in the tree, rows of bytes in the hex dump, lines in a full-screen view. */
static void wheel(app *a, int y, int x, int delta)
{
    tui_model *m = &a->m;
    tui_hits *h = &a->hits;
    if (m->view == VIEW_STEP && inside(h->ladder, y, x))
        m->pane = PANE_LADDER;
    else if (inside(h->fields, y, x))
        m->pane = PANE_FIELDS;
    else if (inside(h->hex, y, x))
        m->pane = PANE_HEX;
    else if (m->view == VIEW_STEP && inside(h->scrolls, y, x)) {
        long s = (long)m->scroll + 3L * delta, max = h->total - h->page;
        m->scroll = (size_t)(s < 0 || max <= 0 ? 0 : s > max ? max : s);
        return; /* a protected record's values, longer than the pane */
    } else if (m->view == VIEW_STEP)
        return; /* the detail pane and the chrome do not scroll */
    move_in_pane(a, m->view == VIEW_STEP || m->view == VIEW_CERT ? delta : 3 * delta, false);
}

static int hex_digit(int ch)
{
    return ch >= '0' && ch <= '9' ? ch - '0'
           : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
           : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                    : -1;
}

static void edit_key(app *a, int ch)
{
    byte_editor *ed = &a->edit;
    tui_model *m = &a->m;
    int v = hex_digit(ch);
    if (ch == 27) {
        ed->open = false;
    } else if (v >= 0 && ed->digits < 2) {
        ed->value = (ed->value << 4 | (unsigned)v) & 0xff;
        ed->digits++;
    } else if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && ed->digits > 0) {
        ed->value >>= 4;
        ed->digits--;
    } else if ((ch == '\n' || ch == '\r' || ch == KEY_ENTER) && ed->digits > 0) {
        ed->open = false;
        uint8_t before = ed->target.value;
        ed->target.value = (uint8_t)ed->value;
        if (!tui_add_edit(m, &ed->target))
            snprintf(m->flash, sizeof m->flash, "at most %d bytes can be edited: x clears them",
                     SCENARIO_MAX_EDITS);
        else
            snprintf(m->flash, sizeof m->flash, "byte %zu: %02x -> %02x on the wire; run again. "
                     "Step on (Right) to see which check notices.", ed->target.offset, before,
                     ed->target.value);
    }
}

static void handle(app *a, int ch)
{
    tui_model *m = &a->m;
    if (ch == KEY_RESIZE || ch == ERR)
        return;
    if (COLS < MIN_COLS || LINES < MIN_LINES) {
        if (ch == 'q' || ch == 'Q')
            a->quit = true;
        return;
    }
    if (m->help) {
        m->help = false;
        return;
    }
    if (a->gloss) {
        a->gloss = NULL;
        return;
    }
    m->flash[0] = 0;
    if (a->hook) {
        tui_hook_key r = a->hook->key(a->hook->ctx, m, ch);
        a->quit = r == HOOK_QUIT;
        if (r != HOOK_PASS)
            return;
    }
    if (a->menu.open) {
        if (tui_menu_key(&a->menu, ch) == MENU_APPLY) {
            tui_choose_scenario(m, &a->menu.draft, m->flash, sizeof m->flash);
        }
        return;
    }
    if (a->faults.open) {
        if (tui_faults_key(&a->faults, ch) == MENU_APPLY &&
            !tui_run_faults(m, a->faults.marked, m->flash, sizeof m->flash))
            return; /* the reason is in the flash line */
        return;
    }
    if (a->edit.open) {
        edit_key(a, ch);
        return;
    }
    if (ch == KEY_MOUSE) {
        MEVENT ev;
        if (getmouse(&ev) != OK)
            return;
        int wheel_delta = ev.bstate & WHEEL_UP ? -1 : ev.bstate & WHEEL_DOWN ? 1 : 0;
        if (a->hook && a->hook->mouse && a->hook->mouse(a->hook->ctx, m, ev.y, ev.x, wheel_delta))
            return;
        if (ev.bstate & WHEEL_UP)
            wheel(a, ev.y, ev.x, -1);
        else if (ev.bstate & WHEEL_DOWN)
            wheel(a, ev.y, ev.x, 1);
        else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED))
            click(a, ev.y, ev.x);
        return;
    }
    act(a, tui_key_action(ch));
}

static int run(const scenario *sc, const scenario *chosen, tui_theme theme, const char *timing_path,
               double started_ms, const tui_hook *hook)
{
    setlocale(LC_ALL, "");
    tui_glyphs_choose(strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
    static app a; /* the hit map is large */
    memset(&a, 0, sizeof a);
    if (timing_path && !(a.timing = fopen(timing_path, "w"))) {
        fprintf(stderr, "tlssim: ui: cannot write %s\n", timing_path);
        return EXIT_USAGE;
    }
    tui_model_init(&a.m, sc);
    a.m.chosen = *chosen;
    tui_model_run(&a.m);
    if (sc->faults) /* started with --fault: open where it is caught */
        tui_goto_first_failure(&a.m);
    a.hook = hook;
    if (hook && hook->start)
        hook->start(hook->ctx, &a.m);
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        fprintf(stderr, "tlssim: ui: cannot drive this terminal (TERM is not set or unknown); "
                        "'tlssim run' prints the same handshake as text\n");
        tui_model_free(&a.m);
        if (a.timing)
            fclose(a.timing);
        return EXIT_USAGE;
    }
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | WHEEL_UP | WHEEL_DOWN, NULL);
    mouseinterval(0);
    tui_theme_apply(theme);
    draw(&a);
    doupdate();
    refresh();
    if (a.timing)
        fprintf(a.timing, "first_screen_ms %.2f\n", tui_now_ms() - started_ms);
    while (!a.quit) {
        int ch = getch();
        double t0 = tui_now_ms();
        handle(&a, ch);
        if (a.quit)
            break;
        draw(&a);
        refresh();
        if (a.timing)
            fprintf(a.timing, "redraw_ms %.3f\n", tui_now_ms() - t0);
    }
    endwin();
    delscreen(screen);
    tui_model_free(&a.m);
    if (a.timing)
        fclose(a.timing);
    return EXIT_OK;
}

int tui_run(const scenario *sc, const scenario *chosen, tui_theme theme, const char *timing_path,
            double started_ms)
{
    return run(sc, chosen, theme, timing_path, started_ms, NULL);
}

int tui_run_hooked(const scenario *sc, const scenario *chosen, tui_theme theme, const tui_hook *hook)
{
    return run(sc, chosen, theme, NULL, tui_now_ms(), hook);
}
