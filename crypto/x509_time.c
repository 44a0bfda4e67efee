/* Dates for certificates, in UTC, without the C library's time-zone machinery. */
#include <stdio.h>
#include <string.h>

#include "crypto/x509.h"
#include "base/fmt.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (the era-based method:
 * 400-year eras of 146097 days, years counted from March so Feb 29 falls last). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int64_t y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

bool x509_civil_to_time(int64_t y, int mo, int d, int h, int mi, int s, int64_t *out)
{
    if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h < 0 ||
        h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59)
        return false;
    *out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    return true;
}

bool x509_parse_date(const char *ymd, int64_t *out)
{
    int y, m, d, n = 0;
    if (!ymd || strlen(ymd) != 10 || sscanf(ymd, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
        return false;
    for (int i = 0; i < 10; i++)
        if ((i == 4 || i == 7) ? ymd[i] != '-' : (ymd[i] < '0' || ymd[i] > '9'))
            return false;
    return x509_civil_to_time(y, m, d, 0, 0, 0, out);
}

void x509_format_time(int64_t t, char *buf, size_t n)
{
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400;
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    unsigned hh = (unsigned)(secs / 3600), mm = (unsigned)(secs / 60 % 60), ss = (unsigned)(secs % 60);
    if (y >= 0 && y <= 9999) /* every date a certificate can hold: the fast path */
        fmt(buf, n, "%04u-%02u-%02u %02u:%02u:%02u UTC", (unsigned)y, (unsigned)m, (unsigned)d,
            hh, mm, ss);
    else
        snprintf(buf, n, "%04lld-%02d-%02d %02u:%02u:%02u UTC", (long long)y, m, d, hh, mm, ss);
}
