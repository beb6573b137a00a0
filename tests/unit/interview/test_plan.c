/* Unit tests for interview plans and question-bank validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "interview/bank.h"
#include "interview/plan.h"

static json_t *pool(const char *type, int per_level, int first_id)
{
    json_t *a = json_array();
    int id = first_id;
    for (int d = 0; d < 3; d++)
        for (int i = 0; i < per_level; i++)
            json_array_append_new(a, json_pack("{s:i, s:s, s:s}", "id", id++, "difficulty",
                                               cd_difficulties[d], "type", type));
    return a;
}

static int rank_of(json_t *q)
{
    return cd_difficulty_rank(json_string_value(json_object_get(q, "difficulty")));
}

static void test_mix_and_rising_difficulty(void **state)
{
    (void)state;
    json_t *tech = pool("technical", 10, 1), *beh = pool("behavioural", 10, 100);
    cd_err e;
    for (int seed = 1; seed < 20; seed++) {
        json_t *plan = cd_plan_interview("backend", "medium", 10, tech, beh, NULL, seed, &e);
        assert_int_equal(json_array_size(plan), 10);
        int nb = 0, prev_tech_rank = -1;
        size_t i;
        json_t *q;
        json_array_foreach(plan, i, q)
        {
            if (!strcmp(json_string_value(json_object_get(q, "type")), "behavioural"))
                nb++;
            else {
                assert_true(rank_of(q) >= prev_tech_rank); /* never gets easier */
                prev_tech_rank = rank_of(q);
            }
        }
        assert_int_equal(nb, 3); /* 30% of 10 */
        assert_int_equal(rank_of(json_array_get(plan, 0)), 0);
        assert_int_equal(rank_of(json_array_get(plan, 9)), 2);
        json_decref(plan);
    }
    json_decref(tech);
    json_decref(beh);
}

static void test_no_repeats_and_recent_avoided(void **state)
{
    (void)state;
    json_t *tech = pool("technical", 4, 1), *beh = pool("behavioural", 2, 100);
    json_t *recent = json_pack("[i,i,i,i]", 1, 2, 3, 4); /* all easy technical */
    cd_err e;
    json_t *plan = cd_plan_interview("dsa", "easy", 5, tech, beh, recent, 7, &e);
    size_t i, j;
    json_t *q, *r;
    json_array_foreach(plan, i, q)
    {
        json_array_foreach(plan, j, r) if (i != j)
            assert_true(json_integer_value(json_object_get(q, "id")) !=
                        json_integer_value(json_object_get(r, "id")));
        json_int_t id = json_integer_value(json_object_get(q, "id"));
        assert_false(id >= 1 && id <= 4); /* recent ones avoided when others exist */
    }
    json_decref(plan);
    json_decref(recent);
    json_decref(tech);
    json_decref(beh);
}

static void test_too_small_bank_and_bad_args(void **state)
{
    (void)state;
    json_t *tech = pool("technical", 1, 1), *beh = json_array();
    cd_err e;
    assert_null(cd_plan_interview("ml", "hard", 5, tech, beh, NULL, 1, &e));
    assert_int_equal(e.code, CD_EUNPROCESSABLE);
    assert_null(cd_plan_interview("ml", "brutal", 3, tech, beh, NULL, 1, &e));
    assert_string_equal(e.field, "difficulty");
    assert_null(cd_plan_interview("ml", "easy", 0, tech, beh, NULL, 1, &e));
    assert_string_equal(e.field, "length");
    json_decref(tech);
    json_decref(beh);
}

static void test_hr_is_half_behavioural(void **state)
{
    (void)state;
    assert_int_equal(cd_plan_behavioural_count("hr", 8), 4);
    assert_int_equal(cd_plan_behavioural_count("backend", 5), 2);
    assert_int_equal(cd_plan_behavioural_count("backend", 3), 1);
}

static void test_bank_validation_names_the_field(void **state)
{
    (void)state;
    cd_err e;
    json_t *q =
        json_pack("{s:s, s:s, s:s, s:s, s:[s], s:[{s:s, s:s, s:i}]}", "role", "backend",
                  "difficulty", "easy", "type", "technical", "text", "What is a deadlock?",
                  "talking_points", "circular wait", "follow_ups", "text",
                  "Which condition did you leave out?", "trigger", "missing_point", "point", 3);
    assert_int_not_equal(cd_bank_validate_question(q, false, &e), 0);
    assert_string_equal(e.field, "follow_ups[0]");
    json_object_set_new(json_array_get(json_object_get(q, "follow_ups"), 0), "point",
                        json_integer(0));
    assert_int_equal(cd_bank_validate_question(q, false, &e), 0);
    json_object_set_new(q, "id", json_string("x-1"));
    assert_int_not_equal(cd_bank_validate_question(q, false, &e), 0); /* API: no ids */
    assert_string_equal(e.field, "id");
    assert_int_equal(cd_bank_validate_question(q, true, &e), 0); /* curated: required */
    json_array_append_new(json_object_get(q, "talking_points"), json_string(""));
    assert_int_not_equal(cd_bank_validate_question(q, true, &e), 0);
    assert_string_equal(e.field, "talking_points[1]");
    json_decref(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mix_and_rising_difficulty),
        cmocka_unit_test(test_no_repeats_and_recent_avoided),
        cmocka_unit_test(test_too_small_bank_and_bad_args),
        cmocka_unit_test(test_hr_is_half_behavioural),
        cmocka_unit_test(test_bank_validation_names_the_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
