/* jd.c - cd_docs_jd_parse: a job description's title, role family,
 * seniority, minimum years and weighted skills.
 *
 * The text is read line by line. A short line that names a requirement
 * block ("Requirements", "Must have", "What you bring") or a nice-to-have
 * block ("Nice to have", "Bonus points", "Preferred qualifications") sets
 * the mode for the lines under it; words on a line ("preferred", "a plus",
 * "ideally") make that line's skills nice to have whatever the block. A
 * skill named anywhere as required is required. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docs/jd.h"

/* A block heading is a short line: at most this many words. */
#define JD_HEADING_MAX_WORDS 7
/* Title candidates are looked for in this many first non-empty lines. */
#define JD_TITLE_LINES 12
/* A "N years" figure above this is not a requirement (a company age, ...). */
#define JD_MAX_YEARS 25

typedef enum { MODE_NEUTRAL, MODE_REQUIRED, MODE_NICE, MODE_OFFTOPIC } jd_mode;

/* Case-insensitive whole-word (or whole-phrase) search in s[0..n). */
static bool has_phrase(const char *s, size_t n, const char *p)
{
    size_t l = strlen(p);
    for (size_t i = 0; i + l <= n; i++) {
        if (strncasecmp(s + i, p, l) != 0)
            continue;
        bool left = i == 0 || !isalnum((unsigned char)s[i - 1]);
        bool right = i + l == n || !isalnum((unsigned char)s[i + l]);
        if (left && right)
            return true;
    }
    return false;
}

static bool has_any(const char *s, size_t n, const char *const *list)
{
    for (size_t k = 0; list[k]; k++)
        if (has_phrase(s, n, list[k]))
            return true;
    return false;
}

static const char *const nice_words[] = {
    "nice to have", "nice-to-have", "nice to haves",  "good to have", "bonus",
    "bonus points", "preferred",    "a plus",         "is a plus",    "are a plus",
    "plus:",        "desirable",    "ideally",        "optional",     "extra credit",
    "advantage",    "an advantage", "would be great", "not required", NULL};
static const char *const required_words[] = {"requirements",
                                             "required",
                                             "must have",
                                             "must-have",
                                             "must haves",
                                             "must",
                                             "what you need",
                                             "what you'll need",
                                             "what you will need",
                                             "what you bring",
                                             "you have",
                                             "you bring",
                                             "who you are",
                                             "qualifications",
                                             "minimum qualifications",
                                             "basic qualifications",
                                             "we are looking for",
                                             "we're looking for",
                                             "what we look for",
                                             "what we're looking for",
                                             "essential",
                                             "skills",
                                             "experience",
                                             "responsibilities",
                                             "what you'll do",
                                             "what you will do",
                                             "tech stack",
                                             "our stack",
                                             NULL};
static const char *const offtopic_words[] = {
    "benefits",     "perks",        "about us", "about the company",
    "who we are",   "compensation", "salary",   "equal opportunity",
    "how to apply", "our values",   "why join", NULL};
static const char *const emphasis_words[] = {
    "strong",   "expert", "expertise", "deep",    "extensive", "proficient", "proficiency",
    "advanced", "solid",  "excellent", "mastery", "in-depth",  "hands-on",   NULL};

/* Words a title line carries. */
static const char *const role_words[] = {
    "engineer", "developer",  "programmer",    "scientist",  "architect", "sre",
    "devops",   "analyst",    "administrator", "designer",   "manager",   "lead",
    "intern",   "specialist", "consultant",    "researcher", NULL};

static size_t count_words(const char *s, size_t n)
{
    size_t w = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool c = !isspace((unsigned char)s[i]);
        if (c && !in)
            w++;
        in = c;
    }
    return w;
}

/* Bare headings (no colon) must be exactly one of these phrases, so a line
 * such as "Experience with Rust" inside a block does not switch blocks. */
static const char *const bare_required[] = {"requirements",
                                            "required skills",
                                            "required qualifications",
                                            "must have",
                                            "must haves",
                                            "must-haves",
                                            "qualifications",
                                            "minimum qualifications",
                                            "basic qualifications",
                                            "responsibilities",
                                            "what you need",
                                            "what you'll need",
                                            "what you will need",
                                            "what you bring",
                                            "who you are",
                                            "what we're looking for",
                                            "what we are looking for",
                                            "skills",
                                            "required",
                                            "key requirements",
                                            "tech stack",
                                            "your profile",
                                            "the role",
                                            "what you'll do",
                                            "what you will do",
                                            "about the role",
                                            "key skills",
                                            NULL};
static const char *const bare_nice[] = {"nice to have",
                                        "nice to haves",
                                        "nice-to-have",
                                        "nice-to-haves",
                                        "bonus",
                                        "bonus points",
                                        "preferred",
                                        "preferred qualifications",
                                        "preferred skills",
                                        "good to have",
                                        "desirable",
                                        "pluses",
                                        "extra credit",
                                        "desired skills",
                                        "it's a plus",
                                        NULL};
