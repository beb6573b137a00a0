/* fetch.h - GET a job description URL with libcurl, safely.
 *
 * http and https only. The host is resolved here and every address is
 * checked: private, loopback, link-local, multicast, unspecified, CGNAT,
 * reserved and documentation ranges (IPv4 and IPv6, v4-mapped and NAT64
 * included) are refused. The checked address is pinned with CURLOPT_RESOLVE
 * so DNS rebinding cannot swap it between check and connect. Redirects are
 * followed here, one hop at a time (at most CD_DOCS_FETCH_MAX_REDIRECTS),
 * each hop checked again. An overall timeout and a low-speed limit end a
 * response that never finishes; the size cap is enforced while receiving.
 *
 * allow_private (tests only) lets the FIRST URL be on a private/loopback
 * address; redirect targets are always checked, unless
 * allow_private_redirects is also set. That way a loopback test server can
 * show that a redirect to 127.0.0.1 is refused.
 *
 * On success *body is malloc'd (NUL-terminated, caller frees), *len set and
 * content_type copied (may be ""). Any thread may call (the worker pool
 * does); curl_global_init must have run once before threads start
 * (cd_docs_fetch_global_init does it and is idempotent). */
#ifndef CANDOR_DOCS_FETCH_H
#define CANDOR_DOCS_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "docs/extract.h"

#define CD_DOCS_FETCH_MAX_BYTES (2 * 1024 * 1024)
#define CD_DOCS_FETCH_TIMEOUT_MS 10000
#define CD_DOCS_FETCH_MAX_REDIRECTS 5
/* A response slower than this many bytes/s for CD_DOCS_FETCH_LOW_SPEED_S ends. */
#define CD_DOCS_FETCH_LOW_SPEED_BPS 100
#define CD_DOCS_FETCH_LOW_SPEED_S 5
#define CD_DOCS_FETCH_MAX_URL 2048

typedef struct cd_docs_fetch_opts {
    long timeout_ms;              /* 0 = CD_DOCS_FETCH_TIMEOUT_MS */
    size_t max_bytes;             /* 0 = CD_DOCS_FETCH_MAX_BYTES */
    bool allow_private;           /* tests only: the first URL may be loopback/private */
    bool allow_private_redirects; /* tests only: redirect targets too */
} cd_docs_fetch_opts;

void cd_docs_fetch_global_init(void);

/* Errors name the problem: "address 10.0.0.1 is private", "response larger
 * than 2 MiB", "timed out after 10 s", "scheme ftp not allowed". Codes:
 * CD_EINVAL (bad URL, scheme, refused address), CD_ETOOBIG, CD_ETIMEOUT,
 * CD_EUNAVAILABLE (connect failed, HTTP status >= 400). opts may be NULL. */
int cd_docs_fetch_url(const char *url, const cd_docs_fetch_opts *opts, char **body, size_t *len,
                      char *content_type, size_t ct_cap, cd_err *err);

/* Fetches the URL and extracts its text like an upload (HTML reduced to
 * text, PDF and DOCX read, plain text checked as UTF-8): how a job
 * description URL becomes text. The caller frees out with
 * cd_docs_text_free(). Errors are those of both steps. */
int cd_docs_fetch_text(const char *url, const cd_docs_fetch_opts *opts, cd_docs_text *out,
                       cd_err *err);

/* Whether an address (numeric, v4 or v6) is one fetching must refuse;
 * `why` (may be NULL) gets "private", "loopback", ... */
bool cd_docs_addr_blocked(const char *numeric, const char **why);

#endif
