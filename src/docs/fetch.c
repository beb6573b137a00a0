/* fetch.c - cd_docs_fetch_url: one checked, pinned GET per redirect hop.
 *
 * Why resolve here instead of letting curl do it: the address must be
 * checked before connecting, and the connection must go to the address
 * that was checked (CURLOPT_RESOLVE pins it), or a DNS answer that changes
 * between check and connect (rebinding) would reach an internal service. */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "base/buf.h"
#include "docs/extract.h"
#include "docs/fetch.h"

static pthread_once_t global_once = PTHREAD_ONCE_INIT;

static void global_init(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

void cd_docs_fetch_global_init(void)
{
    pthread_once(&global_once, global_init);
}

static bool v4_blocked(uint32_t a, const char **why)
{
    static const struct {
        uint32_t net, mask;
        const char *why;
    } nets[] = {
        {0x00000000, 0xff000000, "unspecified"},    /* 0/8 */
        {0x0a000000, 0xff000000, "private"},        /* 10/8 */
        {0x64400000, 0xffc00000, "shared (CGNAT)"}, /* 100.64/10 */
        {0x7f000000, 0xff000000, "loopback"},       /* 127/8 */
        {0xa9fe0000, 0xffff0000, "link-local"},     /* 169.254/16 */
        {0xac100000, 0xfff00000, "private"},        /* 172.16/12 */
        {0xc0000000, 0xffffff00, "reserved"},       /* 192.0.0/24 */
        {0xc0000200, 0xffffff00, "reserved"},       /* 192.0.2/24 TEST-NET-1 */
        {0xc0a80000, 0xffff0000, "private"},        /* 192.168/16 */
        {0xc6120000, 0xfffe0000, "reserved"},       /* 198.18/15 benchmarking */
        {0xc6336400, 0xffffff00, "reserved"},       /* 198.51.100/24 TEST-NET-2 */
        {0xcb007100, 0xffffff00, "reserved"},       /* 203.0.113/24 TEST-NET-3 */
        {0xe0000000, 0xf0000000, "multicast"},      /* 224/4 */
        {0xf0000000, 0xf0000000, "reserved"},       /* 240/4 incl. broadcast */
    };
    for (size_t i = 0; i < sizeof(nets) / sizeof(nets[0]); i++)
        if ((a & nets[i].mask) == nets[i].net) {
            if (why)
                *why = nets[i].why;
            return true;
        }
    return false;
}

static uint32_t v4_at(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool v6_blocked(const unsigned char *a, const char **why)
{
    static const unsigned char zero[16] = {0};
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    static const unsigned char nat64[12] = {0, 0x64, 0xff, 0x9b};
    const char *w = NULL;
    if (memcmp(a, zero, 15) == 0 && (a[15] == 0 || a[15] == 1))
        w = a[15] ? "loopback" : "unspecified";
    else if (memcmp(a, mapped, 12) == 0 || memcmp(a, nat64, 12) == 0)
        return v4_blocked(v4_at(a + 12), why); /* ::ffff:a.b.c.d, 64:ff9b::a.b.c.d */
    else if (memcmp(a, zero, 12) == 0)
        w = "reserved"; /* deprecated IPv4-compatible ::a.b.c.d */
    else if (a[0] == 0x20 && a[1] == 0x02)
        return v4_blocked(v4_at(a + 2), why); /* 6to4 2002:AABB:CCDD:: */
    else if ((a[0] & 0xfe) == 0xfc)
        w = "private"; /* fc00::/7 unique local */
    else if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
        w = "link-local";
    else if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)
        w = "private"; /* fec0::/10 site-local */
    else if (a[0] == 0xff)
        w = "multicast";
    else if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8)
        w = "reserved"; /* 2001:db8::/32 documentation */
    else if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0 && a[3] == 0)
        w = "reserved"; /* 2001::/32 Teredo tunnels to anywhere */
    if (w && why)
        *why = w;
    return w != NULL;
}

