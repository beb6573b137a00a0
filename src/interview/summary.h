/* summary.h - the interview-level part of a Report (docs/api.md): overall
 * scores, a one-paragraph summary, strengths and improvements.
 *
 * Input: the array of per-answer report objects, each the evaluation of
 * cd_evaluate_answer() plus at least "kind" ("question" | "follow_up") and
 * optionally "prompt", "type". Follow-up answers weigh CD_SUMMARY_FOLLOW_UP_WEIGHT
 * of a main answer in every average (they answer a narrower question, and a
 * weak main answer should not be erased by a good follow-up). Structure is
 * averaged over story answers only (null when there were none).
 *
 * Returns a NEW object { overall: {score, content, structure|null, clarity,
 * summary}, strengths: [string], improvements: [string] } the caller owns,
 * or NULL with *err set (CD_EINVAL when answers is not an array). Pure
 * function; any thread may call. */
#ifndef CANDOR_INTERVIEW_SUMMARY_H
#define CANDOR_INTERVIEW_SUMMARY_H

#include <jansson.h>

#include "base/err.h"

#define CD_SUMMARY_FOLLOW_UP_WEIGHT 0.5
#define CD_SUMMARY_MAX_ANSWERS 200
#define CD_SUMMARY_MAX_STRENGTHS 4
#define CD_SUMMARY_MAX_IMPROVEMENTS 5

json_t *cd_summarize_interview(const json_t *answers, cd_err *err);

#endif
