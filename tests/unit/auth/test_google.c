/* Unit tests for src/auth/google.c: JWKS parsing and ID token verification
 * with RSA keys generated here (no network, no Google). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/google.h"
#include "base/fs.h"
#include "helper_jwt.h"

#define NOW 1700000000LL
#define CLIENT "1234-abc.apps.googleusercontent.com"

static EVP_PKEY *key1, *key2, *stranger;
static char *jwks_text;
static cd_jwks *jwks;

static int setup(void **state)
{
    (void)state;
    key1 = th_rsa_generate(2048);
    key2 = th_rsa_generate(2048);
    stranger = th_rsa_generate(2048);
    EVP_PKEY *keys[] = {key1, key2};
    const char *kids[] = {"k1", "k2"};
    jwks_text = th_jwks_json(keys, kids, 2);
    cd_err e = {0};
    jwks = cd_jwks_parse(jwks_text, strlen(jwks_text), &e);
    return key1 && key2 && stranger && jwks ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    cd_jwks_free(jwks);
    free(jwks_text);
    EVP_PKEY_free(key1);
    EVP_PKEY_free(key2);
    EVP_PKEY_free(stranger);
    return 0;
}

static char *claims2(const char *key, const char *json, const char *k2, const char *j2);
static char *claims(const char *key, const char *json)
{
    return claims2(key, json, NULL, NULL);
}

static char *claims2(const char *key, const char *json, const char *k2, const char *j2)
{
    json_t *p = json_pack("{s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:I, s:I}", "iss",
                          "https://accounts.google.com", "aud", CLIENT, "sub", "1098765432109876",
                          "email", "Ada.Lovelace@Students.College.edu", "email_verified", 1, "hd",
                          "students.college.edu", "name", "Ada Lovelace", "iat",
                          (json_int_t)(NOW - 10), "exp", (json_int_t)(NOW + 3590));
    if (key) {
        if (json)
            json_object_set_new(p, key, json_loads(json, JSON_DECODE_ANY, NULL));
        else
            json_object_del(p, key);
    }
    if (k2)
        json_object_set_new(p, k2, json_loads(j2, JSON_DECODE_ANY, NULL));
    char *s = json_dumps(p, JSON_COMPACT);
    json_decref(p);
    return s;
}

static const char *HDR_K1 = "{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}";

static const cd_google_opts OPTS = {CLIENT, NULL, 0, NOW};

static void expect_refused_opts(const char *tok, const cd_google_opts *o, const char *part)
{
    cd_err e = {0};
    cd_google_identity id;
    memset(&id, 0x5a, sizeof id);
    assert_int_equal(cd_google_verify(jwks, tok, o, &id, &e), CD_EAUTH);
    assert_string_equal(e.field, "id_token");
    if (!strstr(e.msg, part))
        fail_msg("message \"%s\" lacks \"%s\"", e.msg, part);
    assert_int_equal((unsigned char)id.sub[0], 0x5a);
}

static void expect_refused(const char *tok, const char *part)
{
    expect_refused_opts(tok, &OPTS, part);
}

static void expect_claims_refused(const char *key, const char *json, const char *part)
{
    char *c = claims(key, json);
    char *t = th_rs256(key1, HDR_K1, c);
    expect_refused(t, part);
    free(t);
    free(c);
}

static void test_valid_token_yields_identity(void **state)
{
    (void)state;
    char *c = claims(NULL, NULL);
    char *t = th_rs256(key1, HDR_K1, c);
    cd_google_identity id;
    cd_err e = {0};
    assert_int_equal(cd_google_verify(jwks, t, &OPTS, &id, &e), 0);
    assert_string_equal(id.sub, "1098765432109876");
    assert_string_equal(id.email, "ada.lovelace@students.college.edu");
    assert_string_equal(id.name, "Ada Lovelace");
    assert_string_equal(id.hd, "students.college.edu");
    free(t);

    /* the second key of the set works too, and the other issuer spelling */
    char *c2 = claims("iss", "\"accounts.google.com\"");
    t = th_rs256(key2, "{\"alg\":\"RS256\",\"kid\":\"k2\"}", c2);
    assert_int_equal(cd_google_verify(jwks, t, &OPTS, NULL, &e), 0);
    free(t);
    free(c2);
    free(c);
}

