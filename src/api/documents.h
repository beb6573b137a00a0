/* documents.h - internal to src/api: what the interview routes use from the
 * resume and job-description routes (documents.c). Worker threads only. */
#ifndef CANDOR_API_DOCUMENTS_H
#define CANDOR_API_DOCUMENTS_H

#include "api/api.h"

/* {resume_id, job_id, match (null without a job), ats, topics} for a stored
 * resume and an optional stored job (store rows as returned by
 * cd_store_document_get). New reference in *out. */
int api_match_compute(api_ctx *c, json_t *resume_doc, json_t *job_doc, json_t **out, cd_err *e);

/* The caller's own document of `kind` (store row), else NULL with
 * CD_ENOTFOUND naming the request field (resume_id / job_id). */
json_t *api_document_for_interview(api_ctx *c, long long id, const char *kind, cd_err *e);

#endif
