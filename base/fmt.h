/* vsnprintf's contract for the few conversions trace text uses (%s %c %d %u %x %%,
 * with z/l/ll sizes and zero-padded widths for unsigned numbers), done directly: the
 * trace formats a few hundred strings per handshake and glibc's printf machinery was
 * a tenth of the time outside public-key work. Any other format goes to vsnprintf. */
#ifndef TLSSIM_FMT_H
#define TLSSIM_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* As vsnprintf: writes at most cap bytes with the terminating NUL and returns the
 * length the whole text would have. */
int fmt_v(char *buf, size_t cap, const char *fmt, va_list ap);
int fmt(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
