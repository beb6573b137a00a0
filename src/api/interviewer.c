/* interviewer.c - the AI interviewer in the answer flow: the model words
 * follow-ups (streamed as Server-Sent Events on request) and grades answers
 * next to the offline evaluator, whose evidence-linked scores stay the
 * numbers of record. Every model failure falls back and says so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/interviewer.h"
#include "base/buf.h"
#include "interview/llm_eval.h"

/* Skills and jobs named in the resume summary given to the model. */
#define SUMMARY_SKILLS 25
#define SUMMARY_JOBS 6

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* "7.5 years, senior. Jobs: ... Skills: ..." from a stored resume. */
static char *resume_summary(json_t *doc)
{
    json_t *a = json_object_get(json_object_get(doc, "analysis"), "analysis");
    cd_buf b;
    cd_buf_init(&b, 4096);
    cd_buf_printf(&b, "%.1f years of experience, %s level.",
                  json_number_value(json_object_get(a, "years")), jstr(a, "seniority"));
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(a, "jobs"), i, v)
    {
        if (i >= SUMMARY_JOBS)
            break;
        cd_buf_printf(&b, "%s%s", i ? "; " : " Jobs: ", jstr(v, "title"));
    }
    json_array_foreach(json_object_get(a, "skills"), i, v)
    {
        if (i >= SUMMARY_SKILLS)
            break;
        cd_buf_printf(&b, "%s%s", i ? ", " : ". Skills: ", jstr(v, "name"));
    }
    cd_buf_puts(&b, ".");
    size_t len;
    return cd_buf_steal(&b, &len);
}

void api_ai_context_init(api_ctx *c, json_t *iv, const cd_question_spec *q, const char *answer,
                         api_ai_context *ax)
{
    memset(ax, 0, sizeof *ax);
    ax->ctx.role = jstr(iv, "role");
    ax->ctx.difficulty = jstr(iv, "difficulty");
    ax->ctx.question = q;
    ax->ctx.answer = answer;
    json_t *answers = json_object_get(iv, "answers");
    size_t n = json_array_size(answers);
    size_t first = n > CD_LLM_PROMPT_MAX_PREVIOUS ? n - CD_LLM_PROMPT_MAX_PREVIOUS : 0;
    for (size_t i = first; i < n; i++) {
        json_t *a = json_array_get(answers, i);
        ax->turns[ax->ctx.n_previous++] = (cd_llm_turn){jstr(a, "prompt"), jstr(a, "text")};
    }
    ax->ctx.previous = ax->turns;
    cd_err e;
    json_t *rid = json_object_get(iv, "resume_id"), *jid = json_object_get(iv, "job_id");
    json_t *doc = json_is_integer(rid)
                      ? cd_store_document_get(c->app->store, json_integer_value(rid), "resume", &e)
                      : NULL;
    if (doc) {
        ax->resume_summary = resume_summary(doc);
        ax->ctx.resume_summary = ax->resume_summary;
        json_decref(doc);
    }
    doc = json_is_integer(jid)
              ? cd_store_document_get(c->app->store, json_integer_value(jid), "job", &e)
              : NULL;
    if (doc) {
        ax->job_text = strdup(jstr(doc, "text"));
        ax->ctx.job_description = ax->job_text;
        json_decref(doc);
    }
}

void api_ai_context_free(api_ai_context *ax)
{
    free(ax->resume_summary);
    free(ax->job_text);
}

/* ---- streaming ---------------------------------------------------------- */

static bool wants_stream(api_ctx *c)
{
    return strstr(c->req->accept, "text/event-stream") != NULL;
}

static void send_event(api_ctx *c, const char *event, const char *data)
{
    cd_buf b;
    cd_buf_init(&b, 0);
    /* data is compact JSON: one line, no "\n" inside. */
    if (cd_buf_printf(&b, "event: %s\ndata: %s\n\n", event, data) == 0)
        cd_http_stream_write(c->resp, b.data, b.len);
    cd_buf_free(&b);
}

/* The model's words as they arrive, as "delta" events; the stream starts
 * with the first of them. */
