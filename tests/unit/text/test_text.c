/* Unit tests for src/text: tokens and offsets, sentences, terms (stems,
 * synonyms, multi-word aliases), coverage and keyword matching. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/coverage.h"
#include "text/doc.h"
#include "text/stem.h"
#include "text/stopwords.h"
#include "text/synonyms.h"
#include "text/utf8.h"

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

/* The source text of token i. */
static char *tok_text(const cd_text_doc *d, size_t i)
{
    static char buf[256];
    size_t n = d->tokens[i].end - d->tokens[i].start;
    memcpy(buf, d->text + d->tokens[i].start, n);
    buf[n] = '\0';
    return buf;
}

static void test_tokens_keep_tech_names_whole(void **state)
{
    (void)state;
    cd_text_doc d;
    doc_of(&d, "We moved from Node.js to C++ and C#, cut p99 by 40% (saved $10k); don't "
               "split B-tree or CI/CD.");
    const char *want[] = {"We",    "moved", "from", "Node.js", "to",  "C++",   "and",
                          "C#",    "cut",   "p99",  "by",      "40%", "saved", "$10k",
                          "don't", "split", "B",    "tree",    "or",  "CI",    "CD"};
    assert_int_equal(d.n_tokens, sizeof want / sizeof *want);
    for (size_t i = 0; i < d.n_tokens; i++)
        assert_string_equal(tok_text(&d, i), want[i]);
    assert_true(d.tokens[11].flags & CD_TOK_NUMBER);
    assert_true(d.tokens[9].flags & CD_TOK_HAS_DIGIT);
    assert_false(d.tokens[9].flags & CD_TOK_NUMBER);
    assert_true(d.tokens[19].flags & CD_TOK_ALLCAPS);
    assert_true(d.tokens[7].flags & CD_TOK_COMMA_AFTER);
    assert_true(d.tokens[8].flags & CD_TOK_COMMA_BEFORE);
    cd_text_doc_free(&d);
}

static void test_unicode_offsets_are_bytes_and_whole(void **state)
{
    (void)state;
    cd_text_doc d;
    /* curly apostrophe, em dash, emoji, accented and Devanagari words */
    const char *s = "It\xE2\x80\x99s caf\xC3\xA9\xE2\x80\x94na\xC3\xAFve \xF0\x9F\x98\x80 "
                    "\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x87";
    doc_of(&d, s);
    assert_int_equal(d.n_tokens, 4);
    assert_string_equal(d.tokens[0].lower, "it's"); /* curly apostrophe folded */
    assert_true(d.tokens[0].flags & CD_TOK_STOP);
    assert_string_equal(tok_text(&d, 1), "caf\xC3\xA9");
    assert_string_equal(tok_text(&d, 2), "na\xC3\xAFve");
    assert_true(d.tokens[2].flags & CD_TOK_COMMA_BEFORE); /* em dash separates like a comma */
    for (size_t i = 0; i < d.n_tokens; i++) {
        assert_true(cd_text_utf8_valid(s + d.tokens[i].start, d.tokens[i].end - d.tokens[i].start));
    }
    cd_text_doc_free(&d);
}

static void test_rejects_bad_input_clearly(void **state)
{
    (void)state;
    cd_text_doc d;
    cd_err e = {0};
    assert_int_equal(cd_text_doc_init(&d, "bad \xC3\x28 utf8", 12, g_st, &e), CD_EINVAL);
    assert_non_null(strstr(e.msg, "UTF-8"));
    assert_int_equal(cd_text_doc_init(&d, "a\0b", 3, g_st, &e), CD_EINVAL);
    char *big = malloc(CD_TEXT_MAX_BYTES + 2);
    memset(big, 'a', CD_TEXT_MAX_BYTES + 1);
    big[CD_TEXT_MAX_BYTES + 1] = '\0';
    assert_int_equal(cd_text_doc_init(&d, big, CD_TEXT_MAX_BYTES + 1, g_st, &e), CD_ETOOBIG);
    free(big);
    cd_text_doc_free(&d); /* safe after a failed init */
    assert_int_equal(cd_text_doc_init(&d, "", 0, g_st, &e), 0);
    assert_int_equal(d.n_tokens, 0);
    assert_int_equal(d.n_sentences, 0);
    cd_text_doc_free(&d);
    assert_false(cd_text_utf8_valid("\xED\xA0\x80", 3)); /* surrogate */
    assert_false(cd_text_utf8_valid("\xC0\xAF", 2));     /* overlong */
}

