#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>

#include "base/alert.h"

void err_init(tls_err *e)
{
    e->alert = ALERT_NONE;
    e->msg[0] = '\0';
}

void err_set(tls_err *e, int alert, const char *fmt, ...)
{
    if (err_is_set(e))
        return;
    e->alert = alert == ALERT_NONE ? ALERT_INTERNAL_ERROR : alert;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
}

bool err_is_set(const tls_err *e)
{
    return e->alert != ALERT_NONE || e->msg[0] != '\0';
}
