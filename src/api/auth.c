/* auth.c - the /api/auth routes: register, login, Google Sign-In, refresh, logout,
 * and /api/me. Passwords are hashed and verified here, on a worker thread. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "auth/email.h"
#include "auth/jws.h"
#include "auth/password.h"
#include "auth/refresh.h"
#include "base/fs.h"

#define NAME_MAX_LEN 120
#define JWKS_MAX_AGE_S 3600
#define JWKS_FETCH_TIMEOUT_MS 5000

/* Issues an access token and a new refresh-token family (or continues
 * `family` when rotating) and answers with the Session object. */
static void send_session(api_ctx *c, const cd_user *u, int status)
{
    cd_err e;
    char *access = NULL;
    long long now = cd_unix_time();
    if (cd_token_issue(c->app->jwt_secret, sizeof c->app->jwt_secret, u->id, u->role, now,
                       c->app->cfg.access_ttl_s, &access, &e)) {
        api_fail(c, &e);
        return;
    }
    char refresh[CD_REFRESH_TOKEN_LEN + 1], hash[65], family[33];
    cd_refresh_token_new(refresh);
    cd_refresh_token_hash(refresh, hash);
    cd_random_id(family);
    if (cd_store_refresh_insert(c->app->store, u->id, hash, family, now + c->app->cfg.refresh_ttl_s,
                                &e)) {
        free(access);
        api_fail(c, &e);
        return;
    }
    api_ok(c, status,
           json_pack("{s:s, s:s, s:i, s:o}", "access_token", access, "refresh_token", refresh,
                     "expires_in", c->app->cfg.access_ttl_s, "user", cd_user_to_json(u)));
    free(access);
}

/* Per-IP limiter shared by every credential-accepting route. */
static bool limit_ip(api_ctx *c)
{
    double retry;
    if (cd_ratelimit_take(c->app->rl_login_ip, c->req->client_ip, (double)cd_now_ns() / 1e9,
                          &retry))
        return true;
    snprintf(c->resp->headers, sizeof c->resp->headers, "retry-after: %d\r\n",
             (int)(retry + 0.999));
    api_failf(c, CD_ERATE, NULL, "too many attempts from this address; retry in %d s",
              (int)(retry + 0.999));
    return false;
}

void api_auth_config(api_ctx *c)
{
    const cd_config *cfg = &c->app->cfg;
    json_t *domains = json_array();
    for (size_t i = 0; i < cfg->n_allowed_domains; i++)
        json_array_append_new(domains, json_string(cfg->allowed_domains[i]));
    api_ok(c, 200,
           json_pack("{s:o, s:o, s:i, s:i}", "google_client_id",
                     cfg->google_client_id[0] ? json_string(cfg->google_client_id) : json_null(),
                     "allowed_domains", domains, "password_min_length", CD_PASSWORD_MIN,
                     "password_max_length", CD_PASSWORD_MAX));
}

static bool domain_allowed(api_ctx *c, const char *email)
{
    const cd_config *cfg = &c->app->cfg;
    if (cd_email_domain_allowed(email, cfg->allowed_domains, cfg->n_allowed_domains))
        return true;
    api_failf(c, CD_EFORBIDDEN, "email",
              "registration is limited to the college's e-mail domains; %s is not one of them",
              cd_email_domain(email));
    return false;
}

void api_auth_register(api_ctx *c)
{
    static const char *const fields[] = {"email", "password", "name", NULL};
    json_t *b = api_body(c, fields);
    if (!b)
        return;
    cd_err e;
    const char *email_in = NULL, *password = NULL, *name = NULL;
    char email[CD_EMAIL_MAX + 1];
    if (cd_json_str(b, "email", true, 3, CD_EMAIL_MAX, &email_in, &e) ||
        cd_json_str(b, "password", true, 0, 4 * CD_PASSWORD_MAX, &password, &e) ||
        cd_json_str(b, "name", true, 1, NAME_MAX_LEN, &name, &e) ||
        cd_email_normalize(email_in, email, &e) || cd_password_check_policy(password, email, &e)) {
        api_fail(c, &e);
        goto out;
    }
    if (!limit_ip(c) || !domain_allowed(c, email))
        goto out;
    char hash[CD_PASSWORD_HASH_MAX];
    cd_user u;
    if (cd_password_hash(password, hash, &e) ||
        cd_store_user_create(c->app->store, email, name, hash, "student", &u, &e)) {
        api_fail(c, &e);
        goto out;
    }
    send_session(c, &u, 201);
out:
    json_decref(b);
}

