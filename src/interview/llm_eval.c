/* llm_eval.c - model evaluation and follow-ups with offline fallback
 * (see llm_eval.h). */
#include "interview/llm_eval.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interview/evaluate.h"

static const char *const score_keys[] = {"technical_accuracy", "communication", "depth"};

/* Models wrap JSON in ``` fences or a sentence despite being told not to:
 * take the outermost {...}. */
static json_t *extract_object(const char *reply, cd_err *err)
{
    const char *a = strchr(reply, '{'), *b = strrchr(reply, '}');
    if (!a || !b || b < a) {
        cd_err_set(err, CD_EUNPROCESSABLE, "reply", "model reply contains no JSON object");
        return NULL;
    }
    json_error_t je;
    json_t *v = json_loadb(a, (size_t)(b - a + 1), JSON_REJECT_DUPLICATES, &je);
    if (!v)
        cd_err_set(err, CD_EUNPROCESSABLE, "reply", "model reply is not valid JSON: %s", je.text);
    return v;
}

static bool blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}

json_t *cd_llm_eval_parse(const char *reply, cd_err *err)
{
    if (!reply) {
        cd_err_set(err, CD_EUNPROCESSABLE, "reply", "no model reply");
        return NULL;
    }
    json_t *v = extract_object(reply, err);
    if (!v)
        return NULL;
    json_t *out = json_object();
    const char *key;
    json_t *val;
    int rc = 0;
    json_object_foreach(v, key, val)
    {
        if (strcmp(key, "feedback") != 0 && strcmp(key, "improvements") != 0 &&
            strcmp(key, score_keys[0]) != 0 && strcmp(key, score_keys[1]) != 0 &&
            strcmp(key, score_keys[2]) != 0) {
            rc = cd_err_set(err, CD_EUNPROCESSABLE, key, "unexpected member \"%.60s\"", key);
            break;
        }
    }
    for (size_t i = 0; rc == 0 && i < 3; i++) {
        json_t *s = json_object_get(v, score_keys[i]);
        if (!json_is_number(s))
            rc = cd_err_set(err, CD_EUNPROCESSABLE, score_keys[i], "%s must be a number",
                            score_keys[i]);
        else if (!(json_number_value(s) >= 0 && json_number_value(s) <= 10))
            rc = cd_err_set(err, CD_EUNPROCESSABLE, score_keys[i], "%s must be from 0 to 10",
                            score_keys[i]);
        else
            json_object_set_new(out, score_keys[i], json_real(json_number_value(s)));
    }
    json_t *fb = json_object_get(v, "feedback");
    if (rc == 0) {
        if (!json_is_string(fb) || blank(json_string_value(fb)))
            rc = cd_err_set(err, CD_EUNPROCESSABLE, "feedback",
                            "feedback must be a non-empty string");
        else if (json_string_length(fb) > CD_LLM_EVAL_MAX_FEEDBACK)
            rc = cd_err_set(err, CD_EUNPROCESSABLE, "feedback", "feedback is over %d bytes",
                            CD_LLM_EVAL_MAX_FEEDBACK);
        else
            json_object_set(out, "feedback", fb);
    }
    json_t *imp = json_object_get(v, "improvements");
    if (rc == 0 && (!json_is_array(imp) || json_array_size(imp) > CD_LLM_EVAL_MAX_IMPROVEMENTS))
        rc = cd_err_set(err, CD_EUNPROCESSABLE, "improvements",
                        "improvements must be an array of at most %d strings",
                        CD_LLM_EVAL_MAX_IMPROVEMENTS);
    if (rc == 0) {
        size_t i;
        json_t *it;
        json_array_foreach(imp, i, it)
        {
            if (!json_is_string(it) || blank(json_string_value(it)) ||
                json_string_length(it) > CD_LLM_EVAL_MAX_IMPROVEMENT) {
                rc = cd_err_set(err, CD_EUNPROCESSABLE, "improvements",
                                "improvements[%zu] must be a non-empty string of at most %d "
                                "bytes",
                                i, CD_LLM_EVAL_MAX_IMPROVEMENT);
                break;
            }
        }
        if (rc == 0)
            json_object_set(out, "improvements", imp);
    }
    json_decref(v);
    if (rc) {
        json_decref(out);
        return NULL;
    }
    return out;
}

static double score_of(const json_t *report, const char *k)
{
    return json_number_value(json_object_get(json_object_get(report, "scores"), k));
}

static json_t *offline_result(const cd_llm_context *ctx, long long duration_ms, const char *reason,
                              cd_err *err)
{
    json_t *rep = cd_evaluate_answer(ctx->question, ctx->answer, duration_ms, false, NULL, err);
    if (!rep)
        return NULL;
    double comm = score_of(rep, "clarity");
    json_t *structure = json_object_get(json_object_get(rep, "scores"), "structure");
    if (json_is_number(structure))
        comm = (comm + json_number_value(structure)) / 2;
    json_t *tips = json_object_get(rep, "tips");
    const char *first = json_string_value(json_array_get(tips, 0));
    char feedback[512];
    snprintf(feedback, sizeof feedback,
             "Scored by Candor's offline evaluator (content %.1f, relevance %.1f, specificity "
             "%.1f out of 10).%s%s",
             score_of(rep, "content"), score_of(rep, "relevance"), score_of(rep, "specificity"),
             first ? " " : "", first ? first : "");
    return json_pack("{s:s, s:s?, s:{s:f, s:f, s:f}, s:s, s:o, s:o}", "source", "offline",
                     "fallback_reason", reason, "scores", "technical_accuracy",
                     score_of(rep, "content"), "communication", comm, "depth",
                     score_of(rep, "specificity"), "feedback", feedback, "improvements",
                     json_is_array(tips) ? json_incref(tips) : json_array(), "offline", rep);
}

