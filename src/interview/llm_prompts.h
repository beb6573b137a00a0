/* llm_prompts.h - the prompts the AI interviewer sends: a follow-up question
 * generator and a structured answer evaluator, both built from the
 * interview context (role, difficulty, resume summary, job description,
 * previous answers, the current question and answer).
 *
 * Candidate-supplied text (resume, JD, answers) is cut to explicit limits at
 * a UTF-8 boundary and fenced in tags the system prompt declares to be data,
 * never instructions (a first line of defence against prompt injection; the
 * evaluator's output is validated anyway, see llm_eval.h).
 *
 * The context is borrowed; a cd_llm_prompt owns its strings (free with
 * cd_llm_prompt_free) and its msgs point into them. Pure functions: any
 * thread may call. */
#ifndef CANDOR_INTERVIEW_LLM_PROMPTS_H
#define CANDOR_INTERVIEW_LLM_PROMPTS_H

#include <stddef.h>

#include "base/err.h"
#include "interview/llm.h"
#include "interview/question.h"

#define CD_LLM_PROMPT_MAX_CONTEXT_BYTES 4000 /* resume summary, JD */
#define CD_LLM_PROMPT_MAX_ANSWER_BYTES 8000
#define CD_LLM_PROMPT_MAX_PREVIOUS 6          /* most recent turns kept */
#define CD_LLM_PROMPT_MAX_PREVIOUS_BYTES 1200 /* per previous answer */

typedef struct cd_llm_turn {
    const char *question, *answer;
} cd_llm_turn;

typedef struct cd_llm_context {
    const char *role, *difficulty;    /* e.g. "backend engineer", "medium" */
    const char *resume_summary;       /* may be NULL */
    const char *job_description;      /* may be NULL */
    const cd_question_spec *question; /* required */
    const char *answer;               /* required (may be empty) */
    const cd_llm_turn *previous;      /* earlier questions and answers, oldest first */
    size_t n_previous;
} cd_llm_context;

typedef struct cd_llm_prompt {
    char *system, *user;
    cd_llm_message msgs[2];
    size_t n_msgs;
} cd_llm_prompt;

/* Both return 0, or CD_EINVAL (no question/answer) / CD_EINTERNAL. */
int cd_llm_prompt_follow_up(const cd_llm_context *ctx, cd_llm_prompt *out, cd_err *err);
int cd_llm_prompt_evaluation(const cd_llm_context *ctx, cd_llm_prompt *out, cd_err *err);
void cd_llm_prompt_free(cd_llm_prompt *p);

#endif
