/* Unit tests for cd_jwks_fetch(): against a loopback HTTP server started
 * here, never the internet. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/google.h"
#include "helper_jwt.h"

static EVP_PKEY *key;
static char *jwks_text, *huge;
static th_httpd *srv;
static char redirect_hdr[256];
static th_route routes[6];

static int setup(void **state)
{
    (void)state;
    key = th_rsa_generate(2048);
    const char *kid = "fetched";
    jwks_text = th_jwks_json(&key, &kid, 1);
    huge = malloc(CD_JWKS_MAX_BYTES * 2);
    memset(huge, ' ', CD_JWKS_MAX_BYTES * 2);
    routes[0] = (th_route){"/certs", 200, NULL, jwks_text, strlen(jwks_text), 0};
    routes[1] = (th_route){"/huge", 200, NULL, huge, CD_JWKS_MAX_BYTES * 2, 0};
    routes[2] = (th_route){"/slow", 200, NULL, jwks_text, strlen(jwks_text), 1500};
    routes[3] = (th_route){"/garbage", 200, NULL, "<html>", 6, 0};
    routes[4] = (th_route){"/error", 500, NULL, "{}", 2, 0};
    snprintf(redirect_hdr, sizeof redirect_hdr, "Location: file:///etc/passwd\r\n");
    routes[5] = (th_route){"/to-file", 302, redirect_hdr, "", 0, 0};
    srv = th_httpd_start(routes, 6);
    return key && srv ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    th_httpd_stop(srv);
    free(huge);
    free(jwks_text);
    EVP_PKEY_free(key);
    return 0;
}

static cd_jwks *fetch(const char *path, long timeout_ms, cd_err *e)
{
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", th_httpd_port(srv), path);
    return cd_jwks_fetch(url, timeout_ms, e);
}

static void test_fetch_ok(void **state)
{
    (void)state;
    cd_err e = {0};
    cd_jwks *k = fetch("/certs", 5000, &e);
    assert_non_null(k);
    assert_int_equal(cd_jwks_count(k), 1);
    assert_true(cd_jwks_has_kid(k, "fetched"));
    cd_jwks_free(k);
}

static void test_fetch_404_and_500(void **state)
{
    (void)state;
    cd_err e = {0};
    assert_null(fetch("/nope", 5000, &e));
    assert_int_equal(e.code, CD_EUNAVAILABLE);
    assert_non_null(strstr(e.msg, "HTTP 404"));
    assert_null(fetch("/error", 5000, &e));
    assert_non_null(strstr(e.msg, "HTTP 500"));
}

static void test_fetch_oversized_body(void **state)
{
    (void)state;
    cd_err e = {0};
    assert_null(fetch("/huge", 5000, &e));
    assert_int_equal(e.code, CD_ETOOBIG);
}

static void test_fetch_timeout(void **state)
{
    (void)state;
    cd_err e = {0};
    assert_null(fetch("/slow", 300, &e));
    assert_int_equal(e.code, CD_ETIMEOUT);
}

static void test_fetch_not_a_jwks(void **state)
{
    (void)state;
    cd_err e = {0};
    assert_null(fetch("/garbage", 5000, &e));
    assert_int_equal(e.code, CD_EINVAL);
    assert_string_equal(e.field, "jwks");
}

static void test_fetch_refuses_other_schemes(void **state)
{
    (void)state;
    cd_err e = {0};
    assert_null(cd_jwks_fetch("file:///etc/passwd", 1000, &e));
    assert_int_equal(e.code, CD_EINVAL);
    assert_string_equal(e.field, "jwks_url");
    assert_null(cd_jwks_fetch("ftp://127.0.0.1/x", 1000, &e));
    assert_int_equal(e.code, CD_EINVAL);
    assert_null(cd_jwks_fetch("gopher://127.0.0.1/x", 1000, &e));
    assert_null(cd_jwks_fetch(NULL, 1000, &e));
    assert_int_equal(e.code, CD_EINVAL);
    /* and a redirect may not switch to one either */
    assert_null(fetch("/to-file", 5000, &e));
    assert_int_not_equal(e.code, CD_OK);
    assert_string_equal(e.field, "jwks_url");
}

static void test_fetch_connection_refused(void **state)
{
    (void)state;
    /* port 1 on loopback: nothing listens there */
    cd_err e = {0};
    assert_null(cd_jwks_fetch("http://127.0.0.1:1/certs", 2000, &e));
    assert_int_equal(e.code, CD_EUNAVAILABLE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fetch_ok),
        cmocka_unit_test(test_fetch_404_and_500),
        cmocka_unit_test(test_fetch_oversized_body),
        cmocka_unit_test(test_fetch_timeout),
        cmocka_unit_test(test_fetch_not_a_jwks),
        cmocka_unit_test(test_fetch_refuses_other_schemes),
        cmocka_unit_test(test_fetch_connection_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
