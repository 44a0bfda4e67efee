/* The TLS 1.2 server actor. */
#ifndef TLSSIM_SERVER_H
#define TLSSIM_SERVER_H

#include "sim/actor.h"

void server_start(actor *a);
/* Handles bytes from the client. */
void server_receive(actor *a, const uint8_t *p, size_t n);

#endif
