/* targeted.c - aims an interview plan at a resume and a job description.
 *
 * Some technical slots of the ordinary plan are given to the interview
 * topics of the match (skills the resume and the job share, the job's gaps,
 * the resume's projects). A slot takes a bank question about that skill when
 * one exists (found by matching the taxonomy against the question's text,
 * tech tags and keywords), else a question written from a template for the
 * topic's kind, stored for this interview only. Every targeted prompt says
 * why it is asked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/targeted.h"
#include "docs/skills.h"
#include "interview/bank.h"
#include "interview/plan.h"

/* Topics beyond this are not looked at (the match lists at most ~12). */
#define TOPICS_CONSIDERED 16

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* How many of a plan's slots go to topics: about half, at least one. */
static size_t targeted_slots(size_t length)
{
    return length <= 2 ? 1 : (length + 1) / 2;
}

/* The skills a bank question talks about (its text, tech tags, keywords). */
static void question_skills(const cd_docs_taxonomy *tax, json_t *q, cd_docs_skill_hits *hits)
{
    const char *text = jstr(q, "text");
    cd_docs_skills_match(tax, text, strlen(text), 0, hits);
    static const char *const lists[] = {"tech", "keywords"};
    for (int l = 0; l < 2; l++) {
        size_t i;
        json_t *v;
        json_array_foreach(json_object_get(q, lists[l]), i, v)
        {
            const char *s = json_string_value(v);
            if (s)
                cd_docs_skills_match(tax, s, strlen(s), 0, hits);
        }
    }
}

static void free_skills(cd_docs_skill_hits *h, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cd_docs_skill_hits_free(&h[i]);
    free(h);
}

static bool id_in(json_t *ids, json_int_t id)
{
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) if (json_integer_value(v) == id) return true;
    return false;
}

/* A bank question on `skill` that is neither planned nor recent, preferring
 * the target difficulty, then the nearest one. NULL when none. */
static json_t *bank_question_for(json_t *pool, const cd_docs_skill_hits *pool_skills, int skill,
                                 int target_rank, json_t *taken, json_t *recent)
{
    json_t *best = NULL;
    int best_cost = 1 << 20;
    size_t i;
    json_t *q;
    json_array_foreach(pool, i, q)
    {
        json_int_t id = json_integer_value(json_object_get(q, "id"));
        if (id_in(taken, id))
            continue;
        int cost = 2 * abs(cd_difficulty_rank(jstr(q, "difficulty")) - target_rank) +
                   (id_in(recent, id) ? 10 : 0);
        if (cost < best_cost && cd_docs_skill_hits_get(&pool_skills[i], skill)) {
            best = q;
            best_cost = cost;
        }
    }
    return best;
}

