/* refresh.h - opaque refresh tokens and their rotation policy.
 *
 * A refresh token is 32 random bytes, base64url without padding. Only its
 * SHA-256 (hex) is stored, so a leaked database does not yield usable tokens.
 * Tokens belong to a family (one login); each refresh rotates: the presented
 * token is marked replaced and a new one of the same family is issued. A
 * replaced token presented again means it was stolen (or replayed), so the
 * whole family is revoked: cd_refresh_check() says CD_REFRESH_REUSED.
 *
 * The store keeps the records; this module only decides. Stateless and
 * thread-safe (randomness from libsodium). */
#ifndef CANDOR_AUTH_REFRESH_H
#define CANDOR_AUTH_REFRESH_H

#include <stdbool.h>
#include "base/err.h"

#define CD_REFRESH_TOKEN_LEN 43 /* base64url of 32 random bytes, no padding */
#define CD_REFRESH_TTL_S (30LL * 24 * 3600)

void cd_refresh_token_new(char out[CD_REFRESH_TOKEN_LEN + 1]);
/* hex SHA-256 of the token, for storage and lookup */
void cd_refresh_token_hash(const char *token, char out_hex[65]);
/* True when `token` has the shape cd_refresh_token_new() produces; lets the
 * API refuse junk before touching the store. */
bool cd_refresh_token_well_formed(const char *token);
void cd_random_id(char out_hex[33]); /* 16 random bytes as hex: jti, token family ids */

/* What the store knows about a presented token (looked up by its hash). */
typedef struct cd_refresh_record {
    bool found;
    long long expires_at;  /* unix seconds */
    long long revoked_at;  /* 0 = not revoked (logout, family revocation) */
    long long replaced_at; /* 0 = not yet rotated */
} cd_refresh_record;

typedef enum cd_refresh_verdict {
    CD_REFRESH_OK = 0,  /* rotate: mark replaced, issue a new token in the family */
    CD_REFRESH_UNKNOWN, /* no such token */
    CD_REFRESH_EXPIRED,
    CD_REFRESH_REVOKED,
    CD_REFRESH_REUSED, /* already rotated: revoke the whole family */
} cd_refresh_verdict;

/* Every verdict other than OK also sets CD_EAUTH (field "refresh_token"). */
cd_refresh_verdict cd_refresh_check(const cd_refresh_record *rec, long long now, cd_err *err);

#endif
