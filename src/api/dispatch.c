/* dispatch.c - authentication and role checks for every API route, in one
 * place, before the resource handler runs. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "auth/token.h"
#include "base/fs.h"

void api_ok(api_ctx *c, int status, json_t *v)
{
    cd_http_json(c->resp, status, v);
}

void api_fail(api_ctx *c, const cd_err *err)
{
    cd_http_error(c->resp, err);
}

void api_failf(api_ctx *c, cd_errcode code, const char *field, const char *fmt, ...)
{
    cd_err e;
    va_list ap;
    va_start(ap, fmt);
    cd_err_setv(&e, code, field, fmt, ap);
    va_end(ap);
    cd_http_error(c->resp, &e);
}

json_t *api_body(api_ctx *c, const char *const *allowed)
{
    cd_err e;
    const char *ct = c->req->content_type;
    if (ct[0] && strncmp(ct, "application/json", 16) != 0) {
        api_failf(c, CD_EUNSUPPORTED, NULL, "Content-Type must be application/json, not %.60s", ct);
        return NULL;
    }
    json_t *body = cd_json_parse_object(c->req->body.data ? c->req->body.data : "",
                                        c->req->body.len, c->app->cfg.max_body, &e);
    if (!body) {
        api_fail(c, &e);
        return NULL;
    }
    if (allowed && cd_json_only_fields(body, allowed, &e)) {
        json_decref(body);
        api_fail(c, &e);
        return NULL;
    }
    return body;
}

bool api_param_id(api_ctx *c, int i, long long *out)
{
    const char *p = i < c->req->nparams ? c->req->params[i] : "";
    char *end;
    long long v = strtoll(p, &end, 10);
    if (!*p || *end || v <= 0 || strlen(p) > 18) {
        api_failf(c, CD_ENOTFOUND, NULL, "'%.40s' is not a valid id", p);
        return false;
    }
    *out = v;
    return true;
}

/* Tokens this thread verified recently. A byte-identical token under the
 * same key has the same claims, so only expiry needs checking again; this
 * spares the base64 decoding, HMAC and JSON parse on every request of a
 * signed-in client. Per thread: no locks. Failures are never cached. */
#define VERIFIED_SLOTS 64
#define VERIFIED_TOKEN_MAX 512
typedef struct verified_token {
    size_t len;
    char token[VERIFIED_TOKEN_MAX];
    cd_access_claims claims;
} verified_token;
static _Thread_local verified_token verified[VERIFIED_SLOTS];

static verified_token *verified_slot(const char *tok, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a over the tail: the signature */
    for (size_t i = len > 24 ? len - 24 : 0; i < len; i++)
        h = (h ^ (unsigned char)tok[i]) * 16777619u;
    return &verified[h % VERIFIED_SLOTS];
}

static int verify_cached(const unsigned char *secret, size_t secret_len, const char *tok,
                         long long now, cd_access_claims *out, cd_err *err)
{
    size_t len = strlen(tok);
    verified_token *v = len < VERIFIED_TOKEN_MAX ? verified_slot(tok, len) : NULL;
    if (v && v->len == len && memcmp(v->token, tok, len) == 0 && v->claims.exp > now) {
        *out = v->claims;
        return 0;
    }
    int rc = cd_token_verify(secret, secret_len, tok, now, out, err);
    if (rc == 0 && v) {
        v->len = len;
        memcpy(v->token, tok, len);
        v->claims = *out;
    }
    return rc;
}

/* Verifies "Authorization: Bearer <jwt>". Returns 0 when absent (anonymous),
 * 1 when valid, -1 with *err set when present but invalid. */
static int authenticate(api_ctx *c, cd_err *err)
{
    const char *h = c->req->authorization;
    if (!h[0])
        return 0;
    if (strncasecmp(h, "Bearer ", 7) != 0) {
        cd_err_set(err, CD_EAUTH, NULL, "Authorization must be 'Bearer <access token>'");
        return -1;
    }
    cd_access_claims claims;
    if (verify_cached(c->app->jwt_secret, sizeof c->app->jwt_secret, h + 7, cd_unix_time(), &claims,
                      err))
        return -1;
    cd_role r = cd_role_parse(claims.role);
    if (r == CD_ROLE_NONE) {
        cd_err_set(err, CD_EAUTH, NULL, "access token carries an unknown role");
        return -1;
    }
    c->user_id = claims.user_id;
    c->role = r;
    return 1;
}

void api_dispatch(const cd_http_request *req, cd_http_response *resp, void *app)
{
    const api_route *r = req->route_data;
    api_ctx c = {.req = req, .resp = resp, .app = app, .role = CD_ROLE_NONE};
    cd_err e;
    cd_err_clear(&e);
    int a = authenticate(&c, &e);
    if (a < 0 && r->min_role != CD_ROLE_NONE) {
        snprintf(resp->headers, sizeof resp->headers, "www-authenticate: Bearer\r\n");
        cd_http_error(resp, &e);
        return;
    }
    if (a < 0) /* public route: a bad token is ignored, as if anonymous */
        c.user_id = 0, c.role = CD_ROLE_NONE;
    if (r->min_role != CD_ROLE_NONE) {
        if (c.role == CD_ROLE_NONE) {
            snprintf(resp->headers, sizeof resp->headers, "www-authenticate: Bearer\r\n");
            cd_http_errorf(resp, CD_EAUTH, NULL, "sign in first: this needs an access token");
            return;
        }
        if (!cd_role_at_least(c.role, r->min_role)) {
            cd_http_errorf(resp, CD_EFORBIDDEN, NULL, "this needs the %s role",
                           cd_role_name(r->min_role));
            return;
        }
    }
    if (req->on_loop) {
        /* Loop thread: only a memory answer is allowed; otherwise leave the
         * status 0 so the server runs us again on a worker. */
        if (!r->try_inline || !r->try_inline(&c))
            resp->status = 0;
        return;
    }
    r->fn(&c);
}

bool api_may_read_user(api_ctx *c, long long owner)
{
    if (c->role == CD_ROLE_ADMIN)
        return true;
    if (c->role != CD_ROLE_COORDINATOR)
        return false;
    cd_user me, them;
    cd_err e;
    return cd_store_user_by_id(c->app->store, c->user_id, &me, &e) == 0 &&
           cd_store_user_by_id(c->app->store, owner, &them, &e) == 0 && me.college_id &&
           me.college_id == them.college_id;
}
