/* llm.c - provider creation, configuration, and the HTTP transport shared by
 * both protocols: one curl easy handle per attempt, limits, retries with
 * backoff and jitter, Retry-After, streaming through the SSE parser, and
 * token/cost accounting. */
#include "interview/llm.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/fs.h"
#include "base/log.h"
#include "interview/llm_internal.h"
#include "interview/llm_sse.h"

#define KEY_FILE_MAX_BYTES 4096
#define ERROR_BODY_MAX_BYTES (64 * 1024)

struct cd_llm {
    cd_llm_config cfg;
    const cd_llm_protocol *proto;
    char url[600];
    char key[CD_LLM_MAX_KEY_BYTES + 1];
    pthread_mutex_t lock; /* guards totals */
    cd_llm_usage totals;
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void init_curl(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

const char *cd_llm_kind_name(cd_llm_kind kind)
{
    switch (kind) {
    case CD_LLM_OPENAI:
        return "openai";
    case CD_LLM_ANTHROPIC:
        return "anthropic";
    default:
        return "none";
    }
}

void cd_llm_config_defaults(cd_llm_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->api_key_env, sizeof cfg->api_key_env, "CANDOR_LLM_API_KEY");
    cfg->retries = -1;
    cfg->temperature = -1;
}

static int env_long(const char *name, long lo, long hi, long *out, cd_err *err)
{
    const char *v = getenv(name);
    if (!v || !*v)
        return 0;
    char *end = NULL;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || *end || x < lo || x > hi)
        return cd_err_set(err, CD_EINVAL, name, "%s must be an integer from %ld to %ld", name, lo,
                          hi);
    *out = x;
    return 0;
}

static int env_price(const char *name, double *out, cd_err *err)
{
    const char *v = getenv(name);
    if (!v || !*v)
        return 0;
    char *end = NULL;
    double x = strtod(v, &end);
    if (*end || !(x >= 0 && x < 1e6))
        return cd_err_set(err, CD_EINVAL, name, "%s must be a price in USD per million tokens",
                          name);
    *out = x;
    return 0;
}

int cd_llm_config_from_env(cd_llm_config *cfg, cd_err *err)
{
    cd_llm_config_defaults(cfg);
    /* Limits and prices first: `candor serve --llm-provider` may choose the
     * provider while these still come from the environment. */
    long retries = cfg->retries;
    if (env_long("CANDOR_LLM_TIMEOUT_MS", 100, 600000, &cfg->timeout_ms, err) ||
        env_long("CANDOR_LLM_RETRIES", 0, CD_LLM_MAX_RETRIES, &retries, err) ||
        env_price("CANDOR_LLM_PRICE_IN", &cfg->usd_per_mtok_in, err) ||
        env_price("CANDOR_LLM_PRICE_OUT", &cfg->usd_per_mtok_out, err))
        return err ? err->code : CD_EINVAL;
    cfg->retries = (int)retries;
    const char *kind = getenv("CANDOR_LLM_PROVIDER");
    if (!kind || !*kind || strcmp(kind, "none") == 0)
        return 0;
    if (strcmp(kind, "openai") == 0)
        cfg->kind = CD_LLM_OPENAI;
    else if (strcmp(kind, "anthropic") == 0)
        cfg->kind = CD_LLM_ANTHROPIC;
    else
        return cd_err_set(err, CD_EINVAL, "CANDOR_LLM_PROVIDER",
                          "CANDOR_LLM_PROVIDER must be openai, anthropic or none");
    const char *url = getenv("CANDOR_LLM_URL"), *model = getenv("CANDOR_LLM_MODEL");
    const char *file = getenv("CANDOR_LLM_API_KEY_FILE");
    if (!url || !*url)
        url = cfg->kind == CD_LLM_OPENAI ? "https://api.openai.com" : "https://api.anthropic.com";
    snprintf(cfg->base_url, sizeof cfg->base_url, "%s", url);
    snprintf(cfg->model, sizeof cfg->model, "%s", model ? model : "");
    snprintf(cfg->api_key_file, sizeof cfg->api_key_file, "%s", file ? file : "");
    return 0;
}

