/* token.c - HS256 access tokens: issued with libjwt, verified by hand.
 *
 * Why verification does not use jwt_decode(): libjwt 1.10 compares the MAC
 * with strcmp() (timing leak) and lets the token's header choose the
 * algorithm. Here the algorithm is fixed before any key is touched and the
 * MAC is compared with sodium_memcmp(). */
#include "auth/token.h"

#include <errno.h>
#include <jwt.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/jws.h"
#include "auth/refresh.h"
#include "auth/roles.h"

#define FIELD "token"

int cd_token_issue(const unsigned char *secret, size_t secret_len, long long user_id,
                   const char *role, long long now, int ttl_s, char **out, cd_err *err)
{
    if (!out)
        return cd_err_set(err, CD_EINVAL, NULL, "no output pointer");
    *out = NULL;
    if (!secret || secret_len < CD_TOKEN_SECRET_MIN || secret_len > INT_MAX)
        return cd_err_set(err, CD_EINVAL, "secret", "token secret must be at least %d bytes",
                          CD_TOKEN_SECRET_MIN);
    if (user_id <= 0)
        return cd_err_set(err, CD_EINVAL, "user_id", "user id must be positive");
    if (cd_role_parse(role) == CD_ROLE_NONE)
        return cd_err_set(err, CD_EINVAL, "role", "unknown role \"%s\"", role ? role : "(null)");
    if (ttl_s <= 0)
        return cd_err_set(err, CD_EINVAL, "ttl", "token lifetime must be positive");
    if (cd_auth_sodium_init(err))
        return err ? (int)err->code : CD_EINTERNAL;

    char sub[24], jti[33];
    snprintf(sub, sizeof sub, "%lld", user_id);
    cd_random_id(jti);

    jwt_t *jwt = NULL;
    int rc = jwt_new(&jwt);
    if (rc == 0)
        rc = jwt_set_alg(jwt, JWT_ALG_HS256, secret, (int)secret_len);
    if (rc == 0)
        rc = jwt_add_grant(jwt, "iss", CD_TOKEN_ISSUER);
    if (rc == 0)
        rc = jwt_add_grant(jwt, "sub", sub);
    if (rc == 0)
        rc = jwt_add_grant(jwt, "role", role);
    if (rc == 0)
        rc = jwt_add_grant_int(jwt, "iat", (long)now);
    if (rc == 0)
        rc = jwt_add_grant_int(jwt, "exp", (long)(now + ttl_s));
    if (rc == 0)
        rc = jwt_add_grant(jwt, "jti", jti);
    char *s = rc == 0 ? jwt_encode_str(jwt) : NULL;
    jwt_free(jwt);
    if (!s)
        return cd_err_set(err, CD_EINTERNAL, NULL, "could not encode token (%s)",
                          strerror(rc ? rc : errno));
    *out = s;
    return 0;
}

/* HMAC-SHA256 with a key of any length (libsodium's streaming API hashes long keys). */
static void hmac_sha256(const unsigned char *key, size_t key_len, const char *msg, size_t n,
                        unsigned char mac[crypto_auth_hmacsha256_BYTES])
{
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key, key_len);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg, n);
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_memzero(&st, sizeof st);
}

static bool string_claim(json_t *payload, const char *name, const char **out)
{
    json_t *v = json_object_get(payload, name);
    if (!json_is_string(v))
        return false;
    *out = json_string_value(v);
    return true;
}

static bool is_hex32(const char *s)
{
    if (strlen(s) != 32)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

/* "42" -> 42; refuses signs, leading zeros, overflow and trailing bytes. */
static bool parse_user_id(const char *s, long long *out)
{
    if (!*s || *s == '0' || strlen(s) > 18)
        return false;
    long long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (*p - '0');
    }
    *out = v;
    return true;
}

