#include "ui/tui_faults.h"

#include <stdio.h>
#include <string.h>

#include "base/alert.h"
#include "ui/tui_curses.h"
#include "ui/tui_draw.h"
#include "ui/tui_keys.h"

/* Row 0 is "no fault"; then the faults this build carries out, in catalogue order
 * (which groups them by category). */
static int n_rows(void)
{
    int n = 1;
    for (size_t i = 0; i < fault_count(); i++)
        n += fault_at(i)->implemented;
    return n;
}

/* The fault on a row, or NULL for the "none" row and rows past the end. */
static const fault_info *row_fault(int row)
{
    for (size_t i = 0; i < fault_count() && row > 0; i++)
        if (fault_at(i)->implemented && --row == 0)
            return fault_at(i);
    return NULL;
}

/* Screen lines from row `top` down to and including row `row`, headings counted. */
static int lines_to(int top, int row)
{
    int lines = 0, last_cat = -1;
    for (int r = top; r <= row; r++) {
        const fault_info *fi = row_fault(r);
        if (fi && (int)fi->category != last_cat) {
            last_cat = (int)fi->category;
            lines++;
        }
        lines++;
    }
    return lines;
}

void tui_faults_open(tui_fault_menu *fm, fault_set current)
{
    fm->open = true;
    fm->row = 0;
    fm->top = 0;
    fm->marked = current;
}

tui_menu_result tui_faults_key(tui_fault_menu *fm, int key)
{
    int n = n_rows();
    const fault_info *cur = row_fault(fm->row);
    if (tui_key_action(key) == ACT_FAULTS_HIDE) {
        fm->hide = !fm->hide;
        return MENU_STAY;
    }
    switch (key) {
    case 27:
    case 'q':
    case 'f':
        fm->open = false;
        return MENU_CANCEL;
    case KEY_UP:
    case 'k':
        fm->row = (fm->row + n - 1) % n;
        break;
    case KEY_DOWN:
    case 'j':
        fm->row = (fm->row + 1) % n;
        break;
    case KEY_PPAGE:
        fm->row = fm->row > 10 ? fm->row - 10 : 0;
        break;
    case KEY_NPAGE:
        fm->row = fm->row + 10 < n ? fm->row + 10 : n - 1;
        break;
    case ' ':
        fm->marked = cur ? fm->marked ^ FAULT_BIT(cur->id) : 0;
        break;
    case '\n':
    case '\r':
    case KEY_ENTER:
        /* Nothing marked: the highlighted fault alone (or none). */
        if (fm->marked == 0 && cur)
            fm->marked = FAULT_BIT(cur->id);
        if (!cur)
            fm->marked = 0;
        fm->open = false;
        return MENU_APPLY;
    default:
        break;
    }
    return MENU_STAY;
}

void tui_faults_mask_alerts(char *text, size_t n)
{
    char out[1024];
    size_t o = 0;
    for (const char *p = text; *p && o + 9 < sizeof out;) {
        size_t k = 0;
        for (int code = 0; code < 256 && !k; code++) {
            const char *name = alert_name(code);
            if (strcmp(name, "unknown_alert") != 0 && strncmp(p, name, strlen(name)) == 0)
                k = strlen(name);
        }
        if (k) {
            memcpy(out + o, "(hidden)", 8);
            o += 8;
            p += k;
        } else {
            out[o++] = *p++;
        }
    }
    out[o] = 0;
    snprintf(text, n, "%s", out);
}

void tui_faults_draw(tui_fault_menu *fm)
{
    int n = n_rows();
    tui_rect in = tui_overlay(LINES - 2, COLS - 4, fm->hide
                              ? "faults (who notices and the alert hidden: H shows them)"
                              : "faults: break the handshake on purpose");
    int list_h = in.h - 5;
    if (fm->row < fm->top)
        fm->top = fm->row;
    /* Category headings take lines too: scroll until the selected row fits. */
    while (fm->top < fm->row && lines_to(fm->top, fm->row) >= list_h)
        fm->top++;
    int y = in.y;
    int last_cat = -1;
    for (int r = fm->top; r < n && y < in.y + list_h; r++) {
        int attr = r == fm->row ? tui_attr(ROLE_CURSOR) : 0;
        const fault_info *fi = row_fault(r);
        if (!fi) {
            tui_fill(y, in.x, in.w, attr);
            tui_put(y++, in.x + 1, in.w - 2, attr, "( ) none: the handshake as it should be");
            continue;
        }
        if ((int)fi->category != last_cat && y < in.y + list_h - 1) {
            last_cat = (int)fi->category;
            tui_put(y++, in.x + 1, in.w - 2, tui_attr(ROLE_TITLE), fault_category_name(fi->category));
        }
        tui_fill(y, in.x, in.w, attr);
        if (fm->hide)
            tui_putf(y++, in.x + 1, in.w - 2, attr, "[%s] %s",
                     fm->marked & FAULT_BIT(fi->id) ? "x" : " ", fi->name);
        else if (fi->alert == ALERT_NONE)
            tui_putf(y++, in.x + 1, in.w - 2, attr, "[%s] %-26s no alert: nobody notices",
                     fm->marked & FAULT_BIT(fi->id) ? "x" : " ", fi->name);
        else
            tui_putf(y++, in.x + 1, in.w - 2, attr, "[%s] %-26s %s sends %s",
                     fm->marked & FAULT_BIT(fi->id) ? "x" : " ", fi->name,
                     actor_name(fi->checker), alert_name(fi->alert));
    }
    /* The highlighted fault, for students. */
    int ey = in.y + in.h - 4;
    for (int x = 0; x < in.w; x++)
        tui_put(ey - 1, in.x + x, 1, tui_attr(ROLE_DIM), tui_glyph()->h);
    const fault_info *fi = row_fault(fm->row);
    if (fi) {
        char text[512];
        if (fm->hide) {
            /* The explanation alone: some name the alert or the check that fails. */
            snprintf(text, sizeof text, "%s: %s.", fi->name, fi->explain);
            tui_faults_mask_alerts(text, sizeof text);
        } else if (fi->alert == ALERT_NONE)
            snprintf(text, sizeof text, "%s: %s. No check notices (%s).", fi->name, fi->explain,
                     fi->rfc);
        else
            snprintf(text, sizeof text, "%s: %s. The %s notices and sends %s(%d) (%s).", fi->name,
                     fi->explain, actor_name(fi->checker), alert_name(fi->alert), fi->alert,
                     fi->rfc);
        tui_wrap(ey, in.x + 1, in.w - 2, 2, 0, 0, text);
    } else {
        tui_wrap(ey, in.x + 1, in.w - 2, 2, 0, 0, "Run without faults.");
    }
    tui_put(in.y + in.h - 1, in.x + 1, in.w - 2, tui_attr(ROLE_TITLE),
            fm->hide ? "Up/Down choose  Space mark  Enter run  H show answers  Esc cancel"
                     : "Up/Down choose  Space mark  Enter run  H hide answers  Esc cancel");
}
