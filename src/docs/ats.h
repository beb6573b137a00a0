/* ats.h - the ATS (applicant tracking system) readiness score of a resume:
 * 0..100, the sum of fixed-weight checks, each with its reason (with the
 * numbers) and a concrete suggestion when it lost points. Every check and
 * its points are listed in docs/resumes.md.
 *
 * With no job description (jd and m NULL) the "keywords" check is scored
 * on the breadth of skills instead: full points for naming at least
 * CD_DOCS_ATS_MIN_SKILLS taxonomy skills anywhere in the resume,
 * proportional below, and its reason says no job
 * description was chosen. The maxes always sum to 100.
 *
 * Fills a caller-owned struct (no allocation, nothing to free). Pure
 * function: any thread may call. */
#ifndef CANDOR_DOCS_ATS_H
#define CANDOR_DOCS_ATS_H

#include <stddef.h>

#include "base/err.h"
#include "docs/extract.h"
#include "docs/jd.h"
#include "docs/match.h"
#include "docs/resume.h"

#define CD_DOCS_ATS_MAX_CHECKS 24
/* Without a JD, a resume naming this many known skills gets full keyword points. */
#define CD_DOCS_ATS_MIN_SKILLS 8

typedef struct cd_docs_ats_check {
    char id[32];          /* stable machine id: "text_layer", "headings", "contact", "dates",
                             "length", "bullets", "quantified", "action_verbs", "keywords",
                             "layout" */
    char label[64];       /* short human title */
    int points, max;      /* earned / possible; the maxes sum to 100 */
    char reason[256];     /* why these points, with the numbers */
    char suggestion[256]; /* concrete fix, "" when full marks */
} cd_docs_ats_check;

typedef struct cd_docs_ats {
    int score; /* 0..100 = sum of points */
    cd_docs_ats_check checks[CD_DOCS_ATS_MAX_CHECKS];
    size_t n_checks;
} cd_docs_ats;

/* jd and m may be NULL (see above). */
int cd_docs_ats_score(const cd_docs_text *t, const cd_docs_resume *r, const cd_docs_jd *jd,
                      const cd_docs_match *m, cd_docs_ats *out, cd_err *err);

#endif
