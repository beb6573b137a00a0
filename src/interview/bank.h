/* bank.h - the rules of the question bank: which roles, difficulties and
 * types exist, and what a valid question looks like. Used by the seed loader
 * (curated files) and the API (coordinator edits), so both enforce the same
 * rules. Pure functions; thread-safe. */
#ifndef CANDOR_INTERVIEW_BANK_H
#define CANDOR_INTERVIEW_BANK_H

#include <jansson.h>
#include <stdbool.h>
#include "base/err.h"

#define CD_Q_TEXT_MIN 10
#define CD_Q_TEXT_MAX 1000
#define CD_Q_POINTS_MAX 10
#define CD_Q_POINT_LEN_MAX 300
#define CD_Q_KEYWORDS_MAX 30
#define CD_Q_KEYWORD_LEN_MAX 60
#define CD_Q_FOLLOWUPS_MAX 4
#define CD_Q_TECH_MAX 12

/* Interview roles a student can pick (NULL-terminated), with labels. */
extern const char *const cd_interview_roles[];
extern const char *const cd_interview_role_labels[];
/* Question roles: the interview roles plus "general" (behavioural, any role). */
extern const char *const cd_question_roles[];
extern const char *const cd_difficulties[];
extern const char *const cd_question_types[];
extern const char *const cd_follow_up_triggers[];

/* Validates a question object. With `curated`, an "id" slug is required and
 * allowed; otherwise "id" is rejected (the server assigns ids). The error
 * names the offending field, e.g. "talking_points[2]". */
int cd_bank_validate_question(json_t *q, bool curated, cd_err *err);
int cd_difficulty_rank(const char *d); /* easy 0, medium 1, hard 2, -1 unknown */

#endif
