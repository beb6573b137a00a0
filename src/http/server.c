/* server.c - the libwebsockets loop: request intake, dispatch to the worker
 * pool, and writing responses back.
 *
 * Life of a request (all on the loop thread except `handler`):
 *   LWS_CALLBACK_HTTP        -> parse method/path/query/headers, match route
 *   LWS_CALLBACK_HTTP_BODY*  -> accumulate body up to cfg.max_body
 *   dispatch                 -> cd_pool_submit(job)   [worker runs handler]
 *   worker                   -> push job to outbox, lws_cancel_service()
 *   EVENT_WAIT_CANCELLED     -> drain outbox, lws_callback_on_writable()
 *   HTTP_WRITEABLE           -> write headers + body, record metrics
 * If the client goes away while a worker holds the job, the job is marked
 * orphaned and freed when it comes back through the outbox. */
#include <malloc.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "base/log.h"
#include "http/internal.h"

struct http_job {
    cd_http_server *srv;
    struct lws *wsi;
    int slot; /* metrics slot */
    int route;
    long long start_ns;
    size_t content_length;
    bool too_big, dispatched, drained, orphan, close_after;
    /* streaming (cd_http_stream_begin): pending bytes and wake-up state are
     * guarded by srv->outbox_mu; headers_sent is loop-thread only */
    cd_buf stream_pending;
    bool wake_queued, headers_sent, final_written;
    size_t streamed_bytes;
    http_job *wake_next;
    cd_http_request req;
    cd_http_response resp;
    http_job *next;
};

typedef struct conn_state {
    http_job *job;
} conn_state;

static void job_free(http_job *j)
{
    if (!j)
        return;
    cd_buf_free(&j->req.body);
    cd_buf_free(&j->resp.body);
    cd_buf_free(&j->stream_pending);
    free(j);
}

/* ---- response helpers (any thread) ---- */

void cd_http_json(cd_http_response *resp, int status, json_t *v)
{
    resp->status = status;
    resp->content_type = "application/json";
    cd_buf_reset(&resp->body);
    if (v) {
        /* Scores are rounded to one decimal; 9 significant digits print
         * them as 9.8, not 9.8000000000000007. */
        char *s = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(9));
        if (s) {
            cd_buf_puts(&resp->body, s);
            free(s);
        }
        json_decref(v);
    }
}

void cd_http_error(cd_http_response *resp, const cd_err *err)
{
    cd_errcode code = err && err->code ? err->code : CD_EINTERNAL;
    const char *msg = err && err->msg[0] ? err->msg : "internal error";
    json_t *e = json_pack("{s:s, s:s}", "code", cd_errcode_name(code), "message", msg);
    if (err && err->field[0])
        json_object_set_new(e, "field", json_string(err->field));
    cd_http_json(resp, cd_errcode_http_status(code), json_pack("{s:o}", "error", e));
}

void cd_http_errorf(cd_http_response *resp, cd_errcode code, const char *field, const char *fmt,
                    ...)
{
    cd_err e;
    va_list ap;
    va_start(ap, fmt);
    cd_err_setv(&e, code, field, fmt, ap);
    va_end(ap);
    cd_http_error(resp, &e);
}

const char *cd_http_query(const cd_http_request *req, const char *name)
{
    size_t n = strlen(name);
    for (int i = 0; i < req->nquery; i++) {
        const char *a = req->query_args[i];
        if (strncmp(a, name, n) == 0 && a[n] == '=')
            return a + n + 1;
    }
    return NULL;
}

/* ---- worker side ---- */

static void job_run(void *arg)
{
    http_job *j = arg;
    const cd_http_route *r = &j->srv->routes[j->route];
    r->handler(&j->req, &j->resp, j->srv->app);
    pthread_mutex_lock(&j->srv->outbox_mu);
    j->next = j->srv->outbox;
    j->srv->outbox = j;
    pthread_mutex_unlock(&j->srv->outbox_mu);
    lws_cancel_service(j->srv->ctx);
}

/* ---- streaming (worker side) ---- */

static http_job *job_of(cd_http_response *resp)
{
    return (http_job *)(void *)((char *)resp - offsetof(http_job, resp));
}

/* Queues the job for a write and wakes the loop; call with outbox_mu held. */
static void stream_wake_locked(http_job *j)
{
    if (!j->wake_queued) {
        j->wake_queued = true;
        j->wake_next = j->srv->stream_wake;
        j->srv->stream_wake = j;
    }
}

