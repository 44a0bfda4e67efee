#include "ui/render_pcap.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alert.h"
#include "base/codec.h"

#define EPOCH_US (1704067200ull * 1000000u) /* 2024-01-01 00:00:00 UTC: any fixed instant */
#define EVENT_US 1000u                      /* one event, one millisecond */
#define SNAPLEN 262144
#define MAX_SEGMENT 32000 /* payload per segment: a whole TLS record (at most 2^14+2048+5) */
#define WINDOW 65535u     /* no window scaling: no SYN options are sent */

enum { TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_PSH = 0x08, TCP_ACK = 0x10 };
enum { EP_CLIENT, EP_SERVER };
/* The client's connection; with a man in the middle, also the attacker's own
 * connection to the server, from the next client port. */
enum { LEG_CLIENT, LEG_ATTACKER, LEGS };

typedef struct endpoint {
    uint8_t mac[6];
    uint32_t addr;     /* IPv4, host order */
    uint16_t port;
    uint32_t next_seq; /* sequence number of the next byte it sends */
    uint32_t acked;    /* its bytes up to here were acknowledged by the peer */
    uint16_t ip_id;
} endpoint;

typedef struct connection {
    endpoint ep[2];
    bool open;
} connection;

typedef struct capture {
    pcap_dumper_t *dump;
    connection leg[LEGS];
    uint64_t base_us;  /* where this connection's time starts */
    uint64_t event_us; /* time of the current event */
    uint64_t last_us;  /* time of the last packet, to keep time strictly increasing */
    unsigned k;        /* packets so far within the current event */
    bool failed;
} capture;

/* RFC 1071: the one's-complement sum of 16-bit big-endian words. */
static uint32_t sum_words(uint32_t sum, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 1 < n; i += 2)
        sum += (uint32_t)p[i] << 8 | p[i + 1];
    if (n & 1)
        sum += (uint32_t)p[n - 1] << 8;
    return sum;
}

static uint16_t sum_fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

