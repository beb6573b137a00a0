/* Unit tests for the HTTP router and response helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "http/internal.h"

static void noop(const cd_http_request *req, cd_http_response *resp, void *app)
{
    (void)req;
    (void)resp;
    (void)app;
}

static const cd_http_route routes[] = {
    {"GET", "/api/questions", noop, 0, NULL},
    {"GET", "/api/questions/{id}", noop, 0, NULL},
    {"PUT", "/api/questions/{id}", noop, 0, NULL},
    {"POST", "/api/interviews/{id}/answers", noop, 0, NULL},
};

static cd_http_server srv = {.routes = routes, .nroutes = 4};

static void test_matches_and_captures(void **state)
{
    (void)state;
    cd_http_request req;
    bool pm;
    memset(&req, 0, sizeof req);
    assert_int_equal(router_match(&srv, "GET", "/api/questions", &req, &pm), 0);
    assert_int_equal(router_match(&srv, "GET", "/api/questions/", &req, &pm), 0);
    assert_int_equal(router_match(&srv, "PUT", "/api/questions/42", &req, &pm), 2);
    assert_string_equal(req.params[0], "42");
    assert_int_equal(router_match(&srv, "POST", "/api/interviews/7/answers", &req, &pm), 3);
    assert_string_equal(req.params[0], "7");
    assert_string_equal(req.route_name, "/api/interviews/{id}/answers");
}

static void test_misses_and_405(void **state)
{
    (void)state;
    cd_http_request req;
    bool pm;
    memset(&req, 0, sizeof req);
    assert_int_equal(router_match(&srv, "DELETE", "/api/questions/1", &req, &pm), -1);
    assert_true(pm); /* path exists with other methods */
    assert_int_equal(router_match(&srv, "GET", "/api/questionsX", &req, &pm), -1);
    assert_false(pm);
    assert_int_equal(router_match(&srv, "GET", "/api/questions/1/2", &req, &pm), -1);
    assert_int_equal(router_match(&srv, "POST", "/api/interviews//answers", &req, &pm), -1);
    char longseg[300];
    memset(longseg, 'a', sizeof longseg - 1);
    longseg[sizeof longseg - 1] = 0;
    char path[400];
    snprintf(path, sizeof path, "/api/questions/%s", longseg);
    assert_int_equal(router_match(&srv, "GET", path, &req, &pm), -1);
}

static void test_error_body_shape(void **state)
{
    (void)state;
    cd_http_response r;
    memset(&r, 0, sizeof r);
    cd_buf_init(&r.body, 0);
    cd_http_errorf(&r, CD_EINVAL, "email", "bad <%s>", "x\"y");
    assert_int_equal(r.status, 400);
    json_t *v = json_loads(r.body.data, 0, NULL);
    json_t *err = json_object_get(v, "error");
    assert_string_equal(json_string_value(json_object_get(err, "code")), "invalid_argument");
    assert_string_equal(json_string_value(json_object_get(err, "field")), "email");
    assert_string_equal(json_string_value(json_object_get(err, "message")), "bad <x\"y>");
    json_decref(v);
    cd_buf_free(&r.body);
}

static void test_query_lookup(void **state)
{
    (void)state;
    cd_http_request req;
    memset(&req, 0, sizeof req);
    memcpy(req.query, "role=backend\0q=a=b\0rolex=1", 27);
    req.query_args[0] = req.query;
    req.query_args[1] = req.query + 13;
    req.query_args[2] = req.query + 19;
    req.nquery = 3;
    assert_string_equal(cd_http_query(&req, "role"), "backend");
    assert_string_equal(cd_http_query(&req, "q"), "a=b");
    assert_null(cd_http_query(&req, "page"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches_and_captures),
        cmocka_unit_test(test_misses_and_405),
        cmocka_unit_test(test_error_body_shape),
        cmocka_unit_test(test_query_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
