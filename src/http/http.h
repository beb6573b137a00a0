/* http.h - Candor's HTTP server: one libwebsockets event-loop thread plus the
 * worker pool.
 *
 * Threads: everything in this module except route handlers runs on the loop
 * thread. A route's handler runs on a pool worker (or, for routes marked
 * CD_ROUTE_INLINE, on the loop thread: only for handlers that do no I/O and
 * finish in microseconds). Handlers receive a read-only request and fill a
 * response; they must not touch libwebsockets. The worker hands the finished
 * response back through an outbox and wakes the loop with
 * lws_cancel_service(), the only thread-safe lws call.
 *
 * Ownership: the server owns requests and responses; handlers own nothing
 * they did not allocate themselves. */
#ifndef CANDOR_HTTP_H
#define CANDOR_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "base/buf.h"
#include "base/err.h"
#include "base/pool.h"

#define CD_HTTP_MAX_PATH 1024
#define CD_HTTP_MAX_QUERY_ARGS 32
#define CD_HTTP_MAX_QUERY_BYTES 4096
#define CD_HTTP_MAX_PARAMS 4
#define CD_HTTP_MAX_AUTH 4096
/* An over-limit body up to this size is drained before the 413 is sent. */
#define CD_HTTP_DRAIN_MAX (64 * 1024 * 1024)

typedef struct cd_http_request {
    char method[8];
    char path[CD_HTTP_MAX_PATH];
    char client_ip[64];
    char authorization[CD_HTTP_MAX_AUTH];
    char content_type[128];
    char accept[128]; /* the Accept header, cut to 127 bytes */
    /* decoded query arguments, "name=value" each, NUL-separated */
    char query[CD_HTTP_MAX_QUERY_BYTES];
    int nquery;
    const char *query_args[CD_HTTP_MAX_QUERY_ARGS];
    /* path parameters captured by "{name}" segments, in order */
    char params[CD_HTTP_MAX_PARAMS][128];
    int nparams;
    cd_buf body;
    const void *route_data; /* the matched route's data pointer */
    bool on_loop;           /* handler is running on the loop thread (try-inline) */
    const char *route_name; /* the matched route's pattern */
} cd_http_request;

typedef struct cd_http_response {
    int status;
    const char *content_type; /* static string; default application/json */
    cd_buf body;
    char headers[512]; /* extra "name: value\r\n" lines (e.g. Retry-After) */
    bool streaming;    /* cd_http_stream_begin() was called */
} cd_http_response;

typedef void (*cd_http_handler)(const cd_http_request *req, cd_http_response *resp, void *app);

/* CD_ROUTE_INLINE: the handler always runs on the loop thread.
 * CD_ROUTE_TRY_INLINE: the handler is first called on the loop thread with
 * req->on_loop set; if it can answer from memory in microseconds (a cache
 * hit) it sets resp->status, otherwise it leaves status 0 and is called again
 * on a worker.
 * CD_ROUTE_UPLOAD: the body may be up to cfg.max_upload bytes (file uploads)
 * instead of cfg.max_body.
 * CD_ROUTE_WAITS: the handler mostly waits on the network (a model call, a
 * URL fetch), so it runs on cfg.wait_pool, where many threads may block
 * without starving the CPU-bound pool. */
enum { CD_ROUTE_INLINE = 1, CD_ROUTE_TRY_INLINE = 2, CD_ROUTE_UPLOAD = 4, CD_ROUTE_WAITS = 8 };

typedef struct cd_http_route {
    const char *method;  /* "GET", "POST", ... */
    const char *pattern; /* "/api/questions/{id}" */
    cd_http_handler handler;
    int flags;
    const void *data; /* passed through as req->route_data */
} cd_http_route;

typedef struct cd_http_config {
    const char *bind_addr; /* NULL = all interfaces */
    int port;
    const char *web_dir; /* static files (SPA); NULL = none */
    size_t max_body;     /* bytes; larger bodies get 413 */
    size_t max_upload;   /* bytes, for CD_ROUTE_UPLOAD routes; 0 = max_body */
    cd_pool *wait_pool;  /* for CD_ROUTE_WAITS routes; NULL = the main pool */
    int keepalive_timeout_s;
    bool access_log; /* one JSON log line per API request */
} cd_http_config;

typedef struct cd_http_server cd_http_server;

/* Routes must outlive the server. `app` is passed to every handler. */
cd_http_server *cd_http_server_new(const cd_http_config *cfg, const cd_http_route *routes,
                                   size_t nroutes, void *app, cd_pool *pool, cd_err *err);
/* Runs the loop until cd_http_server_stop(). Returns 0 on clean stop. */
int cd_http_server_run(cd_http_server *s);
/* Safe from any thread and from signal handlers. */
void cd_http_server_stop(cd_http_server *s);
void cd_http_server_free(cd_http_server *s);
/* The bound port (useful with port 0). */
int cd_http_server_port(const cd_http_server *s);

/* Prometheus text exposition of request counts, latency histograms per
 * route, and pool queue depth. Loop thread only (inline handlers). */
void cd_http_metrics_render(cd_http_server *s, cd_buf *out);
cd_http_server *cd_http_server_of(void *app); /* set by the app (see api) */

/* ---- helpers for handlers (any thread) ---- */
/* Value of query argument `name` or NULL. */
const char *cd_http_query(const cd_http_request *req, const char *name);
/* Streaming (Server-Sent Events): a handler running on a worker may call
 * cd_http_stream_begin() once; from then on each cd_http_stream_write() is
 * sent to the client as soon as the loop thread gets to it, while the
 * handler keeps running. Whatever is in resp->body when the handler returns
 * is sent last, then the connection closes (no Content-Length is known in
 * advance). resp->status after begin is ignored. Not for inline handlers.
 * Both return 0, or -1 when out of memory. */
int cd_http_stream_begin(cd_http_response *resp, int status, const char *content_type);
int cd_http_stream_write(cd_http_response *resp, const void *data, size_t len);

/* Sets status and a JSON body (steals the reference to v). */
void cd_http_json(cd_http_response *resp, int status, json_t *v);
/* { "error": { "code", "message", "field"? } } with the status for err->code. */
void cd_http_error(cd_http_response *resp, const cd_err *err);
void cd_http_errorf(cd_http_response *resp, cd_errcode code, const char *field, const char *fmt,
                    ...) __attribute__((format(printf, 4, 5)));

#endif
