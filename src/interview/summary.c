/* summary.c - see summary.h. */
#include "interview/summary.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct dim {
    double sum, weight;
} dim;

typedef struct agg {
    dim overall, content, relevance, structure, specificity, clarity;
    size_t main_answers, follow_ups, empty, off_topic, short_answers;
    size_t points_covered, points_total, keywords_used;
    size_t stories, no_result, unquantified, no_action, no_situation, no_task;
    size_t hedges, fillers, vague;
    const char *top_hedge, *top_filler, *first_missed_point;
    double best_score;
    const char *best_prompt;
} agg;

static void add(dim *d, double v, double w)
{
    d->sum += v * w;
    d->weight += w;
}

static double mean(const dim *d)
{
    return d->weight > 0 ? d->sum / d->weight : 0;
}

static double r1(double x)
{
    double r = round(x * 10) / 10;
    return r == 0 ? 0 : r;
}

static double score_of(json_t *scores, const char *k, bool *present)
{
    json_t *v = json_object_get(scores, k);
    *present = json_is_number(v);
    return *present ? json_number_value(v) : 0;
}

static void read_star(agg *a, json_t *star)
{
    if (!json_is_object(star))
        return;
    a->stories++;
    json_t *result = json_object_get(star, "result");
    if (!json_is_true(json_object_get(result, "present")))
        a->no_result++;
    if (!json_is_true(json_object_get(json_object_get(star, "action"), "present")))
        a->no_action++;
    if (!json_is_true(json_object_get(json_object_get(star, "situation"), "present")))
        a->no_situation++;
    if (!json_is_true(json_object_get(json_object_get(star, "task"), "present")))
        a->no_task++;
}

static void read_answer(agg *a, json_t *ans)
{
    bool follow = json_is_string(json_object_get(ans, "kind")) &&
                  strcmp(json_string_value(json_object_get(ans, "kind")), "follow_up") == 0;
    double w = follow ? CD_SUMMARY_FOLLOW_UP_WEIGHT : 1.0;
    follow ? a->follow_ups++ : a->main_answers++;
    json_t *sc = json_object_get(ans, "scores");
    bool has;
    double overall = score_of(sc, "overall", &has);
    add(&a->overall, overall, w);
    add(&a->content, score_of(sc, "content", &has), w);
    add(&a->relevance, score_of(sc, "relevance", &has), w);
    add(&a->specificity, score_of(sc, "specificity", &has), w);
    add(&a->clarity, score_of(sc, "clarity", &has), w);
    double st = score_of(sc, "structure", &has);
    if (has)
        add(&a->structure, st, w);
    if (!follow && overall > a->best_score) {
        a->best_score = overall;
        a->best_prompt = json_string_value(json_object_get(ans, "prompt"));
    }
    json_t *sig = json_object_get(ans, "signals");
    json_int_t words = json_integer_value(json_object_get(sig, "words"));
    if (json_is_true(json_object_get(sig, "empty")))
        a->empty++;
    else if (!follow && words < 25)
        a->short_answers++;
    if (json_is_true(json_object_get(sig, "off_topic")))
        a->off_topic++;
    json_t *tp = json_object_get(ans, "talking_points");
    if (!follow) {
        size_t cov = json_array_size(json_object_get(tp, "covered"));
        size_t mis = json_array_size(json_object_get(tp, "missed"));
        a->points_covered += cov;
        a->points_total += cov + mis;
        if (!a->first_missed_point && mis)
            a->first_missed_point =
                json_string_value(json_array_get(json_object_get(tp, "missed"), 0));
        if (json_is_true(json_object_get(sig, "story")))
            read_star(a, json_object_get(ans, "star"));
    }
    a->keywords_used += json_array_size(json_object_get(json_object_get(ans, "keywords"), "used"));
    json_t *h = json_object_get(ans, "hedges"), *f = json_object_get(ans, "fillers");
    a->hedges += json_array_size(h);
    a->fillers += json_array_size(f);
    a->vague += json_array_size(json_object_get(ans, "vague"));
    if (!a->top_hedge && json_array_size(h))
        a->top_hedge = json_string_value(json_object_get(json_array_get(h, 0), "phrase"));
    if (!a->top_filler && json_array_size(f))
        a->top_filler = json_string_value(json_object_get(json_array_get(f, 0), "phrase"));
}

