/* resume.c - cd_docs_resume_parse: runs the section, contact, job, degree
 * and skill finders and counts the bullet facts the ATS score uses. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "docs/resume.h"

/* Action verbs a strong bullet starts with (past and present forms). */
static const char *const action_verbs[] = {
    "accelerated",  "achieved",    "added",        "analyzed",    "architected",  "automated",
    "boosted",      "built",       "championed",   "coached",     "collaborated", "configured",
    "consolidated", "contributed", "coordinated",  "created",     "cut",          "debugged",
    "decreased",    "defined",     "delivered",    "deployed",    "designed",     "developed",
    "directed",     "doubled",     "drove",        "eliminated",  "enabled",      "engineered",
    "established",  "evaluated",   "expanded",     "facilitated", "fixed",        "founded",
    "generated",    "grew",        "guided",       "halved",      "hired",        "identified",
    "implemented",  "improved",    "increased",    "initiated",   "integrated",   "introduced",
    "launched",     "led",         "maintained",   "managed",     "mentored",     "migrated",
    "modernized",   "monitored",   "negotiated",   "optimized",   "orchestrated", "organized",
    "overhauled",   "owned",       "partnered",    "pioneered",   "planned",      "presented",
    "produced",     "prototyped",  "published",    "rebuilt",     "redesigned",   "reduced",
    "refactored",   "replaced",    "researched",   "resolved",    "restructured", "revamped",
    "saved",        "scaled",      "secured",      "shipped",     "simplified",   "spearheaded",
    "standardized", "streamlined", "strengthened", "supervised",  "taught",       "tested",
    "trained",      "transformed", "tripled",      "troubleshot", "upgraded",     "wrote",
    "build",        "design",      "develop",      "lead",        "manage",       "implement",
    "own",          "create",      "maintain",
};

bool cd_docs_is_action_verb(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof(action_verbs) / sizeof(action_verbs[0]); i++)
        if (strlen(action_verbs[i]) == n && strncasecmp(action_verbs[i], w, n) == 0)
            return true;
    return false;
}

const cd_docs_section *cd_docs_resume_section(const cd_docs_resume *r, cd_docs_section_id id)
{
    for (size_t i = 0; i < r->n_sections; i++)
        if (r->sections[i].id == id)
            return &r->sections[i];
    return NULL;
}

size_t cd_docs_bullet_prefix(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == ' ')
        i++;
    static const char *const marks[] = {"\xe2\x80\xa2",
                                        "\xe2\x96\xaa",
                                        "\xe2\x97\xa6",
                                        "\xe2\x80\x93",
                                        "\xe2\x97\x8f",
                                        "\xe2\x96\xa0",
                                        "\xef\x82\xb7", /* Word's Symbol-font bullet (U+F0B7) */
                                        "-",
                                        "*",
                                        "+"};
    for (size_t k = 0; k < sizeof(marks) / sizeof(marks[0]); k++) {
        size_t l = strlen(marks[k]);
        if (i + l < n && memcmp(s + i, marks[k], l) == 0 && s[i + l] == ' ')
            return i + l + 1;
    }
    return 0;
}

static bool has_number(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (isdigit((unsigned char)s[i]) || s[i] == '%' || s[i] == '$')
            return true;
    return false;
}

static void count_words_and_bullets(cd_docs_resume *r, const char *text, size_t len)
{
    bool in_word = false;
    for (size_t i = 0; i < len; i++) {
        bool w = !isspace((unsigned char)text[i]);
        if (w && !in_word)
            r->words++;
        in_word = w;
    }
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        size_t b = cd_docs_bullet_prefix(text + i, e - i);
        if (b) {
            r->bullets++;
            const char *s = text + i + b;
            size_t n = e - i - b;
            if (has_number(s, n))
                r->bullets_quantified++;
            size_t w = 0;
            while (w < n && isalpha((unsigned char)s[w]))
                w++;
            if (cd_docs_is_action_verb(s, w))
                r->bullets_action++;
        }
        i = e + 1;
    }
}

int cd_docs_resume_parse(const cd_docs_taxonomy *tax, const char *text, size_t len, int now,
                         cd_docs_resume *r, cd_err *err)
{
    memset(r, 0, sizeof(*r));
    if (!text)
        return cd_err_set(err, CD_EINVAL, "resume", "no text");
    r->n_sections = cd_docs_find_sections(text, len, r->sections, CD_DOCS_MAX_SECTIONS);
    cd_docs_find_contact(text, len, &r->contact);

    /* Jobs come from the experience sections; with none found, from the
     * whole text minus education (a resume without headings). */
    bool any_exp = false;
    for (size_t i = 0; i < r->n_sections; i++) {
        const cd_docs_section *s = &r->sections[i];
        if (s->id != CD_SEC_EXPERIENCE)
            continue;
        any_exp = true;
        int problems = 0;
        char problem[160];
        size_t got = cd_docs_find_jobs(text + s->start, s->end - s->start, s->start, now,
                                       r->jobs + r->n_jobs, CD_DOCS_MAX_JOBS - r->n_jobs, &problems,
                                       problem, sizeof(problem));
        r->n_jobs += got;
        if (problems && !r->date_problems)
            snprintf(r->date_problem, sizeof(r->date_problem), "%s", problem);
        r->date_problems += problems;
    }
    if (!any_exp) {
        const cd_docs_section *edu = NULL;
        for (size_t i = 0; i < r->n_sections; i++)
            if (r->sections[i].id == CD_SEC_EDUCATION)
                edu = &r->sections[i];
        size_t end = edu ? edu->start : len;
        r->n_jobs = cd_docs_find_jobs(text, end, 0, now, r->jobs, CD_DOCS_MAX_JOBS,
                                      &r->date_problems, r->date_problem, sizeof(r->date_problem));
    }
    r->years = cd_docs_total_years(r->jobs, r->n_jobs);
    /* The most recent title (listed first) speaks for the current level. */
    r->seniority =
        r->n_jobs ? cd_docs_seniority_of(r->years, r->jobs[0].title) : CD_SENIORITY_UNKNOWN;

    const cd_docs_section *edu = cd_docs_resume_section(r, CD_SEC_EDUCATION);
    if (edu)
        r->n_degrees = cd_docs_find_degrees(text + edu->start, edu->end - edu->start, r->degrees,
                                            CD_DOCS_MAX_DEGREES);
    else
        r->n_degrees = cd_docs_find_degrees(text, len, r->degrees, CD_DOCS_MAX_DEGREES);

    if (tax && cd_docs_skills_match(tax, text, len, 0, &r->skills) != 0) {
        cd_docs_resume_free(r);
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory matching skills");
    }
    count_words_and_bullets(r, text, len);
    return 0;
}

void cd_docs_resume_free(cd_docs_resume *r)
{
    if (r)
        cd_docs_skill_hits_free(&r->skills);
}
