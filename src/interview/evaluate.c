/* evaluate.c - cd_evaluate_answer(): analysis and scores (see evaluate.h and
 * docs/evaluation.md, which describes every rule below for users). */
#include "interview/evaluate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interview/evaluate_internal.h"
#include "text/language.h"
#include "text/lexicon.h"
#include "text/specificity.h"
#include "text/stem.h"

/* --- tuning constants (docs/evaluation.md) ------------------------------- */
#define W_POINTS 0.75      /* share of content from talking points when keywords exist */
#define COVER_SHORT 0.6    /* ratio a point of <= 3 terms needs to be covered */
#define COVER_LONG 0.45    /* ratio a longer point needs */
#define PARTIAL_MIN 0.25   /* ratio for "touched on" */
#define KEYWORD_TARGET 0.5 /* using this share of the keywords earns full keyword credit */
#define SHORT_PENALTY 3.0  /* content lost by an answer of 0 words vs the minimum */
#define HEDGE_COST 1.0
#define HEDGE_MAX 4.0
#define FILLER_COST 0.5
#define FILLER_MAX 3.0
#define VAGUE_COST 0.75
#define VAGUE_MAX 3.0
#define LONG_SENTENCE_WORDS 45
#define LONG_SENTENCE_COST 1.0
#define LONG_SENTENCE_MAX 2.0
#define OVERALL_ABOVE_RELEVANCE 3.0 /* an answer cannot score more than this above relevance */
#define FOLLOW_UP_INTENT_SHARE 0.6  /* content of a follow-up answer from its intent */

static double clamp10(double x)
{
    return x < 0 ? 0 : x > 10 ? 10 : x;
}

static bool streq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* Expected length in words, by type and difficulty. */
static void expected_length(eval_ctx *c)
{
    const cd_question_spec *q = c->q;
    int rank = streq(q->difficulty, "hard") ? 2 : streq(q->difficulty, "medium") ? 1 : 0;
    if (c->is_follow_up) {
        c->min_words = 15, c->max_words = 250;
    } else if (streq(q->type, "behavioural")) {
        c->min_words = 60, c->max_words = 450;
    } else if (streq(q->type, "hr")) {
        c->min_words = 40, c->max_words = 400;
    } else {
        c->min_words = 25 + 15 * (size_t)rank, c->max_words = 350;
    }
}

/* Strips a STAR label the bank writes as a prefix ("result: time to recovery"). */
static const char *strip_label(const char *p)
{
    static const char *const L[] = {"situation:", "task:", "action:", "result:", "example:", NULL};
    for (const char *const *l = L; *l; l++) {
        size_t n = strlen(*l);
        if (strncasecmp(p, *l, n) == 0)
            return p + n;
    }
    return p;
}

static int analyse_points(eval_ctx *c, cd_text_stemmer *st, cd_err *err)
{
    const cd_question_spec *q = c->q;
    double got = 0;
    for (size_t i = 0; i < q->n_talking_points; i++) {
        const char *p = q->talking_points[i] ? strip_label(q->talking_points[i]) : "";
        cd_text_doc pd;
        if (cd_text_doc_init(&pd, p, strlen(p), st, err) != 0)
            return -1;
        cd_text_coverage cov;
        int rc = cd_text_cover(&c->doc, &pd, &c->given, &cov);
        cd_text_doc_free(&pd);
        if (rc != 0)
            return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory"), -1;
        eval_point *ep = &c->points[i];
        ep->ratio = cov.ratio;
        size_t need_hits = cov.n_terms < 2 ? cov.n_terms : 2;
        double need = cov.n_terms <= 3 ? COVER_SHORT : COVER_LONG;
        if (cov.n_terms > 0 && cov.ratio >= need && cov.n_hit >= need_hits)
            ep->state = POINT_COVERED;
        else if (cov.ratio >= PARTIAL_MIN && cov.n_hit >= (cov.n_terms >= 4 ? 2u : 1u))
            ep->state = POINT_PARTIAL;
        else
            ep->state = POINT_MISSED;
        if (cov.found && ep->state != POINT_MISSED) {
            ep->found = true;
            cd_text_sentence_span(&c->doc, cov.tok_first, cov.tok_last, &ep->start, &ep->end);
        }
        got += ep->state == POINT_COVERED ? 1.0 : ep->state == POINT_PARTIAL ? 0.5 : 0.0;
    }
    c->coverage = q->n_talking_points ? got / (double)q->n_talking_points : 0;
    return 0;
}

