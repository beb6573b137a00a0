/* test_resume.c - the skills taxonomy and resume extraction: sections by
 * heading words, contact, jobs -> years and seniority, degrees, skills. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "docs/resume.h"
#include "docs/skills.h"

#define NOW (2024 * 12 + 5) /* June 2024 */

static cd_docs_taxonomy *tax;

static int load(void **state)
{
    (void)state;
    cd_err err = {0};
    tax = cd_docs_taxonomy_load(CANDOR_SOURCE_DIR "/data/skills", &err);
    if (!tax)
        fprintf(stderr, "taxonomy: %s\n", err.msg);
    return tax ? 0 : -1;
}

static int unload(void **state)
{
    (void)state;
    cd_docs_taxonomy_free(tax);
    return 0;
}

static bool has_skill(const cd_docs_skill_hits *h, const char *name)
{
    int id = cd_docs_skill_find(tax, name);
    return id >= 0 && cd_docs_skill_hits_get(h, id) != NULL;
}

static void test_taxonomy_size_and_aliases(void **state)
{
    (void)state;
    assert_true(cd_docs_taxonomy_count(tax) >= 800);
    assert_int_equal(cd_docs_skill_find(tax, "JS"), cd_docs_skill_find(tax, "JavaScript"));
    assert_int_equal(cd_docs_skill_find(tax, "k8s"), cd_docs_skill_find(tax, "Kubernetes"));
    assert_int_equal(cd_docs_skill_find(tax, "Postgres"), cd_docs_skill_find(tax, "PostgreSQL"));
    assert_string_equal(cd_docs_skill_name(tax, cd_docs_skill_find(tax, "golang")), "Go");
    assert_int_equal(cd_docs_skill_find(tax, "no such skill xyz"), -1);
    cd_err err = {0};
    const char dup[] = "{\"category\":\"x\",\"skills\":[\"A|shared\",\"B|Shared\"]}";
    assert_null(cd_docs_taxonomy_parse(dup, sizeof(dup) - 1, &err));
    assert_non_null(strstr(err.msg, "already an alias"));
}

static void test_skill_matching_tokens(void **state)
{
    (void)state;
    const char text[] = "Shipped C++, C#, .NET and Node.js services; CI/CD on k8s with "
                        "JavaScript/TypeScript front ends. Go to the rest of the list; we "
                        "write Go and REST APIs.";
    cd_docs_skill_hits h = {0};
    assert_int_equal(cd_docs_skills_match(tax, text, sizeof(text) - 1, 0, &h), 0);
    assert_true(has_skill(&h, "C++"));
    assert_true(has_skill(&h, "C#"));
    assert_true(has_skill(&h, ".NET"));
    assert_true(has_skill(&h, "Node.js"));
    assert_true(has_skill(&h, "CI/CD"));
    assert_true(has_skill(&h, "Kubernetes"));
    assert_true(has_skill(&h, "JavaScript"));
    assert_true(has_skill(&h, "TypeScript"));
    assert_true(has_skill(&h, "REST"));
    const cd_docs_skill_hit *go = cd_docs_skill_hits_get(&h, cd_docs_skill_find(tax, "golang"));
    assert_non_null(go);
    assert_int_equal(go->count, 2); /* "Go to" counts too: capitalised; "rest" does not */
    assert_false(has_skill(&h, "C"));
    cd_docs_skill_hits_free(&h);
}

static const char resume[] =
    "Jane Q. Doe\n"
    "jane.doe@example.com | +1 (555) 123-4567 | linkedin.com/in/janedoe | github.com/jdoe\n"
    "\n"
    "PROFESSIONAL SUMMARY\n"
    "Backend engineer who likes Postgres.\n"
    "\n"
    "Work History\n"
    "Senior Software Engineer, Acme Corp | Mar 2020 - Present\n"
    "- Reduced p99 latency by 40% by moving hot paths to Redis\n"
    "- Led a team of 5 engineers building a Kafka pipeline\n"
    "Software Engineer, Beta Inc\n"
    "06/2016 - 02/2020\n"
    "- Built REST APIs in Python and Django\n"
    "- Responsible for on-call\n"
    "\n"
    "Education\n"
    "University of Somewhere\n"
    "B.Sc. in Computer Science, 2016\n"
    "\n"
    "Technical Skills: Python, Go, PostgreSQL, Docker, k8s\n"
    "\n"
    "MY SIDE QUESTS\n"
    "Built a ray tracer\n";

