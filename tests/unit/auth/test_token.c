/* Unit tests for src/auth/token.c: HS256 access tokens and every refusal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/token.h"
#include "helper_jwt.h"

static const unsigned char SECRET[] = "0123456789abcdef0123456789abcdef-test-secret";
#define SECRET_LEN (sizeof SECRET - 1)
#define NOW 1700000000LL

static const char *HDR = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

/* A payload our issuer would produce, with one member overridden/removed. */
static char *payload(const char *override_key, const char *override_json)
{
    json_t *p = json_pack("{s:s, s:s, s:s, s:I, s:I, s:s}", "iss", "candor", "sub", "42", "role",
                          "student", "iat", (json_int_t)NOW, "exp", (json_int_t)(NOW + 900), "jti",
                          "0123456789abcdef0123456789abcdef");
    if (override_key) {
        if (override_json)
            json_object_set_new(p, override_key, json_loads(override_json, JSON_DECODE_ANY, NULL));
        else
            json_object_del(p, override_key);
    }
    char *s = json_dumps(p, JSON_COMPACT);
    json_decref(p);
    return s;
}

static void expect_refused(const char *token, const char *msg_part)
{
    cd_err e = {0};
    cd_access_claims c;
    memset(&c, 0x5a, sizeof c);
    assert_int_equal(cd_token_verify(SECRET, SECRET_LEN, token, NOW, &c, &e), CD_EAUTH);
    assert_int_equal(e.code, CD_EAUTH);
    assert_string_equal(e.field, "token");
    if (!strstr(e.msg, msg_part))
        fail_msg("message \"%s\" lacks \"%s\"", e.msg, msg_part);
    assert_int_equal(c.user_id, 0x5a5a5a5a5a5a5a5aLL); /* untouched on failure */
}

static void expect_payload_refused(const char *key, const char *json, const char *msg_part)
{
    char *p = payload(key, json);
    char *t = th_hs256(HDR, p, SECRET, SECRET_LEN);
    expect_refused(t, msg_part);
    free(t);
    free(p);
}

static void test_issue_then_verify_round_trips(void **state)
{
    (void)state;
    char *tok = NULL;
    cd_err e = {0};
    assert_int_equal(cd_token_issue(SECRET, SECRET_LEN, 42, "coordinator", NOW, 900, &tok, &e), 0);
    assert_non_null(tok);
    cd_access_claims c;
    assert_int_equal(cd_token_verify(SECRET, SECRET_LEN, tok, NOW + 10, &c, &e), 0);
    assert_int_equal(c.user_id, 42);
    assert_string_equal(c.role, "coordinator");
    assert_int_equal(c.iat, NOW);
    assert_int_equal(c.exp, NOW + 900);
    assert_int_equal(strlen(c.jti), 32);
    /* out may be NULL when only validity matters */
    assert_int_equal(cd_token_verify(SECRET, SECRET_LEN, tok, NOW, NULL, &e), 0);

    /* each token has its own id */
    char *tok2 = NULL;
    cd_access_claims c2;
    assert_int_equal(cd_token_issue(SECRET, SECRET_LEN, 42, "coordinator", NOW, 900, &tok2, &e), 0);
    assert_int_equal(cd_token_verify(SECRET, SECRET_LEN, tok2, NOW, &c2, &e), 0);
    assert_string_not_equal(c.jti, c2.jti);
    free(tok);
    free(tok2);
}

static void test_independently_signed_token_is_accepted(void **state)
{
    (void)state;
    char *p = payload(NULL, NULL);
    char *t = th_hs256(HDR, p, SECRET, SECRET_LEN);
    cd_access_claims c;
    cd_err e = {0};
    assert_int_equal(cd_token_verify(SECRET, SECRET_LEN, t, NOW, &c, &e), 0);
    assert_int_equal(c.user_id, 42);
    assert_string_equal(c.jti, "0123456789abcdef0123456789abcdef");
    free(t);
    free(p);
}

static void test_issue_rejects_bad_arguments(void **state)
{
    (void)state;
    char *tok = (char *)1;
    cd_err e = {0};
    assert_int_equal(cd_token_issue(SECRET, 31, 1, "student", NOW, 900, &tok, &e), CD_EINVAL);
    assert_null(tok);
    assert_string_equal(e.field, "secret");
    assert_int_equal(cd_token_issue(NULL, 0, 1, "student", NOW, 900, &tok, &e), CD_EINVAL);
    assert_int_equal(cd_token_issue(SECRET, SECRET_LEN, 0, "student", NOW, 900, &tok, &e),
                     CD_EINVAL);
    assert_string_equal(e.field, "user_id");
    assert_int_equal(cd_token_issue(SECRET, SECRET_LEN, 1, "root", NOW, 900, &tok, &e), CD_EINVAL);
    assert_string_equal(e.field, "role");
    assert_int_equal(cd_token_issue(SECRET, SECRET_LEN, 1, NULL, NOW, 900, &tok, &e), CD_EINVAL);
    assert_int_equal(cd_token_issue(SECRET, SECRET_LEN, 1, "admin", NOW, 0, &tok, &e), CD_EINVAL);
    assert_int_equal(cd_token_issue(SECRET, SECRET_LEN, 1, "admin", NOW, 900, NULL, &e), CD_EINVAL);
    assert_null(tok);
}