static json_t *point_entry(eval_ctx *c, size_t i)
{
    const eval_point *ep = &c->points[i];
    return json_pack("{s:s, s:I, s:f, s:o}", "point", c->q->talking_points[i], "index",
                     (json_int_t)i, "coverage", eval_round1(ep->ratio * 100) / 100, "evidence",
                     eval_span(c, ep->start, ep->end));
}

/* Content: talking points (and keywords), minus a short-answer penalty. */
static int score_content(eval_ctx *c, cd_text_stemmer *st, cd_err *err)
{
    const cd_question_spec *q = c->q;
    json_t *covered = json_array(), *missed = json_array(), *partial = json_array();
    json_t *used = json_array(), *kw_missed = json_array();
    json_object_set_new(
        c->out, "talking_points",
        json_pack("{s:o, s:o, s:o}", "covered", covered, "missed", missed, "partial", partial));
    json_object_set_new(c->out, "keywords",
                        json_pack("{s:o, s:o}", "used", used, "missed", kw_missed));
    double w_points = q->n_keywords ? W_POINTS : 1.0;
    if (q->n_talking_points == 0)
        w_points = q->n_keywords ? 0 : 1.0;
    double per_point = q->n_talking_points ? 10.0 * w_points / (double)q->n_talking_points : 0;
    for (size_t i = 0; i < q->n_talking_points; i++) {
        const eval_point *ep = &c->points[i];
        const char *text = q->talking_points[i] ? q->talking_points[i] : "";
        if (ep->state == POINT_COVERED) {
            json_array_append_new(covered, point_entry(c, i));
            c->content += per_point;
            eval_evidence(c, per_point, "content", ep->start, ep->end, "Covered: %s", text);
        } else {
            json_array_append_new(missed, json_string(text));
            if (ep->state == POINT_PARTIAL) {
                json_array_append_new(partial, point_entry(c, i));
                c->content += per_point / 2;
                eval_evidence(c, per_point / 2, "content", ep->start, ep->end,
                              "Touched on but not explained: %s", text);
            } else {
                eval_evidence(c, -per_point, "content", EVAL_NO_SPAN, "Not mentioned: %s", text);
            }
        }
    }
    /* Keywords: each used keyword earns a share of the keyword credit, up to
     * KEYWORD_TARGET of the list. */
    if (q->n_keywords) {
        size_t target = (size_t)ceil(KEYWORD_TARGET * (double)q->n_keywords);
        double per_kw = 10.0 * (1 - w_points) / (double)(target ? target : 1);
        for (size_t i = 0; i < q->n_keywords; i++) {
            const char *k = q->keywords[i] ? q->keywords[i] : "";
            cd_text_doc kd;
            if (cd_text_doc_init(&kd, k, strlen(k), st, err) != 0)
                return -1;
            size_t a, b;
            if (cd_text_find_keyword(&c->doc, &kd, &a, &b)) {
                size_t s = c->doc.tokens[a].start, e = c->doc.tokens[b].term_end;
                json_array_append_new(
                    used, json_pack("{s:s, s:o}", "term", k, "evidence", eval_span(c, s, e)));
                if (c->n_kw_used < target) {
                    c->content += per_kw;
                    eval_evidence(c, per_kw, "content", s, e, "Used the term \"%s\"", k);
                }
                c->n_kw_used++;
            } else {
                json_array_append_new(kw_missed, json_string(k));
            }
            cd_text_doc_free(&kd);
        }
    }
    if (c->doc.n_words < c->min_words) {
        double lost = SHORT_PENALTY * (1.0 - (double)c->doc.n_words / (double)c->min_words);
        lost = fmin(lost, c->content);
        if (lost > 0.05) {
            c->content -= lost;
            eval_evidence(c, -lost, "content", EVAL_NO_SPAN,
                          "Short answer: %zu words; a complete answer needs about %zu",
                          c->doc.n_words, c->min_words);
        }
    }
    return 0;
}

