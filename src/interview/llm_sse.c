/* llm_sse.c - incremental Server-Sent Events parser (see llm_sse.h). */
#include "interview/llm_sse.h"

#include <stdio.h>
#include <string.h>

void cd_llm_sse_init(cd_llm_sse *p, size_t max_event_bytes, cd_llm_sse_event_fn fn, void *user)
{
    memset(p, 0, sizeof *p);
    p->max_event = max_event_bytes;
    /* The line buffer needs room for "data: " plus a full event. */
    cd_buf_init(&p->line, max_event_bytes + 16);
    cd_buf_init(&p->data, max_event_bytes);
    p->fn = fn;
    p->user = user;
}

void cd_llm_sse_free(cd_llm_sse *p)
{
    cd_buf_free(&p->line);
    cd_buf_free(&p->data);
}

bool cd_llm_sse_pending(const cd_llm_sse *p)
{
    return p->line.len > 0 || p->has_data;
}

static int dispatch(cd_llm_sse *p)
{
    int rc = 0;
    if (p->has_data)
        rc = p->fn(p->user, p->event[0] ? p->event : "message", p->data.data ? p->data.data : "",
                   p->data.len);
    cd_buf_reset(&p->data);
    p->has_data = false;
    p->event[0] = 0;
    return rc;
}

/* One complete line (no terminator). */
static int take_line(cd_llm_sse *p, cd_err *err)
{
    const char *l = p->line.data ? p->line.data : "";
    size_t n = p->line.len;
    if (n == 0)
        return dispatch(p);
    if (l[0] == ':')
        return 0; /* comment, e.g. keep-alive */
    const char *colon = memchr(l, ':', n);
    size_t name_len = colon ? (size_t)(colon - l) : n;
    const char *val = colon ? colon + 1 : l + n;
    size_t val_len = (size_t)(l + n - val);
    if (val_len && val[0] == ' ') {
        val++;
        val_len--;
    }
    if (name_len == 4 && memcmp(l, "data", 4) == 0) {
        if ((p->has_data && cd_buf_append(&p->data, "\n", 1) != 0) ||
            cd_buf_append(&p->data, val, val_len) != 0)
            return cd_err_set(err, CD_ETOOBIG, "stream", "stream event over %zu bytes",
                              p->max_event);
        p->has_data = true;
    } else if (name_len == 5 && memcmp(l, "event", 5) == 0) {
        snprintf(p->event, sizeof p->event, "%.*s", (int)val_len, val);
    }
    /* id and retry are irrelevant to a single request/response stream. */
    return 0;
}

int cd_llm_sse_feed(cd_llm_sse *p, const char *bytes, size_t n, cd_err *err)
{
    if (p->stopped)
        return p->stopped;
    for (size_t i = 0; i < n; i++) {
        char c = bytes[i];
        if (c == '\n' && p->after_cr) {
            p->after_cr = false;
            continue;
        }
        p->after_cr = c == '\r';
        if (c == '\r' || c == '\n') {
            int rc = take_line(p, err);
            cd_buf_reset(&p->line);
            if (rc) {
                p->stopped = rc;
                return rc;
            }
            continue;
        }
        /* Append runs of ordinary bytes at once: byte-at-a-time safe, but
         * not byte-at-a-time slow. */
        size_t j = i;
        while (j < n && bytes[j] != '\r' && bytes[j] != '\n')
            j++;
        if (cd_buf_append(&p->line, bytes + i, j - i) != 0) {
            p->stopped =
                cd_err_set(err, CD_ETOOBIG, "stream", "stream line over %zu bytes", p->max_event);
            return p->stopped;
        }
        i = j - 1;
    }
    return 0;
}
