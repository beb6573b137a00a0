/* Unit tests for src/auth/ratelimit.c: buckets, refill, bounded memory, threads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "auth/ratelimit.h"

static void test_new_rejects_bad_parameters(void **state)
{
    (void)state;
    assert_null(cd_ratelimit_new(0, 5, 10));
    assert_null(cd_ratelimit_new(-1, 5, 10));
    assert_null(cd_ratelimit_new(1, 0.5, 10));
    assert_null(cd_ratelimit_new(1, 5, 0));
    cd_ratelimit_free(NULL);
    /* a NULL limiter limits nothing (rate limiting switched off) */
    assert_true(cd_ratelimit_take(NULL, "k", 0, NULL));
    assert_int_equal(cd_ratelimit_size(NULL), 0);
}

static void test_burst_then_refill(void **state)
{
    (void)state;
    cd_ratelimit *rl = cd_ratelimit_new(0.5, 3, 100); /* 3 at once, then one per 2 s */
    double retry = -1;
    for (int i = 0; i < 3; i++)
        assert_true(cd_ratelimit_take(rl, "1.2.3.4", 100.0, &retry));
    assert_false(cd_ratelimit_take(rl, "1.2.3.4", 100.0, &retry));
    assert_float_equal(retry, 2.0, 1e-9);
    assert_false(cd_ratelimit_take(rl, "1.2.3.4", 101.0, &retry));
    assert_float_equal(retry, 1.0, 1e-9);
    assert_true(cd_ratelimit_take(rl, "1.2.3.4", 102.0, &retry));
    assert_false(cd_ratelimit_take(rl, "1.2.3.4", 102.0, &retry));
    /* other keys are independent */
    assert_true(cd_ratelimit_take(rl, "5.6.7.8", 102.0, NULL));
    /* a long pause refills to the burst, not beyond */
    for (int i = 0; i < 3; i++)
        assert_true(cd_ratelimit_take(rl, "1.2.3.4", 10000.0, NULL));
    assert_false(cd_ratelimit_take(rl, "1.2.3.4", 10000.0, NULL));
    /* a clock going backwards refills nothing */
    assert_false(cd_ratelimit_take(rl, "1.2.3.4", 50.0, NULL));
    cd_ratelimit_free(rl);
}

static void test_reset_forgets_a_key(void **state)
{
    (void)state;
    cd_ratelimit *rl = cd_ratelimit_new(1, 1, 10);
    assert_true(cd_ratelimit_take(rl, "ada@college.edu", 0, NULL));
    assert_false(cd_ratelimit_take(rl, "ada@college.edu", 0, NULL));
    assert_int_equal(cd_ratelimit_size(rl), 1);
    cd_ratelimit_reset(rl, "ada@college.edu");
    assert_int_equal(cd_ratelimit_size(rl), 0);
    assert_true(cd_ratelimit_take(rl, "ada@college.edu", 0, NULL));
    cd_ratelimit_reset(rl, "unknown");
    cd_ratelimit_reset(rl, NULL);
    cd_ratelimit_reset(NULL, "x");
    cd_ratelimit_free(rl);
}

static void test_memory_is_bounded_lru(void **state)
{
    (void)state;
    cd_ratelimit *rl = cd_ratelimit_new(0.001, 1, 8);
    char key[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "10.0.%d.%d", i / 256, i % 256);
        assert_true(cd_ratelimit_take(rl, key, 1.0, NULL));
        assert_true(cd_ratelimit_size(rl) <= 8);
    }
    assert_int_equal(cd_ratelimit_size(rl), 8);
    /* the 8 most recent keys are still limited ... */
    for (int i = 992; i < 1000; i++) {
        snprintf(key, sizeof key, "10.0.%d.%d", i / 256, i % 256);
        assert_false(cd_ratelimit_take(rl, key, 1.0, NULL));
    }
    /* ... and touching one keeps it while a new key evicts the oldest */
    assert_false(cd_ratelimit_take(rl, "10.0.3.224", 1.0, NULL)); /* i = 992 */
    assert_true(cd_ratelimit_take(rl, "new-key", 1.0, NULL));     /* evicts i = 993 */
    assert_false(cd_ratelimit_take(rl, "10.0.3.224", 1.0, NULL));
    assert_true(cd_ratelimit_take(rl, "10.0.3.225", 1.0, NULL)); /* forgotten: fresh bucket */
    cd_ratelimit_free(rl);
}

static void test_long_keys_are_bounded_but_distinct(void **state)
{
    (void)state;
    cd_ratelimit *rl = cd_ratelimit_new(0.001, 1, 16);
    char a[1000], b[1000];
    memset(a, 'x', sizeof a - 1);
    a[sizeof a - 1] = '\0';
    memcpy(b, a, sizeof b);
    b[sizeof b - 2] = 'y'; /* differs only after the first 256 bytes */
    assert_true(cd_ratelimit_take(rl, a, 0, NULL));
    assert_false(cd_ratelimit_take(rl, a, 0, NULL));
    assert_true(cd_ratelimit_take(rl, b, 0, NULL));
    assert_false(cd_ratelimit_take(rl, b, 0, NULL));
    assert_true(cd_ratelimit_take(rl, NULL, 0, NULL)); /* NULL is the empty key */
    assert_false(cd_ratelimit_take(rl, "", 0, NULL));
    cd_ratelimit_free(rl);
}

typedef struct worker_arg {
    cd_ratelimit *rl;
    int allowed;
} worker_arg;

static void *hammer(void *p)
{
    worker_arg *w = p;
    char key[16];
    for (int i = 0; i < 2000; i++) {
        snprintf(key, sizeof key, "k%d", i % 64);
        if (cd_ratelimit_take(w->rl, key, 5.0, NULL))
            w->allowed++;
    }
    return NULL;
}

static void test_threads_share_buckets_exactly(void **state)
{
    (void)state;
    /* 64 keys, burst 10, no refill during the test: exactly 640 takes may
     * succeed however the 4 threads interleave. */
    cd_ratelimit *rl = cd_ratelimit_new(1e-9, 10, 1024);
    pthread_t t[4];
    worker_arg w[4] = {{rl, 0}, {rl, 0}, {rl, 0}, {rl, 0}};
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, hammer, &w[i]);
    int total = 0;
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        total += w[i].allowed;
    }
    assert_int_equal(total, 640);
    assert_int_equal(cd_ratelimit_size(rl), 64);
    cd_ratelimit_free(rl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_rejects_bad_parameters),
        cmocka_unit_test(test_burst_then_refill),
        cmocka_unit_test(test_reset_forgets_a_key),
        cmocka_unit_test(test_memory_is_bounded_lru),
        cmocka_unit_test(test_long_keys_are_bounded_but_distinct),
        cmocka_unit_test(test_threads_share_buckets_exactly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
