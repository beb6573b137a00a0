/* openapi.c - the OpenAPI 3.0 document at /api/openapi.json, built once at
 * start from the route table (routes.c) plus the schema components below. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

/* clang-format off */
static const char components_json[] =
"{"
"\"securitySchemes\":{\"bearer\":{\"type\":\"http\",\"scheme\":\"bearer\",\"bearerFormat\":\"JWT\"}},"
"\"schemas\":{"
"\"Error\":{\"type\":\"object\",\"required\":[\"error\"],\"properties\":{\"error\":{\"type\":\"object\",\"required\":[\"code\",\"message\"],\"properties\":{\"code\":{\"type\":\"string\"},\"message\":{\"type\":\"string\"},\"field\":{\"type\":\"string\"}}}}},"
"\"AuthConfig\":{\"type\":\"object\",\"properties\":{\"google_client_id\":{\"type\":\"string\",\"nullable\":true},\"allowed_domains\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"password_min_length\":{\"type\":\"integer\"},\"password_max_length\":{\"type\":\"integer\"}}},"
"\"RegisterInput\":{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"email\",\"password\",\"name\"],\"properties\":{\"email\":{\"type\":\"string\",\"format\":\"email\",\"maxLength\":254},\"password\":{\"type\":\"string\",\"minLength\":10,\"maxLength\":128},\"name\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":120}}},"
"\"LoginInput\":{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"email\",\"password\"],\"properties\":{\"email\":{\"type\":\"string\"},\"password\":{\"type\":\"string\"}}},"
"\"GoogleInput\":{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"id_token\"],\"properties\":{\"id_token\":{\"type\":\"string\"}}},"
"\"RefreshInput\":{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"refresh_token\"],\"properties\":{\"refresh_token\":{\"type\":\"string\"}}},"
"\"User\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"email\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},\"role\":{\"type\":\"string\",\"enum\":[\"student\",\"coordinator\",\"admin\"]},\"college\":{\"type\":\"string\",\"nullable\":true},\"created_at\":{\"type\":\"integer\"}}},"
"\"Session\":{\"type\":\"object\",\"properties\":{\"access_token\":{\"type\":\"string\"},\"refresh_token\":{\"type\":\"string\"},\"expires_in\":{\"type\":\"integer\"},\"user\":{\"$ref\":\"#/components/schemas/User\"}}},"
"\"Meta\":{\"type\":\"object\",\"properties\":{\"roles\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"label\":{\"type\":\"string\"}}}},\"difficulties\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"lengths\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}},\"question_types\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"llm\":{\"type\":\"object\",\"nullable\":true,\"properties\":{\"provider\":{\"type\":\"string\"},\"model\":{\"type\":\"string\"}}}}},"
"\"FollowUp\":{\"type\":\"object\",\"required\":[\"text\",\"trigger\"],\"properties\":{\"text\":{\"type\":\"string\"},\"trigger\":{\"type\":\"string\",\"enum\":[\"missing_point\",\"no_example\",\"no_result\",\"shallow\"]},\"point\":{\"type\":\"integer\"}}},"
"\"QuestionInput\":{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"role\",\"difficulty\",\"type\",\"text\",\"talking_points\"],\"properties\":{\"role\":{\"type\":\"string\"},\"difficulty\":{\"type\":\"string\",\"enum\":[\"easy\",\"medium\",\"hard\"]},\"type\":{\"type\":\"string\",\"enum\":[\"technical\",\"behavioural\",\"hr\"]},\"tech\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"text\":{\"type\":\"string\",\"minLength\":10,\"maxLength\":1000},\"talking_points\":{\"type\":\"array\",\"minItems\":1,\"maxItems\":10,\"items\":{\"type\":\"string\",\"maxLength\":300}},\"keywords\":{\"type\":\"array\",\"maxItems\":30,\"items\":{\"type\":\"string\"}},\"follow_ups\":{\"type\":\"array\",\"maxItems\":4,\"items\":{\"$ref\":\"#/components/schemas/FollowUp\"}}}},"
"\"Question\":{\"allOf\":[{\"$ref\":\"#/components/schemas/QuestionInput\"},{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"slug\":{\"type\":\"string\"},\"source\":{\"type\":\"string\"},\"status\":{\"type\":\"string\",\"enum\":[\"active\",\"retired\"]},\"created_at\":{\"type\":\"integer\"},\"updated_at\":{\"type\":\"integer\"}}}]},"
"\"QuestionPage\":{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Question\"}},\"total\":{\"type\":\"integer\"},\"page\":{\"type\":\"integer\"},\"per_page\":{\"type\":\"integer\"}}},"
"\"InterviewInput\":{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"mode\",\"role\",\"difficulty\",\"length\"],\"properties\":{\"mode\":{\"type\":\"string\",\"enum\":[\"text\"]},\"role\":{\"type\":\"string\"},\"difficulty\":{\"type\":\"string\",\"enum\":[\"easy\",\"medium\",\"hard\"]},\"length\":{\"type\":\"integer\",\"enum\":[3,5,8,10]},\"resume_id\":{\"type\":\"integer\"},\"job_id\":{\"type\":\"integer\"}}},"
"\"Prompt\":{\"type\":\"object\",\"properties\":{\"seq\":{\"type\":\"integer\"},\"kind\":{\"type\":\"string\",\"enum\":[\"question\",\"follow_up\"]},\"question_id\":{\"type\":\"integer\"},\"text\":{\"type\":\"string\"},\"type\":{\"type\":\"string\"},\"difficulty\":{\"type\":\"string\"},\"time_limit_s\":{\"type\":\"integer\"},\"why\":{\"type\":\"string\",\"nullable\":true}}},"
"\"InterviewSummary\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"mode\":{\"type\":\"string\"},\"role\":{\"type\":\"string\"},\"difficulty\":{\"type\":\"string\"},\"length\":{\"type\":\"integer\"},\"status\":{\"type\":\"string\",\"enum\":[\"in_progress\",\"finished\"]},\"overall_score\":{\"type\":\"number\",\"nullable\":true},\"created_at\":{\"type\":\"integer\"},\"finished_at\":{\"type\":\"integer\",\"nullable\":true}}},"
"\"Interview\":{\"allOf\":[{\"$ref\":\"#/components/schemas/InterviewSummary\"},{\"type\":\"object\",\"properties\":{\"current\":{\"allOf\":[{\"$ref\":\"#/components/schemas/Prompt\"}],\"nullable\":true},\"asked\":{\"type\":\"integer\"},\"resume_id\":{\"type\":\"integer\",\"nullable\":true},\"job_id\":{\"type\":\"integer\",\"nullable\":true},\"answers\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}}}}]},"
"\"InterviewList\":{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/InterviewSummary\"}}}},"
"\"AnswerInput\":{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"text\",\"duration_ms\"],\"properties\":{\"text\":{\"type\":\"string\",\"maxLength\":10000},\"duration_ms\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":3600000}}},"
"\"AnswerResult\":{\"type\":\"object\",\"properties\":{\"next\":{\"allOf\":[{\"$ref\":\"#/components/schemas/Prompt\"}],\"nullable\":true},\"interview\":{\"$ref\":\"#/components/schemas/Interview\"}}},"
"\"Span\":{\"type\":\"object\",\"properties\":{\"start\":{\"type\":\"integer\"},\"end\":{\"type\":\"integer\"},\"text\":{\"type\":\"string\"}}},"
"\"AnswerReport\":{\"type\":\"object\",\"properties\":{\"seq\":{\"type\":\"integer\"},\"kind\":{\"type\":\"string\"},\"question_id\":{\"type\":\"integer\"},\"prompt\":{\"type\":\"string\"},\"type\":{\"type\":\"string\"},\"text\":{\"type\":\"string\"},\"duration_ms\":{\"type\":\"integer\"},\"scores\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"number\",\"nullable\":true}},\"talking_points\":{\"type\":\"object\"},\"keywords\":{\"type\":\"object\"},\"star\":{\"type\":\"object\",\"nullable\":true},\"hedges\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}},\"fillers\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}},\"evidence\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"effect\":{\"type\":\"number\"},\"dimension\":{\"type\":\"string\"},\"reason\":{\"type\":\"string\"},\"span\":{\"allOf\":[{\"$ref\":\"#/components/schemas/Span\"}],\"nullable\":true}}}},\"tips\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"follow_up_reason\":{\"type\":\"string\",\"nullable\":true},\"ai\":{\"type\":\"object\",\"properties\":{\"source\":{\"type\":\"string\",\"enum\":[\"llm\",\"offline\"]},\"fallback_reason\":{\"type\":\"string\",\"nullable\":true},\"scores\":{\"type\":\"object\"},\"feedback\":{\"type\":\"string\"},\"improvements\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}}},"
"\"Report\":{\"type\":\"object\",\"properties\":{\"interview\":{\"$ref\":\"#/components/schemas/InterviewSummary\"},\"overall\":{\"type\":\"object\",\"properties\":{\"score\":{\"type\":\"number\"},\"content\":{\"type\":\"number\"},\"structure\":{\"type\":\"number\",\"nullable\":true},\"clarity\":{\"type\":\"number\"},\"summary\":{\"type\":\"string\"}}},\"answers\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/AnswerReport\"}},\"strengths\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"improvements\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"usage\":{\"type\":\"object\",\"properties\":{\"calls\":{\"type\":\"integer\"},\"input_tokens\":{\"type\":\"integer\"},\"output_tokens\":{\"type\":\"integer\"},\"cost_usd\":{\"type\":\"number\"}}}}},"
"\"Progress\":{\"type\":\"object\",\"properties\":{\"interviews\":{\"type\":\"integer\"},\"average\":{\"type\":\"number\",\"nullable\":true},\"trend\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"interview_id\":{\"type\":\"integer\"},\"finished_at\":{\"type\":\"integer\"},\"role\":{\"type\":\"string\"},\"score\":{\"type\":\"number\"}}}},\"by_role\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}}}},"
"\"StudentList\":{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":{\"allOf\":[{\"$ref\":\"#/components/schemas/User\"},{\"type\":\"object\",\"properties\":{\"interviews\":{\"type\":\"integer\"},\"average\":{\"type\":\"number\",\"nullable\":true}}}]}}}},"
"\"StudentInterviews\":{\"type\":\"object\",\"properties\":{\"student\":{\"$ref\":\"#/components/schemas/User\"},\"items\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/InterviewSummary\"}}}},"
"\"UserList\":{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/User\"}}}},"
"\"RoleInput\":{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"role\"],\"properties\":{\"role\":{\"type\":\"string\",\"enum\":[\"student\",\"coordinator\",\"admin\"]}}},"
"\"College\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"},\"domains\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}},"
"\"CollegeList\":{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/College\"}}}},"
"\"CollegeInput\":{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"name\",\"domains\"],\"properties\":{\"name\":{\"type\":\"string\"},\"domains\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}},"
"\"ResumeSummary\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"filename\":{\"type\":\"string\"},\"format\":{\"type\":\"string\",\"enum\":[\"pdf\",\"docx\",\"html\",\"text\"]},\"created_at\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"},\"years\":{\"type\":\"number\"},\"seniority\":{\"type\":\"string\"},\"skills\":{\"type\":\"integer\"},\"ats_score\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":100}}},"
"\"Ats\":{\"type\":\"object\",\"properties\":{\"score\":{\"type\":\"integer\"},\"checks\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"label\":{\"type\":\"string\"},\"points\":{\"type\":\"integer\"},\"max\":{\"type\":\"integer\"},\"reason\":{\"type\":\"string\"},\"suggestion\":{\"type\":\"string\"}}}}}},"
"\"Resume\":{\"allOf\":[{\"$ref\":\"#/components/schemas/ResumeSummary\"},{\"type\":\"object\",\"properties\":{\"analysis\":{\"type\":\"object\"},\"ats\":{\"$ref\":\"#/components/schemas/Ats\"},\"text\":{\"type\":\"string\"}}}]},"
"\"ResumeList\":{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/ResumeSummary\"}}}},"
"\"JobInput\":{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"text\":{\"type\":\"string\",\"minLength\":50,\"maxLength\":100000},\"title\":{\"type\":\"string\",\"maxLength\":160},\"url\":{\"type\":\"string\",\"format\":\"uri\",\"maxLength\":2048}}},"
"\"JobSummary\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"title\":{\"type\":\"string\"},\"source\":{\"type\":\"string\",\"enum\":[\"text\",\"url\",\"file\"]},\"url\":{\"type\":\"string\",\"nullable\":true},\"created_at\":{\"type\":\"integer\"},\"role_family\":{\"type\":\"string\"},\"seniority\":{\"type\":\"string\"},\"skills\":{\"type\":\"integer\"}}},"
"\"Job\":{\"allOf\":[{\"$ref\":\"#/components/schemas/JobSummary\"},{\"type\":\"object\",\"properties\":{\"analysis\":{\"type\":\"object\"},\"text\":{\"type\":\"string\"}}}]},"
"\"JobList\":{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/JobSummary\"}}}},"
"\"Match\":{\"type\":\"object\",\"properties\":{\"resume_id\":{\"type\":\"integer\"},\"job_id\":{\"type\":\"integer\"},\"match\":{\"type\":\"object\",\"properties\":{\"percent\":{\"type\":\"number\"},\"formula\":{\"type\":\"string\"},\"matched\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}},\"missing\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}},\"extra\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}},\"gaps\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}}}},\"ats\":{\"$ref\":\"#/components/schemas/Ats\"},\"topics\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"skill\":{\"type\":\"string\"},\"category\":{\"type\":\"string\"},\"why\":{\"type\":\"string\"},\"kind\":{\"type\":\"string\",\"enum\":[\"matched\",\"gap\",\"project\"]}}}}}},"
"\"Health\":{\"type\":\"object\",\"properties\":{\"status\":{\"type\":\"string\"},\"version\":{\"type\":\"string\"}}}"
"}}";
/* clang-format on */

