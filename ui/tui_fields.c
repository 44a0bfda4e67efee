/* A message's fields as a tree beside (or above) its hex dump. The selected field's
 * bytes are highlighted in the dump, from the very annotation its parser recorded. */
#include <stdio.h>
#include <string.h>

#include "ui/tui_curses.h"
#include "ui/tui_panes.h"

static void draw_tree(const tui_model *m, const trace_event *e, tui_rect r, tui_hits *h)
{
    static size_t rows[4096];
    size_t n = tui_visible_fields(m, rows, sizeof rows / sizeof rows[0]);
    if (n > sizeof rows / sizeof rows[0])
        n = sizeof rows / sizeof rows[0];
    size_t sel = 0;
    for (size_t k = 0; k < n; k++)
        if (rows[k] == m->field)
            sel = k;
    size_t top = sel >= (size_t)r.h / 2 ? sel - (size_t)r.h / 2 : 0;
    if (n > (size_t)r.h && top > n - (size_t)r.h)
        top = n - (size_t)r.h;
    if (n <= (size_t)r.h)
        top = 0;
    const tui_glyphs *g = tui_glyph();
    h->fields = r;
    h->n_field_rows = 0;
    bool focus = m->pane == PANE_FIELDS || m->view == VIEW_CERT;
    for (int y = 0; y < r.h && top + (size_t)y < n; y++) {
        size_t i = rows[top + (size_t)y];
        const annot *a = &e->fields.v[i];
        bool cur = i == m->field;
        int attr = cur ? (focus ? tui_attr(ROLE_CURSOR) : tui_attr(ROLE_HILITE)) : 0;
        if (cur)
            tui_fill(r.y + y, r.x, r.w, attr);
        int x = r.x + 2 * a->depth;
        const char *mark = tui_field_has_children(e, i)
                               ? (m->collapsed && i < m->n_collapsed && m->collapsed[i] ? g->closed
                                                                                        : g->open)
                               : " ";
        x += tui_put(r.y + y, x, r.x + r.w - x, attr, mark);
        x += tui_put(r.y + y, x + 1, r.x + r.w - x - 1, attr | (cur ? 0 : tui_attr(ROLE_TITLE)),
                     a->name) + 1;
        if (a->value) {
            x += tui_put(r.y + y, x, r.x + r.w - x, attr, " = ");
            tui_put(r.y + y, x, r.x + r.w - x, attr, a->value);
        }
        if (h->n_field_rows < TUI_MAX_ROWS)
            h->field_row[h->n_field_rows++] = i;
    }
}

static void draw_hex(const tui_model *m, const trace_event *e, tui_rect r, tui_hits *h)
{
    int per = 16;
    while (per > 4 && 6 + 4 * per + 1 > r.w)
        per /= 2;
    size_t sel_from = 0, sel_len = 0;
    if (m->field < e->fields.n) {
        sel_from = e->fields.v[m->field].offset;
        sel_len = e->fields.v[m->field].length;
    }
    tui_range(m, &sel_from, &sel_len); /* bytes marked one by one, instead */
    /* Keep the start of the selection (or the hex cursor) in view. */
    size_t focus_byte = m->pane == PANE_HEX ? m->hex_byte : sel_from;
    size_t focus_row = focus_byte / (size_t)per, top = 0;
    if (focus_row >= (size_t)r.h / 3)
        top = focus_row - (size_t)r.h / 3;
    h->hex = r;
    h->hex_first = top * (size_t)per;
    h->hex_per_row = per;
    for (int y = 0; y < r.h; y++) {
        size_t off = (top + (size_t)y) * (size_t)per;
        if (off >= e->len)
            break;
        tui_putf(r.y + y, r.x, 6, tui_attr(ROLE_DIM), "%04zx", off);
        for (int k = 0; k < per && off + (size_t)k < e->len; k++) {
            size_t b = off + (size_t)k;
            bool in_sel = b >= sel_from && b - sel_from < sel_len;
            int attr = in_sel ? tui_attr(ROLE_HILITE) : 0;
            if (m->pane == PANE_HEX && b == m->hex_byte)
                attr = tui_attr(ROLE_CURSOR) | TUI_BOLD;
            char hx[4];
            snprintf(hx, sizeof hx, "%02x", e->bytes[b]);
            tui_put(r.y + y, r.x + 6 + 3 * k, 2, attr, hx);
            /* Join the highlight across the gap between two selected bytes. */
            if (in_sel && b + 1 - sel_from < sel_len && k + 1 < per && b + 1 < e->len)
                tui_put(r.y + y, r.x + 8 + 3 * k, 1, attr, " ");
            char ch[2] = {e->bytes[b] >= 0x20 && e->bytes[b] < 0x7f ? (char)e->bytes[b] : '.', 0};
            tui_put(r.y + y, r.x + 7 + 3 * per + k, 1, in_sel ? attr : tui_attr(ROLE_DIM), ch);
        }
    }
}

void tui_draw_fields_hex(const tui_model *m, tui_rect r, tui_hits *h)
{
    const trace_event *e = tui_detail_event(m);
    if (!e || r.h < 4)
        return;
    /* The selected field's explanation, under the tree. */
    const char *explain = m->field < e->fields.n ? e->fields.v[m->field].explain : NULL;
    bool side_by_side = r.w >= 110;
    tui_rect tree = r, hex = r;
    if (side_by_side) {
        hex.w = 6 + 4 * 16 + 2;
        tree.w = r.w - hex.w - 1;
        hex.x = r.x + tree.w + 1;
        for (int y = 0; y < r.h; y++)
            tui_put(r.y + y, hex.x - 1, 1, tui_attr(ROLE_DIM), tui_glyph()->v);
    } else {
        int per = r.w >= 6 + 4 * 16 + 1 ? 16 : 8;
        int hex_rows = (int)((e->len + (size_t)per - 1) / (size_t)per);
        int want = r.h * 2 / 5;
        hex.h = hex_rows < want ? hex_rows : want;
        if (hex.h < 3)
            hex.h = 3;
        tree.h = r.h - hex.h - 1;
        hex.y = r.y + tree.h + 1;
        for (int x = 0; x < r.w; x++)
            tui_put(hex.y - 1, r.x + x, 1, tui_attr(ROLE_DIM), tui_glyph()->h);
        char label[64];
        /* An encrypted message's bytes are shown as they were before encryption. */
        snprintf(label, sizeof label, " bytes (%zu%s) ", e->len,
                 e->kind == EV_MESSAGE && e->encrypted ? ", before encryption" : "");
        tui_put(hex.y - 1, r.x + 2, r.w - 4, tui_attr(ROLE_DIM), label);
    }
    if (explain && tree.h > 3) {
        tree.h -= 1;
        tui_put(tree.y + tree.h, tree.x, tree.w, tui_attr(ROLE_DIM), explain);
    }
    draw_tree(m, e, tree, h);
    draw_hex(m, e, hex, h);
    h->page = tree.h;
}