/* A follow-up answer is judged mostly on what the follow-up asked for. */
/* Share of the follow-up question's own terms the answer uses together:
 * answering "Which status code after a validation error?" with "400 Bad
 * Request for a validation error" addresses it even in other words than the
 * talking point's. */
static double follow_up_text_cover(eval_ctx *c, cd_text_stemmer *st)
{
    cd_text_doc fd;
    const char *t = c->follow_up->text ? c->follow_up->text : "";
    if (cd_text_doc_init(&fd, t, strlen(t), st, NULL) != 0)
        return 0;
    cd_text_coverage cov;
    int rc = cd_text_cover(&c->doc, &fd, NULL, &cov);
    cd_text_doc_free(&fd);
    return rc == 0 ? cov.ratio : 0;
}

static void score_follow_up_intent(eval_ctx *c, cd_text_stemmer *st)
{
    const cd_follow_up *f = c->follow_up;
    if (!c->is_follow_up || !f) {
        c->follow_up_met = -1;
        return;
    }
    double met = 0;
    const char *what = "what the follow-up asked";
    size_t s = 1, e = 0;
    if (streq(f->trigger, "missing_point") && f->point >= 0 &&
        (size_t)f->point < c->q->n_talking_points) {
        const eval_point *ep = &c->points[f->point];
        met = ep->state == POINT_COVERED ? 1 : ep->state == POINT_PARTIAL ? 0.5 : 0;
        double fc = follow_up_text_cover(c, st);
        met = fmax(met, fc >= COVER_LONG ? 1 : fc >= PARTIAL_MIN ? 0.5 : 0);
        what = c->q->talking_points[f->point];
        if (ep->found)
            s = ep->start, e = ep->end;
    } else if (streq(f->trigger, "no_example")) {
        met = c->has_example ? 1 : 0;
        what = "a concrete example";
    } else if (streq(f->trigger, "no_result")) {
        const cd_text_star_part *r = &c->star.part[CD_STAR_RESULT];
        met = r->present ? (r->quantified ? 1 : 0.75) : 0;
        what = "the result";
        if (r->present)
            s = r->start, e = r->end;
    } else { /* shallow or unknown: depth = length and concrete detail */
        met = fmin(1.0, (double)c->doc.n_words / (double)(2 * c->min_words)) * 0.5 +
              (c->has_example ? 0.5 : 0);
        what = "more depth";
    }
    double intent = 10.0 * FOLLOW_UP_INTENT_SHARE * met;
    double before = c->content;
    c->content = intent + (1 - FOLLOW_UP_INTENT_SHARE) * c->content;
    c->follow_up_met = met >= 0.5;
    eval_evidence(
        c, c->content - before, "content", s, e,
        met >= 0.5 ? "Answered the follow-up: %s" : "Did not give the follow-up's ask: %s", what);
}

