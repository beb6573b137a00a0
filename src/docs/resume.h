/* resume.h - what a resume says: sections, contact details, jobs with
 * dates (total years, seniority), degrees, skills, and the bullet facts
 * the ATS score needs.
 *
 * cd_docs_resume_parse() reads caller-owned text (from cd_docs_extract)
 * that must outlive the result (sections and jobs hold byte offsets into
 * it). Fixed-size arrays keep the struct simple; only `skills` allocates,
 * so free with cd_docs_resume_free(). Pure function of its inputs plus a
 * read-only taxonomy: any thread may call. */
#ifndef CANDOR_DOCS_RESUME_H
#define CANDOR_DOCS_RESUME_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "docs/skills.h"

#define CD_DOCS_MAX_SECTIONS 32
#define CD_DOCS_MAX_JOBS 40
#define CD_DOCS_MAX_DEGREES 8
/* A heading is a short line: at most this many bytes and words. */
#define CD_DOCS_HEADING_MAX_BYTES 48
#define CD_DOCS_HEADING_MAX_WORDS 5

typedef enum cd_docs_section_id {
    CD_SEC_HEADER = 0, /* text before the first heading (name, contact) */
    CD_SEC_SUMMARY,
    CD_SEC_EXPERIENCE,
    CD_SEC_EDUCATION,
    CD_SEC_SKILLS,
    CD_SEC_PROJECTS,
    CD_SEC_CERTIFICATIONS,
    CD_SEC_ACHIEVEMENTS,
    CD_SEC_OTHER, /* a recognised but secondary heading (interests, languages) or an unknown one */
    CD_SEC_COUNT
} cd_docs_section_id;

typedef struct cd_docs_section {
    cd_docs_section_id id;
    char heading[CD_DOCS_HEADING_MAX_BYTES + 1]; /* as written ("" for the header) */
    size_t start, end;                           /* body bytes in the text */
    bool standard; /* a heading ATS parsers know ("Experience", not "My Journey") */
} cd_docs_section;

typedef struct cd_docs_contact {
    char name[96];
    char email[128];
    char phone[40];
    char linkedin[160];
    char github[160];
    char website[160];
} cd_docs_contact;

typedef enum cd_docs_seniority {
    CD_SENIORITY_UNKNOWN = 0,
    CD_SENIORITY_INTERN,
    CD_SENIORITY_JUNIOR,
    CD_SENIORITY_MID,
    CD_SENIORITY_SENIOR,
    CD_SENIORITY_LEAD, /* lead, staff, principal */
} cd_docs_seniority;

/* A month as year*12 + (month-1); a bare year counts as its January start
 * or December end. */
typedef struct cd_docs_job {
    int start, end;
    bool present;    /* "– Present" */
    char title[160]; /* the line the range is on, without the dates, or the line above */
    size_t line;     /* byte offset of that line */
} cd_docs_job;

typedef struct cd_docs_degree {
    int level; /* 1 associate/diploma, 2 bachelor, 3 master, 4 doctorate */
    char degree[48];
    char school[128];
    int year; /* graduation (latest year on its lines), 0 if none */
} cd_docs_degree;

typedef struct cd_docs_resume {
    cd_docs_section sections[CD_DOCS_MAX_SECTIONS];
    size_t n_sections;
    cd_docs_contact contact;
    cd_docs_job jobs[CD_DOCS_MAX_JOBS];
    size_t n_jobs;
    double years; /* union of job ranges */
    cd_docs_seniority seniority;
    int date_problems;      /* end before start, start in the future, mixed styles */
    char date_problem[160]; /* the first one, for the user */
    cd_docs_degree degrees[CD_DOCS_MAX_DEGREES];
    size_t n_degrees;
    cd_docs_skill_hits skills;
    size_t words, bullets, bullets_quantified, bullets_action;
} cd_docs_resume;

const char *cd_docs_section_name(cd_docs_section_id id);
const char *cd_docs_seniority_name(cd_docs_seniority s);

/* Sections by headings; fills out[0..*n). Always returns at least the header. */
size_t cd_docs_find_sections(const char *text, size_t len, cd_docs_section *out, size_t max);
/* The first section with this id, or NULL. */
const cd_docs_section *cd_docs_resume_section(const cd_docs_resume *r, cd_docs_section_id id);

void cd_docs_find_contact(const char *text, size_t len, cd_docs_contact *out);
/* Jobs from date ranges in text[0..len) (offsets relative to text + base). */
size_t cd_docs_find_jobs(const char *text, size_t len, size_t base, int now, cd_docs_job *out,
                         size_t max, int *problems, char *problem, size_t problem_cap);
double cd_docs_total_years(const cd_docs_job *jobs, size_t n);
cd_docs_seniority cd_docs_seniority_of(double years, const char *titles);
/* Seniority words in a title ("Senior", "Staff", "Intern"); UNKNOWN if none. */
cd_docs_seniority cd_docs_seniority_from_title(const char *s, size_t n);
size_t cd_docs_find_degrees(const char *text, size_t len, cd_docs_degree *out, size_t max);
/* Length of the bullet mark and its space at the start of a line (after
 * spaces): •, ▪, ◦, –, ●, ■, Word's Symbol-font bullet, -, * or +; 0 if none.
 * The one definition of a bullet line, shared by the counts here and the PDF
 * reader's drawn-marker check. */
size_t cd_docs_bullet_prefix(const char *s, size_t n);

/* A bullet line starts with an action verb ("Led", "Built", "Reduced"). */
bool cd_docs_is_action_verb(const char *word, size_t n);

/* `now`: the current month as year*12 + month-1 (0 = today's date). */
int cd_docs_resume_parse(const cd_docs_taxonomy *tax, const char *text, size_t len, int now,
                         cd_docs_resume *out, cd_err *err);
void cd_docs_resume_free(cd_docs_resume *r);

#endif
