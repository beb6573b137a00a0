#include "base/json.h"

#include <string.h>

json_t *cd_json_parse_object(const char *data, size_t len, size_t max_len, cd_err *err)
{
    if (len > max_len) {
        cd_err_set(err, CD_ETOOBIG, "", "body is %zu bytes, over the %zu byte limit", len, max_len);
        return NULL;
    }
    if (len == 0) {
        cd_err_set(err, CD_EINVAL, "", "body is empty; a JSON object is required");
        return NULL;
    }
    json_error_t je;
    json_t *v = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    if (!v) {
        cd_err_set(err, CD_EINVAL, "", "malformed JSON at line %d column %d: %s", je.line,
                   je.column, je.text);
        return NULL;
    }
    if (!json_is_object(v)) {
        json_decref(v);
        cd_err_set(err, CD_EINVAL, "", "body must be a JSON object");
        return NULL;
    }
    return v;
}

int cd_json_only_fields(json_t *obj, const char *const *allowed, cd_err *err)
{
    const char *key;
    json_t *val;
    json_object_foreach(obj, key, val)
    {
        (void)val;
        bool ok = false;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, key) == 0) {
                ok = true;
                break;
            }
        if (!ok)
            return cd_err_set(err, CD_EINVAL, key, "unknown field '%.64s'", key);
    }
    return 0;
}

int cd_json_str(json_t *obj, const char *key, bool required, size_t min_len, size_t max_len,
                const char **out, cd_err *err)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v)) {
        if (required)
            return cd_err_set(err, CD_EINVAL, key, "'%s' is required", key);
        return 0;
    }
    if (!json_is_string(v))
        return cd_err_set(err, CD_EINVAL, key, "'%s' must be a string", key);
    size_t n = json_string_length(v);
    const char *s = json_string_value(v);
    if (strlen(s) != n)
        return cd_err_set(err, CD_EINVAL, key, "'%s' must not contain NUL characters", key);
    if (n < min_len)
        return cd_err_set(err, CD_EINVAL, key, "'%s' must be at least %zu characters", key,
                          min_len);
    if (n > max_len)
        return cd_err_set(err, CD_EINVAL, key, "'%s' must be at most %zu characters", key, max_len);
    *out = s;
    return 0;
}

int cd_json_int(json_t *obj, const char *key, bool required, long long min, long long max,
                long long *out, cd_err *err)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v)) {
        if (required)
            return cd_err_set(err, CD_EINVAL, key, "'%s' is required", key);
        return 0;
    }
    if (!json_is_integer(v))
        return cd_err_set(err, CD_EINVAL, key, "'%s' must be an integer", key);
    long long n = json_integer_value(v);
    if (n < min || n > max)
        return cd_err_set(err, CD_EINVAL, key, "'%s' must be between %lld and %lld", key, min, max);
    *out = n;
    return 0;
}

int cd_json_bool(json_t *obj, const char *key, bool required, bool *out, cd_err *err)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v)) {
        if (required)
            return cd_err_set(err, CD_EINVAL, key, "'%s' is required", key);
        return 0;
    }
    if (!json_is_boolean(v))
        return cd_err_set(err, CD_EINVAL, key, "'%s' must be true or false", key);
    *out = json_is_true(v);
    return 0;
}

int cd_json_enum(json_t *obj, const char *key, bool required, const char *const *choices,
                 const char **out, cd_err *err)
{
    const char *s = NULL;
    int rc = cd_json_str(obj, key, required, 1, 64, &s, err);
    if (rc || !s)
        return rc;
    for (const char *const *c = choices; *c; c++)
        if (strcmp(*c, s) == 0) {
            *out = *c;
            return 0;
        }
    char list[200] = "";
    for (const char *const *c = choices; *c; c++) {
        if (list[0])
            strncat(list, ", ", sizeof list - strlen(list) - 1);
        strncat(list, *c, sizeof list - strlen(list) - 1);
    }
    return cd_err_set(err, CD_EINVAL, key, "'%s' must be one of: %s", key, list);
}

char *cd_json_dump(const json_t *v)
{
    return json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII);
}
