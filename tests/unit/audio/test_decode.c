/* test_decode.c - every container a browser or phone produces decodes to
 * the same 16 kHz mono signal; bad input gives a clear error. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helper_audio.h"
#include "media/audio_decode.h"

#define ANSWER_SECONDS 21.39 /* answer1.wav as synthesised */

static void decodes_like_the_wav(const char *name, double tolerance_s)
{
    float *pcm = NULL;
    size_t n = 0;
    cd_audio_info info;
    cd_err err = {0};
    int rc = cd_audio_decode_file(fixture(name), NULL, &pcm, &n, &info, &err);
    if (rc != 0)
        fail_msg("%s: %s", name, err.msg);
    double secs = (double)n / CD_AUDIO_RATE;
    if (fabs(secs - ANSWER_SECONDS) > tolerance_s)
        fail_msg("%s: %.3f s decoded, expected %.2f", name, secs, ANSWER_SECONDS);
    assert_true(info.seconds > 0);
    /* The signal is there at speech level, not silence or garbage. */
    double sq = 0, peak = 0;
    for (size_t i = 0; i < n; i++) {
        sq += (double)pcm[i] * pcm[i];
        if (fabs(pcm[i]) > peak)
            peak = fabs(pcm[i]);
    }
    double rms_db = 10 * log10(sq / (double)n);
    if (rms_db < -35 || rms_db > -10 || peak > 1.01)
        fail_msg("%s: level %.1f dBFS, peak %.2f", name, rms_db, peak);
    free(pcm);
}

static void test_containers(void **state)
{
    (void)state;
    decodes_like_the_wav("answer1.wav", 0.01);
    decodes_like_the_wav("answer1.webm", 0.05);
    decodes_like_the_wav("answer1.ogg", 0.05);
    decodes_like_the_wav("answer1.mp3", 0.1);
    decodes_like_the_wav("answer1.m4a", 0.1);
    decodes_like_the_wav("answer1.mp4", 0.1);
    decodes_like_the_wav("answer1_48k_stereo.wav", 0.01);
    decodes_like_the_wav("answer1_8k.wav", 0.01);
}

static void expect_error(const char *name, cd_errcode code)
{
    float *pcm = NULL;
    size_t n = 0;
    cd_err err = {0};
    int rc = cd_audio_decode_file(fixture(name), NULL, &pcm, &n, NULL, &err);
    if (rc != (int)code)
        fail_msg("%s: got %d (%s), expected %d", name, rc, err.msg, code);
    assert_null(pcm);
    assert_true(strlen(err.msg) > 10); /* a message a person can act on */
}

static void test_bad_inputs(void **state)
{
    (void)state;
    expect_error("empty.wav", CD_EINVAL);
    expect_error("fake_audio.wav", CD_EUNSUPPORTED);
    expect_error("fake_audio.jpg", CD_EUNSUPPORTED);
    expect_error("truncated_header.webm", CD_EUNSUPPORTED);
    expect_error("long.ogg", CD_ETOOBIG);
    expect_error("no_such_file.wav", CD_ENOTFOUND);
}

static void test_truncated_keeps_what_decodes(void **state)
{
    (void)state;
    float *pcm = NULL;
    size_t n = 0;
    cd_err err = {0};
    assert_int_equal(cd_audio_decode_file(fixture("truncated.webm"), NULL, &pcm, &n, NULL, &err),
                     0);
    double secs = (double)n / CD_AUDIO_RATE;
    assert_true(secs > 2 && secs < ANSWER_SECONDS - 5);
    free(pcm);
}

static void test_limits(void **state)
{
    (void)state;
    float *pcm = NULL;
    size_t n = 0;
    cd_err err = {0};
    cd_audio_limits secs = {.max_seconds = 5};
    assert_int_equal(cd_audio_decode_file(fixture("answer1.webm"), &secs, &pcm, &n, NULL, &err),
                     CD_ETOOBIG);
    assert_null(pcm);
    cd_audio_limits bytes = {.max_input_bytes = 1000};
    assert_int_equal(cd_audio_decode_file(fixture("answer1.wav"), &bytes, &pcm, &n, NULL, &err),
                     CD_ETOOBIG);
    /* Random bytes in memory: an error, not a crash. */
    unsigned char junk[4096];
    srand(7);
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)rand();
    assert_int_not_equal(cd_audio_decode_mem(junk, sizeof junk, NULL, &pcm, &n, NULL, &err), 0);
}

static void test_from_s16(void **state)
{
    (void)state;
    /* 1 s of a 440 Hz tone at 48 kHz stereo, left channel only. */
    short *pcm = calloc(48000 * 2, sizeof *pcm);
    for (int i = 0; i < 48000; i++)
        pcm[2 * i] = (short)(16000 * sin(2 * M_PI * 440 * i / 48000.0));
    float *out = NULL;
    size_t n = 0;
    cd_err err = {0};
    assert_int_equal(cd_audio_from_s16(pcm, 48000, 48000, 2, &out, &n, &err), 0);
    assert_true(n > 15900 && n <= 16000);
    double peak = 0;
    for (size_t i = 1000; i < n - 1000; i++)
        peak = fabs(out[i]) > peak ? fabs(out[i]) : peak;
    /* swresample downmixes stereo to mono as (L+R)/sqrt(2): a signal in
     * one channel arrives at 16000/32768/sqrt(2). */
    if (fabs(peak - 0.345) > 0.03)
        fail_msg("peak %.3f", peak);
    free(out);
    assert_int_equal(cd_audio_from_s16(pcm, 10, 1000, 1, &out, &n, &err), CD_EINVAL);
    free(pcm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_containers),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_truncated_keeps_what_decodes),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_from_s16),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
