/* google.c - Google ID token verification (RS256) against a JWKS.
 *
 * The signature is checked with OpenSSL directly: the algorithm is ours
 * (RS256), the key is chosen by `kid` from a set the operator configured, and
 * the token's header cannot change either. Claims are checked after the
 * signature, in the order Google documents. */
#include "auth/google.h"

#include <curl/curl.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth/email.h"
#include "auth/jws.h"
#include "base/fs.h"

#define FIELD "id_token"
#define JWK_KID_MAX 128
#define JWKS_MAX_REDIRECTS 3L

typedef struct jwk_rsa {
    char kid[JWK_KID_MAX + 1];
    EVP_PKEY *pkey;
    size_t modulus_bytes;
} jwk_rsa;

struct cd_jwks {
    size_t n;
    jwk_rsa keys[CD_JWKS_MAX_KEYS];
};

void cd_jwks_free(cd_jwks *k)
{
    if (!k)
        return;
    for (size_t i = 0; i < k->n; i++)
        EVP_PKEY_free(k->keys[i].pkey);
    free(k);
}

size_t cd_jwks_count(const cd_jwks *k)
{
    return k ? k->n : 0;
}

static const jwk_rsa *find_kid(const cd_jwks *k, const char *kid)
{
    for (size_t i = 0; k && kid && i < k->n; i++)
        if (strcmp(k->keys[i].kid, kid) == 0)
            return &k->keys[i];
    return NULL;
}

bool cd_jwks_has_kid(const cd_jwks *k, const char *kid)
{
    return find_kid(k, kid) != NULL;
}

/* base64url member of a JWK as a big-endian OpenSSL BIGNUM. */
static BIGNUM *jwk_bignum(json_t *jwk, const char *name, size_t max_bytes)
{
    json_t *v = json_object_get(jwk, name);
    if (!json_is_string(v))
        return NULL;
    const char *s = json_string_value(v);
    size_t len = strlen(s);
    if (len == 0 || len > (max_bytes + 2) / 3 * 4)
        return NULL;
    unsigned char raw[CD_JWK_RSA_MAX_BITS / 8 + 3];
    long n = cd_b64url_decode(s, len, raw, sizeof raw);
    if (n <= 0 || (size_t)n > max_bytes)
        return NULL;
    return BN_bin2bn(raw, (int)n, NULL);
}

static EVP_PKEY *rsa_public_key(const BIGNUM *n, const BIGNUM *e)
{
    EVP_PKEY *pkey = NULL;
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
    if (bld && ctx && OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) &&
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e) &&
        (params = OSSL_PARAM_BLD_to_param(bld)) != NULL && EVP_PKEY_fromdata_init(ctx) > 0 &&
        EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) <= 0)
        pkey = NULL;
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    EVP_PKEY_CTX_free(ctx);
    return pkey;
}

