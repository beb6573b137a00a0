/* test_jd.c - job descriptions (required vs nice to have, seniority, years,
 * role family, weights) and the resume/JD match with its formula. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "docs/jd.h"
#include "docs/match.h"

#define NOW (2024 * 12 + 5)

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

static const cd_docs_jd_skill *jd_skill(const cd_docs_jd *jd, const char *name)
{
    int id = cd_docs_skill_find(tax, name);
    for (size_t i = 0; i < jd->n_skills; i++)
        if (jd->skills[i].skill == id)
            return &jd->skills[i];
    return NULL;
}

static void parse(const char *text, cd_docs_jd *jd)
{
    cd_err err = {0};
    int rc = cd_docs_jd_parse(tax, text, strlen(text), jd, &err);
    if (rc)
        fprintf(stderr, "jd: %s\n", err.msg);
    assert_int_equal(rc, 0);
}

static const char backend_jd[] =
    "Senior Backend Engineer\n"
    "Acme Payments - Remote\n"
    "\n"
    "We build payment APIs used by thousands of shops.\n"
    "\n"
    "Requirements\n"
    "- 5+ years of professional experience building backend services\n"
    "- Strong Go or Java; we write Go every day and Go is our main language\n"
    "- PostgreSQL and Redis in production\n"
    "- Kubernetes and Docker\n"
    "\n"
    "Nice to have\n"
    "- Kafka\n"
    "- Terraform\n"
    "\n"
    "Experience with GraphQL is a plus.\n"
    "Benefits\n"
    "- Free Figma licences for everyone\n";

static void test_required_vs_nice_by_heading(void **state)
{
    (void)state;
    cd_docs_jd jd;
    parse(backend_jd, &jd);
    const char *required[] = {"Go", "Java", "PostgreSQL", "Redis", "Kubernetes", "Docker"};
    for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
        const cd_docs_jd_skill *s = jd_skill(&jd, required[i]);
        assert_non_null(s);
        assert_true(s->required);
    }
    const char *nice[] = {"Kafka", "Terraform", "GraphQL", "Figma"};
    for (size_t i = 0; i < sizeof(nice) / sizeof(nice[0]); i++) {
        const cd_docs_jd_skill *s = jd_skill(&jd, nice[i]);
        assert_non_null(s);
        assert_false(s->required);
    }
    /* every required skill outweighs every nice one; sorted by weight */
    for (size_t i = 1; i < jd.n_skills; i++)
        assert_true(jd.skills[i - 1].weight >= jd.skills[i].weight);
    assert_true(jd_skill(&jd, "Kafka")->weight < jd_skill(&jd, "Redis")->weight);
    /* Go: mentioned three times and with "Strong": the top skill */
    assert_int_equal(jd.skills[0].skill, cd_docs_skill_find(tax, "Go"));
    assert_int_equal(jd_skill(&jd, "Go")->count, 3);
    assert_true(jd.skills[0].weight <= 1.0 && jd.skills[jd.n_skills - 1].weight > 0);
    cd_docs_jd_free(&jd);
}

