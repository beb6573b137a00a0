/* Unit tests for configuration loading: defaults, file, env, flags. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "api/cache.h"
#include "api/config.h"

static void test_precedence(void **state)
{
    (void)state;
    char path[] = "/tmp/candor-conf-XXXXXX";
    int fd = mkstemp(path);
    const char *json = "{\"port\": 9000, \"workers\": 3, \"allowed-domains\": \"A.edu, b.edu\"}";
    assert_int_equal(write(fd, json, strlen(json)), (int)strlen(json));
    close(fd);
    cd_config c;
    cd_err e;
    cd_config_defaults(&c);
    assert_int_equal(c.port, 8080);
    assert_int_equal(cd_config_load_file(&c, path, &e), 0);
    assert_int_equal(c.port, 9000);
    setenv("CANDOR_PORT", "9100", 1);
    assert_int_equal(cd_config_load_env(&c, &e), 0);
    unsetenv("CANDOR_PORT");
    assert_int_equal(c.port, 9100);
    char *argv[] = {"serve", "--port=9200", "--access-log", "--data-dir", "/tmp/x", NULL};
    bool help;
    assert_int_equal(cd_config_load_args(&c, 5, argv, &help, &e), 0);
    assert_int_equal(c.port, 9200);
    assert_true(c.access_log);
    assert_int_equal(c.workers, 3);
    assert_int_equal(cd_config_finish(&c, &e), 0);
    assert_int_equal(c.n_allowed_domains, 2);
    assert_string_equal(c.allowed_domains[0], "a.edu");
    assert_string_equal(c.jwt_secret_file, "/tmp/x/jwt.key");
    unlink(path);
}

static void test_errors_name_the_setting(void **state)
{
    (void)state;
    cd_config c;
    cd_err e;
    bool help;
    cd_config_defaults(&c);
    char *bad[] = {"serve", "--port", "http", NULL};
    assert_int_not_equal(cd_config_load_args(&c, 3, bad, &help, &e), 0);
    assert_string_equal(e.field, "port");
    char *unknown[] = {"serve", "--colour", "red", NULL};
    assert_int_not_equal(cd_config_load_args(&c, 3, unknown, &help, &e), 0);
    assert_non_null(strstr(e.msg, "--colour"));
    char *missing[] = {"serve", "--port", NULL};
    assert_int_not_equal(cd_config_load_args(&c, 2, missing, &help, &e), 0);
    c.port = 70000;
    assert_int_not_equal(cd_config_finish(&c, &e), 0);
    assert_string_equal(e.field, "port");
    assert_int_not_equal(cd_config_load_file(&c, "/nonexistent/candor.json", &e), 0);
}

static void test_openapi_covers_the_route_table(void **state)
{
    (void)state;
    json_t *doc = api_openapi_build();
    assert_non_null(doc);
    json_t *paths = json_object_get(doc, "paths");
    size_t n;
    const cd_http_route *routes = cd_api_routes(&n);
    assert_true(n >= 25);
    for (size_t i = 0; i < n; i++) {
        char m[8] = "";
        for (size_t k = 0; routes[i].method[k] && k < 7; k++)
            m[k] = (char)(routes[i].method[k] | 0x20), m[k + 1] = 0;
        json_t *op = json_object_get(json_object_get(paths, routes[i].pattern), m);
        assert_non_null(op);
        assert_non_null(json_object_get(op, "summary"));
    }
    json_decref(doc);
}

static void test_cache_generation_and_lru(void **state)
{
    (void)state;
    cd_buf b;
    cd_buf_init(&b, 0);
    api_cache_put("k", 1, "hello", 5);
    assert_true(api_cache_get("k", 1, &b));
    assert_string_equal(b.data, "hello");
    cd_buf_reset(&b);
    assert_false(api_cache_get("k", 2, &b)); /* bank changed */
    assert_false(api_cache_get("other", 1, &b));
    for (int i = 0; i < API_CACHE_ENTRIES + 10; i++) {
        char key[16];
        snprintf(key, sizeof key, "k%d", i);
        api_cache_put(key, 1, "x", 1);
    }
    assert_true(api_cache_get("k300", 1, &b) || API_CACHE_ENTRIES + 10 <= 300);
    api_cache_clear();
    assert_false(api_cache_get("k1", 1, &b));
    cd_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_errors_name_the_setting),
        cmocka_unit_test(test_openapi_covers_the_route_table),
        cmocka_unit_test(test_cache_generation_and_lru),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
