/* err.h - errors as values.
 *
 * Every fallible libcandor function takes a `cd_err *` (may be NULL) and
 * returns a status. The error carries a category (which one place, the HTTP
 * layer, maps to a status code), the offending field if any, and a message
 * written for the person who sent the input. Nothing in libcandor aborts on
 * user input.
 *
 * Thread rules: a cd_err is owned by the caller; no shared state. */
#ifndef CANDOR_BASE_ERR_H
#define CANDOR_BASE_ERR_H

#include <stdarg.h>
#include <stdbool.h>

typedef enum cd_errcode {
    CD_OK = 0,
    CD_EINVAL,         /* malformed or invalid input (400) */
    CD_EAUTH,          /* not authenticated / bad credentials (401) */
    CD_EFORBIDDEN,     /* authenticated but not allowed (403) */
    CD_ENOTFOUND,      /* no such thing (404) */
    CD_EMETHOD,        /* method not allowed (405) */
    CD_ECONFLICT,      /* already exists / state conflict (409) */
    CD_ETOOBIG,        /* over an explicit size limit (413) */
    CD_EUNSUPPORTED,   /* unsupported media type / format (415) */
    CD_EUNPROCESSABLE, /* well-formed but semantically wrong (422) */
    CD_ERATE,          /* rate limited (429) */
    CD_EIO,            /* file or system I/O failed (500) */
    CD_EINTERNAL,      /* a bug or resource exhaustion (500) */
    CD_EUNAVAILABLE,   /* a dependency is down (503) */
    CD_ETIMEOUT,       /* a dependency timed out (504) */
} cd_errcode;

typedef struct cd_err {
    cd_errcode code;
    char field[64]; /* the input field at fault, "" if none */
    char msg[256];  /* human-readable, safe to show to the user */
} cd_err;

/* Sets *err (if err != NULL) and returns `code` so callers can write
 * `return cd_err_set(err, CD_EINVAL, "email", "must contain @");`. */
int cd_err_set(cd_err *err, cd_errcode code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int cd_err_setv(cd_err *err, cd_errcode code, const char *field, const char *fmt, va_list ap);
void cd_err_clear(cd_err *err);

/* Stable lowercase identifier of a code ("invalid_argument", ...), used as
 * the JSON error "code". */
const char *cd_errcode_name(cd_errcode code);
/* HTTP status for a code. */
int cd_errcode_http_status(cd_errcode code);

#endif