static void test_title_seniority_years_family(void **state)
{
    (void)state;
    cd_docs_jd jd;
    parse(backend_jd, &jd);
    assert_string_equal(jd.title, "Senior Backend Engineer");
    assert_int_equal(jd.seniority, CD_SENIORITY_SENIOR);
    assert_true(jd.min_years == 5.0);
    assert_string_equal(jd.role_family, "backend");
    cd_docs_jd_free(&jd);

    /* no seniority word: from "N+ years"; the largest requirement wins */
    parse("Job title: Software Engineer, Payments\n"
          "You have:\n"
          "- 2+ years with Python\n"
          "- at least 3 years of experience with AWS\n"
          "Our company is 40 years old.\n",
          &jd);
    assert_string_equal(jd.title, "Software Engineer, Payments");
    assert_true(jd.min_years == 3.0);
    assert_int_equal(jd.seniority, CD_SENIORITY_MID);
    cd_docs_jd_free(&jd);

    parse("Junior Frontend Developer\nMust have: React, TypeScript, CSS\n", &jd);
    assert_int_equal(jd.seniority, CD_SENIORITY_JUNIOR);
    assert_string_equal(jd.role_family, "frontend");
    assert_true(jd.min_years == 0);
    cd_docs_jd_free(&jd);

    parse("Machine Learning Engineer\nPyTorch, TensorFlow, Python, MLOps\n", &jd);
    assert_string_equal(jd.role_family, "ml");
    cd_docs_jd_free(&jd);

    parse("Full Stack Developer (React + Node.js)\n", &jd);
    assert_string_equal(jd.role_family, "fullstack");
    cd_docs_jd_free(&jd);

    /* no title word: the family from the skills' categories */
    parse("We need someone for our apps.\nRequirements:\n- Swift and SwiftUI\n- Kotlin and "
          "Jetpack Compose\n- Android SDK\n",
          &jd);
    assert_string_equal(jd.role_family, "mobile");
    assert_string_equal(jd.title, "");
    cd_docs_jd_free(&jd);

    parse("Come work with us on interesting problems.\n", &jd);
    assert_string_equal(jd.role_family, "");
    assert_int_equal(jd.seniority, CD_SENIORITY_UNKNOWN);
    assert_int_equal(jd.n_skills, 0);
    cd_docs_jd_free(&jd);
}

static void test_inline_preferred_and_bonus(void **state)
{
    (void)state;
    cd_docs_jd jd;
    parse("DevOps Engineer\n"
          "What you bring:\n"
          "- Terraform and AWS\n"
          "- Ansible (preferred)\n"
          "- Prometheus experience would be a bonus\n"
          "Bonus points:\n"
          "- Go\n"
          "- Rust, but Linux is required\n",
          &jd);
    assert_true(jd_skill(&jd, "Terraform")->required);
    assert_true(jd_skill(&jd, "AWS")->required);
    assert_false(jd_skill(&jd, "Ansible")->required);
    assert_false(jd_skill(&jd, "Prometheus")->required);
    assert_false(jd_skill(&jd, "Go")->required);
    /* "required" on a line wins over the block it is in */
    assert_true(jd_skill(&jd, "Linux")->required);
    assert_string_equal(jd.role_family, "devops");
    cd_docs_jd_free(&jd);

    /* a nice-to-have block is not ended by a line that merely starts with
     * "Experience" */
    parse("Nice to have\n- Experience with Rust\n- Elixir\n", &jd);
    assert_false(jd_skill(&jd, "Rust")->required);
    assert_false(jd_skill(&jd, "Elixir")->required);
    cd_docs_jd_free(&jd);
}

static void test_bad_input(void **state)
{
    (void)state;
    cd_docs_jd jd;
    cd_err err = {0};
    assert_int_equal(cd_docs_jd_parse(tax, "   \n\n ", 6, &jd, &err), CD_EUNPROCESSABLE);
    assert_non_null(strstr(err.msg, "no words"));
    assert_int_equal(cd_docs_jd_parse(tax, NULL, 0, &jd, &err), CD_EINVAL);
    /* a JD naming more skills than the cap keeps the cap */
    size_t cap = 64 * 1024;
    char *big = malloc(cap);
    size_t n = 0;
    for (int i = 0; i < 400 && n + 200 < cap; i++)
        n += (size_t)snprintf(big + n, cap - n, "- Python Java Go Rust Kafka Docker line %d\n", i);
    parse(big, &jd);
    assert_true(jd.n_skills <= CD_DOCS_JD_MAX_SKILLS);
    assert_int_equal(jd_skill(&jd, "Kafka")->count, 400);
    cd_docs_jd_free(&jd);
    free(big);
}

