/* The one bounded reader and the one growable writer for all wire and DER data.
 *
 * A reader never reads past its end; a failed read sets the sticky error (naming
 * the field and the alert it ends in) and every later read returns zeros.
 * Length-prefixed blocks open a sub-reader limited to that length; rd_close()
 * then checks the block was consumed exactly. Every read can record an annotation
 * (name, offset, length, value) so the hex view comes from the same code. */
#ifndef TLSSIM_CODEC_H
#define TLSSIM_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/annot.h"
#include "base/err.h"

typedef struct reader {
    const uint8_t *base; /* start of the whole buffer: offsets are relative to it */
    size_t pos, end;
    tls_err *err;        /* shared with sub-readers */
    annot_list *ann;     /* NULL: do not annotate */
    int depth;
    char path[96];       /* "ServerHello.extensions", used in error messages */
} reader;

void rd_init(reader *r, const uint8_t *p, size_t n, tls_err *err, annot_list *ann,
             const char *path);
bool rd_ok(const reader *r);
size_t rd_left(const reader *r);
size_t rd_pos(const reader *r);
/* Sets the sticky error with this reader's path: "path.field: reason". */
void rd_fail(reader *r, int alert, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

uint8_t rd_u8(reader *r, const char *name);
uint16_t rd_u16(reader *r, const char *name);
uint32_t rd_u24(reader *r, const char *name);
uint32_t rd_u32(reader *r, const char *name);
/* Returns a pointer to n bytes inside the buffer, or NULL (error set). */
const uint8_t *rd_bytes(reader *r, size_t n, const char *name);
/* Reads a length prefix of lenbytes (1..3) and checks min <= len <= max, as the
 * RFC's presentation language gives (<min..max>); opens sub over the body. */
bool rd_vec(reader *r, int lenbytes, size_t min, size_t max, const char *name, reader *sub);
/* Opens sub over the next n bytes without a length prefix. */
bool rd_sub(reader *r, size_t n, const char *name, reader *sub);
/* Ends a sub-reader: leftover bytes are a decode_error. */
bool rd_close(reader *sub);
/* Sets the decoded value of the annotation the last read made. */
void rd_describe(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Names the situation of the annotation the last read made ("empty"), where its
 * explanation depends on it. The words are in sim/field_explain.c, keyed by the
 * message, the field's path and this qualifier: never written at the call site. */
void rd_qualify(reader *r, const char *qual);

typedef struct writer {
    uint8_t *buf;
    size_t len, cap;
    bool failed;     /* out of memory, or a block grew past its length field */
    annot_list *ann; /* NULL: do not annotate */
    int depth;
    size_t last_ann; /* index of the last annotation made, for wr_describe */
} writer;

/* A block whose length is back-patched when it is closed. */
typedef struct wr_mark {
    size_t start;   /* position of the length field */
    size_t ann_idx; /* the block's own annotation */
    int lenbytes;
} wr_mark;

void wr_init(writer *w, annot_list *ann);
void wr_free(writer *w);
/* Hands the bytes to the caller (who frees them) and resets the writer. */
uint8_t *wr_take(writer *w, size_t *len);
void wr_u8(writer *w, uint8_t v, const char *name);
void wr_u16(writer *w, uint16_t v, const char *name);
void wr_u24(writer *w, uint32_t v, const char *name);
void wr_u32(writer *w, uint32_t v, const char *name);
void wr_bytes(writer *w, const uint8_t *p, size_t n, const char *name);
/* Reserves room without annotating; returns where it starts, or NULL. */
uint8_t *wr_reserve(writer *w, size_t n);
wr_mark wr_open(writer *w, int lenbytes, const char *name);
void wr_close(writer *w, wr_mark m);
/* Copies another parser's annotations of bytes already written at base (e.g. an
 * X.509 certificate's fields inside a Certificate message), nested one level below
 * the current block. */
void wr_graft(writer *w, size_t base, const annot_list *src);
void wr_describe(writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* As rd_qualify, for the annotation the last write (or wr_close) made. */
void wr_qualify(writer *w, const char *qual);

#endif
