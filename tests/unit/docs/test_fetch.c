/* test_fetch.c - the JD URL fetcher against a loopback HTTP server run by
 * the test: a page, redirects (to loopback: refused unless allowed), a
 * redirect loop, a response over the size cap, a response that never
 * ends, HTTP errors; and the address and scheme rules without a network. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "docs/fetch.h"

static int listen_fd = -1;
static int port;
static pthread_t server;
static atomic_bool stopping;

static void send_all(int fd, const char *s, size_t n)
{
    while (n) {
        ssize_t w = send(fd, s, n, MSG_NOSIGNAL);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static void respond(int fd, const char *path)
{
    char head[512];
    if (!strcmp(path, "/ok")) {
        const char body[] = "<html><h1>Senior Go Engineer</h1></html>";
        int n = snprintf(head, sizeof(head),
                         "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                         "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                         strlen(body), body);
        send_all(fd, head, (size_t)n);
    } else if (!strcmp(path, "/fragment")) {
        /* HTML without a doctype or <html>: the Content-Type says what it is */
        const char r[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 41\r\n"
                         "Connection: close\r\n\r\n<h2>Requirements</h2><ul><li>Go</li></ul>";
        send_all(fd, r, sizeof(r) - 1);
    } else if (!strcmp(path, "/redirect")) {
        int n = snprintf(head, sizeof(head),
                         "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:%d/ok\r\n"
                         "Content-Length: 0\r\nConnection: close\r\n\r\n",
                         port);
        send_all(fd, head, (size_t)n);
    } else if (!strcmp(path, "/relative")) {
        const char r[] = "HTTP/1.1 301 Moved\r\nLocation: /ok\r\nContent-Length: 0\r\n"
                         "Connection: close\r\n\r\n";
        send_all(fd, r, sizeof(r) - 1);
    } else if (!strcmp(path, "/loop")) {
        const char r[] = "HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n"
                         "Connection: close\r\n\r\n";
        send_all(fd, r, sizeof(r) - 1);
    } else if (!strcmp(path, "/to-metadata")) {
        const char r[] = "HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/latest/\r\n"
                         "Content-Length: 0\r\nConnection: close\r\n\r\n";
        send_all(fd, r, sizeof(r) - 1);
    } else if (!strcmp(path, "/big")) {
        /* 3 MiB with no Content-Length: the cap must hold while receiving */
        const char h[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n";
        send_all(fd, h, sizeof(h) - 1);
        static char chunk[64 * 1024];
        memset(chunk, 'a', sizeof(chunk));
        for (int i = 0; i < 48; i++)
            send_all(fd, chunk, sizeof(chunk));
    } else if (!strcmp(path, "/never-ends")) {
        /* headers and a trickle, then nothing: only the timeout ends it */
        const char h[] = "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n"
                         "partial";
        send_all(fd, h, sizeof(h) - 1);
        for (int i = 0; i < 100 && !atomic_load(&stopping); i++) {
            struct timespec ts = {0, 100 * 1000 * 1000};
            nanosleep(&ts, NULL);
            char probe;
            if (recv(fd, &probe, 1, MSG_DONTWAIT) == 0)
                break; /* the client hung up */
        }
    } else {
        const char r[] = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        send_all(fd, r, sizeof(r) - 1);
    }
}

static void *serve(void *arg)
{
    (void)arg;
    while (!atomic_load(&stopping)) {
        int fd = accept(listen_fd, NULL, NULL);
        if (fd < 0)
            break;
        char req[2048];
        size_t n = 0;
        while (n < sizeof(req) - 1) {
            ssize_t r = recv(fd, req + n, sizeof(req) - 1 - n, 0);
            if (r <= 0)
                break;
            n += (size_t)r;
            req[n] = 0;
            if (strstr(req, "\r\n\r\n"))
                break;
        }
        req[n] = 0;
        char path[256] = "";
        sscanf(req, "GET %255s", path);
        respond(fd, path);
        close(fd);
    }
    return NULL;
}

