/* test_remote.c - the OpenAI-compatible transcription client against a
 * loopback server speaking that protocol: success, retries after a 500,
 * malformed JSON, a rejected key, and a server that hangs (timeout). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "audio/remote.h"
#include "base/fs.h"

typedef enum {
    SERVE_OK,
    SERVE_500_THEN_OK,
    SERVE_MALFORMED,
    SERVE_401,
    SERVE_HANG,
    SERVE_SEGMENTS
} serve_mode;

typedef struct server {
    int fd, port;
    serve_mode mode;
    int requests;
    char last_request[8192]; /* headers + start of the body */
    pthread_t thread;
    volatile int stop;
} server;

static const char OK_BODY[] =
    "{\"task\":\"transcribe\",\"language\":\"english\",\"duration\":1.0,"
    "\"text\":\" Hello, world.\",\"words\":[{\"word\":\" Hello,\",\"start\":0.1,\"end\":0.4},"
    "{\"word\":\"world.\",\"start\":0.5,\"end\":0.9,\"probability\":0.8}]}";
static const char SEG_BODY[] =
    "{\"text\":\"I like it\",\"segments\":[{\"start\":0,\"end\":1,\"words\":"
    "[{\"word\":\"I\",\"start\":0.0,\"end\":0.2},{\"word\":\"like\",\"start\":0.2,\"end\":0.5}]},"
    "{\"start\":1,\"end\":2,\"words\":[{\"word\":\"it\",\"start\":1.0,\"end\":1.2}]}]}";

static void respond(int c, int status, const char *body)
{
    char head[256];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
                     "Connection: close\r\n\r\n",
                     status, strlen(body));
    if (write(c, head, (size_t)n) < 0 || write(c, body, strlen(body)) < 0)
        return;
}

/* Reads one request: headers, then Content-Length bytes of body. */
static void read_request(server *s, int c)
{
    static char buf[65536];
    buf[0] = '\0';
    size_t got = 0, need = 0;
    for (;;) {
        ssize_t r = read(c, buf + got, sizeof buf - 1 - got);
        if (r <= 0)
            break;
        got += (size_t)r;
        buf[got] = '\0';
        char *end = strstr(buf, "\r\n\r\n");
        if (end && !need) {
            char *cl = strcasestr(buf, "Content-Length:");
            need = (size_t)(end + 4 - buf) + (cl ? strtoul(cl + 15, NULL, 10) : 0);
        }
        if (need && got >= need)
            break;
        if (got >= sizeof buf - 1)
            got = 0; /* keep reading a large body, keep the headers copy */
    }
    if (s->requests == 0 || s->last_request[0] == '\0')
        memcpy(s->last_request, buf,
               got < sizeof s->last_request ? got + 1 : sizeof s->last_request - 1);
}

static void *serve(void *arg)
{
    server *s = arg;
    while (!s->stop) {
        int c = accept(s->fd, NULL, NULL);
        if (c < 0)
            break;
        s->last_request[0] = '\0';
        read_request(s, c);
        int n = s->requests++;
        switch (s->mode) {
        case SERVE_OK:
            respond(c, 200, OK_BODY);
            break;
        case SERVE_SEGMENTS:
            respond(c, 200, SEG_BODY);
            break;
        case SERVE_500_THEN_OK:
            respond(c, n == 0 ? 500 : 200, n == 0 ? "{}" : OK_BODY);
            break;
        case SERVE_MALFORMED:
            respond(c, 200, "{\"text\": \"unterminated");
            break;
        case SERVE_401:
            respond(c, 401, "{\"error\":\"bad key\"}");
            break;
        case SERVE_HANG:
            sleep(2);
            break;
        }
        close(c);
    }
    return NULL;
}

static void server_start(server *s, serve_mode mode)
{
    memset(s, 0, sizeof *s);
    s->mode = mode;
    s->fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(s->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    assert_int_equal(bind(s->fd, (struct sockaddr *)&a, sizeof a), 0);
    socklen_t len = sizeof a;
    getsockname(s->fd, (struct sockaddr *)&a, &len);
    s->port = ntohs(a.sin_port);
    assert_int_equal(listen(s->fd, 8), 0);
    pthread_create(&s->thread, NULL, serve, s);
}

static void server_stop(server *s)
{
    s->stop = 1;
    shutdown(s->fd, SHUT_RDWR);
    close(s->fd);
    pthread_join(s->thread, NULL);
}

static void cfg_for(const server *s, cd_audio_remote_cfg *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->url, sizeof cfg->url, "http://127.0.0.1:%d/", s->port);
    snprintf(cfg->api_key, sizeof cfg->api_key, "sk-test");
    cfg->timeout_ms = 500;
    cfg->retries = 2;
    cfg->backoff_ms = 10;
}

static float pcm[16000];

