#include "base/err.h"

#include <stdio.h>
#include <string.h>

int cd_err_setv(cd_err *err, cd_errcode code, const char *field, const char *fmt, va_list ap)
{
    if (err) {
        err->code = code;
        snprintf(err->field, sizeof err->field, "%s", field ? field : "");
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    }
    return (int)code;
}

int cd_err_set(cd_err *err, cd_errcode code, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cd_err_setv(err, code, field, fmt, ap);
    va_end(ap);
    return (int)code;
}

void cd_err_clear(cd_err *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

const char *cd_errcode_name(cd_errcode code)
{
    switch (code) {
    case CD_OK:
        return "ok";
    case CD_EINVAL:
        return "invalid_argument";
    case CD_EAUTH:
        return "unauthenticated";
    case CD_EFORBIDDEN:
        return "forbidden";
    case CD_ENOTFOUND:
        return "not_found";
    case CD_EMETHOD:
        return "method_not_allowed";
    case CD_ECONFLICT:
        return "conflict";
    case CD_ETOOBIG:
        return "payload_too_large";
    case CD_EUNSUPPORTED:
        return "unsupported_media_type";
    case CD_EUNPROCESSABLE:
        return "unprocessable";
    case CD_ERATE:
        return "rate_limited";
    case CD_EIO:
        return "io_error";
    case CD_EINTERNAL:
        return "internal";
    case CD_EUNAVAILABLE:
        return "unavailable";
    case CD_ETIMEOUT:
        return "timeout";
    }
    return "internal";
}

int cd_errcode_http_status(cd_errcode code)
{
    switch (code) {
    case CD_OK:
        return 200;
    case CD_EINVAL:
        return 400;
    case CD_EAUTH:
        return 401;
    case CD_EFORBIDDEN:
        return 403;
    case CD_ENOTFOUND:
        return 404;
    case CD_EMETHOD:
        return 405;
    case CD_ECONFLICT:
        return 409;
    case CD_ETOOBIG:
        return 413;
    case CD_EUNSUPPORTED:
        return 415;
    case CD_EUNPROCESSABLE:
        return 422;
    case CD_ERATE:
        return 429;
    case CD_EUNAVAILABLE:
        return 503;
    case CD_ETIMEOUT:
        return 504;
    case CD_EIO:
    case CD_EINTERNAL:
        return 500;
    }
    return 500;
}
