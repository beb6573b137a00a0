/* Questions and answers shared by the evaluator, follow-up and summary tests
 * (wording in the style of data/questions). Header-only data. */
#ifndef TEST_EVALUATE_QUESTIONS_H
#define TEST_EVALUATE_QUESTIONS_H

#include "interview/question.h"

static const char *const REST_POINTS[] = {
    "resources identified by URLs and manipulated with HTTP methods GET, POST, PUT, PATCH, DELETE",
    "statelessness: each request carries what the server needs",
    "meaningful status codes such as 200, 201, 400, 404 and 500",
    "representations such as JSON, and cacheable responses",
    "consistent naming, pagination and versioning",
};
static const char *const REST_KEYWORDS[] = {"rest",      "resource",    "http method",
                                            "stateless", "status code", "idempotent",
                                            "json",      "pagination"};
static const cd_follow_up REST_FOLLOW_UPS[] = {
    {"Which status code would you return after creating a resource, and after a validation "
     "error?",
     "missing_point", 2},
    {"What does stateless mean for how you handle sessions?", "missing_point", 1},
};
static const cd_question_spec REST_Q = {
    "be-001",
    "backend",
    "easy",
    "technical",
    "What makes an API RESTful? Walk me through the main principles.",
    REST_POINTS,
    5,
    REST_KEYWORDS,
    8,
    REST_FOLLOW_UPS,
    2,
};

static const char *const INDEX_POINTS[] = {
    "indexes speed up reads by avoiding full table scans, usually with a B-tree",
    "every index slows down writes: inserts and updates must maintain it",
    "indexes use extra disk space and memory",
    "composite index column order matters for which queries can use it",
};
static const char *const INDEX_KEYWORDS[] = {"b-tree", "full table scan", "composite index",
                                             "write",  "selectivity",     "explain"};
static const cd_question_spec INDEX_Q = {
    "be-010",
    "backend",
    "medium",
    "technical",
    "What are the trade-offs of adding a database index?",
    INDEX_POINTS,
    4,
    INDEX_KEYWORDS,
    6,
    NULL,
    0,
};

static const char *const INCIDENT_POINTS[] = {
    "situation: the alert, the impact on users",
    "their own role and the steps to mitigate first, then diagnose",
    "communication with the team and stakeholders during the incident",
    "result: time to recovery and root cause",
    "the postmortem and follow-up actions they owned",
};
static const char *const INCIDENT_KEYWORDS[] = {"incident",        "on call",    "mitigation",
                                                "root cause",      "postmortem", "rollback",
                                                "time to recovery"};
static const cd_follow_up INCIDENT_FOLLOW_UPS[] = {
    {"How long did the outage last, and what was the final impact?", "no_result", -1},
    {"What changed afterwards so it would not happen again?", "missing_point", 4},
};
static const cd_question_spec INCIDENT_Q = {
    "be-035",
    "backend",
    "medium",
    "behavioural",
    "Tell me about a production incident you were on call for. What did you do?",
    INCIDENT_POINTS,
    5,
    INCIDENT_KEYWORDS,
    7,
    INCIDENT_FOLLOW_UPS,
    2,
};

static const char REST_GOOD[] =
    "A RESTful API models the domain as resources, each identified by a URL like /users/42, and "
    "you manipulate them with the HTTP methods: GET to read, POST to create, PUT or PATCH to "
    "update and DELETE to remove. It is stateless: every request carries everything the server "
    "needs, such as the auth token, so any server instance can handle it. Responses use "
    "meaningful status codes, for example 201 Created after a POST, 400 for a validation error "
    "and 404 when the resource does not exist. Representations are usually JSON, and GET "
    "responses can be cached with ETag headers. I keep naming consistent with plural nouns, add "
    "pagination for lists and version the API under /v1. In my last project I built a Flask REST "
    "API this way and the mobile team used it without asking me a single question.";

static const char REST_PARTIAL[] =
    "REST means you expose resources at URLs and use HTTP methods like GET and POST on them. "
    "The server should also return proper status codes, 404 if something is missing or 500 on "
    "an error.";

static const char REST_HEDGY[] =
    "I think REST is basically like, you know, a way to make APIs and stuff. Maybe it uses "
    "HTTP and things like that, etc. I'm not sure, probably it is kind of about URLs I guess.";

static const char REST_OFF_TOPIC[] =
    "I really enjoy playing football with my friends on weekends. I am a hard working person "
    "who loves to learn new things every day and I get along with everyone.";

static const char INCIDENT_GOOD[] =
    "Last year I was on call for our payments service when an alert fired: checkout errors "
    "jumped to 30% and customers could not pay. My task was to restore service first and find "
    "the root cause later. I rolled back the deploy from an hour earlier, which stopped the "
    "errors within ten minutes, and I posted updates in the incident channel every 15 minutes "
    "so support could tell customers what was going on. Then I traced the failures to a "
    "connection pool limit that the new release had lowered. As a result we recovered in 12 "
    "minutes, and in the postmortem I added an alert on pool saturation and a load test to the "
    "release pipeline; we have not had the same outage since.";

static const char INCIDENT_NO_RESULT[] =
    "At my previous job there was an incident where the website was down during a sale. "
    "My task was to help the team. I checked the logs and I restarted the servers and talked "
    "to my manager about what was going on with the database and the servers.";

#endif
