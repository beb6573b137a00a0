/* interviews.c - /api/interviews and /api/progress: plan a text interview,
 * take answers (evaluating each and choosing at most one follow-up per main
 * question), finish with a report. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/documents.h"
#include "api/interviewer.h"
#include "api/targeted.h"
#include "base/fs.h"
#include "interview/bank.h"
#include "interview/evaluate.h"
#include "interview/followup.h"
#include "interview/plan.h"
#include "interview/question.h"
#include "interview/summary.h"

#define ANSWER_TEXT_MAX 10000
#define ANSWER_DURATION_MAX_MS (3600LL * 1000)
#define RECENT_INTERVIEWS 5

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static long long jint(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static int time_limit_s(const char *kind, const char *type, const char *difficulty)
{
    if (strcmp(kind, "follow_up") == 0)
        return 120;
    if (strcmp(type, "technical") != 0)
        return 180;
    int r = cd_difficulty_rank(difficulty);
    return r == 0 ? 120 : r == 1 ? 180 : 240;
}

/* ---- access ---------------------------------------------------------- */

/* Loads an interview the caller may read: its owner, an admin, or a
 * coordinator of the owner's college. Others get 404 (not 403) so ids do not
 * leak which interviews exist. */
static json_t *load_readable(api_ctx *c, long long id, bool owner_only)
{
    cd_err e;
    json_t *iv = cd_store_interview_get(c->app->store, id, &e);
    if (!iv) {
        api_fail(c, &e);
        return NULL;
    }
    long long owner = jint(iv, "user_id");
    if (owner == c->user_id)
        return iv;
    if (owner_only || !api_may_read_user(c, owner)) {
        json_decref(iv);
        api_failf(c, CD_ENOTFOUND, NULL, "no interview with id %lld", id);
        return NULL;
    }
    return iv;
}

/* ---- the current prompt ------------------------------------------------ */

/* The question object (with talking points) behind the current prompt, or
 * NULL when the interview has no current prompt. */
static json_t *current_question(api_ctx *c, json_t *iv, cd_err *e)
{
    if (strcmp(jstr(iv, "status"), "in_progress") != 0)
        return NULL;
    json_t *plan = json_object_get(iv, "plan");
    long long cursor = jint(iv, "cursor");
    if (cursor < 0 || (size_t)cursor >= json_array_size(plan))
        return NULL;
    long long qid = json_integer_value(json_array_get(plan, (size_t)cursor));
    return cd_store_question_get(c->app->store, qid, true, e);
}

static json_t *prompt_json(json_t *iv, json_t *q)
{
    json_t *pending = json_object_get(iv, "pending");
    bool follow = json_is_object(pending);
    const char *kind = follow ? "follow_up" : "question";
    json_t *p = json_pack("{s:i, s:s, s:I, s:s, s:s, s:s, s:i}", "seq", (int)jint(iv, "seq"),
                          "kind", kind, "question_id", (json_int_t)jint(q, "id"), "text",
                          follow ? jstr(pending, "text") : jstr(q, "text"), "type", jstr(q, "type"),
                          "difficulty", jstr(q, "difficulty"), "time_limit_s",
                          time_limit_s(kind, jstr(q, "type"), jstr(q, "difficulty")));
    /* Why a targeted main question is asked (null for ordinary ones and
     * for follow-ups, which are asked for what the answer lacked). */
    json_t *why =
        follow ? NULL : json_array_get(json_object_get(iv, "why"), (size_t)jint(iv, "cursor"));
    if (p)
        json_object_set_new(p, "why", json_is_string(why) ? json_incref(why) : json_null());
    return p;
}

static json_t *summary_json(json_t *iv)
{
    return json_pack(
        "{s:I, s:s, s:s, s:s, s:I, s:s, s:O, s:I, s:O}", "id", (json_int_t)jint(iv, "id"), "mode",
        jstr(iv, "mode"), "role", jstr(iv, "role"), "difficulty", jstr(iv, "difficulty"), "length",
        (json_int_t)jint(iv, "length"), "status", jstr(iv, "status"), "overall_score",
        json_object_get(iv, "overall_score"), "created_at", (json_int_t)jint(iv, "created_at"),
        "finished_at", json_object_get(iv, "finished_at"));
}