static void test_resume_parse(void **state)
{
    (void)state;
    cd_docs_resume r;
    cd_err err = {0};
    assert_int_equal(cd_docs_resume_parse(tax, resume, sizeof(resume) - 1, NOW, &r, &err), 0);
    assert_string_equal(r.contact.name, "Jane Q. Doe");
    assert_string_equal(r.contact.email, "jane.doe@example.com");
    assert_string_equal(r.contact.phone, "+1 (555) 123-4567");
    assert_string_equal(r.contact.linkedin, "linkedin.com/in/janedoe");
    assert_string_equal(r.contact.github, "github.com/jdoe");

    assert_non_null(cd_docs_resume_section(&r, CD_SEC_SUMMARY));
    assert_non_null(cd_docs_resume_section(&r, CD_SEC_EXPERIENCE));
    assert_non_null(cd_docs_resume_section(&r, CD_SEC_EDUCATION));
    const cd_docs_section *sk = cd_docs_resume_section(&r, CD_SEC_SKILLS);
    assert_non_null(sk);
    assert_non_null(strstr(resume + sk->start, "Python, Go"));
    const cd_docs_section *other = cd_docs_resume_section(&r, CD_SEC_OTHER);
    assert_non_null(other);
    assert_false(other->standard);
    assert_string_equal(other->heading, "MY SIDE QUESTS");

    assert_int_equal(r.n_jobs, 2);
    assert_non_null(strstr(r.jobs[0].title, "Senior Software Engineer"));
    assert_true(r.jobs[0].present);
    assert_non_null(strstr(r.jobs[1].title, "Beta Inc"));
    /* Jun 2016 .. Jun 2024 without a gap: 8 years 1 month. */
    assert_true(r.years > 8.0 && r.years < 8.2);
    assert_int_equal(r.seniority, CD_SENIORITY_SENIOR);
    assert_int_equal(r.date_problems, 1); /* "Mar 2020" and "06/2016" differ in style */

    assert_int_equal(r.n_degrees, 1);
    assert_int_equal(r.degrees[0].level, 2);
    assert_int_equal(r.degrees[0].year, 2016);
    assert_string_equal(r.degrees[0].school, "University of Somewhere");

    assert_true(has_skill(&r.skills, "PostgreSQL"));
    assert_true(has_skill(&r.skills, "Kubernetes"));
    assert_true(has_skill(&r.skills, "Django"));
    assert_true(has_skill(&r.skills, "Apache Kafka"));
    assert_int_equal(r.bullets, 4);
    assert_int_equal(r.bullets_quantified, 2);
    assert_int_equal(r.bullets_action, 3);
    cd_docs_resume_free(&r);
}

/* The bullet marks resumes use, including the ones PDF exports leave in the
 * text layer (Word's Symbol-font bullet U+F0B7, a black square); a dash
 * inside a sentence or a mark without its space is not a bullet. */
static void test_bullet_marks(void **state)
{
    (void)state;
    const char *yes[] = {"\xe2\x80\xa2 Built", "  \xef\x82\xb7 Led", "\xe2\x96\xa0 Shipped",
                         "- Wrote", "\xe2\x97\x8f Ran"};
    const char *no[] = {"Built - then shipped",
                        "\xe2\x80\xa2"
                        "Built",
                        "Plain line", ""};
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
        assert_true(cd_docs_bullet_prefix(yes[i], strlen(yes[i])) > 0);
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
        assert_int_equal(cd_docs_bullet_prefix(no[i], strlen(no[i])), 0);
}