void api_auth_login(api_ctx *c)
{
    static const char *const fields[] = {"email", "password", NULL};
    json_t *b = api_body(c, fields);
    if (!b)
        return;
    cd_err e;
    const char *email_in = NULL, *password = NULL;
    char email[CD_EMAIL_MAX + 1];
    if (cd_json_str(b, "email", true, 1, CD_EMAIL_MAX, &email_in, &e) ||
        cd_json_str(b, "password", true, 1, 4 * CD_PASSWORD_MAX, &password, &e) ||
        cd_email_normalize(email_in, email, &e)) {
        api_fail(c, &e);
        goto out;
    }
    if (!limit_ip(c))
        goto out;
    double retry;
    if (!cd_ratelimit_take(c->app->rl_login_account, email, (double)cd_now_ns() / 1e9, &retry)) {
        snprintf(c->resp->headers, sizeof c->resp->headers, "retry-after: %d\r\n",
                 (int)(retry + 0.999));
        api_failf(c, CD_ERATE, NULL, "too many attempts for this account; retry in %d s",
                  (int)(retry + 0.999));
        goto out;
    }
    cd_user u;
    if (cd_store_user_by_email(c->app->store, email, &u, &e) != 0) {
        if (e.code != CD_ENOTFOUND) {
            api_fail(c, &e);
            goto out;
        }
        cd_password_dummy_verify(password); /* same time as a real check */
        api_failf(c, CD_EAUTH, NULL, "incorrect e-mail or password");
        goto out;
    }
    if (!u.password_hash[0] || !cd_password_verify(u.password_hash, password)) {
        if (!u.password_hash[0])
            cd_password_dummy_verify(password);
        api_failf(c, CD_EAUTH, NULL, "incorrect e-mail or password");
        goto out;
    }
    cd_ratelimit_reset(c->app->rl_login_account, email);
    send_session(c, &u, 200);
out:
    json_decref(b);
}

/* The JWKS, fetched or read on first use and again when older than an hour
 * or when a token names a key we do not have (Google rotates keys). */
static cd_jwks *jwks_get(cd_app *app, const char *want_kid, cd_err *err)
{
    pthread_mutex_lock(&app->jwks_mu);
    long long now = cd_unix_time();
    bool stale =
        !app->jwks || now - app->jwks_loaded_at > JWKS_MAX_AGE_S ||
        (want_kid && !cd_jwks_has_kid(app->jwks, want_kid) && now - app->jwks_loaded_at > 60);
    if (stale) {
        const char *src = app->cfg.google_jwks;
        cd_jwks *k = strncmp(src, "http://", 7) == 0 || strncmp(src, "https://", 8) == 0
                         ? cd_jwks_fetch(src, JWKS_FETCH_TIMEOUT_MS, err)
                         : cd_jwks_load_file(src, err);
        if (k) {
            cd_jwks_free(app->jwks);
            app->jwks = k;
            app->jwks_loaded_at = now;
        } else if (!app->jwks) {
            pthread_mutex_unlock(&app->jwks_mu);
            return NULL;
        }
    }
    /* Keys are immutable and replaced only under this lock; the caller
     * verifies while holding it (verification is microseconds). */
    return app->jwks;
}