static int on_delta(void *user, const char *text, size_t len)
{
    api_ctx *c = user;
    if (!c->resp->streaming) {
        /* Set before the stream begins: the loop writes the headers then. */
        snprintf(c->resp->headers, sizeof c->resp->headers, "x-accel-buffering: no\r\n");
        cd_http_stream_begin(c->resp, 200, "text/event-stream");
    }
    json_t *o = json_object();
    json_t *s = json_stringn(text, len); /* NULL if a piece split a character */
    if (s) {
        json_object_set_new(o, "text", s);
        char *d = json_dumps(o, JSON_COMPACT);
        if (d)
            send_event(c, "delta", d);
        free(d);
    }
    json_decref(o);
    return 0;
}

void api_ai_stream_finish(api_ctx *c)
{
    if (!c->resp->streaming)
        return;
    cd_buf *body = &c->resp->body;
    cd_buf_append(body, "", 1); /* NUL-terminate */
    char *data = strdup(body->data ? body->data : "{}");
    cd_buf_reset(body);
    if (!data)
        return;
    bool failed = c->resp->status >= 400;
    cd_buf_printf(body, "event: %s\ndata: %s\n\n", failed ? "error" : "result", data);
    free(data);
}

/* ---- model calls -------------------------------------------------------- */

void api_ai_word_follow_up(api_ctx *c, api_ai_context *ax, const json_t *offline_eval,
                           cd_follow_up_choice *fu)
{
    if (!c->app->llm || !fu->ask)
        return;
    cd_follow_up_choice worded;
    cd_llm_usage u;
    cd_err e;
    cd_err_clear(&e);
    int rc = cd_llm_follow_up_stream(c->app->llm, &ax->ctx, offline_eval,
                                     wants_stream(c) ? on_delta : NULL, c, &worded, &u, &e);
    cd_llm_usage_add(&ax->usage, &u);
    if (rc == 0 && strcmp(worded.trigger, "llm") == 0) {
        /* The model's words; the offline reason and target stay, so the
         * next answer is still judged on the point that was missing. */
        snprintf(fu->text, sizeof fu->text, "%s", worded.text);
        char r[sizeof fu->reason];
        snprintf(r, sizeof r, "%.200s (worded by the AI interviewer)", fu->reason);
        memcpy(fu->reason, r, sizeof r);
    } else {
        char r[sizeof fu->reason];
        snprintf(r, sizeof r, "%.120s (the AI interviewer was unavailable: %.80s)", fu->reason,
                 rc == 0 ? worded.reason : e.msg);
        memcpy(fu->reason, r, sizeof r);
    }
}

static json_t *usage_json(const cd_llm_usage *u)
{
    return json_pack("{s:I, s:I, s:I, s:f}", "calls", (json_int_t)u->calls, "input_tokens",
                     (json_int_t)u->input_tokens, "output_tokens", (json_int_t)u->output_tokens,
                     "cost_usd", u->cost_usd);
}

void api_ai_evaluate(api_ctx *c, api_ai_context *ax, long long duration_ms, json_t *evaluation)
{
    if (!c->app->llm)
        return;
    cd_llm_usage u;
    cd_err e;
    json_t *ai = cd_llm_evaluate(c->app->llm, &ax->ctx, duration_ms, &u, &e);
    cd_llm_usage_add(&ax->usage, &u);
    if (!ai)
        return;
    json_object_del(ai, "offline"); /* the offline report is the evaluation itself */
    json_object_set_new(ai, "usage", usage_json(&ax->usage));
    json_object_set_new(evaluation, "ai", ai);
}

json_t *api_ai_usage_total(json_t *answers)
{
    cd_llm_usage sum;
    memset(&sum, 0, sizeof sum);
    size_t i;
    json_t *a;
    json_array_foreach(answers, i, a)
    {
        json_t *u = json_object_get(json_object_get(a, "ai"), "usage");
        if (!json_is_object(u))
            continue;
        sum.calls += json_integer_value(json_object_get(u, "calls"));
        sum.input_tokens += json_integer_value(json_object_get(u, "input_tokens"));
        sum.output_tokens += json_integer_value(json_object_get(u, "output_tokens"));
        sum.cost_usd += json_number_value(json_object_get(u, "cost_usd"));
    }
    return usage_json(&sum);
}
