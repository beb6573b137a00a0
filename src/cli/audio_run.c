/* audio_run.c - shared options and run of the two audio commands. */
#include "cli/audio_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "cli/cli.h"
#include "media/audio_decode.h"

int cli_audio_parse(cli_audio_args *a, int argc, char **argv, int *i)
{
    const char *o = argv[*i];
    const char *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    static const char *const valued[] = {"--bias",  "--bias-file",   "--bias-weight",
                                         "--model", "--max-seconds", NULL};
    if (strcmp(o, "--offline") == 0) {
        a->offline = 1;
        return 1;
    }
    for (const char *const *k = valued; *k; k++) {
        if (strcmp(o, *k) != 0)
            continue;
        if (!v) {
            cli_usage_error(a->cmd, "%s needs a value", o);
            return -1;
        }
        (*i)++;
        if (!strcmp(o, "--bias"))
            a->bias = v;
        else if (!strcmp(o, "--bias-file"))
            a->bias_file = v;
        else if (!strcmp(o, "--model"))
            a->model = v;
        else if (!strcmp(o, "--max-seconds"))
            a->max_s = atof(v);
        else {
            a->weight = atof(v);
            if (a->weight <= 0 || a->weight >= 1) {
                cli_usage_error(a->cmd, "--bias-weight must be between 0 and 1");
                return -1;
            }
        }
        return 1;
    }
    if (o[0] == '-' && o[1])
        return 0;
    if (a->file) {
        cli_usage_error(a->cmd, "only one FILE may be given");
        return -1;
    }
    a->file = o;
    return 1;
}

int cli_audio_run(const cli_audio_args *a, cd_audio_report *rep, double *decode_s)
{
    cd_err err = {0};
    char *bias_buf = NULL;
    const char *bias = a->bias;
    if (a->bias_file) {
        bias_buf = cd_read_file(a->bias_file, CD_AUDIO_BIAS_MAX_BYTES, NULL, &err);
        if (!bias_buf) {
            fprintf(stderr, "candor %s: %s: %s\n", a->cmd, a->bias_file, err.msg);
            return 1;
        }
        bias = bias_buf;
    }
    int status = 1;
    float *pcm = NULL;
    size_t n = 0;
    cd_audio_asr *asr = NULL;
    cd_audio_limits lim = {.max_seconds = a->max_s};
    long long t0 = cd_now_ns();
    if (cd_audio_decode_file(a->file, &lim, &pcm, &n, NULL, &err) != 0) {
        fprintf(stderr, "candor %s: %s: %s\n", a->cmd, a->file, err.msg);
        goto done;
    }
    *decode_s = (double)(cd_now_ns() - t0) / 1e9;
    cd_audio_remote_cfg remote;
    int use_remote = !a->no_asr && !a->offline && cd_audio_remote_from_env(&remote);
    if (!a->no_asr && !use_remote && !(asr = cd_audio_asr_new(a->model, &err))) {
        fprintf(stderr, "candor %s: %s\n", a->cmd, err.msg);
        goto done;
    }
    cd_audio_opts o = {.asr = asr,
                       .remote = use_remote ? &remote : NULL,
                       .bias_text = bias,
                       .bias_weight = a->weight,
                       .question_end_s = a->question_end_s};
    if (cd_audio_analyze(pcm, n, &o, rep, &err) != 0) {
        fprintf(stderr, "candor %s: %s\n", a->cmd, err.msg);
        goto done;
    }
    status = 0;
done:
    cd_audio_asr_free(asr);
    free(pcm);
    free(bias_buf);
    return status;
}