static char *g_doc;
static size_t g_doc_len;

static json_t *error_response(const char *desc)
{
    return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", desc, "content", "application/json",
                     "schema", "$ref", "#/components/schemas/Error");
}

static json_t *json_body(const char *desc, const char *schema)
{
    char ref[128];
    snprintf(ref, sizeof ref, "#/components/schemas/%s", schema);
    return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", desc, "content", "application/json",
                     "schema", "$ref", ref);
}

/* "/api/questions/{id}" needs a path parameter "id". */
static json_t *path_params(const char *pattern, const char *query)
{
    json_t *params = json_array();
    for (const char *p = strchr(pattern, '{'); p; p = strchr(p + 1, '{')) {
        const char *e = strchr(p, '}');
        if (!e)
            break;
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(e - p - 1), p + 1);
        json_array_append_new(params,
                              json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", name, "in", "path",
                                        "required", 1, "schema", "type", "integer"));
    }
    if (query) {
        char buf[256];
        snprintf(buf, sizeof buf, "%s", query);
        char *save = NULL;
        for (char *q = strtok_r(buf, ",", &save); q; q = strtok_r(NULL, ",", &save)) {
            bool num = !strcmp(q, "page") || !strcmp(q, "per_page") || !strcmp(q, "job");
            json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", q, "in",
                                                    "query", "required", 0, "schema", "type",
                                                    num ? "integer" : "string"));
        }
    }
    return params;
}

