/* cache.c - fixed-size response cache with least-recently-used eviction. */
#include "api/cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"

typedef struct entry {
    char key[API_CACHE_KEY_MAX];
    long long generation;
    long long stored_ns, used_ns;
    char *body;
    size_t len;
} entry;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static entry entries[API_CACHE_ENTRIES];

bool api_cache_get(const char *key, long long generation, cd_buf *out)
{
    long long now = cd_now_ns();
    bool hit = false;
    pthread_mutex_lock(&mu);
    for (int i = 0; i < API_CACHE_ENTRIES; i++) {
        entry *e = &entries[i];
        if (!e->body || strcmp(e->key, key) != 0)
            continue;
        if (e->generation == generation && now - e->stored_ns < API_CACHE_TTL_NS) {
            e->used_ns = now;
            hit = cd_buf_append(out, e->body, e->len) == 0;
        }
        break;
    }
    pthread_mutex_unlock(&mu);
    return hit;
}

void api_cache_put(const char *key, long long generation, const char *body, size_t len)
{
    if (strlen(key) >= API_CACHE_KEY_MAX || len > API_CACHE_BODY_MAX)
        return;
    char *copy = malloc(len);
    if (!copy)
        return;
    memcpy(copy, body, len);
    long long now = cd_now_ns();
    pthread_mutex_lock(&mu);
    entry *slot = NULL;
    for (int i = 0; i < API_CACHE_ENTRIES && !slot; i++)
        if (entries[i].body && strcmp(entries[i].key, key) == 0)
            slot = &entries[i];
    for (int i = 0; i < API_CACHE_ENTRIES && !slot; i++)
        if (!entries[i].body)
            slot = &entries[i];
    if (!slot) {
        slot = &entries[0];
        for (int i = 1; i < API_CACHE_ENTRIES; i++)
            if (entries[i].used_ns < slot->used_ns)
                slot = &entries[i];
    }
    free(slot->body);
    strcpy(slot->key, key);
    slot->generation = generation;
    slot->stored_ns = slot->used_ns = now;
    slot->body = copy;
    slot->len = len;
    pthread_mutex_unlock(&mu);
}

void api_cache_clear(void)
{
    pthread_mutex_lock(&mu);
    for (int i = 0; i < API_CACHE_ENTRIES; i++) {
        free(entries[i].body);
        entries[i].body = NULL;
    }
    pthread_mutex_unlock(&mu);
}
