#include "sim/alert_fields.h"

#include "base/alert.h"
#include "base/annot.h"

void alert_annotate(trace_event *e)
{
    if (!e || !e->bytes || e->len != 2)
        return;
    annot_list l;
    annot_list_init(&l);
    size_t i = annot_add(&l, "level", 0, 1, 0);
    annot_set_value(&l, i, "%u (%s)", e->bytes[0],
                    e->bytes[0] == 1 ? "warning" : e->bytes[0] == 2 ? "fatal" : "not a level");
    annot_set_explain(&l, i, "1 warning, 2 fatal: a fatal alert ends the connection at once");
    i = annot_add(&l, "description", 1, 1, 0);
    annot_set_value(&l, i, "%u (%s)", e->bytes[1], alert_name(e->bytes[1]));
    annot_set_explain(&l, i, "why the sender warns or gives up (the list: RFC 5246 7.2)");
    trace_take_fields(e, &l);
    annot_list_free(&l);
}
