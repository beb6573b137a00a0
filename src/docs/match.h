/* match.h - a resume against a job description: match percentage with the
 * formula spelled out, matched / missing / extra skills, and the gap list.
 *
 * The formula (docs/resumes.md): every JD skill has an importance
 * w = weight x (2 if required, 1 if nice to have);
 *   percent = 100 x (sum of w over matched skills) / (sum of w over all JD skills)
 * so a missing required skill costs twice what a missing nice-to-have one
 * does. A JD naming no skill gives 0 % with a formula that says so.
 *
 * The caller owns the cd_docs_match and frees it with cd_docs_match_free().
 * Pure function: any thread may call. */
#ifndef CANDOR_DOCS_MATCH_H
#define CANDOR_DOCS_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "docs/jd.h"
#include "docs/resume.h"
#include "docs/skills.h"

/* Multiplier of a required skill's weight in the formula. */
#define CD_DOCS_MATCH_REQUIRED_FACTOR 2.0

typedef struct cd_docs_match_skill {
    int skill;
    bool required;
    double weight;
} cd_docs_match_skill;

typedef struct cd_docs_match {
    double percent;    /* 0..100 */
    char formula[512]; /* the formula with the numbers filled in, for the user */
    cd_docs_match_skill *matched, *missing;
    size_t n_matched, n_missing;
    int *extra; /* resume skills the JD does not ask for */
    size_t n_extra;
    cd_docs_match_skill *gaps; /* missing, ranked by importance (required first, weight) */
    size_t n_gaps;
    bool seniority_ok;  /* resume level >= JD level (or either unknown) */
    double years_short; /* JD min_years - resume years, if positive */
} cd_docs_match;

int cd_docs_match_compute(const cd_docs_taxonomy *tax, const cd_docs_resume *r,
                          const cd_docs_jd *jd, cd_docs_match *out, cd_err *err);
void cd_docs_match_free(cd_docs_match *m);

#endif
