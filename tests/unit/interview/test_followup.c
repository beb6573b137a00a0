/* Unit tests for cd_choose_follow_up(): a follow-up is asked for the right
 * reason (the bank's follow-up for the lowest missed point, a missing
 * result, no example), and not after strong or empty answers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "interview/evaluate.h"
#include "interview/followup.h"
#include "test_evaluate_questions.h"

static cd_follow_up_choice choose(const cd_question_spec *q, const char *answer)
{
    cd_err e = {0};
    json_t *r = cd_evaluate_answer(q, answer, 1000, false, NULL, &e);
    assert_non_null(r);
    cd_follow_up_choice c;
    assert_int_equal(cd_choose_follow_up(q, r, &c, &e), 0);
    json_decref(r);
    return c;
}

static void test_strong_answer_gets_no_follow_up(void **state)
{
    (void)state;
    cd_follow_up_choice c = choose(&REST_Q, REST_GOOD);
    assert_false(c.ask);
    assert_non_null(strstr(c.reason, "covered the main points"));
    /* a complete story, told in the candidate's words ("posted updates" for
     * "communication with stakeholders") */
    c = choose(&INCIDENT_Q, INCIDENT_GOOD);
    assert_false(c.ask);
}

static void test_empty_answer_gets_no_follow_up(void **state)
{
    (void)state;
    cd_follow_up_choice c = choose(&REST_Q, "  ");
    assert_false(c.ask);
    assert_non_null(strstr(c.reason, "not answered"));
}

static void test_bank_follow_up_for_lowest_missed_point(void **state)
{
    (void)state;
    /* misses statelessness (point 1, has a follow-up) and more; point 1 < point 2 */
    cd_follow_up_choice c = choose(&REST_Q, REST_HEDGY);
    assert_true(c.ask);
    assert_string_equal(c.trigger, "missing_point");
    assert_int_equal(c.point, 1);
    assert_string_equal(c.text, REST_FOLLOW_UPS[1].text);
    assert_non_null(strstr(c.reason, "statelessness"));
    /* covers status codes but not statelessness: still point 1 */
    c = choose(&REST_Q, REST_PARTIAL);
    assert_true(c.ask);
    assert_int_equal(c.point, 1);
}

static void test_behavioural_without_result_asks_for_it(void **state)
{
    (void)state;
    cd_follow_up_choice c = choose(&INCIDENT_Q, INCIDENT_NO_RESULT);
    assert_true(c.ask);
    assert_string_equal(c.trigger, "no_result");
    assert_string_equal(c.text, INCIDENT_FOLLOW_UPS[0].text);
    assert_int_equal(c.point, -1);
    assert_non_null(strstr(c.reason, "result"));
}

static void test_template_names_the_missed_point(void **state)
{
    (void)state;
    /* INDEX_Q has no bank follow-ups: the generated one names the first missed point */
    const char *a = "An index makes reads fast because the database can avoid a full table scan "
                    "and use a B-tree instead. For example in my last project I added one on "
                    "user_id and a query went from 2 seconds to 20 ms.";
    cd_follow_up_choice c = choose(&INDEX_Q, a);
    assert_true(c.ask);
    assert_string_equal(c.trigger, "missing_point");
    assert_int_equal(c.point, 1);
    assert_non_null(strstr(c.text, "every index slows down writes"));
    assert_non_null(strstr(c.reason, INDEX_POINTS[1]));
}

static void test_no_example_when_points_are_covered(void **state)
{
    (void)state;
    const char *a = "Indexes speed up reads because the database avoids a full table scan by "
                    "walking a B-tree. The cost is on writes: every insert and update must "
                    "maintain each index. Indexes also take extra disk space and memory. For a "
                    "composite index the column order matters, since only queries on a leftmost "
                    "prefix of the columns can use it.";
    cd_follow_up_choice c = choose(&INDEX_Q, a);
    assert_true(c.ask);
    assert_string_equal(c.trigger, "no_example");
    assert_non_null(strstr(c.text, "example"));
}

static void test_works_from_missed_strings_without_signals(void **state)
{
    (void)state;
    json_t *ev = json_pack("{s:{s:[], s:[s, s]}, s:[s]}", "talking_points", "covered", "missed",
                           REST_POINTS[4], REST_POINTS[2], "tips", "x");
    cd_follow_up_choice c;
    cd_err e = {0};
    assert_int_equal(cd_choose_follow_up(&REST_Q, ev, &c, &e), 0);
    assert_true(c.ask);
    assert_int_equal(c.point, 2); /* lowest index with a bank follow-up */
    json_decref(ev);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    cd_err e = {0};
    cd_follow_up_choice c;
    json_t *arr = json_array();
    assert_int_equal(cd_choose_follow_up(&REST_Q, arr, &c, &e), CD_EINVAL);
    assert_false(c.ask);
    assert_int_equal(cd_choose_follow_up(NULL, arr, &c, &e), CD_EINVAL);
    assert_int_equal(cd_choose_follow_up(&REST_Q, arr, NULL, &e), CD_EINVAL);
    json_decref(arr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strong_answer_gets_no_follow_up),
        cmocka_unit_test(test_empty_answer_gets_no_follow_up),
        cmocka_unit_test(test_bank_follow_up_for_lowest_missed_point),
        cmocka_unit_test(test_behavioural_without_result_asks_for_it),
        cmocka_unit_test(test_template_names_the_missed_point),
        cmocka_unit_test(test_no_example_when_points_are_covered),
        cmocka_unit_test(test_works_from_missed_strings_without_signals),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
