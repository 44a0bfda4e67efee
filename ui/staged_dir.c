#include "ui/staged_dir.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto/pki.h"

bool staged_dir_open(staged_dir *s, const char *dir, char *why, size_t n)
{
    memset(s, 0, sizeof *s);
    if (strlen(dir) + 32 >= sizeof s->dir) {
        snprintf(why, n, "%.80s...: path too long", dir);
        return false;
    }
    snprintf(s->dir, sizeof s->dir, "%s", dir);
    struct stat st;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        snprintf(why, n, "%s exists and is not a directory", dir);
        return false;
    }
    if (stat(dir, &st) != 0) {
        tls_err err;
        err_init(&err);
        if (!pki_make_dir(dir, &err)) {
            snprintf(why, n, "%s", err.msg);
            return false;
        }
        s->created = true;
    }
    snprintf(s->stage, sizeof s->stage, "%s/.tlssim-staging-XXXXXX", dir);
    if (!mkdtemp(s->stage)) {
        snprintf(why, n, "cannot write in %s: %s", dir, strerror(errno));
        s->stage[0] = 0;
        staged_dir_abort(s);
        return false;
    }
    return true;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
    (void)st;
    (void)flag;
    (void)f;
    remove(path);
    return 0;
}

void staged_dir_abort(staged_dir *s)
{
    if (s->stage[0])
        nftw(s->stage, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    s->stage[0] = 0;
    if (s->created)
        rmdir(s->dir);
    s->created = false;
}

/* Walks src (a staged directory) beside dst. With move false, only checks that each
 * file may take its place in dst; with move true, makes the directories and renames. */
static bool walk(const char *src, const char *dst, bool move, char *why, size_t n)
{
    DIR *d = opendir(src);
    if (!d) {
        snprintf(why, n, "%s: %s", src, strerror(errno));
        return false;
    }
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char from[4096], to[4096];
        int a = snprintf(from, sizeof from, "%s/%s", src, e->d_name);
        int b = snprintf(to, sizeof to, "%s/%s", dst, e->d_name);
        struct stat sf, st;
        if (a < 0 || b < 0 || (size_t)a >= sizeof from || (size_t)b >= sizeof to ||
            lstat(from, &sf) != 0) {
            snprintf(why, n, "%s: path too long or unreadable", to);
            ok = false;
            break;
        }
        bool exists = lstat(to, &st) == 0;
        if (S_ISDIR(sf.st_mode)) {
            if (exists && !S_ISDIR(st.st_mode)) {
                snprintf(why, n, "%s is in the way: a directory goes there", to);
                ok = false;
            } else if (move && !exists && mkdir(to, 0755) != 0) {
                snprintf(why, n, "cannot create directory %s: %s", to, strerror(errno));
                ok = false;
            }
            ok = ok && walk(from, to, move, why, n);
        } else if (exists && !S_ISREG(st.st_mode)) {
            snprintf(why, n, "%s is in the way: it is not a regular file", to);
            ok = false;
        } else if (move && rename(from, to) != 0) {
            snprintf(why, n, "cannot write %s: %s", to, strerror(errno));
            ok = false;
        }
    }
    closedir(d);
    return ok;
}

bool staged_dir_commit(staged_dir *s, char *why, size_t n)
{
    bool ok = walk(s->stage, s->dir, false, why, n) && walk(s->stage, s->dir, true, why, n);
    /* What was moved is in place; the rest (on failure) and the staging tree go. */
    bool created = s->created;
    s->created = !ok && created;
    staged_dir_abort(s);
    return ok;
}
