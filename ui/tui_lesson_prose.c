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

/* The paragraph buffer holds the whole text and a bullet, so an append always fits. */
static void append(char *para, const char *s)
{
    size_t at = strlen(para), n = strlen(s);
    memcpy(para + at, s, n + 1);
}

static bool is_item(const char *line, size_t *mark)
{
    if ((line[0] == '-' || line[0] == '*') && line[1] == ' ') {
        *mark = 2;
        return true;
    }
    size_t i = 0;
    while (line[i] >= '0' && line[i] <= '9')
        i++;
    if (i > 0 && line[i] == '.' && line[i + 1] == ' ') {
        *mark = 0; /* keeps its number */
        return true;
    }
    return false;
}

static void flush(tui_flow *f, int indent, int attr, char *para, bool *any)
{
    if (!para[0])
        return;
    unmark(para);
    flow_text(f, indent, attr, para);
    para[0] = 0;
    *any = true;
}

void tl_flow_prose(tui_flow *f, int indent, int attr, const char *text)
{
    if (!text)
        return;
    size_t n = strlen(text);
    char *para = malloc(n + 8), *line = malloc(n + 1);
    if (!para || !line) {
        free(para);
        free(line);
        flow_text(f, indent, attr, text);
        return;
    }
    para[0] = 0;
    bool any = false, fenced = false, gap = false;
    const char *bullet = tui_utf8() ? "\u2022 " : "- ";
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, "\n");
        memcpy(line, p, len);
        line[len] = 0;
        p += len + (p[len] == '\n');
        size_t mark;
        if (strncmp(line, "```", 3) == 0) {
            flush(f, indent, attr, para, &any);
            fenced = !fenced;
            continue;
        }
        if (fenced || strncmp(line, "    ", 4) == 0) {
            flush(f, indent, attr, para, &any);
            if (gap && any)
                flow_blank(f);
            gap = false;
            flow_text(f, indent + 2, tui_attr(ROLE_SECRET), fenced ? line : line + 4);
            any = true;
            continue;
        }
        const char *t = line;
        while (*t == ' ')
            t++;
        if (!*t) {
            flush(f, indent, attr, para, &any);
            gap = true;
            continue;
        }
        if (is_item(t, &mark)) {
            flush(f, indent, attr, para, &any);
            if (gap && any)
                flow_blank(f);
            append(para, mark ? bullet : "");
            append(para, t + mark);
        } else {
            if (gap && any && !para[0])
                flow_blank(f);
            if (para[0])
                append(para, " ");
            append(para, t);
        }
        gap = false;
    }
    flush(f, indent, attr, para, &any);
    free(para);
    free(line);
}