/* The Interview object of docs/api.md. */
static json_t *interview_view(api_ctx *c, json_t *iv, cd_err *e)
{
    json_t *out = summary_json(iv);
    cd_err_clear(e);
    json_t *q = current_question(c, iv, e);
    if (!q && e->code) {
        json_decref(out);
        return NULL;
    }
    json_object_set_new(out, "current", q ? prompt_json(iv, q) : json_null());
    json_object_set(out, "resume_id", json_object_get(iv, "resume_id"));
    json_object_set(out, "job_id", json_object_get(iv, "job_id"));
    json_decref(q);
    json_t *answers = json_array();
    size_t i, asked = 0;
    json_t *a;
    json_array_foreach(json_object_get(iv, "answers"), i, a)
    {
        if (strcmp(jstr(a, "kind"), "question") == 0)
            asked++;
        json_array_append_new(answers, json_pack("{s:O, s:O, s:O, s:O, s:O}", "question_id",
                                                 json_object_get(a, "question_id"), "kind",
                                                 json_object_get(a, "kind"), "prompt",
                                                 json_object_get(a, "prompt"), "text",
                                                 json_object_get(a, "text"), "answered_at",
                                                 json_object_get(a, "answered_at")));
    }
    json_object_set_new(out, "asked", json_integer((json_int_t)asked));
    json_object_set_new(out, "answers", answers);
    return out;
}

/* ---- question spec view over a question JSON object -------------------- */

typedef struct spec_holder {
    cd_question_spec spec;
    const char *points[CD_Q_POINTS_MAX];
    const char *keywords[CD_Q_KEYWORDS_MAX];
    cd_follow_up follow_ups[CD_Q_FOLLOWUPS_MAX];
    char id[24];
} spec_holder;

static void spec_from_json(json_t *q, spec_holder *h)
{
    memset(h, 0, sizeof *h);
    snprintf(h->id, sizeof h->id, "%lld", jint(q, "id"));
    h->spec.id = h->id;
    h->spec.role = jstr(q, "role");
    h->spec.difficulty = jstr(q, "difficulty");
    h->spec.type = jstr(q, "type");
    h->spec.text = jstr(q, "text");
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(q, "talking_points"), i, v) if (i < CD_Q_POINTS_MAX)
        h->points[h->spec.n_talking_points++] = json_string_value(v);
    json_array_foreach(json_object_get(q, "keywords"), i, v) if (i < CD_Q_KEYWORDS_MAX)
        h->keywords[h->spec.n_keywords++] = json_string_value(v);
    json_array_foreach(json_object_get(q, "follow_ups"), i, v) if (i < CD_Q_FOLLOWUPS_MAX)
    {
        cd_follow_up *f = &h->follow_ups[h->spec.n_follow_ups++];
        f->text = jstr(v, "text");
        f->trigger = jstr(v, "trigger");
        json_t *p = json_object_get(v, "point");
        f->point = json_is_integer(p) ? (int)json_integer_value(p) : -1;
    }
    h->spec.talking_points = h->points;
    h->spec.keywords = h->keywords;
    h->spec.follow_ups = h->follow_ups;
}

/* ---- report ----------------------------------------------------------- */

static json_t *build_report(json_t *iv, cd_err *e)
{
    json_t *answers = json_array();
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(iv, "answers"), i, a)
    {
        json_t *ev = json_object_get(a, "evaluation");
        json_t *r = json_is_object(ev) ? json_deep_copy(ev) : json_object();
        json_object_set(r, "seq", json_object_get(a, "seq"));
        json_object_set(r, "kind", json_object_get(a, "kind"));
        json_object_set(r, "question_id", json_object_get(a, "question_id"));
        json_object_set(r, "prompt", json_object_get(a, "prompt"));
        json_object_set(r, "text", json_object_get(a, "text"));
        json_object_set(r, "duration_ms", json_object_get(a, "duration_ms"));
        if (!json_object_get(r, "type"))
            json_object_set_new(r, "type", json_string("technical"));
        if (!json_object_get(r, "follow_up_reason"))
            json_object_set_new(r, "follow_up_reason", json_null());
        json_array_append_new(answers, r);
    }
    json_t *sum = cd_summarize_interview(answers, e);
    if (!sum) {
        json_decref(answers);
        return NULL;
    }
    json_t *report = json_pack("{s:o, s:O, s:o, s:O, s:O}", "interview", summary_json(iv),
                               "overall", json_object_get(sum, "overall"), "answers", answers,
                               "strengths", json_object_get(sum, "strengths"), "improvements",
                               json_object_get(sum, "improvements"));
    if (report) /* the model cost of this interview (zeros offline) */
        json_object_set_new(report, "usage",
                            api_ai_usage_total(json_object_get(report, "answers")));
    json_decref(sum);
    return report;
}