/* A question written for one topic (QuestionInput shape). */
static json_t *templated_question(const char *role, const char *difficulty, json_t *topic)
{
    const char *skill = jstr(topic, "skill"), *kind = jstr(topic, "kind");
    char text[600], kw[80];
    snprintf(kw, sizeof kw, "%s", skill);
    for (char *p = kw; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    json_t *points;
    if (!strcmp(kind, "gap")) {
        snprintf(text, sizeof text,
                 "This role asks for %s, which is not on your resume. How would you become "
                 "productive with %s in your first weeks, and what do you already know that "
                 "transfers?",
                 skill, skill);
        points = json_pack("[s, s, s, s]", "an honest account of their current level",
                           "a concrete plan to learn it (docs, a small project, pairing)",
                           "related experience that transfers, with an example",
                           "how they would check they are ready (review, tests, a first task)");
    } else if (!strcmp(kind, "job")) { /* a job without a resume */
        snprintf(text, sizeof text,
                 "The job description asks for %s. Tell me about your experience with %s: a "
                 "concrete piece of work, a decision you made, and the result.",
                 skill, skill);
        points = json_pack("[s, s, s, s]", "a specific piece of work with this technology",
                           "their own decision or trade-off, with the reasoning",
                           "the result, ideally measured",
                           "an honest view of what they know and do not know yet");
    } else if (!strcmp(kind, "project")) {
        snprintf(text, sizeof text,
                 "Tell me about %s from your resume: what was your part, what was the hardest "
                 "problem, and how did it turn out?",
                 skill);
        points = json_pack("[s, s, s, s]", "their own contribution, not only the team's",
                           "a specific technical problem and how they solved it",
                           "the outcome, ideally measured", "what they would do differently");
    } else {
        snprintf(text, sizeof text,
                 "Your resume mentions %s. Walk me through a piece of work where you used %s: "
                 "what problem it solved, one decision you made, and what you would do "
                 "differently now.",
                 skill, skill);
        points = json_pack("[s, s, s, s]", "the problem and why this technology fitted it",
                           "a concrete decision or trade-off they made",
                           "the result, ideally measured", "what they learnt or would change");
    }
    return json_pack("{s:s, s:s, s:s, s:[s], s:s, s:o, s:[s], s:[{s:s, s:s}]}", "role", role,
                     "difficulty", difficulty, "type", "technical", "tech", kw, "text", text,
                     "talking_points", points, "keywords", kw, "follow_ups", "text",
                     "What was the measurable result, and how did you know it worked?", "trigger",
                     "no_result");
}

int api_target_plan(const cd_docs_taxonomy *tax, const char *role, const char *difficulty,
                    json_t *plan, json_t *topics, json_t *pool, json_t *recent, json_t **plan_out,
                    json_t **why_out, cd_err *err)
{
    size_t n = json_array_size(plan);
    json_t *out = json_array(), *why = json_array(), *taken = json_array();
    size_t i;
    json_t *q;
    json_array_foreach(plan, i, q)
    {
        json_array_append_new(out, json_integer(json_integer_value(json_object_get(q, "id"))));
        json_array_append_new(why, json_null());
        json_array_append(taken, json_object_get(q, "id"));
    }
    /* Each pool question's skills, matched once for all topics. */
    size_t npool = json_array_size(pool);
    cd_docs_skill_hits *pool_skills = calloc(npool ? npool : 1, sizeof *pool_skills);
    if (!pool_skills) {
        json_decref(out);
        json_decref(why);
        json_decref(taken);
        return cd_err_set(err, CD_EINTERNAL, "", "out of memory");
    }
    json_array_foreach(pool, i, q) question_skills(tax, q, &pool_skills[i]);
    size_t want = targeted_slots(n), done = 0, next_topic = 0;
    size_t ntopics = json_array_size(topics);
    if (ntopics > TOPICS_CONSIDERED)
        ntopics = TOPICS_CONSIDERED;
    int level = cd_difficulty_rank(difficulty);
    /* Slots in asking order, skipping the first (a warm-up) when there is
     * room, and only technical ones (behavioural questions stay). */
    for (size_t slot = n > 3 ? 1 : 0; slot < n && done < want && next_topic < ntopics; slot++) {
        json_t *planned = json_array_get(plan, slot);
        if (strcmp(jstr(planned, "type"), "technical") != 0)
            continue;
        json_t *topic = json_array_get(topics, next_topic++);
        int skill = cd_docs_skill_find(tax, jstr(topic, "skill"));
        json_t *bank = skill >= 0 ? bank_question_for(pool, pool_skills, skill,
                                                      cd_plan_target_rank(level, (int)slot, (int)n),
                                                      taken, recent)
                                  : NULL;
        json_t *item;
        if (bank) {
            item = json_integer(json_integer_value(json_object_get(bank, "id")));
            json_array_append(taken, json_object_get(bank, "id"));
        } else {
            item = templated_question(role, jstr(planned, "difficulty"), topic);
        }
        char reason[300];
        snprintf(reason, sizeof reason, "%s: %s", jstr(topic, "skill"), jstr(topic, "why"));
        json_t *w = json_string(reason); /* NULL if the cut split a character */
        if (!w)
            w = json_string(jstr(topic, "skill"));
        if (!item || json_array_set_new(out, slot, item) || json_array_set_new(why, slot, w)) {
            free_skills(pool_skills, npool);
            json_decref(out);
            json_decref(why);
            json_decref(taken);
            return cd_err_set(err, CD_EINTERNAL, "", "out of memory");
        }
        done++;
    }
    json_decref(taken);
    free_skills(pool_skills, npool);
    *plan_out = out;
    *why_out = why;
    return 0;
}
