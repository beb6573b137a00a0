/* router.c - matches "METHOD /path" against the route table. Patterns are
 * literal segments and "{name}" captures; no regexes, no allocation. */
#include <stdio.h>
#include <string.h>

#include "http/internal.h"

/* Matches one pattern; captures into req when non-NULL. */
static bool pattern_match(const char *pat, const char *path, cd_http_request *req)
{
    int np = 0;
    while (*pat && *path) {
        if (*pat == '{') {
            const char *close = strchr(pat, '}');
            const char *seg_end = strchr(path, '/');
            size_t len = seg_end ? (size_t)(seg_end - path) : strlen(path);
            if (!close || len == 0 || len >= sizeof req->params[0] || np >= CD_HTTP_MAX_PARAMS)
                return false;
            if (req) {
                memcpy(req->params[np], path, len);
                req->params[np][len] = 0;
            }
            np++;
            pat = close + 1;
            path += len;
            continue;
        }
        if (*pat != *path)
            return false;
        pat++;
        path++;
    }
    /* Tolerate one trailing slash on the request. */
    if (*pat == 0 && path[0] == '/' && path[1] == 0)
        path++;
    if (*pat || *path)
        return false;
    if (req)
        req->nparams = np;
    return true;
}

int router_match(const cd_http_server *s, const char *method, const char *path,
                 cd_http_request *req, bool *path_matched)
{
    *path_matched = false;
    for (size_t i = 0; i < s->nroutes; i++) {
        const cd_http_route *r = &s->routes[i];
        if (!pattern_match(r->pattern, path, NULL))
            continue;
        if (strcmp(r->method, method) != 0) {
            *path_matched = true;
            continue;
        }
        pattern_match(r->pattern, path, req);
        req->route_data = r->data;
        req->route_name = r->pattern;
        return (int)i;
    }
    return -1;
}