/* A key goes into an HTTP header: printable ASCII only, so that nothing can
 * smuggle in a second header line. */
static int check_key(const char *key, cd_err *err)
{
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        if (*p < 0x21 || *p > 0x7e)
            return cd_err_set(err, CD_EINVAL, "api_key",
                              "API key contains a space or control character");
    return 0;
}

static int load_key(cd_llm *llm, cd_err *err)
{
    const cd_llm_config *cfg = &llm->cfg;
    const char *env = cfg->api_key_env[0] ? getenv(cfg->api_key_env) : NULL;
    if (env && *env) {
        if (strlen(env) > CD_LLM_MAX_KEY_BYTES)
            return cd_err_set(err, CD_ETOOBIG, "api_key", "API key in %s is over %d bytes",
                              cfg->api_key_env, CD_LLM_MAX_KEY_BYTES);
        snprintf(llm->key, sizeof llm->key, "%s", env);
        return check_key(llm->key, err);
    }
    if (!cfg->api_key_file[0])
        return 0;
    size_t len = 0;
    cd_err fe = {0};
    char *data = cd_read_file(cfg->api_key_file, KEY_FILE_MAX_BYTES, &len, &fe);
    if (!data)
        return cd_err_set(err, fe.code, "api_key_file", "cannot read the API key file: %s", fe.msg);
    size_t start = 0, end;
    while (start < len && isspace((unsigned char)data[start]))
        start++;
    end = start;
    while (end < len && data[end] != '\n' && data[end] != '\r')
        end++;
    while (end > start && isspace((unsigned char)data[end - 1]))
        end--;
    int rc = 0;
    if (end - start > CD_LLM_MAX_KEY_BYTES)
        rc = cd_err_set(err, CD_ETOOBIG, "api_key_file", "API key in the key file is over %d bytes",
                        CD_LLM_MAX_KEY_BYTES);
    else
        snprintf(llm->key, sizeof llm->key, "%.*s", (int)(end - start), data + start);
    explicit_bzero(data, len);
    free(data);
    return rc ? rc : check_key(llm->key, err);
}

/* base + protocol path; tolerate "…/" and "…/v1" bases since users copy
 * either form from provider documentation. */
static int make_url(cd_llm *llm, cd_err *err)
{
    const char *base = llm->cfg.base_url;
    if (strncmp(base, "http://", 7) != 0 && strncmp(base, "https://", 8) != 0)
        return cd_err_set(err, CD_EINVAL, "base_url", "provider URL must start with http(s)://");
    size_t n = strlen(base);
    while (n > 0 && base[n - 1] == '/')
        n--;
    if (n >= 3 && memcmp(base + n - 3, "/v1", 3) == 0)
        n -= 3;
    int w = snprintf(llm->url, sizeof llm->url, "%.*s%s", (int)n, base, llm->proto->path);
    if (w < 0 || (size_t)w >= sizeof llm->url)
        return cd_err_set(err, CD_EINVAL, "base_url", "provider URL is too long");
    return 0;
}

