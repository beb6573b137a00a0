/* report_json.c - jansson views of resumes, JDs, matches and ATS reports,
 * and the interview topics built from them. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs/report_json.h"

/* A project line shown in a topic is cut to this many bytes. */
#define TOPIC_LINE_MAX 120

static json_t *str_or_null(const char *s)
{
    return s && s[0] ? json_string(s) : json_null();
}

/* Skill names are taxonomy strings; a bad id gives "" rather than NULL. */
static const char *skill_name(const cd_docs_taxonomy *tax, int id)
{
    const char *n = tax ? cd_docs_skill_name(tax, id) : NULL;
    return n ? n : "";
}

static const char *skill_cat(const cd_docs_taxonomy *tax, int id)
{
    const char *n = tax ? cd_docs_skill_category(tax, id) : NULL;
    return n ? n : "";
}

static json_t *month_json(int m)
{
    char b[16];
    snprintf(b, sizeof(b), "%04d-%02d", m / 12, m % 12 + 1);
    return json_string(b);
}

json_t *cd_docs_resume_to_json(const cd_docs_taxonomy *tax, const cd_docs_text *t,
                               const cd_docs_resume *r)
{
    const cd_docs_contact *c = &r->contact;
    json_t *contact = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}", "name", str_or_null(c->name), "email",
                                str_or_null(c->email), "phone", str_or_null(c->phone), "linkedin",
                                str_or_null(c->linkedin), "github", str_or_null(c->github),
                                "website", str_or_null(c->website));
    json_t *sections = json_array();
    for (size_t i = 0; i < r->n_sections; i++) {
        const cd_docs_section *s = &r->sections[i];
        json_array_append_new(sections,
                              json_pack("{s:s,s:s,s:b,s:I,s:I}", "id", cd_docs_section_name(s->id),
                                        "heading", s->heading, "standard", s->standard, "start",
                                        (json_int_t)s->start, "end", (json_int_t)s->end));
    }
    json_t *jobs = json_array();
    for (size_t i = 0; i < r->n_jobs; i++) {
        const cd_docs_job *j = &r->jobs[i];
        json_array_append_new(
            jobs, json_pack("{s:s,s:o,s:o,s:b,s:I,s:f}", "title", j->title, "start",
                            month_json(j->start), "end", month_json(j->end), "present", j->present,
                            "line", (json_int_t)j->line, "years", (j->end - j->start + 1) / 12.0));
    }
    json_t *degrees = json_array();
    for (size_t i = 0; i < r->n_degrees; i++) {
        const cd_docs_degree *d = &r->degrees[i];
        static const char *const levels[] = {"", "associate", "bachelor", "master", "doctorate"};
        json_array_append_new(degrees,
                              json_pack("{s:s,s:s,s:s,s:o}", "degree", d->degree, "level",
                                        d->level >= 1 && d->level <= 4 ? levels[d->level] : "other",
                                        "school", d->school, "year",
                                        d->year ? json_integer(d->year) : json_null()));
    }
    json_t *skills = json_array();
    for (size_t i = 0; i < r->skills.n; i++) {
        const cd_docs_skill_hit *h = &r->skills.v[i];
        json_array_append_new(skills,
                              json_pack("{s:s,s:s,s:i,s:I}", "name", skill_name(tax, h->skill),
                                        "category", skill_cat(tax, h->skill), "count", h->count,
                                        "first", (json_int_t)h->first));
    }
    json_t *o = json_pack("{s:o,s:o,s:o,s:f,s:s,s:o,s:o,s:I,s:{s:I,s:I,s:I}}", "contact", contact,
                          "sections", sections, "jobs", jobs, "years", r->years, "seniority",
                          cd_docs_seniority_name(r->seniority), "degrees", degrees, "skills",
                          skills, "words", (json_int_t)r->words, "bullets", "count",
                          (json_int_t)r->bullets, "quantified", (json_int_t)r->bullets_quantified,
                          "action_verbs", (json_int_t)r->bullets_action);
    if (!o)
        return NULL;
    json_object_set_new(o, "date_problems", json_integer(r->date_problems));
    json_object_set_new(o, "date_problem", str_or_null(r->date_problem));
    if (t) {
        json_object_set_new(o, "format", json_string(cd_docs_format_name(t->format)));
        json_object_set_new(o, "layout",
                            json_pack("{s:i,s:i,s:i,s:b,s:b}", "pages", t->layout.pages, "images",
                                      t->layout.images, "tables", t->layout.tables, "multi_column",
                                      t->layout.multi_column, "scanned", t->layout.scanned));
        json_object_set_new(o, "text_bytes", json_integer((json_int_t)t->len));
    } else {
        json_object_set_new(o, "format", json_null());
        json_object_set_new(o, "layout", json_null());
    }
    return o;
}

