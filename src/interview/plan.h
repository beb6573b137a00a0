/* plan.h - chooses the questions of a new interview.
 *
 * The plan mixes about 70% technical and 30% behavioural questions (for the
 * HR role: half HR questions, half behavioural) and rises in difficulty
 * around the chosen level: "easy" runs easy -> medium, "medium" easy ->
 * hard, "hard" medium -> hard. Questions the student saw recently are
 * avoided while others are available. Pure function; thread-safe. */
#ifndef CANDOR_INTERVIEW_PLAN_H
#define CANDOR_INTERVIEW_PLAN_H

#include <jansson.h>
#include "base/err.h"

#define CD_PLAN_MIN_LENGTH 1
#define CD_PLAN_MAX_LENGTH 20

/* primary_pool: the role's main questions (technical, or hr for HR);
 * behavioural_pool: behavioural questions for the role and general ones.
 * Each is a JSON array of question objects with "id" and "difficulty".
 * recent_ids: array of question ids to avoid (may be NULL).
 * Returns a new array of `length` question objects (borrowed from the pools,
 * with their own references), in asking order. CD_EUNPROCESSABLE when the
 * pools together hold fewer than `length` questions. */
json_t *cd_plan_interview(const char *role, const char *difficulty, int length,
                          json_t *primary_pool, json_t *behavioural_pool, json_t *recent_ids,
                          unsigned long long seed, cd_err *err);

/* The target difficulty rank (0 easy .. 2 hard) of position i of n. */
int cd_plan_target_rank(int level, int i, int n);
/* How many of n questions are behavioural. */
int cd_plan_behavioural_count(const char *role, int n);

#endif
