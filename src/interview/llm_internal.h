/* llm_internal.h - what the transport (llm.c) and the two wire protocols
 * (llm_openai.c, llm_anthropic.c) share. Not for use outside src/interview.
 *
 * A protocol turns messages into a request body and headers, and turns a
 * reply body or a stream event into text deltas and usage numbers on a
 * cd_llm_call; the transport owns HTTP, retries, limits and accounting.
 * One cd_llm_call lives for one attempt on one thread. */
#ifndef CANDOR_INTERVIEW_LLM_INTERNAL_H
#define CANDOR_INTERVIEW_LLM_INTERNAL_H

#include <curl/curl.h>
#include <jansson.h>
#include <stdbool.h>

#include "base/buf.h"
#include "interview/llm.h"

typedef struct cd_llm_call {
    cd_buf text;         /* the reply so far */
    cd_llm_usage *usage; /* tokens and stop reason of this attempt */
    cd_llm_delta_fn on_delta;
    void *user;
    bool done;          /* the protocol's end marker arrived */
    bool delivered;     /* the caller has seen at least one delta */
    bool retryable;     /* an in-stream error the provider says is transient */
    const char *redact; /* the API key: never copied into messages */
} cd_llm_call;

typedef struct cd_llm_protocol {
    const char *path; /* appended to the base URL */
    int (*build_body)(const cd_llm_config *cfg, const cd_llm_message *m, size_t n, bool stream,
                      cd_buf *out, cd_err *err);
    /* Adds authentication and version headers; NULL on allocation failure. */
    struct curl_slist *(*add_headers)(struct curl_slist *h, const char *key);
    /* Whole (non-streamed) reply body of an HTTP 200. */
    int (*parse_reply)(const char *body, size_t len, cd_llm_call *call, cd_err *err);
    /* One SSE event of a streamed HTTP 200. */
    int (*on_event)(cd_llm_call *call, const char *event, const char *data, size_t len,
                    cd_err *err);
} cd_llm_protocol;

extern const cd_llm_protocol cd_llm_openai_protocol;
extern const cd_llm_protocol cd_llm_anthropic_protocol;

/* Appends reply text and hands it to the caller's delta callback.
 * CD_ETOOBIG over the response cap, CD_EUNAVAILABLE when cancelled. */
int cd_llm_call_emit(cd_llm_call *call, const char *text, size_t len, cd_err *err);
/* Copies the provider's {"error":{"message":...}} text (or a short excerpt
 * of the body) into out, with any occurrence of `redact` masked. */
void cd_llm_error_text(const char *body, size_t len, const char *redact, char *out, size_t outsz);
/* Parses a JSON object from a reply or event; CD_EUNAVAILABLE naming
 * `what` when it is not one. */
json_t *cd_llm_parse_json(const char *data, size_t len, const char *what, cd_err *err);
/* Reads a non-negative integer member; -1 when absent or not an integer. */
long long cd_llm_json_count(const json_t *obj, const char *key);
/* Serialises a finished request body into `out` and releases `root` (NULL
 * when building it failed). CD_EINVAL when the messages are not valid
 * UTF-8, CD_ETOOBIG over CD_LLM_MAX_REQUEST_BYTES. */
int cd_llm_body_write(json_t *root, cd_buf *out, cd_err *err);
/* Copies the token counts found in the usage object `u` (under the
 * protocol's own key names) onto the call; absent counts are left alone. */
void cd_llm_take_usage(cd_llm_call *call, const json_t *u, const char *in_key, const char *out_key);
/* Copies the protocol's stop/finish reason string `obj[key]`, when present. */
void cd_llm_take_stop(cd_llm_call *call, const json_t *obj, const char *key);
/* CD_EUNAVAILABLE carrying the provider's own error text (redacted). */
int cd_llm_provider_error(cd_llm_call *call, const char *data, size_t len, cd_err *err);

#endif
