/* static.c - serves the built web UI (web/dist) with a strict CSP. Unknown
 * paths without a file extension get index.html so the single-page app's
 * own router can handle them. Never serves anything outside web_dir. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "http/internal.h"

/* Sent with every response, API and static alike. */
const char cd_http_security_headers[] =
    "content-security-policy: default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'\r\n"
    "x-content-type-options: nosniff\r\n"
    "referrer-policy: no-referrer\r\n"
    "x-frame-options: DENY\r\n";

static const char *mime_for(const char *path)
{
    static const struct {
        const char *ext, *mime;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
        {".map", "application/json"},
    };
    const char *dot = strrchr(path, '.');
    if (dot && !strchr(dot, '/'))
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (strcmp(dot, types[i].ext) == 0)
                return types[i].mime;
    return "application/octet-stream";
}

static bool is_regular(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Appends "name: value\r\n" lines from `lines` as lws headers. */
static int add_header_lines(struct lws *wsi, const char *lines, unsigned char **p,
                            unsigned char *end)
{
    const char *l = lines;
    while (*l) {
        const char *colon = strchr(l, ':'), *eol = strstr(l, "\r\n");
        if (!colon || !eol || colon > eol)
            return -1;
        char name[64];
        size_t nlen = (size_t)(colon - l) + 1;
        if (nlen >= sizeof name)
            return -1;
        memcpy(name, l, nlen);
        name[nlen] = 0;
        const char *v = colon + 1;
        while (*v == ' ')
            v++;
        if (lws_add_http_header_by_name(wsi, (const unsigned char *)name, (const unsigned char *)v,
                                        (int)(eol - v), p, end))
            return -1;
        l = eol + 2;
    }
    return 0;
}

int http_reply_status(struct lws *wsi, unsigned status, const char *msg)
{
    /* The connection stays usable (keep-alive) only if the transaction is
     * marked complete after the status page is written. */
    if (lws_return_http_status(wsi, status, msg))
        return -1;
    return lws_http_transaction_completed(wsi) ? -1 : 0;
}

int static_serve(cd_http_server *s, struct lws *wsi, const char *path)
{
    char file[PATH_MAX + 64];
    bool traversal = strstr(path, "..") != NULL || path[0] != '/';
    const char *last = strrchr(path, '/');
    bool has_ext = last && strchr(last, '.') != NULL;
    int status = 200;
    if (!s->web_dir_real[0] || traversal) {
        status = traversal ? 400 : 404;
        file[0] = 0;
    } else {
        snprintf(file, sizeof file, "%s%s%s", s->web_dir_real, path,
                 path[strlen(path) - 1] == '/' ? "index.html" : "");
        if (!is_regular(file)) {
            if (has_ext)
                status = 404;
            else
                snprintf(file, sizeof file, "%s/index.html", s->web_dir_real);
        }
    }
    if (status != 200 || !is_regular(file)) {
        if (status == 200)
            status = 404;
        return http_reply_status(wsi, (unsigned)status, status == 404 ? "Not found" : "Bad path");
    }
    unsigned char hdr[2048], *p = hdr, *end = hdr + sizeof hdr;
    bool hashed_asset = strncmp(path, "/assets/", 8) == 0;
    const char *cache = hashed_asset ? "cache-control: public, max-age=31536000, immutable\r\n"
                                     : "cache-control: no-cache\r\n";
    if (add_header_lines(wsi, cd_http_security_headers, &p, end) ||
        add_header_lines(wsi, cache, &p, end))
        return -1;
    int n = lws_serve_http_file(wsi, file, mime_for(file), (const char *)hdr, (int)(p - hdr));
    if (n < 0)
        return -1;
    if (n > 0 && lws_http_transaction_completed(wsi))
        return -1;
    return 0;
}