int cd_http_stream_begin(cd_http_response *resp, int status, const char *content_type)
{
    http_job *j = job_of(resp);
    pthread_mutex_lock(&j->srv->outbox_mu);
    resp->streaming = true;
    resp->status = status;
    resp->content_type = content_type;
    stream_wake_locked(j); /* send the headers now */
    pthread_mutex_unlock(&j->srv->outbox_mu);
    lws_cancel_service(j->srv->ctx);
    return 0;
}

int cd_http_stream_write(cd_http_response *resp, const void *data, size_t len)
{
    http_job *j = job_of(resp);
    pthread_mutex_lock(&j->srv->outbox_mu);
    int rc = cd_buf_append(&j->stream_pending, data, len);
    if (rc == 0)
        stream_wake_locked(j);
    pthread_mutex_unlock(&j->srv->outbox_mu);
    if (rc == 0)
        lws_cancel_service(j->srv->ctx);
    return rc ? -1 : 0;
}

/* ---- loop side ---- */

static void respond_now(http_job *j)
{
    j->dispatched = j->drained = true;
    lws_callback_on_writable(j->wsi);
}

static void respond_error(http_job *j, cd_errcode code, const char *fmt, const char *arg)
{
    cd_http_errorf(&j->resp, code, NULL, fmt, arg);
    respond_now(j);
}

static void dispatch(http_job *j)
{
    cd_http_server *s = j->srv;
    if (j->too_big) {
        j->close_after = true;
        char lim[32];
        snprintf(lim, sizeof lim, "%zu", j->req.body.cap);
        respond_error(j, CD_ETOOBIG, "request body is over the %s byte limit", lim);
        return;
    }
    if (s->routes[j->route].flags & CD_ROUTE_INLINE) {
        s->routes[j->route].handler(&j->req, &j->resp, s->app);
        respond_now(j);
        return;
    }
    if (s->routes[j->route].flags & CD_ROUTE_TRY_INLINE) {
        j->req.on_loop = true;
        j->resp.status = 0;
        s->routes[j->route].handler(&j->req, &j->resp, s->app);
        j->req.on_loop = false;
        if (j->resp.status != 0) {
            respond_now(j);
            return;
        }
        j->resp.status = 200;
        j->resp.headers[0] = 0;
        cd_buf_reset(&j->resp.body);
    }
    j->dispatched = true;
    cd_pool *pool = (s->routes[j->route].flags & CD_ROUTE_WAITS) && s->cfg.wait_pool
                        ? s->cfg.wait_pool
                        : s->pool;
    if (cd_pool_submit(pool, job_run, j) != 0) {
        j->drained = true;
        cd_http_errorf(&j->resp, CD_EUNAVAILABLE, NULL, "server is overloaded, retry shortly");
        j->resp.status = 503;
        snprintf(j->resp.headers, sizeof j->resp.headers, "retry-after: 1\r\n");
        lws_callback_on_writable(j->wsi);
    }
}

static void drain_outbox(cd_http_server *s)
{
    /* Both lists in one critical section: a job's stream wake-ups are
     * queued before its outbox entry, so when a finished (maybe orphaned)
     * job is freed below no wake-up for it can still be waiting. */
    pthread_mutex_lock(&s->outbox_mu);
    http_job *j = s->outbox;
    s->outbox = NULL;
    http_job *w = s->stream_wake;
    s->stream_wake = NULL;
    for (http_job *x = w; x; x = x->wake_next)
        x->wake_queued = false;
    pthread_mutex_unlock(&s->outbox_mu);
    for (; w; w = w->wake_next)
        if (!w->orphan && w->wsi)
            lws_callback_on_writable(w->wsi);
    while (j) {
        http_job *next = j->next;
        j->drained = true;
        if (j->orphan) {
            s->in_flight--;
            job_free(j);
        } else {
            lws_callback_on_writable(j->wsi);
        }
        j = next;
    }
}

static const struct {
    enum lws_token_indexes tok;
    const char *name;
} methods[] = {
    {WSI_TOKEN_GET_URI, "GET"},         {WSI_TOKEN_POST_URI, "POST"},
    {WSI_TOKEN_PUT_URI, "PUT"},         {WSI_TOKEN_PATCH_URI, "PATCH"},
    {WSI_TOKEN_DELETE_URI, "DELETE"},   {WSI_TOKEN_HEAD_URI, "HEAD"},
    {WSI_TOKEN_OPTIONS_URI, "OPTIONS"},
};