static void test_words_and_protocol(void **state)
{
    (void)state;
    server s;
    server_start(&s, SERVE_OK);
    cd_audio_remote_cfg cfg;
    cfg_for(&s, &cfg);
    cd_audio_words w = {0};
    cd_err err = {0};
    assert_int_equal(cd_audio_remote_transcribe(&cfg, pcm, 16000, "Tell me about Python", &w, &err),
                     0);
    server_stop(&s);
    assert_int_equal(w.n, 2);
    assert_string_equal(w.v[0].text, "hello"); /* punctuation and case removed */
    assert_float_equal(w.v[0].start, 0.1, 1e-9);
    assert_float_equal(w.v[1].end, 0.9, 1e-9);
    assert_float_equal(w.v[1].conf, 0.8, 1e-6);
    const char *req = s.last_request;
    assert_non_null(strstr(req, "POST /v1/audio/transcriptions HTTP/1.1"));
    assert_non_null(strstr(req, "Authorization: Bearer sk-test"));
    assert_non_null(strstr(req, "multipart/form-data"));
    cd_audio_words_free(&w);
}

static void test_segment_words(void **state)
{
    (void)state;
    server s;
    server_start(&s, SERVE_SEGMENTS);
    cd_audio_remote_cfg cfg;
    cfg_for(&s, &cfg);
    cd_audio_words w = {0};
    assert_int_equal(cd_audio_remote_transcribe(&cfg, pcm, 16000, NULL, &w, NULL), 0);
    server_stop(&s);
    assert_int_equal(w.n, 3);
    assert_string_equal(w.v[2].text, "it");
    cd_audio_words_free(&w);
}

static void test_retry_after_500(void **state)
{
    (void)state;
    server s;
    server_start(&s, SERVE_500_THEN_OK);
    cd_audio_remote_cfg cfg;
    cfg_for(&s, &cfg);
    cd_audio_words w = {0};
    cd_err err = {0};
    assert_int_equal(cd_audio_remote_transcribe(&cfg, pcm, 16000, NULL, &w, &err), 0);
    server_stop(&s);
    assert_int_equal(s.requests, 2);
    assert_int_equal(w.n, 2);
    cd_audio_words_free(&w);
}

static void test_malformed_and_auth(void **state)
{
    (void)state;
    server s;
    server_start(&s, SERVE_MALFORMED);
    cd_audio_remote_cfg cfg;
    cfg_for(&s, &cfg);
    cd_audio_words w = {0};
    cd_err err = {0};
    assert_int_equal(cd_audio_remote_transcribe(&cfg, pcm, 16000, NULL, &w, &err), CD_EUNAVAILABLE);
    assert_non_null(strstr(err.msg, "malformed"));
    assert_int_equal(w.n, 0);
    server_stop(&s);
    server_start(&s, SERVE_401);
    cfg_for(&s, &cfg);
    assert_int_equal(cd_audio_remote_transcribe(&cfg, pcm, 16000, NULL, &w, &err), CD_EAUTH);
    server_stop(&s);
    assert_int_equal(s.requests, 1);         /* a rejected key is not retried */
    assert_null(strstr(err.msg, "sk-test")); /* the key never appears in messages */
}

static void test_hang_times_out(void **state)
{
    (void)state;
    server s;
    server_start(&s, SERVE_HANG);
    cd_audio_remote_cfg cfg;
    cfg_for(&s, &cfg);
    cfg.retries = 1;
    cd_audio_words w = {0};
    cd_err err = {0};
    long long t0 = cd_now_ns();
    assert_int_equal(cd_audio_remote_transcribe(&cfg, pcm, 16000, NULL, &w, &err), CD_ETIMEOUT);
    double secs = (double)(cd_now_ns() - t0) / 1e9;
    server_stop(&s);
    /* Two tries of 0.5 s each (plus a 10 ms backoff), not the 2 s hang. */
    if (secs < 0.95 || secs > 1.8)
        fail_msg("gave up after %.2f s", secs);
}

static void test_bad_config(void **state)
{
    (void)state;
    cd_audio_remote_cfg cfg = {0};
    cd_audio_words w = {0};
    cd_err err = {0};
    assert_int_equal(cd_audio_remote_transcribe(&cfg, pcm, 10, NULL, &w, &err), CD_EINVAL);
    snprintf(cfg.url, sizeof cfg.url, "file:///etc/passwd");
    assert_int_equal(cd_audio_remote_transcribe(&cfg, pcm, 10, NULL, &w, &err), CD_EINVAL);
    size_t len = 0;
    unsigned char *wav = cd_audio_wav_encode(pcm, 100, &len);
    assert_int_equal(len, 44 + 200);
    assert_memory_equal(wav, "RIFF", 4);
    free(wav);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_and_protocol), cmocka_unit_test(test_segment_words),
        cmocka_unit_test(test_retry_after_500),    cmocka_unit_test(test_malformed_and_auth),
        cmocka_unit_test(test_hang_times_out),     cmocka_unit_test(test_bad_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
