/* prosody.c - loudness, clipping, pitch statistics and syllable nuclei. */
#include "audio/prosody.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "media/audio_decode.h"

#define LUFS_BLOCK 6400 /* 400 ms at 16 kHz */
#define LUFS_STEP 1600  /* 75 % overlap */
#define LUFS_ABS_GATE -70.0
#define LUFS_REL_GATE -10.0
#define CLIP_FRAME_MIN 3 /* clipped samples in a hop to count the hop */
#define CLIP_MERGE_S 0.5
#define NUCLEUS_DIP_DB 2.0f         /* intensity must dip this much between syllables */
#define NUCLEUS_MIN_GAP 9           /* frames (90 ms): faster than any speaker */
#define NUCLEUS_BELOW_PEAK_DB 25.0f /* ignore peaks this far below the loudest */
#define MIN_VOICED_FOR_MONOTONE 200 /* 2 s of voiced frames */

typedef struct biquad {
    double b0, b1, b2, a1, a2, z1, z2;
} biquad;

static double biquad_run(biquad *q, double x)
{
    double y = q->b0 * x + q->z1;
    q->z1 = q->b1 * x - q->a1 * y + q->z2;
    q->z2 = q->b2 * x - q->a2 * y;
    return y;
}

/* BS.1770 K-weighting (pre-filter shelf + RLB high-pass) designed for 16 kHz
 * from the analogue prototype parameters, since the standard only tabulates
 * 48 kHz coefficients. */
static void k_weighting(biquad *shelf, biquad *hp)
{
    double fs = CD_AUDIO_RATE;
    double f0 = 1681.974450955533, G = 3.999843853973347, Q = 0.7071752369554196;
    double A = pow(10.0, G / 40.0), w0 = 2 * M_PI * f0 / fs;
    double alpha = sin(w0) / (2 * Q), c = cos(w0), sA = sqrt(A);
    double a0 = (A + 1) - (A - 1) * c + 2 * sA * alpha;
    *shelf = (biquad){
        .b0 = A * ((A + 1) + (A - 1) * c + 2 * sA * alpha) / a0,
        .b1 = -2 * A * ((A - 1) + (A + 1) * c) / a0,
        .b2 = A * ((A + 1) + (A - 1) * c - 2 * sA * alpha) / a0,
        .a1 = 2 * ((A - 1) - (A + 1) * c) / a0,
        .a2 = ((A + 1) - (A - 1) * c - 2 * sA * alpha) / a0,
    };
    f0 = 38.13547087602444;
    Q = 0.5003270373238773;
    w0 = 2 * M_PI * f0 / fs;
    alpha = sin(w0) / (2 * Q);
    c = cos(w0);
    a0 = 1 + alpha;
    *hp = (biquad){
        .b0 = 1.0 / a0,
        .b1 = -2.0 / a0,
        .b2 = 1.0 / a0,
        .a1 = -2 * c / a0,
        .a2 = (1 - alpha) / a0,
    };
}

