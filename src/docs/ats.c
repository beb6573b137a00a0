/* ats.c - cd_docs_ats_score: ten fixed-weight checks of how well an
 * applicant tracking system reads this resume. Points per check (they sum
 * to 100, see docs/resumes.md): text_layer 15, headings 12, contact 10,
 * dates 8, length 8, bullets 8, quantified 10, action_verbs 8, keywords 13,
 * layout 8. Each check explains its points with the numbers it saw. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "docs/ats.h"

/* Word counts that read as one or two full pages. */
#define ATS_WORDS_MIN 350
#define ATS_WORDS_MAX 1200
#define ATS_WORDS_SHORT 200
#define ATS_WORDS_LONG 1700
/* Bullets a full work history has. */
#define ATS_BULLETS_GOOD 8
#define ATS_BULLETS_SOME 4
/* Fractions of bullets with a number / an action verb for full marks. */
#define ATS_QUANT_FULL 0.4
#define ATS_VERB_FULL 0.6
/* Match percentage that earns full keyword points. */
#define ATS_KEYWORD_FULL 80.0

static cd_docs_ats_check *add(cd_docs_ats *a, const char *id, const char *label, int max)
{
    cd_docs_ats_check *c = &a->checks[a->n_checks++];
    memset(c, 0, sizeof(*c));
    snprintf(c->id, sizeof(c->id), "%s", id);
    snprintf(c->label, sizeof(c->label), "%s", label);
    c->max = max;
    return c;
}

__attribute__((format(printf, 2, 3))) static void reason(cd_docs_ats_check *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->reason, sizeof(c->reason), fmt, ap);
    va_end(ap);
}

__attribute__((format(printf, 2, 3))) static void suggest(cd_docs_ats_check *c, const char *fmt,
                                                          ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->suggestion, sizeof(c->suggestion), fmt, ap);
    va_end(ap);
}

static int scaled(double frac, double full, int max)
{
    if (frac >= full)
        return max;
    if (frac <= 0)
        return 0;
    /* full marks only at the threshold, so a suggestion always goes with a loss */
    int p = (int)floor(max * frac / full + 0.5);
    return p >= max ? max - 1 : p;
}

static void check_text_layer(cd_docs_ats *a, const cd_docs_text *t, const cd_docs_resume *r)
{
    cd_docs_ats_check *c = add(a, "text_layer", "Readable text", 15);
    if (t && t->layout.scanned) {
        reason(c,
               "the PDF has %d page(s) but almost no text layer: it is a scanned image, "
               "so an ATS reads nothing",
               t->layout.pages);
        suggest(c, "export the resume from your editor as a text PDF or DOCX instead of "
                   "scanning or printing it to an image");
    } else if (r->words < ATS_WORDS_SHORT / 2) {
        c->points = 8;
        reason(c, "only %zu words of text could be extracted", r->words);
        suggest(c, "make sure the text is real text, not pictures of text or text boxes");
    } else {
        c->points = c->max;
        reason(c, "%zu words of selectable text extracted from the %s", r->words,
               t ? cd_docs_format_name(t->format) : "text");
    }
}

static void check_headings(cd_docs_ats *a, const cd_docs_resume *r)
{
    cd_docs_ats_check *c = add(a, "headings", "Standard section headings", 12);
    static const cd_docs_section_id need[] = {CD_SEC_EXPERIENCE, CD_SEC_EDUCATION, CD_SEC_SKILLS};
    char missing[128] = "", odd[128] = "";
    int found = 0;
    for (size_t k = 0; k < 3; k++) {
        const cd_docs_section *s = cd_docs_resume_section(r, need[k]);
        const char *name = cd_docs_section_name(need[k]);
        if (!s) {
            size_t l = strlen(missing);
            snprintf(missing + l, sizeof(missing) - l, "%s%s", l ? ", " : "", name);
        } else if (!s->standard) {
            c->points += 2;
            found++;
            size_t l = strlen(odd);
            snprintf(odd + l, sizeof(odd) - l, "%s\"%s\"", l ? ", " : "", s->heading);
        } else {
            c->points += 4;
            found++;
        }
    }
    reason(c, "%d of 3 core sections (experience, education, skills) found%s%s%s%s", found,
           missing[0] ? "; missing: " : "", missing, odd[0] ? "; unusual heading: " : "", odd);
    if (missing[0] || odd[0])
        suggest(c,
                "use plain headings ATS parsers know: \"Experience\", \"Education\", "
                "\"Skills\"%s%s",
                odd[0] ? " instead of " : "", odd);
}

