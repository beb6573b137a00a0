/* evaluate_report.c - evidence entries, spans and tips of an evaluation
 * (see evaluate_internal.h). Tips are written for the candidate: each one
 * names what was missing and what to say instead. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "interview/evaluate_internal.h"

double eval_round1(double x)
{
    double r = round(x * 10.0) / 10.0;
    return r == 0 ? 0 : r; /* no "-0" in reports */
}

json_t *eval_span(const eval_ctx *c, size_t start, size_t end)
{
    if (start > end || end > c->len)
        return json_null();
    return json_pack("{s:I, s:I, s:s%}", "start", (json_int_t)start, "end", (json_int_t)end, "text",
                     c->answer + start, end - start);
}

void eval_evidence(eval_ctx *c, double effect, const char *dimension, size_t start, size_t end,
                   const char *fmt, ...)
{
    char reason[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    json_t *e = json_pack("{s:f, s:s, s:s, s:o}", "effect", eval_round1(effect), "dimension",
                          dimension, "reason", reason, "span", eval_span(c, start, end));
    if (e)
        json_array_append_new(c->evidence, e);
}

void eval_tip(eval_ctx *c, const char *fmt, ...)
{
    if (json_array_size(c->tips) >= CD_EVAL_MAX_TIPS)
        return;
    char tip[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tip, sizeof tip, fmt, ap);
    va_end(ap);
    json_array_append_new(c->tips, json_string(tip));
}

/* The first phrase of a hit list, for "Drop hedges like ..." tips. */
static const char *first_phrase(const eval_ctx *c, const char *key, size_t idx)
{
    json_t *arr = json_object_get(c->out, key);
    json_t *e = json_array_get(arr, idx);
    const char *s = json_string_value(json_object_get(e, "phrase"));
    return s ? s : "";
}

static void tip_points(eval_ctx *c)
{
    size_t shown = 0;
    for (size_t i = 0; i < c->q->n_talking_points && shown < 2; i++) {
        if (c->points[i].state == POINT_COVERED)
            continue;
        if (c->is_follow_up && c->follow_up && c->follow_up->point != (int)i)
            continue; /* a follow-up answer is about one thing */
        const char *p = c->q->talking_points[i] ? c->q->talking_points[i] : "";
        if (c->points[i].state == POINT_PARTIAL)
            eval_tip(c,
                     "You touched on \"%s\" but did not explain it: say why it matters and how "
                     "it works.",
                     p);
        else
            eval_tip(c, "You did not mention: %s.", p);
        shown++;
    }
}

static void tip_star(eval_ctx *c)
{
    const cd_text_star *s = &c->star;
    if (!c->story)
        return;
    if (!s->part[CD_STAR_RESULT].present)
        eval_tip(c, "Add the result: what changed because of what you did, and by how much "
                    "(time saved, errors avoided, users affected)?");
    else if (!s->part[CD_STAR_RESULT].quantified)
        eval_tip(c, "Quantify the result: a number (a percentage, hours saved, a deadline met) "
                    "makes the outcome believable.");
    if (!s->part[CD_STAR_ACTION].present)
        eval_tip(c, "Say what YOU did, in first person (\"I wrote...\", \"I proposed...\"), not "
                    "only what the team did.");
    if (!s->part[CD_STAR_SITUATION].present)
        eval_tip(c, "Open with the situation in one sentence: where you were, when, and what was "
                    "at stake.");
    if (!s->part[CD_STAR_TASK].present)
        eval_tip(c, "State your own responsibility (\"My task was...\") so the interviewer knows "
                    "what you owned.");
}

void eval_write_tips(eval_ctx *c)
{
    size_t words = c->doc.n_words;
    if (words == 0) {
        eval_tip(c, "You did not answer this question. Even a partial answer earns points: say "
                    "what you know and how you would find out the rest.");
        return;
    }
    if (c->off_topic)
        eval_tip(c, "Your answer does not address the question. Re-read it and answer what was "
                    "asked before adding anything else.");
    if (c->is_follow_up && c->follow_up && c->follow_up_met == 0)
        eval_tip(c, "The follow-up asked: \"%s\" Answer that directly in your first sentence.",
                 c->follow_up->text ? c->follow_up->text : "");
    tip_points(c);
    tip_star(c);
    if (words < c->min_words)
        eval_tip(c,
                 "Your answer is %zu words; a complete answer here needs about %zu-%zu: explain "
                 "the why, then give an example.",
                 words, c->min_words, c->min_words * 3);
    if (!c->has_example && !c->story)
        eval_tip(c, "Back the answer with a concrete example: a project where you used this, "
                    "with the tool and a number.");
    size_t kw_missed =
        json_array_size(json_object_get(json_object_get(c->out, "keywords"), "missed"));
    if (c->q->n_keywords && kw_missed * 2 > c->q->n_keywords) {
        json_t *m = json_object_get(json_object_get(c->out, "keywords"), "missed");
        eval_tip(c, "Use the precise terms an interviewer listens for, e.g. %s%s%s.",
                 json_string_value(json_array_get(m, 0)), kw_missed > 1 ? ", " : "",
                 kw_missed > 1 ? json_string_value(json_array_get(m, 1)) : "");
    }
    if (c->n_hedges >= 2)
        eval_tip(c,
                 "Drop hedges such as \"%s\" (%zu found): state what you know directly, and say "
                 "plainly what you would check.",
                 first_phrase(c, "hedges", 0), c->n_hedges);
    if (c->n_fillers >= 2)
        eval_tip(c, "Cut filler words such as \"%s\" (%zu found).", first_phrase(c, "fillers", 0),
                 c->n_fillers);
    if (c->n_vague >= 1)
        eval_tip(c, "Replace vague words such as \"%s\" with the actual names of things.",
                 first_phrase(c, "vague", 0));
    if (words > c->max_words)
        eval_tip(c, "Tighten the answer (%zu words): lead with the main point and cut repetition.",
                 words);
}