static void push(json_t *arr, size_t max, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void push(json_t *arr, size_t max, const char *fmt, ...)
{
    if (json_array_size(arr) >= max)
        return;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    json_array_append_new(arr, json_string(buf));
}

static void strengths(const agg *a, json_t *out)
{
    size_t M = CD_SUMMARY_MAX_STRENGTHS;
    if (a->best_score >= 7 && a->best_prompt) {
        char prompt[100];
        snprintf(prompt, sizeof prompt, "%s", a->best_prompt);
        if (strlen(a->best_prompt) >= sizeof prompt)
            memcpy(prompt + sizeof prompt - 4, "...", 4);
        push(out, M, "Strongest answer (%.1f/10): \"%s\"", a->best_score, prompt);
    }
    if (mean(&a->content) >= 7)
        push(out, M, "You covered most of the expected talking points (%zu of %zu).",
             a->points_covered, a->points_total);
    if (a->structure.weight > 0 && mean(&a->structure) >= 7)
        push(out, M, "Your stories followed STAR: situation, task, your actions and the result.");
    if (mean(&a->specificity) >= 6)
        push(out, M, "Your answers were concrete: numbers, named tools and real examples.");
    if (mean(&a->clarity) >= 8 && a->main_answers > a->empty)
        push(out, M, "Direct, clear language with few hedges or filler words.");
    if (a->keywords_used >= 3 * (a->main_answers ? a->main_answers : 1))
        push(out, M, "You used the job's vocabulary precisely (%zu key terms).", a->keywords_used);
}

static void improvements(const agg *a, json_t *out)
{
    size_t M = CD_SUMMARY_MAX_IMPROVEMENTS;
    if (a->empty)
        push(out, M, "%zu question%s left unanswered: even a partial answer earns points.",
             a->empty, a->empty == 1 ? " was" : "s were");
    if (a->off_topic)
        push(out, M,
             "%zu answer%s did not address the question asked: answer the question "
             "first, then add context.",
             a->off_topic, a->off_topic == 1 ? "" : "s");
    if (a->points_total && mean(&a->content) < 6) {
        push(out, M,
             "Cover more of what the interviewer expects: you missed %zu of %zu talking "
             "points%s%s%s",
             a->points_total - a->points_covered, a->points_total,
             a->first_missed_point ? " (for example: " : ".",
             a->first_missed_point ? a->first_missed_point : "", a->first_missed_point ? ")." : "");
    }
    if (a->no_result)
        push(out, M,
             "End every story with its result, measured if you can: %zu of %zu stories "
             "had none.",
             a->no_result, a->stories);
    if (a->no_action)
        push(out, M,
             "Say what you did in first person (\"I decided...\", \"I wrote...\"): %zu "
             "of %zu stories lacked it.",
             a->no_action, a->stories);
    if (mean(&a->specificity) < 4 && a->main_answers > a->empty)
        push(out, M,
             "Be more specific: give an example from a project, name the tools, put a "
             "number on the outcome.");
    if (a->hedges >= 3)
        push(out, M,
             "Hedging (\"%s\" and similar) appeared %zu times: state what you know "
             "plainly.",
             a->top_hedge ? a->top_hedge : "I think", a->hedges);
    if (a->fillers >= 3)
        push(out, M, "Filler words (\"%s\" and similar) appeared %zu times.",
             a->top_filler ? a->top_filler : "basically", a->fillers);
    if (a->short_answers)
        push(out, M, "%zu answer%s very short: explain the why and give an example.",
             a->short_answers, a->short_answers == 1 ? " was" : "s were");
    if (a->vague >= 3)
        push(out, M,
             "Replace vague words (\"stuff\", \"things\") with the names of things (%zu "
             "found).",
             a->vague);
}

static const char *dim_name(int i)
{
    static const char *const N[] = {"content", "relevance", "structure", "specificity", "clarity"};
    return N[i];
}

static void summary_text(const agg *a, char *buf, size_t n)
{
    if (a->main_answers == 0) {
        snprintf(buf, n, "No answers were given, so there is nothing to score yet.");
        return;
    }
    const dim *dims[] = {&a->content, &a->relevance, &a->structure, &a->specificity, &a->clarity};
    int best = -1, worst = -1;
    for (int i = 0; i < 5; i++) {
        if (dims[i]->weight <= 0)
            continue;
        if (best < 0 || mean(dims[i]) > mean(dims[best]))
            best = i;
        if (worst < 0 || mean(dims[i]) < mean(dims[worst]))
            worst = i;
    }
    char follow[64] = "";
    if (a->follow_ups)
        snprintf(follow, sizeof follow, " and %zu follow-up%s", a->follow_ups,
                 a->follow_ups == 1 ? "" : "s");
    snprintf(buf, n,
             "Overall %.1f/10 over %zu answer%s%s. Strongest area: %s (%.1f); needs the "
             "most work: %s (%.1f).",
             r1(mean(&a->overall)), a->main_answers, a->main_answers == 1 ? "" : "s", follow,
             dim_name(best), r1(mean(dims[best])), dim_name(worst), r1(mean(dims[worst])));
}

json_t *cd_summarize_interview(const json_t *answers, cd_err *err)
{
    if (!json_is_array(answers)) {
        cd_err_set(err, CD_EINVAL, "answers", "answers must be an array");
        return NULL;
    }
    if (json_array_size(answers) > CD_SUMMARY_MAX_ANSWERS) {
        cd_err_set(err, CD_ETOOBIG, "answers", "at most %d answers", CD_SUMMARY_MAX_ANSWERS);
        return NULL;
    }
    agg a;
    memset(&a, 0, sizeof a);
    size_t i;
    json_t *ans;
    json_array_foreach((json_t *)answers, i, ans)
    {
        if (!json_is_object(ans)) {
            cd_err_set(err, CD_EINVAL, "answers", "answer %zu is not an object", i);
            return NULL;
        }
        read_answer(&a, ans);
    }
    char text[512];
    summary_text(&a, text, sizeof text);
    json_t *overall = json_pack(
        "{s:f, s:f, s:o, s:f, s:s}", "score", r1(mean(&a.overall)), "content", r1(mean(&a.content)),
        "structure", a.structure.weight > 0 ? json_real(r1(mean(&a.structure))) : json_null(),
        "clarity", r1(mean(&a.clarity)), "summary", text);
    json_t *s = json_array(), *imp = json_array();
    strengths(&a, s);
    improvements(&a, imp);
    json_t *out =
        json_pack("{s:o, s:o, s:o}", "overall", overall, "strengths", s, "improvements", imp);
    if (!out)
        cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    return out;
}