static void test_optional_claims_and_string_email_verified(void **state)
{
    (void)state;
    json_t *p =
        json_pack("{s:s, s:[s,s], s:s, s:s, s:s, s:I, s:I}", "iss", "accounts.google.com", "aud",
                  "other-client", CLIENT, "sub", "1", "email", "x@gmail.com", "email_verified",
                  "true", "iat", (json_int_t)NOW, "exp", (json_int_t)(NOW + 60));
    char *c = json_dumps(p, JSON_COMPACT);
    json_decref(p);
    char *t = th_rs256(key1, HDR_K1, c);
    cd_google_identity id;
    cd_err e = {0};
    assert_int_equal(cd_google_verify(jwks, t, &OPTS, &id, &e), 0);
    assert_string_equal(id.hd, "");
    assert_string_equal(id.name, "");
    assert_string_equal(id.email, "x@gmail.com");
    free(t);
    free(c);
}

static void test_time_checks(void **state)
{
    (void)state;
    char exp[32];
    snprintf(exp, sizeof exp, "%lld", NOW - 61);
    expect_claims_refused("exp", exp, "expired");
    /* within the 60 s skew an expired token still passes */
    snprintf(exp, sizeof exp, "%lld", NOW - 59);
    char iat_early[32];
    snprintf(iat_early, sizeof iat_early, "%lld", NOW - 3600);
    char *c = claims2("exp", exp, "iat", iat_early);
    char *t = th_rs256(key1, HDR_K1, c);
    cd_err e = {0};
    cd_google_opts o = OPTS;
    assert_int_equal(cd_google_verify(jwks, t, &o, NULL, &e), 0);
    free(t);
    free(c);
    char iat[32];
    snprintf(iat, sizeof iat, "%lld", NOW + 120);
    expect_claims_refused("iat", iat, "future");
    expect_claims_refused("exp", NULL, "exp");
    expect_claims_refused("iat", NULL, "iat");
    expect_claims_refused("exp", "\"tomorrow\"", "exp");
    expect_claims_refused("exp", "9223372036854775807", "exp");
    expect_claims_refused("iat", "-5", "iat");
    snprintf(exp, sizeof exp, "%lld", NOW - 20); /* before iat (NOW-10), yet inside the skew */
    expect_claims_refused("exp", exp, "expires before");
}

static void test_claim_refusals(void **state)
{
    (void)state;
    expect_claims_refused("aud", "\"someone-else\"", "another application");
    expect_claims_refused("aud", NULL, "another application");
    expect_claims_refused("aud", "[\"a\",\"b\"]", "another application");
    expect_claims_refused("iss", "\"https://evil.example.com\"", "not issued by Google");
    expect_claims_refused("iss", "\"accounts.google.com.evil.com\"", "not issued by Google");
    expect_claims_refused("iss", NULL, "not issued by Google");
    expect_claims_refused("email_verified", "false", "not verified");
    expect_claims_refused("email_verified", NULL, "not verified");
    expect_claims_refused("email_verified", "\"yes\"", "not verified");
    expect_claims_refused("email", NULL, "email");
    expect_claims_refused("email", "\"not-an-address\"", "not valid");
    expect_claims_refused("sub", NULL, "sub");
    expect_claims_refused("sub", "\"\"", "sub");
    expect_claims_refused("sub", "12", "sub");
    expect_claims_refused("hd", "7", "hd");
    expect_claims_refused("name", "[\"x\"]", "name");
    char big[400];
    memset(big, 'n', sizeof big);
    big[0] = '"';
    big[sizeof big - 2] = '"';
    big[sizeof big - 1] = '\0';
    expect_claims_refused("name", big, "too long");
}

static void test_hosted_domain(void **state)
{
    (void)state;
    const char *allowed[] = {"staff.college.edu", "Students.College.edu"};
    cd_google_opts o = {CLIENT, allowed, 2, NOW};
    char *c = claims(NULL, NULL);
    char *t = th_rs256(key1, HDR_K1, c);
    cd_err e = {0};
    assert_int_equal(cd_google_verify(jwks, t, &o, NULL, &e), 0);
    free(t);
    free(c);

    const char *only_other[] = {"other.edu"};
    cd_google_opts o2 = {CLIENT, only_other, 1, NOW};
    c = claims(NULL, NULL);
    t = th_rs256(key1, HDR_K1, c);
    expect_refused_opts(t, &o2, "\"students.college.edu\" is not allowed");
    free(t);
    free(c);
    /* a personal gmail account has no hd at all */
    c = claims("hd", NULL);
    t = th_rs256(key1, HDR_K1, c);
    expect_refused_opts(t, &o, "no hd");
    assert_int_equal(cd_google_verify(jwks, t, &OPTS, NULL, &e), 0); /* fine when any is allowed */
    free(t);
    free(c);
    /* a subdomain of an allowed hd is a different organisation */
    c = claims("hd", "\"x.staff.college.edu\"");
    t = th_rs256(key1, HDR_K1, c);
    expect_refused_opts(t, &o, "not allowed");
    free(t);
    free(c);
}

