/* json.h - validation helpers over jansson for request bodies and data files.
 *
 * Each helper names the field at fault in the cd_err so the API can answer
 * { "error": { "code": "invalid_argument", "field": "email", ... } }.
 * Returned strings point into the json_t and live as long as it does.
 * Thread-safe (jansson objects must not be shared across threads unlocked). */
#ifndef CANDOR_BASE_JSON_H
#define CANDOR_BASE_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "base/err.h"

/* Parses a JSON object from bytes; rejects non-objects, depth/size abuse. */
json_t *cd_json_parse_object(const char *data, size_t len, size_t max_len, cd_err *err);
/* Fails with CD_EINVAL naming the first member of obj not in `allowed`
 * (NULL-terminated list). */
int cd_json_only_fields(json_t *obj, const char *const *allowed, cd_err *err);
/* Required/optional string with length bounds in bytes (UTF-8 checked by
 * jansson). *out is left untouched when optional and absent. */
int cd_json_str(json_t *obj, const char *key, bool required, size_t min_len, size_t max_len,
                const char **out, cd_err *err);
int cd_json_int(json_t *obj, const char *key, bool required, long long min, long long max,
                long long *out, cd_err *err);
int cd_json_bool(json_t *obj, const char *key, bool required, bool *out, cd_err *err);
/* String that must be one of `choices` (NULL-terminated). */
int cd_json_enum(json_t *obj, const char *key, bool required, const char *const *choices,
                 const char **out, cd_err *err);
/* Serialises compactly; caller frees. */
char *cd_json_dump(const json_t *v);

#endif
