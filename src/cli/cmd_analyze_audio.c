/* cmd_analyze_audio.c - `candor analyze audio FILE`: the full delivery
 * analysis (transcript with word times, pauses, loudness, pitch, rate,
 * fillers, second-voice evidence) as JSON on stdout. A thin layer over
 * media/audio_decode.h and audio/audio.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/audio.h"
#include "cli/audio_run.h"
#include "cli/cli.h"

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
    cli_audio_args a = {.cmd = "analyze audio"};
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(o, "--no-asr") == 0) {
            a.no_asr = 1;
            continue;
        }
        if (strcmp(o, "--question-end") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error("analyze audio", "--question-end needs a value");
            a.question_end_s = atof(argv[++i]);
            continue;
        }
        int r = cli_audio_parse(&a, argc, argv, &i);
        if (r < 0)
            return 2;
        if (r == 0)
            return cli_usage_error("analyze audio", "unknown option '%s'", o);
    }
    if (!a.file)
        return cli_usage_error("analyze audio", "missing FILE");
    cd_audio_report rep = {0};
    double decode_s = 0;
    int status = cli_audio_run(&a, &rep, &decode_s);
    if (status == 0) {
        rep.m.t_decode_s = decode_s;
        char *json = cd_audio_report_json(&rep);
        if (json) {
            printf("%s\n", json);
            free(json);
        } else {
            status = 1;
        }
    }
    cd_audio_report_free(&rep);
    return status;
}