static void test_expiry_and_clock_skew(void **state)
{
    (void)state;
    char *tok = NULL;
    cd_err e = {0};
    assert_int_equal(cd_token_issue(SECRET, SECRET_LEN, 7, "admin", NOW, 900, &tok, &e), 0);
    assert_int_equal(cd_token_verify(SECRET, SECRET_LEN, tok, NOW + 899, NULL, &e), 0);
    assert_int_equal(cd_token_verify(SECRET, SECRET_LEN, tok, NOW + 900, NULL, &e), CD_EAUTH);
    assert_non_null(strstr(e.msg, "expired"));
    /* issued up to 60 s "in the future" is tolerated (server clocks differ) */
    assert_int_equal(cd_token_verify(SECRET, SECRET_LEN, tok, NOW - 60, NULL, &e), 0);
    assert_int_equal(cd_token_verify(SECRET, SECRET_LEN, tok, NOW - 61, NULL, &e), CD_EAUTH);
    assert_non_null(strstr(e.msg, "not yet valid"));
    free(tok);
}

static void test_wrong_secret_and_tampering(void **state)
{
    (void)state;
    char *tok = NULL;
    cd_err e = {0};
    assert_int_equal(cd_token_issue(SECRET, SECRET_LEN, 7, "student", NOW, 900, &tok, &e), 0);
    static const unsigned char other[] = "another-secret-of-at-least-32-bytes!!";
    assert_int_equal(cd_token_verify(other, sizeof other - 1, tok, NOW, NULL, &e), CD_EAUTH);
    assert_string_equal(e.msg, "bad token signature");

    /* promote ourselves to admin without re-signing */
    char *dot1 = strchr(tok, '.'), *dot2 = strchr(dot1 + 1, '.');
    char *forged_payload = payload("role", "\"admin\"");
    char *p64 = th_b64url(forged_payload, strlen(forged_payload));
    size_t n = strlen(tok) + strlen(p64) + 4;
    char *forged = malloc(n);
    snprintf(forged, n, "%.*s.%s%s", (int)(dot1 - tok), tok, p64, dot2);
    expect_refused(forged, "bad token signature");

    /* flip one bit of the signature */
    char *flipped = strdup(tok);
    char *last = flipped + strlen(flipped) - 2;
    *last = *last == 'A' ? 'B' : 'A';
    expect_refused(flipped, "bad token signature");

    /* truncated signature */
    char *cut = strdup(tok);
    cut[strlen(cut) - 5] = '\0';
    expect_refused(cut, "signature");
    free(cut);
    free(flipped);
    free(forged);
    free(p64);
    free(forged_payload);
    free(tok);
}

static void test_alg_none_and_other_algorithms_fail(void **state)
{
    (void)state;
    char *p = payload(NULL, NULL);
    /* the classic: alg none, no signature */
    char *t = th_jws("{\"alg\":\"none\",\"typ\":\"JWT\"}", p, "");
    expect_refused(t, "\"none\"");
    free(t);
    /* alg none with a signature that would be valid for HS256 */
    t = th_hs256("{\"alg\":\"none\"}", p, SECRET, SECRET_LEN);
    expect_refused(t, "\"none\" is not accepted");
    free(t);
    /* case games */
    t = th_hs256("{\"alg\":\"hs256\"}", p, SECRET, SECRET_LEN);
    expect_refused(t, "HS256 required");
    free(t);
    t = th_hs256("{\"alg\":\"HS512\"}", p, SECRET, SECRET_LEN);
    expect_refused(t, "\"HS512\" is not accepted");
    free(t);
    t = th_hs256("{\"alg\":\"RS256\"}", p, SECRET, SECRET_LEN);
    expect_refused(t, "\"RS256\" is not accepted");
    free(t);
    t = th_hs256("{\"typ\":\"JWT\"}", p, SECRET, SECRET_LEN);
    expect_refused(t, "no alg");
    free(t);
    t = th_hs256("{\"alg\":256}", p, SECRET, SECRET_LEN);
    expect_refused(t, "no alg");
    free(t);
    /* HS256 with an empty signature */
    t = th_jws(HDR, p, "");
    expect_refused(t, "no signature");
    free(t);
    /* header extensions we do not understand, or another token type */
    t = th_hs256("{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", p, SECRET, SECRET_LEN);
    expect_refused(t, "critical");
    free(t);
    t = th_hs256("{\"alg\":\"HS256\",\"typ\":\"at+jwt+refresh\"}", p, SECRET, SECRET_LEN);
    expect_refused(t, "type");
    free(t);
    /* duplicate alg members: the second must not win silently */
    t = th_hs256("{\"alg\":\"none\",\"alg\":\"HS256\"}", p, SECRET, SECRET_LEN);
    expect_refused(t, "header is not a JSON object");
    free(t);
    free(p);
}