static void score_relevance(eval_ctx *c, cd_text_stemmer *st)
{
    const cd_question_spec *q = c->q;
    cd_text_termset vocab = {0};
    /* The subject's vocabulary: question, talking points, keywords. */
    const char *parts[2 + CD_EVAL_MAX_POINTS + CD_EVAL_MAX_KEYWORDS];
    size_t np = 0;
    parts[np++] = q->text;
    for (size_t i = 0; i < q->n_talking_points; i++)
        parts[np++] = q->talking_points[i];
    for (size_t i = 0; i < q->n_keywords; i++)
        parts[np++] = q->keywords[i];
    if (c->is_follow_up && c->follow_up && c->follow_up->text)
        parts[np++] = c->follow_up->text;
    for (size_t i = 0; i < np; i++) {
        if (!parts[i])
            continue;
        cd_text_doc d;
        if (cd_text_doc_init(&d, parts[i], strlen(parts[i]), st, NULL) == 0) {
            cd_text_termset_add_doc(&vocab, &d);
            cd_text_doc_free(&d);
        }
    }
    cd_text_termset hit = {0};
    size_t topical = 0, counted = 0, flagged = 0;
    for (size_t s = 0; s < c->doc.n_sentences; s++) {
        const cd_text_sentence *se = &c->doc.sentences[s];
        bool on = false;
        for (size_t i = se->first_token; i < se->first_token + se->n_tokens; i++) {
            const cd_text_token *t = &c->doc.tokens[i];
            if (cd_text_token_is_content(t) && cd_text_termset_has(&vocab, t->term)) {
                on = true;
                cd_text_termset_add(&hit, t->term);
            }
        }
        if (se->n_tokens < 4) /* "Sure." "That's it." carry no topic either way */
            continue;
        counted++;
        topical += on;
        if (!on && flagged < 3) {
            flagged++;
            eval_evidence(c, 0, "relevance", se->start, se->end,
                          "This sentence does not touch the question's subject");
        }
    }
    double target = fmax(3.0, fmin(8.0, (double)vocab.n / 4.0));
    double terms = fmin(1.0, (double)hit.n / target);
    double frac = counted ? (double)topical / (double)counted : (hit.n ? 1.0 : 0.0);
    c->relevance = 10.0 * (0.6 * terms + 0.4 * frac);
    c->off_topic = c->doc.n_words > 0 && c->relevance < 3.0;
    eval_evidence(c, 10.0 * 0.6 * terms, "relevance", EVAL_NO_SPAN,
                  "Used %zu distinct terms of the question's subject (%.0f for full credit)", hit.n,
                  target);
    if (counted)
        eval_evidence(c, 10.0 * 0.4 * frac, "relevance", EVAL_NO_SPAN,
                      "%zu of %zu sentences are on the subject", topical, counted);
    cd_text_termset_free(&vocab);
    cd_text_termset_free(&hit);
}

/* Distinct labels (by lowercase answer text) among hits. */
static size_t count_distinct(const eval_ctx *c, const cd_text_hits *h, size_t max, double value,
                             const char *dimension, const char *what, double *sum)
{
    size_t n = 0;
    for (size_t i = 0; i < h->n && n < max; i++) {
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = h->v[k].end - h->v[k].start == h->v[i].end - h->v[i].start &&
                   strncasecmp(c->answer + h->v[k].start, c->answer + h->v[i].start,
                               h->v[i].end - h->v[i].start) == 0;
        if (seen)
            continue;
        n++;
        *sum += value;
        eval_evidence((eval_ctx *)c, value, dimension, h->v[i].start, h->v[i].end, "%s", what);
    }
    return n;
}

static int score_specificity(eval_ctx *c)
{
    cd_text_specifics sp;
    if (cd_text_find_specifics(&c->doc, &sp) != 0)
        return -1;
    double s = 0;
    count_distinct(c, &sp.numbers, 3, 1.0, "specificity", "A number makes it concrete", &s);
    double names = 0;
    size_t nt = count_distinct(c, &sp.tech, 4, 0.75, "specificity", "Named a technology", &names);
    if (nt < 4)
        count_distinct(c, &sp.named, 4 - nt, 0.75, "specificity", "Named a specific thing", &names);
    s += names;
    size_t na = count_distinct(c, &sp.actions, 2, 1.0, "specificity",
                               "First-person action: what you did", &s);
    c->has_example = sp.examples.n > 0 || na > 0;
    if (sp.examples.n > 0) {
        s += 2.0;
        eval_evidence(c, 2.0, "specificity", sp.examples.v[0].start, sp.examples.v[0].end,
                      "Gave a concrete example");
    } else if (na == 0) {
        eval_evidence(c, -2.0, "specificity", EVAL_NO_SPAN,
                      "No concrete example (\"for example\", \"in my project\", \"I built\")");
    }
    c->specificity = clamp10(s);
    cd_text_specifics_free(&sp);
    return 0;
}

static json_t *part_json(eval_ctx *c, const cd_text_star_part *p)
{
    return json_pack("{s:b, s:o}", "present", p->present, "evidence",
                     p->present ? eval_span(c, p->start, p->end) : json_null());
}

