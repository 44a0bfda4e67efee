/* DER (X.690) over the project's bounded reader and writer: tag-length-value
 * framing with offsets recorded, so a certificate can be shown as an annotated
 * tree. Primitive contents (OIDs, times, integers) use libtomcrypt's codecs. */
#ifndef TLSSIM_DER_H
#define TLSSIM_DER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/codec.h"

enum der_tag {
    DER_BOOLEAN = 0x01,
    DER_INTEGER = 0x02,
    DER_BIT_STRING = 0x03,
    DER_OCTET_STRING = 0x04,
    DER_NULL = 0x05,
    DER_OID = 0x06,
    DER_UTF8_STRING = 0x0c,
    DER_PRINTABLE_STRING = 0x13,
    DER_IA5_STRING = 0x16,
    DER_UTC_TIME = 0x17,
    DER_GENERALIZED_TIME = 0x18,
    DER_SEQUENCE = 0x30,
    DER_SET = 0x31,
};
#define DER_CONTEXT(n) (0xa0 | (n))      /* [n] constructed, e.g. [0] EXPLICIT version */
#define DER_CONTEXT_PRIM(n) (0x80 | (n)) /* [n] primitive, e.g. dNSName [2] IMPLICIT */

/* Returns the next tag without consuming it, or -1 at the end / on error. */
int der_peek_tag(const reader *r);
/* Reads one TLV with the expected tag (single-byte tags only), annotates the whole
 * TLV under name, and opens content over its value. Rejects non-minimal lengths. */
bool der_read(reader *r, uint8_t tag, const char *name, reader *content);
/* Reads whatever TLV comes next; *tag receives its tag. */
bool der_read_any(reader *r, uint8_t *tag, const char *name, reader *content);
/* Same framing over a plain buffer: finds the TLV at p and its total length. */
bool der_span(const uint8_t *p, size_t n, uint8_t *tag, size_t *hdr_len, size_t *total_len);

typedef struct der_mark {
    size_t start;   /* offset of the tag byte */
    size_t ann_idx; /* annotation of the TLV, or (size_t)-1 */
} der_mark;

/* Opens a TLV: the length is back-patched (and the body moved if the length needs
 * more than one byte) by der_close. */
der_mark der_open(writer *w, uint8_t tag, const char *name);
void der_close(writer *w, der_mark m);
/* A whole primitive TLV. */
void der_write(writer *w, uint8_t tag, const uint8_t *value, size_t n, const char *name);
/* An OID from its dotted form, "1.2.840.113549.1.1.11". */
void der_write_oid(writer *w, const char *dotted, const char *name);
/* A non-negative INTEGER from big-endian magnitude bytes (leading zeros trimmed,
 * a 0x00 prepended when the top bit is set). */
void der_write_uint(writer *w, const uint8_t *mag, size_t n, const char *name);
void der_write_small_int(writer *w, long v, const char *name);

/* Decodes an OID's content bytes to dotted form; false if malformed. */
bool der_oid_to_string(const uint8_t *p, size_t n, char *out, size_t outlen);

#endif
