/* test_stream.c - the live API: words arrive while the answer is still
 * being fed, running metrics follow the speaker, and the final report
 * agrees with the whole-file analysis. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audio/stream.h"
#include "helper_audio.h"
#include "media/audio_decode.h"

#define CHUNK 1600 /* 100 ms, as the browser sends them */

static void test_live_answer(void **state)
{
    (void)state;
    size_t n;
    float *pcm = load_fixture("answer1.wav", &n);
    cd_audio_opts o = {.asr = shared_asr()};
    cd_err err = {0};
    cd_audio_stream *s = cd_audio_stream_new(&o, &err);
    assert_non_null(s);
    cd_audio_words got = {0};
    cd_audio_live live;
    size_t words_at_8s = 0;
    bool saw_speaking = false, saw_long_silence = false;
    for (size_t off = 0; off < n; off += CHUNK) {
        size_t m = n - off < CHUNK ? n - off : CHUNK;
        assert_int_equal(cd_audio_stream_feed(s, pcm + off, m, &err), 0);
        assert_int_equal(cd_audio_stream_poll(s, &got, &live), 0);
        double t = (double)(off + m) / CD_AUDIO_RATE;
        if (t >= 2.0 && t < 6.0)
            saw_speaking |= live.speaking;
        if (t > 8.3 && t < 8.9) /* inside the 2.5 s pause (6.46-8.96) */
            saw_long_silence |= live.current_silence_s > 1.5 && !live.speaking;
        if (fabs(t - 8.0) < 0.05)
            words_at_8s = got.n;
    }
    /* The first stretch (0-6.3 s) was transcribed during the pause. */
    assert_true(words_at_8s >= 8);
    assert_true(saw_speaking);
    assert_true(saw_long_silence);
    assert_true(live.first_word_s >= 0 && live.first_word_s < 0.5);
    cd_audio_report r;
    assert_int_equal(cd_audio_stream_finish(s, &r, &err), 0);
    assert_true(r.words.n >= got.n && r.words.n >= 30);
    assert_int_equal(r.m.pauses, 2);
    assert_int_equal(r.m.long_pauses, 1);
    /* Same recording, whole-file analysis: the same pauses. */
    cd_audio_report whole;
    assert_int_equal(cd_audio_analyze(pcm, n, &o, &whole, &err), 0);
    assert_int_equal(whole.m.pauses, r.m.pauses);
    assert_true(fabs(whole.m.pause_max_s - r.m.pause_max_s) < 0.1);
    assert_true(fabs(whole.m.articulation_rate - r.m.articulation_rate) < 0.3);
    /* A finished stream takes no more audio. */
    assert_int_equal(cd_audio_stream_feed(s, pcm, 10, &err), CD_ECONFLICT);
    cd_audio_report_free(&whole);
    cd_audio_report_free(&r);
    cd_audio_words_free(&got);
    cd_audio_stream_free(s);
    free(pcm);
}

static void test_silent_stream(void **state)
{
    (void)state;
    cd_err err = {0};
    cd_audio_stream *s = cd_audio_stream_new(NULL, &err); /* acoustic only */
    float zeros[CHUNK] = {0};
    for (int i = 0; i < 30; i++)
        assert_int_equal(cd_audio_stream_feed(s, zeros, CHUNK, &err), 0);
    cd_audio_live live;
    assert_int_equal(cd_audio_stream_poll(s, NULL, &live), 0);
    assert_false(live.speaking);
    assert_true(live.first_word_s < 0);
    assert_true(fabs(live.elapsed_s - 3.0) < 0.01);
    cd_audio_report r;
    assert_int_equal(cd_audio_stream_finish(s, &r, &err), 0);
    assert_int_equal(r.words.n, 0);
    assert_true(r.m.first_word_s < 0);
    cd_audio_report_free(&r);
    cd_audio_stream_free(s);
}

static int teardown(void **state)
{
    (void)state;
    shared_asr_free();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_live_answer),
        cmocka_unit_test(test_silent_stream),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