static void score_structure(eval_ctx *c)
{
    static const double VALUE[CD_STAR_PARTS] = {2, 2, 3, 3};
    static const char *const WHY[CD_STAR_PARTS] = {
        "Situation: the context of the story", "Task: what you were responsible for",
        "Action: what you did, in first person", "Result: how it ended"};
    if (!c->star_reported) {
        json_object_set_new(c->out, "star", json_null());
        return;
    }
    json_t *star = json_object();
    double s = 0;
    for (int p = 0; p < CD_STAR_PARTS; p++) {
        const cd_text_star_part *part = &c->star.part[p];
        json_object_set_new(star, cd_text_star_part_name((cd_text_star_part_id)p),
                            part_json(c, part));
        double v = VALUE[p];
        if (p == CD_STAR_RESULT && part->present && !part->quantified)
            v -= 1.0; /* an unmeasured result earns less */
        if (!c->story)
            continue;
        if (part->present) {
            s += v;
            eval_evidence(c, v, "structure", part->start, part->end, "%s%s", WHY[p],
                          p == CD_STAR_RESULT && !part->quantified ? " (not measured)" : "");
        } else {
            eval_evidence(c, -VALUE[p], "structure", EVAL_NO_SPAN, "Missing %s", WHY[p]);
        }
    }
    json_object_set_new(c->out, "star", star);
    c->structure = s;
}

static int score_clarity(eval_ctx *c)
{
    cd_text_hits hedges = {0}, fillers = {0}, vague = {0};
    int rc = cd_text_find_hedges(&c->doc, &hedges) | cd_text_find_fillers(&c->doc, &fillers) |
             cd_text_find_vague(&c->doc, &vague);
    if (rc != 0) {
        cd_text_hits_free(&hedges);
        cd_text_hits_free(&fillers);
        cd_text_hits_free(&vague);
        return -1;
    }
    struct {
        const char *key;
        cd_text_hits *h;
        double cost, max;
        const char *why;
    } kinds[] = {
        {"hedges", &hedges, HEDGE_COST, HEDGE_MAX, "Hedge \"%s\" makes the statement sound unsure"},
        {"fillers", &fillers, FILLER_COST, FILLER_MAX, "Filler \"%s\" adds nothing"},
        {"vague", &vague, VAGUE_COST, VAGUE_MAX, "Vague \"%s\": name the actual thing"},
    };
    double clarity = 10;
    for (size_t k = 0; k < 3; k++) {
        json_t *arr = json_array();
        double lost = 0;
        for (size_t i = 0; i < kinds[k].h->n; i++) {
            const cd_text_hit *h = &kinds[k].h->v[i];
            json_array_append_new(arr, json_pack("{s:s, s:o}", "phrase", h->label, "evidence",
                                                 eval_span(c, h->start, h->end)));
            double cost = fmin(kinds[k].cost, kinds[k].max - lost);
            if (cost > 0) {
                lost += cost;
                eval_evidence(c, -cost, "clarity", h->start, h->end, kinds[k].why, h->label);
            }
        }
        clarity -= lost;
        json_object_set_new(c->out, kinds[k].key, arr);
    }
    c->n_hedges = hedges.n, c->n_fillers = fillers.n, c->n_vague = vague.n;
    cd_text_hits_free(&hedges);
    cd_text_hits_free(&fillers);
    cd_text_hits_free(&vague);

    double long_lost = 0;
    for (size_t s = 0; s < c->doc.n_sentences && long_lost < LONG_SENTENCE_MAX; s++) {
        const cd_text_sentence *se = &c->doc.sentences[s];
        if (se->n_tokens > LONG_SENTENCE_WORDS) {
            long_lost += LONG_SENTENCE_COST;
            eval_evidence(c, -LONG_SENTENCE_COST, "clarity", se->start, se->end,
                          "A %zu-word sentence is hard to follow: split it", se->n_tokens);
        }
    }
    clarity -= long_lost;
    if (c->doc.n_words > c->max_words) {
        clarity -= 1;
        eval_evidence(c, -1, "clarity", EVAL_NO_SPAN, "Long answer: %zu words; aim for at most %zu",
                      c->doc.n_words, c->max_words);
    }
    /* Clear language needs substance: a three-word answer is not "clear". */
    double half = (double)c->min_words / 2.0;
    if ((double)c->doc.n_words < half) {
        double scaled = clarity * (double)c->doc.n_words / half;
        eval_evidence(c, scaled - clarity, "clarity", EVAL_NO_SPAN,
                      "Too short to judge clarity fully (%zu words)", c->doc.n_words);
        clarity = scaled;
    }
    c->clarity = clamp10(clarity);
    return 0;
}

