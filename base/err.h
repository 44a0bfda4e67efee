/* A sticky error: the first failure wins and carries the TLS alert it ends in. */
#ifndef TLSSIM_ERR_H
#define TLSSIM_ERR_H

#include <stdbool.h>

typedef struct tls_err {
    int alert;      /* enum alert, or ALERT_NONE while no error is set */
    char msg[240];  /* "ServerHello.cipher_suite: 2 bytes needed, 1 left" */
} tls_err;

void err_init(tls_err *e);
/* Records the error unless one is already set (BearSSL style: the first one sticks). */
void err_set(tls_err *e, int alert, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool err_is_set(const tls_err *e);

#endif
