/* coverage.h - does an answer cover a talking point, use a keyword, stay on
 * topic?
 *
 * A talking point is covered when enough of its content terms (stems with
 * synonyms folded; stop and weak words ignored) appear close together in
 * the answer: within a window of max(CD_TEXT_COVER_MIN_WINDOW, 3 x terms)
 * tokens. Terms the question itself already contains count half, so an
 * answer does not cover "indexes slow down writes" by repeating the word
 * "index" from the question. An example list inside a point ("codes such as
 * 200, 404", "GET, POST, PUT") counts as one slot that any item fills. Keywords match as phrases:
 * their content terms in order with at most CD_TEXT_KEYWORD_MAX_GAP tokens between them.
 *
 * A termset owns copies of its terms (cd_text_termset_free). All functions
 * are pure over immutable docs: any thread may call. */
#ifndef CANDOR_TEXT_COVERAGE_H
#define CANDOR_TEXT_COVERAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "text/doc.h"

#define CD_TEXT_COVER_MIN_WINDOW 16
#define CD_TEXT_KEYWORD_MAX_GAP 2
/* Distinct terms a point can have; longer points are truncated (bank
 * points are at most 300 characters, ~40 words). */
#define CD_TEXT_POINT_MAX_TERMS 64

typedef struct cd_text_termset {
    char **terms; /* sorted, distinct */
    size_t n, cap;
} cd_text_termset;

int cd_text_termset_add(cd_text_termset *s, const char *term);
/* Adds the content terms of doc. */
int cd_text_termset_add_doc(cd_text_termset *s, const cd_text_doc *doc);
bool cd_text_termset_has(const cd_text_termset *s, const char *term);
void cd_text_termset_free(cd_text_termset *s);

typedef struct cd_text_coverage {
    double ratio;   /* weighted share of the point's terms found in the best window, 0..1 */
    size_t n_terms; /* slots of the point: distinct content terms, an example list counting once */
    size_t n_hit;   /* of them found in the best window */
    bool found;     /* at least one hit: tok_first/tok_last are valid */
    size_t tok_first, tok_last; /* the best window's first and last matching tokens */
} cd_text_coverage;

/* `given` (may be NULL): terms of the question, weighted half. */
int cd_text_cover(const cd_text_doc *answer, const cd_text_doc *point, const cd_text_termset *given,
                  cd_text_coverage *out);

/* Finds the keyword phrase in the answer; true with its token span. */
bool cd_text_find_keyword(const cd_text_doc *answer, const cd_text_doc *keyword, size_t *tok_first,
                          size_t *tok_last);

#endif