static const char *const bare_off[] = {
    "benefits",   "perks",        "about us",      "about the company",
    "who we are", "compensation", "salary",        "how to apply",
    "our values", "why join us",  "what we offer", "equal opportunity",
    NULL};

static bool bullet_line(const char *s, size_t n)
{
    while (n && *s == ' ') {
        s++;
        n--;
    }
    return n >= 2 && (((*s == '-' || *s == '*' || *s == '+') && s[1] == ' ') ||
                      (n >= 3 && (unsigned char)s[0] == 0xe2));
}

static bool in_list(const char *folded, const char *const *list)
{
    for (size_t k = 0; list[k]; k++)
        if (!strcmp(folded, list[k]))
            return true;
    return false;
}

/* The mode a heading line sets, or -1 when the line is not a heading. */
static int heading_mode(const char *s, size_t n)
{
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    while (n && (isspace((unsigned char)*s) || *s == '#')) {
        s++;
        n--;
    }
    size_t words = count_words(s, n);
    if (words == 0 || words > JD_HEADING_MAX_WORDS || bullet_line(s, n))
        return -1;
    if (s[n - 1] == ':') {
        if (has_any(s, n, nice_words))
            return MODE_NICE;
        if (has_any(s, n, offtopic_words))
            return MODE_OFFTOPIC;
        if (has_any(s, n, required_words))
            return MODE_REQUIRED;
        return MODE_NEUTRAL;
    }
    char folded[64];
    size_t k = 0;
    for (size_t j = 0; j < n && k < sizeof(folded) - 1; j++) {
        char c = (char)tolower((unsigned char)s[j]);
        if (c == '*' || c == '!')
            continue;
        folded[k++] = c;
    }
    folded[k] = 0;
    while (k && folded[k - 1] == ' ')
        folded[--k] = 0;
    if (in_list(folded, bare_nice))
        return MODE_NICE;
    if (in_list(folded, bare_off))
        return MODE_OFFTOPIC;
    if (in_list(folded, bare_required))
        return MODE_REQUIRED;
    return -1;
}

/* "5+ years", "3-5 years", "at least 4 years", "minimum of 2 yrs": the
 * smallest number of a range, kept when the line is about experience. */
static double years_in_line(const char *s, size_t n)
{
    double best = 0;
    bool about_exp = has_phrase(s, n, "experience") || has_phrase(s, n, "exp") ||
                     has_phrase(s, n, "at least") || has_phrase(s, n, "minimum") ||
                     has_phrase(s, n, "professional");
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]) || (i > 0 && isalnum((unsigned char)s[i - 1])))
            continue;
        char *end = NULL;
        char num[16];
        size_t k = 0;
        while (i + k < n && k < sizeof(num) - 1 &&
               (isdigit((unsigned char)s[i + k]) || s[i + k] == '.'))
            k++;
        memcpy(num, s + i, k);
        num[k] = 0;
        double v = strtod(num, &end);
        size_t j = i + k;
        bool plus = false;
        while (j < n && (s[j] == ' ' || s[j] == '+')) {
            plus |= s[j] == '+';
            j++;
        }
        /* a range "3-5", "3 - 5", "3 to 5", "3–5" */
        if (j < n && (s[j] == '-' || strncmp(s + j, "\xe2\x80\x93", 3) == 0 ||
                      (j + 2 < n && strncasecmp(s + j, "to", 2) == 0 && s[j + 2] == ' '))) {
            j += s[j] == '-' ? 1 : s[j] == '\xe2' ? 3 : 2;
            while (j < n && s[j] == ' ')
                j++;
            while (j < n && (isdigit((unsigned char)s[j]) || s[j] == '+' || s[j] == ' '))
                j++;
        }
        bool unit = (j + 4 <= n && strncasecmp(s + j, "year", 4) == 0) ||
                    (j + 3 <= n && strncasecmp(s + j, "yrs", 3) == 0);
        if (unit && (plus || about_exp) && v > 0 && v <= JD_MAX_YEARS && v > best)
            best = v;
        i = j;
    }
    return best;
}

static bool title_line(const char *s, size_t n)
{
    size_t w = count_words(s, n);
    return w > 0 && w <= 12 && n < 160 && has_any(s, n, role_words);
}

static void trim_copy(char *out, size_t cap, const char *s, size_t n)
{
    while (n && (isspace((unsigned char)*s) || *s == '#' || *s == '*')) {
        s++;
        n--;
    }
    while (n && (isspace((unsigned char)s[n - 1]) || s[n - 1] == ':' || s[n - 1] == '*'))
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, s, n);
    out[n] = 0;
}

