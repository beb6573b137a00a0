/* Provider tests against the scripted loopback server: both protocols,
 * plain and streamed replies, what goes on the wire, token and cost
 * accounting, and every failure a real provider produces (garbage, cut
 * streams, 429 with Retry-After, 5xx, a hang, a rejected key). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fs.h"
#include "helper_llm_server.h"
#include "interview/llm.h"

#define TEST_KEY "sk-test-SECRET-0123456789"

static llm_srv *srv;

static int setup(void **state)
{
    (void)state;
    srv = llm_srv_start();
    setenv("CANDOR_TEST_LLM_KEY", TEST_KEY, 1);
    return srv ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    llm_srv_stop(srv);
    srv = NULL;
    return 0;
}

static cd_llm *make(cd_llm_kind kind, int retries, long timeout_ms)
{
    cd_llm_config cfg;
    cd_llm_config_defaults(&cfg);
    cfg.kind = kind;
    snprintf(cfg.base_url, sizeof cfg.base_url, "%s/v1/", llm_srv_url(srv));
    snprintf(cfg.model, sizeof cfg.model, "test-model");
    snprintf(cfg.api_key_env, sizeof cfg.api_key_env, "CANDOR_TEST_LLM_KEY");
    cfg.retries = retries;
    cfg.backoff_ms = 20;
    cfg.timeout_ms = timeout_ms;
    cfg.usd_per_mtok_in = 3.0;
    cfg.usd_per_mtok_out = 15.0;
    cd_err e = {0};
    cd_llm *llm = cd_llm_create(&cfg, &e);
    if (!llm)
        fail_msg("create: %s", e.msg);
    return llm;
}

static const cd_llm_message convo[] = {
    {CD_LLM_SYSTEM, "You are a strict interviewer."},
    {CD_LLM_USER, "Ask me about B-tree indexes."},
};

typedef struct deltas {
    int n;
    char text[4096];
    int cancel_after;
} deltas;

static int on_delta(void *user, const char *d, size_t len)
{
    deltas *ds = user;
    assert_true(len > 0);
    ds->n++;
    strncat(ds->text, d, len);
    return ds->cancel_after && ds->n >= ds->cancel_after;
}

static void test_openai_chat(void **state)
{
    (void)state;
    llm_srv_reply r[] = {{.status = 200,
                          .headers = NULL,
                          .body =
                              "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                              "\"assistant\",\"content\":\"What is a B-tree?\"},\"finish_reason\":"
                              "\"stop\"}],\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":"
                              "200,\"total_tokens\":1200}}"}};
    llm_srv_script(srv, r, 1);
    cd_llm *llm = make(CD_LLM_OPENAI, 0, 5000);
    cd_llm_usage u;
    cd_err e = {0};
    char *text = cd_llm_chat(llm, convo, 2, &u, &e);
    assert_non_null(text);
    assert_string_equal(text, "What is a B-tree?");
    assert_int_equal(u.input_tokens, 1000);
    assert_int_equal(u.output_tokens, 200);
    assert_int_equal(u.attempts, 1);
    assert_string_equal(u.stop_reason, "stop");
    /* 1000 * 3 / 1e6 + 200 * 15 / 1e6 */
    assert_true(u.cost_usd > 0.005999 && u.cost_usd < 0.006001);
    char *req = llm_srv_request(srv, 0);
    assert_non_null(strstr(req, "POST /v1/chat/completions HTTP/1.1"));
    assert_non_null(strstr(req, "Authorization: Bearer " TEST_KEY));
    assert_non_null(strstr(req, "\"model\":\"test-model\""));
    assert_non_null(strstr(req, "{\"role\":\"system\",\"content\":\"You are a strict"));
    assert_non_null(strstr(req, "\"stream\":false"));
    cd_llm_usage tot;
    cd_llm_totals(llm, &tot);
    assert_int_equal(tot.calls, 1);
    assert_int_equal(tot.output_tokens, 200);
    free(req);
    free(text);
    cd_llm_free(llm);
}

