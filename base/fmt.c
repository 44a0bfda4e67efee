#include "base/fmt.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* One conversion: %[0][width][z|l|ll](s|c|d|i|u|x) or %%. */
typedef struct conv {
    bool zero;
    int width;
    int size; /* 0: int, 1: long, 2: long long, 3: size_t */
    char type;
    size_t len; /* characters of the format it took */
} conv;

static bool parse_conv(const char *f, conv *c)
{
    const char *p = f + 1;
    *c = (conv){0};
    if (*p == '0') {
        c->zero = true;
        p++;
    }
    while (*p >= '0' && *p <= '9' && c->width < 100)
        c->width = c->width * 10 + (*p++ - '0');
    if (*p == 'z') {
        c->size = 3;
        p++;
    } else if (*p == 'l') {
        c->size = 1;
        if (*++p == 'l') {
            c->size = 2;
            p++;
        }
    }
    c->type = *p;
    c->len = (size_t)(p + 1 - f);
    switch (c->type) {
    case '%':
        return c->len == 2;
    case 's':
    case 'c':
        return !c->zero && c->width == 0 && c->size == 0;
    case 'd':
    case 'i': /* widths of signed numbers, and %zd, are left to printf */
        return !c->zero && c->width == 0 && c->size != 3;
    case 'u':
    case 'x':
        return c->width <= 32;
    default:
        return false;
    }
}

/* Output that counts what would have been written, as vsnprintf does. */
typedef struct out {
    char *buf;
    size_t cap, n;
} out;

static void put(out *o, const char *s, size_t len)
{
    size_t room = o->n < o->cap ? o->cap - 1 - o->n : 0;
    size_t take = len < room ? len : room;
    char *d = o->buf + o->n;
    if (take > 16) {
        memcpy(d, s, take);
    } else {
        for (size_t i = 0; i < take; i++) /* short pieces: cheaper than a call */
            d[i] = s[i];
    }
    o->n += len;
}

static void put_number(out *o, unsigned long long v, bool negative, unsigned base, const conv *c)
{
    char text[48]; /* filled from the end: digits, then padding, then the sign */
    size_t i = sizeof text;
    do { /* each branch divides by a constant: a multiply, not a division */
        if (base == 16) {
            text[--i] = "0123456789abcdef"[v & 15];
            v >>= 4;
        } else {
            text[--i] = (char)('0' + v % 10);
            v /= 10;
        }
    } while (v);
    while (sizeof text - i < (size_t)c->width)
        text[--i] = c->zero ? '0' : ' ';
    if (negative)
        text[--i] = '-';
    put(o, text + i, sizeof text - i);
}

static void put_arg(out *o, const conv *c, va_list *ap)
{
    if (c->type == '%') {
        put(o, "%", 1);
    } else if (c->type == 's') {
        const char *s = va_arg(*ap, const char *);
        s = s ? s : "(null)";
        put(o, s, strlen(s));
    } else if (c->type == 'c') {
        char ch = (char)va_arg(*ap, int);
        put(o, &ch, 1);
    } else if (c->type == 'd' || c->type == 'i') {
        long long v = c->size == 2   ? va_arg(*ap, long long)
                      : c->size == 1 ? va_arg(*ap, long)
                                     : va_arg(*ap, int);
        put_number(o, v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v, v < 0, 10, c);
    } else {
        unsigned long long v = c->size == 2   ? va_arg(*ap, unsigned long long)
                               : c->size == 1 ? va_arg(*ap, unsigned long)
                               : c->size == 3 ? va_arg(*ap, size_t)
                                              : va_arg(*ap, unsigned);
        put_number(o, v, false, c->type == 'x' ? 16 : 10, c);
    }
}

int fmt_v(char *buf, size_t cap, const char *fmt, va_list ap)
{
    out o = {buf, cap, 0};
    va_list args; /* ap stays untouched for vsnprintf */
    va_copy(args, ap);
    const char *p = fmt, *pct;
    while ((pct = strchr(p, '%')) != NULL) {
        conv c;
        if (!parse_conv(pct, &c)) {
            va_end(args);
            return vsnprintf(buf, cap, fmt, ap); /* something rarer: printf does it all */
        }
        put(&o, p, (size_t)(pct - p));
        put_arg(&o, &c, &args);
        p = pct + c.len;
    }
    put(&o, p, strlen(p));
    va_end(args);
    if (cap)
        buf[o.n < cap ? o.n : cap - 1] = '\0';
    return o.n > INT32_MAX ? -1 : (int)o.n;
}

int fmt(char *buf, size_t cap, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = fmt_v(buf, cap, f, ap);
    va_end(ap);
    return n;
}