json_t *cd_docs_jd_to_json(const cd_docs_taxonomy *tax, const cd_docs_jd *jd)
{
    json_t *skills = json_array();
    for (size_t i = 0; i < jd->n_skills; i++) {
        const cd_docs_jd_skill *s = &jd->skills[i];
        json_array_append_new(skills, json_pack("{s:s,s:s,s:b,s:f,s:i,s:I}", "name",
                                                skill_name(tax, s->skill), "category",
                                                skill_cat(tax, s->skill), "required", s->required,
                                                "weight", s->weight, "count", s->count, "first",
                                                (json_int_t)s->first));
    }
    return json_pack("{s:o,s:o,s:s,s:f,s:o}", "title", str_or_null(jd->title), "role_family",
                     str_or_null(jd->role_family), "seniority",
                     cd_docs_seniority_name(jd->seniority), "min_years", jd->min_years, "skills",
                     skills);
}

static json_t *match_list(const cd_docs_taxonomy *tax, const cd_docs_match_skill *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s,s:s,s:b,s:f}", "name", skill_name(tax, v[i].skill),
                                           "category", skill_cat(tax, v[i].skill), "required",
                                           v[i].required, "weight", v[i].weight));
    return a;
}

json_t *cd_docs_match_to_json(const cd_docs_taxonomy *tax, const cd_docs_match *m)
{
    json_t *extra = json_array();
    for (size_t i = 0; i < m->n_extra; i++)
        json_array_append_new(extra, json_pack("{s:s,s:s}", "name", skill_name(tax, m->extra[i]),
                                               "category", skill_cat(tax, m->extra[i])));
    /* one decimal is what the formula shows */
    double pct = (double)(long)(m->percent * 10 + 0.5) / 10;
    return json_pack("{s:f,s:s,s:o,s:o,s:o,s:o,s:b,s:f}", "percent", pct, "formula", m->formula,
                     "matched", match_list(tax, m->matched, m->n_matched), "missing",
                     match_list(tax, m->missing, m->n_missing), "extra", extra, "gaps",
                     match_list(tax, m->gaps, m->n_gaps), "seniority_ok", m->seniority_ok,
                     "years_short", m->years_short);
}

json_t *cd_docs_ats_to_json(const cd_docs_ats *a)
{
    json_t *checks = json_array();
    for (size_t i = 0; i < a->n_checks; i++) {
        const cd_docs_ats_check *c = &a->checks[i];
        json_array_append_new(checks,
                              json_pack("{s:s,s:s,s:i,s:i,s:s,s:o}", "id", c->id, "label", c->label,
                                        "points", c->points, "max", c->max, "reason", c->reason,
                                        "suggestion", str_or_null(c->suggestion)));
    }
    return json_pack("{s:i,s:o}", "score", a->score, "checks", checks);
}

/* ---- interview topics ------------------------------------------------ */

