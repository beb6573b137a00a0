/* llm.h - the AI interviewer's connection to a large language model.
 *
 * One small provider interface over two real wire protocols on libcurl:
 * OpenAI-compatible Chat Completions (OpenAI, llama.cpp, vLLM, Ollama...)
 * and the Anthropic Messages API. A provider is created once per deployment
 * from a cd_llm_config, then asked for plain or streamed chat replies.
 *
 * Ownership: cd_llm_create() copies the config and reads the API key (from
 * the environment or a file) into the provider; cd_llm_free() wipes the key.
 * The key is never logged and never appears in an error message (provider
 * error texts are redacted before they are copied). Replies are malloc'd
 * strings the caller free()s.
 *
 * Threads: a cd_llm is immutable after creation except for its running
 * totals, which are guarded by a mutex; any number of threads may call
 * cd_llm_chat()/cd_llm_chat_stream() on one provider at once (each call
 * uses its own curl handle). The delta callback runs on the calling thread.
 *
 * Failure policy: timeouts (total and "no bytes for N seconds"), HTTP 429
 * and 5xx, and connection errors are retried with exponential backoff plus
 * jitter, honouring Retry-After; a streamed call is retried only while no
 * delta has been handed to the caller yet (the caller has not shown any
 * words). Every other failure is returned as a cd_err. Docs: docs/llm.md. */
#ifndef CANDOR_INTERVIEW_LLM_H
#define CANDOR_INTERVIEW_LLM_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* Limits and defaults. */
#define CD_LLM_MAX_MESSAGES 64
#define CD_LLM_MAX_REQUEST_BYTES (512 * 1024)
#define CD_LLM_MAX_RESPONSE_BYTES (1024 * 1024)
#define CD_LLM_MAX_SSE_EVENT_BYTES (256 * 1024)
#define CD_LLM_MAX_KEY_BYTES 512
#define CD_LLM_MAX_RETRIES 8
#define CD_LLM_DEFAULT_TIMEOUT_MS 60000
#define CD_LLM_DEFAULT_CONNECT_TIMEOUT_MS 5000
#define CD_LLM_DEFAULT_STALL_S 20 /* abort when under 1 byte/s for this long */
#define CD_LLM_DEFAULT_RETRIES 2
#define CD_LLM_DEFAULT_BACKOFF_MS 500
#define CD_LLM_MAX_BACKOFF_MS 30000
#define CD_LLM_MAX_RETRY_AFTER_MS 60000
#define CD_LLM_DEFAULT_MAX_TOKENS 1024
#define CD_LLM_ANTHROPIC_VERSION "2023-06-01"

typedef enum cd_llm_kind {
    CD_LLM_NONE = 0, /* no provider configured: everything runs offline */
    CD_LLM_OPENAI,
    CD_LLM_ANTHROPIC,
} cd_llm_kind;

typedef struct cd_llm_config {
    cd_llm_kind kind;
    char base_url[512]; /* e.g. "https://api.openai.com" or "http://127.0.0.1:8080";
                           a trailing "/" or "/v1" is accepted */
    char model[128];
    /* The key comes from the environment variable named api_key_env, else
     * from the file api_key_file (first line); both may be empty for
     * self-hosted servers that need no key. */
    char api_key_env[64];
    char api_key_file[512];
    long timeout_ms;         /* whole request, 0 = default */
    long connect_timeout_ms; /* 0 = default */
    long stall_s;            /* low-speed abort, 0 = default */
    int retries;             /* extra attempts, -1 = default, 0..CD_LLM_MAX_RETRIES */
    long backoff_ms;         /* first backoff, 0 = default; doubles each retry */
    int max_tokens;          /* 0 = default */
    double temperature;      /* < 0 = provider default */
    /* Prices in US dollars per million tokens, for cost accounting (0 = free). */
    double usd_per_mtok_in, usd_per_mtok_out;
} cd_llm_config;

/* Fills *cfg with defaults (kind CD_LLM_NONE). */
void cd_llm_config_defaults(cd_llm_config *cfg);
/* Defaults, then CANDOR_LLM_PROVIDER (openai|anthropic|none), CANDOR_LLM_URL,
 * CANDOR_LLM_MODEL, CANDOR_LLM_API_KEY_FILE, CANDOR_LLM_TIMEOUT_MS,
 * CANDOR_LLM_RETRIES, CANDOR_LLM_PRICE_IN, CANDOR_LLM_PRICE_OUT; the key
 * itself is read later from CANDOR_LLM_API_KEY by cd_llm_create(). Returns
 * 0 (kind stays CD_LLM_NONE when CANDOR_LLM_PROVIDER is unset) or CD_EINVAL
 * naming the variable at fault. */
int cd_llm_config_from_env(cd_llm_config *cfg, cd_err *err);
const char *cd_llm_kind_name(cd_llm_kind kind);

typedef enum cd_llm_role { CD_LLM_SYSTEM, CD_LLM_USER, CD_LLM_ASSISTANT } cd_llm_role;

typedef struct cd_llm_message {
    cd_llm_role role;
    const char *content; /* borrowed, UTF-8 */
} cd_llm_message;

/* Token and cost accounting of one call (or, summed, of an interview). */
typedef struct cd_llm_usage {
    long long calls;
    long long attempts; /* HTTP requests made, retries included */
    long long input_tokens, output_tokens;
    double cost_usd;
    long long latency_ms;
    char stop_reason[32]; /* provider's finish/stop reason of the last call */
} cd_llm_usage;

/* Adds the counters of `add` to *sum (for per-interview totals). */
void cd_llm_usage_add(cd_llm_usage *sum, const cd_llm_usage *add);

typedef struct cd_llm cd_llm;

/* NULL with *err set: CD_EINVAL for a bad config (unknown kind, URL not
 * http(s), no model, limits out of range), CD_ENOTFOUND/CD_EIO when the key
 * file cannot be read, CD_ETOOBIG for an oversized key. */
cd_llm *cd_llm_create(const cd_llm_config *cfg, cd_err *err);
void cd_llm_free(cd_llm *llm);
const cd_llm_config *cd_llm_get_config(const cd_llm *llm);
/* Running totals over every call made through this provider. */
void cd_llm_totals(cd_llm *llm, cd_llm_usage *out);

/* Sends the conversation and returns the reply text (malloc'd), or NULL with
 * *err: CD_EINVAL (bad messages, or the provider rejected the request),
 * CD_EAUTH (key rejected), CD_ERATE (still rate limited after the retries),
 * CD_ETIMEOUT, CD_EUNAVAILABLE (unreachable, 5xx, malformed or truncated
 * reply), CD_ETOOBIG (reply over CD_LLM_MAX_RESPONSE_BYTES). `usage` may be
 * NULL; when given it is filled even on failure (attempts, latency). */
char *cd_llm_chat(cd_llm *llm, const cd_llm_message *msgs, size_t n, cd_llm_usage *usage,
                  cd_err *err);

/* Called with each piece of reply text as it arrives (len > 0, not
 * NUL-terminated). Return 0 to continue, nonzero to cancel the call (which
 * then fails with CD_EUNAVAILABLE "cancelled"). */
typedef int (*cd_llm_delta_fn)(void *user, const char *delta, size_t len);

/* Like cd_llm_chat() but streamed (SSE); returns the whole text as well. */
char *cd_llm_chat_stream(cd_llm *llm, const cd_llm_message *msgs, size_t n,
                         cd_llm_delta_fn on_delta, void *user, cd_llm_usage *usage, cd_err *err);

#endif