static void test_malformed_tokens(void **state)
{
    (void)state;
    expect_refused("", "missing token");
    expect_refused("abc", "three");
    expect_refused("a.b", "three");
    expect_refused("a.b.c.d", "three");
    expect_refused(".eyJ9.c2ln", "empty header");
    expect_refused("e30..c2ln", "empty header");
    expect_refused("e30$.e30.c2ln", "base64url");
    expect_refused("e30=.e30.c2ln", "base64url"); /* padding is not base64url */
    expect_refused("bm90IGpzb24.e30.c2ln", "header is not a JSON object");
    expect_refused("WzFd.e30.c2ln", "header is not a JSON object"); /* [1] */
    char *p = th_b64url("[1]", 3);
    char *h = th_b64url(HDR, strlen(HDR));
    char buf[256];
    snprintf(buf, sizeof buf, "%s.%s.c2ln", h, p);
    expect_refused(buf, "payload is not a JSON object");
    snprintf(buf, sizeof buf, "%s.e30.c2l$", h);
    expect_refused(buf, "signature is not valid base64url");
    free(p);
    free(h);

    char *big = malloc(CD_TOKEN_MAX_LEN + 2);
    memset(big, 'A', CD_TOKEN_MAX_LEN + 1);
    big[CD_TOKEN_MAX_LEN + 1] = '\0';
    expect_refused(big, "longer than");
    free(big);

    cd_err e = {0};
    assert_int_equal(cd_token_verify(SECRET, SECRET_LEN, NULL, NOW, NULL, &e), CD_EAUTH);
    assert_int_equal(cd_token_verify(SECRET, 5, "a.b.c", NOW, NULL, &e), CD_EINVAL);
    assert_int_equal(cd_token_verify(NULL, 0, "a.b.c", NOW, NULL, NULL), CD_EINVAL);
}

static void test_missing_and_ill_typed_claims(void **state)
{
    (void)state;
    expect_payload_refused("iss", NULL, "issuer");
    expect_payload_refused("iss", "\"evil\"", "someone else");
    expect_payload_refused("sub", NULL, "subject");
    expect_payload_refused("sub", "42", "subject"); /* number, not string */
    expect_payload_refused("sub", "\"-4\"", "not a user id");
    expect_payload_refused("sub", "\"042\"", "not a user id");
    expect_payload_refused("sub", "\"4x\"", "not a user id");
    expect_payload_refused("sub", "\"0\"", "not a user id");
    expect_payload_refused("sub", "\"1234567890123456789012\"", "not a user id");
    expect_payload_refused("role", NULL, "no role");
    expect_payload_refused("role", "\"superuser\"", "role is unknown");
    expect_payload_refused("iat", NULL, "iat");
    expect_payload_refused("iat", "\"1700000000\"", "iat");
    expect_payload_refused("exp", NULL, "exp");
    expect_payload_refused("exp", "1.7e9", "exp");
    expect_payload_refused("exp", "9223372036854775807", "exp");
    expect_payload_refused("iat", "-9223372036854775807", "iat");
    expect_payload_refused("exp", "1699999999", "expires before it was issued");
    expect_payload_refused("jti", NULL, "jti");
    expect_payload_refused("jti", "\"short\"", "jti");
    expect_payload_refused("nbf", "\"soon\"", "nbf");
    expect_payload_refused("nbf", "1700000100", "not yet valid (nbf)");
    expect_payload_refused("iat", "1700000061", "not yet valid");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_issue_then_verify_round_trips),
        cmocka_unit_test(test_independently_signed_token_is_accepted),
        cmocka_unit_test(test_issue_rejects_bad_arguments),
        cmocka_unit_test(test_expiry_and_clock_skew),
        cmocka_unit_test(test_wrong_secret_and_tampering),
        cmocka_unit_test(test_alg_none_and_other_algorithms_fail),
        cmocka_unit_test(test_malformed_tokens),
        cmocka_unit_test(test_missing_and_ill_typed_claims),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
