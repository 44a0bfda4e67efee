/* The TLS 1.2 client actor. */
#ifndef TLSSIM_CLIENT_H
#define TLSSIM_CLIENT_H

#include "sim/actor.h"

/* Sends the ClientHello. */
bool client_start(actor *a);
/* Handles bytes from the server. */
void client_receive(actor *a, const uint8_t *p, size_t n);
/* True once application data went both ways. */
bool client_succeeded(const actor *a);

#endif