static void test_sentences_respect_abbreviations_and_lines(void **state)
{
    (void)state;
    cd_text_doc d;
    doc_of(&d, "We cached reads, e.g. user profiles. Latency dropped to 20 ms! Why? "
               "Because of Redis etc. and\n- bullet one\n- bullet two");
    assert_int_equal(d.n_sentences, 6);
    char buf[128];
    const cd_text_sentence *s0 = &d.sentences[0];
    snprintf(buf, sizeof buf, "%.*s", (int)(s0->end - s0->start), d.text + s0->start);
    assert_string_equal(buf, "We cached reads, e.g. user profiles.");
    const cd_text_sentence *s3 = &d.sentences[3];
    snprintf(buf, sizeof buf, "%.*s", (int)(s3->end - s3->start), d.text + s3->start);
    assert_string_equal(buf, "Because of Redis etc. and");
    assert_true(d.tokens[d.sentences[4].first_token].flags & CD_TOK_SENT_START);
    cd_text_doc_free(&d);
}

static void test_terms_fold_stems_synonyms_and_phrases(void **state)
{
    (void)state;
    cd_text_doc a, b;
    doc_of(&a, "Indexes speed up DB queries on k8s; we use machine learning and pull requests.");
    doc_of(&b, "An index made the database query faster on Kubernetes with ML and PRs.");
    cd_text_termset sa = {0}, sb = {0};
    assert_int_equal(cd_text_termset_add_doc(&sa, &a), 0);
    assert_int_equal(cd_text_termset_add_doc(&sb, &b), 0);
    const char *shared[] = {"index", "databas", "queri", "kubernet", "ml", "pr"};
    for (size_t i = 0; i < sizeof shared / sizeof *shared; i++) {
        assert_true(cd_text_termset_has(&sa, shared[i]));
        assert_true(cd_text_termset_has(&sb, shared[i]));
    }
    /* stop words never become content terms */
    assert_false(cd_text_termset_has(&sa, "on"));
    assert_false(cd_text_termset_has(&sb, "the"));
    char out[CD_TEXT_TERM_MAX];
    assert_string_equal(cd_text_term(g_st, "optimise", 8, out, sizeof out),
                        cd_text_term(g_st, "optimize", 8, out, sizeof out));
    cd_text_termset_free(&sa);
    cd_text_termset_free(&sb);
    cd_text_doc_free(&a);
    cd_text_doc_free(&b);
}

static void test_stopword_lists_are_sorted(void **state)
{
    (void)state;
    assert_true(cd_text_stopwords_sorted());
    assert_true(cd_text_is_stopword("the"));
    assert_true(cd_text_is_stopword("don't"));
    assert_false(cd_text_is_stopword("index"));
    assert_true(cd_text_is_weak_word("stuff"));
}

