#include "base/pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

typedef struct job {
    cd_job_fn fn;
    void *arg;
} job;

struct cd_pool {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    job *ring;
    size_t cap, head, count;
    bool stopping;
    int nthreads;
    pthread_t *threads;
};

static void *worker_main(void *vp)
{
    cd_pool *p = vp;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (p->count == 0 && !p->stopping)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->count == 0 && p->stopping) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        job j = p->ring[p->head];
        p->head = (p->head + 1) % p->cap;
        p->count--;
        pthread_mutex_unlock(&p->mu);
        j.fn(j.arg);
    }
}

cd_pool *cd_pool_create(int threads, size_t queue_cap)
{
    if (threads < 1)
        threads = 1;
    if (queue_cap < 1)
        queue_cap = 1;
    cd_pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->ring = calloc(queue_cap, sizeof *p->ring);
    p->threads = calloc((size_t)threads, sizeof *p->threads);
    if (!p->ring || !p->threads) {
        free(p->ring);
        free(p->threads);
        free(p);
        return NULL;
    }
    p->cap = queue_cap;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    for (int i = 0; i < threads; i++) {
        if (pthread_create(&p->threads[i], NULL, worker_main, p) != 0)
            break;
        p->nthreads++;
    }
    if (p->nthreads == 0) {
        cd_pool_destroy(p);
        return NULL;
    }
    return p;
}

int cd_pool_submit(cd_pool *p, cd_job_fn fn, void *arg)
{
    pthread_mutex_lock(&p->mu);
    if (p->stopping || p->count == p->cap) {
        pthread_mutex_unlock(&p->mu);
        return -1;
    }
    p->ring[(p->head + p->count) % p->cap] = (job){fn, arg};
    p->count++;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return 0;
}

size_t cd_pool_queue_depth(cd_pool *p)
{
    pthread_mutex_lock(&p->mu);
    size_t n = p->count;
    pthread_mutex_unlock(&p->mu);
    return n;
}

int cd_pool_threads(cd_pool *p)
{
    return p->nthreads;
}

void cd_pool_destroy(cd_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->stopping = true;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p->ring);
    free(p->threads);
    free(p);
}