json_t *cd_llm_evaluate(cd_llm *llm, const cd_llm_context *ctx, long long duration_ms,
                        cd_llm_usage *usage, cd_err *err)
{
    if (usage)
        memset(usage, 0, sizeof *usage);
    if (!ctx || !ctx->question || !ctx->answer) {
        cd_err_set(err, CD_EINVAL, "question", "a question and an answer are required");
        return NULL;
    }
    if (!llm)
        return offline_result(ctx, duration_ms, "no model provider is configured", err);
    char reason[320];
    cd_llm_prompt p;
    cd_err e = {0};
    json_t *parsed = NULL;
    if (cd_llm_prompt_evaluation(ctx, &p, &e) == 0) {
        char *reply = cd_llm_chat(llm, p.msgs, p.n_msgs, usage, &e);
        cd_llm_prompt_free(&p);
        if (reply) {
            parsed = cd_llm_eval_parse(reply, &e);
            free(reply);
            if (!parsed)
                snprintf(reason, sizeof reason, "model output failed validation: %s", e.msg);
        } else {
            snprintf(reason, sizeof reason, "model call failed: %s", e.msg);
        }
    } else {
        snprintf(reason, sizeof reason, "could not build the prompt: %s", e.msg);
    }
    if (!parsed)
        return offline_result(ctx, duration_ms, reason, err);
    json_t *out =
        json_pack("{s:s, s:n, s:{s:O, s:O, s:O}, s:O, s:O}", "source", "llm", "fallback_reason",
                  "scores", "technical_accuracy", json_object_get(parsed, "technical_accuracy"),
                  "communication", json_object_get(parsed, "communication"), "depth",
                  json_object_get(parsed, "depth"), "feedback", json_object_get(parsed, "feedback"),
                  "improvements", json_object_get(parsed, "improvements"));
    json_decref(parsed);
    if (!out)
        cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    return out;
}

/* Trims whitespace and surrounding quotes; checks it reads as one question. */
static int clean_question(const char *reply, char *out, size_t outsz, char *why, size_t whysz)
{
    const char *a = reply;
    while (*a && (isspace((unsigned char)*a) || *a == '"'))
        a++;
    size_t n = strlen(a);
    while (n > 0 && (isspace((unsigned char)a[n - 1]) || a[n - 1] == '"'))
        n--;
    if (n == 0)
        return snprintf(why, whysz, "model returned an empty follow-up"), -1;
    if (n > CD_LLM_FOLLOW_UP_MAX_BYTES || n >= outsz)
        return snprintf(why, whysz, "model follow-up is over %d bytes", CD_LLM_FOLLOW_UP_MAX_BYTES),
               -1;
    if (!memchr(a, '?', n))
        return snprintf(why, whysz, "model follow-up is not a question"), -1;
    memcpy(out, a, n);
    out[n] = 0;
    return 0;
}

int cd_llm_follow_up(cd_llm *llm, const cd_llm_context *ctx, const json_t *offline_evaluation,
                     cd_follow_up_choice *out, cd_llm_usage *usage, cd_err *err)
{
    return cd_llm_follow_up_stream(llm, ctx, offline_evaluation, NULL, NULL, out, usage, err);
}

int cd_llm_follow_up_stream(cd_llm *llm, const cd_llm_context *ctx,
                            const json_t *offline_evaluation, cd_llm_delta_fn on_delta, void *user,
                            cd_follow_up_choice *out, cd_llm_usage *usage, cd_err *err)
{
    if (usage)
        memset(usage, 0, sizeof *usage);
    if (!out || !ctx || !ctx->question)
        return cd_err_set(err, CD_EINVAL, "question", "a question is required");
    char why[300] = "no model provider is configured";
    if (llm) {
        cd_llm_prompt p;
        cd_err e = {0};
        if (cd_llm_prompt_follow_up(ctx, &p, &e) == 0) {
            char *reply = on_delta
                              ? cd_llm_chat_stream(llm, p.msgs, p.n_msgs, on_delta, user, usage, &e)
                              : cd_llm_chat(llm, p.msgs, p.n_msgs, usage, &e);
            cd_llm_prompt_free(&p);
            memset(out, 0, sizeof *out);
            int ok = reply ? clean_question(reply, out->text, sizeof out->text, why, sizeof why)
                           : (snprintf(why, sizeof why, "model call failed: %s", e.msg), -1);
            free(reply);
            if (ok == 0) {
                out->ask = true;
                out->point = -1;
                snprintf(out->trigger, sizeof out->trigger, "llm");
                snprintf(out->reason, sizeof out->reason,
                         "asked by the AI interviewer from the interview context");
                return 0;
            }
        } else {
            snprintf(why, sizeof why, "could not build the prompt: %s", e.msg);
        }
    }
    int rc = cd_choose_follow_up(ctx->question, offline_evaluation, out, err);
    if (rc == 0) {
        char r[sizeof out->reason];
        snprintf(r, sizeof r, "offline (%.120s): %.120s", why, out->reason);
        memcpy(out->reason, r, sizeof r);
    }
    return rc;
}