/* "Job title: X", "Position: X", "Role: X" wins; else the first short line
 * among the first ones that carries a role word. */
static void find_title(const char *text, size_t len, char *out, size_t cap)
{
    static const char *const prefixes[] = {"job title:", "title:", "position:", "role:", NULL};
    size_t i = 0, seen = 0;
    out[0] = 0;
    char fallback[160] = "";
    while (i < len && seen < JD_TITLE_LINES) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        const char *s = text + i;
        size_t n = e - i;
        while (n && isspace((unsigned char)*s)) {
            s++;
            n--;
        }
        if (n) {
            seen++;
            for (size_t k = 0; prefixes[k]; k++) {
                size_t l = strlen(prefixes[k]);
                if (n > l && strncasecmp(s, prefixes[k], l) == 0) {
                    trim_copy(out, cap, s + l, n - l);
                    return;
                }
            }
            if (!fallback[0] && title_line(s, n) && heading_mode(s, n) < 0)
                trim_copy(fallback, sizeof(fallback), s, n);
        }
        i = e + 1;
    }
    snprintf(out, cap, "%s", fallback);
}

typedef struct fam_rule {
    const char *family;
    const char *const *words;
} fam_rule;

static const char *const w_full[] = {"full stack", "full-stack", "fullstack", NULL};
static const char *const w_mobile[] = {"mobile", "ios", "android", "flutter", "react native", NULL};
static const char *const w_front[] = {
    "frontend", "front-end", "front end", "ui engineer", "web developer", "react developer", NULL};
static const char *const w_ml[] = {
    "machine learning", "ml",    "ai", "data scientist", "deep learning", "nlp",
    "computer vision",  "mlops", NULL};
static const char *const w_devops[] = {
    "devops",    "sre", "site reliability", "platform engineer", "infrastructure", "cloud engineer",
    "devsecops", NULL};
static const char *const w_back[] = {"backend", "back-end", "back end", "api", "server-side", NULL};
static const fam_rule fam_rules[] = {
    {"fullstack", w_full}, {"mobile", w_mobile}, {"frontend", w_front},
    {"ml", w_ml},          {"devops", w_devops}, {"backend", w_back},
};

const char *cd_docs_role_family_guess(const cd_docs_taxonomy *tax, const char *title,
                                      const cd_docs_jd_skill *skills, size_t n)
{
    size_t tl = title ? strlen(title) : 0;
    for (size_t k = 0; k < sizeof(fam_rules) / sizeof(fam_rules[0]); k++)
        if (tl && has_any(title, tl, fam_rules[k].words))
            return fam_rules[k].family;
    /* From the weight of the skills by category. */
    double front = 0, back = 0, mobile = 0, devops = 0, ml = 0, algo = 0, total = 0;
    for (size_t i = 0; i < n && tax; i++) {
        const char *cat = cd_docs_skill_category(tax, skills[i].skill);
        const char *name = cd_docs_skill_name(tax, skills[i].skill);
        double w = skills[i].weight;
        if (!cat)
            continue;
        total += w;
        if (!strcmp(cat, "Frontend"))
            front += w;
        else if (!strcmp(cat, "Backend") || !strcmp(cat, "Databases"))
            back += w;
        else if (!strcmp(cat, "Mobile"))
            mobile += w;
        else if (!strcmp(cat, "Cloud and DevOps"))
            devops += w;
        else if (!strcmp(cat, "Data and machine learning"))
            ml += w;
        else if (name && (!strcmp(name, "Algorithms") || !strcmp(name, "Data structures")))
            algo += w;
    }
    if (total <= 0)
        return "";
    if (front >= 0.2 * total && back >= 0.2 * total)
        return "fullstack";
    struct {
        const char *f;
        double v;
    } c[] = {{"frontend", front}, {"backend", back}, {"mobile", mobile},
             {"devops", devops},  {"ml", ml},        {"dsa", algo}};
    size_t best = 0;
    for (size_t k = 1; k < sizeof(c) / sizeof(c[0]); k++)
        if (c[k].v > c[best].v)
            best = k;
    /* A family must carry a fair share of the JD, else it is unclear. */
    return c[best].v >= 0.25 * total ? c[best].f : "";
}

typedef struct acc {
    int skill;
    bool required, any_mode;
    int count;
    size_t first;
    bool emphasis;
} acc;

static int by_weight(const void *a, const void *b)
{
    const cd_docs_jd_skill *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    return x->first < y->first ? -1 : x->first > y->first;
}

static cd_docs_seniority seniority_of_years(double y)
{
    return y >= 10  ? CD_SENIORITY_LEAD
           : y >= 5 ? CD_SENIORITY_SENIOR
           : y >= 3 ? CD_SENIORITY_MID
           : y > 0  ? CD_SENIORITY_JUNIOR
                    : CD_SENIORITY_UNKNOWN;
}

