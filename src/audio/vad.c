/* vad.c - level-over-floor activity, gap bridging, voicing classification. */
#include "audio/vad.h"

#include <stdlib.h>
#include <string.h>

#include "audio/types.h"

#define CD_AUDIO_HIST_BINS 101      /* 1 dB bins over -100..0 dBFS */
#define BRIDGE_S CD_AUDIO_PAUSE_MIN /* gaps shorter than a pause are joined */
#define MIN_ACTIVE_S 0.08           /* shorter bursts are clicks, not speech */
#define MIN_VOICED_FRAC 0.2f        /* below: noise, not speech */

float cd_audio_level_percentile(const cd_audio_frame *fr, size_t n, float pct)
{
    if (n == 0)
        return CD_AUDIO_SILENT_DB;
    size_t hist[CD_AUDIO_HIST_BINS] = {0};
    for (size_t i = 0; i < n; i++) {
        int b = (int)(fr[i].db + 100.5f);
        b = b < 0 ? 0 : b >= CD_AUDIO_HIST_BINS ? CD_AUDIO_HIST_BINS - 1 : b;
        hist[b]++;
    }
    size_t target = (size_t)((double)n * pct / 100.0), acc = 0;
    for (int b = 0; b < CD_AUDIO_HIST_BINS; b++) {
        acc += hist[b];
        if (acc > target)
            return (float)b - 100.0f;
    }
    return 0;
}

float cd_audio_noise_floor(const cd_audio_frame *fr, size_t n)
{
    /* Only unvoiced frames can be background: someone who talks without a
     * break would otherwise raise the "noise" floor to their own voice. */
    size_t hist[CD_AUDIO_HIST_BINS] = {0}, total = 0;
    for (size_t i = 0; i < n; i++) {
        if (fr[i].f0 > 0)
            continue;
        int b = (int)(fr[i].db + 100.5f);
        hist[b < 0 ? 0 : b >= CD_AUDIO_HIST_BINS ? CD_AUDIO_HIST_BINS - 1 : b]++;
        total++;
    }
    return cd_audio_floor_from_histogram(hist, total);
}

float cd_audio_floor_from_histogram(const size_t *hist, size_t total)
{
    if (total < CD_AUDIO_FLOOR_MIN_FRAMES)
        return CD_AUDIO_SILENT_DB;
    size_t target = total / 10, acc = 0;
    for (int b = 0; b < CD_AUDIO_HIST_BINS; b++) {
        acc += hist[b];
        if (acc > target)
            return (float)b - 100.0f;
    }
    return 0;
}

static int push(cd_audio_segments *s, const cd_audio_segment *seg)
{
    if (s->n == s->alloc) {
        size_t na = s->alloc ? s->alloc * 2 : 64;
        cd_audio_segment *nv = realloc(s->v, na * sizeof *nv);
        if (!nv)
            return -1;
        s->v = nv;
        s->alloc = na;
    }
    s->v[s->n++] = *seg;
    return 0;
}

static int emit(const cd_audio_frame *fr, size_t a, size_t b, double t0, cd_audio_segments *out)
{
    if ((double)(b - a) / CD_AUDIO_FPS < MIN_ACTIVE_S)
        return 0;
    size_t voiced = 0;
    double level = 0;
    for (size_t i = a; i < b; i++) {
        voiced += fr[i].f0 > 0;
        level += fr[i].db;
    }
    cd_audio_segment seg = {
        .start = t0 + (double)a / CD_AUDIO_FPS,
        .end = t0 + (double)b / CD_AUDIO_FPS,
        .voiced_frac = (float)voiced / (float)(b - a),
        .level_db = (float)(level / (double)(b - a)),
    };
    seg.speech = seg.voiced_frac >= MIN_VOICED_FRAC;
    return push(out, &seg);
}

int cd_audio_vad(const cd_audio_frame *fr, size_t n, double t0, float noise_db,
                 cd_audio_segments *out)
{
    float thr = noise_db + CD_AUDIO_VAD_MARGIN_DB;
    if (thr < CD_AUDIO_VAD_ABS_FLOOR_DB)
        thr = CD_AUDIO_VAD_ABS_FLOOR_DB;
    size_t bridge = (size_t)(BRIDGE_S * CD_AUDIO_FPS);
    size_t i = 0;
    while (i < n) {
        while (i < n && fr[i].db <= thr)
            i++;
        if (i >= n)
            break;
        size_t start = i, last_active = i;
        while (i < n) {
            if (fr[i].db > thr)
                last_active = i;
            else if (i - last_active >= bridge)
                break;
            i++;
        }
        if (emit(fr, start, last_active + 1, t0, out) != 0)
            return -1;
        i = last_active + 1;
    }
    return 0;
}

void cd_audio_segments_free(cd_audio_segments *s)
{
    free(s->v);
    memset(s, 0, sizeof *s);
}