static void test_years_union_and_bad_dates(void **state)
{
    (void)state;
    cd_docs_job jobs[4];
    int problems;
    char problem[160];
    const char text[] = "A 2018 - 2020\nB Jan 2019 - Dec 2019\nC 2023 - 2021\n";
    size_t n = cd_docs_find_jobs(text, sizeof(text) - 1, 0, NOW, jobs, 4, &problems, problem,
                                 sizeof(problem));
    assert_int_equal(n, 3);
    assert_int_equal(problems, 2); /* C ends before it starts; B's style differs */
    assert_non_null(strstr(problem, "Jan 2019"));
    /* 2018-2020 covers B; C is invalid and skipped: 3 years. */
    assert_true(cd_docs_total_years(jobs, n) > 2.99 && cd_docs_total_years(jobs, n) < 3.01);
    assert_int_equal(cd_docs_seniority_of(1.5, "Staff Engineer"), CD_SENIORITY_MID);
    assert_int_equal(cd_docs_seniority_of(12, NULL), CD_SENIORITY_LEAD);
    assert_int_equal(cd_docs_seniority_of(0.5, "Software Engineering Intern"), CD_SENIORITY_INTERN);
}

/* A title keeps no dash from the removed date range ("Acme — Jan 2021"). */
static void test_job_title_drops_dashes(void **state)
{
    (void)state;
    cd_docs_job jobs[2];
    int problems;
    char problem[160];
    const char text[] = "Engineer, Acme Corp \xE2\x80\x94 Jan 2021 \xE2\x80\x93 Present\n"
                        "Analyst | Beta Ltd \xE2\x80\x93 2018 - 2020\n";
    size_t n = cd_docs_find_jobs(text, sizeof(text) - 1, 0, NOW, jobs, 2, &problems, problem,
                                 sizeof(problem));
    assert_int_equal(n, 2);
    assert_string_equal(jobs[0].title, "Engineer, Acme Corp");
    assert_string_equal(jobs[1].title, "Analyst | Beta Ltd");
}

/* Links name sites, not skills; skill groups stay in the skills section. */
static void test_links_and_skill_groups(void **state)
{
    (void)state;
    const char text[] =
        "Ann Lee\n"
        "ann@github.io | https://annlee.dev | github.com/annlee | www.kafka-fan.org\n"
        "SKILLS\n"
        "Languages: Go, Python\n"
        "Tools: Docker, Node.js/Express\n"
        "EDUCATION\n"
        "BSc 2019\n"
        "LANGUAGES\n"
        "English, German\n";
    cd_docs_resume r;
    cd_err err = {0};
    assert_int_equal(cd_docs_resume_parse(tax, text, strlen(text), NOW, &r, &err), 0);
    assert_false(has_skill(&r.skills, "GitHub"));
    assert_false(has_skill(&r.skills, "HTTP"));
    assert_false(has_skill(&r.skills, "Kafka"));
    assert_true(has_skill(&r.skills, "Node.js"));
    assert_true(has_skill(&r.skills, "Express"));
    assert_true(has_skill(&r.skills, "Docker"));
    /* one skills section holding both groups, then education, then languages */
    size_t skills = 0, other = 0;
    for (size_t i = 0; i < r.n_sections; i++) {
        skills += r.sections[i].id == CD_SEC_SKILLS;
        other += r.sections[i].id == CD_SEC_OTHER;
    }
    assert_int_equal(skills, 1);
    assert_int_equal(other, 1);
    const cd_docs_section *s = cd_docs_resume_section(&r, CD_SEC_SKILLS);
    assert_non_null(strstr(text + s->start, "Tools: Docker"));
    assert_true(s->end > (size_t)(strstr(text, "Express") - text));
    cd_docs_resume_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_taxonomy_size_and_aliases),
        cmocka_unit_test(test_skill_matching_tokens),
        cmocka_unit_test(test_resume_parse),
        cmocka_unit_test(test_job_title_drops_dashes),
        cmocka_unit_test(test_bullet_marks),
        cmocka_unit_test(test_years_union_and_bad_dates),
        cmocka_unit_test(test_links_and_skill_groups),
    };
    return cmocka_run_group_tests(tests, load, unload);
}