/* 0 when added or skipped (not an RS256 signing key), else an error code. */
static int add_jwk(cd_jwks *set, json_t *jwk, size_t index, cd_err *err)
{
    if (!json_is_object(jwk))
        return cd_err_set(err, CD_EINVAL, "jwks", "key %zu is not an object", index);
    json_t *kty = json_object_get(jwk, "kty");
    if (!json_is_string(kty))
        return cd_err_set(err, CD_EINVAL, "jwks", "key %zu has no kty", index);
    if (strcmp(json_string_value(kty), "RSA") != 0)
        return 0;
    json_t *use = json_object_get(jwk, "use");
    if (use && (!json_is_string(use) || strcmp(json_string_value(use), "sig") != 0))
        return 0;
    json_t *alg = json_object_get(jwk, "alg");
    if (alg && (!json_is_string(alg) || strcmp(json_string_value(alg), "RS256") != 0))
        return 0;
    json_t *kid = json_object_get(jwk, "kid");
    if (!json_is_string(kid) || json_string_length(kid) == 0 ||
        json_string_length(kid) > JWK_KID_MAX)
        return cd_err_set(err, CD_EINVAL, "jwks", "key %zu has no usable kid", index);
    if (find_kid(set, json_string_value(kid)))
        return cd_err_set(err, CD_EINVAL, "jwks", "duplicate kid \"%s\"", json_string_value(kid));
    if (set->n >= CD_JWKS_MAX_KEYS)
        return cd_err_set(err, CD_ETOOBIG, "jwks", "more than %d keys", CD_JWKS_MAX_KEYS);

    BIGNUM *n = jwk_bignum(jwk, "n", CD_JWK_RSA_MAX_BITS / 8);
    BIGNUM *e = jwk_bignum(jwk, "e", 8);
    int rc = 0;
    if (!n || !e) {
        rc = cd_err_set(err, CD_EINVAL, "jwks", "key \"%s\": n or e missing or not base64url",
                        json_string_value(kid));
    } else if (BN_num_bits(n) < CD_JWK_RSA_MIN_BITS) {
        rc = cd_err_set(err, CD_EINVAL, "jwks", "key \"%s\": RSA modulus of %d bits is too weak",
                        json_string_value(kid), BN_num_bits(n));
    } else if (!BN_is_odd(e) || BN_num_bits(e) < 2) {
        rc = cd_err_set(err, CD_EINVAL, "jwks", "key \"%s\": invalid RSA exponent",
                        json_string_value(kid));
    } else {
        jwk_rsa *k = &set->keys[set->n];
        k->pkey = rsa_public_key(n, e);
        if (!k->pkey) {
            rc = cd_err_set(err, CD_EINVAL, "jwks", "key \"%s\": OpenSSL refused the RSA key",
                            json_string_value(kid));
        } else {
            snprintf(k->kid, sizeof k->kid, "%s", json_string_value(kid));
            k->modulus_bytes = (size_t)BN_num_bytes(n);
            set->n++;
        }
    }
    BN_free(n);
    BN_free(e);
    return rc;
}

cd_jwks *cd_jwks_parse(const char *json, size_t len, cd_err *err)
{
    if (!json) {
        cd_err_set(err, CD_EINVAL, "jwks", "no JWKS given");
        return NULL;
    }
    if (len > CD_JWKS_MAX_BYTES) {
        cd_err_set(err, CD_ETOOBIG, "jwks", "JWKS larger than %d bytes", CD_JWKS_MAX_BYTES);
        return NULL;
    }
    json_error_t jerr;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root || !json_is_object(root)) {
        json_decref(root);
        cd_err_set(err, CD_EINVAL, "jwks", "JWKS is not a JSON object");
        return NULL;
    }
    json_t *keys = json_object_get(root, "keys");
    if (!json_is_array(keys)) {
        json_decref(root);
        cd_err_set(err, CD_EINVAL, "jwks", "JWKS has no \"keys\" array");
        return NULL;
    }
    cd_jwks *set = calloc(1, sizeof *set);
    if (!set) {
        json_decref(root);
        cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
        return NULL;
    }
    size_t i;
    json_t *jwk;
    int rc = 0;
    json_array_foreach(keys, i, jwk)
    {
        rc = add_jwk(set, jwk, i, err);
        if (rc)
            break;
    }
    json_decref(root);
    if (rc == 0 && set->n == 0)
        rc = cd_err_set(err, CD_EINVAL, "jwks", "JWKS has no RSA signing key");
    if (rc) {
        cd_jwks_free(set);
        return NULL;
    }
    return set;
}

cd_jwks *cd_jwks_load_file(const char *path, cd_err *err)
{
    if (!path) {
        cd_err_set(err, CD_EINVAL, "jwks", "no JWKS file given");
        return NULL;
    }
    size_t len = 0;
    char *data = cd_read_file(path, CD_JWKS_MAX_BYTES, &len, err);
    if (!data)
        return NULL;
    cd_jwks *k = cd_jwks_parse(data, len, err);
    free(data);
    return k;
}

/* ---- fetching over HTTP(S) ------------------------------------------------ */

typedef struct fetch_body {
    char *data;
    size_t len;
    bool too_big;
} fetch_body;

static size_t fetch_write(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    fetch_body *b = userdata;
    size_t n = size * nmemb;
    if (b->len + n > CD_JWKS_MAX_BYTES) {
        b->too_big = true;
        return 0; /* makes curl stop with CURLE_WRITE_ERROR */
    }
    char *p = realloc(b->data, b->len + n + 1);
    if (!p)
        return 0;
    memcpy(p + b->len, ptr, n);
    b->data = p;
    b->len += n;
    b->data[b->len] = '\0';
    return n;
}