bool cd_docs_addr_blocked(const char *numeric, const char **why)
{
    unsigned char a[16];
    if (inet_pton(AF_INET, numeric, a) == 1)
        return v4_blocked(v4_at(a), why);
    if (inet_pton(AF_INET6, numeric, a) == 1)
        return v6_blocked(a, why);
    if (why)
        *why = "not an IP address";
    return true;
}

typedef struct sink {
    cd_buf buf;
    bool too_big;
} sink;

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
    sink *s = ud;
    size_t bytes = size * n;
    if (cd_buf_append(&s->buf, p, bytes) != 0) {
        s->too_big = true;
        return 0; /* aborts the transfer with CURLE_WRITE_ERROR */
    }
    return bytes;
}

static void fmt_size(char *out, size_t cap, size_t bytes)
{
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        snprintf(out, cap, "%zu MiB", bytes / (1024 * 1024));
    else if (bytes >= 1024 && bytes % 1024 == 0)
        snprintf(out, cap, "%zu KiB", bytes / 1024);
    else
        snprintf(out, cap, "%zu bytes", bytes);
}

static void fmt_secs(char *out, size_t cap, long ms)
{
    if (ms % 1000 == 0)
        snprintf(out, cap, "%ld s", ms / 1000);
    else
        snprintf(out, cap, "%.1f s", (double)ms / 1000.0);
}

/* The URL's parts, checked: scheme, host (brackets stripped), port. */
typedef struct target {
    char scheme[8];
    char host[256];
    long port;
    char addr[INET6_ADDRSTRLEN];
    bool v6;
} target;

static int parse_url(const char *url, target *tg, cd_err *err)
{
    memset(tg, 0, sizeof(*tg));
    if (strlen(url) > CD_DOCS_FETCH_MAX_URL)
        return cd_err_set(err, CD_EINVAL, "url", "URL longer than %d characters",
                          CD_DOCS_FETCH_MAX_URL);
    CURLU *u = curl_url();
    if (!u)
        return cd_err_set(err, CD_EINTERNAL, "url", "out of memory");
    char *scheme = NULL, *host = NULL, *port = NULL;
    int rc = 0;
    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
        rc = cd_err_set(err, CD_EINVAL, "url", "not a valid absolute URL");
        goto out;
    }
    if (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0) {
        rc = cd_err_set(err, CD_EINVAL, "url", "scheme %.20s not allowed (only http and https)",
                        scheme);
        goto out;
    }
    if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
        rc = cd_err_set(err, CD_EINVAL, "url", "the URL has no host");
        goto out;
    }
    snprintf(tg->scheme, sizeof(tg->scheme), "%s", scheme);
    size_t hl = strlen(host);
    if (hl >= sizeof(tg->host) || hl == 0) {
        rc = cd_err_set(err, CD_EINVAL, "url", "bad host name");
        goto out;
    }
    if (host[0] == '[' && host[hl - 1] == ']') {
        memcpy(tg->host, host + 1, hl - 2);
        tg->host[hl - 2] = 0;
    } else {
        memcpy(tg->host, host, hl + 1);
    }
    if (curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK) {
        rc = cd_err_set(err, CD_EINVAL, "url", "bad port");
        goto out;
    }
    tg->port = strtol(port, NULL, 10);
out:
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
    return rc;
}

/* Resolves the host; every address must pass (a name with one public and
 * one private address is refused, or curl could pick either). */
