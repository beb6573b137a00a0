/* helper_llm_server.c - scripted loopback HTTP server (see the header). */
#include "helper_llm_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define SRV_MAX_REPLIES 16
#define SRV_MAX_REQUESTS 32
#define SRV_MAX_REQUEST_BYTES (1024 * 1024)

struct llm_srv {
    int fd;
    char url[64];
    pthread_t thread;
    pthread_mutex_t lock;
    _Atomic int stop;
    llm_srv_reply script[SRV_MAX_REPLIES];
    size_t n_script;
    int served;
    char *requests[SRV_MAX_REQUESTS];
};

/* Sleeps in short steps so that stopping the server is never slow. */
static void nap_ms(llm_srv *s, int ms)
{
    for (int slept = 0; slept < ms && !s->stop; slept += 10) {
        struct timespec ts = {0, 10 * 1000000L};
        nanosleep(&ts, NULL);
    }
}

/* Waits for input on fd for up to ms, returning early when stopping. */
static int wait_in(llm_srv *s, int fd, int ms)
{
    for (int waited = 0; waited < ms && !s->stop; waited += 20) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int r = poll(&p, 1, 20);
        if (r != 0)
            return r;
    }
    return 0;
}

static char *read_request(llm_srv *s, int fd)
{
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    long want = -1;
    while (buf && len < SRV_MAX_REQUEST_BYTES) {
        if (want >= 0 && len >= (size_t)want)
            break;
        if (wait_in(s, fd, 5000) <= 0)
            break;
        if (len + 2048 > cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb)
                break;
            buf = nb;
            cap *= 2;
        }
        ssize_t r = recv(fd, buf + len, cap - len - 1, 0);
        if (r <= 0)
            break;
        len += (size_t)r;
        buf[len] = 0;
        char *end = strstr(buf, "\r\n\r\n");
        if (end && want < 0) {
            long cl = 0;
            char *h = strcasestr(buf, "\r\ncontent-length:");
            if (h && h < end)
                cl = strtol(h + 17, NULL, 10);
            want = (long)(end + 4 - buf) + cl;
        }
    }
    if (buf)
        buf[len] = 0;
    return buf;
}

static void send_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

static void serve(llm_srv *s, int fd)
{
    char *req = read_request(s, fd);
    llm_srv_reply r = {.status = 500, .body = "{\"error\":{\"message\":\"script exhausted\"}}"};
    pthread_mutex_lock(&s->lock);
    if (s->served < SRV_MAX_REQUESTS)
        s->requests[s->served] = req;
    else
        free(req);
    if ((size_t)s->served < s->n_script)
        r = s->script[s->served];
    s->served++;
    pthread_mutex_unlock(&s->lock);
    if (r.hang) {
        /* Until the client hangs up (its timeout) or the test ends. */
        char tmp[256];
        while (wait_in(s, fd, 60000) > 0 && recv(fd, tmp, sizeof tmp, 0) > 0) {
        }
        return;
    }
    const char *body = r.body ? r.body : "";
    size_t blen = strlen(body);
    char head[1024];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %d Scripted\r\nConnection: close\r\nContent-Type: %s\r\n", r.status,
                     r.stream ? "text/event-stream" : "application/json");
    if (!r.stream)
        n += snprintf(head + n, sizeof head - (size_t)n, "Content-Length: %zu\r\n", blen);
    n += snprintf(head + n, sizeof head - (size_t)n, "%s\r\n", r.headers ? r.headers : "");
    send_all(fd, head, (size_t)n);
    size_t step = r.chunk ? r.chunk : blen;
    for (size_t off = 0; off < blen && !s->stop; off += step) {
        send_all(fd, body + off, off + step > blen ? blen - off : step);
        if (r.chunk_delay_ms)
            nap_ms(s, r.chunk_delay_ms);
    }
}

static void *run(void *arg)
{
    llm_srv *s = arg;
    while (!s->stop) {
        if (wait_in(s, s->fd, 100) <= 0)
            continue;
        int c = accept(s->fd, NULL, NULL);
        if (c < 0)
            continue;
        int one = 1;
        setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        serve(s, c);
        shutdown(c, SHUT_WR);
        close(c);
    }
    return NULL;
}

llm_srv *llm_srv_start(void)
{
    llm_srv *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t al = sizeof a;
    if (s->fd < 0 || bind(s->fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(s->fd, 16) != 0 ||
        getsockname(s->fd, (struct sockaddr *)&a, &al) != 0) {
        if (s->fd >= 0)
            close(s->fd);
        free(s);
        return NULL;
    }
    snprintf(s->url, sizeof s->url, "http://127.0.0.1:%d", ntohs(a.sin_port));
    pthread_mutex_init(&s->lock, NULL);
    if (pthread_create(&s->thread, NULL, run, s) != 0) {
        close(s->fd);
        pthread_mutex_destroy(&s->lock);
        free(s);
        return NULL;
    }
    return s;
}

void llm_srv_script(llm_srv *s, const llm_srv_reply *replies, size_t n)
{
    pthread_mutex_lock(&s->lock);
    s->n_script = n > SRV_MAX_REPLIES ? SRV_MAX_REPLIES : n;
    memcpy(s->script, replies, s->n_script * sizeof *replies);
    pthread_mutex_unlock(&s->lock);
}

const char *llm_srv_url(llm_srv *s)
{
    return s->url;
}

int llm_srv_requests(llm_srv *s)
{
    pthread_mutex_lock(&s->lock);
    int n = s->served;
    pthread_mutex_unlock(&s->lock);
    return n;
}

char *llm_srv_request(llm_srv *s, int n)
{
    char *r = NULL;
    pthread_mutex_lock(&s->lock);
    if (n >= 0 && n < s->served && n < SRV_MAX_REQUESTS && s->requests[n])
        r = strdup(s->requests[n]);
    pthread_mutex_unlock(&s->lock);
    return r;
}

void llm_srv_stop(llm_srv *s)
{
    if (!s)
        return;
    s->stop = 1;
    pthread_join(s->thread, NULL);
    close(s->fd);
    for (int i = 0; i < SRV_MAX_REQUESTS; i++)
        free(s->requests[i]);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
