/* jd.h - what a job description asks for: title, role family, seniority,
 * minimum years, and the skills it names, each marked required or nice to
 * have and weighted by how much the text stresses it.
 *
 * Required vs nice to have comes from the section a skill is named in
 * ("Requirements", "Must have" vs "Nice to have", "Bonus", "Preferred") and
 * from words on its own line ("preferred", "a plus", "bonus", "ideally").
 * Weight (0..1) grows with: required, number of mentions, early position,
 * emphasis words ("strong", "expert", "deep") on the line.
 *
 * The caller owns the cd_docs_jd and frees `skills` with cd_docs_jd_free().
 * Pure function of its inputs plus a read-only taxonomy: any thread may call. */
#ifndef CANDOR_DOCS_JD_H
#define CANDOR_DOCS_JD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "docs/resume.h"
#include "docs/skills.h"

/* Skills kept per JD (the most important ones when a JD names more). */
#define CD_DOCS_JD_MAX_SKILLS 200

typedef struct cd_docs_jd_skill {
    int skill;     /* taxonomy id */
    bool required; /* false = nice to have ("preferred", "bonus", "plus") */
    double weight; /* importance in the JD, 0..1 (required > nice, mentions, position, emphasis) */
    int count;     /* mentions */
    size_t first;  /* byte offset of the first mention */
} cd_docs_jd_skill;

typedef struct cd_docs_jd {
    char title[160];             /* best guess of the job title, "" if none */
    char role_family[24];        /* one of the question-bank roles: backend frontend fullstack
                                    mobile devops ml dsa, or "" when unclear */
    cd_docs_seniority seniority; /* from title words and "N+ years" */
    double min_years;            /* largest "N+ years" requirement, 0 if none */
    cd_docs_jd_skill *skills;    /* sorted by weight, descending */
    size_t n_skills;
} cd_docs_jd;

/* Errors: CD_EINVAL (no text), CD_EUNPROCESSABLE (no words at all),
 * CD_EINTERNAL (out of memory). A JD naming no known skill is not an error. */
int cd_docs_jd_parse(const cd_docs_taxonomy *tax, const char *text, size_t len, cd_docs_jd *out,
                     cd_err *err);
void cd_docs_jd_free(cd_docs_jd *jd);

/* The role family of a title or text ("" when unclear); static string. */
const char *cd_docs_role_family_guess(const cd_docs_taxonomy *tax, const char *title,
                                      const cd_docs_jd_skill *skills, size_t n);

#endif
