/* internal.h - shared between the files of src/http only. */
#ifndef CANDOR_HTTP_INTERNAL_H
#define CANDOR_HTTP_INTERNAL_H

#include <libwebsockets.h>
#include <pthread.h>
#include <stdatomic.h>
#include "http/http.h"

#define METRIC_BUCKETS 12
/* Route slots beyond the table: static files and unmatched requests. */
#define METRIC_EXTRA 2

typedef struct route_metrics {
    unsigned long long by_class[6]; /* index status/100 (1xx..5xx) */
    unsigned long long buckets[METRIC_BUCKETS + 1];
    unsigned long long count;
    double sum_s;
} route_metrics;

typedef struct http_job http_job;

struct cd_http_server {
    cd_http_config cfg;
    char web_dir_real[4096];
    const cd_http_route *routes;
    size_t nroutes;
    void *app;
    cd_pool *pool;
    struct lws_context *ctx;
    struct lws_protocols protocols[2];
    struct lws_http_mount mount;
    atomic_int stopping;
    int port;
    /* outbox: finished jobs from workers, drained on the loop thread */
    pthread_mutex_t outbox_mu;
    http_job *outbox;
    /* jobs whose handler wrote to a stream since the loop last looked
     * (guarded by outbox_mu, like each job's stream buffer) */
    http_job *stream_wake;
    /* loop-thread-only state */
    route_metrics *metrics; /* nroutes + METRIC_EXTRA */
    unsigned long long in_flight;
};

/* router.c */
/* Returns the route index or -1; *path_matched tells whether some route had
 * that path with another method (-> 405). */
int router_match(const cd_http_server *s, const char *method, const char *path,
                 cd_http_request *req, bool *path_matched);

/* metrics.c */
void metrics_observe(cd_http_server *s, int slot, int status, double seconds);

/* static.c */
/* Serves a file below web_dir (SPA fallback to index.html). Returns the
 * lws callback result. */
int static_serve(cd_http_server *s, struct lws *wsi, const char *path);
extern const char cd_http_security_headers[];
/* Writes a plain status page and completes the transaction (keep-alive). */
int http_reply_status(struct lws *wsi, unsigned status, const char *msg);

#endif