cd_jwks *cd_jwks_fetch(const char *url, long timeout_ms, cd_err *err)
{
    if (!url || (strncasecmp(url, "http://", 7) != 0 && strncasecmp(url, "https://", 8) != 0)) {
        cd_err_set(err, CD_EINVAL, "jwks_url", "JWKS URL must start with http:// or https://");
        return NULL;
    }
    if (timeout_ms <= 0)
        timeout_ms = 5000;
    CURL *c = curl_easy_init();
    if (!c) {
        cd_err_set(err, CD_EINTERNAL, NULL, "could not start libcurl");
        return NULL;
    }
    fetch_body body = {0};
    char curl_msg[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, JWKS_MAX_REDIRECTS);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L); /* worker threads: no SIGALRM */
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)CD_JWKS_MAX_BYTES);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, fetch_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_msg);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "candor-jwks/1");
    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(c);

    cd_jwks *k = NULL;
    if (body.too_big || rc == CURLE_FILESIZE_EXCEEDED)
        cd_err_set(err, CD_ETOOBIG, "jwks_url", "JWKS response larger than %d bytes",
                   CD_JWKS_MAX_BYTES);
    else if (rc == CURLE_OPERATION_TIMEDOUT)
        cd_err_set(err, CD_ETIMEOUT, "jwks_url", "JWKS fetch timed out after %ld ms", timeout_ms);
    else if (rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT)
        cd_err_set(err, CD_EINVAL, "jwks_url", "JWKS URL refused: %s",
                   curl_msg[0] ? curl_msg : curl_easy_strerror(rc));
    else if (rc != CURLE_OK)
        cd_err_set(err, CD_EUNAVAILABLE, "jwks_url", "JWKS fetch failed: %s",
                   curl_msg[0] ? curl_msg : curl_easy_strerror(rc));
    else if (status != 200)
        cd_err_set(err, CD_EUNAVAILABLE, "jwks_url", "JWKS server answered HTTP %ld", status);
    else
        k = cd_jwks_parse(body.data ? body.data : "", body.len, err);
    free(body.data);
    return k;
}

/* ---- ID token verification ------------------------------------------------ */

static bool rs256_verify(const jwk_rsa *key, const cd_jws *j)
{
    /* PKCS#1 v1.5 signatures are exactly the modulus length. */
    if (j->sig_len != key->modulus_bytes)
        return false;
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    bool ok = md && EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, key->pkey) == 1 &&
              EVP_DigestVerify(md, j->sig, j->sig_len, (const unsigned char *)j->signing_input,
                               j->signing_input_len) == 1;
    EVP_MD_CTX_free(md);
    return ok;
}

static bool aud_matches(json_t *aud, const char *client_id)
{
    if (json_is_string(aud))
        return strcmp(json_string_value(aud), client_id) == 0;
    if (json_is_array(aud)) {
        size_t i;
        json_t *v;
        json_array_foreach(aud, i, v)
        {
            if (json_is_string(v) && strcmp(json_string_value(v), client_id) == 0)
                return true;
        }
    }
    return false;
}

/* Google has sent email_verified both as a boolean and as the string "true". */
static bool email_verified(json_t *v)
{
    return json_is_true(v) || (json_is_string(v) && strcmp(json_string_value(v), "true") == 0);
}

static int copy_claim(json_t *p, const char *name, char *out, size_t cap, bool required,
                      cd_err *err)
{
    json_t *v = json_object_get(p, name);
    out[0] = '\0';
    if (!v && !required)
        return 0;
    if (!json_is_string(v) || (required && json_string_length(v) == 0))
        return cd_err_set(err, CD_EAUTH, FIELD, "ID token has no valid %s claim", name);
    if (json_string_length(v) >= cap)
        return cd_err_set(err, CD_EAUTH, FIELD, "ID token %s claim is too long", name);
    memcpy(out, json_string_value(v), json_string_length(v) + 1);
    return 0;
}

