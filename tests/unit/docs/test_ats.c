/* test_ats.c - the ATS score on a good resume against scanned, table-heavy
 * and contact-less ones, the JSON views for the API, and interview topics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "docs/ats.h"
#include "docs/report_json.h"
#include "helper_docs.h"

#define NOW (2024 * 12 + 5)

static cd_docs_taxonomy *tax;

static int load(void **state)
{
    (void)state;
    cd_err err = {0};
    tax = cd_docs_taxonomy_load(CANDOR_SOURCE_DIR "/data/skills", &err);
    return tax ? 0 : -1;
}

static int unload(void **state)
{
    (void)state;
    cd_docs_taxonomy_free(tax);
    return 0;
}

/* A one-page resume an ATS reads well: standard headings, contact, dated
 * positions, quantified bullets starting with verbs. */
static const char good[] =
    "Maria Lopez\n"
    "maria.lopez@example.com | +1 415 555 0199 | linkedin.com/in/marialopez\n"
    "SUMMARY\n"
    "Backend engineer with eight years building payment and search services in Go and "
    "Python for companies that serve millions of users every day.\n"
    "EXPERIENCE\n"
    "Senior Backend Engineer, Northwind Payments  Mar 2019 - Present\n"
    "- Built a Go payment gateway on PostgreSQL handling 4,000 requests per second\n"
    "- Reduced p99 checkout latency from 900 ms to 180 ms by moving hot reads to Redis\n"
    "- Led a team of 5 engineers migrating 40 services to Kubernetes with zero downtime\n"
    "- Designed an event pipeline on Kafka processing 2M events per hour\n"
    "- Mentored 6 junior engineers; 3 were promoted within 18 months\n"
    "Backend Engineer, Contoso Search  Jun 2016 - Feb 2019\n"
    "- Developed Python search APIs with Elasticsearch serving 12M queries a day\n"
    "- Cut infrastructure cost by 30% by rightsizing AWS EC2 fleets\n"
    "- Automated deployments with GitHub Actions and Terraform, 20 releases a week\n"
    "- Improved test coverage from 45% to 85% with pytest\n"
    "EDUCATION\n"
    "B.S. Computer Science, University of Texas at Austin, 2016\n"
    "SKILLS\n"
    "Go, Python, PostgreSQL, Redis, Kafka, Kubernetes, Docker, AWS, Terraform, gRPC, Linux\n"
    "PROJECTS\n"
    "rate-limiter: a Go library for distributed rate limiting with Redis\n";

static const char jd_text[] = "Senior Backend Engineer\n"
                              "Requirements\n"
                              "- 5+ years with Go and PostgreSQL\n"
                              "- Kubernetes, Docker\n"
                              "- Rust for our storage engine\n"
                              "Nice to have\n"
                              "- Kafka\n"
                              "- Scala\n";

typedef struct scored {
    cd_docs_text t;
    cd_docs_resume r;
    cd_docs_ats a;
} scored;

static void score_doc(const char *doc, size_t len, scored *s)
{
    cd_err err = {0};
    assert_int_equal(cd_docs_extract(doc, len, &s->t, &err), 0);
    assert_int_equal(cd_docs_resume_parse(tax, s->t.text, s->t.len, NOW, &s->r, &err), 0);
    assert_int_equal(cd_docs_ats_score(&s->t, &s->r, NULL, NULL, &s->a, &err), 0);
}

static void drop(scored *s)
{
    cd_docs_resume_free(&s->r);
    cd_docs_text_free(&s->t);
}

static const cd_docs_ats_check *check(const cd_docs_ats *a, const char *id)
{
    for (size_t i = 0; i < a->n_checks; i++)
        if (!strcmp(a->checks[i].id, id))
            return &a->checks[i];
    fail_msg("no check %s", id);
    return NULL;
}

static void assert_consistent(const cd_docs_ats *a)
{
    int sum = 0, max = 0;
    for (size_t i = 0; i < a->n_checks; i++) {
        const cd_docs_ats_check *c = &a->checks[i];
        assert_true(c->points >= 0 && c->points <= c->max);
        assert_true(c->reason[0]);
        /* a suggestion exactly when points were lost */
        assert_int_equal(c->suggestion[0] != 0, c->points < c->max);
        sum += c->points;
        max += c->max;
    }
    assert_int_equal(max, 100);
    assert_int_equal(sum, a->score);
}