static int resolve_checked(target *tg, bool allow_private, cd_err *err)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
    struct addrinfo *res = NULL;
    int g = getaddrinfo(tg->host, NULL, &hints, &res);
    if (g != 0 || !res)
        return cd_err_set(err, CD_EUNAVAILABLE, "url", "cannot resolve host %.100s: %s", tg->host,
                          gai_strerror(g));
    int rc = 0;
    tg->addr[0] = 0;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        char num[INET6_ADDRSTRLEN];
        const void *src = ai->ai_family == AF_INET
                              ? (const void *)&((struct sockaddr_in *)ai->ai_addr)->sin_addr
                              : (const void *)&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr;
        if ((ai->ai_family != AF_INET && ai->ai_family != AF_INET6) ||
            !inet_ntop(ai->ai_family, src, num, sizeof(num)))
            continue;
        const char *why = NULL;
        if (!allow_private && cd_docs_addr_blocked(num, &why)) {
            rc = cd_err_set(err, CD_EINVAL, "url", "address %s is %s", num, why);
            break;
        }
        if (!tg->addr[0]) {
            snprintf(tg->addr, sizeof(tg->addr), "%s", num);
            tg->v6 = ai->ai_family == AF_INET6;
        }
    }
    freeaddrinfo(res);
    if (!rc && !tg->addr[0])
        rc = cd_err_set(err, CD_EUNAVAILABLE, "url", "host %.100s has no usable address", tg->host);
    return rc;
}