void api_auth_google(api_ctx *c)
{
    static const char *const fields[] = {"id_token", NULL};
    if (!c->app->cfg.google_client_id[0]) {
        api_failf(c, CD_ENOTFOUND, NULL, "Google Sign-In is not configured on this server");
        return;
    }
    json_t *b = api_body(c, fields);
    if (!b)
        return;
    cd_err e;
    const char *tok = NULL;
    if (cd_json_str(b, "id_token", true, 10, CD_ID_TOKEN_MAX_LEN, &tok, &e)) {
        api_fail(c, &e);
        goto out;
    }
    if (!limit_ip(c))
        goto out;
    cd_jws jws;
    char kid[128] = "";
    if (cd_jws_parse(tok, CD_ID_TOKEN_MAX_LEN, "id_token", &jws, &e) == 0) {
        const char *k = json_string_value(json_object_get(jws.header, "kid"));
        if (k)
            snprintf(kid, sizeof kid, "%s", k);
        cd_jws_free(&jws);
    }
    cd_jwks *keys = jwks_get(c->app, kid[0] ? kid : NULL, &e);
    if (!keys) {
        e.code = CD_EUNAVAILABLE;
        api_fail(c, &e);
        goto out;
    }
    cd_google_opts o = {.client_id = c->app->cfg.google_client_id,
                        .hosted_domains = c->app->cfg.google_hd,
                        .n_hosted_domains = c->app->cfg.n_google_hd,
                        .now = cd_unix_time()};
    cd_google_identity id;
    int rc = cd_google_verify(keys, tok, &o, &id, &e);
    pthread_mutex_unlock(&c->app->jwks_mu);
    if (rc) {
        api_fail(c, &e);
        goto out;
    }
    char email[CD_EMAIL_MAX + 1];
    if (cd_email_normalize(id.email, email, &e)) {
        api_fail(c, &e);
        goto out;
    }
    if (!domain_allowed(c, email))
        goto out;
    cd_user u;
    if (cd_store_user_upsert_google(c->app->store, id.sub, email, id.name[0] ? id.name : email, &u,
                                    &e)) {
        api_fail(c, &e);
        goto out;
    }
    send_session(c, &u, 200);
out:
    json_decref(b);
}

static bool read_refresh(api_ctx *c, char hash[65])
{
    static const char *const fields[] = {"refresh_token", NULL};
    json_t *b = api_body(c, fields);
    if (!b)
        return false;
    cd_err e;
    const char *tok = NULL;
    bool ok = cd_json_str(b, "refresh_token", true, 1, 256, &tok, &e) == 0;
    if (!ok)
        api_fail(c, &e);
    else if (!cd_refresh_token_well_formed(tok)) {
        ok = false;
        api_failf(c, CD_EAUTH, "refresh_token", "refresh token is malformed");
    } else
        cd_refresh_token_hash(tok, hash);
    json_decref(b);
    return ok;
}

void api_auth_refresh(api_ctx *c)
{
    char old_hash[65];
    if (!read_refresh(c, old_hash))
        return;
    char fresh[CD_REFRESH_TOKEN_LEN + 1], new_hash[65];
    cd_refresh_token_new(fresh);
    cd_refresh_token_hash(fresh, new_hash);
    long long now = cd_unix_time(), uid = 0;
    cd_refresh_result res;
    cd_err e;
    if (cd_store_refresh_rotate(c->app->store, old_hash, new_hash, now,
                                now + c->app->cfg.refresh_ttl_s, &uid, &res, &e)) {
        api_fail(c, &e);
        return;
    }
    static const char *const why[] = {
        [CD_ROTATE_UNKNOWN] = "refresh token is not recognised",
        [CD_ROTATE_EXPIRED] = "refresh token has expired; sign in again",
        [CD_ROTATE_REVOKED] = "refresh token was revoked; sign in again",
        [CD_ROTATE_REUSED] = "refresh token was already used; all sessions of this sign-in "
                             "were ended for safety",
    };
    if (res != CD_ROTATE_OK) {
        api_failf(c, CD_EAUTH, "refresh_token", "%s", why[res]);
        return;
    }
    cd_user u;
    if (cd_store_user_by_id(c->app->store, uid, &u, &e)) {
        api_fail(c, &e);
        return;
    }
    char *access = NULL;
    if (cd_token_issue(c->app->jwt_secret, sizeof c->app->jwt_secret, u.id, u.role, now,
                       c->app->cfg.access_ttl_s, &access, &e)) {
        api_fail(c, &e);
        return;
    }
    api_ok(c, 200,
           json_pack("{s:s, s:s, s:i, s:o}", "access_token", access, "refresh_token", fresh,
                     "expires_in", c->app->cfg.access_ttl_s, "user", cd_user_to_json(&u)));
    free(access);
}

void api_auth_logout(api_ctx *c)
{
    char hash[65];
    if (!read_refresh(c, hash))
        return;
    cd_err e;
    if (cd_store_refresh_revoke(c->app->store, hash, &e)) {
        api_fail(c, &e);
        return;
    }
    c->resp->status = 204;
    cd_buf_reset(&c->resp->body);
}

void api_me(api_ctx *c)
{
    cd_user u;
    cd_err e;
    if (cd_store_user_by_id(c->app->store, c->user_id, &u, &e)) {
        if (e.code == CD_ENOTFOUND)
            e.code = CD_EAUTH; /* token for a deleted account */
        api_fail(c, &e);
        return;
    }
    api_ok(c, 200, cd_user_to_json(&u));
}