/* Finishes the interview: builds and stores the report, returns it. */
static json_t *finish(api_ctx *c, long long id, cd_err *e)
{
    json_t *iv = cd_store_interview_get(c->app->store, id, e);
    if (!iv)
        return NULL;
    json_t *report = NULL;
    if (json_array_size(json_object_get(iv, "answers")) == 0) {
        cd_err_set(e, CD_EUNPROCESSABLE, NULL, "answer at least one question before finishing");
        goto out;
    }
    /* Mark finished first in the summary the report carries. */
    json_object_set_new(iv, "status", json_string("finished"));
    json_object_set_new(iv, "finished_at", json_integer(cd_unix_time()));
    report = build_report(iv, e);
    if (!report)
        goto out;
    double score = json_number_value(json_object_get(json_object_get(report, "overall"), "score"));
    json_object_set_new(json_object_get(report, "interview"), "overall_score", json_real(score));
    if (cd_store_interview_finish(c->app->store, id, score, report, e)) {
        json_decref(report);
        report = NULL;
    }
out:
    json_decref(iv);
    return report;
}

/* ---- handlers --------------------------------------------------------- */

/* Question ids of the caller's last few interviews, to avoid repeats. */
static json_t *recent_question_ids(api_ctx *c)
{
    json_t *ids = json_array();
    json_t *list = cd_store_interview_list(c->app->store, c->user_id, NULL);
    size_t i, j;
    json_t *iv, *q;
    json_array_foreach(list, i, iv)
    {
        if (i >= RECENT_INTERVIEWS)
            break;
        json_array_foreach(json_object_get(iv, "plan"), j, q) json_array_append(ids, q);
    }
    json_decref(list);
    return ids;
}

/* Topics of an interview aimed at a resume and/or a job: the match's
 * topics, or, for a job alone, its skills in order of importance. */
static json_t *interview_topics(api_ctx *c, json_t *resume, json_t *job, cd_err *e)
{
    if (resume) {
        json_t *m = NULL;
        if (api_match_compute(c, resume, job, &m, e))
            return NULL;
        json_t *topics = json_incref(json_object_get(m, "topics"));
        json_decref(m);
        return topics;
    }
    json_t *topics = json_array();
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(json_object_get(job, "analysis"), "skills"), i, s)
        json_array_append_new(topics, json_pack("{s:O, s:s, s:s}", "skill",
                                                json_object_get(s, "name"), "why",
                                                json_is_true(json_object_get(s, "required"))
                                                    ? "required by the job description"
                                                    : "named in the job description",
                                                "kind", "job"));
    return topics;
}

/* The optional resume_id / job_id of an interview request (the caller's
 * own documents). */
static int load_targets(api_ctx *c, json_t *b, json_t **resume, json_t **job, cd_err *e)
{
    long long rid = 0, jid = 0;
    if (cd_json_int(b, "resume_id", false, 1, LLONG_MAX, &rid, e) ||
        cd_json_int(b, "job_id", false, 1, LLONG_MAX, &jid, e))
        return e->code;
    if (rid && !(*resume = api_document_for_interview(c, rid, "resume", e)))
        return e->code;
    if (jid && !(*job = api_document_for_interview(c, jid, "job", e)))
        return e->code;
    return 0;
}