static void test_good_resume_scores_high(void **state)
{
    (void)state;
    size_t len;
    char *pdf = helper_pdf_from_text(good, 1, &len);
    scored s;
    score_doc(pdf, len, &s);
    assert_consistent(&s.a);
    assert_true(s.a.score >= 80);
    assert_int_equal(check(&s.a, "text_layer")->points, 15);
    assert_int_equal(check(&s.a, "headings")->points, 12);
    assert_int_equal(check(&s.a, "contact")->points, 10);
    assert_int_equal(check(&s.a, "layout")->points, 8);
    assert_int_equal(check(&s.a, "quantified")->points, 10);
    /* no JD: keywords are the breadth of named skills, and it says so */
    assert_non_null(strstr(check(&s.a, "keywords")->reason, "no job description"));
    assert_int_equal(check(&s.a, "keywords")->points, 13);
    drop(&s);
    free(pdf);
}

static void test_scanned_resume(void **state)
{
    (void)state;
    size_t len;
    char *pdf = helper_pdf(NULL, 0, 1, true, &len);
    scored s;
    score_doc(pdf, len, &s);
    assert_consistent(&s.a);
    const cd_docs_ats_check *c = check(&s.a, "text_layer");
    assert_int_equal(c->points, 0);
    assert_non_null(strstr(c->reason, "scanned"));
    assert_true(c->suggestion[0]);
    assert_true(s.a.score < 30);
    assert_true(check(&s.a, "layout")->points < 8); /* the image */
    drop(&s);
    free(pdf);
}

static void test_tables_columns_and_no_contact(void **state)
{
    (void)state;
    /* a sidebar layout: contact and skills left, experience right */
    const char *two = "Maria Lopez\n"
                      "maria.com\n"
                      "+1 415 555 0199\n"
                      "SKILLS\n"
                      "Go, Python, Redis\n"
                      "PostgreSQL, Kafka\n"
                      "EDUCATION\n"
                      "B.S. Computer Science\n"
                      "UT Austin, 2016\n"
                      "\f\n"
                      "EXPERIENCE\n"
                      "Backend Engineer, Northwind\n"
                      "Mar 2019 - Present\n"
                      "- Built a Go gateway, 4k req/s\n"
                      "- Reduced latency by 80%\n"
                      "- Led 5 engineers\n"
                      "Developer, Contoso\n"
                      "Jun 2016 - Feb 2019\n"
                      "- Developed search APIs\n"
                      "- Cut costs by 30%\n";
    size_t len;
    char *pdf = helper_pdf_from_text(two, 2, &len);
    scored s2;
    score_doc(pdf, len, &s2);
    assert_consistent(&s2.a);
    assert_true(s2.t.layout.multi_column);
    assert_true(check(&s2.a, "layout")->points < 8);
    assert_non_null(strstr(check(&s2.a, "layout")->suggestion, "single column"));
    free(pdf);

    /* table-heavy DOCX without contact details or bullets */
    const char *table_doc = "Experience\n"
                            "|Company|Role|Years|\n"
                            "|Acme|Developer|2019 - 2022|\n"
                            "|Globex|Engineer|2022 - 2024|\n"
                            "Skills\n"
                            "|Java|Spring|MySQL|\n"
                            "Education\n"
                            "BSc Computer Science 2019\n";
    char *docx = helper_docx_from_text(table_doc, &len);
    scored st;
    score_doc(docx, len, &st);
    assert_consistent(&st.a);
    assert_true(st.t.layout.tables >= 2);
    assert_true(check(&st.a, "layout")->points <= 5);
    assert_non_null(strstr(check(&st.a, "layout")->suggestion, "tables"));
    const cd_docs_ats_check *c = check(&st.a, "contact");
    assert_true(c->points <= 1);
    assert_non_null(strstr(c->reason, "email missing"));
    assert_non_null(strstr(c->suggestion, "email"));
    assert_int_equal(check(&st.a, "bullets")->points, 0);
    assert_true(st.a.score + 30 < s2.a.score);
    drop(&st);
    drop(&s2);
    free(docx);
}

