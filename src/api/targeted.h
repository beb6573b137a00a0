/* targeted.h - internal to src/api: aiming an interview plan at a resume
 * and a job description (targeted.c). Pure function of its inputs; worker
 * threads. */
#ifndef CANDOR_API_TARGETED_H
#define CANDOR_API_TARGETED_H

#include <jansson.h>

#include "base/err.h"
#include "docs/skills.h"

/* plan: question objects from cd_plan_interview(); topics: the match's
 * "topics" array; pool: active technical bank questions (any role);
 * recent: ids to avoid. *plan_out: array of question ids or generated
 * question objects (see cd_interview_new); *why_out: parallel array of
 * reasons (null for untargeted slots). Both new references. */
int api_target_plan(const cd_docs_taxonomy *tax, const char *role, const char *difficulty,
                    json_t *plan, json_t *topics, json_t *pool, json_t *recent, json_t **plan_out,
                    json_t **why_out, cd_err *err);

#endif
