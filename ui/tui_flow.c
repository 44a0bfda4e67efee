#include "ui/tui_flow.h"

#include <stdarg.h>
#include <stdio.h>

void flow_text(tui_flow *f, int indent, int attr, const char *text)
{
    int w = f->r.w - indent;
    if (w < 4)
        return;
    int skip = f->skip > f->line ? f->skip - f->line : 0;
    int y = f->line - f->skip + skip;
    int room = f->r.h - y;
    if (room < 0)
        room = 0;
    f->line += tui_wrap(f->r.y + y, f->r.x + indent, w, room, skip, attr, text);
}

void flow_textf(tui_flow *f, int indent, int attr, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    flow_text(f, indent, attr, buf);
}

void flow_blank(tui_flow *f)
{
    f->line++;
}

void flow_hex(tui_flow *f, int indent, int attr, const uint8_t *p, size_t n)
{
    size_t per = (size_t)(f->r.w - indent) / 2;
    if (per > 32)
        per = 32;
    if (per < 4)
        per = 4;
    char buf[80];
    for (size_t off = 0; off < n; off += per) {
        size_t k = 0;
        for (; k < per && off + k < n; k++)
            snprintf(buf + 2 * k, 3, "%02x", p[off + k]);
        buf[2 * k] = 0;
        flow_text(f, indent, attr, buf);
    }
    if (n == 0)
        flow_text(f, indent, attr, "(empty)");
}

void flow_blob(tui_flow *f, const trace_blob *b, int attr)
{
    if (b->explain)
        flow_textf(f, 2, tui_attr(ROLE_TITLE), "%s (%zu byte%s) - %s", b->name, b->len,
                   b->len == 1 ? "" : "s", b->explain);
    else
        flow_textf(f, 2, tui_attr(ROLE_TITLE), "%s (%zu byte%s)", b->name, b->len,
                   b->len == 1 ? "" : "s");
    flow_hex(f, 4, attr, b->data, b->len);
}