typedef struct topics {
    json_t *arr;
    size_t max;
    int *seen; /* skills already used, one topic per skill */
    size_t n_seen;
    /* skills per job span and in the skills sections, matched once */
    cd_docs_skill_hits job_hits[CD_DOCS_MAX_JOBS];
    cd_docs_skill_hits listed;
} topics;

static bool seen(const topics *tp, int skill)
{
    for (size_t i = 0; i < tp->n_seen; i++)
        if (tp->seen[i] == skill)
            return true;
    return false;
}

static void put(topics *tp, const cd_docs_taxonomy *tax, int skill, const char *kind,
                const char *why)
{
    if (json_array_size(tp->arr) >= tp->max || (skill >= 0 && seen(tp, skill)))
        return;
    if (skill >= 0)
        tp->seen[tp->n_seen++] = skill;
    json_array_append_new(tp->arr,
                          json_pack("{s:s,s:s,s:s,s:s}", "skill", skill_name(tax, skill),
                                    "category", skill_cat(tax, skill), "why", why, "kind", kind));
}

/* Matches each job's span (its line to the next job's line or the end of
 * its section) and the skills sections once, so a topic costs lookups. */
static void index_resume(topics *tp, const cd_docs_taxonomy *tax, const char *text,
                         const cd_docs_resume *r)
{
    for (size_t i = 0; i < r->n_jobs; i++) {
        size_t a = r->jobs[i].line, b = 0;
        for (size_t k = 0; k < r->n_sections; k++)
            if (r->sections[k].start <= a && a < r->sections[k].end)
                b = r->sections[k].end;
        for (size_t k = 0; k < r->n_jobs; k++)
            if (r->jobs[k].line > a && r->jobs[k].line < b)
                b = r->jobs[k].line;
        if (b > a)
            cd_docs_skills_match(tax, text + a, b - a, a, &tp->job_hits[i]);
    }
    for (size_t k = 0; k < r->n_sections; k++) {
        const cd_docs_section *s = &r->sections[k];
        if (s->id == CD_SEC_SKILLS)
            cd_docs_skills_match(tax, text + s->start, s->end - s->start, s->start, &tp->listed);
    }
}

static const char *job_using(const topics *tp, const cd_docs_resume *r, int skill)
{
    for (size_t i = 0; i < r->n_jobs; i++)
        if (r->jobs[i].title[0] && cd_docs_skill_hits_get(&tp->job_hits[i], skill))
            return r->jobs[i].title;
    return NULL;
}

static void matched_topic(topics *tp, const cd_docs_taxonomy *tax, const cd_docs_resume *r,
                          int skill)
{
    if (seen(tp, skill))
        return;
    char why[256];
    const char *job = job_using(tp, r, skill);
    bool listed = cd_docs_skill_hits_get(&tp->listed, skill) != NULL;
    if (listed && job)
        snprintf(why, sizeof(why), "listed in your skills and used at %s", job);
    else if (job)
        snprintf(why, sizeof(why), "used at %s", job);
    else if (listed)
        snprintf(why, sizeof(why), "listed in your skills");
    else
        snprintf(why, sizeof(why), "mentioned on your resume");
    put(tp, tax, skill, "matched", why);
}

/* Projects: each non-bullet line of a projects section that names a skill
 * (its first), or a bullet line when the section has no other lines. */