static void test_signature_and_key_attacks(void **state)
{
    (void)state;
    char *c = claims(NULL, NULL);
    /* unknown kid, missing kid */
    char *t = th_rs256(key1, "{\"alg\":\"RS256\",\"kid\":\"k9\"}", c);
    expect_refused(t, "unknown key \"k9\"");
    free(t);
    t = th_rs256(key1, "{\"alg\":\"RS256\"}", c);
    expect_refused(t, "no key id");
    free(t);
    /* signed by a key that is not in the set, but naming one that is */
    t = th_rs256(stranger, HDR_K1, c);
    expect_refused(t, "bad ID token signature");
    free(t);
    /* signed by k2 but claiming k1 */
    t = th_rs256(key2, HDR_K1, c);
    expect_refused(t, "bad ID token signature");
    free(t);
    /* tampered payload: sign one, swap in another */
    t = th_rs256(key1, HDR_K1, c);
    char *evil = claims("email", "\"admin@college.edu\"");
    char *ev64 = th_b64url(evil, strlen(evil));
    char *d1 = strchr(t, '.'), *d2 = strchr(d1 + 1, '.');
    size_t n = strlen(t) + strlen(ev64) + 2;
    char *forged = malloc(n);
    snprintf(forged, n, "%.*s.%s%s", (int)(d1 - t), t, ev64, d2);
    expect_refused(forged, "bad ID token signature");
    /* truncated signature (wrong length) */
    t[strlen(t) - 4] = '\0';
    expect_refused(t, "signature");
    free(forged);
    free(ev64);
    free(evil);
    free(t);
    /* alg none */
    t = th_jws("{\"alg\":\"none\",\"kid\":\"k1\"}", c, "");
    expect_refused(t, "\"none\"");
    free(t);
    /* HS256 using the public key (PEM) as the HMAC secret: key confusion */
    char *pem = th_rsa_public_pem(key1);
    t = th_hs256("{\"alg\":\"HS256\",\"kid\":\"k1\"}", c, (const unsigned char *)pem, strlen(pem));
    expect_refused(t, "\"HS256\" is not accepted");
    free(t);
    free(pem);
    /* RS512 signature over the same input */
    t = th_rs256(key1, "{\"alg\":\"RS512\",\"kid\":\"k1\"}", c);
    expect_refused(t, "RS256 required");
    free(t);
    /* junk */
    expect_refused("", "missing");
    expect_refused("x.y", "three");
    char *big = malloc(CD_ID_TOKEN_MAX_LEN + 2);
    memset(big, 'a', CD_ID_TOKEN_MAX_LEN + 1);
    big[CD_ID_TOKEN_MAX_LEN + 1] = '\0';
    expect_refused(big, "longer than");
    free(big);
    free(c);
}

static void test_verify_needs_configuration(void **state)
{
    (void)state;
    cd_err e = {0};
    cd_google_opts o = {NULL, NULL, 0, NOW};
    assert_int_equal(cd_google_verify(jwks, "a.b.c", &o, NULL, &e), CD_EINVAL);
    o.client_id = "";
    assert_int_equal(cd_google_verify(jwks, "a.b.c", &o, NULL, &e), CD_EINVAL);
    assert_int_equal(cd_google_verify(NULL, "a.b.c", &OPTS, NULL, &e), CD_EINVAL);
    assert_int_equal(cd_google_verify(jwks, "a.b.c", NULL, NULL, &e), CD_EINVAL);
}

static void expect_jwks_error(const char *json, cd_errcode code, const char *part)
{
    cd_err e = {0};
    cd_jwks *k = cd_jwks_parse(json, strlen(json), &e);
    assert_null(k);
    assert_int_equal(e.code, code);
    if (!strstr(e.msg, part))
        fail_msg("message \"%s\" lacks \"%s\"", e.msg, part);
}

