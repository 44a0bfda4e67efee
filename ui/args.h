/* Small, strict parsers for command-line values. */
#ifndef TLSSIM_ARGS_H
#define TLSSIM_ARGS_H

#include <stdbool.h>
#include <stdint.h>

/* A decimal number with nothing after it ("42"; not "42x", "-1" or ""). */
bool args_parse_u64(const char *s, uint64_t *out);
/* Returns argv[*i + 1] and advances *i, or NULL when the option has no value. */
const char *args_value(int argc, char **argv, int *i);

#endif
