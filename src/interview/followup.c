/* followup.c - see followup.h. */
#include "interview/followup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct lack {
    bool empty, story, no_example, no_result, shallow;
    double coverage;
    int missed[32]; /* talking point indexes not covered (missed, then partial), by index */
    size_t n_missed;
} lack;

static bool streq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static void add_points(lack *l, json_t *arr, size_t n_points)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        json_int_t p = json_integer_value(v);
        if (json_is_integer(v) && p >= 0 && (size_t)p < n_points &&
            l->n_missed < sizeof l->missed / sizeof *l->missed)
            l->missed[l->n_missed++] = (int)p;
    }
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* Reads what the answer lacked from the evaluation's signals; falls back on
 * talking_points.missed strings when signals are absent. */
static void read_lack(const cd_question_spec *q, const json_t *ev, lack *l)
{
    memset(l, 0, sizeof *l);
    json_t *sig = json_object_get(ev, "signals");
    if (json_is_object(sig)) {
        l->empty = json_is_true(json_object_get(sig, "empty"));
        l->story = json_is_true(json_object_get(sig, "story"));
        l->no_example = json_is_false(json_object_get(sig, "has_example"));
        l->no_result = l->story && json_is_false(json_object_get(sig, "has_result"));
        l->coverage = json_number_value(json_object_get(sig, "coverage"));
        json_int_t words = json_integer_value(json_object_get(sig, "words"));
        l->shallow = words > 0 && words < 30;
        add_points(l, json_object_get(sig, "missed_points"), q->n_talking_points);
        add_points(l, json_object_get(sig, "partial_points"), q->n_talking_points);
    } else {
        json_t *missed = json_object_get(json_object_get(ev, "talking_points"), "missed");
        size_t i;
        json_t *v;
        json_array_foreach(missed, i, v)
        {
            for (size_t p = 0; p < q->n_talking_points; p++)
                if (streq(json_string_value(v), q->talking_points[p]) &&
                    l->n_missed < sizeof l->missed / sizeof *l->missed)
                    l->missed[l->n_missed++] = (int)p;
        }
        l->coverage =
            q->n_talking_points ? 1.0 - (double)l->n_missed / (double)q->n_talking_points : 1.0;
        l->empty = json_array_size(json_object_get(ev, "tips")) == 0 && l->coverage == 0;
    }
    qsort(l->missed, l->n_missed, sizeof *l->missed, cmp_int);
}

static void set(cd_follow_up_choice *out, const char *text, const char *trigger, int point,
                const char *reason)
{
    out->ask = true;
    snprintf(out->text, sizeof out->text, "%s", text);
    snprintf(out->trigger, sizeof out->trigger, "%s", trigger);
    out->point = point;
    snprintf(out->reason, sizeof out->reason, "%s", reason);
}

static const cd_follow_up *bank(const cd_question_spec *q, const char *trigger, int point)
{
    for (size_t i = 0; i < q->n_follow_ups; i++) {
        const cd_follow_up *f = &q->follow_ups[i];
        if (!f->text || !f->text[0] || !streq(f->trigger, trigger))
            continue;
        if (point < 0 || f->point == point)
            return f;
    }
    return NULL;
}

static void reason_point(char *buf, size_t n, const cd_question_spec *q, int p)
{
    snprintf(buf, n, "Your answer did not cover: %s", q->talking_points[p]);
}

/* Pass 1: the bank's own follow-ups, in order of what matters most. */
static bool from_bank(const cd_question_spec *q, const lack *l, cd_follow_up_choice *out)
{
    char reason[256];
    const cd_follow_up *f;
    if (l->no_result && (f = bank(q, "no_result", -1))) {
        set(out, f->text, "no_result", -1, "Your answer did not say what the result was");
        return true;
    }
    for (size_t i = 0; i < l->n_missed; i++)
        if ((f = bank(q, "missing_point", l->missed[i]))) {
            reason_point(reason, sizeof reason, q, l->missed[i]);
            set(out, f->text, "missing_point", l->missed[i], reason);
            return true;
        }
    if (l->no_example && (f = bank(q, "no_example", -1))) {
        set(out, f->text, "no_example", -1, "Your answer had no concrete example");
        return true;
    }
    if (l->shallow && (f = bank(q, "shallow", -1))) {
        set(out, f->text, "shallow", -1, "Your answer was brief; the follow-up asks for depth");
        return true;
    }
    return false;
}

/* Lowercases the first letter and drops a trailing period so a talking
 * point reads inside a sentence. */
static void inline_point(char *dst, size_t n, const char *p)
{
    snprintf(dst, n, "%s", p);
    size_t len = strlen(dst);
    while (len > 0 && (dst[len - 1] == '.' || dst[len - 1] == ' '))
        dst[--len] = '\0';
    if (dst[0] >= 'A' && dst[0] <= 'Z' && !(dst[1] >= 'A' && dst[1] <= 'Z'))
        dst[0] = (char)(dst[0] + 32);
}

/* Pass 2: generated follow-ups. */
static void from_template(const cd_question_spec *q, const lack *l, cd_follow_up_choice *out)
{
    static const char *const POINT_TEMPLATES[] = {
        "You did not touch on one aspect: %s. How does that fit into your answer?",
        "Could you say more about %s?",
        "What about %s? Walk me through it.",
    };
    char text[1024], reason[256], point[600];
    if (l->no_result) {
        set(out, "How did it turn out in the end? What changed, and can you put a number on it?",
            "no_result", -1, "Your answer did not say what the result was");
        return;
    }
    if (l->n_missed > 0) {
        int p = l->missed[0];
        inline_point(point, sizeof point, q->talking_points[p]);
        snprintf(text, sizeof text, POINT_TEMPLATES[(size_t)p % 3], point);
        reason_point(reason, sizeof reason, q, p);
        set(out, text, "missing_point", p, reason);
        return;
    }
    if (l->no_example) {
        set(out,
            l->story ? "Can you walk me through one specific moment of that: what exactly did "
                       "you do?"
                     : "Can you give a concrete example from a project where you applied this?",
            "no_example", -1, "Your answer had no concrete example");
        return;
    }
    set(out,
        "Can you go one level deeper: how does that work in practice, and what are the "
        "trade-offs?",
        "shallow", -1, "Your answer was brief; the follow-up asks for depth");
}

int cd_choose_follow_up(const cd_question_spec *q, const json_t *evaluation,
                        cd_follow_up_choice *out, cd_err *err)
{
    if (!out)
        return cd_err_set(err, CD_EINVAL, NULL, "no output for the follow-up choice");
    memset(out, 0, sizeof *out);
    out->point = -1;
    if (!q || !json_is_object(evaluation))
        return cd_err_set(err, CD_EINVAL, "evaluation", "a question and its evaluation are needed");
    lack l;
    read_lack(q, evaluation, &l);
    if (l.empty) {
        snprintf(out->reason, sizeof out->reason, "No follow-up: the question was not answered");
        return 0;
    }
    bool strong = l.coverage >= CD_FOLLOW_UP_STRONG_COVERAGE && !l.no_example && !l.no_result;
    if (strong) {
        snprintf(out->reason, sizeof out->reason,
                 "No follow-up: the answer covered the main points with an example");
        return 0;
    }
    if (!from_bank(q, &l, out))
        from_template(q, &l, out);
    return 0;
}
