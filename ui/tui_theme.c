#include "ui/tui_theme.h"

#include "ui/tui_curses.h"
#include <stdlib.h>
#include <string.h>

static int attrs[ROLE_COUNT];
static bool utf8_glyphs;

static const tui_glyphs unicode = {"─", "│", "┌", "┐", "└", "┘", "▶", "◀", "─", "┄",
                                   "✓", "✗", "◆", "≡", "▾", "▸"};
static const tui_glyphs ascii = {"-", "|", "+", "+", "+", "+", ">", "<", "-", ".",
                                 "ok", "X", "*", "#", "-", "+"};

bool tui_theme_parse(const char *name, tui_theme *out)
{
    static const char *const names[] = {"dark", "light", "mono"};
    for (int i = 0; i < 3; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (tui_theme)i;
            return true;
        }
    return false;
}

/* Foreground per role, for a dark and for a light background. Light avoids yellow
 * and cyan, which wash out on a projector's white. */
static const short dark_fg[ROLE_COUNT] = {
    [ROLE_TEXT] = -1,          [ROLE_DIM] = COLOR_BLUE,     [ROLE_TITLE] = COLOR_WHITE,
    [ROLE_CLIENT] = COLOR_CYAN, [ROLE_SERVER] = COLOR_MAGENTA, [ROLE_SECRET] = COLOR_YELLOW,
    [ROLE_OK] = COLOR_GREEN,   [ROLE_FAIL] = COLOR_RED,     [ROLE_CURSOR] = COLOR_BLACK,
    [ROLE_HILITE] = COLOR_BLACK, [ROLE_STATUS] = COLOR_BLACK,
};
static const short light_fg[ROLE_COUNT] = {
    [ROLE_TEXT] = COLOR_BLACK, [ROLE_DIM] = COLOR_BLUE,     [ROLE_TITLE] = COLOR_BLACK,
    [ROLE_CLIENT] = COLOR_BLUE, [ROLE_SERVER] = COLOR_MAGENTA, [ROLE_SECRET] = COLOR_RED,
    [ROLE_OK] = COLOR_GREEN,   [ROLE_FAIL] = COLOR_RED,     [ROLE_CURSOR] = COLOR_WHITE,
    [ROLE_HILITE] = COLOR_BLACK, [ROLE_STATUS] = COLOR_WHITE,
};

void tui_theme_apply(tui_theme th)
{
    const char *no_color = getenv("NO_COLOR");
    if (no_color && no_color[0])
        th = THEME_MONO;
    /* Mono: attributes alone keep the roles apart. */
    int mono[ROLE_COUNT] = {
        [ROLE_TEXT] = A_NORMAL, [ROLE_DIM] = A_DIM,        [ROLE_TITLE] = A_BOLD,
        [ROLE_CLIENT] = A_BOLD, [ROLE_SERVER] = A_BOLD,    [ROLE_SECRET] = A_UNDERLINE,
        [ROLE_OK] = A_NORMAL,   [ROLE_FAIL] = A_BOLD | A_UNDERLINE, [ROLE_CURSOR] = A_REVERSE,
        [ROLE_HILITE] = A_REVERSE, [ROLE_STATUS] = A_REVERSE,
    };
    memcpy(attrs, mono, sizeof attrs);
    if (th == THEME_MONO || !has_colors())
        return;
    start_color();
    use_default_colors();
    const short *fg = th == THEME_LIGHT ? light_fg : dark_fg;
    short bg = th == THEME_LIGHT ? COLOR_WHITE : -1;
    if (th == THEME_LIGHT)
        assume_default_colors(COLOR_BLACK, COLOR_WHITE);
    for (int r = 0; r < ROLE_COUNT; r++) {
        short b = bg;
        if (r == ROLE_CURSOR)
            b = th == THEME_LIGHT ? COLOR_BLUE : COLOR_CYAN;
        else if (r == ROLE_HILITE)
            b = COLOR_YELLOW;
        else if (r == ROLE_STATUS)
            b = th == THEME_LIGHT ? COLOR_BLACK : COLOR_WHITE;
        init_pair((short)(r + 1), fg[r], b);
        attrs[r] = COLOR_PAIR(r + 1);
    }
    attrs[ROLE_TITLE] |= A_BOLD;
    attrs[ROLE_FAIL] |= A_BOLD;
    attrs[ROLE_SECRET] |= th == THEME_LIGHT ? A_NORMAL : A_BOLD;
}

int tui_attr(tui_role r)
{
    return attrs[r];
}

void tui_glyphs_choose(bool utf8)
{
    utf8_glyphs = utf8;
}

bool tui_utf8(void)
{
    return utf8_glyphs;
}

const tui_glyphs *tui_glyph(void)
{
    return utf8_glyphs ? &unicode : &ascii;
}
