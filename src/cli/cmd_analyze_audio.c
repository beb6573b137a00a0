/* cmd_analyze_audio.c - `candor analyze audio FILE`: the full delivery
 * analysis (transcript with word times, pauses, loudness, pitch, rate,
 * fillers, second-voice evidence) as JSON on stdout. A thin layer over
 * media/audio_decode.h and audio/audio.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/audio.h"
#include "base/fs.h"
#include "cli/cli.h"
#include "media/audio_decode.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: candor analyze audio FILE [options]\n"
                 "  --bias TEXT            bias recognition towards this text (question, skills)\n"
                 "  --bias-file PATH       ...or towards the text in this file\n"
                 "  --bias-weight W        interpolation weight of the bias model (0..1)\n"
                 "  --question-end S       time (s) the question ended, for time-to-first-word\n"
                 "  --no-asr               acoustic analysis only (no transcript)\n"
                 "  --model DIR            PocketSphinx model directory\n"
                 "  --offline              ignore CANDOR_ASR_URL (remote provider)\n"
                 "  --max-seconds N        reject recordings longer than N seconds\n"
                 "Prints a JSON report; timings of each stage are in metrics.timings.\n");
}

int cli_analyze_audio(int argc, char **argv)
{
    const char *file = NULL, *bias = NULL, *bias_file = NULL, *model = NULL;
    double weight = 0, max_s = 0, q_end = 0;
    int offline = 0, no_asr = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--offline") == 0) {
            offline = 1;
        } else if (strcmp(a, "--no-asr") == 0) {
            no_asr = 1;
        } else if (a[0] == '-' && a[1] == '-' && !v) {
            return cli_usage_error("analyze audio", "%s needs a value", a);
        } else if (strcmp(a, "--bias") == 0) {
            bias = v, i++;
        } else if (strcmp(a, "--bias-file") == 0) {
            bias_file = v, i++;
        } else if (strcmp(a, "--bias-weight") == 0) {
            weight = atof(v), i++;
            if (weight <= 0 || weight >= 1)
                return cli_usage_error("analyze audio", "--bias-weight must be between 0 and 1");
        } else if (strcmp(a, "--question-end") == 0) {
            q_end = atof(v), i++;
        } else if (strcmp(a, "--model") == 0) {
            model = v, i++;
        } else if (strcmp(a, "--max-seconds") == 0) {
            max_s = atof(v), i++;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("analyze audio", "unknown option '%s'", a);
        } else if (!file) {
            file = a;
        } else {
            return cli_usage_error("analyze audio", "only one FILE may be given");
        }
    }
    if (!file)
        return cli_usage_error("analyze audio", "missing FILE");

    cd_err err = {0};
    char *bias_buf = NULL;
    if (bias_file) {
        bias_buf = cd_read_file(bias_file, CD_AUDIO_BIAS_MAX_BYTES, NULL, &err);
        if (!bias_buf) {
            fprintf(stderr, "candor analyze audio: %s: %s\n", bias_file, err.msg);
            return 1;
        }
        bias = bias_buf;
    }
    int status = 1;
    float *pcm = NULL;
    size_t n = 0;
    cd_audio_asr *asr = NULL;
    cd_audio_report rep = {0};
    cd_audio_limits lim = {.max_seconds = max_s};
    long long t0 = cd_now_ns();
    if (cd_audio_decode_file(file, &lim, &pcm, &n, NULL, &err) != 0) {
        fprintf(stderr, "candor analyze audio: %s: %s\n", file, err.msg);
        goto done;
    }
    double t_decode = (double)(cd_now_ns() - t0) / 1e9;
    cd_audio_remote_cfg remote;
    int use_remote = !no_asr && !offline && cd_audio_remote_from_env(&remote);
    if (!no_asr && !use_remote && !(asr = cd_audio_asr_new(model, &err))) {
        fprintf(stderr, "candor analyze audio: %s\n", err.msg);
        goto done;
    }
    cd_audio_opts o = {.asr = asr,
                       .remote = use_remote ? &remote : NULL,
                       .bias_text = bias,
                       .bias_weight = weight,
                       .question_end_s = q_end};
    if (cd_audio_analyze(pcm, n, &o, &rep, &err) != 0) {
        fprintf(stderr, "candor analyze audio: %s\n", err.msg);
        goto done;
    }
    rep.m.t_decode_s = t_decode;
    char *json = cd_audio_report_json(&rep);
    if (json) {
        printf("%s\n", json);
        free(json);
        status = 0;
    }
done:
    cd_audio_report_free(&rep);
    cd_audio_asr_free(asr);
    free(pcm);
    free(bias_buf);
    return status;
}