static void test_anthropic_chat(void **state)
{
    (void)state;
    llm_srv_reply r[] = {{.status = 200,
                          .headers = NULL,
                          .body =
                              "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                              "\"content\":[{\"type\":\"text\",\"text\":\"Tell me \"},{\"type\":"
                              "\"text\",\"text\":\"about splits.\"}],\"stop_reason\":\"end_turn\","
                              "\"usage\":{\"input_tokens\":40,\"output_tokens\":6}}"}};
    llm_srv_script(srv, r, 1);
    cd_llm *llm = make(CD_LLM_ANTHROPIC, 0, 5000);
    cd_llm_usage u;
    cd_err e = {0};
    char *text = cd_llm_chat(llm, convo, 2, &u, &e);
    assert_non_null(text);
    assert_string_equal(text, "Tell me about splits.");
    assert_int_equal(u.input_tokens, 40);
    assert_int_equal(u.output_tokens, 6);
    assert_string_equal(u.stop_reason, "end_turn");
    char *req = llm_srv_request(srv, 0);
    assert_non_null(strstr(req, "POST /v1/messages HTTP/1.1"));
    assert_non_null(strstr(req, "x-api-key: " TEST_KEY));
    assert_non_null(strstr(req, "anthropic-version: 2023-06-01"));
    assert_null(strstr(req, "Authorization:"));
    /* The system prompt moves to the top-level field. */
    assert_non_null(strstr(req, "\"system\":\"You are a strict interviewer.\""));
    assert_null(strstr(req, "\"role\":\"system\""));
    assert_non_null(strstr(req, "\"max_tokens\":1024"));
    free(req);
    free(text);
    cd_llm_free(llm);
}

static const char openai_stream[] =
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"How do \"}}]}\n\n"
    ": keep-alive comment\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B-trees \\u00e9 split?\"}}]}\r\n\r\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
    "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5}}\n\n"
    "data: [DONE]\n\n";

static void test_openai_stream_byte_at_a_time(void **state)
{
    (void)state;
    llm_srv_reply r[] = {{.status = 200, .body = openai_stream, .stream = true, .chunk = 1}};
    llm_srv_script(srv, r, 1);
    cd_llm *llm = make(CD_LLM_OPENAI, 0, 10000);
    deltas ds = {0};
    cd_llm_usage u;
    cd_err e = {0};
    char *text = cd_llm_chat_stream(llm, convo, 2, on_delta, &ds, &u, &e);
    if (!text)
        fail_msg("%s", e.msg);
    assert_string_equal(text, "How do B-trees \xc3\xa9 split?");
    assert_string_equal(ds.text, text);
    assert_int_equal(ds.n, 2); /* the empty first delta is not passed on */
    assert_int_equal(u.input_tokens, 12);
    assert_int_equal(u.output_tokens, 5);
    char *req = llm_srv_request(srv, 0);
    assert_non_null(strstr(req, "\"stream\":true"));
    assert_non_null(strstr(req, "\"include_usage\":true"));
    free(req);
    free(text);
    cd_llm_free(llm);
}

static const char anthropic_stream[] =
    "event: message_start\n"
    "data: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":"
    "25,\"output_tokens\":1}}}\n\n"
    "event: content_block_start\n"
    "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\","
    "\"text\":\"\"}}\n\n"
    "event: ping\ndata: {\"type\": \"ping\"}\n\n"
    "event: content_block_delta\n"
    "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
    "\"text\":\"Why \"}}\n\n"
    "event: content_block_delta\n"
    "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
    "\"text\":\"a B+tree?\"}}\n\n"
    "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
    "event: message_delta\n"
    "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":"
    "{\"output_tokens\":9}}\n\n"
    "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

