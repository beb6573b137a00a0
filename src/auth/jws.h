/* jws.h - internal: splitting and decoding compact JWS (header.payload.sig).
 *
 * Shared by token.c (HS256) and google.c (RS256). Parsing only: no algorithm
 * is trusted and no signature checked here. The JSON parts are parsed with
 * duplicate keys refused, so a verifier and a later reader can never see
 * different claims. Thread-safe; a cd_jws owns its JSON and is freed with
 * cd_jws_free(). */
#ifndef CANDOR_AUTH_JWS_H
#define CANDOR_AUTH_JWS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "base/err.h"

#define CD_JWS_SIG_MAX 1024 /* 8192-bit RSA */

typedef struct cd_jws {
    json_t *header;
    json_t *payload;
    const char *alg;           /* points into header */
    const char *signing_input; /* the token itself ... */
    size_t signing_input_len;  /* ... up to the second '.' */
    unsigned char sig[CD_JWS_SIG_MAX];
    size_t sig_len;
} cd_jws;

/* CD_EAUTH on `field` naming the problem: too long, not three parts, bad
 * base64url, not a JSON object, no alg, empty signature. */
int cd_jws_parse(const char *token, size_t max_len, const char *field, cd_jws *out, cd_err *err);
void cd_jws_free(cd_jws *j);

/* Strict base64url without padding (RFC 7515). Returns decoded length or -1. */
long cd_b64url_decode(const char *in, size_t in_len, unsigned char *out, size_t out_max);
/* Encodes into out (needs 4*ceil(n/3)+1 bytes); returns length. */
size_t cd_b64url_encode(const unsigned char *in, size_t n, char *out, size_t out_max);

#define CD_JWS_TIME_MAX 253402300799LL /* 9999-12-31T23:59:59Z */
/* Time claim accessor: false when absent, not an integer or outside [0, CD_JWS_TIME_MAX]. */
bool cd_jws_time_claim(json_t *payload, const char *name, long long *out);

/* libsodium must be initialised before use; idempotent and thread-safe. */
int cd_auth_sodium_init(cd_err *err);

#endif
