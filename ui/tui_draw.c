#include "ui/tui_draw.h"

#include "ui/tui_curses.h"
#include "ui/tui_theme.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Decodes one UTF-8 sequence; returns its length (1 for a stray byte, shown as '?'). */
static size_t utf8_next(const char *s, wchar_t *out)
{
    const unsigned char *p = (const unsigned char *)s;
    int n = p[0] < 0x80 ? 1 : (p[0] & 0xe0) == 0xc0 ? 2 : (p[0] & 0xf0) == 0xe0 ? 3
                            : (p[0] & 0xf8) == 0xf0 ? 4 : 0;
    if (n == 0) {
        *out = L'?';
        return 1;
    }
    wchar_t c = n == 1 ? p[0] : p[0] & (0x7f >> n);
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80) {
            *out = L'?';
            return 1;
        }
        c = (c << 6) | (p[i] & 0x3f);
    }
    *out = c;
    return (size_t)n;
}

/* The character as drawn, and its width in columns. */
static int shown(wchar_t c, wchar_t *out)
{
    if (c == L'\t' || c == L'\n' || c == L'\r')
        c = L' ';
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && !tui_utf8())) {
        *out = L'?';
        return 1;
    }
    int w = c < 0x80 ? 1 : wcwidth(c);
    if (w < 0) {
        *out = L'?';
        return 1;
    }
    *out = c;
    return w;
}

int tui_width(const char *s)
{
    int cols = 0;
    while (*s) {
        wchar_t c, d;
        s += utf8_next(s, &c);
        cols += shown(c, &d);
    }
    return cols;
}

/* Clips a span to the screen; false when nothing of it is on screen. */
static bool clip(int y, int x, int *w)
{
    if (*w <= 0 || y < 0 || x < 0 || y >= LINES || x >= COLS)
        return false;
    if (x + *w > COLS)
        *w = COLS - x;
    return true;
}

int tui_put(int y, int x, int w, int attr, const char *s)
{
    int used = 0;
    if (!clip(y, x, &w))
        return 0;
    attrset(attr);
    move(y, x);
    while (*s) {
        wchar_t c, d;
        s += utf8_next(s, &c);
        int cw = shown(c, &d);
        if (used + cw > w)
            break;
        addnwstr(&d, 1);
        used += cw;
    }
    attrset(A_NORMAL);
    return used;
}

int tui_put_fit(int y, int x, int w, int attr, const char *s)
{
    if (w < 2 || tui_width(s) <= w)
        return tui_put(y, x, w, attr, s);
    /* Cut short: the last column says so, and the detail pane has the whole text. */
    int used = tui_put(y, x, w - 1, attr, s);
    return used + tui_put(y, x + used, 1, attr, tui_utf8() ? "\u2026" : "~");
}

int tui_putf(int y, int x, int w, int attr, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return tui_put(y, x, w, attr, buf);
}

void tui_fill(int y, int x, int w, int attr)
{
    if (!clip(y, x, &w))
        return;
    attrset(attr);
    mvhline(y, x, ' ', w);
    attrset(A_NORMAL);
}

tui_rect tui_inside(tui_rect r)
{
    return (tui_rect){r.y + 1, r.x + 1, r.h - 2, r.w - 2};
}

void tui_frame(tui_rect r, const char *title, bool focus)
{
    const tui_glyphs *g = tui_glyph();
    int attr = focus ? tui_attr(ROLE_TITLE) : tui_attr(ROLE_DIM);
    for (int i = 1; i < r.w - 1; i++) {
        tui_put(r.y, r.x + i, 1, attr, g->h);
        tui_put(r.y + r.h - 1, r.x + i, 1, attr, g->h);
    }
    for (int i = 1; i < r.h - 1; i++) {
        tui_put(r.y + i, r.x, 1, attr, g->v);
        tui_put(r.y + i, r.x + r.w - 1, 1, attr, g->v);
    }
    tui_put(r.y, r.x, 1, attr, g->tl);
    tui_put(r.y, r.x + r.w - 1, 1, attr, g->tr);
    tui_put(r.y + r.h - 1, r.x, 1, attr, g->bl);
    tui_put(r.y + r.h - 1, r.x + r.w - 1, 1, attr, g->br);
    if (title) {
        char t[256];
        snprintf(t, sizeof t, " %s ", title);
        /* Too long: cut after a whole word and say so, never in the middle of one. */
        int room = r.w - 4;
        if (room > 2 && tui_width(t) > room) {
            size_t keep = 0;
            for (size_t i = 1; t[i]; i++) {
                if (t[i] != ' ')
                    continue;
                char save = t[i];
                t[i] = 0;
                bool fits = tui_width(t) + 1 <= room;
                t[i] = save;
                if (!fits)
                    break;
                keep = i;
            }
            if (keep > 1) {
                snprintf(t + keep, sizeof t - keep, " %s", tui_utf8() ? "\u2026" : "~");
                if (tui_width(t) > room)
                    t[keep] = 0;
            }
        }
        tui_put_fit(r.y, r.x + 2, room, tui_attr(ROLE_TITLE) | (focus ? A_REVERSE : 0), t);
    }
}

tui_rect tui_overlay(int h, int w, const char *title)
{
    h = h > LINES - 2 ? LINES - 2 : h;
    w = w > COLS - 2 ? COLS - 2 : w;
    tui_rect r = {(LINES - h) / 2, (COLS - w) / 2, h, w};
    for (int i = 0; i < r.h; i++)
        tui_fill(r.y + i, r.x, r.w, 0);
    tui_frame(r, title, true);
    return tui_inside(r);
}

/* Length in bytes of the longest prefix of s that fits in w columns, broken at a
 * space when there is one. */
static size_t fit(const char *s, int w, size_t *next)
{
    size_t i = 0, last_space = 0;
    int cols = 0;
    while (s[i]) {
        wchar_t c, d;
        size_t n = utf8_next(s + i, &c);
        if (c == L'\n') {
            *next = i + n;
            return i;
        }
        int cw = shown(c, &d);
        if (cols + cw > w)
            break;
        if (c == L' ')
            last_space = i;
        cols += cw;
        i += n;
    }
    if (!s[i]) {
        *next = i;
        return i;
    }
    if (last_space > 0) {
        *next = last_space + 1;
        return last_space;
    }
    *next = i ? i : 1;
    return i ? i : 1;
}

int tui_wrap(int y, int x, int w, int h, int skip, int attr, const char *s)
{
    int line = 0;
    char buf[1024];
    while (*s && w > 0) {
        size_t next = 0, n = fit(s, w, &next);
        if (line >= skip && line - skip < h) {
            if (n >= sizeof buf)
                n = sizeof buf - 1;
            memcpy(buf, s, n);
            buf[n] = 0;
            tui_put(y + line - skip, x, w, attr, buf);
        }
        line++;
        s += next;
    }
    return line;
}