void api_interviews_create(api_ctx *c)
{
    static const char *const fields[] = {"mode",      "role",   "difficulty", "length",
                                         "resume_id", "job_id", NULL};
    static const char *const modes[] = {"text", NULL};
    json_t *b = api_body(c, fields);
    if (!b)
        return;
    cd_err e;
    const char *mode = NULL, *role = NULL, *difficulty = NULL;
    long long length = 0;
    json_t *primary = NULL, *behavioural = NULL, *general = NULL, *recent = NULL, *plan = NULL;
    json_t *resume = NULL, *job = NULL, *topics = NULL, *tech_pool = NULL, *ids = NULL, *why = NULL;
    if (cd_json_enum(b, "mode", true, modes, &mode, &e) ||
        cd_json_enum(b, "role", true, cd_interview_roles, &role, &e) ||
        cd_json_enum(b, "difficulty", true, cd_difficulties, &difficulty, &e) ||
        cd_json_int(b, "length", true, 1, CD_PLAN_MAX_LENGTH, &length, &e))
        goto fail;
    if (length != 3 && length != 5 && length != 8 && length != 10) {
        cd_err_set(&e, CD_EINVAL, "length", "'length' must be 3, 5, 8 or 10");
        goto fail;
    }
    if (load_targets(c, b, &resume, &job, &e))
        goto fail;
    bool hr = strcmp(role, "hr") == 0;
    primary = cd_store_question_pool(c->app->store, role, hr ? "hr" : "technical", &e);
    behavioural = primary ? cd_store_question_pool(c->app->store, role, "behavioural", &e) : NULL;
    general =
        behavioural ? cd_store_question_pool(c->app->store, "general", "behavioural", &e) : NULL;
    if (!general)
        goto fail;
    json_array_extend(behavioural, general);
    recent = recent_question_ids(c);
    unsigned long long seed = (unsigned long long)cd_now_ns() ^ (unsigned long long)c->user_id;
    plan = cd_plan_interview(role, difficulty, (int)length, primary, behavioural, recent, seed, &e);
    if (!plan)
        goto fail;
    if (resume || job) {
        /* Any role's technical questions may serve a topic (a backend
         * resume listing React gets the frontend bank's React question). */
        topics = interview_topics(c, resume, job, &e);
        tech_pool = topics ? cd_store_question_pool(c->app->store, NULL, "technical", &e) : NULL;
        if (!tech_pool || api_target_plan(c->app->skills, role, difficulty, plan, topics, tech_pool,
                                          recent, &ids, &why, &e))
            goto fail;
    } else {
        ids = json_array();
        size_t i;
        json_t *q;
        json_array_foreach(plan, i, q) json_array_append_new(ids, json_integer(jint(q, "id")));
    }
    cd_interview_new n = {.user_id = c->user_id,
                          .mode = mode,
                          .role = role,
                          .difficulty = difficulty,
                          .plan = ids,
                          .why = why,
                          .resume_id = resume ? jint(resume, "id") : 0,
                          .job_id = job ? jint(job, "id") : 0};
    long long id = cd_store_interview_create(c->app->store, &n, &e);
    if (!id)
        goto fail;
    json_t *iv = cd_store_interview_get(c->app->store, id, &e);
    json_t *view = iv ? interview_view(c, iv, &e) : NULL;
    json_decref(iv);
    if (!view)
        goto fail;
    api_ok(c, 201, view);
    goto out;
fail:
    api_fail(c, &e);
out:
    json_decref(b);
    json_decref(primary);
    json_decref(behavioural);
    json_decref(general);
    json_decref(recent);
    json_decref(plan);
    json_decref(resume);
    json_decref(job);
    json_decref(topics);
    json_decref(tech_pool);
    json_decref(ids);
    json_decref(why);
}

void api_interviews_list(api_ctx *c)
{
    cd_err e;
    json_t *list = cd_store_interview_list(c->app->store, c->user_id, &e);
    if (!list)
        return api_fail(c, &e);
    json_t *items = json_array();
    size_t i;
    json_t *iv;
    json_array_foreach(list, i, iv) json_array_append_new(items, summary_json(iv));
    json_decref(list);
    api_ok(c, 200, json_pack("{s:o}", "items", items));
}

void api_interviews_get(api_ctx *c)
{
    long long id;
    if (!api_param_id(c, 0, &id))
        return;
    json_t *iv = load_readable(c, id, false);
    if (!iv)
        return;
    cd_err e;
    json_t *view = interview_view(c, iv, &e);
    json_decref(iv);
    if (!view)
        return api_fail(c, &e);
    api_ok(c, 200, view);
}

