/* ratelimit.c - token buckets in a hash table with an LRU list.
 *
 * Keys come from clients (e-mail addresses), so the table is indexed with a
 * keyed hash (SipHash, random key per limiter): nobody can choose keys that
 * all land in one chain. */
#include "auth/ratelimit.h"

#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auth/jws.h"

typedef struct rl_entry {
    struct rl_entry *chain;       /* next in hash bucket */
    struct rl_entry *prev, *next; /* LRU list, most recent first */
    double tokens;
    double last_s;
    char key[]; /* NUL-terminated, at most CD_RATELIMIT_KEY_MAX */
} rl_entry;

struct cd_ratelimit {
    pthread_mutex_t lock;
    double per_second, burst;
    size_t max_keys, count;
    size_t nbuckets; /* power of two */
    rl_entry **buckets;
    rl_entry *lru_head, *lru_tail;
    unsigned char hash_key[crypto_shorthash_KEYBYTES];
};

cd_ratelimit *cd_ratelimit_new(double per_second, double burst, size_t max_keys)
{
    if (!(per_second > 0) || !(burst >= 1) || max_keys == 0 || max_keys > SIZE_MAX / 4)
        return NULL;
    if (cd_auth_sodium_init(NULL))
        return NULL;
    cd_ratelimit *rl = calloc(1, sizeof *rl);
    if (!rl)
        return NULL;
    rl->per_second = per_second;
    rl->burst = burst;
    rl->max_keys = max_keys;
    rl->nbuckets = 16;
    while (rl->nbuckets < max_keys)
        rl->nbuckets *= 2;
    rl->buckets = calloc(rl->nbuckets, sizeof *rl->buckets);
    if (!rl->buckets) {
        free(rl);
        return NULL;
    }
    randombytes_buf(rl->hash_key, sizeof rl->hash_key);
    pthread_mutex_init(&rl->lock, NULL);
    return rl;
}

/* Keys longer than the limit are replaced by "#<hex of BLAKE2b-128>" so that
 * memory per key stays bounded while distinct keys stay distinct. */
static const char *canonical_key(const char *key, char buf[CD_RATELIMIT_KEY_MAX + 1])
{
    size_t n = strnlen(key, CD_RATELIMIT_KEY_MAX + 1);
    if (n <= CD_RATELIMIT_KEY_MAX)
        return key;
    unsigned char h[16];
    crypto_generichash(h, sizeof h, (const unsigned char *)key, strlen(key), NULL, 0);
    buf[0] = '#';
    sodium_bin2hex(buf + 1, CD_RATELIMIT_KEY_MAX, h, sizeof h);
    return buf;
}

static size_t bucket_of(const cd_ratelimit *rl, const char *key)
{
    uint64_t h;
    crypto_shorthash((unsigned char *)&h, (const unsigned char *)key, strlen(key), rl->hash_key);
    return (size_t)(h & (rl->nbuckets - 1));
}

static void lru_unlink(cd_ratelimit *rl, rl_entry *e)
{
    if (e->prev)
        e->prev->next = e->next;
    else
        rl->lru_head = e->next;
    if (e->next)
        e->next->prev = e->prev;
    else
        rl->lru_tail = e->prev;
    e->prev = e->next = NULL;
}

static void lru_push_front(cd_ratelimit *rl, rl_entry *e)
{
    e->prev = NULL;
    e->next = rl->lru_head;
    if (rl->lru_head)
        rl->lru_head->prev = e;
    rl->lru_head = e;
    if (!rl->lru_tail)
        rl->lru_tail = e;
}

static rl_entry **find_slot(cd_ratelimit *rl, const char *key)
{
    rl_entry **p = &rl->buckets[bucket_of(rl, key)];
    while (*p && strcmp((*p)->key, key) != 0)
        p = &(*p)->chain;
    return p;
}

static void remove_entry(cd_ratelimit *rl, rl_entry *e)
{
    rl_entry **p = find_slot(rl, e->key);
    if (*p == e)
        *p = e->chain;
    lru_unlink(rl, e);
    rl->count--;
    free(e);
}

bool cd_ratelimit_take(cd_ratelimit *rl, const char *key, double now_s, double *retry_after_s)
{
    if (retry_after_s)
        *retry_after_s = 0;
    if (!rl)
        return true;
    char buf[CD_RATELIMIT_KEY_MAX + 1];
    key = canonical_key(key ? key : "", buf);
    bool allowed;
    pthread_mutex_lock(&rl->lock);
    rl_entry **slot = find_slot(rl, key);
    rl_entry *e = *slot;
    if (e) {
        lru_unlink(rl, e);
        /* A clock that goes backwards refills nothing. */
        if (now_s > e->last_s) {
            e->tokens += (now_s - e->last_s) * rl->per_second;
            if (e->tokens > rl->burst)
                e->tokens = rl->burst;
            e->last_s = now_s;
        }
    } else {
        if (rl->count >= rl->max_keys) {
            remove_entry(rl, rl->lru_tail);
            slot = find_slot(rl, key); /* the evicted entry may have been in our chain */
        }
        size_t klen = strlen(key);
        e = malloc(sizeof *e + klen + 1);
        if (!e) {
            /* Out of memory: let the request through rather than lock everybody out. */
            pthread_mutex_unlock(&rl->lock);
            return true;
        }
        memcpy(e->key, key, klen + 1);
        e->tokens = rl->burst;
        e->last_s = now_s;
        e->chain = NULL;
        *slot = e;
        rl->count++;
    }
    lru_push_front(rl, e);
    if (e->tokens >= 1) {
        e->tokens -= 1;
        allowed = true;
    } else {
        allowed = false;
        if (retry_after_s)
            *retry_after_s = (1 - e->tokens) / rl->per_second;
    }
    pthread_mutex_unlock(&rl->lock);
    return allowed;
}

void cd_ratelimit_reset(cd_ratelimit *rl, const char *key)
{
    if (!rl || !key)
        return;
    char buf[CD_RATELIMIT_KEY_MAX + 1];
    key = canonical_key(key, buf);
    pthread_mutex_lock(&rl->lock);
    rl_entry *e = *find_slot(rl, key);
    if (e)
        remove_entry(rl, e);
    pthread_mutex_unlock(&rl->lock);
}

size_t cd_ratelimit_size(cd_ratelimit *rl)
{
    if (!rl)
        return 0;
    pthread_mutex_lock(&rl->lock);
    size_t n = rl->count;
    pthread_mutex_unlock(&rl->lock);
    return n;
}

void cd_ratelimit_free(cd_ratelimit *rl)
{
    if (!rl)
        return;
    rl_entry *e = rl->lru_head;
    while (e) {
        rl_entry *next = e->next;
        free(e);
        e = next;
    }
    pthread_mutex_destroy(&rl->lock);
    free(rl->buckets);
    free(rl);
}