static void copy_header(struct lws *wsi, enum lws_token_indexes tok, char *dst, size_t n)
{
    dst[0] = 0;
    int len = lws_hdr_total_length(wsi, tok);
    if (len > 0 && (size_t)len < n)
        lws_hdr_copy(wsi, dst, (int)n, tok);
}

static void read_query(struct lws *wsi, cd_http_request *req)
{
    size_t off = 0;
    for (int i = 0; i < CD_HTTP_MAX_QUERY_ARGS; i++) {
        if (off + 2 >= sizeof req->query)
            break;
        int n = lws_hdr_copy_fragment(wsi, req->query + off, (int)(sizeof req->query - off),
                                      WSI_TOKEN_HTTP_URI_ARGS, i);
        if (n <= 0)
            break;
        req->query_args[req->nquery++] = req->query + off;
        off += (size_t)n + 1;
    }
}

static bool is_api_path(const char *p)
{
    return strncmp(p, "/api/", 5) == 0 || strcmp(p, "/api") == 0 || strcmp(p, "/healthz") == 0 ||
           strcmp(p, "/metrics") == 0;
}

static int on_http(cd_http_server *s, struct lws *wsi, conn_state *cs, const char *uri)
{
    const char *method = NULL;
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (lws_hdr_total_length(wsi, methods[i].tok) > 0) {
            method = methods[i].name;
            break;
        }
    if (!uri || !method)
        return http_reply_status(wsi, 400, "Bad request");
    if (!is_api_path(uri)) {
        if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
            return http_reply_status(wsi, 405, "Method not allowed");
        long long t0 = cd_now_ns();
        int rc = static_serve(s, wsi, uri);
        metrics_observe(s, (int)s->nroutes, 200, (double)(cd_now_ns() - t0) / 1e9);
        return rc;
    }
    http_job *j = calloc(1, sizeof *j);
    if (!j)
        return -1;
    j->srv = s;
    j->wsi = wsi;
    j->start_ns = cd_now_ns();
    j->resp.status = 200;
    cd_buf_init(&j->req.body, s->cfg.max_body);
    cd_buf_init(&j->resp.body, 0);
    cs->job = j;
    s->in_flight++;
    snprintf(j->req.method, sizeof j->req.method, "%s", method);
    j->slot = (int)s->nroutes + 1;
    if (strlen(uri) >= sizeof j->req.path) {
        respond_error(j, CD_EINVAL, "request path is too long%s", "");
        return 0;
    }
    snprintf(j->req.path, sizeof j->req.path, "%s", uri);
    lws_get_peer_simple(wsi, j->req.client_ip, sizeof j->req.client_ip);
    if (lws_hdr_total_length(wsi, WSI_TOKEN_HTTP_AUTHORIZATION) >= CD_HTTP_MAX_AUTH) {
        respond_error(j, CD_EAUTH, "authorization header is too long%s", "");
        return 0;
    }
    copy_header(wsi, WSI_TOKEN_HTTP_AUTHORIZATION, j->req.authorization,
                sizeof j->req.authorization);
    copy_header(wsi, WSI_TOKEN_HTTP_CONTENT_TYPE, j->req.content_type, sizeof j->req.content_type);
    copy_header(wsi, WSI_TOKEN_HTTP_ACCEPT, j->req.accept, sizeof j->req.accept);
    read_query(wsi, &j->req);

    bool path_matched;
    j->route = router_match(s, method, j->req.path, &j->req, &path_matched);
    if (j->route < 0) {
        if (path_matched)
            respond_error(j, CD_EMETHOD, "method %s is not allowed on this path", method);
        else
            respond_error(j, CD_ENOTFOUND, "no route for %s", j->req.path);
        return 0;
    }
    j->slot = j->route;
    if (s->routes[j->route].flags & CD_ROUTE_UPLOAD)
        j->req.body.cap = s->cfg.max_upload > s->cfg.max_body ? s->cfg.max_upload : s->cfg.max_body;

    char cl[32];
    copy_header(wsi, WSI_TOKEN_HTTP_CONTENT_LENGTH, cl, sizeof cl);
    bool has_body = cl[0] && strcmp(cl, "0") != 0;
    if (!has_body && lws_hdr_total_length(wsi, WSI_TOKEN_HTTP_TRANSFER_ENCODING) > 0)
        has_body = true;
    if (has_body) {
        j->content_length = (size_t)strtoull(cl, NULL, 10);
        if (j->content_length > j->req.body.cap) {
            j->too_big = true;
            /* A client still sending its body may not read a reply until it
             * has finished (browsers and fetch report a reset instead of the
             * 413), so a body of moderate size is read and discarded first;
             * only absurd ones are answered at once. */
            if (j->content_length > CD_HTTP_DRAIN_MAX)
                dispatch(j);
        }
        return 0; /* wait for LWS_CALLBACK_HTTP_BODY_COMPLETION */
    }
    dispatch(j);
    return 0;
}

