/* helper_audio.c - see helper_audio.h. */
#include "helper_audio.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "media/audio_decode.h"

const char *fixture(const char *name)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/%s", CANDOR_FIXTURE_DIR, name);
    return path;
}

float *load_fixture(const char *name, size_t *n)
{
    float *pcm = NULL;
    cd_err err = {0};
    int rc = cd_audio_decode_file(fixture(name), NULL, &pcm, n, NULL, &err);
    if (rc != 0)
        fail_msg("decoding %s: %s", name, err.msg);
    return pcm;
}

size_t load_labels(const char *name, label *out, size_t max)
{
    FILE *f = fopen(fixture(name), "r");
    if (!f)
        fail_msg("missing label file %s", name);
    char line[512];
    size_t n = 0;
    while (n < max && fgets(line, sizeof line, f)) {
        label *l = &out[n];
        memset(l, 0, sizeof *l);
        int off = 0;
        if (sscanf(line, "%15s %lf %lf %n", l->kind, &l->start, &l->end, &off) < 3)
            continue;
        char *rest = line + off;
        if (strcmp(l->kind, "speech") == 0)
            l->nwords = (int)strtol(rest, &rest, 10);
        while (*rest == ' ')
            rest++;
        snprintf(l->text, sizeof l->text, "%s", rest);
        l->text[strcspn(l->text, "\n")] = '\0';
        n++;
    }
    fclose(f);
    return n;
}

float *make_voice(double seconds, double f_start, double f_end, double amp, size_t *n)
{
    *n = (size_t)(seconds * CD_AUDIO_RATE);
    float *x = malloc(*n * sizeof *x);
    double phase = 0;
    for (size_t i = 0; i < *n; i++) {
        double f = f_start + (f_end - f_start) * (double)i / (double)*n;
        phase += 2 * M_PI * f / CD_AUDIO_RATE;
        double v = 0;
        for (int h = 1; h <= 5; h++)
            v += sin(h * phase) / h;
        x[i] = (float)(amp * v / 1.5);
    }
    return x;
}

static cd_audio_asr *asr_instance;

cd_audio_asr *shared_asr(void)
{
    if (!asr_instance) {
        cd_err err = {0};
        asr_instance = cd_audio_asr_new(NULL, &err);
        if (!asr_instance)
            fail_msg("loading PocketSphinx: %s", err.msg);
    }
    return asr_instance;
}

void shared_asr_free(void)
{
    cd_audio_asr_free(asr_instance);
    asr_instance = NULL;
}
