/* helper_jwt.c - see helper_jwt.h. */
#include "helper_jwt.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

char *th_b64url(const void *data, size_t n)
{
    static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const unsigned char *p = data;
    char *out = malloc(n / 3 * 4 + 5);
    size_t o = 0, i = 0;
    for (; i + 2 < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
        out[o++] = tbl[v >> 18];
        out[o++] = tbl[(v >> 12) & 63];
        out[o++] = tbl[(v >> 6) & 63];
        out[o++] = tbl[v & 63];
    }
    if (n - i == 1) {
        unsigned v = (unsigned)p[i] << 16;
        out[o++] = tbl[v >> 18];
        out[o++] = tbl[(v >> 12) & 63];
    } else if (n - i == 2) {
        unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8;
        out[o++] = tbl[v >> 18];
        out[o++] = tbl[(v >> 12) & 63];
        out[o++] = tbl[(v >> 6) & 63];
    }
    out[o] = '\0';
    return out;
}

char *th_jws(const char *header_json, const char *payload_json, const char *sig_b64)
{
    char *h = th_b64url(header_json, strlen(header_json));
    char *p = th_b64url(payload_json, strlen(payload_json));
    size_t n = strlen(h) + strlen(p) + strlen(sig_b64) + 3;
    char *out = malloc(n);
    snprintf(out, n, "%s.%s.%s", h, p, sig_b64);
    free(h);
    free(p);
    return out;
}

char *th_hs256(const char *header_json, const char *payload_json, const unsigned char *key,
               size_t key_len)
{
    char *unsigned_tok = th_jws(header_json, payload_json, "");
    size_t input_len = strlen(unsigned_tok) - 1; /* without the trailing '.' */
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned mac_len = 0;
    HMAC(EVP_sha256(), key, (int)key_len, (const unsigned char *)unsigned_tok, input_len, mac,
         &mac_len);
    char *sig = th_b64url(mac, mac_len);
    size_t n = strlen(unsigned_tok) + strlen(sig) + 1;
    char *out = malloc(n);
    snprintf(out, n, "%s%s", unsigned_tok, sig);
    free(unsigned_tok);
    free(sig);
    return out;
}

EVP_PKEY *th_rsa_generate(int bits)
{
    return EVP_RSA_gen((unsigned)bits);
}

char *th_rsa_public_pem(EVP_PKEY *key)
{
    BIO *b = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(b, key);
    char *data;
    long n = BIO_get_mem_data(b, &data);
    char *out = malloc((size_t)n + 1);
    memcpy(out, data, (size_t)n);
    out[n] = '\0';
    BIO_free(b);
    return out;
}

static char *bn_b64url(EVP_PKEY *key, const char *name)
{
    BIGNUM *bn = NULL;
    EVP_PKEY_get_bn_param(key, name, &bn);
    int n = BN_num_bytes(bn);
    unsigned char *raw = malloc((size_t)n);
    BN_bn2bin(bn, raw);
    char *out = th_b64url(raw, (size_t)n);
    free(raw);
    BN_free(bn);
    return out;
}

char *th_jwks_json(EVP_PKEY *const *keys, const char *const *kids, size_t n)
{
    size_t cap = 256 + n * 2048, len = 0;
    char *out = malloc(cap);
    len += (size_t)snprintf(out + len, cap - len, "{\"keys\":[");
    for (size_t i = 0; i < n; i++) {
        char *nn = bn_b64url(keys[i], OSSL_PKEY_PARAM_RSA_N);
        char *ee = bn_b64url(keys[i], OSSL_PKEY_PARAM_RSA_E);
        len +=
            (size_t)snprintf(out + len, cap - len,
                             "%s{\"kty\":\"RSA\",\"kid\":\"%s\",\"use\":\"sig\",\"alg\":\"RS256\","
                             "\"n\":\"%s\",\"e\":\"%s\"}",
                             i ? "," : "", kids[i], nn, ee);
        free(nn);
        free(ee);
    }
    snprintf(out + len, cap - len, "]}");
    return out;
}

char *th_rs256(EVP_PKEY *key, const char *header_json, const char *payload_json)
{
    char *unsigned_tok = th_jws(header_json, payload_json, "");
    size_t input_len = strlen(unsigned_tok) - 1;
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    size_t sig_len = 0;
    EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, key);
    EVP_DigestSign(md, NULL, &sig_len, (const unsigned char *)unsigned_tok, input_len);
    unsigned char *sig = malloc(sig_len);
    EVP_DigestSign(md, sig, &sig_len, (const unsigned char *)unsigned_tok, input_len);
    EVP_MD_CTX_free(md);
    char *sig64 = th_b64url(sig, sig_len);
    free(sig);
    size_t n = strlen(unsigned_tok) + strlen(sig64) + 1;
    char *out = malloc(n);
    snprintf(out, n, "%s%s", unsigned_tok, sig64);
    free(unsigned_tok);
    free(sig64);
    return out;
}

/* ---- loopback HTTP server -------------------------------------------------- */

struct th_httpd {
    int fd, port;
    const th_route *routes;
    size_t n;
    volatile bool stop;
    pthread_t thread;
};

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

static void serve_one(th_httpd *s, int c)
{
    char req[4096];
    size_t len = 0;
    while (len < sizeof req - 1) {
        ssize_t r = recv(c, req + len, sizeof req - 1 - len, 0);
        if (r <= 0)
            break;
        len += (size_t)r;
        req[len] = '\0';
        if (strstr(req, "\r\n\r\n"))
            break;
    }
    req[len] = '\0';
    char path[1024] = "";
    sscanf(req, "GET %1023s", path);
    const th_route *route = NULL;
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->routes[i].path, path) == 0)
            route = &s->routes[i];
    char head[1024];
    if (!route) {
        const char *body = "not found";
        int hn =
            snprintf(head, sizeof head,
                     "HTTP/1.0 404 Not Found\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
                     strlen(body));
        send_all(c, head, (size_t)hn);
        send_all(c, body, strlen(body));
        return;
    }
    if (route->delay_ms > 0) {
        struct timespec ts = {route->delay_ms / 1000, (route->delay_ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    int hn = snprintf(head, sizeof head,
                      "HTTP/1.0 %d X\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
                      "%sConnection: close\r\n\r\n",
                      route->status, route->body_len, route->headers ? route->headers : "");
    send_all(c, head, (size_t)hn);
    send_all(c, route->body, route->body_len);
}

static void *httpd_main(void *arg)
{
    th_httpd *s = arg;
    while (!s->stop) {
        int c = accept(s->fd, NULL, NULL);
        if (c < 0)
            break;
        serve_one(s, c);
        shutdown(c, SHUT_WR);
        close(c);
    }
    return NULL;
}

th_httpd *th_httpd_start(const th_route *routes, size_t n)
{
    th_httpd *s = calloc(1, sizeof *s);
    s->routes = routes;
    s->n = n;
    s->fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t al = sizeof a;
    if (bind(s->fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(s->fd, 8) != 0 ||
        getsockname(s->fd, (struct sockaddr *)&a, &al) != 0) {
        close(s->fd);
        free(s);
        return NULL;
    }
    s->port = ntohs(a.sin_port);
    pthread_create(&s->thread, NULL, httpd_main, s);
    return s;
}

int th_httpd_port(const th_httpd *s)
{
    return s->port;
}

void th_httpd_stop(th_httpd *s)
{
    if (!s)
        return;
    s->stop = true;
    shutdown(s->fd, SHUT_RDWR); /* wakes accept() */
    pthread_join(s->thread, NULL);
    close(s->fd);
    free(s);
}
