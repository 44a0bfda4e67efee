/* Colours and glyphs of the terminal UI: three themes (dark, light for projectors,
 * mono), NO_COLOR respected, and ASCII stand-ins when the locale is not UTF-8. */
#ifndef TLSSIM_TUI_THEME_H
#define TLSSIM_TUI_THEME_H

#include <stdbool.h>

typedef enum tui_theme { THEME_DARK, THEME_LIGHT, THEME_MONO } tui_theme;

/* What a piece of text is; each role has one look per theme. */
typedef enum tui_role {
    ROLE_TEXT,
    ROLE_DIM,      /* records, offsets, secondary text */
    ROLE_TITLE,    /* pane titles, field names */
    ROLE_CLIENT,
    ROLE_SERVER,
    ROLE_SECRET,   /* derived secrets and keys */
    ROLE_OK,
    ROLE_FAIL,     /* failed checks and alerts */
    ROLE_CURSOR,   /* the selected row */
    ROLE_HILITE,   /* the selected field's bytes in the hex dump */
    ROLE_STATUS,   /* the status line */
    ROLE_COUNT,
} tui_role;

typedef struct tui_glyphs {
    const char *h, *v, *tl, *tr, *bl, *br; /* box lines and corners */
    const char *right, *left;              /* arrow heads */
    const char *line;                      /* arrow shaft */
    const char *dotted;                    /* shaft of a record row */
    const char *ok, *fail, *compute, *lock, *open, *closed;
} tui_glyphs;

bool tui_theme_parse(const char *name, tui_theme *out);
/* After initscr: sets up colour pairs (unless mono or NO_COLOR). */
void tui_theme_apply(tui_theme th);
int tui_attr(tui_role r); /* the ncurses attributes of a role */
const tui_glyphs *tui_glyph(void);
void tui_glyphs_choose(bool utf8);
bool tui_utf8(void);

#endif