static void test_keywords_with_jd(void **state)
{
    (void)state;
    cd_err err = {0};
    cd_docs_resume r;
    assert_int_equal(cd_docs_resume_parse(tax, good, strlen(good), NOW, &r, &err), 0);
    cd_docs_jd jd;
    assert_int_equal(cd_docs_jd_parse(tax, jd_text, strlen(jd_text), &jd, &err), 0);
    cd_docs_match m;
    assert_int_equal(cd_docs_match_compute(tax, &r, &jd, &m, &err), 0);
    cd_docs_ats a;
    assert_int_equal(cd_docs_ats_score(NULL, &r, &jd, &m, &a, &err), 0);
    assert_consistent(&a);
    const cd_docs_ats_check *k = check(&a, "keywords");
    /* Rust (required) and Scala missing: not full marks, and says how many */
    if (!(k->points > 0 && k->points < k->max))
        fail_msg("keywords %d: %s", k->points, k->reason);
    char nums[32];
    snprintf(nums, sizeof(nums), "(%zu of %zu", m.n_matched, jd.n_skills);
    assert_non_null(strstr(k->reason, nums));

    /* JSON views carry what the UI shows */
    json_t *jr = cd_docs_resume_to_json(tax, NULL, &r);
    assert_non_null(jr);
    assert_string_equal(json_string_value(json_object_get(json_object_get(jr, "contact"), "email")),
                        "maria.lopez@example.com");
    json_t *secs = json_object_get(jr, "sections");
    assert_true(json_array_size(secs) >= 5);
    json_t *exp = NULL;
    for (size_t i = 0; i < json_array_size(secs); i++)
        if (!strcmp(json_string_value(json_object_get(json_array_get(secs, i), "id")),
                    "experience"))
            exp = json_array_get(secs, i);
    assert_non_null(exp);
    size_t start = (size_t)json_integer_value(json_object_get(exp, "start"));
    assert_true(start < strlen(good));
    assert_int_equal(json_array_size(json_object_get(jr, "jobs")), 2);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(json_object_get(jr, "jobs"), 0), "start")),
        "2019-03");
    assert_true(json_array_size(json_object_get(jr, "skills")) >= 10);
    assert_true(json_is_null(json_object_get(jr, "layout")));
    json_decref(jr);

    json_t *jm = cd_docs_match_to_json(tax, &m);
    assert_string_equal(json_string_value(json_object_get(jm, "formula")), m.formula);
    json_t *gaps = json_object_get(jm, "gaps");
    assert_string_equal(json_string_value(json_object_get(json_array_get(gaps, 0), "name")),
                        "Rust");
    json_decref(jm);
    json_t *jj = cd_docs_jd_to_json(tax, &jd);
    assert_string_equal(json_string_value(json_object_get(jj, "role_family")), "backend");
    json_decref(jj);
    json_t *ja = cd_docs_ats_to_json(&a);
    assert_int_equal(json_integer_value(json_object_get(ja, "score")), a.score);
    assert_int_equal(json_array_size(json_object_get(ja, "checks")), a.n_checks);
    json_decref(ja);

    /* topics: matched skills with where they were used, the project, the gaps */
    json_t *tp = cd_docs_topics_to_json(tax, good, &r, &jd, &m, 12);
    assert_true(json_array_size(tp) > 0 && json_array_size(tp) <= 12);
    bool go_at_job = false, rust_gap = false, project = false;
    for (size_t i = 0; i < json_array_size(tp); i++) {
        json_t *o = json_array_get(tp, i);
        const char *skill = json_string_value(json_object_get(o, "skill"));
        const char *kind = json_string_value(json_object_get(o, "kind"));
        const char *why = json_string_value(json_object_get(o, "why"));
        if (!strcmp(skill, "Go") && !strcmp(kind, "matched"))
            go_at_job = strstr(why, "listed in your skills and used at Senior Backend") != NULL;
        if (!strcmp(skill, "Rust"))
            rust_gap = !strcmp(kind, "gap") && strstr(why, "required by the job description");
        if (!strcmp(kind, "project"))
            project = strstr(why, "project: rate-limiter") != NULL;
    }
    assert_true(go_at_job);
    assert_true(rust_gap);
    assert_true(project);
    json_decref(tp);
    /* without a JD, and a small max */
    tp = cd_docs_topics_to_json(tax, good, &r, NULL, NULL, 3);
    assert_int_equal(json_array_size(tp), 3);
    json_decref(tp);

    cd_docs_match_free(&m);
    cd_docs_jd_free(&jd);
    cd_docs_resume_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_resume_scores_high),
        cmocka_unit_test(test_scanned_resume),
        cmocka_unit_test(test_tables_columns_and_no_contact),
        cmocka_unit_test(test_keywords_with_jd),
    };
    return cmocka_run_group_tests(tests, load, unload);
}
