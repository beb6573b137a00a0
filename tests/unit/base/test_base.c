/* Unit tests for src/base: errors, buffers, JSON validation, worker pool. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/fs.h"
#include "base/json.h"
#include "base/pool.h"

static void test_err_maps_codes_to_http(void **state)
{
    (void)state;
    cd_err e;
    assert_int_equal(cd_err_set(&e, CD_EINVAL, "email", "bad %s", "x"), CD_EINVAL);
    assert_string_equal(e.field, "email");
    assert_string_equal(e.msg, "bad x");
    assert_int_equal(cd_errcode_http_status(CD_EINVAL), 400);
    assert_int_equal(cd_errcode_http_status(CD_ETOOBIG), 413);
    assert_int_equal(cd_errcode_http_status(CD_ERATE), 429);
    assert_string_equal(cd_errcode_name(CD_ENOTFOUND), "not_found");
    /* NULL err is allowed */
    assert_int_equal(cd_err_set(NULL, CD_EIO, NULL, "x"), CD_EIO);
}

static void test_buf_respects_cap(void **state)
{
    (void)state;
    cd_buf b;
    cd_buf_init(&b, 8);
    assert_int_equal(cd_buf_puts(&b, "12345678"), 0);
    assert_int_equal(cd_buf_puts(&b, "9"), -1);
    assert_int_equal(b.len, 8);
    assert_string_equal(b.data, "12345678");
    cd_buf_free(&b);
}

static void test_buf_json_escapes(void **state)
{
    (void)state;
    cd_buf b;
    cd_buf_init(&b, 0);
    cd_buf_json_str(&b, "a\"b\\c\n<\x01");
    assert_string_equal(b.data, "\"a\\\"b\\\\c\\n<\\u0001\"");
    cd_buf_free(&b);
}

static void test_json_rejects_bad_bodies(void **state)
{
    (void)state;
    cd_err e;
    assert_null(cd_json_parse_object("{", 1, 100, &e));
    assert_int_equal(e.code, CD_EINVAL);
    assert_non_null(strstr(e.msg, "malformed"));
    assert_null(cd_json_parse_object("[1]", 3, 100, &e));
    assert_int_equal(e.code, CD_EINVAL);
    assert_null(cd_json_parse_object("{\"a\":1}", 7, 3, &e));
    assert_int_equal(e.code, CD_ETOOBIG);
    assert_null(cd_json_parse_object("{\"a\":1,\"a\":2}", 13, 100, &e));
}

static void test_json_field_validation(void **state)
{
    (void)state;
    cd_err e;
    const char *body = "{\"email\":\"a@b.c\",\"n\":\"7\",\"x\":true}";
    json_t *o = cd_json_parse_object(body, strlen(body), 1000, &e);
    assert_non_null(o);
    static const char *const allowed[] = {"email", "n", NULL};
    assert_int_not_equal(cd_json_only_fields(o, allowed, &e), 0);
    assert_string_equal(e.field, "x");
    const char *s = NULL;
    assert_int_equal(cd_json_str(o, "email", true, 3, 10, &s, &e), 0);
    assert_string_equal(s, "a@b.c");
    long long n = 0;
    assert_int_not_equal(cd_json_int(o, "n", true, 0, 10, &n, &e), 0);
    assert_string_equal(e.field, "n");
    assert_int_not_equal(cd_json_str(o, "missing", true, 0, 10, &s, &e), 0);
    assert_string_equal(e.field, "missing");
    static const char *const roles[] = {"a", "b", NULL};
    assert_int_not_equal(cd_json_enum(o, "email", true, roles, &s, &e), 0);
    assert_non_null(strstr(e.msg, "a, b"));
    json_decref(o);
}

static atomic_int counter;
static void bump(void *arg)
{
    (void)arg;
    atomic_fetch_add(&counter, 1);
}

static void test_pool_runs_every_job_and_bounds_queue(void **state)
{
    (void)state;
    cd_pool *p = cd_pool_create(2, 1000);
    assert_non_null(p);
    for (int i = 0; i < 500; i++)
        assert_int_equal(cd_pool_submit(p, bump, NULL), 0);
    cd_pool_destroy(p); /* drains */
    assert_int_equal(atomic_load(&counter), 500);

    /* a full queue refuses instead of blocking */
    cd_pool *q = cd_pool_create(1, 1);
    int refused = 0;
    for (int i = 0; i < 100; i++)
        refused += cd_pool_submit(q, bump, NULL) != 0;
    assert_true(refused > 0);
    cd_pool_destroy(q);
}

static void test_read_file_limits(void **state)
{
    (void)state;
    char path[] = "/tmp/candor-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "hello", 5), 5);
    close(fd);
    cd_err e;
    size_t n;
    char *d = cd_read_file(path, 5, &n, &e);
    assert_non_null(d);
    assert_string_equal(d, "hello");
    free(d);
    assert_null(cd_read_file(path, 4, &n, &e));
    assert_int_equal(e.code, CD_ETOOBIG);
    unlink(path);
    assert_null(cd_read_file(path, 4, &n, &e));
    assert_int_equal(e.code, CD_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_err_maps_codes_to_http),
        cmocka_unit_test(test_buf_respects_cap),
        cmocka_unit_test(test_buf_json_escapes),
        cmocka_unit_test(test_json_rejects_bad_bodies),
        cmocka_unit_test(test_json_field_validation),
        cmocka_unit_test(test_pool_runs_every_job_and_bounds_queue),
        cmocka_unit_test(test_read_file_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
