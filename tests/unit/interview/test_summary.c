/* Unit tests for cd_summarize_interview(): weighting of follow-ups,
 * structure only over stories, strengths and improvements that match the
 * answers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "interview/evaluate.h"
#include "interview/summary.h"
#include "test_evaluate_questions.h"

static json_t *answer(const char *kind, double overall, double content, json_t *structure,
                      double clarity)
{
    return json_pack("{s:s, s:{s:f, s:f, s:f, s:o, s:f, s:f}}", "kind", kind, "scores", "overall",
                     overall, "content", content, "relevance", overall, "structure", structure,
                     "specificity", overall, "clarity", clarity);
}

static double num(json_t *o, const char *k)
{
    return json_number_value(json_object_get(json_object_get(o, "overall"), k));
}

static bool any_contains(json_t *arr, const char *needle)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) if (strstr(json_string_value(v), needle)) return true;
    return false;
}

static void test_follow_ups_weigh_half(void **state)
{
    (void)state;
    json_t *arr = json_array();
    json_array_append_new(arr, answer("question", 8, 8, json_null(), 9));
    json_array_append_new(arr, answer("follow_up", 2, 2, json_null(), 9));
    cd_err e = {0};
    json_t *s = cd_summarize_interview(arr, &e);
    assert_non_null(s);
    assert_true(fabs(num(s, "score") - 6.0) < 0.05); /* (8 + 0.5*2) / 1.5 */
    assert_true(fabs(num(s, "content") - 6.0) < 0.05);
    assert_true(json_is_null(json_object_get(json_object_get(s, "overall"), "structure")));
    const char *text = json_string_value(json_object_get(json_object_get(s, "overall"), "summary"));
    assert_non_null(strstr(text, "1 answer and 1 follow-up"));
    json_decref(s);
    json_decref(arr);
}

static void test_structure_only_over_stories(void **state)
{
    (void)state;
    json_t *arr = json_array();
    json_array_append_new(arr, answer("question", 6, 6, json_null(), 8));
    json_array_append_new(arr, answer("question", 6, 6, json_real(4.0), 8));
    json_t *s = cd_summarize_interview(arr, NULL);
    assert_true(fabs(num(s, "structure") - 4.0) < 0.05);
    json_decref(s);
    json_decref(arr);
}

static void test_empty_interview(void **state)
{
    (void)state;
    json_t *arr = json_array();
    json_t *s = cd_summarize_interview(arr, NULL);
    assert_true(num(s, "score") == 0);
    assert_non_null(
        strstr(json_string_value(json_object_get(json_object_get(s, "overall"), "summary")),
               "No answers"));
    json_decref(s);
    json_decref(arr);
    cd_err e = {0};
    json_t *obj = json_object();
    assert_null(cd_summarize_interview(obj, &e));
    assert_int_equal(e.code, CD_EINVAL);
    json_t *bad = json_pack("[i]", 3);
    assert_null(cd_summarize_interview(bad, &e));
    assert_int_equal(e.code, CD_EINVAL);
    json_decref(obj);
    json_decref(bad);
}

static json_t *real(const cd_question_spec *q, const char *text, const char *prompt)
{
    json_t *r = cd_evaluate_answer(q, text, 1000, false, NULL, NULL);
    assert_non_null(r);
    json_object_set_new(r, "kind", json_string("question"));
    json_object_set_new(r, "prompt", json_string(prompt));
    return r;
}

static void test_strengths_and_improvements_from_real_answers(void **state)
{
    (void)state;
    json_t *good = json_array();
    json_array_append_new(good, real(&REST_Q, REST_GOOD, REST_Q.text));
    json_array_append_new(good, real(&INCIDENT_Q, INCIDENT_GOOD, INCIDENT_Q.text));
    json_t *s = cd_summarize_interview(good, NULL);
    assert_true(num(s, "score") >= 7.0);
    json_t *st = json_object_get(s, "strengths");
    assert_true(json_array_size(st) >= 2);
    assert_true(any_contains(st, "talking points"));
    assert_true(any_contains(st, "Strongest answer"));
    json_decref(s);
    json_decref(good);

    json_t *weak = json_array();
    json_array_append_new(weak, real(&REST_Q, REST_HEDGY, REST_Q.text));
    json_array_append_new(weak, real(&INCIDENT_Q, INCIDENT_NO_RESULT, INCIDENT_Q.text));
    json_array_append_new(weak, real(&INDEX_Q, "", INDEX_Q.text));
    s = cd_summarize_interview(weak, NULL);
    assert_true(num(s, "score") <= 4.0);
    json_t *imp = json_object_get(s, "improvements");
    assert_true(any_contains(imp, "unanswered"));
    assert_true(any_contains(imp, "result"));
    assert_true(any_contains(imp, "Hedging"));
    assert_true(json_array_size(imp) <= CD_SUMMARY_MAX_IMPROVEMENTS);
    json_decref(s);
    json_decref(weak);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_follow_ups_weigh_half),
        cmocka_unit_test(test_structure_only_over_stories),
        cmocka_unit_test(test_empty_interview),
        cmocka_unit_test(test_strengths_and_improvements_from_real_answers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
