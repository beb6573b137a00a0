/* google.h - Google Sign-In: verification of ID tokens against a JWKS.
 *
 * A cd_jwks holds RSA public keys (OpenSSL EVP_PKEY) by `kid`. It is
 * immutable once built, so one set can be shared by all threads; to rotate,
 * build a new set and swap the pointer (free the old one when no thread uses
 * it). The caller owns what the constructors return.
 *
 * Verification is done here with OpenSSL (RS256 = RSASSA-PKCS1-v1_5 with
 * SHA-256), with the algorithm fixed by us, never taken from the token. */
#ifndef CANDOR_AUTH_GOOGLE_H
#define CANDOR_AUTH_GOOGLE_H

#include <stdbool.h>
#include <stddef.h>
#include "base/err.h"

#define CD_JWKS_MAX_BYTES (64 * 1024)
#define CD_JWKS_MAX_KEYS 32
#define CD_JWK_RSA_MIN_BITS 2048
#define CD_JWK_RSA_MAX_BITS 8192
#define CD_ID_TOKEN_MAX_LEN 8192
#define CD_GOOGLE_CLOCK_SKEW_S 60
#define CD_GOOGLE_JWKS_URL "https://www.googleapis.com/oauth2/v3/certs"

typedef struct cd_jwks cd_jwks; /* immutable once built; shareable across threads */

/* RSA keys (kty RSA, n, e, kid). Keys of another kty, or with `use` other
 * than "sig" or `alg` other than RS256, are skipped; a malformed RSA key, a
 * duplicate kid or a set with no usable key is an error (CD_EINVAL). */
cd_jwks *cd_jwks_parse(const char *json, size_t len, cd_err *err);
cd_jwks *cd_jwks_load_file(const char *path, cd_err *err);
/* libcurl GET; http(s) only (also for redirects, at most 3); body capped at
 * CD_JWKS_MAX_BYTES; HTTP status must be 200. CD_EINVAL for a bad URL or
 * scheme, CD_ETOOBIG, CD_ETIMEOUT, CD_EUNAVAILABLE for network/HTTP errors. */
cd_jwks *cd_jwks_fetch(const char *url, long timeout_ms, cd_err *err);
size_t cd_jwks_count(const cd_jwks *k);
bool cd_jwks_has_kid(const cd_jwks *k, const char *kid);
void cd_jwks_free(cd_jwks *k);

typedef struct cd_google_opts {
    const char *client_id;             /* required aud */
    const char *const *hosted_domains; /* allowed `hd` values; NULL/0 = any */
    size_t n_hosted_domains;
    long long now;
} cd_google_opts;

typedef struct cd_google_identity {
    char sub[256];
    char email[255]; /* normalised (lower-case) */
    char name[256];  /* "" when absent */
    char hd[256];    /* "" when absent */
} cd_google_identity;

/* Verifies RS256 signature with the key named by `kid`, iss in {accounts.google.com,
   https://accounts.google.com}, aud == client_id, exp > now (60 s skew), iat sane,
   email_verified true, hd allowed. CD_EAUTH (field "id_token") with precise
   messages; CD_EINVAL for missing options. *out is written only on success. */
int cd_google_verify(const cd_jwks *keys, const char *id_token, const cd_google_opts *o,
                     cd_google_identity *out, cd_err *err);

#endif
