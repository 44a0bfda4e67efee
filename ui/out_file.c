#include "ui/out_file.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_stdout(const char *path)
{
    return strcmp(path, "-") == 0;
}

bool out_file_open(out_file *o, const char *path, char *why, size_t n)
{
    memset(o, 0, sizeof *o);
    o->path = path;
    if (!path)
        return true;
    if (is_stdout(path)) {
        if (!(o->f = tmpfile()))
            snprintf(why, n, "%s: cannot buffer standard output: %s", path, strerror(errno));
        return o->f != NULL;
    }
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(why, n, "%s is a directory", path);
        return false;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (!(o->f = fopen(path, "w")))
            snprintf(why, n, "%s: %s", path, strerror(errno));
        return o->f != NULL;
    }
    char *copy = strdup(path);
    if (!copy || asprintf(&o->tmp, "%s/.tlssim-%.64s.XXXXXX", dirname(copy), basename((char *)path)) < 0) {
        free(copy);
        o->tmp = NULL;
        snprintf(why, n, "%s: out of memory", path);
        return false;
    }
    free(copy);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        snprintf(why, n, "%s: cannot write in its directory: %s", path, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        return false;
    }
    /* mkstemp makes the file private (0600); give it what creating path would. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || !(o->f = fdopen(fd, "w"))) {
        snprintf(why, n, "%s: %s", path, strerror(errno));
        close(fd);
        unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        return false;
    }
    return true;
}

static bool copy_to_stdout(FILE *f)
{
    char buf[65536];
    size_t k;
    rewind(f);
    while ((k = fread(buf, 1, sizeof buf, f)) > 0)
        if (fwrite(buf, 1, k, stdout) != k)
            return false;
    return !ferror(f) && fflush(stdout) == 0;
}

bool out_file_commit(out_file *o, char *why, size_t n)
{
    if (!o->path || !o->f)
        return true;
    const char *step = "write failed";
    int saved = 0;
    bool ok = fflush(o->f) == 0 && !ferror(o->f);
    if (ok && is_stdout(o->path) && !copy_to_stdout(o->f))
        ok = false, step = "standard output";
    if (!ok)
        saved = errno;
    /* The last buffered bytes reach the file system here: a full disk or /proc's
     * EIO shows only in fclose's status. */
    if (fclose(o->f) != 0 && ok)
        ok = false, saved = errno;
    o->f = NULL;
    if (ok && o->tmp && rename(o->tmp, o->path) != 0)
        ok = false, saved = errno, step = "cannot put it in place";
    if (!ok)
        snprintf(why, n, "%s: %s: %s", o->path, step, strerror(saved ? saved : EIO));
    if (o->tmp) {
        if (!ok)
            unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
    }
    return ok;
}

void out_file_abort(out_file *o)
{
    if (o->f)
        fclose(o->f);
    o->f = NULL;
    if (o->tmp) {
        unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
    }
}
