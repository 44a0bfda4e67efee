#include "sim/plain_text.h"

#include <string.h>

bool plain_text_describe(const uint8_t *p, size_t n, char *out, size_t cap)
{
    static const char head[] = "as text: \"", tail[] = "\"", cut[] = "\"...";
    if (cap < sizeof head + sizeof cut)
        return false;
    out[0] = 0;
    for (size_t i = 0; i < n; i++)
        if ((p[i] < 0x20 || p[i] > 0x7e) && p[i] != '\r' && p[i] != '\n' && p[i] != '\t')
            return false;
    size_t used = sizeof head - 1;
    memcpy(out, head, used);
    size_t room = cap - sizeof cut; /* always leaves space for the cut mark */
    size_t i = 0;
    for (; i < n; i++) {
        char esc = p[i] == '\r' ? 'r' : p[i] == '\n' ? 'n' : p[i] == '\t' ? 't' : p[i] == '\\' ? '\\'
                 : p[i] == '"' ? '"' : 0;
        size_t need = esc ? 2 : 1;
        if (used + need > room)
            break;
        if (esc) {
            out[used++] = '\\';
            out[used++] = esc;
        } else {
            out[used++] = (char)p[i];
        }
    }
    const char *end = i < n ? cut : tail;
    memcpy(out + used, end, strlen(end) + 1);
    return true;
}
