/* A scenario: everything that decides one run (docs/cli.md, scenario options). */
#ifndef TLSSIM_SCENARIO_H
#define TLSSIM_SCENARIO_H

#include <stdbool.h>
#include <stdint.h>

#include "crypto/kex.h"
#include "crypto/pki.h"
#include "crypto/x509.h"
#include "sim/fault.h"
#include "sim/session.h"

struct suite_info;

/* A byte a student changed on the wire (the TUI's `e`): in the record-th record the
 * actor sends (counted from 0), the byte at offset becomes value. */
typedef struct wire_edit {
    int by;          /* actor_id of the sender */
    unsigned record;
    size_t offset;   /* from the start of the record, header included */
    uint8_t value;
} wire_edit;

enum { SCENARIO_MAX_EDITS = 16, SCENARIO_MAX_SUITES = 32, SCENARIO_MAX_GROUPS = 8 };

typedef struct scenario {
    /* The preferred suite and group: the client offers them first, the simulated
     * server takes them first when offered. */
    const struct suite_info *suite;
    kex_group group;
    /* --suite/--group given once or more: the set a side offers (client) or accepts
     * (server), in order of preference. Empty: every suite or group tlssim implements,
     * in the server's order (tlssim list suites). */
    const struct suite_info *suites[SCENARIO_MAX_SUITES];
    size_t n_suites;
    kex_group groups[SCENARIO_MAX_GROUPS];
    size_t n_groups;
    bool client_auth;
    bool ems;                 /* offer extended master secret (default on) */
    char server_name[256];
    bool seeded;
    uint64_t seed;
    int64_t now;              /* the clock certificates are checked against */
    const char *message;      /* what the client sends once connected */
    const pki *pki;
    const x509_cert *anchors; /* --cafile: the client's trust anchors; NULL: the demo root */
    size_t n_anchors;
    /* How this side packs its handshake messages into records (RFC 5246 6.2.1 allows
     * any split): at most record_size bytes each (0: the 2^14 maximum), and with
     * coalesce, a whole flight shares records instead of one message per record. */
    size_t record_size;
    bool coalesce;
    /* A weaker suite the simulated server also accepts when the client does not offer
     * `suite` (for old clients); NULL: none. A downgrade attack needs one. */
    const struct suite_info *legacy_suite;
    resume_kind resume;       /* --resume: a second connection resumes the first's session */
    fault_set faults;         /* --fault: what to break on purpose (sim/fault.h) */
    wire_edit edits[SCENARIO_MAX_EDITS];
    size_t n_edits;
} scenario;

/* The defaults of docs/cli.md; pki and now must still be set. */
void scenario_defaults(scenario *sc);

/* A side's suites in order of preference: `suite` first, then the set (or every
 * implemented suite) without it. Returns how many were written to out (at most max). */
size_t scenario_suite_list(const scenario *sc, const struct suite_info **out, size_t max);
/* The same for groups: `group` first, then the set (or every implemented group). */
size_t scenario_group_list(const scenario *sc, kex_group *out, size_t max);
/* Whether the side's set holds the suite or group (the preferred one always counts). */
bool scenario_has_suite(const scenario *sc, uint16_t code);
bool scenario_has_group(const scenario *sc, kex_group g);

#endif
