/* cmd_transcribe.c - `candor transcribe FILE [--format txt|json|vtt|srt]`:
 * decode any supported recording and print its words with timings. A thin
 * layer over media/audio_decode.h and audio/audio.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/audio.h"
#include "cli/audio_run.h"
#include "cli/cli.h"

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
    cli_audio_args a = {.cmd = "transcribe"};
    int fmt = CD_TRANSCRIPT_TXT;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(o, "--format") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error("transcribe", "--format needs a value");
            if ((fmt = cd_transcript_format_parse(argv[++i])) < 0)
                return cli_usage_error("transcribe", "unknown format '%s' (txt, json, vtt, srt)",
                                       argv[i]);
            continue;
        }
        int r = cli_audio_parse(&a, argc, argv, &i);
        if (r < 0)
            return 2;
        if (r == 0)
            return cli_usage_error("transcribe", "unknown option '%s'", o);
    }
    if (!a.file)
        return cli_usage_error("transcribe", "missing FILE");
    cd_audio_report rep = {0};
    double decode_s = 0;
    int status = cli_audio_run(&a, &rep, &decode_s);
    if (status == 0) {
        char *out = cd_audio_transcript_render(&rep.words, (cd_transcript_format)fmt);
        if (out) {
            fputs(out, stdout);
            if (fmt == CD_TRANSCRIPT_JSON)
                fputc('\n', stdout);
            free(out);
        } else {
            status = 1;
        }
    }
    cd_audio_report_free(&rep);
    return status;
}