static void test_coverage_needs_terms_close_together(void **state)
{
    (void)state;
    cd_text_doc point, near, far, none;
    doc_of(&point, "indexes slow down writes because every insert must update them");
    doc_of(&near, "The downside is on writes: each insert or update has to maintain every "
                  "index, so writes get slower.");
    doc_of(&far, "Writes matter. Lorem ipsum dolor sit amet consectetur adipiscing elit sed do "
                 "eiusmod tempor incididunt ut labore et dolore magna aliqua ut enim ad minim "
                 "veniam quis nostrud exercitation ullamco laboris nisi ut aliquip. An index "
                 "helps.");
    doc_of(&none, "I like pizza and football.");
    cd_text_coverage c1, c2, c3;
    assert_int_equal(cd_text_cover(&near, &point, NULL, &c1), 0);
    assert_int_equal(cd_text_cover(&far, &point, NULL, &c2), 0);
    assert_int_equal(cd_text_cover(&none, &point, NULL, &c3), 0);
    assert_true(c1.ratio >= 0.45);
    assert_true(c1.found);
    assert_true(c2.ratio < c1.ratio); /* the same words far apart are not one idea */
    assert_true(c2.n_hit <= 1);
    assert_false(c3.found);
    assert_true(c3.ratio == 0);
    /* terms the question already says count half */
    cd_text_termset given = {0};
    cd_text_termset_add(&given, "index");
    cd_text_doc echo;
    doc_of(&echo, "An index, an index, indexes.");
    cd_text_coverage c4, c5;
    cd_text_cover(&echo, &point, NULL, &c4);
    cd_text_cover(&echo, &point, &given, &c5);
    assert_true(c5.ratio < c4.ratio);
    cd_text_termset_free(&given);
    cd_text_doc_free(&echo);
    cd_text_doc_free(&point);
    cd_text_doc_free(&near);
    cd_text_doc_free(&far);
    cd_text_doc_free(&none);
}

static void test_keywords_match_as_phrases(void **state)
{
    (void)state;
    cd_text_doc ans, k1, k2, k3, k4;
    doc_of(&ans, "Return the right status codes and keep the API stateless. Use GET for reads.");
    doc_of(&k1, "status code");
    doc_of(&k2, "code status");
    doc_of(&k3, "get");
    doc_of(&k4, "idempotency key");
    size_t a, b;
    assert_true(cd_text_find_keyword(&ans, &k1, &a, &b));
    assert_string_equal(tok_text(&ans, a), "status");
    assert_string_equal(tok_text(&ans, b), "codes");
    assert_false(cd_text_find_keyword(&ans, &k2, &a, &b)); /* order matters */
    assert_true(cd_text_find_keyword(&ans, &k3, &a, &b));  /* stop-word keywords still match */
    assert_false(cd_text_find_keyword(&ans, &k4, &a, &b));
    cd_text_doc_free(&ans);
    cd_text_doc_free(&k1);
    cd_text_doc_free(&k2);
    cd_text_doc_free(&k3);
    cd_text_doc_free(&k4);
}

static void test_hostile_and_huge_input_is_bounded(void **state)
{
    (void)state;
    /* 10,000 characters of markup, SQL and one giant word */
    size_t n = 10000;
    char *s = malloc(n + 1);
    const char *chunk = "<script>alert('x')</script>'; DROP TABLE users;-- ";
    size_t cl = strlen(chunk);
    for (size_t i = 0; i < n; i++)
        s[i] = i < n / 2 ? chunk[i % cl] : 'x';
    s[n] = '\0';
    cd_text_doc d;
    doc_of(&d, s);
    assert_true(d.n_tokens > 100);
    const cd_text_token *last = &d.tokens[d.n_tokens - 1];
    assert_int_equal(last->end, n);
    assert_int_equal(last->end - last->start, n / 2);
    assert_true(strlen(last->term) <= n / 2);
    cd_text_doc_free(&d);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens_keep_tech_names_whole),
        cmocka_unit_test(test_unicode_offsets_are_bytes_and_whole),
        cmocka_unit_test(test_rejects_bad_input_clearly),
        cmocka_unit_test(test_sentences_respect_abbreviations_and_lines),
        cmocka_unit_test(test_terms_fold_stems_synonyms_and_phrases),
        cmocka_unit_test(test_stopword_lists_are_sorted),
        cmocka_unit_test(test_coverage_needs_terms_close_together),
        cmocka_unit_test(test_keywords_match_as_phrases),
        cmocka_unit_test(test_hostile_and_huge_input_is_bounded),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
