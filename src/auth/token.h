/* token.h - short-lived HS256 access tokens (JWT).
 *
 * Issued with libjwt; verified here with an explicit algorithm check and a
 * constant-time MAC comparison (libsodium), so `alg: none`, HS384/512, RS256
 * and the like are refused before any key is used. Claims:
 *   iss "candor", sub "<user id>", role, iat, exp, jti (32 hex chars).
 *
 * Stateless and thread-safe. The secret belongs to the caller and must be at
 * least CD_TOKEN_SECRET_MIN bytes of randomness. Issued strings are malloc'd:
 * the caller frees them. */
#ifndef CANDOR_AUTH_TOKEN_H
#define CANDOR_AUTH_TOKEN_H

#include <stddef.h>
#include "base/err.h"

#define CD_ACCESS_TTL_S 900
#define CD_TOKEN_SECRET_MIN 32 /* bytes */
#define CD_TOKEN_MAX_LEN 4096  /* longer strings are refused unparsed */
#define CD_TOKEN_CLOCK_SKEW_S 60
#define CD_TOKEN_ISSUER "candor"

typedef struct cd_access_claims {
    long long user_id;
    char role[16];
    long long iat, exp;
    char jti[33];
} cd_access_claims;

/* CD_EINVAL for a short secret, user_id <= 0, unknown role or ttl_s <= 0;
 * CD_EINTERNAL if libjwt fails. */
int cd_token_issue(const unsigned char *secret, size_t secret_len, long long user_id,
                   const char *role, long long now, int ttl_s, char **out /* malloc'd */,
                   cd_err *err);
/* CD_EAUTH (field "token") with a precise message for: malformed, bad
 * signature, alg other than HS256 (incl. none), expired, not yet valid (iat in
 * the future beyond 60 s skew), missing or ill-typed claims, unknown role.
 * *out is only written on success. */
int cd_token_verify(const unsigned char *secret, size_t secret_len, const char *token,
                    long long now, cd_access_claims *out, cd_err *err);

#endif