int cd_docs_jd_parse(const cd_docs_taxonomy *tax, const char *text, size_t len, cd_docs_jd *jd,
                     cd_err *err)
{
    memset(jd, 0, sizeof(*jd));
    if (!text)
        return cd_err_set(err, CD_EINVAL, "job_description", "no text");
    if (count_words(text, len) == 0)
        return cd_err_set(err, CD_EUNPROCESSABLE, "job_description",
                          "the job description has no words");
    find_title(text, len, jd->title, sizeof(jd->title));

    acc *v = NULL;
    size_t nv = 0, capv = 0;
    cd_docs_skill_hits line_hits = {0};
    jd_mode mode = MODE_NEUTRAL;
    size_t i = 0;
    int rc = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        const char *s = text + i;
        size_t n = e - i;
        int hm = heading_mode(s, n);
        if (hm >= 0)
            mode = (jd_mode)hm;
        double y = years_in_line(s, n);
        if (y > jd->min_years && mode != MODE_NICE && !has_any(s, n, nice_words))
            jd->min_years = y;

        line_hits.n = 0;
        if (tax && cd_docs_skills_match(tax, s, n, i, &line_hits) != 0) {
            rc = cd_err_set(err, CD_EINTERNAL, NULL, "out of memory matching skills");
            break;
        }
        bool nice_line = hm < 0 && has_any(s, n, nice_words);
        bool must_line = has_phrase(s, n, "must") || has_phrase(s, n, "required");
        bool required = must_line || (!nice_line && mode != MODE_NICE && mode != MODE_OFFTOPIC);
        bool emph = has_any(s, n, emphasis_words);
        for (size_t h = 0; h < line_hits.n; h++) {
            const cd_docs_skill_hit *hit = &line_hits.v[h];
            size_t k = 0;
            while (k < nv && v[k].skill != hit->skill)
                k++;
            if (k == nv) {
                if (nv == capv) {
                    size_t nc = capv ? capv * 2 : 32;
                    acc *nvp = realloc(v, nc * sizeof(*v));
                    if (!nvp) {
                        rc = cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
                        goto out;
                    }
                    v = nvp;
                    capv = nc;
                }
                v[nv++] = (acc){.skill = hit->skill, .first = hit->first};
            }
            /* Skills named only under "Benefits" or "About us" still count,
             * but as nice to have (a company's stack, not a requirement). */
            v[k].required |= required && mode != MODE_OFFTOPIC;
            v[k].count += hit->count;
            v[k].emphasis |= emph;
        }
        i = e + 1;
    }
    if (rc)
        goto out;

    if (nv) {
        jd->skills = calloc(nv, sizeof(*jd->skills));
        if (!jd->skills) {
            rc = cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
            goto out;
        }
    }
    for (size_t k = 0; k < nv; k++) {
        /* base by requirement, then mentions (saturating), position and
         * emphasis; the parts are chosen so a required skill always
         * outweighs a nice-to-have one. */
        double w = v[k].required ? 0.55 : 0.15;
        w += 0.2 * (1.0 - 1.0 / v[k].count);
        w += len ? 0.1 * (1.0 - (double)v[k].first / (double)len) : 0;
        w += v[k].emphasis ? 0.1 : 0;
        if (w > 1)
            w = 1;
        jd->skills[k] = (cd_docs_jd_skill){.skill = v[k].skill,
                                           .required = v[k].required,
                                           .weight = round(w * 1000) / 1000,
                                           .count = v[k].count,
                                           .first = v[k].first};
    }
    jd->n_skills = nv;
    if (nv)
        qsort(jd->skills, nv, sizeof(*jd->skills), by_weight);
    if (jd->n_skills > CD_DOCS_JD_MAX_SKILLS)
        jd->n_skills = CD_DOCS_JD_MAX_SKILLS;

    jd->seniority = cd_docs_seniority_from_title(jd->title, strlen(jd->title));
    if (jd->seniority == CD_SENIORITY_UNKNOWN)
        jd->seniority = seniority_of_years(jd->min_years);
    if (jd->seniority == CD_SENIORITY_UNKNOWN &&
        (has_phrase(text, len, "entry level") || has_phrase(text, len, "entry-level") ||
         has_phrase(text, len, "new grad") || has_phrase(text, len, "graduate")))
        jd->seniority = CD_SENIORITY_JUNIOR;
    snprintf(jd->role_family, sizeof(jd->role_family), "%s",
             cd_docs_role_family_guess(tax, jd->title, jd->skills, jd->n_skills));
out:
    free(v);
    cd_docs_skill_hits_free(&line_hits);
    if (rc)
        cd_docs_jd_free(jd);
    return rc;
}

void cd_docs_jd_free(cd_docs_jd *jd)
{
    if (!jd)
        return;
    free(jd->skills);
    jd->skills = NULL;
    jd->n_skills = 0;
}