cd_llm *cd_llm_create(const cd_llm_config *cfg, cd_err *err)
{
    if (!cfg || (cfg->kind != CD_LLM_OPENAI && cfg->kind != CD_LLM_ANTHROPIC)) {
        cd_err_set(err, CD_EINVAL, "kind", "provider kind must be openai or anthropic");
        return NULL;
    }
    if (!cfg->model[0]) {
        cd_err_set(err, CD_EINVAL, "model", "no model name configured");
        return NULL;
    }
    if (cfg->retries > CD_LLM_MAX_RETRIES || cfg->timeout_ms < 0 || cfg->connect_timeout_ms < 0 ||
        cfg->stall_s < 0 || cfg->backoff_ms < 0 || cfg->max_tokens < 0 ||
        cfg->usd_per_mtok_in < 0 || cfg->usd_per_mtok_out < 0) {
        cd_err_set(err, CD_EINVAL, "config", "provider limits out of range");
        return NULL;
    }
    cd_llm *llm = calloc(1, sizeof *llm);
    if (!llm) {
        cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
        return NULL;
    }
    llm->cfg = *cfg;
    llm->cfg.base_url[sizeof llm->cfg.base_url - 1] = 0;
    llm->cfg.model[sizeof llm->cfg.model - 1] = 0;
    if (llm->cfg.timeout_ms == 0)
        llm->cfg.timeout_ms = CD_LLM_DEFAULT_TIMEOUT_MS;
    if (llm->cfg.connect_timeout_ms == 0)
        llm->cfg.connect_timeout_ms = CD_LLM_DEFAULT_CONNECT_TIMEOUT_MS;
    if (llm->cfg.stall_s == 0)
        llm->cfg.stall_s = CD_LLM_DEFAULT_STALL_S;
    if (llm->cfg.retries < 0)
        llm->cfg.retries = CD_LLM_DEFAULT_RETRIES;
    if (llm->cfg.backoff_ms == 0)
        llm->cfg.backoff_ms = CD_LLM_DEFAULT_BACKOFF_MS;
    if (llm->cfg.max_tokens == 0)
        llm->cfg.max_tokens = CD_LLM_DEFAULT_MAX_TOKENS;
    llm->proto = cfg->kind == CD_LLM_OPENAI ? &cd_llm_openai_protocol : &cd_llm_anthropic_protocol;
    pthread_mutex_init(&llm->lock, NULL);
    if (make_url(llm, err) != 0 || load_key(llm, err) != 0) {
        cd_llm_free(llm);
        return NULL;
    }
    pthread_once(&curl_once, init_curl);
    return llm;
}

void cd_llm_free(cd_llm *llm)
{
    if (!llm)
        return;
    explicit_bzero(llm->key, sizeof llm->key);
    pthread_mutex_destroy(&llm->lock);
    free(llm);
}

const cd_llm_config *cd_llm_get_config(const cd_llm *llm)
{
    return llm ? &llm->cfg : NULL;
}

void cd_llm_totals(cd_llm *llm, cd_llm_usage *out)
{
    pthread_mutex_lock(&llm->lock);
    *out = llm->totals;
    pthread_mutex_unlock(&llm->lock);
}

void cd_llm_usage_add(cd_llm_usage *sum, const cd_llm_usage *add)
{
    sum->calls += add->calls;
    sum->attempts += add->attempts;
    sum->input_tokens += add->input_tokens;
    sum->output_tokens += add->output_tokens;
    sum->cost_usd += add->cost_usd;
    sum->latency_ms += add->latency_ms;
    memcpy(sum->stop_reason, add->stop_reason, sizeof sum->stop_reason);
}

/* ---- shared protocol helpers -------------------------------------------- */

int cd_llm_call_emit(cd_llm_call *call, const char *text, size_t len, cd_err *err)
{
    if (len == 0)
        return 0;
    if (cd_buf_append(&call->text, text, len) != 0)
        return cd_err_set(err, CD_ETOOBIG, "reply", "model reply is over %d bytes",
                          CD_LLM_MAX_RESPONSE_BYTES);
    if (call->on_delta) {
        call->delivered = true;
        if (call->on_delta(call->user, text, len) != 0)
            return cd_err_set(err, CD_EUNAVAILABLE, "reply", "cancelled by the caller");
    }
    return 0;
}

static void redact(char *s, const char *secret)
{
    size_t n = secret ? strlen(secret) : 0;
    if (n < 4)
        return;
    for (char *p = strstr(s, secret); p; p = strstr(p, secret))
        memset(p, '*', n);
}

