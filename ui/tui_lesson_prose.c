/* Lesson prose on screen: the little Markdown lessons use (paragraphs, "- " items,
 * indented or fenced code, `code`, **bold**) as wrapped lines of a flow. */
#include <stdlib.h>
#include <string.h>

#include "ui/tui_flow.h"
#include "ui/tui_lesson_state.h"

/* Drops the Markdown marks a terminal cannot show (` and **), in place. */
static void unmark(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (*r == '`' || (r[0] == '*' && r[1] == '*') || (r > s && r[-1] == '*' && r[0] == '*'))
            continue;
        *w++ = *r;
    }
    *w = 0;
}

/* The paragraph buffer holds the whole text, so an append always fits. */
static void append(char *para, const char *s)
{
    size_t at = strlen(para), n = strlen(s);
    memcpy(para + at, s, n + 1);
}

/* The length of an item's mark ("- ", "* ", "12. "), or 0 when the line is no item. */
static size_t item_mark(const char *line)
{
    if ((line[0] == '-' || line[0] == '*') && line[1] == ' ')
        return 2;
    size_t i = 0;
    while (line[i] >= '0' && line[i] <= '9')
        i++;
    return i > 0 && line[i] == '.' && line[i + 1] == ' ' ? i + 2 : 0;
}

void tl_flow_item(tui_flow *f, int indent, int attr, const char *mark, const char *text)
{
    int first = f->line, mw = tui_width(mark);
    flow_text(f, indent + mw, attr, text);
    /* The mark beside the first line; the wrapped lines hang under the text. */
    int y = first - f->skip;
    if (first >= f->skip && y < f->r.h && f->line > first)
        tui_put(f->r.y + y, f->r.x + indent, mw, attr, mark);
}

/* A paragraph, or an item when mark is set. */
typedef struct para {
    char *text;
    char mark[16];
} para;

static void flush(tui_flow *f, int indent, int attr, para *p, bool *any)
{
    if (!p->text[0])
        return;
    unmark(p->text);
    if (p->mark[0])
        tl_flow_item(f, indent, attr, p->mark, p->text);
    else
        flow_text(f, indent, attr, p->text);
    p->text[0] = 0;
    p->mark[0] = 0;
    *any = true;
}

void tl_flow_prose(tui_flow *f, int indent, int attr, const char *text)
{
    if (!text)
        return;
    size_t n = strlen(text);
    para p = {malloc(n + 1), ""};
    char *line = malloc(n + 1);
    if (!p.text || !line) {
        free(p.text);
        free(line);
        flow_text(f, indent, attr, text);
        return;
    }
    p.text[0] = 0;
    bool any = false, fenced = false, gap = false;
    for (const char *s = text; *s;) {
        size_t len = strcspn(s, "\n");
        memcpy(line, s, len);
        line[len] = 0;
        s += len + (s[len] == '\n');
        if (strncmp(line, "```", 3) == 0) {
            flush(f, indent, attr, &p, &any);
            fenced = !fenced;
            continue;
        }
        if (fenced || strncmp(line, "    ", 4) == 0) {
            flush(f, indent, attr, &p, &any);
            if (gap && any)
                flow_blank(f);
            gap = false;
            const char *code = fenced ? line : line + 4;
            if (*code)
                flow_text(f, indent + 2, tui_attr(ROLE_SECRET), code);
            else
                flow_blank(f); /* a blank line inside a fence is part of the code */
            any = true;
            continue;
        }
        const char *t = line;
        while (*t == ' ')
            t++;
        if (!*t) {
            flush(f, indent, attr, &p, &any);
            gap = true;
            continue;
        }
        size_t mark = item_mark(t);
        if (mark) {
            flush(f, indent, attr, &p, &any);
            if (gap && any)
                flow_blank(f);
            if (t[0] == '-' || t[0] == '*')
                snprintf(p.mark, sizeof p.mark, "%s ", tui_utf8() ? "\u2022" : "-");
            else
                snprintf(p.mark, sizeof p.mark, "%.*s", (int)(mark < 15 ? mark : 15), t);
            append(p.text, t + mark);
        } else {
            if (gap && any && !p.text[0])
                flow_blank(f);
            if (p.text[0])
                append(p.text, " ");
            append(p.text, t);
        }
        gap = false;
    }
    flush(f, indent, attr, &p, &any);
    free(p.text);
    free(line);
}