double cd_audio_lufs(const float *pcm, size_t n, double *variation)
{
    if (variation)
        *variation = 0;
    if (n < LUFS_BLOCK)
        return LUFS_ABS_GATE;
    biquad shelf, hp;
    k_weighting(&shelf, &hp);
    /* Squared K-weighted signal summed per 100 ms step; blocks are 4 steps. */
    size_t steps = n / LUFS_STEP;
    double *step = calloc(steps, sizeof *step);
    if (!step)
        return LUFS_ABS_GATE;
    for (size_t i = 0; i < steps * LUFS_STEP; i++) {
        double y = biquad_run(&hp, biquad_run(&shelf, pcm[i]));
        step[i / LUFS_STEP] += y * y;
    }
    size_t blocks = steps >= 4 ? steps - 3 : 0;
    double *ms = malloc((blocks ? blocks : 1) * sizeof *ms);
    if (!ms) {
        free(step);
        return LUFS_ABS_GATE;
    }
    for (size_t b = 0; b < blocks; b++)
        ms[b] = (step[b] + step[b + 1] + step[b + 2] + step[b + 3]) / LUFS_BLOCK;
    free(step);
    double sum = 0;
    size_t cnt = 0;
    for (size_t b = 0; b < blocks; b++)
        if (-0.691 + 10 * log10(ms[b] + 1e-20) > LUFS_ABS_GATE) {
            sum += ms[b];
            cnt++;
        }
    double result = LUFS_ABS_GATE;
    if (cnt > 0) {
        double rel = -0.691 + 10 * log10(sum / (double)cnt) + LUFS_REL_GATE;
        double s2 = 0, l1 = 0, l2 = 0;
        size_t c2 = 0;
        for (size_t b = 0; b < blocks; b++) {
            double l = -0.691 + 10 * log10(ms[b] + 1e-20);
            if (l > LUFS_ABS_GATE && l > rel) {
                s2 += ms[b];
                l1 += l;
                l2 += l * l;
                c2++;
            }
        }
        if (c2 > 0) {
            result = -0.691 + 10 * log10(s2 / (double)c2);
            double mean = l1 / (double)c2, var = l2 / (double)c2 - mean * mean;
            if (variation)
                *variation = var > 0 ? sqrt(var) : 0;
        }
    }
    free(ms);
    return result;
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* Marks frames inside speech segments. Caller frees. */
static unsigned char *speech_mask(const cd_audio_frames *f, const cd_audio_segments *segs)
{
    unsigned char *m = calloc(f->n ? f->n : 1, 1);
    if (!m)
        return NULL;
    for (size_t s = 0; s < segs->n; s++) {
        if (!segs->v[s].speech)
            continue;
        size_t a = (size_t)(segs->v[s].start * CD_AUDIO_FPS + 0.5);
        size_t b = (size_t)(segs->v[s].end * CD_AUDIO_FPS + 0.5);
        for (size_t i = a; i < b && i < f->n; i++)
            m[i] = 1;
    }
    return m;
}

static float median_of(float *v, size_t n, float none)
{
    if (n == 0)
        return none;
    qsort(v, n, sizeof *v, cmp_float);
    return v[n / 2];
}

void cd_audio_loudness_measure(const float *pcm, size_t n, const cd_audio_frames *f,
                               const cd_audio_segments *segs, cd_audio_loudness *out)
{
    memset(out, 0, sizeof *out);
    double peak = 0, sq = 0;
    size_t clipped = 0, nsq = 0;
    for (size_t i = 0; i < n; i++) {
        double a = fabs(pcm[i]);
        if (a > peak)
            peak = a;
        if (a >= 0.999)
            clipped++;
    }
    out->peak_dbfs = peak > 1e-10 ? 20 * log10(peak) : CD_AUDIO_SILENT_DB;
    out->clipped_fraction = n ? (double)clipped / (double)n : 0;
    out->lufs = cd_audio_lufs(pcm, n, &out->variation_db);

    unsigned char *mask = speech_mask(f, segs);
    float *in = malloc((f->n ? f->n : 1) * sizeof *in);
    float *outside = malloc((f->n ? f->n : 1) * sizeof *outside);
    size_t ni = 0, no = 0;
    if (mask && in && outside) {
        for (size_t i = 0; i < f->n; i++) {
            if (mask[i]) {
                in[ni++] = f->v[i].db;
                for (size_t k = i * CD_AUDIO_HOP; k < (i + 1) * CD_AUDIO_HOP && k < n; k++) {
                    sq += (double)pcm[k] * pcm[k];
                    nsq++;
                }
            } else {
                outside[no++] = f->v[i].db;
            }
        }
    }
    out->rms_dbfs = nsq && sq > 0 ? 10 * log10(sq / (double)nsq) : CD_AUDIO_SILENT_DB;
    out->speech_dbfs = median_of(in, ni, CD_AUDIO_SILENT_DB);
    out->noise_dbfs =
        no ? median_of(outside, no, CD_AUDIO_SILENT_DB) : cd_audio_noise_floor(f->v, f->n);
    out->snr_db = ni ? out->speech_dbfs - out->noise_dbfs : 0;
    free(mask);
    free(in);
    free(outside);
}

int cd_audio_clipping_events(const cd_audio_frames *f, cd_audio_events *ev)
{
    size_t i = 0;
    while (i < f->n) {
        if (f->v[i].clipped < CLIP_FRAME_MIN) {
            i++;
            continue;
        }
        size_t a = i, last = i, total = 0;
        while (i < f->n && (double)(i - last) / CD_AUDIO_FPS < CLIP_MERGE_S) {
            if (f->v[i].clipped >= CLIP_FRAME_MIN) {
                last = i;
                total += f->v[i].clipped;
            }
            i++;
        }
        char d[64];
        snprintf(d, sizeof d, "%zu samples at full scale", total);
        if (cd_audio_events_push(ev, "clipping", (double)a / CD_AUDIO_FPS,
                                 (double)(last + 1) / CD_AUDIO_FPS, d) != 0)
            return -1;
        i = last + 1;
    }
    return 0;
}

void cd_audio_pitch_measure(const cd_audio_frames *f, const cd_audio_segments *segs,
                            cd_audio_pitch_stats *out)
{
    memset(out, 0, sizeof *out);
    unsigned char *mask = speech_mask(f, segs);
    float *p = malloc((f->n ? f->n : 1) * sizeof *p);
    size_t n = 0;
    if (mask && p)
        for (size_t i = 0; i < f->n; i++)
            if (mask[i] && f->v[i].f0 > 0)
                p[n++] = f->v[i].f0;
    free(mask);
    out->voiced_frames = n;
    if (n >= 10) {
        qsort(p, n, sizeof *p, cmp_float);
        out->median_hz = p[n / 2];
        out->p5_hz = p[n * 5 / 100];
        out->p95_hz = p[n * 95 / 100];
        out->range_st = 12 * log2(out->p95_hz / out->p5_hz);
        /* Robust spread: frames beyond the 5-95 % band are mostly octave
         * errors of the tracker, not intonation. */
        double s = 0, s2 = 0;
        size_t c = 0;
        for (size_t i = n * 5 / 100; i < n * 95 / 100; i++) {
            double st = 12 * log2(p[i] / out->median_hz);
            s += st;
            s2 += st * st;
            c++;
        }
        double mean = c ? s / (double)c : 0, var = c ? s2 / (double)c - mean * mean : 0;
        out->std_st = var > 0 ? sqrt(var) : 0;
        out->monotone = n >= MIN_VOICED_FOR_MONOTONE && out->std_st < CD_AUDIO_MONOTONE_ST;
    }
    free(p);
}

size_t cd_audio_syllable_nuclei(const cd_audio_frames *f, const cd_audio_segments *segs,
                                double *times, size_t max)
{
    if (f->n < 5)
        return 0;
    float *sm = malloc(f->n * sizeof *sm);
    unsigned char *mask = speech_mask(f, segs);
    size_t found = 0;
    if (!sm || !mask)
        goto out;
    /* Triangular smoothing over 50 ms: one syllable is one bump. */
    for (size_t i = 0; i < f->n; i++) {
        double s = 0, w = 0;
        for (int k = -2; k <= 2; k++) {
            long j = (long)i + k;
            if (j < 0 || (size_t)j >= f->n)
                continue;
            double wt = 3 - abs(k);
            s += wt * f->v[j].db;
            w += wt;
        }
        sm[i] = (float)(s / w);
    }
    float top = -200;
    for (size_t i = 0; i < f->n; i++)
        if (mask[i] && sm[i] > top)
            top = sm[i];
    float floor_db = top - NUCLEUS_BELOW_PEAK_DB;
    long prev = -1;
    float prev_peak = 0;
    for (size_t i = 1; i + 1 < f->n; i++) {
        if (!mask[i] || sm[i] < floor_db || sm[i] < sm[i - 1] || sm[i] < sm[i + 1])
            continue;
        bool voiced = false;
        for (long k = (long)i - 2; k <= (long)i + 2; k++)
            if (k >= 0 && (size_t)k < f->n && f->v[k].f0 > 0)
                voiced = true;
        if (!voiced)
            continue;
        if (prev >= 0) {
            float dip = sm[i];
            bool gap_unvoiced = false;
            for (long k = prev; k <= (long)i; k++) {
                if (sm[k] < dip)
                    dip = sm[k];
                if (!mask[k])
                    gap_unvoiced = true;
            }
            bool separated = gap_unvoiced ||
                             (prev_peak - dip >= NUCLEUS_DIP_DB && sm[i] - dip >= NUCLEUS_DIP_DB);
            if (!separated || (long)i - prev < NUCLEUS_MIN_GAP) {
                /* Same syllable: keep the stronger peak. */
                if (sm[i] > prev_peak) {
                    prev = (long)i;
                    prev_peak = sm[i];
                    if (found > 0 && found <= max)
                        times[found - 1] = (double)i / CD_AUDIO_FPS;
                }
                continue;
            }
        }
        if (found < max)
            times[found] = (double)i / CD_AUDIO_FPS;
        found++;
        prev = (long)i;
        prev_peak = sm[i];
    }
out:
    free(sm);
    free(mask);
    return found;
}

float *cd_audio_energy_per_second(const cd_audio_frames *f, size_t *n)
{
    *n = (f->n + CD_AUDIO_FPS - 1) / CD_AUDIO_FPS;
    float *e = malloc((*n ? *n : 1) * sizeof *e);
    if (!e) {
        *n = 0;
        return NULL;
    }
    for (size_t s = 0; s < *n; s++) {
        double ms = 0;
        size_t c = 0;
        for (size_t i = s * CD_AUDIO_FPS; i < (s + 1) * CD_AUDIO_FPS && i < f->n; i++) {
            ms += pow(10.0, f->v[i].db / 10.0);
            c++;
        }
        e[s] =
            c && ms > 1e-10 * (double)c ? (float)(10 * log10(ms / (double)c)) : CD_AUDIO_SILENT_DB;
    }
    return e;
}
