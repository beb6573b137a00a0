/* llm_openai.c - OpenAI-compatible Chat Completions protocol
 * (POST {base}/v1/chat/completions), plain and streamed. The same wire
 * format is spoken by llama.cpp's server, vLLM and Ollama. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interview/llm_internal.h"

static const char *role_name(cd_llm_role r)
{
    return r == CD_LLM_SYSTEM ? "system" : r == CD_LLM_ASSISTANT ? "assistant" : "user";
}

static int build_body(const cd_llm_config *cfg, const cd_llm_message *m, size_t n, bool stream,
                      cd_buf *out, cd_err *err)
{
    json_t *msgs = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *one =
            json_pack("{s:s, s:s}", "role", role_name(m[i].role), "content", m[i].content);
        if (!one) {
            json_decref(msgs);
            return cd_err_set(err, CD_EINVAL, "messages", "message %zu is not valid UTF-8", i);
        }
        json_array_append_new(msgs, one);
    }
    json_t *root = json_pack("{s:s, s:o, s:i, s:b}", "model", cfg->model, "messages", msgs,
                             "max_tokens", cfg->max_tokens, "stream", stream);
    if (root && cfg->temperature >= 0)
        json_object_set_new(root, "temperature", json_real(cfg->temperature));
    /* Ask for the usage numbers in the last chunk of a stream too. */
    if (root && stream)
        json_object_set_new(root, "stream_options", json_pack("{s:b}", "include_usage", 1));
    return cd_llm_body_write(root, out, err);
}

static struct curl_slist *add_headers(struct curl_slist *h, const char *key)
{
    if (!key || !*key)
        return h; /* self-hosted servers often need none */
    char line[CD_LLM_MAX_KEY_BYTES + 32];
    snprintf(line, sizeof line, "Authorization: Bearer %s", key);
    struct curl_slist *r = curl_slist_append(h, line);
    explicit_bzero(line, sizeof line);
    if (!r)
        curl_slist_free_all(h);
    return r;
}

static void take_usage(cd_llm_call *call, const json_t *u)
{
    cd_llm_take_usage(call, u, "prompt_tokens", "completion_tokens");
}

static void take_finish(cd_llm_call *call, const json_t *choice)
{
    cd_llm_take_stop(call, choice, "finish_reason");
}

static int parse_reply(const char *body, size_t len, cd_llm_call *call, cd_err *err)
{
    json_t *root = cd_llm_parse_json(body, len, "reply", err);
    if (!root)
        return err ? err->code : CD_EUNAVAILABLE;
    int rc = 0;
    json_t *choice = json_array_get(json_object_get(root, "choices"), 0);
    json_t *content = json_object_get(json_object_get(choice, "message"), "content");
    if (json_object_get(root, "error")) {
        rc = cd_llm_provider_error(call, body, len, err);
    } else if (!json_is_string(content)) {
        rc = cd_err_set(err, CD_EUNAVAILABLE, "reply",
                        "provider reply has no choices[0].message.content text");
    } else {
        take_usage(call, json_object_get(root, "usage"));
        take_finish(call, choice);
        rc = cd_llm_call_emit(call, json_string_value(content), json_string_length(content), err);
    }
    json_decref(root);
    return rc;
}

/* data: {"choices":[{"delta":{"content":"…"},"finish_reason":null}]} …
 * data: {"choices":[],"usage":{…}}   (with stream_options.include_usage)
 * data: [DONE] */
static int on_event(cd_llm_call *call, const char *event, const char *data, size_t len, cd_err *err)
{
    (void)event;
    if (len == 6 && memcmp(data, "[DONE]", 6) == 0) {
        call->done = true;
        return 0;
    }
    json_t *root = cd_llm_parse_json(data, len, "stream chunk", err);
    if (!root)
        return err ? err->code : CD_EUNAVAILABLE;
    int rc = 0;
    if (json_object_get(root, "error")) {
        rc = cd_llm_provider_error(call, data, len, err);
        json_decref(root);
        return rc;
    }
    json_t *usage = json_object_get(root, "usage");
    if (json_is_object(usage))
        take_usage(call, usage);
    json_t *choice = json_array_get(json_object_get(root, "choices"), 0);
    json_t *content = json_object_get(json_object_get(choice, "delta"), "content");
    if (json_is_string(content))
        rc = cd_llm_call_emit(call, json_string_value(content), json_string_length(content), err);
    take_finish(call, choice);
    json_decref(root);
    return rc;
}

const cd_llm_protocol cd_llm_openai_protocol = {
    .path = "/v1/chat/completions",
    .build_body = build_body,
    .add_headers = add_headers,
    .parse_reply = parse_reply,
    .on_event = on_event,
};
