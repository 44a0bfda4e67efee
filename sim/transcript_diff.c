#include "sim/transcript_diff.h"

#include <stdio.h>
#include <string.h>

#include "base/alert.h"
#include "sim/hs_msg.h"

transcript_diff transcript_compare(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    transcript_diff d = {false, 0, 0, 0};
    size_t n = alen < blen ? alen : blen, at = 0;
    while (at < n && a[at] == b[at])
        at++;
    if (at == n)
        return d;
    d.differ = true;
    /* Walk a's messages: type (1) and length (3) before each body (RFC 5246 7.4). */
    size_t start = 0;
    for (size_t i = 0; start + 4 <= alen; i++) {
        size_t len = ((size_t)a[start + 1] << 16) | ((size_t)a[start + 2] << 8) | a[start + 3];
        if (at < start + 4 + len || start + 4 + len >= alen) {
            d.msg_type = a[start];
            d.msg_index = i;
            d.offset = at - start;
            return d;
        }
        start += 4 + len;
    }
    d.offset = at;
    return d;
}

static bool is_record_check(const trace_event *e)
{
    return strcmp(e->title, "record authentication") == 0;
}

void transcript_explain_failure(trace *t, size_t from, const uint8_t *client_tr, size_t clen,
                                const uint8_t *server_tr, size_t slen, bool ems)
{
    if (t->result.outcome != OUTCOME_ALERT ||
        (t->result.alert != ALERT_BAD_RECORD_MAC && t->result.alert != ALERT_DECRYPT_ERROR))
        return;
    transcript_diff d = transcript_compare(client_tr, clen, server_tr, slen);
    if (!d.differ)
        return;
    trace_event *failed = NULL;
    for (size_t i = t->n; i-- > from && !failed;)
        if (t->ev[i].kind == EV_VERIFY && !t->ev[i].ok)
            failed = &t->ev[i];
    if (!failed)
        return;
    char why[200];
    snprintf(why, sizeof why,
             "the two sides' transcripts differ from byte %zu of %s%s on, so %s", d.offset,
             hs_type_name(d.msg_type),
             d.offset == 0 ? " (its type)" : d.offset < 4 ? " (its length)" : "",
             is_record_check(failed) && ems
                 ? "their extended master secrets and keys differ (RFC 7627 4)"
                 : "their Finished verify_data differ (RFC 5246 7.4.9)");
    char reason[512];
    snprintf(reason, sizeof reason, "%s; %s", failed->reason ? failed->reason : "", why);
    trace_set_verdict(failed, false, failed->alert, "%s", reason);
    for (size_t i = (size_t)(failed - t->ev) + 1; i < t->n; i++) {
        trace_event *e = &t->ev[i];
        if (e->kind == EV_ALERT && e->actor == failed->actor && e->alert == t->result.alert) {
            snprintf(reason, sizeof reason, "%s; %s", e->reason ? e->reason : "", why);
            trace_set_alert(e, e->alert, "%s", reason);
        }
    }
    /* The result's reason has a fixed size: the divergence goes after as much of the
     * old reason as leaves it room. */
    size_t keep = strlen(t->result.reason), room = sizeof t->result.reason - strlen(why) - 3;
    if (keep > room)
        keep = room;
    snprintf(reason, sizeof reason, "%.*s; %s", (int)keep, t->result.reason, why);
    memcpy(t->result.reason, reason, sizeof t->result.reason - 1);
    t->result.reason[sizeof t->result.reason - 1] = 0;
}
