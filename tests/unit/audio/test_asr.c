/* test_asr.c - PocketSphinx transcription with word times, context biasing,
 * and the whole pipeline on a synthesised answer. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helper_audio.h"
#include "media/audio_decode.h"

static float *load_librivox(const char *id, size_t *n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/sense_and_sensibility_01_austen_64kb-%s.wav", LIBRIVOX_DIR, id);
    float *pcm = NULL;
    cd_err err = {0};
    if (cd_audio_decode_file(path, NULL, &pcm, n, NULL, &err) != 0)
        fail_msg("%s: %s", path, err.msg);
    return pcm;
}

/* Reference words found in the hypothesis in order (longest common
 * subsequence), as a share of the reference. */
static double recall_in_order(const cd_audio_words *hyp, const char *ref)
{
    char buf[512], *words[64];
    size_t nr = 0;
    snprintf(buf, sizeof buf, "%s", ref);
    for (char *save = NULL, *t = strtok_r(buf, " ", &save); t && nr < 64;
         t = strtok_r(NULL, " ", &save))
        words[nr++] = t;
    size_t lcs[65][65] = {{0}};
    for (size_t i = 1; i <= nr; i++)
        for (size_t j = 1; j <= hyp->n && j <= 64; j++)
            lcs[i][j] = strcmp(words[i - 1], hyp->v[j - 1].text) == 0
                            ? lcs[i - 1][j - 1] + 1
                            : (lcs[i - 1][j] > lcs[i][j - 1] ? lcs[i - 1][j] : lcs[i][j - 1]);
    size_t m = hyp->n < 64 ? hyp->n : 64;
    return (double)lcs[nr][m] / (double)nr;
}

static void check_word_times(const cd_audio_words *w, double duration)
{
    for (size_t i = 0; i < w->n; i++) {
        assert_true(w->v[i].start >= 0 && w->v[i].end <= duration + 0.01);
        assert_true(w->v[i].end > w->v[i].start);
        assert_true(w->v[i].conf >= 0 && w->v[i].conf <= 1);
        if (i > 0)
            assert_true(w->v[i].start >= w->v[i - 1].end - 0.011);
    }
}

static void test_librivox_plain(void **state)
{
    (void)state;
    size_t n;
    float *pcm = load_librivox("0930", &n);
    cd_audio_words w = {0};
    cd_err err = {0};
    assert_int_equal(cd_audio_asr_set_bias(shared_asr(), NULL, 0, &err), 0);
    assert_int_equal(cd_audio_asr_decode(shared_asr(), pcm, n, 0, &w, &err), 0);
    double r = recall_in_order(&w, "he might even have been made amiable himself");
    if (r < 0.5)
        fail_msg("only %.0f%% of the reference recognised", r * 100);
    check_word_times(&w, (double)n / CD_AUDIO_RATE);
    cd_audio_words_free(&w);
    free(pcm);
}

static void test_bias_model(void **state)
{
    (void)state;
    /* The ARPA text is well formed and keeps only dictionary words. */
    size_t nw = 0;
    char *arpa = cd_audio_bias_arpa("Kubernetes and Python. Zorblaxian skills!", NULL, NULL, &nw);
    assert_non_null(arpa);
    assert_non_null(strstr(arpa, "\\data\\"));
    assert_non_null(strstr(arpa, " python "));
    assert_non_null(strstr(arpa, "\\end\\"));
    free(arpa);
    cd_err err = {0};
    int known =
        cd_audio_asr_set_bias(shared_asr(), "Zorblaxian teamwork; amiable disposition.", 0.4, &err);
    assert_true(known > 10); /* the interview phrasing plus the known words */
    /* Biased decoding works and is deterministic when switched back. */
    size_t n;
    float *pcm = load_librivox("0880", &n);
    cd_audio_words biased = {0}, plain1 = {0}, plain2 = {0};
    assert_int_equal(cd_audio_asr_decode(shared_asr(), pcm, n, 0, &biased, &err), 0);
    assert_true(biased.n > 3);
    assert_int_equal(cd_audio_asr_set_bias(shared_asr(), NULL, 0, &err), 0);
    assert_int_equal(cd_audio_asr_decode(shared_asr(), pcm, n, 0, &plain1, &err), 0);
    assert_int_equal(cd_audio_asr_decode(shared_asr(), pcm, n, 0, &plain2, &err), 0);
    assert_int_equal(plain1.n, plain2.n);
    for (size_t i = 0; i < plain1.n; i++)
        assert_string_equal(plain1.v[i].text, plain2.v[i].text);
    cd_audio_words_free(&biased);
    cd_audio_words_free(&plain1);
    cd_audio_words_free(&plain2);
    free(pcm);
    /* Oversized bias text is refused. */
    char *big = malloc(CD_AUDIO_BIAS_MAX_BYTES + 2);
    memset(big, 'a', CD_AUDIO_BIAS_MAX_BYTES + 1);
    big[CD_AUDIO_BIAS_MAX_BYTES + 1] = '\0';
    assert_int_equal(cd_audio_asr_set_bias(shared_asr(), big, 0, &err), -1);
    assert_int_equal(err.code, CD_ETOOBIG);
    free(big);
}

