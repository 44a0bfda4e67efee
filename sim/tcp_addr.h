/* Addresses on the command line (--connect HOST:PORT, --listen [ADDR:]PORT) and
 * peers' addresses in result lines. */
#ifndef TLSSIM_TCP_ADDR_H
#define TLSSIM_TCP_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

typedef struct tcp_addr {
    char host[256]; /* a name or a literal address, without IPv6 brackets */
    char port[6];   /* "1" to "65535" */
} tcp_addr;

/* Parses "HOST:PORT" or "[V6ADDR]:PORT". With need_host false (listening), "PORT"
 * and ":PORT" mean default_host. False, with a message in why, for a missing host or
 * port, or a port that is not a number from 1 to 65535 (TCP has 16 bits of port). */
bool tcp_addr_parse(const char *s, bool need_host, const char *default_host, tcp_addr *out,
                    char *why, size_t n);

/* "127.0.0.1:50000" or "[::1]:50000"; "unknown" for another family. */
void tcp_addr_format(const struct sockaddr *sa, char *out, size_t n);

#endif
