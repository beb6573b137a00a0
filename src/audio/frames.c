/* frames.c - level, zero crossings, clipping and YIN pitch per 10 ms frame. */
#include "audio/frames.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audio/types.h"

#define PITCH_RATE 8000
#define PITCH_WIN 240                        /* 30 ms at 8 kHz: two periods of the lowest pitch */
#define LAG_MIN 20                           /* PITCH_RATE / CD_AUDIO_PITCH_MAX */
#define LAG_MAX 134                          /* PITCH_RATE / CD_AUDIO_PITCH_MIN, rounded up */
#define PITCH_SPAN (PITCH_WIN + LAG_MAX + 2) /* 8 kHz samples YIN reads */
#define YIN_THRESHOLD 0.15f
#define YIN_UNVOICED 0.35f /* aperiodicity above which no pitch is reported */
/* Pitch is not attempted below this level: nothing audible to measure. */
#define PITCH_GATE_DB -60.0f
#define CLIP_LEVEL 0.999f

float cd_audio_yin8k(const float *x, int win, float *voicing)
{
    float d[LAG_MAX + 2];
    d[0] = 0;
    /* Difference function; four partial sums let the compiler keep the
     * lanes independent (a plain float reduction cannot be reordered). */
    for (int tau = 1; tau <= LAG_MAX + 1; tau++) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        const float *a = x, *b = x + tau;
        int j = 0;
        for (; j + 4 <= win; j += 4) {
            float e0 = a[j] - b[j], e1 = a[j + 1] - b[j + 1];
            float e2 = a[j + 2] - b[j + 2], e3 = a[j + 3] - b[j + 3];
            s0 += e0 * e0;
            s1 += e1 * e1;
            s2 += e2 * e2;
            s3 += e3 * e3;
        }
        for (; j < win; j++)
            s0 += (a[j] - b[j]) * (a[j] - b[j]);
        d[tau] = s0 + s1 + s2 + s3;
    }
    /* Cumulative mean normalised difference. */
    float running = 0;
    float cm[LAG_MAX + 2];
    cm[0] = 1;
    for (int tau = 1; tau <= LAG_MAX + 1; tau++) {
        running += d[tau];
        cm[tau] = running > 0 ? d[tau] * (float)tau / running : 1;
    }
    int best = -1;
    for (int tau = LAG_MIN; tau <= LAG_MAX; tau++) {
        if (cm[tau] < YIN_THRESHOLD) {
            while (tau + 1 <= LAG_MAX && cm[tau + 1] < cm[tau])
                tau++;
            best = tau;
            break;
        }
    }
    if (best < 0) {
        best = LAG_MIN;
        for (int tau = LAG_MIN; tau <= LAG_MAX; tau++)
            if (cm[tau] < cm[best])
                best = tau;
    }
    float ap = cm[best];
    *voicing = ap >= 1 ? 0 : 1 - ap;
    if (ap > YIN_UNVOICED)
        return 0;
    /* Parabolic interpolation around the minimum for sub-sample lag. */
    float lag = (float)best;
    if (best > 1 && best < LAG_MAX + 1) {
        float a = cm[best - 1], b = cm[best], c = cm[best + 1];
        float den = a - 2 * b + c;
        if (fabsf(den) > 1e-9f)
            lag += 0.5f * (a - c) / den;
    }
    float f0 = PITCH_RATE / lag;
    if (f0 < CD_AUDIO_PITCH_MIN * 0.95 || f0 > CD_AUDIO_PITCH_MAX * 1.05)
        return 0;
    return f0;
}

static inline float sample_at(const float *pcm, size_t n, long i)
{
    return i >= 0 && (size_t)i < n ? pcm[i] : 0.0f;
}

static void compute_frame(cd_audio_frame *fr, const float *pcm, size_t n, size_t i)
{
    long s = (long)(i * CD_AUDIO_HOP);
    double sum = 0;
    int crossings = 0;
    float prev = sample_at(pcm, n, s);
    for (long k = s; k < s + CD_AUDIO_WIN; k++) {
        float v = sample_at(pcm, n, k);
        sum += (double)v * v;
        if ((v >= 0) != (prev >= 0))
            crossings++;
        prev = v;
    }
    double ms = sum / CD_AUDIO_WIN;
    fr->db = ms > 1e-10 ? (float)(10.0 * log10(ms)) : CD_AUDIO_SILENT_DB;
    fr->zcr = (float)crossings / CD_AUDIO_WIN;
    fr->clipped = 0;
    for (long k = s; k < s + CD_AUDIO_HOP; k++)
        if (fabsf(sample_at(pcm, n, k)) >= CLIP_LEVEL)
            fr->clipped++;
    fr->f0 = 0;
    fr->voicing = 0;
    if (fr->db < PITCH_GATE_DB)
        return;
    float x[PITCH_SPAN];
    long c = s + CD_AUDIO_WIN / 2 - PITCH_SPAN; /* 16 kHz start, centred */
    for (int j = 0; j < PITCH_SPAN; j++)
        x[j] = 0.5f * (sample_at(pcm, n, c + 2 * j) + sample_at(pcm, n, c + 2 * j + 1));
    fr->f0 = cd_audio_yin8k(x, PITCH_WIN, &fr->voicing);
}

int cd_audio_frames_update(cd_audio_frames *f, const float *pcm, size_t n, bool final)
{
    /* Frame i needs samples up to i*HOP + max(WIN, pitch reach). */
    size_t reach = CD_AUDIO_WIN / 2 + PITCH_SPAN;
    size_t avail;
    if (final)
        avail = (n + CD_AUDIO_HOP - 1) / CD_AUDIO_HOP;
    else
        avail = n >= reach ? (n - reach) / CD_AUDIO_HOP + 1 : 0;
    if (avail <= f->n)
        return 0;
    if (avail > f->alloc) {
        size_t na = f->alloc ? f->alloc * 2 : 1024;
        while (na < avail)
            na *= 2;
        cd_audio_frame *nv = realloc(f->v, na * sizeof *nv);
        if (!nv)
            return -1;
        f->v = nv;
        f->alloc = na;
    }
    for (size_t i = f->n; i < avail; i++)
        compute_frame(&f->v[i], pcm, n, i);
    f->n = avail;
    return 0;
}

void cd_audio_frames_free(cd_audio_frames *f)
{
    free(f->v);
    memset(f, 0, sizeof *f);
}