static void score_overall(eval_ctx *c)
{
    double o;
    if (c->story)
        o = 0.30 * c->content + 0.15 * c->relevance + 0.25 * c->structure + 0.15 * c->specificity +
            0.15 * c->clarity;
    else
        o = 0.45 * c->content + 0.20 * c->relevance + 0.20 * c->specificity + 0.15 * c->clarity;
    double cap = c->relevance + OVERALL_ABOVE_RELEVANCE;
    if (o > cap) {
        eval_evidence(c, cap - o, "overall", EVAL_NO_SPAN,
                      "Capped: the answer does not address the question enough to score higher");
        o = cap;
    }
    c->overall = clamp10(o);
}

static json_t *scores_json(const eval_ctx *c)
{
    json_t *s = json_object();
    json_object_set_new(s, "content", json_real(eval_round1(clamp10(c->content))));
    json_object_set_new(s, "relevance", json_real(eval_round1(clamp10(c->relevance))));
    json_object_set_new(s, "structure",
                        c->story ? json_real(eval_round1(clamp10(c->structure))) : json_null());
    json_object_set_new(s, "specificity", json_real(eval_round1(c->specificity)));
    json_object_set_new(s, "clarity", json_real(eval_round1(c->clarity)));
    json_object_set_new(s, "overall", json_real(eval_round1(c->overall)));
    return s;
}

static json_t *signals_json(const eval_ctx *c, bool empty)
{
    json_t *missed = json_array(), *partial = json_array();
    for (size_t i = 0; i < c->q->n_talking_points; i++) {
        if (c->points[i].state == POINT_MISSED)
            json_array_append_new(missed, json_integer((json_int_t)i));
        else if (c->points[i].state == POINT_PARTIAL)
            json_array_append_new(partial, json_integer((json_int_t)i));
    }
    bool star_scored = c->star_reported;
    return json_pack("{s:I, s:b, s:f, s:o, s:o, s:b, s:o, s:b, s:b, s:o, s:I, s:I, s:I}", "words",
                     (json_int_t)c->doc.n_words, "empty", empty, "coverage",
                     eval_round1(c->coverage * 100) / 100, "missed_points", missed,
                     "partial_points", partial, "has_example", c->has_example, "has_result",
                     star_scored ? json_boolean(c->star.part[CD_STAR_RESULT].present) : json_null(),
                     "story", c->story, "off_topic", c->off_topic, "follow_up_met",
                     c->follow_up_met < 0 ? json_null() : json_boolean(c->follow_up_met), "hedges",
                     (json_int_t)c->n_hedges, "fillers", (json_int_t)c->n_fillers, "vague",
                     (json_int_t)c->n_vague);
}

static int validate(const cd_question_spec *q, const char *answer, size_t len, bool is_follow_up,
                    const cd_follow_up *f, cd_err *err)
{
    if (!q || !q->text)
        return cd_err_set(err, CD_EINVAL, "question", "a question with text is required");
    if (q->n_talking_points > CD_EVAL_MAX_POINTS || (q->n_talking_points && !q->talking_points))
        return cd_err_set(err, CD_EINVAL, "talking_points", "at most %d talking points",
                          CD_EVAL_MAX_POINTS);
    if (q->n_keywords > CD_EVAL_MAX_KEYWORDS || (q->n_keywords && !q->keywords))
        return cd_err_set(err, CD_EINVAL, "keywords", "at most %d keywords", CD_EVAL_MAX_KEYWORDS);
    if (is_follow_up && !f)
        return cd_err_set(err, CD_EINVAL, "follow_up", "a follow-up answer needs its follow-up");
    if (len > CD_EVAL_MAX_ANSWER_BYTES)
        return cd_err_set(err, CD_ETOOBIG, "text", "answer is %zu bytes; the limit is %d", len,
                          CD_EVAL_MAX_ANSWER_BYTES);
    (void)answer;
    return 0;
}

