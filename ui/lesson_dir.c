/* Finding lessons at run time (lessons/README.md): next to the binary in the build
 * tree, where `make install` puts them, and in the folders given with --lessons. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui/lesson.h"

enum { DIR_PATH_MAX = 4096 };

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

size_t lesson_builtin_dirs(char dirs[][DIR_PATH_MAX], size_t max)
{
    char exe[DIR_PATH_MAX];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (k <= 0)
        return 0;
    exe[k] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash)
        return 0;
    *slash = 0;
    /* build/tlssim -> lessons/; PREFIX/bin/tlssim -> PREFIX/share/tlssim/lessons. */
    static const char *const rel[] = {"/../lessons", "/../share/tlssim/lessons"};
    size_t n = 0;
    for (size_t i = 0; i < sizeof rel / sizeof rel[0] && n < max; i++) {
        char p[DIR_PATH_MAX];
        int w = snprintf(p, sizeof p, "%s%s", exe, rel[i]);
        if (w < 0 || (size_t)w >= sizeof p || !is_dir(p))
            continue;
        if (!realpath(p, dirs[n]))
            snprintf(dirs[n], DIR_PATH_MAX, "%s", p);
        n++;
    }
    return n;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void lesson_dir_files_free(char **paths, size_t n_paths)
{
    for (size_t i = 0; paths && i < n_paths; i++)
        free(paths[i]);
    free(paths);
}

bool lesson_dir_files(const char *dir, char ***paths, size_t *n_paths, char *err, size_t n)
{
    *paths = NULL;
    *n_paths = 0;
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, n, "%s: cannot read the folder: %s", dir, strerror(errno));
        return false;
    }
    char **v = NULL;
    size_t cnt = 0;
    bool ok = true;
    for (struct dirent *de; ok && (de = readdir(d)) != NULL;) {
        size_t len = strlen(de->d_name);
        if (len <= 7 || strcmp(de->d_name + len - 7, ".lesson") != 0 || de->d_name[0] == '.')
            continue;
        char **nv = realloc(v, (cnt + 1) * sizeof *nv);
        size_t need = strlen(dir) + len + 2;
        char *p = nv ? malloc(need) : NULL;
        if (nv)
            v = nv;
        if (!p) {
            ok = false;
            snprintf(err, n, "%s: out of memory", dir);
            break;
        }
        snprintf(p, need, "%s/%s", dir, de->d_name);
        v[cnt++] = p;
    }
    closedir(d);
    if (!ok) {
        lesson_dir_files_free(v, cnt);
        return false;
    }
    if (cnt)
        qsort(v, cnt, sizeof *v, by_name);
    *paths = v;
    *n_paths = cnt;
    return true;
}

bool lesson_list_add(lesson_list *list, lesson *l)
{
    for (size_t i = 0; i < list->n; i++)
        if (strcmp(list->v[i].id, l->id) == 0) {
            lesson_free(&list->v[i]);
            list->v[i] = *l;
            memset(l, 0, sizeof *l);
            return true;
        }
    lesson *v = realloc(list->v, (list->n + 1) * sizeof *v);
    if (!v)
        return false;
    list->v = v;
    v[list->n++] = *l;
    memset(l, 0, sizeof *l);
    return true;
}

static int by_order(const void *a, const void *b)
{
    const lesson *x = a, *y = b;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return strcmp(x->id, y->id);
}

void lesson_list_sort(lesson_list *list)
{
    if (list->n > 1)
        qsort(list->v, list->n, sizeof *list->v, by_order);
}

/* Every lesson of one folder into the list; false (err filled) only when strict. */
static bool load_dir(lesson_list *out, const char *dir, bool strict, char *err, size_t n)
{
    char **paths;
    size_t np;
    if (!lesson_dir_files(dir, &paths, &np, err, n))
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < np; i++) {
        lesson l;
        char why[512];
        if (!lesson_load(paths[i], &l, why, sizeof why)) {
            if (strict) {
                snprintf(err, n, "%s", why);
                ok = false;
            } else {
                fprintf(stderr, "tlssim: skipped %s\n", why);
            }
            continue;
        }
        if (!lesson_list_add(out, &l)) {
            lesson_free(&l);
            snprintf(err, n, "%s: out of memory", paths[i]);
            ok = false;
        }
    }
    lesson_dir_files_free(paths, np);
    return ok;
}

bool lesson_list_load(lesson_list *out, const char *const *extra_dirs, size_t n_extra,
                      bool strict, char *err, size_t n)
{
    memset(out, 0, sizeof *out);
    char dirs[2][DIR_PATH_MAX];
    size_t nb = lesson_builtin_dirs(dirs, 2);
    bool ok = true;
    for (size_t i = 0; ok && i < nb; i++)
        ok = load_dir(out, dirs[i], strict, err, n);
    for (size_t i = 0; ok && i < n_extra; i++) {
        if (!is_dir(extra_dirs[i])) {
            snprintf(err, n, "%s: no such folder", extra_dirs[i]);
            ok = false;
        } else {
            ok = load_dir(out, extra_dirs[i], strict, err, n);
        }
    }
    if (!ok) {
        lesson_list_free(out);
        return false;
    }
    lesson_list_sort(out);
    return true;
}

void lesson_list_free(lesson_list *l)
{
    for (size_t i = 0; l && i < l->n; i++)
        lesson_free(&l->v[i]);
    if (l) {
        free(l->v);
        l->v = NULL;
        l->n = 0;
    }
}

const lesson *lesson_find(const lesson_list *l, const char *id)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].id, id) == 0)
            return &l->v[i];
    return NULL;
}
