#include "sim/session.h"

#include <string.h>

#include "base/alert.h"
#include "sim/suites.h"

const char *resume_kind_name(resume_kind k)
{
    switch (k) {
    case RESUME_TICKET: return "session ticket";
    case RESUME_ID: return "session id";
    default: return "none";
    }
}

bool session_state_write(writer *w, const tls_session *s)
{
    char name[40];
    wr_u16(w, s->version, "protocol_version");
    wr_describe(w, "0x%04x (TLS 1.2)", s->version);
    wr_u16(w, s->suite, "cipher_suite");
    wr_describe(w, "0x%04x %s", s->suite, suite_name(s->suite, name, sizeof name));
    wr_u8(w, s->ems ? 1 : 0, "extended_master_secret");
    wr_describe(w, "%s", s->ems ? "1 (yes)" : "0 (no)");
    wr_bytes(w, s->master, TLS12_MASTER_LEN, "master_secret");
    wr_u32(w, s->created, "created");
    wr_describe(w, "%u (seconds since 1970)", s->created);
    return !w->failed;
}

bool session_state_read(reader *r, tls_session *s)
{
    char name[40];
    memset(s, 0, sizeof *s);
    s->version = rd_u16(r, "protocol_version");
    rd_describe(r, "0x%04x", s->version);
    s->suite = rd_u16(r, "cipher_suite");
    rd_describe(r, "0x%04x %s", s->suite, suite_name(s->suite, name, sizeof name));
    uint8_t ems = rd_u8(r, "extended_master_secret");
    rd_describe(r, "%s", ems == 1 ? "1 (yes)" : ems == 0 ? "0 (no)" : "invalid");
    if (rd_ok(r) && ems > 1)
        rd_fail(r, ALERT_DECODE_ERROR, "extended_master_secret", "must be 0 or 1, got %u", ems);
    s->ems = ems == 1;
    const uint8_t *m = rd_bytes(r, TLS12_MASTER_LEN, "master_secret");
    if (m)
        memcpy(s->master, m, TLS12_MASTER_LEN);
    s->created = rd_u32(r, "created");
    rd_describe(r, "%u (seconds since 1970)", s->created);
    s->valid = rd_close(r);
    return s->valid;
}

bool session_fresh(const tls_session *s, int64_t now)
{
    return now >= (int64_t)s->created && now - (int64_t)s->created <= SESSION_LIFETIME;
}
