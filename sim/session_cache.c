#include "sim/session_cache.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

struct session_cache {
    pthread_mutex_t lock; /* a listener may serve connections from several threads */
    tls_session *entries; /* a ring: next is where the next new entry goes */
    size_t n, next;
    ticket_keys keys;
};

session_cache *session_cache_new(rng *r)
{
    session_cache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->entries = calloc(SESSION_CACHE_SIZE, sizeof *c->entries);
    if (!c->entries || !ticket_keys_generate(&c->keys, r) || pthread_mutex_init(&c->lock, NULL) != 0) {
        free(c->entries);
        free(c);
        return NULL;
    }
    return c;
}

void session_cache_free(session_cache *c)
{
    if (!c)
        return;
    sodium_memzero(c->entries, SESSION_CACHE_SIZE * sizeof *c->entries);
    sodium_memzero(&c->keys, sizeof c->keys);
    free(c->entries);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

/* The entry holding this id, or NULL. Called with the lock held. */
static tls_session *find(session_cache *c, const uint8_t *id, size_t id_len)
{
    if (id_len == 0 || id_len > SESSION_ID_MAX)
        return NULL;
    for (size_t i = 0; i < c->n; i++)
        if (c->entries[i].valid && c->entries[i].id_len == id_len &&
            memcmp(c->entries[i].id, id, id_len) == 0)
            return &c->entries[i];
    return NULL;
}

bool session_cache_put(session_cache *c, const tls_session *s)
{
    if (!s->valid || s->id_len == 0 || s->id_len > SESSION_ID_MAX)
        return false;
    pthread_mutex_lock(&c->lock);
    tls_session *e = find(c, s->id, s->id_len);
    if (!e) {
        e = &c->entries[c->next];
        c->next = (c->next + 1) % SESSION_CACHE_SIZE;
        if (c->n < SESSION_CACHE_SIZE)
            c->n++;
    }
    *e = *s;
    e->ticket_len = 0; /* the server keeps the state, not a ticket */
    pthread_mutex_unlock(&c->lock);
    return true;
}

bool session_cache_get(session_cache *c, const uint8_t *id, size_t id_len, tls_session *out)
{
    pthread_mutex_lock(&c->lock);
    const tls_session *e = find(c, id, id_len);
    if (e)
        *out = *e;
    pthread_mutex_unlock(&c->lock);
    return e != NULL;
}

void session_cache_remove(session_cache *c, const uint8_t *id, size_t id_len)
{
    pthread_mutex_lock(&c->lock);
    tls_session *e = find(c, id, id_len);
    if (e)
        sodium_memzero(e, sizeof *e);
    pthread_mutex_unlock(&c->lock);
}

size_t session_cache_count(session_cache *c)
{
    pthread_mutex_lock(&c->lock);
    size_t k = 0;
    for (size_t i = 0; i < c->n; i++)
        k += c->entries[i].valid;
    pthread_mutex_unlock(&c->lock);
    return k;
}

const ticket_keys *session_cache_ticket_keys(const session_cache *c)
{
    return &c->keys;
}