/* Status line and headers into [*pp, end). content_length < 0: none (the
 * body ends when the connection closes: streams). Returns nonzero on
 * overflow. */
static int add_headers(struct lws *wsi, http_job *j, long long content_length, unsigned char **pp,
                       unsigned char *end)
{
    cd_http_response *r = &j->resp;
    unsigned char *p = *pp;
    char len[24];
    int n = snprintf(len, sizeof len, "%lld", content_length < 0 ? 0 : content_length);
    const char *ctype = r->content_type ? r->content_type : "application/json";
    int fail =
        lws_add_http_header_status(wsi, (unsigned)r->status, &p, end) ||
        lws_add_http_header_by_token(wsi, WSI_TOKEN_HTTP_CONTENT_TYPE, (const unsigned char *)ctype,
                                     (int)strlen(ctype), &p, end) ||
        (content_length >= 0 &&
         lws_add_http_header_by_token(wsi, WSI_TOKEN_HTTP_CONTENT_LENGTH,
                                      (const unsigned char *)len, n, &p, end)) ||
        lws_add_http_header_by_token(wsi, WSI_TOKEN_HTTP_CACHE_CONTROL,
                                     (const unsigned char *)"no-store", 8, &p, end);
    /* security headers and handler extras, "name: value\r\n" lines */
    const char *lists[2] = {cd_http_security_headers, r->headers};
    for (int li = 0; li < 2 && !fail; li++) {
        for (const char *l = lists[li]; *l && !fail;) {
            const char *colon = strchr(l, ':'), *eol = strstr(l, "\r\n");
            if (!colon || !eol || colon > eol)
                break;
            char name[64];
            size_t nl = (size_t)(colon - l) + 1;
            if (nl >= sizeof name)
                break;
            memcpy(name, l, nl);
            name[nl] = 0;
            const char *v = colon + 1;
            while (*v == ' ')
                v++;
            fail = lws_add_http_header_by_name(wsi, (const unsigned char *)name,
                                               (const unsigned char *)v, (int)(eol - v), &p, end);
            l = eol + 2;
        }
    }
    if (!fail && (j->close_after || content_length < 0))
        fail = lws_add_http_header_by_token(wsi, WSI_TOKEN_CONNECTION,
                                            (const unsigned char *)"close", 5, &p, end);
    if (fail || lws_finalize_http_header(wsi, &p, end))
        return -1;
    *pp = p;
    return 0;
}

static void log_response(cd_http_server *s, http_job *j, size_t blen)
{
    cd_http_response *r = &j->resp;
    double secs = (double)(cd_now_ns() - j->start_ns) / 1e9;
    metrics_observe(s, j->slot, r->status, secs);
    if (s->cfg.access_log) {
        char path[300];
        cd_log(CD_LOG_INFO, "http.request",
               "\"method\":\"%s\",\"path\":%s,\"route\":\"%s\",\"status\":%d,\"ms\":%.3f,"
               "\"bytes\":%zu",
               j->req.method, cd_log_str(path, sizeof path, j->req.path),
               j->req.route_name ? j->req.route_name : "-", r->status, secs * 1e3, blen);
    }
    if (r->status >= 500) {
        char path[300];
        cd_log(CD_LOG_WARN, "http.server_error", "\"method\":\"%s\",\"path\":%s,\"status\":%d",
               j->req.method, cd_log_str(path, sizeof path, j->req.path), r->status);
    }
}

