/* A directory of output files written all or nothing (tlssim pki --out DIR): the
 * files are written into a hidden staging directory inside DIR, checked against
 * what is already there, and only then moved into place (rename, within one file
 * system). A failure while writing leaves DIR as it was. */
#ifndef TLSSIM_STAGED_DIR_H
#define TLSSIM_STAGED_DIR_H

#include <stdbool.h>
#include <stddef.h>

typedef struct staged_dir {
    char dir[4096];   /* where the files belong */
    char stage[4096]; /* where they are written first */
    bool created;     /* dir did not exist: abort removes it again */
} staged_dir;

/* Creates dir if needed, and the staging directory in it. False, with why. */
bool staged_dir_open(staged_dir *s, const char *dir, char *why, size_t n);
/* Moves every staged file into dir: first checks that none would replace a directory
 * (or a file replace a directory's place), then renames. False, with why (the staged
 * files are removed). */
bool staged_dir_commit(staged_dir *s, char *why, size_t n);
/* Removes the staged files (and dir, when this created it). */
void staged_dir_abort(staged_dir *s);

#endif
