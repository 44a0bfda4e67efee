/* Recovered application data as a student reads it: the bytes as text, with the
 * line ends an HTTP request carries written as \r and \n, so "GET / HTTP/1.1" shows
 * as such and not only as hex. Used by the attackers (mitm-anon, eavesdrop-stolen-key)
 * to record what they read. */
#ifndef TLSSIM_PLAIN_TEXT_H
#define TLSSIM_PLAIN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes `as text: "..."` into out (cut short with "..." when it does not fit); false
 * (out empty) when the bytes are not text: a byte outside printable ASCII other than
 * CR, LF and tab. */
bool plain_text_describe(const uint8_t *p, size_t n, char *out, size_t cap);

#endif
