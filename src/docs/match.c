/* match.c - cd_docs_match_compute: resume skills against JD skills with the
 * importance-weighted formula documented in match.h and docs/resumes.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs/match.h"

static double importance(const cd_docs_jd_skill *s)
{
    return s->weight * (s->required ? CD_DOCS_MATCH_REQUIRED_FACTOR : 1.0);
}

/* Gaps: required first, then by weight; ties by taxonomy id for a stable order. */
static int by_gap(const void *a, const void *b)
{
    const cd_docs_match_skill *x = a, *y = b;
    if (x->required != y->required)
        return x->required ? -1 : 1;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    return x->skill - y->skill;
}

int cd_docs_match_compute(const cd_docs_taxonomy *tax, const cd_docs_resume *r,
                          const cd_docs_jd *jd, cd_docs_match *m, cd_err *err)
{
    (void)tax;
    memset(m, 0, sizeof(*m));
    if (!r || !jd)
        return cd_err_set(err, CD_EINVAL, NULL, "a resume and a job description are needed");
    size_t nj = jd->n_skills, nr = r->skills.n;
    m->matched = calloc(nj ? nj : 1, sizeof(*m->matched));
    m->missing = calloc(nj ? nj : 1, sizeof(*m->missing));
    m->gaps = calloc(nj ? nj : 1, sizeof(*m->gaps));
    m->extra = calloc(nr ? nr : 1, sizeof(*m->extra));
    if (!m->matched || !m->missing || !m->gaps || !m->extra) {
        cd_docs_match_free(m);
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    }
    double got = 0, total = 0;
    size_t req_total = 0, req_got = 0;
    for (size_t i = 0; i < nj; i++) {
        const cd_docs_jd_skill *s = &jd->skills[i];
        cd_docs_match_skill ms = {.skill = s->skill, .required = s->required, .weight = s->weight};
        double w = importance(s);
        total += w;
        req_total += s->required;
        if (cd_docs_skill_hits_get(&r->skills, s->skill)) {
            m->matched[m->n_matched++] = ms;
            got += w;
            req_got += s->required;
        } else {
            m->missing[m->n_missing++] = ms;
        }
    }
    for (size_t i = 0; i < nr; i++) {
        int id = r->skills.v[i].skill;
        bool asked = false;
        for (size_t k = 0; k < nj && !asked; k++)
            asked = jd->skills[k].skill == id;
        if (!asked)
            m->extra[m->n_extra++] = id;
    }
    memcpy(m->gaps, m->missing, m->n_missing * sizeof(*m->gaps));
    m->n_gaps = m->n_missing;
    if (m->n_gaps)
        qsort(m->gaps, m->n_gaps, sizeof(*m->gaps), by_gap);

    if (total > 0) {
        m->percent = 100.0 * got / total;
        snprintf(m->formula, sizeof(m->formula),
                 "match = 100 x matched importance / total importance = 100 x %.2f / %.2f = "
                 "%.1f%% (importance of a skill = its weight in the job description x %.0f if "
                 "required, x 1 if nice to have; %zu of %zu skills matched, %zu of %zu required)",
                 got, total, m->percent, CD_DOCS_MATCH_REQUIRED_FACTOR, m->n_matched, nj, req_got,
                 req_total);
    } else {
        snprintf(m->formula, sizeof(m->formula),
                 "match = 0%%: the job description names no skill we know, so there is nothing "
                 "to match");
    }
    m->seniority_ok = jd->seniority == CD_SENIORITY_UNKNOWN ||
                      r->seniority == CD_SENIORITY_UNKNOWN || r->seniority >= jd->seniority;
    m->years_short = jd->min_years > r->years ? jd->min_years - r->years : 0;
    return 0;
}

void cd_docs_match_free(cd_docs_match *m)
{
    if (!m)
        return;
    free(m->matched);
    free(m->missing);
    free(m->gaps);
    free(m->extra);
    m->matched = m->missing = m->gaps = NULL;
    m->extra = NULL;
    m->n_matched = m->n_missing = m->n_gaps = m->n_extra = 0;
}
