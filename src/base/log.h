/* log.h - structured logs: one JSON object per line on stderr.
 *
 *   cd_log(CD_LOG_INFO, "http.request", "\"route\":%s,\"status\":%d", ...)
 *
 * The third argument is a printf format producing extra JSON members (without
 * braces) or NULL. String values must be JSON-escaped by the caller with
 * cd_log_str() into a caller buffer. Thread-safe: each line is written with a
 * single write(2). Never log secrets (passwords, tokens, API keys). */
#ifndef CANDOR_BASE_LOG_H
#define CANDOR_BASE_LOG_H

#include <stddef.h>

typedef enum { CD_LOG_DEBUG, CD_LOG_INFO, CD_LOG_WARN, CD_LOG_ERROR } cd_log_level;

void cd_log_set_level(cd_log_level min);
void cd_log(cd_log_level level, const char *event, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Writes `s` as a quoted, escaped JSON string into out (truncating safely);
 * returns out. */
const char *cd_log_str(char *out, size_t outsz, const char *s);

#endif
