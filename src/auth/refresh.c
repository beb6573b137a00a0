/* refresh.c - refresh token generation, hashing and the rotation verdict. */
#include "auth/refresh.h"

#include <sodium.h>
#include <string.h>

#include "auth/jws.h"

#define FIELD "refresh_token"

void cd_refresh_token_new(char out[CD_REFRESH_TOKEN_LEN + 1])
{
    unsigned char raw[32];
    (void)cd_auth_sodium_init(NULL);
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, CD_REFRESH_TOKEN_LEN + 1, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

void cd_refresh_token_hash(const char *token, char out_hex[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    const char *t = token ? token : "";
    (void)cd_auth_sodium_init(NULL);
    crypto_hash_sha256(h, (const unsigned char *)t, strlen(t));
    sodium_bin2hex(out_hex, 65, h, sizeof h);
}

bool cd_refresh_token_well_formed(const char *token)
{
    if (!token || strnlen(token, CD_REFRESH_TOKEN_LEN + 1) != CD_REFRESH_TOKEN_LEN)
        return false;
    unsigned char raw[33];
    return cd_b64url_decode(token, CD_REFRESH_TOKEN_LEN, raw, sizeof raw) == 32;
}

void cd_random_id(char out_hex[33])
{
    unsigned char raw[16];
    (void)cd_auth_sodium_init(NULL);
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out_hex, 33, raw, sizeof raw);
}

cd_refresh_verdict cd_refresh_check(const cd_refresh_record *rec, long long now, cd_err *err)
{
    if (!rec || !rec->found) {
        cd_err_set(err, CD_EAUTH, FIELD, "unknown refresh token");
        return CD_REFRESH_UNKNOWN;
    }
    /* Reuse is checked first: a rotated token replayed after it also expired
     * or was revoked is still evidence of theft, and the family must die. */
    if (rec->replaced_at != 0) {
        cd_err_set(err, CD_EAUTH, FIELD, "refresh token was already used; session revoked");
        return CD_REFRESH_REUSED;
    }
    if (rec->revoked_at != 0) {
        cd_err_set(err, CD_EAUTH, FIELD, "refresh token revoked");
        return CD_REFRESH_REVOKED;
    }
    if (now >= rec->expires_at) {
        cd_err_set(err, CD_EAUTH, FIELD, "refresh token expired");
        return CD_REFRESH_EXPIRED;
    }
    if (err)
        cd_err_clear(err);
    return CD_REFRESH_OK;
}