json_t *api_openapi_build(void)
{
    json_t *components = json_loads(components_json, 0, NULL);
    if (!components)
        return NULL;
    json_t *paths = json_object();
    size_t n;
    const cd_http_route *routes = cd_api_routes(&n);
    for (size_t i = 0; i < n; i++) {
        const cd_http_route *r = &routes[i];
        json_t *item = json_object_get(paths, r->pattern);
        if (!item) {
            item = json_object();
            json_object_set_new(paths, r->pattern, item);
        }
        char method[8];
        for (size_t k = 0; k < sizeof method - 1 && r->method[k]; k++) {
            method[k] = (char)(r->method[k] | 0x20);
            method[k + 1] = 0;
        }
        json_t *op = json_object(), *responses = json_object();
        const api_route *ar = r->data;
        if (!ar) { /* inline system routes */
            bool metrics = strcmp(r->pattern, "/metrics") == 0;
            json_object_set_new(op, "summary",
                                json_string(metrics ? "Prometheus metrics"
                                            : strcmp(r->pattern, "/healthz") == 0
                                                ? "Liveness check"
                                                : "This OpenAPI document"));
            json_object_set_new(op, "tags", json_pack("[s]", "system"));
            json_object_set_new(
                responses, "200",
                metrics ? json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", "metrics", "content",
                                    "text/plain", "schema", "type", "string")
                : strcmp(r->pattern, "/healthz") == 0
                    ? json_body("healthy", "Health")
                    : json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", "document", "content",
                                "application/json", "schema", "type", "object"));
        } else {
            json_object_set_new(op, "summary", json_string(ar->summary));
            json_object_set_new(op, "tags", json_pack("[s]", ar->tag));
            char ok[8];
            snprintf(ok, sizeof ok, "%d", ar->ok_status);
            json_object_set_new(responses, ok,
                                ar->response_schema
                                    ? json_body("success", ar->response_schema)
                                    : json_pack("{s:s}", "description", "success, no body"));
            json_object_set_new(responses, "400", error_response("invalid input"));
            if (ar->min_role != CD_ROLE_NONE) {
                json_object_set_new(op, "security", json_pack("[{s:[]}]", "bearer"));
                json_object_set_new(responses, "401", error_response("not signed in"));
                if (ar->min_role > CD_ROLE_STUDENT)
                    json_object_set_new(op, "x-candor-min-role",
                                        json_string(cd_role_name(ar->min_role)));
                json_object_set_new(responses, "403", error_response("role not allowed"));
            }
            if (strchr(r->pattern, '{'))
                json_object_set_new(responses, "404", error_response("no such resource"));
            if (ar->request_schema || (r->flags & CD_ROUTE_UPLOAD)) {
                json_t *content = json_object();
                if (ar->request_schema) {
                    char ref[128];
                    snprintf(ref, sizeof ref, "#/components/schemas/%s", ar->request_schema);
                    json_object_set_new(content, "application/json",
                                        json_pack("{s:{s:s}}", "schema", "$ref", ref));
                }
                /* uploads: the file's bytes, typed by content (magic bytes) */
                if (r->flags & CD_ROUTE_UPLOAD)
                    json_object_set_new(content, "application/octet-stream",
                                        json_pack("{s:{s:s, s:s}}", "schema", "type", "string",
                                                  "format", "binary"));
                json_object_set_new(op, "requestBody",
                                    json_pack("{s:b, s:o}", "required", 1, "content", content));
                json_object_set_new(responses, "413", error_response("body too large"));
            }
            if (r->flags & CD_ROUTE_UPLOAD) {
                json_object_set_new(responses, "415", error_response("not a supported file type"));
                json_object_set_new(responses, "422", error_response("no text in the file"));
            }
            if (!strncmp(r->pattern, "/api/auth/", 10) && strcmp(r->method, "POST") == 0)
                json_object_set_new(responses, "429", error_response("rate limited"));
            json_t *params = path_params(r->pattern, ar->query_params);
            if (json_array_size(params))
                json_object_set_new(op, "parameters", params);
            else
                json_decref(params);
        }
        json_object_set_new(op, "responses", responses);
        char opid[128];
        snprintf(opid, sizeof opid, "%s", method);
        for (const char *p = r->pattern; *p && strlen(opid) < sizeof opid - 2; p++) {
            char ch = *p == '/' || *p == '{' || *p == '}' || *p == '.' ? '_' : *p;
            size_t l = strlen(opid);
            opid[l] = ch;
            opid[l + 1] = 0;
        }
        json_object_set_new(op, "operationId", json_string(opid));
        json_object_set_new(item, method, op);
    }
    return json_pack("{s:s, s:{s:s, s:s, s:s}, s:o, s:o}", "openapi", "3.0.3", "info", "title",
                     "Candor API", "version", "1", "description",
                     "Interview practice platform. See docs/api.md.", "paths", paths, "components",
                     components);
}