void api_interviews_answer(api_ctx *c)
{
    static const char *const fields[] = {"text", "duration_ms", NULL};
    long long id;
    if (!api_param_id(c, 0, &id))
        return;
    json_t *b = api_body(c, fields);
    if (!b)
        return;
    cd_err e;
    cd_err_clear(&e);
    const char *text = NULL;
    long long duration = 0;
    api_ai_context ax;
    bool ai_ready = false;
    json_t *iv = NULL, *q = NULL, *ev = NULL, *pending = NULL, *answer = NULL;
    if (cd_json_str(b, "text", true, 0, ANSWER_TEXT_MAX, &text, &e) ||
        cd_json_int(b, "duration_ms", true, 0, ANSWER_DURATION_MAX_MS, &duration, &e))
        goto fail;
    iv = load_readable(c, id, true);
    if (!iv)
        goto out;
    q = current_question(c, iv, &e);
    if (!q) {
        if (!e.code)
            cd_err_set(&e, CD_ECONFLICT, NULL, "this interview has finished; read its report");
        goto fail;
    }
    json_t *pend = json_object_get(iv, "pending");
    bool is_follow = json_is_object(pend);
    spec_holder h;
    spec_from_json(q, &h);
    cd_follow_up asked = {0};
    if (is_follow) {
        asked.text = jstr(pend, "text");
        asked.trigger = jstr(pend, "trigger");
        json_t *p = json_object_get(pend, "point");
        asked.point = json_is_integer(p) ? (int)json_integer_value(p) : -1;
    }
    ev = cd_evaluate_answer(&h.spec, text, duration, is_follow, is_follow ? &asked : NULL, &e);
    if (!ev)
        goto fail;
    json_object_set_new(ev, "type", json_string(jstr(q, "type")));
    json_object_set_new(ev, "follow_up_reason",
                        is_follow ? json_string(jstr(pend, "reason")) : json_null());
    api_ai_context_init(c, iv, &h.spec, text, &ax);
    ai_ready = true;
    long long cursor = jint(iv, "cursor");
    long long new_cursor = cursor + 1;
    if (!is_follow) {
        cd_follow_up_choice fu;
        if (cd_choose_follow_up(&h.spec, ev, &fu, &e))
            goto fail;
        api_ai_word_follow_up(c, &ax, ev, &fu);
        if (fu.ask) {
            pending = json_pack("{s:s, s:s, s:i, s:s}", "text", fu.text, "trigger", fu.trigger,
                                "point", fu.point, "reason", fu.reason);
            new_cursor = cursor; /* same question, follow-up pending */
        }
    }
    api_ai_evaluate(c, &ax, duration, ev);
    json_t *scores = json_object_get(ev, "scores");
    double score = json_number_value(json_object_get(scores, "overall"));
    answer = json_pack("{s:I, s:s, s:s, s:s, s:I, s:O, s:f}", "question_id",
                       (json_int_t)jint(q, "id"), "kind", is_follow ? "follow_up" : "question",
                       "prompt", is_follow ? jstr(pend, "text") : jstr(q, "text"), "text", text,
                       "duration_ms", (json_int_t)duration, "evaluation", ev, "score", score);
    if (cd_store_interview_record_answer(c->app->store, id, (int)jint(iv, "seq"), answer,
                                         (int)new_cursor, pending, &e))
        goto fail;
    /* The last answer of the plan ends the interview. */
    if (!pending && (size_t)new_cursor >= json_array_size(json_object_get(iv, "plan"))) {
        json_t *report = finish(c, id, &e);
        if (!report)
            goto fail;
        json_decref(report);
    }
    json_decref(iv);
    iv = cd_store_interview_get(c->app->store, id, &e);
    json_t *view = iv ? interview_view(c, iv, &e) : NULL;
    if (!view)
        goto fail;
    json_t *next = json_object_get(view, "current");
    api_ok(c, 200, json_pack("{s:O, s:o}", "next", next, "interview", view));
    goto out;
fail:
    api_fail(c, &e);
out:
    json_decref(b);
    json_decref(iv);
    json_decref(q);
    json_decref(ev);
    json_decref(pending);
    json_decref(answer);
    if (ai_ready)
        api_ai_context_free(&ax);
    api_ai_stream_finish(c);
}

void api_interviews_finish(api_ctx *c)
{
    long long id;
    if (!api_param_id(c, 0, &id))
        return;
    json_t *iv = load_readable(c, id, true);
    if (!iv)
        return;
    cd_err e;
    json_t *report = NULL;
    if (strcmp(jstr(iv, "status"), "finished") == 0)
        report = cd_store_interview_report(c->app->store, id, &e);
    else
        report = finish(c, id, &e);
    json_decref(iv);
    if (!report)
        return api_fail(c, &e);
    api_ok(c, 200, report);
}

void api_interviews_report(api_ctx *c)
{
    long long id;
    if (!api_param_id(c, 0, &id))
        return;
    json_t *iv = load_readable(c, id, false);
    if (!iv)
        return;
    json_decref(iv);
    cd_err e;
    json_t *report = cd_store_interview_report(c->app->store, id, &e);
    if (!report)
        return api_fail(c, &e);
    api_ok(c, 200, report);
}

void api_progress(api_ctx *c)
{
    cd_err e;
    json_t *p = cd_store_progress(c->app->store, c->user_id, &e);
    if (!p)
        return api_fail(c, &e);
    api_ok(c, 200, p);
}
