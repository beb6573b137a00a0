/* Unit tests for src/auth/roles.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "auth/roles.h"

static void test_parse_and_name_round_trip(void **state)
{
    (void)state;
    for (int r = CD_ROLE_STUDENT; r <= CD_ROLE_ADMIN; r++)
        assert_int_equal(cd_role_parse(cd_role_name((cd_role)r)), r);
    assert_string_equal(cd_role_name(CD_ROLE_STUDENT), "student");
    assert_string_equal(cd_role_name(CD_ROLE_COORDINATOR), "coordinator");
    assert_string_equal(cd_role_name(CD_ROLE_ADMIN), "admin");
    assert_string_equal(cd_role_name(CD_ROLE_NONE), "none");
    assert_string_equal(cd_role_name((cd_role)99), "none");
    assert_string_equal(cd_role_name((cd_role)-1), "none");
}

static void test_parse_refuses_unknown(void **state)
{
    (void)state;
    assert_int_equal(cd_role_parse(NULL), CD_ROLE_NONE);
    assert_int_equal(cd_role_parse(""), CD_ROLE_NONE);
    assert_int_equal(cd_role_parse("none"), CD_ROLE_NONE);
    assert_int_equal(cd_role_parse("Admin"), CD_ROLE_NONE);
    assert_int_equal(cd_role_parse("admin "), CD_ROLE_NONE);
    assert_int_equal(cd_role_parse("administrator"), CD_ROLE_NONE);
    assert_int_equal(cd_role_parse("root"), CD_ROLE_NONE);
}

static void test_order(void **state)
{
    (void)state;
    assert_true(cd_role_at_least(CD_ROLE_ADMIN, CD_ROLE_COORDINATOR));
    assert_true(cd_role_at_least(CD_ROLE_ADMIN, CD_ROLE_STUDENT));
    assert_true(cd_role_at_least(CD_ROLE_COORDINATOR, CD_ROLE_COORDINATOR));
    assert_false(cd_role_at_least(CD_ROLE_STUDENT, CD_ROLE_COORDINATOR));
    assert_false(cd_role_at_least(CD_ROLE_COORDINATOR, CD_ROLE_ADMIN));
    assert_false(cd_role_at_least(CD_ROLE_NONE, CD_ROLE_NONE));
    assert_false(cd_role_at_least((cd_role)7, CD_ROLE_STUDENT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_and_name_round_trip),
        cmocka_unit_test(test_parse_refuses_unknown),
        cmocka_unit_test(test_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
