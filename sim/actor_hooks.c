/* The actor's side of its hook table: call the hook when there is one, otherwise
 * do nothing and give the honest answer. */
#include "sim/actor_hooks.h"

#include "sim/actor.h"

bool actor_hook_skip(actor *a, fault_point p)
{
    return a->hooks.skip && a->hooks.skip(a->hooks.ctx, a, p);
}

bool actor_hook_edit(actor *a, fault_point p, uint8_t *bytes, size_t *len, size_t cap)
{
    return a->hooks.edit_bytes && a->hooks.edit_bytes(a->hooks.ctx, a, p, bytes, len, cap);
}

bool actor_hook_flip(actor *a, fault_point p, uint8_t *bytes, size_t len)
{
    return actor_hook_edit(a, p, bytes, &len, len);
}

void actor_hook_hello(actor *a, client_hello *ch)
{
    if (a->hooks.edit_hello)
        a->hooks.edit_hello(a->hooks.ctx, a, ch);
}

void actor_hook_client_chain(actor *a, certificate_msg *m)
{
    if (a->hooks.edit_client_chain)
        a->hooks.edit_client_chain(a->hooks.ctx, a, m);
}

const pki_chain *actor_hook_server_chain(actor *a)
{
    return a->hooks.server_chain ? a->hooks.server_chain(a->hooks.ctx, a) : NULL;
}

const pkey *actor_hook_signing_key(actor *a, const pkey *own)
{
    return a->hooks.signing_key ? a->hooks.signing_key(a->hooks.ctx, a, own) : own;
}

void actor_hook_on_wire(actor *a)
{
    if (a->hooks.on_wire)
        a->hooks.on_wire(a->hooks.ctx, a);
}

actor_id actor_hook_wire_sender(const actor *a)
{
    return a->hooks.wire_sender ? a->hooks.wire_sender(a->hooks.ctx, a) : a->id;
}
