/* voices.c - pitch-population shifts over 1 s windows. */
#include "audio/voices.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define WIN_FRAMES 100       /* 1 s */
#define MIN_VOICED_IN_WIN 25 /* frames: a window needs this much pitch */

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

double cd_audio_detect_voices(const cd_audio_frames *f, const cd_audio_segments *segs,
                              cd_audio_events *ev)
{
    size_t nwin = f->n / WIN_FRAMES + 1;
    float *wmed = calloc(nwin, sizeof *wmed); /* 0 = no speech in window */
    float *all = malloc((f->n ? f->n : 1) * sizeof *all);
    float tmp[WIN_FRAMES];
    double shifted_s = 0;
    if (!wmed || !all) {
        free(wmed);
        free(all);
        return -1;
    }
    size_t nall = 0;
    for (size_t s = 0; s < segs->n; s++) {
        if (!segs->v[s].speech)
            continue;
        size_t a = (size_t)(segs->v[s].start * CD_AUDIO_FPS);
        size_t b = (size_t)(segs->v[s].end * CD_AUDIO_FPS);
        for (size_t i = a; i < b && i < f->n; i++)
            if (f->v[i].f0 > 0)
                all[nall++] = f->v[i].f0;
    }
    if (nall < 2 * MIN_VOICED_IN_WIN)
        goto done;
    qsort(all, nall, sizeof *all, cmp_float);
    float main_f0 = all[nall / 2];
    /* Only frames inside speech segments are voiced speech; the voiced test
     * on each frame already excludes silence. */
    for (size_t w = 0; w < nwin; w++) {
        size_t c = 0;
        for (size_t i = w * WIN_FRAMES; i < (w + 1) * WIN_FRAMES && i < f->n; i++)
            if (f->v[i].f0 > 0 && f->v[i].db > -60)
                tmp[c++] = f->v[i].f0;
        if (c >= MIN_VOICED_IN_WIN) {
            qsort(tmp, c, sizeof *tmp, cmp_float);
            wmed[w] = tmp[c / 2];
        }
    }
    size_t w = 0;
    double total = 0;
    size_t first_event = ev->n;
    while (w < nwin) {
        double st = wmed[w] > 0 ? 12 * log2(wmed[w] / main_f0) : 0;
        if (fabs(st) < CD_AUDIO_VOICE_SHIFT_ST) {
            w++;
            continue;
        }
        size_t a = w;
        double sum_st = 0;
        while (w < nwin && wmed[w] > 0 &&
               fabs(12 * log2(wmed[w] / main_f0)) >= CD_AUDIO_VOICE_SHIFT_ST) {
            sum_st += 12 * log2(wmed[w] / main_f0);
            w++;
        }
        char d[64];
        snprintf(d, sizeof d, "pitch %+.1f semitones from the main voice (%.0f Hz)",
                 sum_st / (double)(w - a), main_f0);
        if (cd_audio_events_push(ev, "second_voice", (double)a, (double)w, d) != 0) {
            shifted_s = -1;
            goto done;
        }
        total += (double)(w - a);
    }
    if (total < CD_AUDIO_VOICE_MIN_S)
        ev->n = first_event; /* too little to be another person: withdraw */
    else
        shifted_s = total;
done:
    free(wmed);
    free(all);
    return shifted_s;
}