static void test_anthropic_stream(void **state)
{
    (void)state;
    llm_srv_reply r[] = {
        {.status = 200, .body = anthropic_stream, .stream = true, .chunk = 7, .chunk_delay_ms = 1}};
    llm_srv_script(srv, r, 1);
    cd_llm *llm = make(CD_LLM_ANTHROPIC, 0, 10000);
    deltas ds = {0};
    cd_llm_usage u;
    cd_err e = {0};
    char *text = cd_llm_chat_stream(llm, convo, 2, on_delta, &ds, &u, &e);
    if (!text)
        fail_msg("%s", e.msg);
    assert_string_equal(text, "Why a B+tree?");
    assert_int_equal(ds.n, 2);
    assert_int_equal(u.input_tokens, 25);
    assert_int_equal(u.output_tokens, 9);
    assert_string_equal(u.stop_reason, "end_turn");
    free(text);
    cd_llm_free(llm);
}

static void test_malformed_reply(void **state)
{
    (void)state;
    llm_srv_reply r[] = {{.status = 200, .headers = NULL, .body = "{\"choices\": [ {\"message\": "},
                         {.status = 200,
                          .headers = NULL,
                          .body = "{\"choices\":[{\"message\":{\"content\":null}}]}"}};
    llm_srv_script(srv, r, 2);
    cd_llm *llm = make(CD_LLM_OPENAI, 0, 5000);
    cd_err e = {0};
    assert_null(cd_llm_chat(llm, convo, 2, NULL, &e));
    assert_int_equal(e.code, CD_EUNAVAILABLE);
    assert_non_null(strstr(e.msg, "malformed reply"));
    assert_null(cd_llm_chat(llm, convo, 2, NULL, &e));
    assert_non_null(strstr(e.msg, "content"));
    assert_int_equal(llm_srv_requests(srv), 2);
    cd_llm_free(llm);
}

static void test_malformed_stream_chunk(void **state)
{
    (void)state;
    llm_srv_reply r[] = {{.status = 200,
                          .body = "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n"
                                  "data: {oops\n\ndata: [DONE]\n\n",
                          .stream = true}};
    llm_srv_script(srv, r, 1);
    cd_llm *llm = make(CD_LLM_OPENAI, 2, 5000);
    deltas ds = {0};
    cd_err e = {0};
    assert_null(cd_llm_chat_stream(llm, convo, 2, on_delta, &ds, NULL, &e));
    assert_int_equal(e.code, CD_EUNAVAILABLE);
    assert_non_null(strstr(e.msg, "malformed stream chunk"));
    /* Words were already shown: never retried behind the caller's back. */
    assert_int_equal(llm_srv_requests(srv), 1);
    cd_llm_free(llm);
}

static void test_truncated_stream(void **state)
{
    (void)state;
    /* First: cut after a delta (shown, so no retry). Second call: cut in
     * the middle of the first event (nothing shown), retried, then whole. */
    llm_srv_reply r[] = {
        {.status = 200,
         .body = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":"
                 "{\"type\":\"text_delta\",\"text\":\"Half a \"}}\n\nevent: content_block_del",
         .stream = true},
        {.status = 200,
         .body = "event: message_start\ndata: {\"type\":\"message_st",
         .stream = true},
        {.status = 200, .body = anthropic_stream, .stream = true},
    };
    llm_srv_script(srv, r, 3);
    cd_llm *llm = make(CD_LLM_ANTHROPIC, 1, 5000);
    deltas ds = {0};
    cd_err e = {0};
    cd_llm_usage u;
    assert_null(cd_llm_chat_stream(llm, convo, 2, on_delta, &ds, &u, &e));
    assert_int_equal(e.code, CD_EUNAVAILABLE);
    assert_non_null(strstr(e.msg, "ended before it was complete"));
    assert_string_equal(ds.text, "Half a ");
    assert_int_equal(u.attempts, 1);
    memset(&ds, 0, sizeof ds);
    char *text = cd_llm_chat_stream(llm, convo, 2, on_delta, &ds, &u, &e);
    assert_non_null(text);
    assert_string_equal(ds.text, "Why a B+tree?");
    assert_int_equal(u.attempts, 2);
    free(text);
    cd_llm_free(llm);
}

