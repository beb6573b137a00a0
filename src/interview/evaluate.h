/* evaluate.h - offline answer evaluation: one answer to one question in,
 * one explainable AnswerReport fragment (docs/api.md) out.
 *
 * cd_evaluate_answer() is a pure function: it reads the borrowed question
 * spec and answer, returns a NEW json_t object the caller owns (json_decref)
 * or NULL with *err set. It keeps no shared mutable state (its stemmer is
 * per call; the text layer's tables are built once and read-only), so any
 * number of threads may call it at once. How each score is computed is
 * documented for users in docs/evaluation.md; every contribution appears in
 * the returned "evidence" with the span of the answer that caused it.
 *
 * Returned object (fields of AnswerReport that depend on the answer):
 *   scores { content, relevance, structure|null, specificity, clarity, overall }  0..10
 *   talking_points { covered [{point, index, coverage, evidence: Span}],
 *                    missed [string], partial [{point, index, coverage, evidence}] }
 *   keywords { used [{term, evidence}], missed [string] }
 *   star null | { situation|task|action|result: { present, evidence: Span|null } }
 *   hedges [{phrase, evidence}], fillers [{phrase, evidence}], vague [{phrase, evidence}]
 *   evidence [{effect, dimension, reason, span: Span|null}]
 *   tips [string]
 *   signals { words, empty, coverage, missed_points [int], partial_points [int],
 *             has_example, has_result: bool|null, story, off_topic,
 *             follow_up_met: bool|null }   (read by cd_choose_follow_up)
 * Span = { start, end, text }: byte offsets into `answer`. */
#ifndef CANDOR_INTERVIEW_EVALUATE_H
#define CANDOR_INTERVIEW_EVALUATE_H

#include <jansson.h>
#include <stdbool.h>

#include "base/err.h"
#include "interview/question.h"

/* Limits on what the evaluator accepts (the API allows 10,000 characters). */
#define CD_EVAL_MAX_ANSWER_BYTES (48 * 1024)
#define CD_EVAL_MAX_POINTS 16
#define CD_EVAL_MAX_KEYWORDS 40
#define CD_EVAL_MAX_TIPS 6

/* An empty or whitespace-only answer is valid input: scores 0 and a tip.
 * Errors: CD_EINVAL (no question, invalid UTF-8, NUL byte, too many
 * points/keywords, follow-up missing when is_follow_up), CD_ETOOBIG (answer
 * over CD_EVAL_MAX_ANSWER_BYTES), CD_EINTERNAL (out of memory). */
json_t *cd_evaluate_answer(const cd_question_spec *q, const char *answer, long long duration_ms,
                           bool is_follow_up, const cd_follow_up *follow_up, cd_err *err);

#endif