void cd_llm_error_text(const char *body, size_t len, const char *secret, char *out, size_t outsz)
{
    out[0] = 0;
    json_t *root = body && len ? json_loadb(body, len, 0, NULL) : NULL;
    json_t *e = root ? json_object_get(root, "error") : NULL;
    const char *msg = json_string_value(json_object_get(e, "message"));
    if (!msg)
        msg = json_string_value(e);
    if (msg)
        snprintf(out, outsz, "%s", msg);
    else if (body && len)
        snprintf(out, outsz, "%.*s", (int)(len > 120 ? 120 : len), body);
    json_decref(root);
    /* Replace control characters so the text is one readable line. */
    for (char *p = out; *p; p++)
        if ((unsigned char)*p < 0x20)
            *p = ' ';
    redact(out, secret);
}

json_t *cd_llm_parse_json(const char *data, size_t len, const char *what, cd_err *err)
{
    json_error_t je;
    json_t *v = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    if (!v || !json_is_object(v)) {
        json_decref(v);
        cd_err_set(err, CD_EUNAVAILABLE, "reply", "provider sent a malformed %s (%s)", what,
                   v ? "not an object" : je.text);
        return NULL;
    }
    return v;
}

long long cd_llm_json_count(const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return -1;
    return json_integer_value(v);
}

int cd_llm_body_write(json_t *root, cd_buf *out, cd_err *err)
{
    char *s = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    int rc = 0;
    if (!s)
        rc = cd_err_set(err, CD_EINVAL, "messages", "messages are not valid UTF-8");
    else if (cd_buf_puts(out, s) != 0)
        rc = cd_err_set(err, CD_ETOOBIG, "messages", "request is over %d bytes",
                        CD_LLM_MAX_REQUEST_BYTES);
    free(s);
    return rc;
}

void cd_llm_take_usage(cd_llm_call *call, const json_t *u, const char *in_key, const char *out_key)
{
    long long in = cd_llm_json_count(u, in_key);
    long long out = cd_llm_json_count(u, out_key);
    if (in >= 0)
        call->usage->input_tokens = in;
    if (out >= 0)
        call->usage->output_tokens = out;
}

void cd_llm_take_stop(cd_llm_call *call, const json_t *obj, const char *key)
{
    const char *why = json_string_value(json_object_get(obj, key));
    if (why)
        snprintf(call->usage->stop_reason, sizeof call->usage->stop_reason, "%s", why);
}

int cd_llm_provider_error(cd_llm_call *call, const char *data, size_t len, cd_err *err)
{
    char msg[200];
    cd_llm_error_text(data, len, call->redact, msg, sizeof msg);
    return cd_err_set(err, CD_EUNAVAILABLE, "provider", "model provider reported an error: %s",
                      msg);
}

/* ---- one attempt --------------------------------------------------------- */

typedef struct attempt {
    cd_llm *llm;
    CURL *curl;
    cd_llm_call call;
    cd_llm_sse sse;
    bool stream;
    cd_buf body;            /* non-streamed body, or the error body */
    long retry_after_ms;    /* -1 when the server gave none */
    int stop;               /* why the write callback aborted */
    long long last_data_ns; /* when the last byte arrived */
    bool stalled;
    cd_err stop_err;
} attempt;

static int on_sse_event(void *user, const char *event, const char *data, size_t len)
{
    attempt *a = user;
    return a->llm->proto->on_event(&a->call, event, data, len, &a->stop_err);
}

static size_t on_write(char *p, size_t size, size_t nmemb, void *user)
{
    attempt *a = user;
    size_t n = size * nmemb;
    a->last_data_ns = cd_now_ns();
    if (a->stream) {
        /* The status is known once the headers are in; only a 200 carries
         * the event stream, anything else is an error body. */
        long http = 0;
        curl_easy_getinfo(a->curl, CURLINFO_RESPONSE_CODE, &http);
        if (http == 200) {
            a->stop = cd_llm_sse_feed(&a->sse, p, n, &a->stop_err);
            return a->stop ? 0 : n;
        }
    }
    if (cd_buf_append(&a->body, p, n) != 0) {
        a->stop = cd_err_set(&a->stop_err, CD_ETOOBIG, "reply", "provider reply is over %d bytes",
                             CD_LLM_MAX_RESPONSE_BYTES);
        return 0;
    }
    return n;
}

