/* test_prosody.c - loudness, pitch, VAD and clipping on signals whose true
 * values are known by construction. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audio/voices.h"
#include "helper_audio.h"
#include "media/audio_decode.h"

static void test_lufs_of_a_sine(void **state)
{
    (void)state;
    /* BS.1770: a 997 Hz sine at amplitude A reads 20*log10(A) - 3.01 LUFS. */
    size_t n = 5 * CD_AUDIO_RATE;
    float *x = malloc(n * sizeof *x);
    for (size_t i = 0; i < n; i++)
        x[i] = (float)(0.1 * sin(2 * M_PI * 997 * (double)i / CD_AUDIO_RATE));
    double var = -1;
    double l = cd_audio_lufs(x, n, &var);
    if (fabs(l - (-23.01)) > 0.3)
        fail_msg("LUFS %.2f, expected -23.01", l);
    assert_true(var < 0.2); /* a steady tone does not vary */
    /* Silence is below the absolute gate. */
    memset(x, 0, n * sizeof *x);
    assert_true(cd_audio_lufs(x, n, NULL) <= -70);
    free(x);
}

static void test_yin_tracks_pitch(void **state)
{
    (void)state;
    const double freqs[] = {80, 120, 150, 220, 350};
    for (size_t k = 0; k < sizeof freqs / sizeof freqs[0]; k++) {
        size_t n;
        float *x = make_voice(1.0, freqs[k], freqs[k], 0.3, &n);
        cd_audio_frames f = {0};
        assert_int_equal(cd_audio_frames_update(&f, x, n, true), 0);
        size_t voiced = 0, good = 0;
        for (size_t i = 10; i + 10 < f.n; i++) {
            if (f.v[i].f0 > 0) {
                voiced++;
                good += fabs(f.v[i].f0 - freqs[k]) / freqs[k] < 0.02;
            }
        }
        if (voiced < (f.n - 20) * 9 / 10 || good < voiced * 95 / 100)
            fail_msg("%.0f Hz: %zu voiced of %zu frames, %zu within 2%%", freqs[k], voiced,
                     f.n - 20, good);
        cd_audio_frames_free(&f);
        free(x);
    }
}

static void test_incremental_frames_equal_whole(void **state)
{
    (void)state;
    size_t n;
    float *x = make_voice(2.0, 120, 180, 0.2, &n);
    cd_audio_frames whole = {0}, inc = {0};
    cd_audio_frames_update(&whole, x, n, true);
    for (size_t fed = 0; fed < n;) {
        fed += 1234;
        if (fed > n)
            fed = n;
        cd_audio_frames_update(&inc, x, fed, false);
    }
    cd_audio_frames_update(&inc, x, n, true);
    assert_int_equal(whole.n, inc.n);
    for (size_t i = 0; i < whole.n; i++) {
        assert_float_equal(whole.v[i].db, inc.v[i].db, 1e-4);
        assert_float_equal(whole.v[i].f0, inc.v[i].f0, 1e-3);
    }
    cd_audio_frames_free(&whole);
    cd_audio_frames_free(&inc);
    free(x);
}

/* Voice bursts separated by silences of known length, over a noise floor. */
static void test_vad_and_pauses(void **state)
{
    (void)state;
    const double bursts[][2] = {{0.5, 2.0}, {2.4, 4.0}, {6.5, 8.0}}; /* gaps 0.4 s, 2.5 s */
    size_t n = 9 * CD_AUDIO_RATE, vn;
    float *x = calloc(n, sizeof *x);
    float *v = make_voice(9.0, 110, 140, 0.2, &vn);
    srand(3);
    for (size_t i = 0; i < n; i++)
        x[i] = (float)(0.003 * ((double)rand() / RAND_MAX - 0.5)); /* ~ -60 dBFS */
    for (size_t b = 0; b < 3; b++)
        for (size_t i = (size_t)(bursts[b][0] * CD_AUDIO_RATE);
             i < (size_t)(bursts[b][1] * CD_AUDIO_RATE); i++)
            x[i] += v[i];
    cd_audio_report r;
    cd_err err = {0};
    assert_int_equal(cd_audio_analyze(x, n, NULL, &r, &err), 0);
    size_t speech = 0;
    for (size_t i = 0; i < r.segments.n; i++)
        speech += r.segments.v[i].speech;
    assert_int_equal(speech, 3);
    for (size_t b = 0; b < 3; b++) {
        assert_true(fabs(r.segments.v[b].start - bursts[b][0]) < 0.05);
        assert_true(fabs(r.segments.v[b].end - bursts[b][1]) < 0.05);
    }
    assert_int_equal(r.m.pauses, 2);
    assert_int_equal(r.m.long_pauses, 1);
    assert_true(fabs(r.m.pause_max_s - 2.5) < 0.1);
    assert_true(fabs(r.m.first_word_s - 0.5) < 0.05);
    assert_int_equal(cd_audio_events_count(&r.events, "long_pause"), 1);
    assert_true(r.m.loudness.snr_db > 30);
    cd_audio_report_free(&r);
    free(x);
    free(v);
}