static void check_contact(cd_docs_ats *a, const cd_docs_resume *r)
{
    cd_docs_ats_check *c = add(a, "contact", "Contact details", 10);
    const cd_docs_contact *ct = &r->contact;
    bool link = ct->linkedin[0] || ct->github[0] || ct->website[0];
    c->points =
        (ct->email[0] ? 4 : 0) + (ct->phone[0] ? 3 : 0) + (ct->name[0] ? 1 : 0) + (link ? 2 : 0);
    reason(c, "email %s, phone %s, name %s, profile link %s", ct->email[0] ? "found" : "missing",
           ct->phone[0] ? "found" : "missing", ct->name[0] ? "found" : "missing",
           link ? "found" : "missing");
    if (c->points < c->max)
        suggest(c,
                "put your %s%s%s%sat the top of the first page as plain text (not in a "
                "header, footer or image)",
                ct->name[0] ? "" : "name, ", ct->email[0] ? "" : "email, ",
                ct->phone[0] ? "" : "phone number, ", link ? "" : "LinkedIn or GitHub URL ");
}

static void check_dates(cd_docs_ats *a, const cd_docs_resume *r)
{
    cd_docs_ats_check *c = add(a, "dates", "Consistent dates", 8);
    if (r->n_jobs == 0) {
        reason(c, "no date ranges found for your positions");
        suggest(c, "give every position a date range such as \"Jan 2021 - Mar 2023\" or "
                   "\"2021 - Present\"");
        return;
    }
    int pts = c->max - 3 * r->date_problems;
    c->points = pts < 0 ? 0 : pts;
    if (r->date_problems) {
        reason(c, "%zu position(s) with dates, %d problem(s): %s", r->n_jobs, r->date_problems,
               r->date_problem);
        suggest(c, "use one date style throughout (\"Mar 2021 - Jun 2023\") and check that every "
                   "range ends after it starts");
    } else {
        reason(c, "%zu position(s) with consistent date ranges (%.1f years in total)", r->n_jobs,
               r->years);
    }
}

static void check_length(cd_docs_ats *a, const cd_docs_text *t, const cd_docs_resume *r)
{
    cd_docs_ats_check *c = add(a, "length", "Length", 8);
    int pages = t ? t->layout.pages : 1;
    if (r->words >= ATS_WORDS_MIN && r->words <= ATS_WORDS_MAX && pages <= 2) {
        c->points = c->max;
        reason(c, "%zu words on %d page(s): within %d-%d words and at most 2 pages", r->words,
               pages, ATS_WORDS_MIN, ATS_WORDS_MAX);
    } else if (r->words < ATS_WORDS_MIN) {
        c->points = r->words >= ATS_WORDS_SHORT ? 4 : 0;
        reason(c, "%zu words: short (under %d)", r->words, ATS_WORDS_MIN);
        suggest(c, "describe each position with 3-6 bullets on what you built and its result");
    } else {
        c->points = r->words <= ATS_WORDS_LONG && pages <= 3 ? 4 : 0;
        reason(c, "%zu words on %d page(s): long (over %d words or 2 pages)", r->words, pages,
               ATS_WORDS_MAX);
        suggest(c, "cut to two pages: drop old or unrelated positions and merge similar bullets");
    }
}

static void check_bullets(cd_docs_ats *a, const cd_docs_resume *r)
{
    cd_docs_ats_check *c = add(a, "bullets", "Bullet points", 8);
    c->points = r->bullets >= ATS_BULLETS_GOOD ? 8 : r->bullets >= ATS_BULLETS_SOME ? 4 : 0;
    reason(c, "%zu bullet lines (full marks from %d)", r->bullets, ATS_BULLETS_GOOD);
    if (c->points < c->max)
        suggest(c, "write experience as bullet points (one achievement per line, starting with "
                   "\"-\" or \"\xe2\x80\xa2\") rather than paragraphs");
}

