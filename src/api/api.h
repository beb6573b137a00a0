/* api.h - internal to src/api: the handler context and the helpers every
 * resource file uses. Handlers run on worker threads (see http.h); they are
 * short: validate -> call the domain/store function -> encode. */
#ifndef CANDOR_API_API_H
#define CANDOR_API_API_H

#include <jansson.h>
#include "api/app.h"
#include "auth/roles.h"
#include "base/json.h"

typedef struct api_ctx {
    const cd_http_request *req;
    cd_http_response *resp;
    cd_app *app;
    long long user_id; /* 0 when anonymous */
    cd_role role;      /* CD_ROLE_NONE when anonymous */
} api_ctx;

typedef void (*api_fn)(api_ctx *c);

/* Everything the router, the access check and the OpenAPI document need to
 * know about one operation. Access rules live here and nowhere else. */
typedef struct api_route {
    api_fn fn;
    cd_role min_role; /* CD_ROLE_NONE = public */
    const char *summary;
    const char *tag;
    const char *request_schema;  /* component name or NULL */
    const char *response_schema; /* component name or NULL (no body) */
    int ok_status;
    const char *query_params; /* comma-separated documented query names, or NULL */
    /* For CD_ROUTE_TRY_INLINE routes: answers from memory on the loop thread
     * and returns true, or returns false to run `fn` on a worker. */
    bool (*try_inline)(api_ctx *c);
} api_route;

/* The one entry point for every /api route (http handler signature). */
void api_dispatch(const cd_http_request *req, cd_http_response *resp, void *app);

/* Parses the JSON body, rejecting unknown fields. On failure the error
 * response is already set and NULL returned. */
json_t *api_body(api_ctx *c, const char *const *allowed);
/* Path parameter i as a positive id; sets a 404/400 response on failure. */
bool api_param_id(api_ctx *c, int i, long long *out);
void api_ok(api_ctx *c, int status, json_t *v);
void api_fail(api_ctx *c, const cd_err *err);
void api_failf(api_ctx *c, cd_errcode code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* May the caller read data owned by user `owner`: an admin, or a
 * coordinator of the owner's college (the owner is checked by the caller). */
bool api_may_read_user(api_ctx *c, long long owner);

/* Resource handlers, one file each. */
void api_auth_config(api_ctx *c);
void api_auth_register(api_ctx *c);
void api_auth_login(api_ctx *c);
void api_auth_google(api_ctx *c);
void api_auth_refresh(api_ctx *c);
void api_auth_logout(api_ctx *c);
void api_me(api_ctx *c);
void api_meta(api_ctx *c);
void api_questions_list(api_ctx *c);
bool api_questions_list_cached(api_ctx *c);
void api_questions_get(api_ctx *c);
void api_questions_create(api_ctx *c);
void api_questions_update(api_ctx *c);
void api_questions_retire(api_ctx *c);
void api_interviews_create(api_ctx *c);
void api_interviews_list(api_ctx *c);
void api_interviews_get(api_ctx *c);
void api_interviews_answer(api_ctx *c);
void api_interviews_finish(api_ctx *c);
void api_interviews_report(api_ctx *c);
void api_progress(api_ctx *c);
void api_students_list(api_ctx *c);
void api_students_interviews(api_ctx *c);
void api_users_list(api_ctx *c);
void api_users_update(api_ctx *c);
void api_colleges_list(api_ctx *c);
void api_colleges_create(api_ctx *c);
void api_resumes_upload(api_ctx *c);
void api_resumes_list(api_ctx *c);
void api_resumes_get(api_ctx *c);
void api_resumes_delete(api_ctx *c);
void api_resumes_match(api_ctx *c);
void api_jobs_create(api_ctx *c);
void api_jobs_list(api_ctx *c);
void api_jobs_get(api_ctx *c);
void api_jobs_delete(api_ctx *c);

/* Inline system routes (loop thread, no I/O). */
void api_healthz(const cd_http_request *req, cd_http_response *resp, void *app);
void api_metrics(const cd_http_request *req, cd_http_response *resp, void *app);
void api_openapi(const cd_http_request *req, cd_http_response *resp, void *app);
/* Builds the OpenAPI document from the route table (done once at start). */
json_t *api_openapi_build(void);
int api_openapi_init(cd_err *err);
void api_openapi_free(void);

/* Shared lists. */
extern const char *const api_roles[]; /* interview roles */
extern const char *const api_difficulties[];
extern const char *const api_question_types[];

#endif