static int write_response(cd_http_server *s, struct lws *wsi, http_job *j)
{
    cd_http_response *r = &j->resp;
    size_t blen = r->body.len;
    size_t hcap = 2048 + strlen(r->headers);
    unsigned char *buf = malloc(LWS_PRE + hcap + blen);
    if (!buf)
        return -1;
    unsigned char *start = buf + LWS_PRE, *p = start, *end = start + hcap;
    if (add_headers(wsi, j, (long long)blen, &p, end)) {
        free(buf);
        return -1;
    }
    /* Headers and body go out in one write: for HTTP/1.1 they are one byte
     * stream, and lws buffers whatever the socket does not take now. */
    bool head = strcmp(j->req.method, "HEAD") == 0;
    if (blen && !head) {
        memcpy(p, r->body.data, blen);
        p += blen;
    }
    int w = lws_write(wsi, start, (size_t)(p - start), LWS_WRITE_HTTP_HEADERS);
    free(buf);
    log_response(s, j, blen);
    return w < 0 ? -1 : 0;
}

/* One write of a streamed response: the headers the first time, whatever
 * the handler streamed since, and, once the handler has returned, its final
 * body. *done when everything has left (the caller then closes). */
static int write_stream(cd_http_server *s, struct lws *wsi, http_job *j, bool *done)
{
    *done = false;
    if (j->final_written) {
        if (lws_partial_buffered(wsi)) {
            lws_callback_on_writable(wsi);
            return 0;
        }
        *done = true;
        return 0;
    }
    /* drained is read before taking the pending bytes: once the handler has
     * returned it writes nothing more, so this take gets the rest. */
    bool last = j->drained;
    pthread_mutex_lock(&s->outbox_mu);
    cd_buf chunk = j->stream_pending;
    cd_buf_init(&j->stream_pending, 0);
    pthread_mutex_unlock(&s->outbox_mu);
    cd_http_response *r = &j->resp;
    size_t blen = chunk.len + (last ? r->body.len : 0);
    size_t hcap = j->headers_sent ? 0 : 2048 + strlen(r->headers);
    if (!blen && j->headers_sent && !last) {
        cd_buf_free(&chunk);
        return 0;
    }
    unsigned char *buf = malloc(LWS_PRE + hcap + blen + 1);
    if (!buf) {
        cd_buf_free(&chunk);
        return -1;
    }
    unsigned char *start = buf + LWS_PRE, *p = start;
    bool with_headers = !j->headers_sent;
    if (with_headers && add_headers(wsi, j, -1, &p, start + hcap)) {
        free(buf);
        cd_buf_free(&chunk);
        return -1;
    }
    j->headers_sent = true;
    if (chunk.len)
        memcpy(p, chunk.data, chunk.len), p += chunk.len;
    if (last && r->body.len)
        memcpy(p, r->body.data, r->body.len), p += r->body.len;
    j->streamed_bytes += blen;
    cd_buf_free(&chunk);
    int w = p > start ? lws_write(wsi, start, (size_t)(p - start),
                                  with_headers ? LWS_WRITE_HTTP_HEADERS : LWS_WRITE_HTTP)
                      : 0;
    free(buf);
    if (w < 0)
        return -1;
    if (last) {
        j->final_written = true;
        log_response(s, j, j->streamed_bytes);
    }
    /* Come back: to flush and close after the last part, or for more. */
    if (last)
        lws_callback_on_writable(wsi);
    return 0;
}

static int callback_http(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                         size_t len)
{
    struct lws_context *ctx = lws_get_context(wsi);
    cd_http_server *s = ctx ? lws_context_user(ctx) : NULL;
    conn_state *cs = user;

    switch (reason) {
    case LWS_CALLBACK_HTTP:
        return on_http(s, wsi, cs, in);

    case LWS_CALLBACK_HTTP_BODY:
        if (cs && cs->job && !cs->job->too_big && cd_buf_append(&cs->job->req.body, in, len) != 0)
            cs->job->too_big = true;
        return 0;

    case LWS_CALLBACK_HTTP_BODY_COMPLETION:
        if (cs && cs->job && !cs->job->dispatched)
            dispatch(cs->job);
        return 0;

    case LWS_CALLBACK_HTTP_WRITEABLE: {
        http_job *j = cs ? cs->job : NULL;
        if (j && j->resp.streaming) {
            bool done;
            if (write_stream(s, wsi, j, &done) < 0)
                return -1; /* CLOSED_HTTP orphans the job if a worker has it */
            if (!done)
                return 0;
            cs->job = NULL;
            s->in_flight--;
            job_free(j);
            return -1; /* the body of a stream ends with the connection */
        }
        if (!j || !j->drained)
            return 0;
        int rc = write_response(s, wsi, j);
        bool close_after = j->close_after;
        cs->job = NULL;
        s->in_flight--;
        job_free(j);
        if (rc < 0 || close_after)
            return -1;
        return lws_http_transaction_completed(wsi) ? -1 : 0;
    }

    case LWS_CALLBACK_HTTP_FILE_COMPLETION:
        return lws_http_transaction_completed(wsi) ? -1 : 0;

    case LWS_CALLBACK_CLOSED_HTTP:
        if (cs && cs->job) {
            http_job *j = cs->job;
            cs->job = NULL;
            if (j->dispatched && !j->drained) {
                j->orphan = true; /* a worker has it; freed when drained */
                j->wsi = NULL;
            } else {
                s->in_flight--;
                job_free(j);
            }
        }
        return 0;

    case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
        if (s)
            drain_outbox(s);
        return 0;

    default:
        break;
    }
    return lws_callback_http_dummy(wsi, reason, user, in, len);
}