static void test_pipeline_on_answer(void **state)
{
    (void)state;
    size_t n;
    float *pcm = load_fixture("answer1.wav", &n);
    cd_audio_opts o = {.asr = shared_asr(),
                       .bias_text = "Tell me about a project you are proud of."};
    cd_audio_report r;
    cd_err err = {0};
    assert_int_equal(cd_audio_analyze(pcm, n, &o, &r, &err), 0);
    assert_string_equal(r.asr_engine, "pocketsphinx");
    assert_true(r.words.n >= 30); /* 56 words spoken */
    check_word_times(&r.words, (double)n / CD_AUDIO_RATE);
    /* Every word lies inside (or at the padded edge of) a speech segment. */
    for (size_t i = 0; i < r.words.n; i++) {
        bool inside = false;
        for (size_t s = 0; s < r.segments.n; s++)
            inside |= r.words.v[i].start >= r.segments.v[s].start - 0.2 &&
                      r.words.v[i].end <= r.segments.v[s].end + 0.2;
        if (!inside)
            fail_msg("\"%s\" at %.2f-%.2f s lies outside every speech segment", r.words.v[i].text,
                     r.words.v[i].start, r.words.v[i].end);
    }
    assert_true(r.m.wpm > 100 && r.m.wpm < 220);
    /* espeak-ng's "um"/"uh" are recognised as some vocal filler. */
    assert_true(cd_audio_events_count(&r.events, "filler") >= 1);
    char *json = cd_audio_report_json(&r);
    assert_non_null(strstr(json, "\"words\""));
    assert_non_null(strstr(json, "\"long_pause\""));
    free(json);
    cd_audio_report_free(&r);
    free(pcm);
}

/* Filler "like" against the verb use, in synthesised speech through the
 * whole pipeline: "it feels like a good fit" counts no filler, "the first
 * week was, like, really hard" counts one. Both must be recognised as
 * containing "like" first, or the test proves nothing. */
static size_t like_fillers(const char *wav, const char *bias)
{
    size_t n;
    float *pcm = load_fixture(wav, &n);
    cd_audio_opts o = {.asr = shared_asr(), .bias_text = bias};
    cd_audio_report r;
    cd_err err = {0};
    assert_int_equal(cd_audio_analyze(pcm, n, &o, &r, &err), 0);
    bool heard = false;
    for (size_t i = 0; i < r.words.n; i++)
        heard |= strcmp(r.words.v[i].text, "like") == 0;
    if (!heard)
        fail_msg("%s: \"like\" was not recognised at all", wav);
    size_t likes = 0;
    for (size_t i = 0; i < r.events.n; i++)
        likes +=
            strcmp(r.events.v[i].kind, "filler") == 0 && strcmp(r.events.v[i].detail, "like") == 0;
    cd_audio_report_free(&r);
    free(pcm);
    return likes;
}

static void test_like_in_speech(void **state)
{
    (void)state;
    const char *q = "Why do you want this role?";
    assert_int_equal(like_fillers("like_verb.wav", q), 0);
    assert_int_equal(like_fillers("like_filler.wav", q), 1);
}

static void test_transcript_formats(void **state)
{
    (void)state;
    cd_audio_words w = {0};
    cd_audio_words_push(&w, "Hello", 0.5, 0.9, 0.9);
    cd_audio_words_push(&w, "world", 1.0, 3661.25, 0.8);
    char *vtt = cd_audio_transcript_render(&w, CD_TRANSCRIPT_VTT);
    assert_non_null(strstr(vtt, "WEBVTT\n\n1\n00:00:00.500 --> 00:00:00.900\nhello\n"));
    assert_non_null(strstr(vtt, "2\n00:00:01.000 --> 01:01:01.250\nworld\n"));
    char *srt = cd_audio_transcript_render(&w, CD_TRANSCRIPT_SRT);
    assert_non_null(strstr(srt, "00:00:00,500 --> 00:00:00,900"));
    char *txt = cd_audio_transcript_render(&w, CD_TRANSCRIPT_TXT);
    assert_string_equal(txt, "hello world\n");
    char *json = cd_audio_transcript_render(&w, CD_TRANSCRIPT_JSON);
    assert_non_null(strstr(json, "\"text\": \"hello world\""));
    assert_int_equal(cd_transcript_format_parse("srt"), CD_TRANSCRIPT_SRT);
    assert_int_equal(cd_transcript_format_parse("doc"), -1);
    free(vtt);
    free(srt);
    free(txt);
    free(json);
    cd_audio_words_free(&w);
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
        cmocka_unit_test(test_librivox_plain),     cmocka_unit_test(test_bias_model),
        cmocka_unit_test(test_pipeline_on_answer), cmocka_unit_test(test_like_in_speech),
        cmocka_unit_test(test_transcript_formats),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
