/* interviewer.h - internal to src/api: the AI interviewer inside the answer
 * flow (interviewer.c). With a model provider configured (app->llm), the
 * model words the follow-up the offline chooser decided to ask (streamed to
 * the client as Server-Sent Events when it asked for them) and grades each
 * answer next to the offline evaluator. Without one, none of this runs.
 *
 * Worker threads only (the answer route is CD_ROUTE_WAITS: model calls
 * block for seconds). The context borrows the interview JSON and the
 * question spec; api_ai_context_free() frees what it built itself. */
#ifndef CANDOR_API_INTERVIEWER_H
#define CANDOR_API_INTERVIEWER_H

#include "api/api.h"
#include "interview/followup.h"
#include "interview/llm.h"
#include "interview/llm_prompts.h"

typedef struct api_ai_context {
    cd_llm_context ctx;
    cd_llm_turn turns[CD_LLM_PROMPT_MAX_PREVIOUS];
    char *resume_summary; /* malloc'd or NULL */
    char *job_text;       /* malloc'd or NULL */
    cd_llm_usage usage;   /* summed over this answer's model calls */
} api_ai_context;

/* Builds the prompt context from the interview row (role, difficulty, last
 * turns, its resume and job when it has them). */
void api_ai_context_init(api_ctx *c, json_t *iv, const cd_question_spec *q, const char *answer,
                         api_ai_context *ax);
void api_ai_context_free(api_ai_context *ax);

/* Rewords fu->text with the model (streaming it when the client asked for
 * text/event-stream); keeps the offline trigger and point, so the next
 * answer is still judged on what was missing. On failure fu is unchanged
 * and fu->reason says the wording is the bank's. */
void api_ai_word_follow_up(api_ctx *c, api_ai_context *ax, const json_t *offline_eval,
                           cd_follow_up_choice *fu);

/* Adds evaluation.ai = {source, fallback_reason, scores, feedback,
 * improvements, usage} (docs/api.md). */
void api_ai_evaluate(api_ctx *c, api_ai_context *ax, long long duration_ms, json_t *evaluation);

/* {calls, input_tokens, output_tokens, cost_usd} summed over the answers'
 * evaluation.ai.usage (zeros offline). */
json_t *api_ai_usage_total(json_t *answers);

/* When a stream was started, turns the handler's final JSON response into
 * the last event ("result", or "error" for a 4xx/5xx). */
void api_ai_stream_finish(api_ctx *c);

#endif