static size_t on_header(char *p, size_t size, size_t nmemb, void *user)
{
    attempt *a = user;
    size_t n = size * nmemb;
    a->last_data_ns = cd_now_ns();
    static const char name[] = "retry-after:";
    if (n > sizeof name - 1 && strncasecmp(p, name, sizeof name - 1) == 0) {
        const char *v = p + sizeof name - 1;
        while (*v == ' ' || *v == '\t')
            v++;
        if (isdigit((unsigned char)*v)) {
            long s = strtol(v, NULL, 10);
            a->retry_after_ms = s > CD_LLM_MAX_RETRY_AFTER_MS / 1000
                                    ? CD_LLM_MAX_RETRY_AFTER_MS
                                    : s * 1000; /* HTTP-dates are ignored */
        }
    }
    return n;
}

/* curl's own low-speed check averages over a window of several seconds, so
 * a stream that sent a burst and then went silent survives long past
 * stall_s; this checks the time since the last byte directly. */
static int on_progress(void *user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    attempt *a = user;
    if (cd_now_ns() - a->last_data_ns > (long long)a->llm->cfg.stall_s * 1000000000LL) {
        a->stalled = true;
        return 1;
    }
    return 0;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* Exponential backoff with "equal jitter": half the delay is fixed, half is
 * random, so that many clients hit by one outage do not retry in step. A
 * server's Retry-After is a floor. */
static long backoff_delay(const cd_llm_config *cfg, int attempt_no, long retry_after_ms,
                          unsigned *seed)
{
    long d = cfg->backoff_ms;
    for (int i = 1; i < attempt_no && d < CD_LLM_MAX_BACKOFF_MS; i++)
        d *= 2;
    if (d > CD_LLM_MAX_BACKOFF_MS)
        d = CD_LLM_MAX_BACKOFF_MS;
    d = d / 2 + (long)(rand_r(seed) % (unsigned)(d / 2 + 1));
    return retry_after_ms > d ? retry_after_ms : d;
}

static int check_messages(const cd_llm_message *m, size_t n, cd_err *err)
{
    if (!m || n == 0 || n > CD_LLM_MAX_MESSAGES)
        return cd_err_set(err, CD_EINVAL, "messages", "between 1 and %d messages are required",
                          CD_LLM_MAX_MESSAGES);
    for (size_t i = 0; i < n; i++) {
        if (!m[i].content)
            return cd_err_set(err, CD_EINVAL, "messages", "message %zu has no content", i);
        if (m[i].role != CD_LLM_SYSTEM && m[i].role != CD_LLM_USER && m[i].role != CD_LLM_ASSISTANT)
            return cd_err_set(err, CD_EINVAL, "messages", "message %zu has an unknown role", i);
    }
    return 0;
}

/* Runs one HTTP request. Returns 0 with the text in a->call.text, or an
 * error code with *retry telling whether another attempt may help. */
static int run_attempt(attempt *a, const char *req, size_t req_len, struct curl_slist *hdr,
                       bool *retry, long *http_out, cd_err *err)
{
    const cd_llm_config *cfg = &a->llm->cfg;
    *retry = false;
    CURL *c = curl_easy_init();
    if (!c)
        return cd_err_set(err, CD_EINTERNAL, NULL, "could not start an HTTP request");
    a->curl = c;
    curl_easy_setopt(c, CURLOPT_URL, a->llm->url);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, req);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req_len);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, cfg->timeout_ms);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, cfg->connect_timeout_ms);
    /* A server that sends headers and then nothing (or a trickle) is as
     * dead as one that never answers; detect it long before the total
     * timeout of a long generation. */
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, cfg->stall_s);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, a);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, a);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, a);
    a->last_data_ns = cd_now_ns();
    CURLcode cc = curl_easy_perform(c);
    long http = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &http);
    curl_easy_cleanup(c);
    a->curl = NULL;
    *http_out = http;

    if (a->stop) {
        /* Our own callbacks stopped the transfer: cap, bad stream, cancel. */
        *retry = a->call.retryable && !a->call.delivered;
        if (err)
            *err = a->stop_err;
        return a->stop;
    }
    if (cc == CURLE_OPERATION_TIMEDOUT || a->stalled) {
        *retry = !a->call.delivered;
        return cd_err_set(err, CD_ETIMEOUT, "provider",
                          "model provider did not answer in time (limit %ld ms, or no data for %ld "
                          "s)",
                          cfg->timeout_ms, cfg->stall_s);
    }
    if (cc != CURLE_OK && !(a->stream && http == 200)) {
        *retry = !a->call.delivered;
        return cd_err_set(err, CD_EUNAVAILABLE, "provider", "model provider unreachable: %s",
                          curl_easy_strerror(cc));
    }
    if (http != 200) {
        char msg[200];
        cd_llm_error_text(a->body.data, a->body.len, a->llm->key, msg, sizeof msg);
        if (http == 429) {
            *retry = true;
            return cd_err_set(err, CD_ERATE, "provider", "model provider is rate limiting: %s",
                              msg);
        }
        if (http >= 500 || http == 408) {
            *retry = true;
            return cd_err_set(err, CD_EUNAVAILABLE, "provider",
                              "model provider failed with HTTP %ld: %s", http, msg);
        }
        if (http == 401 || http == 403)
            return cd_err_set(err, CD_EAUTH, "api_key",
                              "model provider rejected the API key (HTTP %ld): %s", http, msg);
        return cd_err_set(err, CD_EINVAL, "provider",
                          "model provider refused the request (HTTP "
                          "%ld): %s",
                          http, msg);
    }
    if (a->stream) {
        /* The body ended (cleanly or not) without the end marker: the reply
         * was cut off, and text we have may be half a sentence. */
        if (!a->call.done) {
            *retry = !a->call.delivered;
            return cd_err_set(err, CD_EUNAVAILABLE, "reply",
                              "model reply stream ended before it was complete%s",
                              cc != CURLE_OK ? " (connection lost)" : "");
        }
        return 0;
    }
    return a->llm->proto->parse_reply(a->body.data ? a->body.data : "", a->body.len, &a->call, err);
}

