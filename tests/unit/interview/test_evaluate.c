/* Unit tests for cd_evaluate_answer(): what a candidate notices in the
 * report - score ordering, covered and missed points, STAR parts, hedges,
 * spans that point at the right words, and robustness. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interview/evaluate.h"
#include "test_evaluate_questions.h"

static json_t *eval(const cd_question_spec *q, const char *answer)
{
    cd_err e = {0};
    json_t *r = cd_evaluate_answer(q, answer, 60000, false, NULL, &e);
    if (!r)
        fail_msg("evaluate failed: %s", e.msg);
    return r;
}

static double score(json_t *r, const char *k)
{
    return json_number_value(json_object_get(json_object_get(r, "scores"), k));
}

static bool has_string(json_t *arr, const char *s)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) if (json_is_string(v) &&
                                      strcmp(json_string_value(v), s) == 0) return true;
    return false;
}

static bool tips_mention(json_t *r, const char *needle)
{
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(r, "tips"), i,
                       v) if (strstr(json_string_value(v), needle)) return true;
    return false;
}

/* Every span in the report must quote the answer exactly. */
static void check_span(const char *answer, json_t *span)
{
    if (json_is_null(span))
        return;
    assert_true(json_is_object(span));
    json_int_t s = json_integer_value(json_object_get(span, "start"));
    json_int_t e = json_integer_value(json_object_get(span, "end"));
    const char *text = json_string_value(json_object_get(span, "text"));
    assert_true(s >= 0 && s <= e && (size_t)e <= strlen(answer));
    assert_non_null(text);
    assert_int_equal(strlen(text), (size_t)(e - s));
    assert_memory_equal(text, answer + s, (size_t)(e - s));
}

static void check_all_spans(const char *answer, json_t *r)
{
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(r, "evidence"), i, v)
    {
        check_span(answer, json_object_get(v, "span"));
        assert_true(json_is_number(json_object_get(v, "effect")));
        assert_non_null(json_string_value(json_object_get(v, "reason")));
    }
    const char *lists[] = {"hedges", "fillers", "vague"};
    for (size_t k = 0; k < 3; k++)
        json_array_foreach(json_object_get(r, lists[k]), i, v)
            check_span(answer, json_object_get(v, "evidence"));
    json_array_foreach(json_object_get(json_object_get(r, "talking_points"), "covered"), i, v)
        check_span(answer, json_object_get(v, "evidence"));
    json_array_foreach(json_object_get(json_object_get(r, "keywords"), "used"), i, v)
        check_span(answer, json_object_get(v, "evidence"));
    json_t *star = json_object_get(r, "star");
    const char *key;
    json_object_foreach(star, key, v) check_span(answer, json_object_get(v, "evidence"));
}

static void test_good_beats_partial_beats_weak(void **state)
{
    (void)state;
    json_t *good = eval(&REST_Q, REST_GOOD), *partial = eval(&REST_Q, REST_PARTIAL);
    json_t *hedgy = eval(&REST_Q, REST_HEDGY), *off = eval(&REST_Q, REST_OFF_TOPIC);
    double g = score(good, "overall"), p = score(partial, "overall");
    double h = score(hedgy, "overall"), o = score(off, "overall");
    assert_true(g >= 7.0);
    assert_true(p > h && p < g);
    assert_true(h <= 4.0);
    assert_true(o <= 2.5);
    assert_true(score(good, "content") > score(partial, "content"));
    assert_true(score(hedgy, "clarity") < score(good, "clarity"));
    assert_true(score(off, "relevance") < 2.0);
    assert_true(json_is_null(json_object_get(good, "star"))); /* technical: no STAR */
    assert_true(json_is_null(json_object_get(json_object_get(good, "scores"), "structure")));
    check_all_spans(REST_GOOD, good);
    check_all_spans(REST_HEDGY, hedgy);
    json_decref(good);
    json_decref(partial);
    json_decref(hedgy);
    json_decref(off);
}