int cd_docs_fetch_url(const char *url, const cd_docs_fetch_opts *opts, char **body, size_t *len,
                      char *content_type, size_t ct_cap, cd_err *err)
{
    cd_docs_fetch_opts o = opts ? *opts : (cd_docs_fetch_opts){0};
    long timeout_ms = o.timeout_ms > 0 ? o.timeout_ms : CD_DOCS_FETCH_TIMEOUT_MS;
    size_t max_bytes = o.max_bytes ? o.max_bytes : CD_DOCS_FETCH_MAX_BYTES;
    *body = NULL;
    *len = 0;
    if (content_type && ct_cap)
        content_type[0] = 0;
    if (!url)
        return cd_err_set(err, CD_EINVAL, "url", "no URL");
    cd_docs_fetch_global_init();

    char cur[CD_DOCS_FETCH_MAX_URL + 1];
    snprintf(cur, sizeof(cur), "%s", url);
    struct curl_slist *pin = NULL;
    CURL *c = NULL;
    sink s;
    cd_buf_init(&s.buf, max_bytes);
    s.too_big = false;
    int rc = 0;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);

    for (int hop = 0;; hop++) {
        if (hop > CD_DOCS_FETCH_MAX_REDIRECTS) {
            rc = cd_err_set(err, CD_EUNAVAILABLE, "url", "more than %d redirects",
                            CD_DOCS_FETCH_MAX_REDIRECTS);
            break;
        }
        target tg;
        if ((rc = parse_url(cur, &tg, err)) != 0)
            break;
        bool allow = hop == 0 ? o.allow_private : o.allow_private_redirects;
        if ((rc = resolve_checked(&tg, allow, err)) != 0)
            break;
        struct timespec t1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        long spent = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
        long left = timeout_ms - spent;
        if (left <= 0) {
            char secs[32];
            fmt_secs(secs, sizeof(secs), timeout_ms);
            rc = cd_err_set(err, CD_ETIMEOUT, "url", "timed out after %s", secs);
            break;
        }
        char pin_line[512];
        snprintf(pin_line, sizeof(pin_line), "%s:%ld:%s%s%s", tg.host, tg.port, tg.v6 ? "[" : "",
                 tg.addr, tg.v6 ? "]" : "");
        curl_slist_free_all(pin);
        /* a numeric host is connected to as written: nothing to pin */
        unsigned char probe[16];
        bool numeric =
            inet_pton(AF_INET, tg.host, probe) == 1 || inet_pton(AF_INET6, tg.host, probe) == 1;
        pin = numeric ? NULL : curl_slist_append(NULL, pin_line);
        if (c)
            curl_easy_cleanup(c);
        c = curl_easy_init();
        if (!c || (!pin && !numeric)) {
            rc = cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
            break;
        }
        cd_buf_reset(&s.buf);
        curl_easy_setopt(c, CURLOPT_URL, cur);
        curl_easy_setopt(c, CURLOPT_RESOLVE, pin);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(c, CURLOPT_PROXY, ""); /* no proxy from the environment */
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, left);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, left);
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, (long)CD_DOCS_FETCH_LOW_SPEED_BPS);
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, (long)CD_DOCS_FETCH_LOW_SPEED_S);
        curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max_bytes);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
        curl_easy_setopt(c, CURLOPT_USERAGENT, "Candor/0.1 (job description fetch)");
        curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* gzip etc.; cap applies decoded */
        CURLcode cc = curl_easy_perform(c);
        if (cc != CURLE_OK) {
            char cap[32], secs[32];
            fmt_size(cap, sizeof(cap), max_bytes);
            fmt_secs(secs, sizeof(secs), timeout_ms);
            if (s.too_big || cc == CURLE_FILESIZE_EXCEEDED)
                rc = cd_err_set(err, CD_ETOOBIG, "url", "response larger than %s", cap);
            else if (cc == CURLE_OPERATION_TIMEDOUT) {
                clock_gettime(CLOCK_MONOTONIC, &t1);
                spent = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
                if (spent + 50 < timeout_ms)
                    rc = cd_err_set(err, CD_ETIMEOUT, "url",
                                    "the server sent less than %d bytes/s for %d s",
                                    CD_DOCS_FETCH_LOW_SPEED_BPS, CD_DOCS_FETCH_LOW_SPEED_S);
                else
                    rc = cd_err_set(err, CD_ETIMEOUT, "url", "timed out after %s", secs);
            } else
                rc = cd_err_set(err, CD_EUNAVAILABLE, "url", "fetching %.100s failed: %s", tg.host,
                                curl_easy_strerror(cc));
            break;
        }
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        if (status >= 300 && status < 400) {
            char *loc = NULL;
            curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc);
            if (!loc || !*loc) {
                rc = cd_err_set(err, CD_EUNAVAILABLE, "url",
                                "redirect (HTTP %ld) without a "
                                "Location",
                                status);
                break;
            }
            if (strlen(loc) > CD_DOCS_FETCH_MAX_URL) {
                rc = cd_err_set(err, CD_EINVAL, "url", "redirect URL too long");
                break;
            }
            snprintf(cur, sizeof(cur), "%s", loc);
            continue;
        }
        if (status < 200 || status >= 300) {
            rc = cd_err_set(err, CD_EUNAVAILABLE, "url", "the server answered HTTP %ld", status);
            break;
        }
        char *ct = NULL;
        curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
        if (content_type && ct_cap)
            snprintf(content_type, ct_cap, "%s", ct ? ct : "");
        break;
    }
    if (c)
        curl_easy_cleanup(c);
    curl_slist_free_all(pin);
    if (rc) {
        cd_buf_free(&s.buf);
        return rc;
    }
    if (!s.buf.data && cd_buf_append(&s.buf, "", 0) != 0) {
        cd_buf_free(&s.buf);
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    }
    *body = cd_buf_steal(&s.buf, len);
    return 0;
}

int cd_docs_fetch_text(const char *url, const cd_docs_fetch_opts *opts, cd_docs_text *out,
                       cd_err *err)
{
    memset(out, 0, sizeof(*out));
    char *body = NULL, ct[128];
    size_t len = 0;
    int rc = cd_docs_fetch_url(url, opts, &body, &len, ct, sizeof(ct), err);
    if (rc)
        return rc;
    /* The bytes decide (a PDF served as text/html is still a PDF); an
     * HTML page without a doctype is still HTML when the server says so. */
    if (cd_docs_sniff(body, len, NULL) == CD_DOCS_UNKNOWN ||
        cd_docs_sniff(body, len, NULL) == CD_DOCS_TEXT)
        rc = strncasecmp(ct, "text/html", 9) == 0 ? cd_docs_html_extract(body, len, out, err)
                                                  : cd_docs_extract(body, len, out, err);
    else
        rc = cd_docs_extract(body, len, out, err);
    free(body);
    return rc;
}