static const char resume_text[] = "Jane Doe\n"
                                  "jane@example.com\n"
                                  "EXPERIENCE\n"
                                  "Backend Engineer, Acme Corp  Jan 2016 - Present\n"
                                  "- Built Go services on PostgreSQL and Kafka\n"
                                  "SKILLS\n"
                                  "Go, PostgreSQL, Kafka, Python, Vue.js\n";

static void test_match_formula(void **state)
{
    (void)state;
    cd_docs_jd jd;
    parse(backend_jd, &jd);
    cd_docs_resume r;
    cd_err err = {0};
    assert_int_equal(cd_docs_resume_parse(tax, resume_text, strlen(resume_text), NOW, &r, &err), 0);
    cd_docs_match m;
    assert_int_equal(cd_docs_match_compute(tax, &r, &jd, &m, &err), 0);

    /* recompute the formula by hand from the JD weights */
    double got = 0, total = 0;
    for (size_t i = 0; i < jd.n_skills; i++) {
        double w = jd.skills[i].weight * (jd.skills[i].required ? 2.0 : 1.0);
        total += w;
        if (cd_docs_skill_hits_get(&r.skills, jd.skills[i].skill))
            got += w;
    }
    assert_true(total > 0);
    assert_float_equal(m.percent, 100.0 * got / total, 1e-9);
    assert_true(m.percent > 20 && m.percent < 80);
    char nums[64];
    snprintf(nums, sizeof(nums), "100 x %.2f / %.2f = %.1f%%", got, total, m.percent);
    assert_non_null(strstr(m.formula, nums));

    assert_int_equal(m.n_matched, 3); /* Go, PostgreSQL, Kafka */
    assert_int_equal(m.n_matched + m.n_missing, jd.n_skills);
    assert_int_equal(m.n_gaps, m.n_missing);
    /* gaps: required ones first, by weight */
    bool seen_nice = false;
    for (size_t i = 0; i < m.n_gaps; i++) {
        if (!m.gaps[i].required)
            seen_nice = true;
        else
            assert_false(seen_nice);
        if (i && m.gaps[i].required == m.gaps[i - 1].required)
            assert_true(m.gaps[i - 1].weight >= m.gaps[i].weight);
    }
    assert_true(m.gaps[0].required);
    /* extra: Python and Vue.js are on the resume, not in the JD */
    assert_int_equal(m.n_extra, 2);
    /* 8+ years of work vs 5+ required, senior */
    assert_true(m.seniority_ok);
    assert_true(m.years_short == 0);
    cd_docs_match_free(&m);
    cd_docs_resume_free(&r);

    /* a junior resume against the senior JD */
    const char junior[] = "Sam Roe\nEXPERIENCE\nJunior Developer  Jan 2023 - Present\n- Go\n";
    assert_int_equal(cd_docs_resume_parse(tax, junior, strlen(junior), NOW, &r, &err), 0);
    assert_int_equal(cd_docs_match_compute(tax, &r, &jd, &m, &err), 0);
    assert_false(m.seniority_ok);
    assert_true(m.years_short > 3.4 && m.years_short < 3.6);
    cd_docs_match_free(&m);
    cd_docs_resume_free(&r);
    cd_docs_jd_free(&jd);

    /* a JD with no known skill: 0 % and says why */
    parse("Come work with us.\n", &jd);
    assert_int_equal(cd_docs_resume_parse(tax, junior, strlen(junior), NOW, &r, &err), 0);
    assert_int_equal(cd_docs_match_compute(tax, &r, &jd, &m, &err), 0);
    assert_true(m.percent == 0);
    assert_non_null(strstr(m.formula, "names no skill"));
    cd_docs_match_free(&m);
    cd_docs_resume_free(&r);
    cd_docs_jd_free(&jd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_required_vs_nice_by_heading),
        cmocka_unit_test(test_title_seniority_years_family),
        cmocka_unit_test(test_inline_preferred_and_bonus),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_match_formula),
    };
    return cmocka_run_group_tests(tests, load, unload);
}