static void test_429_honours_retry_after(void **state)
{
    (void)state;
    llm_srv_reply r[] = {
        {.status = 429,
         .headers = "Retry-After: 1\r\n",
         .body = "{\"error\":{\"message\":\"slow down\"}}"},
        {.status = 200,
         .headers = NULL,
         .body = "{\"choices\":[{\"message\":{\"content\":\"ok\"}}]}"},
    };
    llm_srv_script(srv, r, 2);
    cd_llm *llm = make(CD_LLM_OPENAI, 2, 5000);
    cd_err e = {0};
    cd_llm_usage u;
    long long t0 = cd_now_ns();
    char *text = cd_llm_chat(llm, convo, 2, &u, &e);
    long long ms = (cd_now_ns() - t0) / 1000000;
    assert_non_null(text);
    assert_string_equal(text, "ok");
    assert_int_equal(u.attempts, 2);
    assert_true(ms >= 950); /* backoff alone is 20 ms: the header was honoured */
    free(text);
    cd_llm_free(llm);
}

static void test_5xx_retries_then_fails(void **state)
{
    (void)state;
    llm_srv_reply r[] = {
        {.status = 500, .headers = NULL, .body = "{\"error\":{\"message\":\"boom\"}}"},
        {.status = 502, .headers = NULL, .body = "<html>bad gateway</html>"},
        {.status = 503, .headers = NULL, .body = "{\"error\":{\"message\":\"overloaded\"}}"},
        {.status = 200,
         .headers = NULL,
         .body = "{\"choices\":[{\"message\":{\"content\":\"too late\"}}]}"},
    };
    llm_srv_script(srv, r, 4);
    cd_llm *llm = make(CD_LLM_OPENAI, 2, 5000);
    cd_err e = {0};
    cd_llm_usage u;
    assert_null(cd_llm_chat(llm, convo, 2, &u, &e));
    assert_int_equal(e.code, CD_EUNAVAILABLE);
    assert_non_null(strstr(e.msg, "HTTP 503"));
    assert_non_null(strstr(e.msg, "overloaded"));
    assert_int_equal(u.attempts, 3);
    assert_int_equal(llm_srv_requests(srv), 3);
    cd_llm_free(llm);
}

static void test_hang_times_out(void **state)
{
    (void)state;
    llm_srv_reply r[] = {{.hang = true}, {.hang = true}};
    llm_srv_script(srv, r, 2);
    cd_llm *llm = make(CD_LLM_ANTHROPIC, 1, 300);
    cd_err e = {0};
    cd_llm_usage u;
    long long t0 = cd_now_ns();
    assert_null(cd_llm_chat_stream(llm, convo, 2, on_delta, &(deltas){0}, &u, &e));
    long long ms = (cd_now_ns() - t0) / 1000000;
    assert_int_equal(e.code, CD_ETIMEOUT);
    assert_non_null(strstr(e.msg, "did not answer in time"));
    assert_int_equal(u.attempts, 2);
    assert_true(ms >= 600 && ms < 3000);
    cd_llm_free(llm);
}