static char *do_chat(cd_llm *llm, const cd_llm_message *msgs, size_t n, bool stream,
                     cd_llm_delta_fn on_delta, void *user, cd_llm_usage *usage_out, cd_err *err)
{
    cd_llm_usage usage = {0};
    char *result = NULL;
    if (!llm) {
        cd_err_set(err, CD_EINVAL, "provider", "no model provider configured");
        return NULL;
    }
    if (check_messages(msgs, n, err) != 0) {
        if (usage_out)
            *usage_out = usage;
        return NULL;
    }
    cd_buf req;
    cd_buf_init(&req, CD_LLM_MAX_REQUEST_BYTES);
    struct curl_slist *hdr = NULL;
    if (llm->proto->build_body(&llm->cfg, msgs, n, stream, &req, err) != 0)
        goto out;
    hdr = curl_slist_append(NULL, "Content-Type: application/json");
    /* curl would otherwise wait for "100 Continue" on larger bodies. */
    hdr = hdr ? curl_slist_append(hdr, "Expect:") : NULL;
    hdr = hdr && stream ? curl_slist_append(hdr, "Accept: text/event-stream") : hdr;
    hdr = hdr ? llm->proto->add_headers(hdr, llm->key) : NULL;
    if (!hdr) {
        cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
        goto out;
    }
    long long t0 = cd_now_ns();
    unsigned seed = (unsigned)t0 ^ (unsigned)(size_t)&usage;
    char model[160];
    cd_log_str(model, sizeof model, llm->cfg.model);
    long http = 0;
    for (int attempt_no = 0;; attempt_no++) {
        attempt a = {.llm = llm, .stream = stream, .retry_after_ms = -1};
        a.call.usage = &usage;
        a.call.on_delta = on_delta;
        a.call.user = user;
        a.call.redact = llm->key;
        cd_buf_init(&a.call.text, CD_LLM_MAX_RESPONSE_BYTES);
        cd_buf_init(&a.body, stream ? ERROR_BODY_MAX_BYTES : CD_LLM_MAX_RESPONSE_BYTES);
        cd_llm_sse_init(&a.sse, CD_LLM_MAX_SSE_EVENT_BYTES, on_sse_event, &a);
        usage.attempts++;
        usage.input_tokens = usage.output_tokens = 0;
        bool retry = false;
        int rc = run_attempt(&a, req.data, req.len, hdr, &retry, &http, err);
        if (rc == 0)
            result = cd_buf_steal(&a.call.text, NULL);
        bool again = rc != 0 && retry && attempt_no < llm->cfg.retries;
        long retry_after = a.retry_after_ms;
        cd_buf_free(&a.call.text);
        cd_buf_free(&a.body);
        cd_llm_sse_free(&a.sse);
        if (rc == 0 && !result) {
            /* An empty reply is still a reply. */
            result = strdup("");
            if (!result)
                cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
        }
        if (!again)
            break;
        long d = backoff_delay(&llm->cfg, attempt_no + 1, retry_after, &seed);
        cd_log(CD_LOG_WARN, "llm.retry",
               "\"provider\":\"%s\",\"model\":%s,\"http\":%ld,"
               "\"attempt\":%d,\"delay_ms\":%ld",
               cd_llm_kind_name(llm->cfg.kind), model, http, attempt_no + 1, d);
        sleep_ms(d);
    }
    usage.calls = 1;
    usage.latency_ms = (cd_now_ns() - t0) / 1000000;
    usage.cost_usd = (double)usage.input_tokens * llm->cfg.usd_per_mtok_in / 1e6 +
                     (double)usage.output_tokens * llm->cfg.usd_per_mtok_out / 1e6;
    cd_log(result ? CD_LOG_INFO : CD_LOG_WARN, "llm.call",
           "\"provider\":\"%s\",\"model\":%s,\"ok\":%s,\"http\":%ld,\"attempts\":%lld,"
           "\"latency_ms\":%lld,\"tokens_in\":%lld,\"tokens_out\":%lld",
           cd_llm_kind_name(llm->cfg.kind), model, result ? "true" : "false", http, usage.attempts,
           usage.latency_ms, usage.input_tokens, usage.output_tokens);
    pthread_mutex_lock(&llm->lock);
    cd_llm_usage_add(&llm->totals, &usage);
    pthread_mutex_unlock(&llm->lock);
out:
    /* The authentication header holds the key: wipe it before freeing. */
    for (struct curl_slist *h = hdr; h; h = h->next)
        explicit_bzero(h->data, strlen(h->data));
    curl_slist_free_all(hdr);
    cd_buf_free(&req);
    if (usage_out)
        *usage_out = usage;
    return result;
}

char *cd_llm_chat(cd_llm *llm, const cd_llm_message *msgs, size_t n, cd_llm_usage *usage,
                  cd_err *err)
{
    return do_chat(llm, msgs, n, false, NULL, NULL, usage, err);
}

char *cd_llm_chat_stream(cd_llm *llm, const cd_llm_message *msgs, size_t n,
                         cd_llm_delta_fn on_delta, void *user, cd_llm_usage *usage, cd_err *err)
{
    return do_chat(llm, msgs, n, true, on_delta, user, usage, err);
}