static void check_quantified(cd_docs_ats *a, const cd_docs_resume *r)
{
    cd_docs_ats_check *c = add(a, "quantified", "Quantified achievements", 10);
    double f = r->bullets ? (double)r->bullets_quantified / (double)r->bullets : 0;
    c->points = scaled(f, ATS_QUANT_FULL, c->max);
    reason(c, "%zu of %zu bullets (%.0f%%) contain a number, %% or amount (full marks from %.0f%%)",
           r->bullets_quantified, r->bullets, 100 * f, 100 * ATS_QUANT_FULL);
    if (c->points < c->max)
        suggest(c, "add results with numbers: \"cut p95 latency from 900 ms to 200 ms\", "
                   "\"served 2M users\", \"saved $40k a year\"");
}

static void check_verbs(cd_docs_ats *a, const cd_docs_resume *r)
{
    cd_docs_ats_check *c = add(a, "action_verbs", "Action verbs", 8);
    double f = r->bullets ? (double)r->bullets_action / (double)r->bullets : 0;
    c->points = scaled(f, ATS_VERB_FULL, c->max);
    reason(c, "%zu of %zu bullets (%.0f%%) start with an action verb (full marks from %.0f%%)",
           r->bullets_action, r->bullets, 100 * f, 100 * ATS_VERB_FULL);
    if (c->points < c->max)
        suggest(c, "start bullets with a verb such as Built, Led, Reduced, Designed, Shipped "
                   "instead of \"Responsible for\"");
}

static void check_keywords(cd_docs_ats *a, const cd_docs_resume *r, const cd_docs_jd *jd,
                           const cd_docs_match *m)
{
    cd_docs_ats_check *c = add(a, "keywords", "Keyword coverage", 13);
    if (jd && m) {
        c->points = scaled(m->percent, ATS_KEYWORD_FULL, c->max);
        reason(c,
               "%.0f%% of the job description's weighted skills appear (%zu of %zu; full "
               "marks from %.0f%%)",
               m->percent, m->n_matched, jd->n_skills, ATS_KEYWORD_FULL);
        if (c->points < c->max && m->n_gaps) {
            suggest(c, "if you have them, name the missing skills the job asks for in your "
                       "skills section and in the bullets where you used them (see the gap list)");
        }
        return;
    }
    /* No job description chosen: score the breadth of named skills. */
    double f = (double)r->skills.n / CD_DOCS_ATS_MIN_SKILLS;
    c->points = scaled(f, 1.0, c->max);
    reason(c, "no job description chosen: %zu known skills named (full marks from %d)", r->skills.n,
           CD_DOCS_ATS_MIN_SKILLS);
    if (c->points < c->max)
        suggest(c, "list the languages, frameworks and tools you use in a \"Skills\" section; "
                   "choose a job description to check its keywords");
}

static void check_layout(cd_docs_ats *a, const cd_docs_text *t)
{
    cd_docs_ats_check *c = add(a, "layout", "Simple layout", 8);
    cd_docs_layout l = t ? t->layout : (cd_docs_layout){0};
    int pts = c->max - (l.tables ? 3 : 0) - (l.multi_column ? 3 : 0) - (l.images ? 2 : 0);
    c->points = pts < 0 ? 0 : pts;
    reason(c, "%d table(s), %s, %d image(s)", l.tables,
           l.multi_column ? "text in two or more columns" : "one column", l.images);
    if (c->points < c->max)
        suggest(c, "%s%s%s", l.tables ? "replace tables with plain lines; " : "",
                l.multi_column ? "use a single column so lines are read in order; " : "",
                l.images ? "remove pictures, icons and logos (ATS parsers drop them)" : "");
}

int cd_docs_ats_score(const cd_docs_text *t, const cd_docs_resume *r, const cd_docs_jd *jd,
                      const cd_docs_match *m, cd_docs_ats *out, cd_err *err)
{
    memset(out, 0, sizeof(*out));
    if (!r)
        return cd_err_set(err, CD_EINVAL, NULL, "no resume to score");
    if (!jd || !m)
        jd = NULL, m = NULL;
    check_text_layer(out, t, r);
    check_headings(out, r);
    check_contact(out, r);
    check_dates(out, r);
    check_length(out, t, r);
    check_bullets(out, r);
    check_quantified(out, r);
    check_verbs(out, r);
    check_keywords(out, r, jd, m);
    check_layout(out, t);
    /* A scanned resume has no text to judge: the text-derived checks are
     * what an ATS would see, which is nothing, so they are already low. */
    for (size_t i = 0; i < out->n_checks; i++)
        out->score += out->checks[i].points;
    return 0;
}
