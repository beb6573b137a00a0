/* routes.c - every API operation in one table: path, method, handler, the
 * minimum role, and its documentation. The router, the access check and the
 * OpenAPI document are all driven from here, so they cannot disagree. */
#include "api/api.h"

#define ANY CD_ROLE_NONE
#define STUDENT CD_ROLE_STUDENT
#define COORD CD_ROLE_COORDINATOR
#define ADMIN CD_ROLE_ADMIN

/* clang-format off */
static const api_route R_auth_config  = {api_auth_config, ANY, "Sign-in options of this deployment", "auth", NULL, "AuthConfig", 200, NULL, NULL};
static const api_route R_register     = {api_auth_register, ANY, "Create a student account", "auth", "RegisterInput", "Session", 201, NULL, NULL};
static const api_route R_login        = {api_auth_login, ANY, "Sign in with e-mail and password", "auth", "LoginInput", "Session", 200, NULL, NULL};
static const api_route R_google       = {api_auth_google, ANY, "Sign in with a Google ID token", "auth", "GoogleInput", "Session", 200, NULL, NULL};
static const api_route R_refresh      = {api_auth_refresh, ANY, "Exchange a refresh token for a new session", "auth", "RefreshInput", "Session", 200, NULL, NULL};
static const api_route R_logout       = {api_auth_logout, ANY, "Revoke a refresh token and its family", "auth", "RefreshInput", NULL, 204, NULL, NULL};
static const api_route R_me           = {api_me, STUDENT, "The signed-in user", "auth", NULL, "User", 200, NULL, NULL};
static const api_route R_meta         = {api_meta, ANY, "Roles, difficulties and lengths on offer", "meta", NULL, "Meta", 200, NULL, NULL};
static const api_route R_q_list       = {api_questions_list, STUDENT, "List and search the question bank", "questions", NULL, "QuestionPage", 200, "role,difficulty,type,tech,q,status,page,per_page", api_questions_list_cached};
static const api_route R_q_get        = {api_questions_get, STUDENT, "One question", "questions", NULL, "Question", 200, NULL, NULL};
static const api_route R_q_create     = {api_questions_create, COORD, "Add a question", "questions", "QuestionInput", "Question", 201, NULL, NULL};
static const api_route R_q_update     = {api_questions_update, COORD, "Replace a question", "questions", "QuestionInput", "Question", 200, NULL, NULL};
static const api_route R_q_retire     = {api_questions_retire, COORD, "Retire a question (kept for past reports)", "questions", NULL, "Question", 200, NULL, NULL};
static const api_route R_i_create     = {api_interviews_create, STUDENT, "Start a mock interview", "interviews", "InterviewInput", "Interview", 201, NULL, NULL};
static const api_route R_i_list       = {api_interviews_list, STUDENT, "My interviews, newest first", "interviews", NULL, "InterviewList", 200, NULL, NULL};
static const api_route R_i_get        = {api_interviews_get, STUDENT, "An interview and its current prompt", "interviews", NULL, "Interview", 200, NULL, NULL};
static const api_route R_i_answer     = {api_interviews_answer, STUDENT, "Answer the current prompt", "interviews", "AnswerInput", "AnswerResult", 200, NULL, NULL};
static const api_route R_i_finish     = {api_interviews_finish, STUDENT, "End the interview and get the report", "interviews", NULL, "Report", 200, NULL, NULL};
static const api_route R_i_report     = {api_interviews_report, STUDENT, "The report of a finished interview", "interviews", NULL, "Report", 200, NULL, NULL};
static const api_route R_progress     = {api_progress, STUDENT, "Score trend and averages", "interviews", NULL, "Progress", 200, NULL, NULL};
static const api_route R_students     = {api_students_list, COORD, "Students of my college with their progress", "people", NULL, "StudentList", 200, NULL, NULL};
static const api_route R_student_ivs  = {api_students_interviews, COORD, "A student's interviews", "people", NULL, "StudentInterviews", 200, NULL, NULL};
static const api_route R_users        = {api_users_list, ADMIN, "All users", "people", NULL, "UserList", 200, NULL, NULL};
static const api_route R_user_update  = {api_users_update, ADMIN, "Change a user's role", "people", "RoleInput", "User", 200, NULL, NULL};
static const api_route R_colleges     = {api_colleges_list, ADMIN, "Colleges and their e-mail domains", "people", NULL, "CollegeList", 200, NULL, NULL};
static const api_route R_college_new  = {api_colleges_create, ADMIN, "Add a college", "people", "CollegeInput", "College", 201, NULL, NULL};
static const api_route R_cv_upload    = {api_resumes_upload, STUDENT, "Upload a resume (PDF, DOCX or text) and analyse it", "resumes", NULL, "Resume", 201, "filename", NULL};
static const api_route R_cv_list      = {api_resumes_list, STUDENT, "My resumes, newest first", "resumes", NULL, "ResumeList", 200, NULL, NULL};
static const api_route R_cv_get       = {api_resumes_get, STUDENT, "A resume with its analysis and ATS report", "resumes", NULL, "Resume", 200, NULL, NULL};
static const api_route R_cv_delete    = {api_resumes_delete, STUDENT, "Delete one of my resumes", "resumes", NULL, NULL, 204, NULL, NULL};
static const api_route R_cv_match     = {api_resumes_match, STUDENT, "Match a resume against a job description", "resumes", NULL, "Match", 200, "job", NULL};
static const api_route R_job_create   = {api_jobs_create, STUDENT, "Add a job description: pasted text, a URL, or a file", "jobs", "JobInput", "Job", 201, "filename", NULL};
static const api_route R_job_list     = {api_jobs_list, STUDENT, "My job descriptions, newest first", "jobs", NULL, "JobList", 200, NULL, NULL};
static const api_route R_job_get      = {api_jobs_get, STUDENT, "A job description with its analysis", "jobs", NULL, "Job", 200, NULL, NULL};
static const api_route R_job_delete   = {api_jobs_delete, STUDENT, "Delete one of my job descriptions", "jobs", NULL, NULL, 204, NULL, NULL};

