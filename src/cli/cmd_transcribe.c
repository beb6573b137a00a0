/* cmd_transcribe.c - `candor transcribe FILE [--format txt|json|vtt|srt]`:
 * decode any supported recording and print its words with timings. A thin
 * layer over media/audio_decode.h and audio/audio.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/audio.h"
#include "base/fs.h"
#include "cli/cli.h"
#include "media/audio_decode.h"

static void usage(FILE *out)
{
    fprintf(
        out,
        "usage: candor transcribe FILE [options]\n"
        "  --format txt|json|vtt|srt  output format (default txt)\n"
        "  --bias TEXT                bias recognition towards this text (question, skills)\n"
        "  --bias-file PATH           ...or towards the text in this file\n"
        "  --bias-weight W            interpolation weight of the bias model (0..1, default %.1f)\n"
        "  --model DIR                PocketSphinx model directory\n"
        "  --offline                  ignore CANDOR_ASR_URL (remote provider)\n"
        "  --max-seconds N            reject recordings longer than N seconds\n"
        "A remote OpenAI-compatible provider is used when CANDOR_ASR_URL is set\n"
        "(key in CANDOR_ASR_KEY, model in CANDOR_ASR_MODEL).\n",
        CD_AUDIO_BIAS_WEIGHT);
}

int cli_transcribe(int argc, char **argv)
{
    const char *file = NULL, *bias = NULL, *bias_file = NULL, *model = NULL;
    int fmt = CD_TRANSCRIPT_TXT;
    double weight = 0, max_s = 0;
    int offline = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--offline") == 0) {
            offline = 1;
        } else if (a[0] == '-' && a[1] == '-' && !v) {
            return cli_usage_error("transcribe", "%s needs a value", a);
        } else if (strcmp(a, "--format") == 0) {
            if ((fmt = cd_transcript_format_parse(v)) < 0)
                return cli_usage_error("transcribe", "unknown format '%s' (txt, json, vtt, srt)",
                                       v);
            i++;
        } else if (strcmp(a, "--bias") == 0) {
            bias = v, i++;
        } else if (strcmp(a, "--bias-file") == 0) {
            bias_file = v, i++;
        } else if (strcmp(a, "--bias-weight") == 0) {
            weight = atof(v), i++;
            if (weight <= 0 || weight >= 1)
                return cli_usage_error("transcribe", "--bias-weight must be between 0 and 1");
        } else if (strcmp(a, "--model") == 0) {
            model = v, i++;
        } else if (strcmp(a, "--max-seconds") == 0) {
            max_s = atof(v), i++;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("transcribe", "unknown option '%s'", a);
        } else if (!file) {
            file = a;
        } else {
            return cli_usage_error("transcribe", "only one FILE may be given");
        }
    }
    if (!file)
        return cli_usage_error("transcribe", "missing FILE");

    cd_err err = {0};
    char *bias_buf = NULL;
    if (bias_file) {
        bias_buf = cd_read_file(bias_file, CD_AUDIO_BIAS_MAX_BYTES, NULL, &err);
        if (!bias_buf) {
            fprintf(stderr, "candor transcribe: %s: %s\n", bias_file, err.msg);
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
    if (cd_audio_decode_file(file, &lim, &pcm, &n, NULL, &err) != 0) {
        fprintf(stderr, "candor transcribe: %s: %s\n", file, err.msg);
        goto done;
    }
    cd_audio_remote_cfg remote;
    int use_remote = !offline && cd_audio_remote_from_env(&remote);
    if (!use_remote && !(asr = cd_audio_asr_new(model, &err))) {
        fprintf(stderr, "candor transcribe: %s\n", err.msg);
        goto done;
    }
    cd_audio_opts o = {.asr = asr,
                       .remote = use_remote ? &remote : NULL,
                       .bias_text = bias,
                       .bias_weight = weight};
    if (cd_audio_analyze(pcm, n, &o, &rep, &err) != 0) {
        fprintf(stderr, "candor transcribe: %s\n", err.msg);
        goto done;
    }
    char *out = cd_audio_transcript_render(&rep.words, (cd_transcript_format)fmt);
    if (out) {
        fputs(out, stdout);
        if (fmt == CD_TRANSCRIPT_JSON)
            fputc('\n', stdout);
        free(out);
        status = 0;
    }
done:
    cd_audio_report_free(&rep);
    cd_audio_asr_free(asr);
    free(pcm);
    free(bias_buf);
    return status;
}
