/* SSE parser tests: the same events whatever the feed sizes, every line
 * ending, comments, multi-line data, limits and a cut-off stream. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "interview/llm.h"
#include "interview/llm_sse.h"

typedef struct seen {
    int n;
    char log[4096]; /* "event=data|" per event */
    int stop_at;
} seen;

static int on_event(void *user, const char *event, const char *data, size_t len)
{
    seen *s = user;
    s->n++;
    size_t l = strlen(s->log);
    snprintf(s->log + l, sizeof s->log - l, "%s=%.*s|", event, (int)len, data);
    return s->stop_at && s->n >= s->stop_at ? CD_EUNAVAILABLE : 0;
}

static const char stream[] = ": comment line\r\n"
                             "event: message_start\r\n"
                             "data: {\"a\":1}\r\n"
                             "\r\n"
                             "data:no-space\n"
                             "data:  two spaces\n"
                             "id: 7\n"
                             "retry: 100\n"
                             "\n"
                             "event: only-event-no-data\n"
                             "\n"
                             "data\n"
                             "\n"
                             "event: x\rdata: cr only\r\r"
                             "data: [DONE]\n\n";

static const char expected[] = "message_start={\"a\":1}|message=no-space\n two spaces|"
                               "message=|x=cr only|message=[DONE]|";

static void parse_in_pieces(size_t piece, seen *s)
{
    cd_llm_sse p;
    cd_llm_sse_init(&p, 1024, on_event, s);
    cd_err e = {0};
    size_t n = sizeof stream - 1;
    for (size_t off = 0; off < n; off += piece)
        assert_int_equal(cd_llm_sse_feed(&p, stream + off, off + piece > n ? n - off : piece, &e),
                         0);
    assert_false(cd_llm_sse_pending(&p));
    cd_llm_sse_free(&p);
}

static void test_same_events_for_every_piece_size(void **state)
{
    (void)state;
    for (size_t piece = 1; piece <= sizeof stream; piece++) {
        seen s = {0};
        parse_in_pieces(piece, &s);
        if (strcmp(s.log, expected) != 0)
            fail_msg("piece %zu: got %s", piece, s.log);
        assert_int_equal(s.n, 5);
    }
}

static void test_truncated_stream_is_pending(void **state)
{
    (void)state;
    seen s = {0};
    cd_llm_sse p;
    cd_llm_sse_init(&p, 1024, on_event, &s);
    const char cut[] = "data: one\n\ndata: {\"half\":";
    assert_int_equal(cd_llm_sse_feed(&p, cut, sizeof cut - 1, NULL), 0);
    assert_int_equal(s.n, 1);
    assert_true(cd_llm_sse_pending(&p));
    cd_llm_sse_free(&p);
    /* data line complete but no blank line yet: still pending, undelivered */
    cd_llm_sse_init(&p, 1024, on_event, &s);
    assert_int_equal(cd_llm_sse_feed(&p, "data: x\n", 8, NULL), 0);
    assert_true(cd_llm_sse_pending(&p));
    assert_int_equal(s.n, 1);
    cd_llm_sse_free(&p);
}

static void test_oversized_event_is_refused(void **state)
{
    (void)state;
    seen s = {0};
    cd_llm_sse p;
    cd_llm_sse_init(&p, 64, on_event, &s);
    char big[200];
    memset(big, 'x', sizeof big);
    cd_err e = {0};
    assert_int_equal(cd_llm_sse_feed(&p, "data: ", 6, &e), 0);
    assert_int_equal(cd_llm_sse_feed(&p, big, sizeof big, &e), CD_ETOOBIG);
    assert_non_null(strstr(e.msg, "over 64 bytes"));
    /* sticky: nothing more is parsed */
    assert_int_equal(cd_llm_sse_feed(&p, "\n\n", 2, &e), CD_ETOOBIG);
    assert_int_equal(s.n, 0);
    cd_llm_sse_free(&p);
    /* many short data lines adding up past the limit */
    cd_llm_sse_init(&p, 64, on_event, &s);
    int rc = 0;
    for (int i = 0; i < 20 && rc == 0; i++)
        rc = cd_llm_sse_feed(&p, "data: 0123456789\n", 17, &e);
    assert_int_equal(rc, CD_ETOOBIG);
    cd_llm_sse_free(&p);
}

static void test_callback_can_stop(void **state)
{
    (void)state;
    seen s = {.stop_at = 2};
    cd_llm_sse p;
    cd_llm_sse_init(&p, 1024, on_event, &s);
    assert_int_equal(cd_llm_sse_feed(&p, stream, sizeof stream - 1, NULL), CD_EUNAVAILABLE);
    assert_int_equal(s.n, 2);
    cd_llm_sse_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_events_for_every_piece_size),
        cmocka_unit_test(test_truncated_stream_is_pending),
        cmocka_unit_test(test_oversized_event_is_refused),
        cmocka_unit_test(test_callback_can_stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