static void test_stalled_stream_times_out(void **state)
{
    (void)state;
    /* Headers and one event, then silence for 4 s on a live connection: the
     * stall limit (1 s without a byte) ends it long before the total
     * timeout (20 s), and the words already shown are not re-asked. */
    static const char first[] = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n";
    llm_srv_reply r[] = {{.status = 200,
                          .body = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"
                                  "data: [DONE]\n\n",
                          .stream = true,
                          .chunk = sizeof first - 1,
                          .chunk_delay_ms = 4000}};
    llm_srv_script(srv, r, 1);
    cd_llm_config cfg;
    cd_llm_config_defaults(&cfg);
    cfg.kind = CD_LLM_OPENAI;
    snprintf(cfg.base_url, sizeof cfg.base_url, "%s", llm_srv_url(srv));
    snprintf(cfg.model, sizeof cfg.model, "m");
    cfg.timeout_ms = 20000;
    cfg.stall_s = 1;
    cd_err e = {0};
    cd_llm *llm = cd_llm_create(&cfg, &e);
    assert_non_null(llm);
    deltas ds = {0};
    long long t0 = cd_now_ns();
    assert_null(cd_llm_chat_stream(llm, convo, 2, on_delta, &ds, NULL, &e));
    long long ms = (cd_now_ns() - t0) / 1000000;
    assert_int_equal(e.code, CD_ETIMEOUT);
    assert_string_equal(ds.text, "a");
    assert_true(ms >= 900 && ms < 3500);
    assert_int_equal(llm_srv_requests(srv), 1);
    cd_llm_free(llm);
}

static void test_rejected_key_is_not_leaked(void **state)
{
    (void)state;
    llm_srv_reply r[] = {
        {.status = 401,
         .headers = NULL,
         .body = "{\"error\":{\"message\":\"Incorrect API key provided: " TEST_KEY "\"}}"}};
    llm_srv_script(srv, r, 1);
    cd_llm *llm = make(CD_LLM_OPENAI, 3, 5000);
    /* Capture our stderr (the structured log) for the duration of the call. */
    char path[] = "/tmp/candor_llm_log_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    cd_err e = {0};
    char *text = cd_llm_chat(llm, convo, 2, NULL, &e);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(fd);
    assert_null(text);
    assert_int_equal(e.code, CD_EAUTH);
    assert_non_null(strstr(e.msg, "rejected the API key"));
    assert_null(strstr(e.msg, TEST_KEY));
    assert_int_equal(llm_srv_requests(srv), 1); /* a bad key is not retried */
    size_t len = 0;
    char *log = cd_read_file(path, 1 << 20, &len, NULL);
    unlink(path);
    assert_non_null(log);
    assert_non_null(strstr(log, "llm.call")); /* the call was logged... */
    assert_null(strstr(log, TEST_KEY));       /* ...without the key */
    free(log);
    cd_llm_free(llm);
}

static void test_stream_error_event_is_retried(void **state)
{
    (void)state;
    llm_srv_reply r[] = {
        {.status = 200,
         .body = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                 "\"message\":\"Overloaded\"}}\n\n",
         .stream = true},
        {.status = 200, .body = anthropic_stream, .stream = true},
        {.status = 200,
         .body = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":"
                 "\"invalid_request_error\",\"message\":\"bad thing\"}}\n\n",
         .stream = true},
    };
    llm_srv_script(srv, r, 3);
    cd_llm *llm = make(CD_LLM_ANTHROPIC, 2, 5000);
    cd_err e = {0};
    cd_llm_usage u;
    char *text = cd_llm_chat_stream(llm, convo, 2, NULL, NULL, &u, &e);
    assert_non_null(text);
    assert_string_equal(text, "Why a B+tree?");
    assert_int_equal(u.attempts, 2);
    free(text);
    assert_null(cd_llm_chat_stream(llm, convo, 2, NULL, NULL, &u, &e));
    assert_non_null(strstr(e.msg, "bad thing"));
    assert_int_equal(u.attempts, 1);
    cd_llm_free(llm);
}

static void test_response_cap(void **state)
{
    (void)state;
    size_t n = CD_LLM_MAX_RESPONSE_BYTES + 1000;
    char *big = malloc(n + 64);
    strcpy(big, "{\"choices\":[{\"message\":{\"content\":\"");
    size_t l = strlen(big);
    memset(big + l, 'a', n - l - 10);
    strcpy(big + n - 10, "\"}}]}");
    llm_srv_reply r[] = {{.status = 200, .headers = NULL, .body = big}};
    llm_srv_script(srv, r, 1);
    cd_llm *llm = make(CD_LLM_OPENAI, 2, 5000);
    cd_err e = {0};
    assert_null(cd_llm_chat(llm, convo, 2, NULL, &e));
    assert_int_equal(e.code, CD_ETOOBIG);
    assert_int_equal(llm_srv_requests(srv), 1);
    cd_llm_free(llm);
    free(big);
}

