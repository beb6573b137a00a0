/* Unit tests for src/auth/email.c: syntax, normalisation, allowlist. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "auth/email.h"

static void expect_ok(const char *in, const char *want)
{
    char out[CD_EMAIL_MAX + 1];
    cd_err e = {0};
    if (cd_email_normalize(in, out, &e) != 0)
        fail_msg("\"%s\" refused: %s", in, e.msg);
    assert_string_equal(out, want);
}

static void expect_bad(const char *in, const char *part)
{
    char out[CD_EMAIL_MAX + 1] = "untouched";
    cd_err e = {0};
    if (cd_email_normalize(in, out, &e) != CD_EINVAL)
        fail_msg("\"%s\" accepted", in ? in : "(null)");
    assert_string_equal(e.field, "email");
    assert_string_equal(out, "");
    if (!strstr(e.msg, part))
        fail_msg("\"%s\": message \"%s\" lacks \"%s\"", in ? in : "(null)", e.msg, part);
}

static void test_normalize_accepts_and_lowercases(void **state)
{
    (void)state;
    expect_ok("Ada.Lovelace@College.EDU", "ada.lovelace@college.edu");
    expect_ok("  bob@cs.uni.ac.uk\n", "bob@cs.uni.ac.uk");
    expect_ok("first+tag@x-y.io", "first+tag@x-y.io");
    expect_ok("o'brien@college.edu", "o'brien@college.edu");
    expect_ok("a@b.co", "a@b.co");
    expect_ok("user@123.example.com", "user@123.example.com");
    char local[CD_EMAIL_LOCAL_MAX + 1];
    memset(local, 'l', CD_EMAIL_LOCAL_MAX);
    local[CD_EMAIL_LOCAL_MAX] = '\0';
    char addr[CD_EMAIL_MAX + 16];
    snprintf(addr, sizeof addr, "%s@college.edu", local);
    expect_ok(addr, addr);
}

static void test_normalize_refusals(void **state)
{
    (void)state;
    expect_bad(NULL, "required");
    expect_bad("", "required");
    expect_bad("   ", "required");
    expect_bad("no-at-sign.example.com", "must contain @");
    expect_bad("a@b@c.com", "only one @");
    expect_bad("@college.edu", "nothing before");
    expect_bad("ada@", "no domain");
    expect_bad(".ada@college.edu", "start or end with a dot");
    expect_bad("ada.@college.edu", "start or end with a dot");
    expect_bad("a..da@college.edu", "two dots");
    expect_bad("a\"da@college.edu", "invalid character");
    expect_bad("a(da)@college.edu", "invalid character");
    expect_bad("ada lovelace@college.edu", "spaces");
    expect_bad("ada@col\x01lege.edu", "control");
    expect_bad("adä@college.edu", "ASCII");
    expect_bad("ada@localhost", "must have a dot");
    expect_bad("ada@college..edu", "empty label");
    expect_bad("ada@.college.edu", "empty label");
    expect_bad("ada@college.edu.", "empty label");
    expect_bad("ada@-college.edu", "hyphen");
    expect_bad("ada@college-.edu", "hyphen");
    expect_bad("ada@col_lege.edu", "invalid character");
    expect_bad("ada@[127.0.0.1]", "invalid character");
    expect_bad("ada@1.2.3.4", "not a number");
    expect_bad("x@y.com<script>", "invalid character");
    expect_bad("x'; DROP TABLE users; --@y.com", "spaces");

    char local[CD_EMAIL_LOCAL_MAX + 2];
    memset(local, 'l', CD_EMAIL_LOCAL_MAX + 1);
    local[CD_EMAIL_LOCAL_MAX + 1] = '\0';
    char addr[400];
    snprintf(addr, sizeof addr, "%s@college.edu", local);
    expect_bad(addr, "longer than 64");
    char label[CD_EMAIL_LABEL_MAX + 2];
    memset(label, 'd', CD_EMAIL_LABEL_MAX + 1);
    label[CD_EMAIL_LABEL_MAX + 1] = '\0';
    snprintf(addr, sizeof addr, "ada@%s.edu", label);
    expect_bad(addr, "label longer than 63");
    /* 257 characters, every label legal */
    snprintf(addr, sizeof addr, "ada@%.61s.%.61s.%.61s.%.61s.%.5s", label, label, label, label,
             "edued");
    assert_true(strlen(addr) > CD_EMAIL_MAX);
    expect_bad(addr, "longer than 254");
    char huge[2000];
    memset(huge, 'a', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    expect_bad(huge, "longer than 254");

    cd_err e = {0};
    assert_int_equal(cd_email_normalize("a@b.co", NULL, &e), CD_EINVAL);
}

static void test_domain(void **state)
{
    (void)state;
    assert_string_equal(cd_email_domain("ada@college.edu"), "college.edu");
    assert_string_equal(cd_email_domain("no-at"), "");
    assert_string_equal(cd_email_domain(NULL), "");
}

static void test_allowlist(void **state)
{
    (void)state;
    const char *list[] = {"college.edu", "@Partner.AC.uk", ".other.org"};
    assert_true(cd_email_domain_allowed("ada@college.edu", list, 3));
    assert_true(cd_email_domain_allowed("ada@cs.college.edu", list, 3));
    assert_true(cd_email_domain_allowed("ada@partner.ac.uk", list, 3));
    assert_true(cd_email_domain_allowed("ada@a.b.other.org", list, 3));
    assert_false(
        cd_email_domain_allowed("ada@evilcollege.edu", list, 3)); /* suffix, not subdomain */
    assert_false(cd_email_domain_allowed("ada@college.edu.evil.com", list, 3));
    assert_false(cd_email_domain_allowed("ada@gmail.com", list, 3));
    assert_false(cd_email_domain_allowed("no-at-sign", list, 3));
    /* an empty list allows everyone */
    assert_true(cd_email_domain_allowed("ada@gmail.com", NULL, 0));
    assert_true(cd_email_domain_allowed("ada@gmail.com", list, 0));
    /* blank or NULL entries allow nobody */
    const char *blank[] = {"", "@", NULL};
    assert_false(cd_email_domain_allowed("ada@gmail.com", blank, 3));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_accepts_and_lowercases),
        cmocka_unit_test(test_normalize_refusals),
        cmocka_unit_test(test_domain),
        cmocka_unit_test(test_allowlist),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