static void put_u16_at(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void set_event_time(capture *c, uint64_t slot)
{
    c->event_us = c->base_us + slot * EVENT_US;
    c->k = 0;
}

/* Sends one segment from endpoint `from` of a connection; an ACK acknowledges all
 * the peer has sent. */
static void emit(capture *c, int leg, int from, uint8_t flags, const uint8_t *payload, size_t len)
{
    endpoint *s = &c->leg[leg].ep[from], *r = &c->leg[leg].ep[1 - from];
    writer w;
    wr_init(&w, NULL);
    /* Ethernet II */
    wr_bytes(&w, r->mac, 6, NULL);
    wr_bytes(&w, s->mac, 6, NULL);
    wr_u16(&w, 0x0800, NULL);
    /* IPv4 (RFC 791): no options, don't fragment, checksum filled in below */
    size_t ip = w.len;
    wr_u8(&w, 0x45, NULL);
    wr_u8(&w, 0, NULL);
    wr_u16(&w, (uint16_t)(20 + 20 + len), NULL);
    wr_u16(&w, s->ip_id++, NULL);
    wr_u16(&w, 0x4000, NULL);
    wr_u8(&w, 64, NULL);
    wr_u8(&w, 6, NULL);
    wr_u16(&w, 0, NULL);
    wr_u32(&w, s->addr, NULL);
    wr_u32(&w, r->addr, NULL);
    /* TCP (RFC 9293): 20-byte header, no options */
    size_t tcp = w.len;
    wr_u16(&w, s->port, NULL);
    wr_u16(&w, r->port, NULL);
    wr_u32(&w, s->next_seq, NULL);
    wr_u32(&w, (flags & TCP_ACK) ? r->next_seq : 0, NULL);
    wr_u8(&w, 5 << 4, NULL);
    wr_u8(&w, flags, NULL);
    wr_u16(&w, (uint16_t)WINDOW, NULL);
    wr_u16(&w, 0, NULL);
    wr_u16(&w, 0, NULL);
    if (len)
        wr_bytes(&w, payload, len, NULL);
    if (w.failed) {
        c->failed = true;
        wr_free(&w);
        return;
    }
    put_u16_at(w.buf + ip + 10, sum_fold(sum_words(0, w.buf + ip, 20)));
    /* The TCP checksum also covers a pseudo-header: addresses, protocol, TCP length. */
    uint32_t pseudo = (s->addr >> 16) + (s->addr & 0xffff) + (r->addr >> 16) +
                      (r->addr & 0xffff) + 6 + (uint32_t)(20 + len);
    put_u16_at(w.buf + tcp + 16, sum_fold(sum_words(pseudo, w.buf + tcp, 20 + len)));

    uint64_t us = c->event_us + c->k++;
    if (us <= c->last_us)
        us = c->last_us + 1;
    c->last_us = us;
    struct pcap_pkthdr h = {0};
    h.ts.tv_sec = (time_t)(us / 1000000u);
    h.ts.tv_usec = (suseconds_t)(us % 1000000u);
    h.caplen = h.len = (bpf_u_int32)w.len;
    pcap_dump((u_char *)c->dump, &h, w.buf);
    wr_free(&w);

    s->next_seq += (uint32_t)len + ((flags & (TCP_SYN | TCP_FIN)) ? 1u : 0u);
    if (flags & TCP_ACK)
        r->acked = r->next_seq;
}

/* One record, in segments of at most MAX_SEGMENT bytes. The receiver acknowledges
 * first whenever the sender would otherwise have more than half a window unacknowledged,
 * as a real receiver would, so no analysis flags a full window. */
static void emit_record(capture *c, int leg, int from, const uint8_t *p, size_t n)
{
    endpoint *s = &c->leg[leg].ep[from];
    for (size_t off = 0; off < n; off += MAX_SEGMENT) {
        size_t k = n - off < MAX_SEGMENT ? n - off : MAX_SEGMENT;
        uint32_t unacked = s->next_seq - s->acked;
        if (unacked && unacked + k > WINDOW / 2)
            emit(c, leg, 1 - from, TCP_ACK, NULL, 0);
        emit(c, leg, from, TCP_PSH | TCP_ACK, p + off, k);
    }
}

static void open_leg(capture *c, int leg)
{
    if (c->leg[leg].open)
        return;
    c->leg[leg].open = true;
    emit(c, leg, EP_CLIENT, TCP_SYN, NULL, 0);
    emit(c, leg, EP_SERVER, TCP_SYN | TCP_ACK, NULL, 0);
    emit(c, leg, EP_CLIENT, TCP_ACK, NULL, 0);
}

static void close_legs(capture *c)
{
    for (int leg = 0; leg < LEGS; leg++) {
        if (!c->leg[leg].open)
            continue;
        emit(c, leg, EP_CLIENT, TCP_FIN | TCP_ACK, NULL, 0);
        emit(c, leg, EP_SERVER, TCP_FIN | TCP_ACK, NULL, 0);
        emit(c, leg, EP_CLIENT, TCP_ACK, NULL, 0);
    }
}

/* A segment between the attacker and the server travels on the attacker's own
 * connection, where the attacker is the client; everything else on the client's. */
static int leg_of(const trace_segment *s)
{
    bool attacker_server = (s->from == ACTOR_ATTACKER && s->to == ACTOR_SERVER) ||
                           (s->from == ACTOR_SERVER && s->to == ACTOR_ATTACKER);
    return attacker_server ? LEG_ATTACKER : LEG_CLIENT;
}

static int sender_end(const trace_segment *s)
{
    return s->from == ACTOR_CLIENT || (s->from == ACTOR_ATTACKER && s->to == ACTOR_SERVER)
               ? EP_CLIENT
               : EP_SERVER;
}

static void endpoint_init(endpoint *e, uint8_t mac_last, uint16_t port, uint32_t isn)
{
    static const uint8_t mac[6] = {0x02, 0, 0, 0, 0, 0};
    memcpy(e->mac, mac, 6);
    e->mac[5] = mac_last;
    e->addr = 0x7f000001;
    e->port = port;
    /* Fixed initial sequence numbers: the file must not depend on anything but the trace. */
    e->next_seq = e->acked = isn;
    e->ip_id = (uint16_t)(isn >> 16);
}

/* Connection `index` of a capture: the client's port counts up from
 * RENDER_PCAP_CLIENT_PORT, so each connection is its own TCP stream. */
static void capture_connection(capture *c, unsigned index)
{
    uint16_t port = (uint16_t)(RENDER_PCAP_CLIENT_PORT + index);
    memset(c->leg, 0, sizeof c->leg);
    endpoint_init(&c->leg[LEG_CLIENT].ep[EP_CLIENT], 1, port, 0x10000000);
    endpoint_init(&c->leg[LEG_CLIENT].ep[EP_SERVER], 2, RENDER_PCAP_SERVER_PORT, 0x20000000);
    endpoint_init(&c->leg[LEG_ATTACKER].ep[EP_CLIENT], 3, (uint16_t)(port + 1), 0x30000000);
    endpoint_init(&c->leg[LEG_ATTACKER].ep[EP_SERVER], 2, RENDER_PCAP_SERVER_PORT, 0x40000000);
    /* The next connection starts a millisecond after the last packet of the one before. */
    c->base_us = index == 0 ? EPOCH_US : c->last_us + EVENT_US;
}

/* A trace of several connections (--resume): each is its own TCP stream, as with
 * several traces; `connections` counts the streams of the capture so far. */
static void capture_trace(capture *c, const trace *t, unsigned *connections)
{
    set_event_time(c, 0);
    open_leg(c, LEG_CLIENT);
    unsigned conn = 0;
    /* What crossed the wire when the run kept it (faults may have changed it on the
     * way); otherwise each side's records as sent. */
    for (size_t i = 0; i < t->n_wire && !c->failed; i++) {
        const trace_segment *s = &t->wire[i];
        if (s->conn != conn) {
            set_event_time(c, (uint64_t)s->after);
            close_legs(c);
            capture_connection(c, (*connections)++);
            conn = s->conn;
            set_event_time(c, 0);
            open_leg(c, LEG_CLIENT);
        }
        set_event_time(c, (uint64_t)s->after + 1);
        open_leg(c, leg_of(s));
        emit_record(c, leg_of(s), sender_end(s), s->bytes, s->len);
    }
    for (size_t i = 0; i < t->n && !c->failed && t->n_wire == 0; i++) {
        const trace_event *e = &t->ev[i];
        if (e->kind != EV_RECORD || !e->bytes || e->len == 0 || e->actor == ACTOR_ATTACKER)
            continue;
        set_event_time(c, (uint64_t)e->seq + 1);
        emit_record(c, LEG_CLIENT, e->actor == ACTOR_CLIENT ? EP_CLIENT : EP_SERVER, e->bytes,
                    e->len);
    }
    set_event_time(c, (uint64_t)t->n + 1);
    close_legs(c);
}

struct render_pcap_stream {
    pcap_t *p;
    capture c;
    unsigned connections;
};

render_pcap_stream *render_pcap_open(FILE *f, tls_err *err)
{
    render_pcap_stream *s = calloc(1, sizeof *s);
    /* libpcap closes the stream it was given: it gets its own on a duplicate of f's
     * descriptor, and f stays the caller's. */
    int fd = s && fflush(f) == 0 ? dup(fileno(f)) : -1;
    FILE *g = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (s)
        s->p = pcap_open_dead(DLT_EN10MB, SNAPLEN);
    pcap_dumper_t *d = g && s->p ? pcap_dump_fopen(s->p, g) : NULL;
    if (!d) {
        if (err)
            err_set(err, ALERT_INTERNAL_ERROR, "pcap: %s", strerror(errno ? errno : ENOMEM));
        if (g)
            fclose(g);
        else if (fd >= 0)
            close(fd);
        if (s && s->p)
            pcap_close(s->p);
        free(s);
        return NULL;
    }
    s->c.dump = d;
    return s;
}

bool render_pcap_add(render_pcap_stream *s, const trace *t)
{
    capture_connection(&s->c, s->connections++);
    capture_trace(&s->c, t, &s->connections);
    return !s->c.failed;
}

bool render_pcap_close(render_pcap_stream *s, tls_err *err)
{
    if (!s)
        return false;
    bool ok = !s->c.failed && pcap_dump_flush(s->c.dump) == 0;
    if (!ok && err)
        err_set(err, ALERT_INTERNAL_ERROR, "pcap: %s", s->c.failed ? "out of memory" : "write failed");
    pcap_dump_close(s->c.dump);
    pcap_close(s->p);
    free(s);
    return ok;
}

bool render_pcap(const char *path, const trace *t, tls_err *err)
{
    bool to_stdout = strcmp(path, "-") == 0;
    FILE *f = to_stdout ? stdout : fopen(path, "wb");
    if (!f) {
        if (err)
            err_set(err, ALERT_INTERNAL_ERROR, "pcap: %s: %s", path, strerror(errno));
        return false;
    }
    render_pcap_stream *s = render_pcap_open(f, err);
    bool ok = s && render_pcap_add(s, t);
    ok = render_pcap_close(s, ok ? err : NULL) && ok;
    if (!to_stdout)
        ok = fclose(f) == 0 && ok;
    if (!ok && err && !err_is_set(err))
        err_set(err, ALERT_INTERNAL_ERROR, "pcap: %s: write failed", path);
    return ok;
}