static void test_cancel_from_callback(void **state)
{
    (void)state;
    llm_srv_reply r[] = {{.status = 200, .body = openai_stream, .stream = true, .chunk = 16}};
    llm_srv_script(srv, r, 1);
    cd_llm *llm = make(CD_LLM_OPENAI, 2, 5000);
    deltas ds = {.cancel_after = 1};
    cd_err e = {0};
    assert_null(cd_llm_chat_stream(llm, convo, 2, on_delta, &ds, NULL, &e));
    assert_non_null(strstr(e.msg, "cancelled"));
    assert_int_equal(ds.n, 1);
    assert_int_equal(llm_srv_requests(srv), 1);
    cd_llm_free(llm);
}

static void test_unreachable(void **state)
{
    (void)state;
    cd_llm_config cfg;
    cd_llm_config_defaults(&cfg);
    cfg.kind = CD_LLM_OPENAI;
    /* Port 1 on loopback: connection refused at once. */
    snprintf(cfg.base_url, sizeof cfg.base_url, "http://127.0.0.1:1");
    snprintf(cfg.model, sizeof cfg.model, "m");
    cfg.retries = 1;
    cfg.backoff_ms = 10;
    cd_err e = {0};
    cd_llm *llm = cd_llm_create(&cfg, &e);
    assert_non_null(llm);
    cd_llm_usage u;
    assert_null(cd_llm_chat(llm, convo, 2, &u, &e));
    assert_int_equal(e.code, CD_EUNAVAILABLE);
    assert_non_null(strstr(e.msg, "unreachable"));
    assert_int_equal(u.attempts, 2);
    cd_llm_free(llm);
}

static void test_config_errors(void **state)
{
    (void)state;
    cd_llm_config cfg;
    cd_err e = {0};
    cd_llm_config_defaults(&cfg);
    assert_null(cd_llm_create(&cfg, &e)); /* kind none */
    assert_string_equal(e.field, "kind");
    cfg.kind = CD_LLM_ANTHROPIC;
    snprintf(cfg.base_url, sizeof cfg.base_url, "ftp://x");
    snprintf(cfg.model, sizeof cfg.model, "m");
    assert_null(cd_llm_create(&cfg, &e));
    assert_string_equal(e.field, "base_url");
    snprintf(cfg.base_url, sizeof cfg.base_url, "http://x");
    cfg.model[0] = 0;
    assert_null(cd_llm_create(&cfg, &e));
    assert_string_equal(e.field, "model");
    snprintf(cfg.model, sizeof cfg.model, "m");
    snprintf(cfg.api_key_env, sizeof cfg.api_key_env, "CANDOR_TEST_BAD_KEY");
    setenv("CANDOR_TEST_BAD_KEY", "abc\r\nX-Injected: 1", 1);
    assert_null(cd_llm_create(&cfg, &e));
    assert_string_equal(e.field, "api_key");
    unsetenv("CANDOR_TEST_BAD_KEY");
    snprintf(cfg.api_key_file, sizeof cfg.api_key_file, "/nonexistent/candor-key");
    assert_null(cd_llm_create(&cfg, &e));
    assert_string_equal(e.field, "api_key_file");
    cd_llm *llm = make(CD_LLM_OPENAI, 0, 1000);
    cd_llm_message bad[] = {{CD_LLM_USER, NULL}};
    assert_null(cd_llm_chat(llm, bad, 1, NULL, &e));
    assert_int_equal(e.code, CD_EINVAL);
    cd_llm_message bad_utf8[] = {{CD_LLM_USER, "caf\xe9"}};
    assert_null(cd_llm_chat(llm, bad_utf8, 1, NULL, &e));
    assert_non_null(strstr(e.msg, "UTF-8"));
    assert_null(cd_llm_chat(llm, convo, 0, NULL, &e));
    assert_int_equal(llm_srv_requests(srv), 0);
    cd_llm_free(llm);
    cd_llm_free(NULL);
}