static void lws_log_bridge(int level, const char *line)
{
    char msg[600];
    size_t n = strlen(line);
    char trimmed[512];
    snprintf(trimmed, sizeof trimmed, "%.*s", (int)(n && line[n - 1] == '\n' ? n - 1 : n), line);
    cd_log(level == LLL_ERR ? CD_LOG_ERROR : CD_LOG_WARN, "lws", "\"msg\":%s",
           cd_log_str(msg, sizeof msg, trimmed));
}

cd_http_server *cd_http_server_new(const cd_http_config *cfg, const cd_http_route *routes,
                                   size_t nroutes, void *app, cd_pool *pool, cd_err *err)
{
    cd_http_server *s = calloc(1, sizeof *s);
    if (!s) {
        cd_err_set(err, CD_EINTERNAL, "", "out of memory");
        return NULL;
    }
    s->cfg = *cfg;
    s->routes = routes;
    s->nroutes = nroutes;
    s->app = app;
    s->pool = pool;
    s->metrics = calloc(nroutes + METRIC_EXTRA, sizeof *s->metrics);
    pthread_mutex_init(&s->outbox_mu, NULL);
    if (cfg->web_dir && !realpath(cfg->web_dir, s->web_dir_real))
        s->web_dir_real[0] = 0;

    /* Every request allocates and frees a job and a response buffer of a few
     * KiB; without this glibc keeps returning the heap top to the kernel and
     * page-faulting it back (measured: ~4% of a listing request's time). */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    lws_set_log_level(LLL_ERR | LLL_WARN, lws_log_bridge);
    s->protocols[0] = (struct lws_protocols){
        .name = "http",
        .callback = callback_http,
        .per_session_data_size = sizeof(conn_state),
        .rx_buffer_size = 0,
    };
    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.port = cfg->port;
    info.iface = cfg->bind_addr;
    info.protocols = s->protocols;
    info.user = s;
    info.timeout_secs = cfg->keepalive_timeout_s > 0 ? (unsigned)cfg->keepalive_timeout_s : 30;
    info.options = LWS_SERVER_OPTION_VALIDATE_UTF8;
    info.max_http_header_data = 8192;
    s->ctx = lws_create_context(&info);
    if (!s->ctx) {
        cd_err_set(err, CD_EIO, "port", "cannot listen on %s:%d (in use or not permitted)",
                   cfg->bind_addr ? cfg->bind_addr : "*", cfg->port);
        free(s->metrics);
        pthread_mutex_destroy(&s->outbox_mu);
        free(s);
        return NULL;
    }
    struct lws_vhost *vh = lws_get_vhost_by_name(s->ctx, "default");
    s->port = vh ? lws_get_vhost_listen_port(vh) : cfg->port;
    return s;
}

int cd_http_server_port(const cd_http_server *s)
{
    return s->port;
}

int cd_http_server_run(cd_http_server *s)
{
    while (!atomic_load(&s->stopping))
        if (lws_service(s->ctx, 0) < 0)
            return -1;
    return 0;
}

void cd_http_server_stop(cd_http_server *s)
{
    atomic_store(&s->stopping, 1);
    lws_cancel_service(s->ctx);
}

void cd_http_server_free(cd_http_server *s)
{
    if (!s)
        return;
    lws_context_destroy(s->ctx);
    /* Jobs still in the outbox were orphaned by the connections' close. */
    http_job *j = s->outbox;
    while (j) {
        http_job *n = j->next;
        job_free(j);
        j = n;
    }
    pthread_mutex_destroy(&s->outbox_mu);
    free(s->metrics);
    free(s);
}
