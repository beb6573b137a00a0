/* metrics.c - request counters and latency histograms per route, rendered
 * in the Prometheus text format. Loop thread only: no locks needed. */
#include <stdio.h>

#include "http/internal.h"

static const double bucket_le[METRIC_BUCKETS] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                 0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

void metrics_observe(cd_http_server *s, int slot, int status, double seconds)
{
    route_metrics *m = &s->metrics[slot];
    int cls = status / 100;
    if (cls < 1 || cls > 5)
        cls = 5;
    m->by_class[cls]++;
    m->count++;
    m->sum_s += seconds;
    int b = 0;
    while (b < METRIC_BUCKETS && seconds > bucket_le[b])
        b++;
    m->buckets[b]++;
}

static const char *slot_name(const cd_http_server *s, size_t slot, const char **method)
{
    if (slot < s->nroutes) {
        *method = s->routes[slot].method;
        return s->routes[slot].pattern;
    }
    *method = "GET";
    return slot == s->nroutes ? "static" : "unmatched";
}

void cd_http_metrics_render(cd_http_server *s, cd_buf *out)
{
    size_t nslots = s->nroutes + METRIC_EXTRA;
    cd_buf_puts(out, "# HELP candor_http_requests_total HTTP requests by route and status class.\n"
                     "# TYPE candor_http_requests_total counter\n");
    for (size_t i = 0; i < nslots; i++) {
        const char *method, *name = slot_name(s, i, &method);
        for (int c = 1; c <= 5; c++)
            if (s->metrics[i].by_class[c])
                cd_buf_printf(out,
                              "candor_http_requests_total{method=\"%s\",route=\"%s\","
                              "status=\"%dxx\"} %llu\n",
                              method, name, c, s->metrics[i].by_class[c]);
    }
    cd_buf_puts(out, "# HELP candor_http_request_duration_seconds Time from request to "
                     "response written, by route.\n"
                     "# TYPE candor_http_request_duration_seconds histogram\n");
    for (size_t i = 0; i < nslots; i++) {
        const route_metrics *m = &s->metrics[i];
        if (!m->count)
            continue;
        const char *method, *name = slot_name(s, i, &method);
        unsigned long long cum = 0;
        for (int b = 0; b < METRIC_BUCKETS; b++) {
            cum += m->buckets[b];
            cd_buf_printf(out,
                          "candor_http_request_duration_seconds_bucket{method=\"%s\","
                          "route=\"%s\",le=\"%g\"} %llu\n",
                          method, name, bucket_le[b], cum);
        }
        cd_buf_printf(out,
                      "candor_http_request_duration_seconds_bucket{method=\"%s\",route=\"%s\","
                      "le=\"+Inf\"} %llu\n"
                      "candor_http_request_duration_seconds_sum{method=\"%s\",route=\"%s\"} %.6f\n"
                      "candor_http_request_duration_seconds_count{method=\"%s\",route=\"%s\"} "
                      "%llu\n",
                      method, name, m->count, method, name, m->sum_s, method, name, m->count);
    }
    cd_buf_printf(out,
                  "# HELP candor_worker_queue_depth Jobs waiting for a worker thread.\n"
                  "# TYPE candor_worker_queue_depth gauge\n"
                  "candor_worker_queue_depth %zu\n"
                  "# HELP candor_worker_threads Worker threads in the pool.\n"
                  "# TYPE candor_worker_threads gauge\n"
                  "candor_worker_threads %d\n"
                  "# HELP candor_http_in_flight Requests being handled now.\n"
                  "# TYPE candor_http_in_flight gauge\n"
                  "candor_http_in_flight %llu\n",
                  cd_pool_queue_depth(s->pool), cd_pool_threads(s->pool), s->in_flight);
}