static void test_partial_answer_lists_covered_and_missed_points(void **state)
{
    (void)state;
    json_t *r = eval(&REST_Q, REST_PARTIAL);
    json_t *tp = json_object_get(r, "talking_points");
    json_t *covered = json_object_get(tp, "covered"), *missed = json_object_get(tp, "missed");
    assert_int_equal(json_array_size(covered) + json_array_size(missed), 5);
    const char *first = json_string_value(json_object_get(json_array_get(covered, 0), "point"));
    assert_string_equal(first, REST_POINTS[0]);
    assert_true(has_string(missed, REST_POINTS[1])); /* statelessness */
    assert_true(has_string(missed, REST_POINTS[4])); /* naming, pagination, versioning */
    assert_true(tips_mention(r, "You did not mention: statelessness"));
    /* the evidence of a covered point is the sentence that covers it */
    const char *ev = json_string_value(
        json_object_get(json_object_get(json_array_get(covered, 0), "evidence"), "text"));
    assert_non_null(strstr(ev, "resources at URLs"));
    json_t *used = json_object_get(json_object_get(r, "keywords"), "used");
    assert_true(json_array_size(used) >= 2);
    check_all_spans(REST_PARTIAL, r);
    json_decref(r);
}

static void test_hedges_and_fillers_are_reported_with_spans(void **state)
{
    (void)state;
    json_t *r = eval(&REST_Q, REST_HEDGY);
    json_t *hedges = json_object_get(r, "hedges");
    assert_true(json_array_size(hedges) >= 4);
    json_t *first = json_object_get(json_array_get(hedges, 0), "evidence");
    assert_string_equal(json_string_value(json_object_get(first, "text")), "I think");
    assert_int_equal(json_integer_value(json_object_get(first, "start")), 0);
    assert_true(json_array_size(json_object_get(r, "fillers")) >= 3);
    assert_true(json_array_size(json_object_get(r, "vague")) >= 2);
    assert_true(tips_mention(r, "Drop hedges"));
    assert_true(tips_mention(r, "Cut filler"));
    /* clarity evidence cites each hedge */
    size_t i, clarity_neg = 0;
    json_t *v;
    json_array_foreach(json_object_get(r, "evidence"), i, v)
    {
        if (strcmp(json_string_value(json_object_get(v, "dimension")), "clarity") == 0 &&
            json_number_value(json_object_get(v, "effect")) < 0 &&
            !json_is_null(json_object_get(v, "span")))
            clarity_neg++;
    }
    assert_true(clarity_neg >= 6);
    json_decref(r);
}

static void test_empty_and_whitespace_answers(void **state)
{
    (void)state;
    const char *answers[] = {"", "   \n\t  ", NULL};
    for (size_t i = 0; i < 3; i++) {
        json_t *r = eval(&INCIDENT_Q, answers[i]);
        const char *dims[] = {"content",     "relevance", "structure",
                              "specificity", "clarity",   "overall"};
        for (size_t k = 0; k < 6; k++)
            assert_true(score(r, dims[k]) == 0.0);
        assert_true(tips_mention(r, "did not answer"));
        assert_int_equal(
            json_array_size(json_object_get(json_object_get(r, "talking_points"), "missed")), 5);
        assert_true(json_is_true(json_object_get(json_object_get(r, "signals"), "empty")));
        assert_false(json_is_true(
            json_object_get(json_object_get(json_object_get(r, "star"), "result"), "present")));
        json_decref(r);
    }
}

static void test_behavioural_star_structure(void **state)
{
    (void)state;
    json_t *good = eval(&INCIDENT_Q, INCIDENT_GOOD);
    json_t *star = json_object_get(good, "star");
    const char *parts[] = {"situation", "task", "action", "result"};
    for (size_t i = 0; i < 4; i++)
        assert_true(json_is_true(json_object_get(json_object_get(star, parts[i]), "present")));
    assert_true(score(good, "structure") >= 9.0);
    assert_true(score(good, "overall") >= 7.0);
    check_all_spans(INCIDENT_GOOD, good);

    json_t *weak = eval(&INCIDENT_Q, INCIDENT_NO_RESULT);
    star = json_object_get(weak, "star");
    assert_false(json_is_true(json_object_get(json_object_get(star, "result"), "present")));
    assert_true(json_is_true(json_object_get(json_object_get(star, "action"), "present")));
    assert_true(tips_mention(weak, "Add the result"));
    assert_true(score(weak, "structure") < score(good, "structure"));
    assert_true(score(weak, "overall") < score(good, "overall"));
    assert_true(json_is_false(json_object_get(json_object_get(weak, "signals"), "has_result")));
    json_decref(good);
    json_decref(weak);
}