static void test_key_file_and_env_config(void **state)
{
    (void)state;
    char path[] = "/tmp/candor_llm_key_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char content[] = "  sk-from-file-777  \nsecond line ignored\n";
    assert_int_equal(write(fd, content, sizeof content - 1), (ssize_t)(sizeof content - 1));
    close(fd);
    setenv("CANDOR_LLM_PROVIDER", "anthropic", 1);
    setenv("CANDOR_LLM_URL", llm_srv_url(srv), 1);
    setenv("CANDOR_LLM_MODEL", "claude-test", 1);
    setenv("CANDOR_LLM_API_KEY_FILE", path, 1);
    setenv("CANDOR_LLM_RETRIES", "0", 1);
    unsetenv("CANDOR_LLM_API_KEY");
    cd_llm_config cfg;
    cd_err e = {0};
    assert_int_equal(cd_llm_config_from_env(&cfg, &e), 0);
    assert_int_equal(cfg.kind, CD_LLM_ANTHROPIC);
    assert_int_equal(cfg.retries, 0);
    llm_srv_reply r[] = {{.status = 200,
                          .headers = NULL,
                          .body = "{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}"}};
    llm_srv_script(srv, r, 1);
    cd_llm *llm = cd_llm_create(&cfg, &e);
    assert_non_null(llm);
    char *text = cd_llm_chat(llm, convo, 2, NULL, &e);
    assert_non_null(text);
    assert_string_equal(text, "hi");
    char *req = llm_srv_request(srv, 0);
    assert_non_null(strstr(req, "x-api-key: sk-from-file-777\r\n"));
    assert_non_null(strstr(req, "\"model\":\"claude-test\""));
    free(req);
    free(text);
    cd_llm_free(llm);
    setenv("CANDOR_LLM_RETRIES", "99", 1);
    assert_int_not_equal(cd_llm_config_from_env(&cfg, &e), 0);
    assert_string_equal(e.field, "CANDOR_LLM_RETRIES");
    setenv("CANDOR_LLM_PROVIDER", "gemini", 1);
    assert_int_not_equal(cd_llm_config_from_env(&cfg, &e), 0);
    unsetenv("CANDOR_LLM_PROVIDER");
    /* limits are checked even without a provider (a flag may choose it) */
    assert_int_not_equal(cd_llm_config_from_env(&cfg, &e), 0);
    assert_string_equal(e.field, "CANDOR_LLM_RETRIES");
    unsetenv("CANDOR_LLM_RETRIES");
    assert_int_equal(cd_llm_config_from_env(&cfg, &e), 0);
    assert_int_equal(cfg.kind, CD_LLM_NONE);
    unsetenv("CANDOR_LLM_URL");
    unsetenv("CANDOR_LLM_MODEL");
    unsetenv("CANDOR_LLM_API_KEY_FILE");
    unsetenv("CANDOR_LLM_RETRIES");
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_openai_chat, setup, teardown),
        cmocka_unit_test_setup_teardown(test_anthropic_chat, setup, teardown),
        cmocka_unit_test_setup_teardown(test_openai_stream_byte_at_a_time, setup, teardown),
        cmocka_unit_test_setup_teardown(test_anthropic_stream, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed_reply, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed_stream_chunk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncated_stream, setup, teardown),
        cmocka_unit_test_setup_teardown(test_429_honours_retry_after, setup, teardown),
        cmocka_unit_test_setup_teardown(test_5xx_retries_then_fails, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hang_times_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stalled_stream_times_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rejected_key_is_not_leaked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stream_error_event_is_retried, setup, teardown),
        cmocka_unit_test_setup_teardown(test_response_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cancel_from_callback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreachable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_key_file_and_env_config, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