static void test_monotone_vs_lively(void **state)
{
    (void)state;
    size_t n;
    float *flat = make_voice(4.0, 120, 121, 0.2, &n);
    cd_audio_report r;
    assert_int_equal(cd_audio_analyze(flat, n, NULL, &r, NULL), 0);
    assert_true(r.m.pitch.monotone);
    assert_true(fabs(r.m.pitch.median_hz - 120.5) < 2);
    cd_audio_report_free(&r);
    free(flat);
    /* An octave of glide: range ~ 12 semitones, not monotone. */
    float *lively = make_voice(4.0, 100, 200, 0.2, &n);
    assert_int_equal(cd_audio_analyze(lively, n, NULL, &r, NULL), 0);
    assert_false(r.m.pitch.monotone);
    assert_true(r.m.pitch.range_st > 9 && r.m.pitch.range_st < 13);
    cd_audio_report_free(&r);
    free(lively);
}

static void test_clipping_and_silence(void **state)
{
    (void)state;
    size_t n;
    float *x = make_voice(3.0, 150, 150, 3.0, &n); /* far over full scale */
    for (size_t i = 0; i < n; i++)
        x[i] = x[i] > 1 ? 1 : x[i] < -1 ? -1 : x[i];
    cd_audio_report r;
    assert_int_equal(cd_audio_analyze(x, n, NULL, &r, NULL), 0);
    assert_true(r.m.loudness.clipped_fraction > 0.1);
    assert_true(cd_audio_events_count(&r.events, "clipping") >= 1);
    cd_audio_report_free(&r);
    memset(x, 0, n * sizeof *x);
    assert_int_equal(cd_audio_analyze(x, n, NULL, &r, NULL), 0);
    assert_int_equal(r.segments.n, 0);
    assert_true(r.m.first_word_s < 0);
    assert_int_equal(r.m.pauses, 0);
    assert_true(r.m.loudness.peak_dbfs <= -99);
    cd_audio_report_free(&r);
    /* Zero samples is a valid, empty recording. */
    assert_int_equal(cd_audio_analyze(x, 0, NULL, &r, NULL), 0);
    cd_audio_report_free(&r);
    free(x);
}

static void test_second_voice(void **state)
{
    (void)state;
    size_t n1, n2;
    float *a = make_voice(6.0, 105, 125, 0.2, &n1), *b = make_voice(3.0, 210, 240, 0.2, &n2);
    float *x = malloc((n1 + n2) * sizeof *x);
    memcpy(x, a, n1 * sizeof *x);
    memcpy(x + n1, b, n2 * sizeof *x);
    cd_audio_report r;
    assert_int_equal(cd_audio_analyze(x, n1 + n2, NULL, &r, NULL), 0);
    assert_int_equal(cd_audio_events_count(&r.events, "second_voice"), 1);
    for (size_t i = 0; i < r.events.n; i++)
        if (strcmp(r.events.v[i].kind, "second_voice") == 0)
            assert_true(r.events.v[i].start >= 5.0 && r.events.v[i].start <= 7.0);
    cd_audio_report_free(&r);
    /* One voice alone: no evidence. */
    assert_int_equal(cd_audio_analyze(a, n1, NULL, &r, NULL), 0);
    assert_int_equal(cd_audio_events_count(&r.events, "second_voice"), 0);
    cd_audio_report_free(&r);
    free(a);
    free(b);
    free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lufs_of_a_sine),
        cmocka_unit_test(test_yin_tracks_pitch),
        cmocka_unit_test(test_incremental_frames_equal_whole),
        cmocka_unit_test(test_vad_and_pauses),
        cmocka_unit_test(test_monotone_vs_lively),
        cmocka_unit_test(test_clipping_and_silence),
        cmocka_unit_test(test_second_voice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