static void test_follow_up_judged_on_its_intent(void **state)
{
    (void)state;
    cd_err e = {0};
    const cd_follow_up *f = &REST_FOLLOW_UPS[0]; /* status codes, point 2 */
    const char *on = "After creating a resource I return 201 Created with a Location header, "
                     "and for a validation error 400 Bad Request with the field that failed.";
    const char *off = "I would make sure the team writes good documentation for everything.";
    json_t *a = cd_evaluate_answer(&REST_Q, on, 20000, true, f, &e);
    json_t *b = cd_evaluate_answer(&REST_Q, off, 20000, true, f, &e);
    assert_non_null(a);
    assert_non_null(b);
    assert_true(json_is_true(json_object_get(json_object_get(a, "signals"), "follow_up_met")));
    assert_true(json_is_false(json_object_get(json_object_get(b, "signals"), "follow_up_met")));
    assert_true(score(a, "content") >= 5.0);
    assert_true(score(a, "overall") > score(b, "overall") + 2.0);
    assert_true(tips_mention(b, "The follow-up asked"));
    /* as a main answer the same text covers only one point of five */
    json_t *main = eval(&REST_Q, on);
    assert_true(score(a, "content") > score(main, "content"));
    json_decref(a);
    json_decref(b);
    json_decref(main);
    /* is_follow_up without the follow-up is a caller error */
    assert_null(cd_evaluate_answer(&REST_Q, on, 0, true, NULL, &e));
    assert_int_equal(e.code, CD_EINVAL);
}

static void test_synonyms_and_stems_count(void **state)
{
    (void)state;
    /* "indices", "DB", "slower", "inserts", "disk" - different words, same ideas */
    const char *a = "Indices let the DB avoid scanning the full table, using a B-tree lookup "
                    "instead. But each extra index makes inserts and updates slower since the DB "
                    "has to maintain it, and it takes disk space and memory. With a composite "
                    "index the order of the columns decides which queries can use it.";
    json_t *r = eval(&INDEX_Q, a);
    json_t *covered = json_object_get(json_object_get(r, "talking_points"), "covered");
    assert_int_equal(json_array_size(covered), 4);
    assert_true(score(r, "content") >= 7.0);
    json_decref(r);
}

static void test_hostile_strings_are_plain_text(void **state)
{
    (void)state;
    const char *a = "<script>alert('I think')</script> Robert'); DROP TABLE answers;-- "
                    "\"resources\" & GET /users?id=1 OR 1=1 \\u0000 %s %n {{7*7}}";
    json_t *r = eval(&REST_Q, a);
    check_all_spans(a, r);
    json_t *h = json_object_get(r, "hedges");
    assert_int_equal(json_array_size(h), 1); /* "I think" inside the markup, quoted verbatim */
    assert_true(score(r, "overall") <= 4.0);
    char *dump = json_dumps(r, 0);
    assert_non_null(dump);
    free(dump);
    json_decref(r);
}

static void test_unicode_answer(void **state)
{
    (void)state;
    const char *a = "Une API REST expose des ressources \xE2\x80\x94 chaque ressource a une URL "
                    "\xE2\x80\x9C/users/42\xE2\x80\x9D et on utilise GET, POST, PUT, DELETE. "
                    "C\xE2\x80\x99"
                    "est stateless \xF0\x9F\x98\x80, avec des status codes 200, "
                    "404 et du JSON. \xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4"
                    "\xE0\xA5\x87";
    json_t *r = eval(&REST_Q, a);
    check_all_spans(a, r);
    /* English technical terms inside a French answer still count */
    json_t *covered = json_object_get(json_object_get(r, "talking_points"), "covered");
    assert_true(json_array_size(covered) >= 1);
    bool codes = false;
    size_t i;
    json_t *v;
    json_array_foreach(covered, i, v) codes |= json_integer_value(json_object_get(v, "index")) == 2;
    assert_true(codes);
    json_decref(r);
}

