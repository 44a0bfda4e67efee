/* A cmocka group fixture: the built-in demo PKI, loaded once for a test file. */
#ifndef TLSSIM_TEST_PKI_FIXTURE_H
#define TLSSIM_TEST_PKI_FIXTURE_H

#include "crypto/pki_builtin.h"

static pki p;

static int setup(void **state)
{
    (void)state;
    tls_err err;
    err_init(&err);
    return pki_load_builtin(&p, &err) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    pki_free(&p);
    return 0;
}

#endif
