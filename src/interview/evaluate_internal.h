/* evaluate_internal.h - shared between evaluate.c (analysis and scores) and
 * evaluate_report.c (evidence, spans, tips). Not a public interface: the
 * context lives on the stack of one cd_evaluate_answer() call. */
#ifndef CANDOR_INTERVIEW_EVALUATE_INTERNAL_H
#define CANDOR_INTERVIEW_EVALUATE_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>

#include "interview/evaluate.h"
#include "text/coverage.h"
#include "text/doc.h"
#include "text/star.h"

typedef enum eval_point_state { POINT_MISSED, POINT_PARTIAL, POINT_COVERED } eval_point_state;

typedef struct eval_point {
    eval_point_state state;
    double ratio;
    size_t start, end; /* evidence sentence(s) when found */
    bool found;
} eval_point;

typedef struct eval_ctx {
    const cd_question_spec *q;
    const char *answer;
    size_t len;
    bool is_follow_up;
    const cd_follow_up *follow_up;
    bool story; /* the question asks for a story: STAR is scored */
    bool star_reported;
    cd_text_doc doc;
    cd_text_termset given; /* terms of the question text */
    eval_point points[CD_EVAL_MAX_POINTS];
    size_t n_kw_used;
    size_t min_words, max_words;
    double coverage; /* share of points covered (partial = half) */
    bool has_example, off_topic;
    cd_text_star star;
    size_t n_hedges, n_fillers, n_vague;
    double content, relevance, structure, specificity, clarity, overall;
    int follow_up_met; /* -1 n/a, 0, 1 */
    json_t *out, *evidence, *tips;
} eval_ctx;

/* {start, end, text} for answer bytes [start, end). */
json_t *eval_span(const eval_ctx *c, size_t start, size_t end);
/* Appends one evidence entry; start > end means "no span". */
void eval_evidence(eval_ctx *c, double effect, const char *dimension, size_t start, size_t end,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void eval_tip(eval_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes the tips for what the analysis found lacking, most useful first. */
void eval_write_tips(eval_ctx *c);
double eval_round1(double x);

#define EVAL_NO_SPAN ((size_t)1), ((size_t)0)

#endif