static void project_topics(topics *tp, const cd_docs_taxonomy *tax, const char *text,
                           const cd_docs_resume *r, size_t quota)
{
    size_t added = 0;
    for (size_t k = 0; k < r->n_sections && added < quota; k++) {
        const cd_docs_section *s = &r->sections[k];
        if (s->id != CD_SEC_PROJECTS)
            continue;
        size_t i = s->start;
        while (i < s->end && added < quota) {
            const char *nl = memchr(text + i, '\n', s->end - i);
            size_t e = nl ? (size_t)(nl - text) : s->end;
            cd_docs_skill_hits h = {0};
            if (e > i && cd_docs_skills_match(tax, text + i, e - i, i, &h) == 0 && h.n) {
                int skill = -1;
                for (size_t j = 0; j < h.n && skill < 0; j++)
                    if (!seen(tp, h.v[j].skill))
                        skill = h.v[j].skill;
                if (skill >= 0) {
                    const char *p = text + i;
                    size_t n = e - i;
                    while (n && (isspace((unsigned char)*p) || *p == '-' || *p == '*' ||
                                 (unsigned char)*p >= 0x80)) {
                        p++;
                        n--;
                    }
                    if (n > TOPIC_LINE_MAX)
                        n = TOPIC_LINE_MAX;
                    char why[TOPIC_LINE_MAX + 16];
                    snprintf(why, sizeof(why), "project: %.*s", (int)n, p);
                    size_t before = json_array_size(tp->arr);
                    put(tp, tax, skill, "project", why);
                    added += json_array_size(tp->arr) > before;
                }
            }
            cd_docs_skill_hits_free(&h);
            i = e + 1;
        }
    }
}

static void topics_free(topics *tp)
{
    for (size_t i = 0; i < CD_DOCS_MAX_JOBS; i++)
        cd_docs_skill_hits_free(&tp->job_hits[i]);
    cd_docs_skill_hits_free(&tp->listed);
}

json_t *cd_docs_topics_to_json(const cd_docs_taxonomy *tax, const char *text,
                               const cd_docs_resume *r, const cd_docs_jd *jd,
                               const cd_docs_match *m, size_t max)
{
    if (max > CD_DOCS_TOPICS_MAX)
        max = CD_DOCS_TOPICS_MAX;
    topics tp = {.arr = json_array(), .max = max};
    if (text)
        index_resume(&tp, tax, text, r);
    size_t cap = r->skills.n + (jd ? jd->n_skills : 0) + 1;
    tp.seen = calloc(cap, sizeof(int));
    if (!tp.arr || !tp.seen) {
        json_decref(tp.arr);
        free(tp.seen);
        topics_free(&tp);
        return NULL;
    }
    /* Quotas keep a mix when max is small: half on matched skills, a
     * quarter on projects, the rest on gaps; unused quota flows on. */
    size_t q_match = (max + 1) / 2, q_proj = max / 4;
    if (jd && m) {
        for (size_t i = 0; i < m->n_matched && json_array_size(tp.arr) < q_match; i++)
            matched_topic(&tp, tax, r, m->matched[i].skill);
    } else {
        /* Without a JD: the skills the resume stresses most (mentions). */
        size_t n = r->skills.n;
        int *order = calloc(n ? n : 1, sizeof(int));
        if (order) {
            for (size_t i = 0; i < n; i++)
                order[i] = (int)i;
            for (size_t i = 1; i < n; i++)
                for (size_t j = i;
                     j > 0 && r->skills.v[order[j]].count > r->skills.v[order[j - 1]].count; j--) {
                    int t = order[j];
                    order[j] = order[j - 1];
                    order[j - 1] = t;
                }
            for (size_t i = 0; i < n && json_array_size(tp.arr) < q_match; i++)
                matched_topic(&tp, tax, r, r->skills.v[order[i]].skill);
            free(order);
        }
    }
    if (text)
        project_topics(&tp, tax, text, r, q_proj);
    if (m)
        for (size_t i = 0; i < m->n_gaps; i++)
            put(&tp, tax, m->gaps[i].skill, "gap",
                m->gaps[i].required ? "required by the job description but not on your resume"
                                    : "nice to have in the job description, not on your resume");
    /* Fill what is left with more matched skills. */
    if (m)
        for (size_t i = 0; i < m->n_matched; i++)
            matched_topic(&tp, tax, r, m->matched[i].skill);
    for (size_t i = 0; i < r->skills.n; i++)
        matched_topic(&tp, tax, r, r->skills.v[i].skill);
    free(tp.seen);
    topics_free(&tp);
    return tp.arr;
}
