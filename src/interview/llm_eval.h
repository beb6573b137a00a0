/* llm_eval.h - structured answer evaluation by the model, with the offline
 * evaluator as the safety net.
 *
 * The model's reply must be one JSON object (a surrounding code fence or
 * sentence is tolerated) matching exactly:
 *   { technical_accuracy: 0..10, communication: 0..10, depth: 0..10,
 *     feedback: non-empty string <= CD_LLM_EVAL_MAX_FEEDBACK bytes,
 *     improvements: [non-empty string <= CD_LLM_EVAL_MAX_IMPROVEMENT bytes]
 *                   (at most CD_LLM_EVAL_MAX_IMPROVEMENTS) }
 * with no other members. Anything else - no provider configured, a
 * transport error, malformed or out-of-schema JSON - falls back to
 * cd_evaluate_answer(), and the result says so and why.
 *
 * Result (a NEW json_t the caller owns):
 *   { source: "llm" | "offline",
 *     fallback_reason: null | string (why the model's output was not used),
 *     scores: { technical_accuracy, communication, depth }  (0..10),
 *     feedback: string, improvements: [string],
 *     offline: <cd_evaluate_answer report> (only when source is "offline") }
 * Offline scores map as technical_accuracy = content, communication =
 * clarity (averaged with structure for stories), depth = specificity.
 *
 * Threads: any thread may call (see llm.h for the provider). */
#ifndef CANDOR_INTERVIEW_LLM_EVAL_H
#define CANDOR_INTERVIEW_LLM_EVAL_H

#include <jansson.h>

#include "base/err.h"
#include "interview/followup.h"
#include "interview/llm.h"
#include "interview/llm_prompts.h"

#define CD_LLM_EVAL_MAX_FEEDBACK 2000
#define CD_LLM_EVAL_MAX_IMPROVEMENTS 8
#define CD_LLM_EVAL_MAX_IMPROVEMENT 500
#define CD_LLM_FOLLOW_UP_MAX_BYTES 600

/* Validates a model reply; returns the normalised object {technical_accuracy,
 * communication, depth, feedback, improvements} or NULL with CD_EUNPROCESSABLE
 * naming the first violation (field = the member at fault). */
json_t *cd_llm_eval_parse(const char *reply, cd_err *err);

/* llm may be NULL (offline). usage (may be NULL) receives the call's tokens.
 * NULL only when the offline evaluator itself refuses the input (e.g. the
 * answer is invalid UTF-8 or too long): *err says why. */
json_t *cd_llm_evaluate(cd_llm *llm, const cd_llm_context *ctx, long long duration_ms,
                        cd_llm_usage *usage, cd_err *err);

/* A follow-up question from the model (out->trigger "llm"), or, when the
 * model is absent or its reply unusable (empty, over
 * CD_LLM_FOLLOW_UP_MAX_BYTES, not a question), cd_choose_follow_up() on
 * `offline_evaluation` with the reason prefixed to out->reason. */
int cd_llm_follow_up(cd_llm *llm, const cd_llm_context *ctx, const json_t *offline_evaluation,
                     cd_follow_up_choice *out, cd_llm_usage *usage, cd_err *err);

/* The same, streamed: on_delta receives the model's words as they arrive
 * (on the calling thread). The final out->text is the cleaned question and
 * may differ slightly from the concatenated deltas (quotes, prefixes
 * removed), so a UI shows the deltas live and then replaces them. */
int cd_llm_follow_up_stream(cd_llm *llm, const cd_llm_context *ctx,
                            const json_t *offline_evaluation, cd_llm_delta_fn on_delta, void *user,
                            cd_follow_up_choice *out, cd_llm_usage *usage, cd_err *err);

#endif
