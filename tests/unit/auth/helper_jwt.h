/* helper_jwt.h - test-only token forging and a loopback HTTP server.
 *
 * Forging uses OpenSSL directly (not the code under test), so a token the
 * library accepts was signed independently. Everything returned is malloc'd
 * (free()) or freed by the matching *_free/_stop. */
#ifndef CANDOR_TEST_AUTH_HELPER_JWT_H
#define CANDOR_TEST_AUTH_HELPER_JWT_H

#include <openssl/evp.h>
#include <stddef.h>

char *th_b64url(const void *data, size_t n);
/* "b64(header).b64(payload).sig_b64" (sig_b64 may be ""). */
char *th_jws(const char *header_json, const char *payload_json, const char *sig_b64);
char *th_hs256(const char *header_json, const char *payload_json, const unsigned char *key,
               size_t key_len);
EVP_PKEY *th_rsa_generate(int bits);
/* Public key as PEM (for the "HS256 with the public key as secret" attack). */
char *th_rsa_public_pem(EVP_PKEY *key);
/* {"keys":[{"kty":"RSA","kid":..,"use":"sig","alg":"RS256","n":..,"e":..}, ...]} */
char *th_jwks_json(EVP_PKEY *const *keys, const char *const *kids, size_t n);
char *th_rs256(EVP_PKEY *key, const char *header_json, const char *payload_json);

/* A tiny HTTP/1.0 server on 127.0.0.1, one connection at a time. */
typedef struct th_route {
    const char *path;
    int status;
    const char *headers; /* extra header lines, each ending "\r\n", or NULL */
    const char *body;
    size_t body_len;
    int delay_ms; /* before answering */
} th_route;
typedef struct th_httpd th_httpd;
th_httpd *th_httpd_start(const th_route *routes, size_t n);
int th_httpd_port(const th_httpd *s);
void th_httpd_stop(th_httpd *s);

#endif
