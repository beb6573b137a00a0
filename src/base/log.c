#include "base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static cd_log_level g_min = CD_LOG_INFO;

void cd_log_set_level(cd_log_level min)
{
    g_min = min;
}

static const char *level_name(cd_log_level l)
{
    switch (l) {
    case CD_LOG_DEBUG:
        return "debug";
    case CD_LOG_INFO:
        return "info";
    case CD_LOG_WARN:
        return "warn";
    case CD_LOG_ERROR:
        return "error";
    }
    return "info";
}

void cd_log(cd_log_level level, const char *event, const char *fmt, ...)
{
    if (level < g_min)
        return;
    char line[2048];
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    int n = snprintf(
        line, sizeof line,
        "{\"ts\":\"%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ\",\"level\":\"%s\",\"event\":\"%s\"",
        tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
        ts.tv_nsec / 1000000, level_name(level), event);
    if (fmt && n > 0 && (size_t)n < sizeof line - 4) {
        line[n++] = ',';
        va_list ap;
        va_start(ap, fmt);
        int m = vsnprintf(line + n, sizeof line - (size_t)n - 3, fmt, ap);
        va_end(ap);
        if (m > 0)
            n += ((size_t)m < sizeof line - (size_t)n - 3) ? m : (int)(sizeof line - (size_t)n - 4);
    }
    if (n < 0 || (size_t)n > sizeof line - 3)
        n = (int)sizeof line - 3;
    line[n++] = '}';
    line[n++] = '\n';
    ssize_t w = write(STDERR_FILENO, line, (size_t)n);
    (void)w;
}

const char *cd_log_str(char *out, size_t outsz, const char *s)
{
    size_t o = 0;
    if (outsz < 3) {
        if (outsz)
            out[0] = 0;
        return out;
    }
    out[o++] = '"';
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && o + 8 < outsz; p++) {
        if (*p == '"' || *p == '\\') {
            out[o++] = '\\';
            out[o++] = (char)*p;
        } else if (*p < 0x20) {
            o += (size_t)snprintf(out + o, outsz - o, "\\u%04x", *p);
        } else {
            out[o++] = (char)*p;
        }
    }
    out[o++] = '"';
    out[o] = 0;
    return out;
}
