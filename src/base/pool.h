/* pool.h - fixed worker pool with a bounded FIFO queue.
 *
 * The HTTP loop thread submits jobs (anything that may take over a
 * millisecond: hashing, database writes, parsing, inference); a worker runs
 * `fn(arg)` and then `done(arg)` on the same worker thread. `done` typically
 * pushes the result to an outbox and calls lws_cancel_service() to wake the
 * loop. cd_pool_submit is thread-safe and never blocks: it fails when the
 * queue is full (the caller answers 503), which bounds memory under overload.
 *
 * Ownership: the pool owns no job data; `arg` belongs to the submitter until
 * `done` runs. cd_pool_destroy() drains queued jobs (runs them) then joins. */
#ifndef CANDOR_BASE_POOL_H
#define CANDOR_BASE_POOL_H

#include <stddef.h>

typedef struct cd_pool cd_pool;
typedef void (*cd_job_fn)(void *arg);

cd_pool *cd_pool_create(int threads, size_t queue_cap);
/* Returns 0 on success, -1 when the queue is full or the pool is stopping. */
int cd_pool_submit(cd_pool *p, cd_job_fn fn, void *arg);
size_t cd_pool_queue_depth(cd_pool *p);
int cd_pool_threads(cd_pool *p);
void cd_pool_destroy(cd_pool *p);

#endif