int api_openapi_init(cd_err *err)
{
    json_t *doc = api_openapi_build();
    if (!doc)
        return cd_err_set(err, CD_EINTERNAL, "", "cannot build the OpenAPI document");
    g_doc = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    g_doc_len = g_doc ? strlen(g_doc) : 0;
    return g_doc ? 0 : cd_err_set(err, CD_EINTERNAL, "", "out of memory");
}

void api_openapi_free(void)
{
    free(g_doc);
    g_doc = NULL;
}

void api_openapi(const cd_http_request *req, cd_http_response *resp, void *app)
{
    (void)req;
    (void)app;
    resp->status = 200;
    resp->content_type = "application/json";
    cd_buf_append(&resp->body, g_doc ? g_doc : "{}", g_doc ? g_doc_len : 2);
}

void api_healthz(const cd_http_request *req, cd_http_response *resp, void *app)
{
    (void)req;
    (void)app;
    resp->status = 200;
    resp->content_type = "application/json";
#ifndef CANDOR_VERSION
#define CANDOR_VERSION "0.1.0"
#endif
    cd_buf_puts(&resp->body, "{\"status\":\"ok\",\"version\":\"" CANDOR_VERSION "\"}");
}

void api_metrics(const cd_http_request *req, cd_http_response *resp, void *app)
{
    (void)req;
    cd_app *a = app;
    resp->status = 200;
    resp->content_type = "text/plain; version=0.0.4";
    cd_http_metrics_render(a->http, &resp->body);
}
