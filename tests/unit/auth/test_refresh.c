/* Unit tests for src/auth/refresh.c: token shape, hashing, ids, rotation verdicts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>

#include "auth/refresh.h"

static void test_new_tokens_are_distinct_base64url(void **state)
{
    (void)state;
    char a[CD_REFRESH_TOKEN_LEN + 1], b[CD_REFRESH_TOKEN_LEN + 1];
    cd_refresh_token_new(a);
    cd_refresh_token_new(b);
    assert_int_equal(strlen(a), CD_REFRESH_TOKEN_LEN);
    assert_string_not_equal(a, b);
    for (const char *p = a; *p; p++)
        assert_non_null(
            strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", *p));
    assert_true(cd_refresh_token_well_formed(a));
    assert_true(cd_refresh_token_well_formed(b));
}

static void test_well_formed_rejects_junk(void **state)
{
    (void)state;
    char t[CD_REFRESH_TOKEN_LEN + 2];
    cd_refresh_token_new(t);
    assert_false(cd_refresh_token_well_formed(NULL));
    assert_false(cd_refresh_token_well_formed(""));
    char copy[64];
    snprintf(copy, sizeof copy, "%s", t);
    copy[10] = '+'; /* standard base64, not url-safe */
    assert_false(cd_refresh_token_well_formed(copy));
    snprintf(copy, sizeof copy, "%sA", t); /* too long */
    assert_false(cd_refresh_token_well_formed(copy));
    snprintf(copy, sizeof copy, "%.42s", t); /* too short */
    assert_false(cd_refresh_token_well_formed(copy));
    snprintf(copy, sizeof copy, "%.42s=", t); /* padding */
    assert_false(cd_refresh_token_well_formed(copy));
    assert_false(cd_refresh_token_well_formed("' OR 1=1 --AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
}

static void test_hash_is_hex_sha256(void **state)
{
    (void)state;
    char hex[65];
    cd_refresh_token_hash("abc", hex);
    /* the FIPS 180-2 test vector */
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    /* and matches OpenSSL for a real token */
    char t[CD_REFRESH_TOKEN_LEN + 1];
    cd_refresh_token_new(t);
    cd_refresh_token_hash(t, hex);
    unsigned char d[SHA256_DIGEST_LENGTH];
    SHA256((const unsigned char *)t, strlen(t), d);
    char want[65];
    for (int i = 0; i < SHA256_DIGEST_LENGTH; i++)
        snprintf(want + 2 * i, 3, "%02x", d[i]);
    assert_string_equal(hex, want);
    cd_refresh_token_hash(NULL, hex); /* hash of "" rather than a crash */
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_random_id(void **state)
{
    (void)state;
    char a[33], b[33];
    cd_random_id(a);
    cd_random_id(b);
    assert_int_equal(strlen(a), 32);
    assert_string_not_equal(a, b);
    for (const char *p = a; *p; p++)
        assert_non_null(strchr("0123456789abcdef", *p));
}

static void test_rotation_verdicts(void **state)
{
    (void)state;
    cd_err e = {0};
    const long long now = 1700000000;
    cd_refresh_record r = {true, now + 100, 0, 0};
    assert_int_equal(cd_refresh_check(&r, now, &e), CD_REFRESH_OK);
    assert_int_equal(e.code, CD_OK);

    assert_int_equal(cd_refresh_check(NULL, now, &e), CD_REFRESH_UNKNOWN);
    assert_int_equal(e.code, CD_EAUTH);
    assert_string_equal(e.field, "refresh_token");
    cd_refresh_record missing = {false, 0, 0, 0};
    assert_int_equal(cd_refresh_check(&missing, now, &e), CD_REFRESH_UNKNOWN);

    r.expires_at = now;
    assert_int_equal(cd_refresh_check(&r, now, &e), CD_REFRESH_EXPIRED);
    assert_non_null(strstr(e.msg, "expired"));
    r.expires_at = now + 100;
    r.revoked_at = now - 5;
    assert_int_equal(cd_refresh_check(&r, now, &e), CD_REFRESH_REVOKED);
    assert_non_null(strstr(e.msg, "revoked"));
    /* a rotated token presented again is reuse, whatever else holds */
    r.revoked_at = 0;
    r.replaced_at = now - 1;
    assert_int_equal(cd_refresh_check(&r, now, &e), CD_REFRESH_REUSED);
    assert_non_null(strstr(e.msg, "already used"));
    r.revoked_at = now - 1;
    r.expires_at = now - 10;
    assert_int_equal(cd_refresh_check(&r, now, &e), CD_REFRESH_REUSED);
    assert_int_equal(cd_refresh_check(&r, now, NULL), CD_REFRESH_REUSED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_tokens_are_distinct_base64url),
        cmocka_unit_test(test_well_formed_rejects_junk),
        cmocka_unit_test(test_hash_is_hex_sha256),
        cmocka_unit_test(test_random_id),
        cmocka_unit_test(test_rotation_verdicts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
