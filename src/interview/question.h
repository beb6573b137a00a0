/* question.h - the question a candidate answers, as the evaluator sees it.
 *
 * Plain borrowed views: every pointer belongs to the caller (usually a
 * json_t of the question bank or a store row) and must stay valid for the
 * duration of the call that receives the spec. Nothing here allocates;
 * any thread may use a spec it owns. */
#ifndef CANDOR_INTERVIEW_QUESTION_H
#define CANDOR_INTERVIEW_QUESTION_H

#include <stddef.h>

typedef struct cd_follow_up {
    const char *text;
    const char *trigger; /* "missing_point" | "no_example" | "no_result" | "shallow" */
    int point;           /* index into talking_points for missing_point; -1 if none */
} cd_follow_up;

typedef struct cd_question_spec {
    const char *id, *role, *difficulty, *type, *text; /* type: technical|behavioural|hr */
    const char *const *talking_points;
    size_t n_talking_points;
    const char *const *keywords;
    size_t n_keywords;
    const cd_follow_up *follow_ups;
    size_t n_follow_ups;
} cd_question_spec;

#endif