static const cd_http_route routes[] = {
    {"GET",    "/healthz",                         api_healthz, CD_ROUTE_INLINE, NULL},
    {"GET",    "/metrics",                         api_metrics, CD_ROUTE_INLINE, NULL},
    {"GET",    "/api/openapi.json",                api_openapi, CD_ROUTE_INLINE, NULL},
    {"GET",    "/api/auth/config",                 api_dispatch, 0, &R_auth_config},
    {"POST",   "/api/auth/register",               api_dispatch, 0, &R_register},
    {"POST",   "/api/auth/login",                  api_dispatch, 0, &R_login},
    {"POST",   "/api/auth/google",                 api_dispatch, 0, &R_google},
    {"POST",   "/api/auth/refresh",                api_dispatch, 0, &R_refresh},
    {"POST",   "/api/auth/logout",                 api_dispatch, 0, &R_logout},
    {"GET",    "/api/me",                          api_dispatch, 0, &R_me},
    {"GET",    "/api/meta",                        api_dispatch, 0, &R_meta},
    {"GET",    "/api/questions",                   api_dispatch, CD_ROUTE_TRY_INLINE, &R_q_list},
    {"POST",   "/api/questions",                   api_dispatch, 0, &R_q_create},
    {"GET",    "/api/questions/{id}",              api_dispatch, 0, &R_q_get},
    {"PUT",    "/api/questions/{id}",              api_dispatch, 0, &R_q_update},
    {"DELETE", "/api/questions/{id}",              api_dispatch, 0, &R_q_retire},
    {"POST",   "/api/interviews",                  api_dispatch, 0, &R_i_create},
    {"GET",    "/api/interviews",                  api_dispatch, 0, &R_i_list},
    {"GET",    "/api/interviews/{id}",             api_dispatch, 0, &R_i_get},
    {"POST",   "/api/interviews/{id}/answers",     api_dispatch, CD_ROUTE_WAITS, &R_i_answer},
    {"POST",   "/api/interviews/{id}/finish",      api_dispatch, 0, &R_i_finish},
    {"GET",    "/api/interviews/{id}/report",      api_dispatch, 0, &R_i_report},
    {"GET",    "/api/progress",                    api_dispatch, 0, &R_progress},
    {"GET",    "/api/students",                    api_dispatch, 0, &R_students},
    {"GET",    "/api/students/{id}/interviews",    api_dispatch, 0, &R_student_ivs},
    {"GET",    "/api/users",                       api_dispatch, 0, &R_users},
    {"PATCH",  "/api/users/{id}",                  api_dispatch, 0, &R_user_update},
    {"GET",    "/api/colleges",                    api_dispatch, 0, &R_colleges},
    {"POST",   "/api/colleges",                    api_dispatch, 0, &R_college_new},
    {"POST",   "/api/resumes",                     api_dispatch, CD_ROUTE_UPLOAD, &R_cv_upload},
    {"GET",    "/api/resumes",                     api_dispatch, 0, &R_cv_list},
    {"GET",    "/api/resumes/{id}",                api_dispatch, 0, &R_cv_get},
    {"DELETE", "/api/resumes/{id}",                api_dispatch, 0, &R_cv_delete},
    {"GET",    "/api/resumes/{id}/match",          api_dispatch, 0, &R_cv_match},
    {"POST",   "/api/jobs",                        api_dispatch, CD_ROUTE_UPLOAD | CD_ROUTE_WAITS, &R_job_create},
    {"GET",    "/api/jobs",                        api_dispatch, 0, &R_job_list},
    {"GET",    "/api/jobs/{id}",                   api_dispatch, 0, &R_job_get},
    {"DELETE", "/api/jobs/{id}",                   api_dispatch, 0, &R_job_delete},
};
/* clang-format on */

const cd_http_route *cd_api_routes(size_t *n)
{
    *n = sizeof routes / sizeof routes[0];
    return routes;
}