static int start(void **state)
{
    (void)state;
    cd_docs_fetch_global_init();
    listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t al = sizeof(a);
    if (bind(listen_fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(listen_fd, 8) != 0 ||
        getsockname(listen_fd, (struct sockaddr *)&a, &al) != 0)
        return -1;
    port = ntohs(a.sin_port);
    return pthread_create(&server, NULL, serve, NULL);
}

static int stop(void **state)
{
    (void)state;
    atomic_store(&stopping, true);
    shutdown(listen_fd, SHUT_RDWR);
    close(listen_fd);
    pthread_join(server, NULL);
    return 0;
}

static int fetch(const char *path, const cd_docs_fetch_opts *o, char **body, size_t *len, char *ct,
                 cd_err *err)
{
    char url[128];
    snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", port, path);
    return cd_docs_fetch_url(url, o, body, len, ct, 64, err);
}

static void test_page_and_redirects(void **state)
{
    (void)state;
    cd_docs_fetch_opts first_only = {.allow_private = true};
    cd_docs_fetch_opts all = {.allow_private = true, .allow_private_redirects = true};
    char *body = NULL, ct[64];
    size_t len = 0;
    cd_err err = {0};
    assert_int_equal(fetch("/ok", &first_only, &body, &len, ct, &err), 0);
    assert_non_null(strstr(body, "Senior Go Engineer"));
    assert_int_equal(len, strlen(body));
    assert_string_equal(ct, "text/html; charset=utf-8");
    free(body);

    /* a redirect is followed (relative too) when its target is allowed */
    assert_int_equal(fetch("/redirect", &all, &body, &len, ct, &err), 0);
    assert_non_null(strstr(body, "Senior Go Engineer"));
    free(body);
    assert_int_equal(fetch("/relative", &all, &body, &len, ct, &err), 0);
    free(body);

    /* ...and refused when the hop lands on loopback and only the first URL
     * was allowed to */
    assert_int_equal(fetch("/redirect", &first_only, &body, &len, ct, &err), CD_EINVAL);
    assert_null(body);
    assert_string_equal(err.msg, "address 127.0.0.1 is loopback");
    assert_int_equal(fetch("/to-metadata", &first_only, &body, &len, ct, &err), CD_EINVAL);
    assert_string_equal(err.msg, "address 169.254.169.254 is link-local");

    assert_int_not_equal(fetch("/loop", &all, &body, &len, ct, &err), 0);
    assert_non_null(strstr(err.msg, "more than 5 redirects"));
    assert_int_equal(fetch("/missing", &all, &body, &len, ct, &err), CD_EUNAVAILABLE);
    assert_non_null(strstr(err.msg, "HTTP 404"));
    assert_null(body);
}

static void test_text_of_a_page(void **state)
{
    (void)state;
    cd_docs_fetch_opts o = {.allow_private = true};
    char url[128];
    cd_docs_text t;
    cd_err err = {0};
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/ok", port);
    assert_int_equal(cd_docs_fetch_text(url, &o, &t, &err), 0);
    assert_int_equal(t.format, CD_DOCS_HTML);
    assert_non_null(strstr(t.text, "Senior Go Engineer"));
    assert_null(strstr(t.text, "<h1>"));
    cd_docs_text_free(&t);
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/fragment", port);
    assert_int_equal(cd_docs_fetch_text(url, &o, &t, &err), 0);
    assert_non_null(strstr(t.text, "Requirements"));
    assert_null(strstr(t.text, "<li>"));
    cd_docs_text_free(&t);
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/missing", port);
    assert_int_equal(cd_docs_fetch_text(url, &o, &t, &err), CD_EUNAVAILABLE);
}

static void test_size_cap_and_timeout(void **state)
{
    (void)state;
    char *body = NULL, ct[64];
    size_t len = 0;
    cd_err err = {0};
    cd_docs_fetch_opts o = {.allow_private = true};
    assert_int_equal(fetch("/big", &o, &body, &len, ct, &err), CD_ETOOBIG);
    assert_string_equal(err.msg, "response larger than 2 MiB");
    assert_null(body);

    o.timeout_ms = 1000;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(fetch("/never-ends", &o, &body, &len, ct, &err), CD_ETIMEOUT);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_string_equal(err.msg, "timed out after 1 s");
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_true(s >= 0.9 && s < 3.0);
    assert_null(body);
}

static void test_refused_before_connecting(void **state)
{
    (void)state;
    char *body = NULL, ct[64];
    size_t len = 0;
    cd_err err = {0};
    assert_int_equal(cd_docs_fetch_url("ftp://example.com/jd.txt", NULL, &body, &len, ct, 64, &err),
                     CD_EINVAL);
    assert_non_null(strstr(err.msg, "scheme ftp not allowed"));
    assert_int_equal(cd_docs_fetch_url("file:///etc/passwd", NULL, &body, &len, ct, 64, &err),
                     CD_EINVAL);
    assert_non_null(strstr(err.msg, "scheme file not allowed"));
    assert_int_equal(cd_docs_fetch_url("not a url", NULL, &body, &len, ct, 64, &err), CD_EINVAL);
    assert_int_equal(cd_docs_fetch_url("http://10.0.0.1/jobs/1", NULL, &body, &len, ct, 64, &err),
                     CD_EINVAL);
    assert_string_equal(err.msg, "address 10.0.0.1 is private");
    assert_int_equal(
        cd_docs_fetch_url("http://[::ffff:127.0.0.1]:8080/", NULL, &body, &len, ct, 64, &err),
        CD_EINVAL);
    assert_string_equal(err.msg, "address ::ffff:127.0.0.1 is loopback");
    char url[64];
    snprintf(url, sizeof(url), "http://localhost:%d/ok", port);
    assert_int_equal(cd_docs_fetch_url(url, NULL, &body, &len, ct, 64, &err), CD_EINVAL);
    assert_non_null(strstr(err.msg, "is loopback"));
    assert_null(body);
}

static void test_address_rules(void **state)
{
    (void)state;
    const char *blocked[] = {"127.0.0.1",
                             "10.1.2.3",
                             "172.16.0.1",
                             "172.31.255.255",
                             "192.168.1.1",
                             "100.64.0.1",
                             "169.254.169.254",
                             "0.0.0.0",
                             "224.0.0.1",
                             "255.255.255.255",
                             "::1",
                             "::",
                             "fe80::1",
                             "fd12:3456::1",
                             "ff02::1",
                             "::ffff:10.0.0.1",
                             "64:ff9b::a00:1",
                             "2002:7f00:1::",
                             "2001:db8::1"};
    for (size_t i = 0; i < sizeof(blocked) / sizeof(blocked[0]); i++)
        if (!cd_docs_addr_blocked(blocked[i], NULL))
            fail_msg("%s should be refused", blocked[i]);
    const char *fine[] = {"8.8.8.8",         "172.32.0.1",     "100.128.0.1",
                          "2606:4700::1111", "::ffff:1.1.1.1", "64:ff9b::808:808"};
    for (size_t i = 0; i < sizeof(fine) / sizeof(fine[0]); i++)
        if (cd_docs_addr_blocked(fine[i], NULL))
            fail_msg("%s should be allowed", fine[i]);
    const char *why = NULL;
    assert_true(cd_docs_addr_blocked("100.100.1.1", &why));
    assert_non_null(strstr(why, "CGNAT"));
    assert_true(cd_docs_addr_blocked("example.com", NULL)); /* not numeric */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_and_redirects),
        cmocka_unit_test(test_text_of_a_page),
        cmocka_unit_test(test_size_cap_and_timeout),
        cmocka_unit_test(test_refused_before_connecting),
        cmocka_unit_test(test_address_rules),
    };
    return cmocka_run_group_tests(tests, start, stop);
}
