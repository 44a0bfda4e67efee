/* libFuzzer: the lesson file parser (ui/lesson_file.c) over arbitrary text. Whatever
 * the bytes, it either reads a lesson or names a line and a reason; never a crash,
 * a leak or an error without "FILE:LINE: ". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui/lesson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lesson l;
    char err[512];
    if (lesson_parse("f.lesson", (const char *)data, size, &l, err, sizeof err)) {
        if (!l.id || !l.title || !l.n_scenarios || !l.n_steps)
            abort(); /* a lesson read without what every lesson has */
        lesson_free(&l);
    } else if (strncmp(err, "f.lesson:", 9) != 0) {
        abort();
    }
    return 0;
}
