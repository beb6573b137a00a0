/* cache.h - a small in-memory cache of rendered GET responses (the question
 * bank listing), so the common read is answered on the loop thread in
 * microseconds instead of a worker round trip and two SQL queries.
 *
 * Entries are keyed by a caller-built string and stamped with the store's
 * question generation; a write to the bank bumps the generation and so
 * invalidates every entry at once. A TTL bounds staleness when several
 * instances share one database. Thread-safe (one mutex; lookups copy out). */
#ifndef CANDOR_API_CACHE_H
#define CANDOR_API_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include "base/buf.h"

#define API_CACHE_ENTRIES 256
#define API_CACHE_KEY_MAX 512
#define API_CACHE_BODY_MAX (256 * 1024)
#define API_CACHE_TTL_NS (10LL * 1000000000LL)

/* Appends the cached body to out and returns true on a fresh hit. */
bool api_cache_get(const char *key, long long generation, cd_buf *out);
void api_cache_put(const char *key, long long generation, const char *body, size_t len);
void api_cache_clear(void);

#endif
