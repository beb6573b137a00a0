/* bank.c - question validation shared by seeding and the API. */
#include "interview/bank.h"

#include <string.h>

#include "base/json.h"

const char *const cd_interview_roles[] = {"frontend", "backend", "fullstack", "ml", "dsa",
                                          "devops",   "mobile",  "hr",        NULL};
const char *const cd_interview_role_labels[] = {
    "Frontend", "Backend", "Full-stack",       "ML / Data", "Data structures & algorithms",
    "DevOps",   "Mobile",  "HR / Behavioural", NULL};
const char *const cd_question_roles[] = {"frontend", "backend", "fullstack", "ml",      "dsa",
                                         "devops",   "mobile",  "hr",        "general", NULL};
const char *const cd_difficulties[] = {"easy", "medium", "hard", NULL};
const char *const cd_question_types[] = {"technical", "behavioural", "hr", NULL};
const char *const cd_follow_up_triggers[] = {"missing_point", "no_example", "no_result", "shallow",
                                             NULL};

int cd_difficulty_rank(const char *d)
{
    for (int i = 0; cd_difficulties[i]; i++)
        if (d && strcmp(d, cd_difficulties[i]) == 0)
            return i;
    return -1;
}

static int string_array(json_t *q, const char *key, bool required, size_t min, size_t max,
                        size_t max_len, cd_err *err)
{
    json_t *a = json_object_get(q, key);
    if (!a) {
        if (required)
            return cd_err_set(err, CD_EINVAL, key, "'%s' is required", key);
        return 0;
    }
    if (!json_is_array(a))
        return cd_err_set(err, CD_EINVAL, key, "'%s' must be an array of strings", key);
    if (json_array_size(a) < min || json_array_size(a) > max)
        return cd_err_set(err, CD_EINVAL, key, "'%s' must have %zu to %zu entries", key, min, max);
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v)
    {
        char field[64];
        snprintf(field, sizeof field, "%s[%zu]", key, i);
        if (!json_is_string(v) || json_string_length(v) == 0)
            return cd_err_set(err, CD_EINVAL, field, "'%s' must be a non-empty string", field);
        if (json_string_length(v) > max_len)
            return cd_err_set(err, CD_EINVAL, field, "'%s' must be at most %zu characters", field,
                              max_len);
    }
    return 0;
}

static int follow_ups(json_t *q, cd_err *err)
{
    json_t *a = json_object_get(q, "follow_ups");
    if (!a)
        return 0;
    if (!json_is_array(a) || json_array_size(a) > CD_Q_FOLLOWUPS_MAX)
        return cd_err_set(err, CD_EINVAL, "follow_ups",
                          "'follow_ups' must be an array of at "
                          "most %d objects",
                          CD_Q_FOLLOWUPS_MAX);
    size_t npoints = json_array_size(json_object_get(q, "talking_points"));
    size_t i;
    json_t *f;
    json_array_foreach(a, i, f)
    {
        char field[64];
        snprintf(field, sizeof field, "follow_ups[%zu]", i);
        if (!json_is_object(f))
            return cd_err_set(err, CD_EINVAL, field, "'%s' must be an object", field);
        static const char *const allowed[] = {"text", "trigger", "point", NULL};
        cd_err e2;
        if (cd_json_only_fields(f, allowed, &e2))
            return cd_err_set(err, CD_EINVAL, field, "%s: %s", field, e2.msg);
        const char *s = NULL;
        long long point = -1;
        if (cd_json_str(f, "text", true, CD_Q_TEXT_MIN, CD_Q_TEXT_MAX, &s, &e2) ||
            cd_json_enum(f, "trigger", true, cd_follow_up_triggers, &s, &e2) ||
            cd_json_int(f, "point", false, 0, CD_Q_POINTS_MAX - 1, &point, &e2))
            return cd_err_set(err, CD_EINVAL, field, "%s: %s", field, e2.msg);
        if (strcmp(s, "missing_point") == 0 && (point < 0 || (size_t)point >= npoints))
            return cd_err_set(err, CD_EINVAL, field,
                              "%s: a missing_point follow-up needs 'point', an index into "
                              "talking_points",
                              field);
    }
    return 0;
}

int cd_bank_validate_question(json_t *q, bool curated, cd_err *err)
{
    if (!json_is_object(q))
        return cd_err_set(err, CD_EINVAL, "", "a question must be a JSON object");
    static const char *const api_fields[] = {"role",     "difficulty", "type",
                                             "tech",     "text",       "talking_points",
                                             "keywords", "follow_ups", NULL};
    static const char *const curated_fields[] = {"id",         "role", "difficulty",     "type",
                                                 "tech",       "text", "talking_points", "keywords",
                                                 "follow_ups", NULL};
    int rc = cd_json_only_fields(q, curated ? curated_fields : api_fields, err);
    if (rc)
        return rc;
    const char *s = NULL;
    if (curated && (rc = cd_json_str(q, "id", true, 1, 40, &s, err)))
        return rc;
    if ((rc = cd_json_enum(q, "role", true, cd_question_roles, &s, err)) ||
        (rc = cd_json_enum(q, "difficulty", true, cd_difficulties, &s, err)) ||
        (rc = cd_json_enum(q, "type", true, cd_question_types, &s, err)) ||
        (rc = cd_json_str(q, "text", true, CD_Q_TEXT_MIN, CD_Q_TEXT_MAX, &s, err)) ||
        (rc = string_array(q, "tech", false, 0, CD_Q_TECH_MAX, CD_Q_KEYWORD_LEN_MAX, err)) ||
        (rc = string_array(q, "talking_points", true, 1, CD_Q_POINTS_MAX, CD_Q_POINT_LEN_MAX,
                           err)) ||
        (rc =
             string_array(q, "keywords", false, 0, CD_Q_KEYWORDS_MAX, CD_Q_KEYWORD_LEN_MAX, err)) ||
        (rc = follow_ups(q, err)))
        return rc;
    return 0;
}