static int check_claims(json_t *p, long long now, cd_access_claims *c, cd_err *err)
{
    const char *iss, *sub, *role, *jti;
    if (!string_claim(p, "iss", &iss))
        return cd_err_set(err, CD_EAUTH, FIELD, "token has no issuer (iss)");
    if (strcmp(iss, CD_TOKEN_ISSUER) != 0)
        return cd_err_set(err, CD_EAUTH, FIELD, "token issued by someone else");
    if (!string_claim(p, "sub", &sub))
        return cd_err_set(err, CD_EAUTH, FIELD, "token has no subject (sub)");
    if (!parse_user_id(sub, &c->user_id))
        return cd_err_set(err, CD_EAUTH, FIELD, "token subject is not a user id");
    if (!string_claim(p, "role", &role))
        return cd_err_set(err, CD_EAUTH, FIELD, "token has no role");
    if (cd_role_parse(role) == CD_ROLE_NONE)
        return cd_err_set(err, CD_EAUTH, FIELD, "token role is unknown");
    snprintf(c->role, sizeof c->role, "%s", role);
    if (!cd_jws_time_claim(p, "iat", &c->iat))
        return cd_err_set(err, CD_EAUTH, FIELD, "token has no issue time (iat)");
    if (!cd_jws_time_claim(p, "exp", &c->exp))
        return cd_err_set(err, CD_EAUTH, FIELD, "token has no expiry (exp)");
    if (!string_claim(p, "jti", &jti) || !is_hex32(jti))
        return cd_err_set(err, CD_EAUTH, FIELD, "token has no valid id (jti)");
    snprintf(c->jti, sizeof c->jti, "%s", jti);
    if (c->exp <= c->iat)
        return cd_err_set(err, CD_EAUTH, FIELD, "token expires before it was issued");
    if (now >= c->exp)
        return cd_err_set(err, CD_EAUTH, FIELD, "token expired %lld s ago", now - c->exp);
    if (c->iat > now + CD_TOKEN_CLOCK_SKEW_S)
        return cd_err_set(err, CD_EAUTH, FIELD, "token not yet valid (issued %lld s in the future)",
                          c->iat - now);
    long long nbf;
    if (json_object_get(p, "nbf")) {
        if (!cd_jws_time_claim(p, "nbf", &nbf))
            return cd_err_set(err, CD_EAUTH, FIELD, "token nbf is not an integer");
        if (nbf > now + CD_TOKEN_CLOCK_SKEW_S)
            return cd_err_set(err, CD_EAUTH, FIELD, "token not yet valid (nbf)");
    }
    return 0;
}

int cd_token_verify(const unsigned char *secret, size_t secret_len, const char *token,
                    long long now, cd_access_claims *out, cd_err *err)
{
    if (!secret || secret_len < CD_TOKEN_SECRET_MIN)
        return cd_err_set(err, CD_EINVAL, "secret", "token secret must be at least %d bytes",
                          CD_TOKEN_SECRET_MIN);
    if (cd_auth_sodium_init(err))
        return err ? (int)err->code : CD_EINTERNAL;
    cd_jws j;
    int rc = cd_jws_parse(token, CD_TOKEN_MAX_LEN, FIELD, &j, err);
    if (rc)
        return rc;
    if (strcmp(j.alg, "HS256") != 0) {
        rc = cd_err_set(err, CD_EAUTH, FIELD,
                        "algorithm \"%.32s\" is not accepted (HS256 required)", j.alg);
        goto done;
    }
    json_t *typ = json_object_get(j.header, "typ");
    if (typ && (!json_is_string(typ) || strcasecmp(json_string_value(typ), "JWT") != 0)) {
        rc = cd_err_set(err, CD_EAUTH, FIELD, "token type is not JWT");
        goto done;
    }
    if (json_object_get(j.header, "crit")) {
        rc = cd_err_set(err, CD_EAUTH, FIELD, "token has critical header extensions");
        goto done;
    }
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    hmac_sha256(secret, secret_len, j.signing_input, j.signing_input_len, mac);
    if (j.sig_len != sizeof mac || sodium_memcmp(mac, j.sig, sizeof mac) != 0) {
        rc = cd_err_set(err, CD_EAUTH, FIELD, "bad token signature");
        goto done;
    }
    cd_access_claims c;
    memset(&c, 0, sizeof c);
    rc = check_claims(j.payload, now, &c, err);
    if (rc == 0 && out)
        *out = c;
done:
    cd_jws_free(&j);
    return rc;
}
