/* questions.c - /api/questions: the bank, filtered and paginated; edits by
 * coordinators and admins. Students never receive talking points, keywords
 * or follow-ups (they are the model answers). */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/cache.h"
#include "interview/bank.h"

#define PER_PAGE_DEFAULT 20
#define PER_PAGE_MAX 100
#define SEARCH_MAX 200

static bool query_enum(api_ctx *c, const char *name, const char *const *choices, const char **out)
{
    const char *v = cd_http_query(c->req, name);
    *out = NULL;
    if (!v || !*v)
        return true;
    for (const char *const *ch = choices; *ch; ch++)
        if (strcmp(*ch, v) == 0) {
            *out = *ch;
            return true;
        }
    api_failf(c, CD_EINVAL, name, "'%s' has no value '%.40s'", name, v);
    return false;
}

static bool query_int(api_ctx *c, const char *name, int dflt, int min, int max, int *out)
{
    const char *v = cd_http_query(c->req, name);
    *out = dflt;
    if (!v || !*v)
        return true;
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || n < min || n > max || strlen(v) > 9) {
        api_failf(c, CD_EINVAL, name, "'%s' must be an integer from %d to %d", name, min, max);
        return false;
    }
    *out = (int)n;
    return true;
}

/* The cache key: who may see what (staff see answers), plus the query
 * arguments as received. */
static bool listing_key(api_ctx *c, char *key, size_t n)
{
    bool staff = cd_role_at_least(c->role, CD_ROLE_COORDINATOR);
    size_t off = (size_t)snprintf(key, n, "questions|%c", staff ? 'S' : 'U');
    for (int i = 0; i < c->req->nquery; i++) {
        int w = snprintf(key + off, n - off, "|%s", c->req->query_args[i]);
        if (w < 0 || (size_t)w >= n - off)
            return false;
        off += (size_t)w;
    }
    return true;
}

bool api_questions_list_cached(api_ctx *c)
{
    char key[API_CACHE_KEY_MAX];
    if (!listing_key(c, key, sizeof key))
        return false;
    if (!api_cache_get(key, cd_store_question_generation(c->app->store), &c->resp->body))
        return false;
    c->resp->status = 200;
    c->resp->content_type = "application/json";
    return true;
}

void api_questions_list(api_ctx *c)
{
    long long generation = cd_store_question_generation(c->app->store);
    static const char *const statuses[] = {"active", "retired", "all", NULL};
    cd_question_filter f = {0};
    const char *status = NULL;
    if (!query_enum(c, "role", cd_question_roles, &f.role) ||
        !query_enum(c, "difficulty", cd_difficulties, &f.difficulty) ||
        !query_enum(c, "type", cd_question_types, &f.type) ||
        !query_enum(c, "status", statuses, &status) ||
        !query_int(c, "page", 1, 1, 100000, &f.page) ||
        !query_int(c, "per_page", PER_PAGE_DEFAULT, 1, PER_PAGE_MAX, &f.per_page))
        return;
    f.tech = cd_http_query(c->req, "tech");
    if (f.tech && !*f.tech)
        f.tech = NULL;
    f.text = cd_http_query(c->req, "q");
    if (f.text && strlen(f.text) > SEARCH_MAX) {
        api_failf(c, CD_EINVAL, "q", "search text is limited to %d characters", SEARCH_MAX);
        return;
    }
    bool staff = cd_role_at_least(c->role, CD_ROLE_COORDINATOR);
    /* Students see the active bank only; staff choose (default active). */
    f.status = !staff || !status ? "active" : strcmp(status, "all") == 0 ? NULL : status;
    f.include_answers = staff;
    cd_err e;
    json_t *r = cd_store_question_list(c->app->store, &f, &e);
    if (!r)
        return api_fail(c, &e);
    api_ok(c, 200, r);
    char key[API_CACHE_KEY_MAX];
    if (listing_key(c, key, sizeof key))
        api_cache_put(key, generation, c->resp->body.data, c->resp->body.len);
}

void api_questions_get(api_ctx *c)
{
    long long id;
    if (!api_param_id(c, 0, &id))
        return;
    bool staff = cd_role_at_least(c->role, CD_ROLE_COORDINATOR);
    cd_err e;
    json_t *q = cd_store_question_get(c->app->store, id, staff, &e);
    if (!q)
        return api_fail(c, &e);
    if (!staff && strcmp(json_string_value(json_object_get(q, "status")), "active") != 0) {
        json_decref(q);
        return api_failf(c, CD_ENOTFOUND, NULL, "no question with id %lld", id);
    }
    api_ok(c, 200, q);
}

static json_t *valid_input(api_ctx *c)
{
    json_t *b = api_body(c, NULL);
    if (!b)
        return NULL;
    cd_err e;
    if (cd_bank_validate_question(b, false, &e)) {
        json_decref(b);
        api_fail(c, &e);
        return NULL;
    }
    return b;
}

void api_questions_create(api_ctx *c)
{
    json_t *b = valid_input(c);
    if (!b)
        return;
    cd_err e;
    json_t *q = cd_store_question_create(c->app->store, b, NULL, "coordinator", c->user_id, &e);
    json_decref(b);
    if (!q)
        return api_fail(c, &e);
    api_ok(c, 201, q);
}

void api_questions_update(api_ctx *c)
{
    long long id;
    if (!api_param_id(c, 0, &id))
        return;
    json_t *b = valid_input(c);
    if (!b)
        return;
    cd_err e;
    json_t *q = cd_store_question_update(c->app->store, id, b, &e);
    json_decref(b);
    if (!q)
        return api_fail(c, &e);
    api_ok(c, 200, q);
}

void api_questions_retire(api_ctx *c)
{
    long long id;
    if (!api_param_id(c, 0, &id))
        return;
    cd_err e;
    json_t *q = cd_store_question_retire(c->app->store, id, &e);
    if (!q)
        return api_fail(c, &e);
    api_ok(c, 200, q);
}

void api_meta(api_ctx *c)
{
    json_t *roles = json_array();
    for (int i = 0; cd_interview_roles[i]; i++)
        json_array_append_new(roles, json_pack("{s:s, s:s}", "id", cd_interview_roles[i], "label",
                                               cd_interview_role_labels[i]));
    json_t *diffs = json_array(), *types = json_array();
    for (int i = 0; cd_difficulties[i]; i++)
        json_array_append_new(diffs, json_string(cd_difficulties[i]));
    for (int i = 0; cd_question_types[i]; i++)
        json_array_append_new(types, json_string(cd_question_types[i]));
    json_t *llm = json_null();
    if (c->app->llm) {
        const cd_llm_config *lc = cd_llm_get_config(c->app->llm);
        llm = json_pack("{s:s, s:s}", "provider", cd_llm_kind_name(lc->kind), "model", lc->model);
    }
    api_ok(c, 200,
           json_pack("{s:o, s:o, s:[iiii], s:o, s:o}", "roles", roles, "difficulties", diffs,
                     "lengths", 3, 5, 8, 10, "question_types", types, "llm", llm));
}
