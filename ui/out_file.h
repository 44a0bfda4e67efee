/* An output file (--json, --pcap, --keylog) that is checked before a run starts and
 * appears whole or not at all: it is written to a temporary file in the same
 * directory and renamed over the path at the end (rename is atomic within a file
 * system). "-" is standard output: buffered and copied there at the end, so binary
 * output and the text listing do not interleave. An existing path that is not a
 * regular file (a FIFO, /dev/null) is written in place. */
#ifndef TLSSIM_OUT_FILE_H
#define TLSSIM_OUT_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct out_file {
    const char *path; /* as given; NULL: no such output */
    FILE *f;          /* where to write until out_file_commit */
    char *tmp;        /* the temporary file renamed over path; NULL when none */
} out_file;

/* Opens the output now; false, with a message in why, when it cannot be written
 * (a directory, a missing or read-only directory, /proc). path may be NULL. */
bool out_file_open(out_file *o, const char *path, char *why, size_t n);
/* Flushes, checks that every byte was written, and puts the file in place. False,
 * with why, on any failure (the temporary file is then removed). */
bool out_file_commit(out_file *o, char *why, size_t n);
/* Drops the output: the temporary file is removed and path left as it was. */
void out_file_abort(out_file *o);

#endif
