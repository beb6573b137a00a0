/* Unit tests for src/text language cues: hedges, fillers, vague words, STAR
 * parts, first-person actions and specificity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "text/doc.h"
#include "text/language.h"
#include "text/specificity.h"
#include "text/star.h"

static cd_text_stemmer *g_st;

static int setup(void **state)
{
    (void)state;
    g_st = cd_text_stemmer_new();
    return g_st ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    cd_text_stemmer_free(g_st);
    return 0;
}

static void doc_of(cd_text_doc *d, const char *s)
{
    cd_err e = {0};
    assert_int_equal(cd_text_doc_init(d, s, strlen(s), g_st, &e), 0);
}

static const char *span(const cd_text_doc *d, size_t s, size_t e)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%.*s", (int)(e - s), d->text + s);
    return buf;
}

static void test_hedges_found_with_context(void **state)
{
    (void)state;
    cd_text_doc d;
    doc_of(&d, "I think it's O(log n). What kind of index? Maybe a B-tree, I'm not sure. "
               "It's sort of like a sorted list.");
    cd_text_hits h = {0};
    assert_int_equal(cd_text_find_hedges(&d, &h), 0);
    assert_int_equal(h.n, 4); /* I think, Maybe, I'm not sure, sort of; not "kind of" */
    assert_string_equal(span(&d, h.v[0].start, h.v[0].end), "I think");
    assert_string_equal(h.v[1].label, "maybe");
    assert_string_equal(span(&d, h.v[2].start, h.v[2].end), "I'm not sure");
    assert_string_equal(h.v[3].label, "sort of");
    cd_text_hits_free(&h);
    cd_text_doc_free(&d);
}

static void test_like_is_a_filler_only_as_filler(void **state)
{
    (void)state;
    cd_text_doc d;
    doc_of(&d, "So like, the cache is basically like a map, you know. I would like to add "
               "that it looks like a queue. Actually, it works.");
    cd_text_hits h = {0};
    assert_int_equal(cd_text_find_fillers(&d, &h), 0);
    /* "like," "basically" "you know" "Actually," - not "is like a map" (comparison),
     * "would like", "looks like" */
    assert_int_equal(h.n, 4);
    assert_string_equal(h.v[0].label, "like");
    assert_string_equal(h.v[1].label, "basically");
    assert_string_equal(h.v[2].label, "you know");
    assert_string_equal(h.v[3].label, "actually");
    for (size_t i = 1; i < h.n; i++)
        assert_true(h.v[i - 1].start < h.v[i].start);
    cd_text_hits_free(&h);
    cd_text_doc_free(&d);
}

static void test_vague_words(void **state)
{
    (void)state;
    cd_text_doc d;
    doc_of(&d, "We fixed stuff and things, etc. and so on.");
    cd_text_hits h = {0};
    assert_int_equal(cd_text_find_vague(&d, &h), 0);
    assert_int_equal(h.n, 4);
    assert_string_equal(h.v[3].label, "and so on");
    cd_text_hits_free(&h);
    cd_text_doc_free(&d);
}

static void test_star_full_story(void **state)
{
    (void)state;
    cd_text_doc d;
    doc_of(&d, "Last year at my internship our checkout service was timing out at peak hours. "
               "My task was to find the cause before the holiday sale. "
               "I profiled the slow endpoint and then added a Redis cache for the price lookup. "
               "As a result, p99 latency dropped from 2 seconds to 300 ms and we had zero "
               "timeouts during the sale.");
    cd_text_star s;
    assert_int_equal(cd_text_detect_star(&d, &s), 0);
    for (int p = 0; p < CD_STAR_PARTS; p++)
        assert_true(s.part[p].present);
    assert_int_equal(s.part[CD_STAR_SITUATION].sentence, 0);
    assert_int_equal(s.part[CD_STAR_TASK].sentence, 1);
    assert_int_equal(s.part[CD_STAR_ACTION].sentence, 2);
    assert_int_equal(s.part[CD_STAR_RESULT].sentence, 3);
    assert_true(s.part[CD_STAR_RESULT].quantified);
    assert_string_equal(span(&d, s.part[CD_STAR_TASK].start, s.part[CD_STAR_TASK].end),
                        "My task was to find the cause before the holiday sale.");
    cd_text_doc_free(&d);
}

static void test_star_missing_result_and_action(void **state)
{
    (void)state;
    cd_text_doc d;
    doc_of(&d, "In my last project the team disagreed about the database. We discussed it a "
               "lot. I would probably talk to everyone.");
    cd_text_star s;
    assert_int_equal(cd_text_detect_star(&d, &s), 0);
    assert_true(s.part[CD_STAR_SITUATION].present);
    assert_false(s.part[CD_STAR_ACTION].present); /* "I would ... talk" is hypothetical */
    assert_false(s.part[CD_STAR_RESULT].present);
    assert_false(s.part[CD_STAR_TASK].present);
    cd_text_doc_free(&d);
}

static void test_specifics(void **state)
{
    (void)state;
    cd_text_doc d;
    doc_of(&d, "For example, I migrated our Postgres tables to DynamoDB in three weeks and cut "
               "costs by 30%. The AWS bill went down and Priya reviewed it.");
    cd_text_specifics sp;
    assert_int_equal(cd_text_find_specifics(&d, &sp), 0);
    assert_int_equal(sp.examples.n, 1);
    assert_int_equal(sp.actions.n, 1);
    assert_string_equal(span(&d, sp.actions.v[0].start, sp.actions.v[0].end), "I migrated");
    assert_int_equal(sp.tech.n, 3);    /* postgres, dynamodb, aws */
    assert_int_equal(sp.numbers.n, 2); /* three, 30% */
    assert_int_equal(sp.named.n, 1);   /* Priya */
    assert_string_equal(span(&d, sp.named.v[0].start, sp.named.v[0].end), "Priya");
    cd_text_specifics_free(&sp);
    cd_text_doc_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hedges_found_with_context),
        cmocka_unit_test(test_like_is_a_filler_only_as_filler),
        cmocka_unit_test(test_vague_words),
        cmocka_unit_test(test_star_full_story),
        cmocka_unit_test(test_star_missing_result_and_action),
        cmocka_unit_test(test_specifics),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