static bool asks_for_story(const cd_question_spec *q, cd_text_stemmer *st)
{
    if (streq(q->type, "behavioural"))
        return true;
    if (!streq(q->type, "hr"))
        return false;
    cd_text_doc d;
    if (cd_text_doc_init(&d, q->text, strlen(q->text), st, NULL) != 0)
        return false;
    const cd_text_lexicon *lex = cd_text_lexicon_get(CD_LEX_STORY_QUESTION);
    bool story = false;
    for (size_t i = 0; i < d.n_tokens && !story; i++)
        story = cd_text_lexicon_match_at(&d, lex, i) >= 0;
    cd_text_doc_free(&d);
    return story;
}

static int run(eval_ctx *c, cd_text_stemmer *st, cd_err *err)
{
    if (cd_text_doc_init(&c->doc, c->answer, c->len, st, err) != 0)
        return -1;
    cd_text_doc qd;
    if (cd_text_doc_init(&qd, c->q->text, strlen(c->q->text), st, err) != 0)
        return -1;
    int rc = cd_text_termset_add_doc(&c->given, &qd);
    cd_text_doc_free(&qd);
    if (rc != 0)
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    c->story = asks_for_story(c->q, st);
    c->star_reported = !streq(c->q->type, "technical");
    expected_length(c);
    bool empty = c->doc.n_words == 0;
    if (cd_text_detect_star(&c->doc, &c->star) != 0)
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    if (analyse_points(c, st, err) != 0 || score_content(c, st, err) != 0)
        return -1;
    if (score_specificity(c) != 0 || score_clarity(c) != 0)
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    score_relevance(c, st);
    score_structure(c);
    score_follow_up_intent(c, st);
    if (empty) { /* nothing to cite: one entry says why everything is 0 */
        c->content = c->relevance = c->structure = c->specificity = c->clarity = 0;
        json_array_clear(c->evidence);
        eval_evidence(c, 0, "overall", EVAL_NO_SPAN, "No answer was given");
    }
    score_overall(c);
    json_object_set_new(c->out, "scores", scores_json(c));
    eval_write_tips(c);
    json_object_set_new(c->out, "signals", signals_json(c, empty));
    return 0;
}

json_t *cd_evaluate_answer(const cd_question_spec *q, const char *answer, long long duration_ms,
                           bool is_follow_up, const cd_follow_up *follow_up, cd_err *err)
{
    (void)duration_ms; /* text answers: typing time says little; see docs/evaluation.md */
    if (!answer)
        answer = "";
    size_t len = strlen(answer);
    if (validate(q, answer, len, is_follow_up, follow_up, err) != 0)
        return NULL;
    eval_ctx c;
    memset(&c, 0, sizeof c);
    c.q = q;
    c.answer = answer;
    c.len = len;
    c.is_follow_up = is_follow_up;
    c.follow_up = is_follow_up ? follow_up : NULL;
    c.follow_up_met = -1;
    c.out = json_object();
    c.evidence = json_array();
    c.tips = json_array();
    cd_text_stemmer *st = cd_text_stemmer_new();
    int rc = (!c.out || !c.evidence || !c.tips || !st)
                 ? cd_err_set(err, CD_EINTERNAL, NULL, "out of memory")
                 : run(&c, st, err);
    cd_text_stemmer_free(st);
    cd_text_doc_free(&c.doc);
    cd_text_termset_free(&c.given);
    if (rc != 0) {
        json_decref(c.out);
        json_decref(c.evidence);
        json_decref(c.tips);
        return NULL;
    }
    json_object_set_new(c.out, "evidence", c.evidence);
    json_object_set_new(c.out, "tips", c.tips);
    return c.out;
}
