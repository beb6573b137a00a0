/* report_json.h - jansson views of the docs results for the API and UI.
 *
 * Every function returns a NEW reference (the caller json_decref()s it), or
 * NULL only when memory runs out. Offsets ("start", "end", "first", "line")
 * are byte offsets into the extracted text so the UI can highlight the
 * evidence. Pure functions: any thread may call. */
#ifndef CANDOR_DOCS_REPORT_JSON_H
#define CANDOR_DOCS_REPORT_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "docs/ats.h"
#include "docs/extract.h"
#include "docs/jd.h"
#include "docs/match.h"
#include "docs/resume.h"
#include "docs/skills.h"

/* Topics kept at most, whatever `max` asks. */
#define CD_DOCS_TOPICS_MAX 64

/* contact, sections, jobs, years, seniority, degrees, skills, layout,
 * format, words, bullets (t may be NULL: no layout/format). */
json_t *cd_docs_resume_to_json(const cd_docs_taxonomy *tax, const cd_docs_text *t,
                               const cd_docs_resume *r);
json_t *cd_docs_jd_to_json(const cd_docs_taxonomy *tax, const cd_docs_jd *jd);
json_t *cd_docs_match_to_json(const cd_docs_taxonomy *tax, const cd_docs_match *m);
json_t *cd_docs_ats_to_json(const cd_docs_ats *a);

/* Interview topics from a resume (+ optional JD/match): up to max entries,
 * each {"skill": name, "category": ..., "why": "listed in your skills and
 * used at <job>" | "required by the job description but not on your
 * resume" | "project: <line>", "kind": "matched"|"gap"|"project"}. About
 * half are matched skills (by JD weight; by mentions without a JD), a
 * quarter project skills, then gaps (required first); unused quota flows
 * to the others; one topic per skill. Order: matched, projects, gaps.
 * `text` is the resume text the offsets in r point into. */
json_t *cd_docs_topics_to_json(const cd_docs_taxonomy *tax, const char *text,
                               const cd_docs_resume *r, const cd_docs_jd *jd,
                               const cd_docs_match *m, size_t max);

#endif
