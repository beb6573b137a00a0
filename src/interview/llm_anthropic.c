/* llm_anthropic.c - Anthropic Messages protocol (POST {base}/v1/messages,
 * x-api-key, anthropic-version), plain and streamed. System messages go to
 * the top-level "system" field; the rest keep their order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interview/llm_internal.h"

static int build_body(const cd_llm_config *cfg, const cd_llm_message *m, size_t n, bool stream,
                      cd_buf *out, cd_err *err)
{
    cd_buf system;
    cd_buf_init(&system, CD_LLM_MAX_REQUEST_BYTES);
    json_t *msgs = json_array();
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (m[i].role == CD_LLM_SYSTEM) {
            if ((system.len && cd_buf_puts(&system, "\n\n") != 0) ||
                cd_buf_puts(&system, m[i].content) != 0)
                rc = cd_err_set(err, CD_ETOOBIG, "messages", "system prompt is too long");
            continue;
        }
        json_t *one =
            json_pack("{s:s, s:s}", "role", m[i].role == CD_LLM_ASSISTANT ? "assistant" : "user",
                      "content", m[i].content);
        if (!one)
            rc = cd_err_set(err, CD_EINVAL, "messages", "message %zu is not valid UTF-8", i);
        else
            json_array_append_new(msgs, one);
    }
    if (rc == 0 && json_array_size(msgs) == 0)
        rc = cd_err_set(err, CD_EINVAL, "messages", "at least one user message is required");
    json_t *root = NULL;
    if (rc == 0) {
        root = json_pack("{s:s, s:O, s:i, s:b}", "model", cfg->model, "messages", msgs,
                         "max_tokens", cfg->max_tokens, "stream", stream);
        json_t *sys = system.len ? json_string(system.data) : NULL;
        if (system.len && !sys)
            rc = cd_err_set(err, CD_EINVAL, "messages", "system prompt is not valid UTF-8");
        if (root && sys)
            json_object_set_new(root, "system", sys);
        else
            json_decref(sys);
        if (root && cfg->temperature >= 0)
            json_object_set_new(root, "temperature", json_real(cfg->temperature));
    }
    json_decref(msgs);
    cd_buf_free(&system);
    if (rc) {
        json_decref(root);
        return rc;
    }
    return cd_llm_body_write(root, out, err);
}

static struct curl_slist *add_headers(struct curl_slist *h, const char *key)
{
    struct curl_slist *r = curl_slist_append(h, "anthropic-version: " CD_LLM_ANTHROPIC_VERSION);
    if (r && key && *key) {
        char line[CD_LLM_MAX_KEY_BYTES + 32];
        snprintf(line, sizeof line, "x-api-key: %s", key);
        r = curl_slist_append(r, line);
        explicit_bzero(line, sizeof line);
    }
    if (!r)
        curl_slist_free_all(h);
    return r;
}

static void take_usage(cd_llm_call *call, const json_t *u)
{
    cd_llm_take_usage(call, u, "input_tokens", "output_tokens");
}

static void take_stop(cd_llm_call *call, const json_t *obj)
{
    cd_llm_take_stop(call, obj, "stop_reason");
}

static int parse_reply(const char *body, size_t len, cd_llm_call *call, cd_err *err)
{
    json_t *root = cd_llm_parse_json(body, len, "reply", err);
    if (!root)
        return err ? err->code : CD_EUNAVAILABLE;
    int rc = 0;
    json_t *content = json_object_get(root, "content");
    if (json_object_get(root, "error")) {
        rc = cd_llm_provider_error(call, body, len, err);
    } else if (!json_is_array(content)) {
        rc = cd_err_set(err, CD_EUNAVAILABLE, "reply", "provider reply has no content array");
    } else {
        size_t i;
        json_t *block;
        json_array_foreach(content, i, block)
        {
            json_t *text = json_object_get(block, "text");
            const char *type = json_string_value(json_object_get(block, "type"));
            if (rc == 0 && type && strcmp(type, "text") == 0 && json_is_string(text))
                rc = cd_llm_call_emit(call, json_string_value(text), json_string_length(text), err);
        }
        take_usage(call, json_object_get(root, "usage"));
        take_stop(call, root);
    }
    json_decref(root);
    return rc;
}

/* event: message_start        {"message":{"usage":{"input_tokens":N,…}}}
 * event: content_block_delta  {"delta":{"type":"text_delta","text":"…"}}
 * event: message_delta        {"delta":{"stop_reason":…},"usage":{"output_tokens":N}}
 * event: message_stop
 * event: error                {"error":{"type":"overloaded_error","message":…}}
 * ping, content_block_start/stop and unknown events are ignored, as the
 * API's versioning policy asks. */
static int on_event(cd_llm_call *call, const char *event, const char *data, size_t len, cd_err *err)
{
    if (strcmp(event, "ping") == 0)
        return 0;
    if (strcmp(event, "message_stop") == 0) {
        call->done = true;
        return 0;
    }
    json_t *root = cd_llm_parse_json(data, len, "stream event", err);
    if (!root)
        return err ? err->code : CD_EUNAVAILABLE;
    int rc = 0;
    if (strcmp(event, "error") == 0) {
        const char *type =
            json_string_value(json_object_get(json_object_get(root, "error"), "type"));
        call->retryable =
            type && (strcmp(type, "overloaded_error") == 0 || strcmp(type, "api_error") == 0);
        rc = cd_llm_provider_error(call, data, len, err);
    } else if (strcmp(event, "message_start") == 0) {
        take_usage(call, json_object_get(json_object_get(root, "message"), "usage"));
    } else if (strcmp(event, "content_block_delta") == 0) {
        json_t *delta = json_object_get(root, "delta");
        const char *type = json_string_value(json_object_get(delta, "type"));
        json_t *text = json_object_get(delta, "text");
        if (type && strcmp(type, "text_delta") == 0 && json_is_string(text))
            rc = cd_llm_call_emit(call, json_string_value(text), json_string_length(text), err);
    } else if (strcmp(event, "message_delta") == 0) {
        /* output_tokens here is cumulative; input_tokens came at the start. */
        long long out = cd_llm_json_count(json_object_get(root, "usage"), "output_tokens");
        if (out >= 0)
            call->usage->output_tokens = out;
        take_stop(call, json_object_get(root, "delta"));
    }
    json_decref(root);
    return rc;
}

const cd_llm_protocol cd_llm_anthropic_protocol = {
    .path = "/v1/messages",
    .build_body = build_body,
    .add_headers = add_headers,
    .parse_reply = parse_reply,
    .on_event = on_event,
};
