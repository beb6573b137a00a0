/* llm_sse.h - incremental parser for Server-Sent Events (text/event-stream).
 *
 * Bytes are fed in pieces of any size, down to one byte at a time; complete
 * events are delivered to the callback as soon as their blank line arrives.
 * Follows the WHATWG rules the LLM providers rely on: lines end in LF, CR or
 * CRLF (a CRLF split across two feeds is handled), "field: value" with one
 * optional space removed, several data lines joined with "\n", lines starting
 * with ":" are comments, an event without data lines is not dispatched.
 *
 * Ownership: the parser owns its buffers (cd_llm_sse_free). The event name
 * and data passed to the callback are valid only during the call.
 * Not thread-safe: one parser per stream. */
#ifndef CANDOR_INTERVIEW_LLM_SSE_H
#define CANDOR_INTERVIEW_LLM_SSE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

/* event is "message" when the stream named none. Return 0 to go on, or a
 * cd_errcode to stop the parser (cd_llm_sse_feed returns it). */
typedef int (*cd_llm_sse_event_fn)(void *user, const char *event, const char *data, size_t len);

typedef struct cd_llm_sse {
    cd_buf line; /* current line, without its terminator */
    cd_buf data; /* data of the event being built */
    char event[64];
    bool has_data;
    bool after_cr; /* last byte was CR: an LF right after it ends nothing */
    size_t max_event;
    int stopped; /* sticky result once the callback or a limit stopped us */
    cd_llm_sse_event_fn fn;
    void *user;
} cd_llm_sse;

void cd_llm_sse_init(cd_llm_sse *p, size_t max_event_bytes, cd_llm_sse_event_fn fn, void *user);
/* 0, the callback's nonzero result, or CD_ETOOBIG when one line or event
 * exceeds max_event_bytes. After a nonzero result further feeds return it. */
int cd_llm_sse_feed(cd_llm_sse *p, const char *bytes, size_t n, cd_err *err);
/* True when bytes of an unfinished event are pending (the stream was cut). */
bool cd_llm_sse_pending(const cd_llm_sse *p);
void cd_llm_sse_free(cd_llm_sse *p);

#endif
