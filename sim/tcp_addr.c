#include "sim/tcp_addr.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

/* A port is 1 to 65535 written in decimal: getaddrinfo would take "70000" and wrap
 * it to 4464, and "0" asks for any port, which a client cannot connect to. */
static bool parse_port(const char *p, tcp_addr *out, char *why, size_t n)
{
    unsigned long v = 0;
    size_t len = strlen(p);
    bool digits = len > 0 && len <= 5 && strspn(p, "0123456789") == len;
    for (size_t i = 0; digits && i < len; i++)
        v = v * 10 + (unsigned long)(p[i] - '0');
    if (!digits || v < 1 || v > 65535) {
        snprintf(why, n, "port '%.40s' is not a number from 1 to 65535", p);
        return false;
    }
    snprintf(out->port, sizeof out->port, "%lu", v);
    return true;
}

bool tcp_addr_parse(const char *s, bool need_host, const char *default_host, tcp_addr *out,
                    char *why, size_t n)
{
    memset(out, 0, sizeof *out);
    const char *host = s, *port;
    size_t host_len;
    if (s[0] == '[') { /* [2001:db8::1]:443: the brackets keep the port apart */
        const char *close = strchr(s, ']');
        if (!close || close[1] != ':') {
            snprintf(why, n, "'%.80s' is not [ADDRESS]:PORT", s);
            return false;
        }
        host = s + 1;
        host_len = (size_t)(close - host);
        port = close + 2;
    } else {
        const char *colon = strrchr(s, ':');
        if (colon && strchr(s, ':') != colon) {
            snprintf(why, n, "'%.80s': write an IPv6 address in brackets, [ADDRESS]:PORT", s);
            return false;
        }
        if (!colon && need_host) {
            snprintf(why, n, "'%.80s' has no port: write HOST:PORT, e.g. %.80s:443", s, s);
            return false;
        }
        host_len = colon ? (size_t)(colon - s) : 0;
        port = colon ? colon + 1 : s;
    }
    if (host_len == 0 && need_host) {
        snprintf(why, n, "'%.80s' has no host: write HOST:PORT", s);
        return false;
    }
    if (host_len >= sizeof out->host) {
        snprintf(why, n, "the host name in '%.40s...' is too long", s);
        return false;
    }
    if (!parse_port(port, out, why, n))
        return false;
    if (host_len)
        memcpy(out->host, host, host_len);
    else
        snprintf(out->host, sizeof out->host, "%s", default_host);
    return true;
}

void tcp_addr_format(const struct sockaddr *sa, char *out, size_t n)
{
    char ip[INET6_ADDRSTRLEN];
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
        inet_ntop(AF_INET, &in->sin_addr, ip, sizeof ip);
        snprintf(out, n, "%s:%u", ip, (unsigned)ntohs(in->sin_port));
    } else if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
        inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof ip);
        snprintf(out, n, "[%s]:%u", ip, (unsigned)ntohs(in6->sin6_port));
    } else {
        snprintf(out, n, "unknown");
    }
}
