/* ratelimit.h - token buckets keyed by string (client IP, account e-mail).
 *
 * Each key has a bucket of `burst` tokens refilled at `per_second`. Memory is
 * bounded by max_keys: when full, the least recently used key is forgotten
 * (a forgotten bucket restarts full, so the bound trades a little leniency for
 * an attacker rotating more than max_keys keys, never a refusal of new users).
 * Time is passed in by the caller (monotonic seconds) so tests control it.
 *
 * Thread-safe: one mutex per limiter. The limiter owns copies of its keys;
 * free it with cd_ratelimit_free() once no thread uses it. */
#ifndef CANDOR_AUTH_RATELIMIT_H
#define CANDOR_AUTH_RATELIMIT_H

#include <stdbool.h>
#include <stddef.h>

#define CD_RATELIMIT_KEY_MAX 256 /* longer keys are stored as their hash */

typedef struct cd_ratelimit cd_ratelimit;

/* NULL when per_second <= 0, burst < 1, max_keys == 0 or out of memory. */
cd_ratelimit *cd_ratelimit_new(double per_second, double burst, size_t max_keys);
/* true if allowed (consumes one token); else *retry_after_s (may be NULL) is
 * set to the seconds until one token is available. */
bool cd_ratelimit_take(cd_ratelimit *rl, const char *key, double now_s, double *retry_after_s);
/* Forgets a key, e.g. after a successful login resets the per-account count. */
void cd_ratelimit_reset(cd_ratelimit *rl, const char *key);
size_t cd_ratelimit_size(cd_ratelimit *rl); /* keys currently tracked */
void cd_ratelimit_free(cd_ratelimit *rl);

#endif