static void test_size_limits_and_bad_input(void **state)
{
    (void)state;
    cd_err e = {0};
    /* 10,000 characters (the API maximum) of a real answer repeated */
    size_t n = 10000, gl = strlen(REST_GOOD);
    char *big = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        big[i] = REST_GOOD[i % gl];
    big[n] = '\0';
    json_t *r = cd_evaluate_answer(&REST_Q, big, 1, false, NULL, &e);
    assert_non_null(r);
    assert_true(json_integer_value(json_object_get(json_object_get(r, "signals"), "words")) > 1000);
    assert_true(tips_mention(r, "Tighten"));
    json_decref(r);
    free(big);

    char *huge = malloc(CD_EVAL_MAX_ANSWER_BYTES + 2);
    memset(huge, 'a', CD_EVAL_MAX_ANSWER_BYTES + 1);
    huge[CD_EVAL_MAX_ANSWER_BYTES + 1] = '\0';
    assert_null(cd_evaluate_answer(&REST_Q, huge, 1, false, NULL, &e));
    assert_int_equal(e.code, CD_ETOOBIG);
    free(huge);

    assert_null(cd_evaluate_answer(&REST_Q, "caf\xC3 broken", 1, false, NULL, &e));
    assert_int_equal(e.code, CD_EINVAL);
    assert_null(cd_evaluate_answer(NULL, "x", 1, false, NULL, &e));
    assert_int_equal(e.code, CD_EINVAL);
    cd_question_spec q = REST_Q;
    q.n_talking_points = CD_EVAL_MAX_POINTS + 1;
    assert_null(cd_evaluate_answer(&q, "x", 1, false, NULL, &e));
    assert_string_equal(e.field, "talking_points");
    /* a question without points or keywords still evaluates */
    cd_question_spec bare = {"x",  "hr", "easy", "hr", "Why do you want to work here?", NULL, 0,
                             NULL, 0,    NULL,   0};
    r = cd_evaluate_answer(&bare, "Because I want to build products people use every day.", 1,
                           false, NULL, &e);
    assert_non_null(r);
    assert_true(json_is_null(json_object_get(json_object_get(r, "scores"), "structure")));
    assert_true(json_is_object(json_object_get(r, "star"))); /* hr: STAR reported, not scored */
    json_decref(r);
}

static void *eval_thread(void *arg)
{
    char **out = arg;
    for (int i = 0; i < 20; i++) {
        json_t *r = eval(&INCIDENT_Q, INCIDENT_GOOD);
        char *s = json_dumps(r, JSON_SORT_KEYS);
        json_decref(r);
        if (i == 0)
            *out = s;
        else
            free(s);
    }
    return NULL;
}

static void test_concurrent_evaluations_agree(void **state)
{
    (void)state;
    pthread_t t[4];
    char *out[4] = {0};
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, eval_thread, &out[i]), 0);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    for (int i = 1; i < 4; i++)
        assert_string_equal(out[0], out[i]);
    for (int i = 0; i < 4; i++)
        free(out[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_beats_partial_beats_weak),
        cmocka_unit_test(test_partial_answer_lists_covered_and_missed_points),
        cmocka_unit_test(test_hedges_and_fillers_are_reported_with_spans),
        cmocka_unit_test(test_empty_and_whitespace_answers),
        cmocka_unit_test(test_behavioural_star_structure),
        cmocka_unit_test(test_follow_up_judged_on_its_intent),
        cmocka_unit_test(test_synonyms_and_stems_count),
        cmocka_unit_test(test_hostile_strings_are_plain_text),
        cmocka_unit_test(test_unicode_answer),
        cmocka_unit_test(test_size_limits_and_bad_input),
        cmocka_unit_test(test_concurrent_evaluations_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