static int check_google_claims(json_t *p, const cd_google_opts *o, cd_google_identity *id,
                               cd_err *err)
{
    json_t *iss = json_object_get(p, "iss");
    if (!json_is_string(iss) ||
        (strcmp(json_string_value(iss), "accounts.google.com") != 0 &&
         strcmp(json_string_value(iss), "https://accounts.google.com") != 0))
        return cd_err_set(err, CD_EAUTH, FIELD, "ID token was not issued by Google");
    if (!aud_matches(json_object_get(p, "aud"), o->client_id))
        return cd_err_set(err, CD_EAUTH, FIELD, "ID token is for another application (aud)");
    long long exp, iat;
    if (!cd_jws_time_claim(p, "exp", &exp))
        return cd_err_set(err, CD_EAUTH, FIELD, "ID token has no expiry (exp)");
    if (!cd_jws_time_claim(p, "iat", &iat))
        return cd_err_set(err, CD_EAUTH, FIELD, "ID token has no issue time (iat)");
    if (exp <= o->now - CD_GOOGLE_CLOCK_SKEW_S)
        return cd_err_set(err, CD_EAUTH, FIELD, "ID token expired");
    if (iat > o->now + CD_GOOGLE_CLOCK_SKEW_S)
        return cd_err_set(err, CD_EAUTH, FIELD, "ID token issued in the future (iat)");
    if (exp <= iat)
        return cd_err_set(err, CD_EAUTH, FIELD, "ID token expires before it was issued");
    int rc = copy_claim(p, "sub", id->sub, sizeof id->sub, true, err);
    if (rc)
        return rc;
    char raw_email[CD_EMAIL_MAX + 1];
    rc = copy_claim(p, "email", raw_email, sizeof raw_email, true, err);
    if (rc)
        return rc;
    if (!email_verified(json_object_get(p, "email_verified")))
        return cd_err_set(err, CD_EAUTH, FIELD, "Google has not verified this e-mail address");
    if (cd_email_normalize(raw_email, id->email, NULL) != 0)
        return cd_err_set(err, CD_EAUTH, FIELD, "ID token e-mail address is not valid");
    if ((rc = copy_claim(p, "hd", id->hd, sizeof id->hd, false, err)) != 0 ||
        (rc = copy_claim(p, "name", id->name, sizeof id->name, false, err)) != 0)
        return rc;
    if (o->hosted_domains && o->n_hosted_domains > 0) {
        if (!id->hd[0])
            return cd_err_set(err, CD_EAUTH, FIELD,
                              "Google account is not part of an allowed organisation (no hd)");
        bool ok = false;
        for (size_t i = 0; i < o->n_hosted_domains && !ok; i++)
            ok = o->hosted_domains[i] && strcasecmp(o->hosted_domains[i], id->hd) == 0;
        if (!ok)
            return cd_err_set(err, CD_EAUTH, FIELD, "Google organisation \"%.64s\" is not allowed",
                              id->hd);
    }
    return 0;
}

int cd_google_verify(const cd_jwks *keys, const char *id_token, const cd_google_opts *o,
                     cd_google_identity *out, cd_err *err)
{
    if (!keys || !o || !o->client_id || !*o->client_id)
        return cd_err_set(err, CD_EINVAL, NULL,
                          "Google sign-in is not configured (keys, client id)");
    if (cd_auth_sodium_init(err))
        return err ? (int)err->code : CD_EINTERNAL;
    cd_jws j;
    int rc = cd_jws_parse(id_token, CD_ID_TOKEN_MAX_LEN, FIELD, &j, err);
    if (rc)
        return rc;
    cd_google_identity id;
    memset(&id, 0, sizeof id);
    const jwk_rsa *key;
    json_t *kid = json_object_get(j.header, "kid");
    if (strcmp(j.alg, "RS256") != 0)
        rc = cd_err_set(err, CD_EAUTH, FIELD,
                        "algorithm \"%.32s\" is not accepted (RS256 required)", j.alg);
    else if (!json_is_string(kid))
        rc = cd_err_set(err, CD_EAUTH, FIELD, "ID token has no key id (kid)");
    else if (!(key = find_kid(keys, json_string_value(kid))))
        rc = cd_err_set(err, CD_EAUTH, FIELD, "ID token signed with unknown key \"%.64s\"",
                        json_string_value(kid));
    else if (!rs256_verify(key, &j))
        rc = cd_err_set(err, CD_EAUTH, FIELD, "bad ID token signature");
    else
        rc = check_google_claims(j.payload, o, &id, err);
    cd_jws_free(&j);
    if (rc == 0 && out)
        *out = id;
    return rc;
}