static void test_jwks_parse(void **state)
{
    (void)state;
    assert_int_equal(cd_jwks_count(jwks), 2);
    assert_true(cd_jwks_has_kid(jwks, "k1"));
    assert_true(cd_jwks_has_kid(jwks, "k2"));
    assert_false(cd_jwks_has_kid(jwks, "k3"));
    assert_false(cd_jwks_has_kid(jwks, NULL));
    assert_int_equal(cd_jwks_count(NULL), 0);

    expect_jwks_error("", CD_EINVAL, "not a JSON object");
    expect_jwks_error("[]", CD_EINVAL, "not a JSON object");
    expect_jwks_error("{}", CD_EINVAL, "\"keys\"");
    expect_jwks_error("{\"keys\":{}}", CD_EINVAL, "\"keys\"");
    expect_jwks_error("{\"keys\":[]}", CD_EINVAL, "no RSA signing key");
    expect_jwks_error("{\"keys\":[1]}", CD_EINVAL, "not an object");
    expect_jwks_error("{\"keys\":[{}]}", CD_EINVAL, "no kty");
    expect_jwks_error("{\"keys\":[{\"kty\":\"EC\",\"kid\":\"e\"}]}", CD_EINVAL,
                      "no RSA signing key");
    expect_jwks_error("{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}", CD_EINVAL,
                      "kid");
    expect_jwks_error("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"a\",\"e\":\"AQAB\"}]}", CD_EINVAL,
                      "n or e");
    expect_jwks_error("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"a\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}",
                      CD_EINVAL, "too weak");
    expect_jwks_error("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"a\",\"n\":\"A$AB\",\"e\":\"AQAB\"}]}",
                      CD_EINVAL, "n or e");
    /* encryption keys and other algorithms are skipped, not used */
    expect_jwks_error("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"a\",\"use\":\"enc\",\"n\":\"AQAB\","
                      "\"e\":\"AQAB\"}]}",
                      CD_EINVAL, "no RSA signing key");
    expect_jwks_error("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"a\",\"alg\":\"RS512\",\"n\":\"AQAB\","
                      "\"e\":\"AQAB\"}]}",
                      CD_EINVAL, "no RSA signing key");

    /* real key with a bad exponent, and a duplicate kid */
    json_t *root = json_loads(jwks_text, 0, NULL);
    json_t *k0 = json_array_get(json_object_get(root, "keys"), 0);
    json_object_set_new(k0, "e", json_string("Ag")); /* 2: even */
    char *s = json_dumps(root, JSON_COMPACT);
    expect_jwks_error(s, CD_EINVAL, "exponent");
    free(s);
    json_object_set_new(k0, "e", json_string("AQAB"));
    json_object_set_new(k0, "kid", json_string("k2"));
    s = json_dumps(root, JSON_COMPACT);
    expect_jwks_error(s, CD_EINVAL, "duplicate kid");
    free(s);
    /* too many keys */
    json_object_set_new(k0, "kid", json_string("k1"));
    json_t *arr = json_object_get(root, "keys");
    for (int i = 0; i < CD_JWKS_MAX_KEYS; i++) {
        json_t *copy = json_deep_copy(k0);
        char kid[16];
        snprintf(kid, sizeof kid, "x%d", i);
        json_object_set_new(copy, "kid", json_string(kid));
        json_array_append_new(arr, copy);
    }
    s = json_dumps(root, JSON_COMPACT);
    cd_err e = {0};
    assert_null(cd_jwks_parse(s, strlen(s), &e));
    assert_int_equal(e.code, CD_ETOOBIG);
    free(s);
    json_decref(root);

    assert_null(cd_jwks_parse(NULL, 0, &e));
    assert_int_equal(e.code, CD_EINVAL);
    char *huge = calloc(1, CD_JWKS_MAX_BYTES + 2);
    memset(huge, ' ', CD_JWKS_MAX_BYTES + 1);
    assert_null(cd_jwks_parse(huge, CD_JWKS_MAX_BYTES + 1, &e));
    assert_int_equal(e.code, CD_ETOOBIG);
    free(huge);
}

static void test_jwks_load_file(void **state)
{
    (void)state;
    char path[] = "/tmp/candor-jwks-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, jwks_text, strlen(jwks_text)), (ssize_t)strlen(jwks_text));
    close(fd);
    cd_err e = {0};
    cd_jwks *k = cd_jwks_load_file(path, &e);
    assert_non_null(k);
    assert_int_equal(cd_jwks_count(k), 2);
    /* a token verifies against the loaded copy */
    char *c = claims(NULL, NULL);
    char *t = th_rs256(key2, "{\"alg\":\"RS256\",\"kid\":\"k2\"}", c);
    assert_int_equal(cd_google_verify(k, t, &OPTS, NULL, &e), 0);
    free(t);
    free(c);
    cd_jwks_free(k);
    unlink(path);

    assert_null(cd_jwks_load_file(path, &e));
    assert_int_equal(e.code, CD_ENOTFOUND);
    assert_null(cd_jwks_load_file(NULL, &e));
    assert_int_equal(e.code, CD_EINVAL);
    cd_jwks_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_token_yields_identity),
        cmocka_unit_test(test_optional_claims_and_string_email_verified),
        cmocka_unit_test(test_time_checks),
        cmocka_unit_test(test_claim_refusals),
        cmocka_unit_test(test_hosted_domain),
        cmocka_unit_test(test_signature_and_key_attacks),
        cmocka_unit_test(test_verify_needs_configuration),
        cmocka_unit_test(test_jwks_parse),
        cmocka_unit_test(test_jwks_load_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
