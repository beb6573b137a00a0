/* followup.h - whether to ask one follow-up after a main answer, and which.
 *
 * Reads the evaluation made by cd_evaluate_answer() (its "signals") and the
 * question's bank follow-ups. Order of preference:
 *   1. a bank follow-up whose trigger matches what the answer lacked:
 *      behavioural/story questions first "no_result", then "missing_point"
 *      (the missed or half-covered talking point with the lowest index that
 *      has one), then "no_example", then "shallow" (a short answer);
 *   2. otherwise a follow-up generated from a template naming the missed
 *      talking point, the missing result, or asking for an example.
 * No follow-up when the answer is empty or already strong (covers most
 * talking points and has an example; for stories also a result).
 *
 * Pure function: fills the caller's *out; any thread may call. */
#ifndef CANDOR_INTERVIEW_FOLLOWUP_H
#define CANDOR_INTERVIEW_FOLLOWUP_H

#include <jansson.h>
#include <stdbool.h>

#include "base/err.h"
#include "interview/question.h"

/* Coverage at or above which an answer with an example needs no follow-up. */
#define CD_FOLLOW_UP_STRONG_COVERAGE 0.75

typedef struct cd_follow_up_choice {
    bool ask;
    char text[1024];
    char trigger[24];
    int point;        /* talking point the follow-up is about; -1 */
    char reason[256]; /* shown in the report: why it was asked (or why not) */
} cd_follow_up_choice;

/* Returns 0 and fills *out (ask=false when none is needed), or CD_EINVAL
 * when q/evaluation/out is missing or the evaluation is not an object. */
int cd_choose_follow_up(const cd_question_spec *q, const json_t *evaluation,
                        cd_follow_up_choice *out, cd_err *err);

#endif
