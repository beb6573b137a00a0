/* audio_run.h - what `candor transcribe` and `candor analyze audio` share:
 * the recognition options and the decode -> recogniser -> analysis run.
 * Used only by candor-analyze. */
#ifndef CANDOR_CLI_AUDIO_RUN_H
#define CANDOR_CLI_AUDIO_RUN_H

#include "audio/audio.h"

typedef struct cli_audio_args {
    const char *cmd; /* for messages: "transcribe", "analyze audio" */
    const char *file, *bias, *bias_file, *model;
    double weight, max_s, question_end_s;
    int offline, no_asr;
} cli_audio_args;

/* Handles one shared option or the FILE at argv[*i] (advancing *i past a
 * value). Returns 1 when consumed, 0 when not a shared option, or -1 after
 * printing a usage error (exit status 2). */
int cli_audio_parse(cli_audio_args *a, int argc, char **argv, int *i);
/* Decodes a->file and analyses it into *rep (freed by the caller with
 * cd_audio_report_free, also on failure). Prints errors; returns 0 or 1.
 * *decode_s receives the decoding time. */
int cli_audio_run(const cli_audio_args *a, cd_audio_report *rep, double *decode_s);

#endif
