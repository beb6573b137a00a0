/* filled_pause.c - steady-vowel detector for vocal fillers. See
 * filled_pause.h.
 *
 * Per 10 ms frame inside speech: a 16-band mel spectral envelope (25 ms
 * Hann window, 512-point FFT, 100-4000 Hz) with its mean removed, so that
 * a vowel getting louder or softer is still "steady"; the flux is the RMS
 * change of that envelope over 20 ms. A frame is steady when it is voiced,
 * its pitch moved less than CD_AUDIO_FP_PITCH_ST since the last frame and
 * its flux is below CD_AUDIO_FP_FLUX_DB. Runs of steady frames (glitches of
 * up to GLITCH_MAX frames forgiven: the vowel-to-nasal change of "um", YIN
 * dropouts) lasting CD_AUDIO_FP_MIN_S..CD_AUDIO_FP_MAX_S with at least
 * MIN_STEADY_S of steady frames are the candidates. */
#include "audio/filled_pause.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "audio/types.h"
#include "media/audio_decode.h"

#define FFT_N 512
#define BANDS 16
#define BAND_LO_HZ 100.0
#define BAND_HI_HZ 4000.0
#define FLUX_LAG 2        /* frames: 20 ms */
#define GLITCH_MAX 6      /* non-steady frames forgiven inside a run ("u-m" transition) */
#define VOICING_MIN 0.4f  /* YIN periodicity of a voiced frame (its pitch may drop out) */
#define MIN_STEADY_S 0.10 /* steady frames a candidate needs in all */
/* Nasal murmur ("hmm", "mm", the end of "um"): with the mouth closed the
 * sound leaves through the nose, which passes the low first resonance
 * (~250 Hz) and damps everything from about 1 kHz up, so the bands below
 * LOW_TOP_BAND carry far more than those from HIGH_FIRST_BAND on; an open
 * vowel keeps its second and third formants in 1-3 kHz. */
#define LOW_TOP_BAND 3     /* bands 0-2: 100-415 Hz */
#define HIGH_FIRST_BAND 7  /* bands 7-15: 1.04-4 kHz */
#define MURMUR_LH_DB 10.0f /* low over high of a murmur frame */
#define MURMUR_RUN 8       /* frames (80 ms): the held "m" of "hmm", "um" */

static int fp_push(cd_audio_fp_list *l, const cd_audio_fp *fp)
{
    if (l->n == l->alloc) {
        size_t na = l->alloc ? l->alloc * 2 : 16;
        cd_audio_fp *nv = realloc(l->v, na * sizeof *nv);
        if (!nv)
            return -1;
        l->v = nv;
        l->alloc = na;
    }
    l->v[l->n++] = *fp;
    return 0;
}

void cd_audio_fp_list_free(cd_audio_fp_list *l)
{
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* In-place iterative radix-2 FFT of FFT_N complex values. */
static void fft(float *re, float *im)
{
    for (unsigned i = 1, j = 0; i < FFT_N; i++) {
        unsigned bit = FFT_N >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j) {
            float t = re[i];
            re[i] = re[j];
            re[j] = t;
            t = im[i];
            im[i] = im[j];
            im[j] = t;
        }
    }
    for (unsigned len = 2; len <= FFT_N; len <<= 1) {
        double ang = -2 * M_PI / len;
        for (unsigned i = 0; i < FFT_N; i += len)
            for (unsigned k = 0; k < len / 2; k++) {
                float wr = (float)cos(ang * k), wi = (float)sin(ang * k);
                float *ar = &re[i + k], *ai = &im[i + k];
                float *br = &re[i + k + len / 2], *bi = &im[i + k + len / 2];
                float tr = *br * wr - *bi * wi, ti = *br * wi + *bi * wr;
                *br = *ar - tr;
                *bi = *ai - ti;
                *ar += tr;
                *ai += ti;
            }
    }
}

static double mel(double hz)
{
    return 2595.0 * log10(1.0 + hz / 700.0);
}

/* Mean-removed log band energies (dB) of the frame starting at sample s. */
static void envelope(const float *pcm, size_t n, size_t s, const int *edges, float *out)
{
    float re[FFT_N], im[FFT_N];
    memset(re, 0, sizeof re);
    memset(im, 0, sizeof im);
    for (int i = 0; i < CD_AUDIO_WIN; i++) {
        size_t k = s + (size_t)i;
        double w = 0.5 - 0.5 * cos(2 * M_PI * i / (CD_AUDIO_WIN - 1));
        re[i] = k < n ? (float)(pcm[k] * w) : 0.0f;
    }
    fft(re, im);
    double mean = 0;
    for (int b = 0; b < BANDS; b++) {
        double e = 1e-10;
        for (int k = edges[b]; k < edges[b + 1]; k++)
            e += (double)re[k] * re[k] + (double)im[k] * im[k];
        out[b] = (float)(10 * log10(e));
        mean += out[b];
    }
    mean /= BANDS;
    for (int b = 0; b < BANDS; b++)
        out[b] -= (float)mean;
}

/* Level of the low bands over the high bands (dB) of one envelope. */
static float low_over_high(const float *env)
{
    double lo = 0, hi = 0;
    for (int b = 0; b < BANDS; b++) {
        double e = pow(10.0, env[b] / 10.0);
        if (b < LOW_TOP_BAND)
            lo += e;
        else if (b >= HIGH_FIRST_BAND)
            hi += e;
    }
    return (float)(10 * log10(lo / hi));
}

static double semitones(float a, float b)
{
    return fabs(12.0 * log2((double)a / (double)b));
}

int cd_audio_filled_pauses(const float *pcm, size_t n, const cd_audio_frames *f,
                           const cd_audio_segments *segs, cd_audio_fp_list *out)
{
    int edges[BANDS + 1];
    double mlo = mel(BAND_LO_HZ), mhi = mel(BAND_HI_HZ);
    for (int b = 0; b <= BANDS; b++) {
        double m = mlo + (mhi - mlo) * b / BANDS;
        double hz = 700.0 * (pow(10.0, m / 2595.0) - 1.0);
        edges[b] = (int)(hz * FFT_N / CD_AUDIO_RATE + 0.5);
        if (b > 0 && edges[b] <= edges[b - 1])
            edges[b] = edges[b - 1] + 1;
    }
    for (size_t s = 0; s < segs->n; s++) {
        if (!segs->v[s].speech)
            continue;
        size_t a = (size_t)(segs->v[s].start * CD_AUDIO_FPS + 0.5);
        size_t b = (size_t)(segs->v[s].end * CD_AUDIO_FPS + 0.5);
        if (b > f->n)
            b = f->n;
        if (b <= a + FLUX_LAG)
            continue;
        size_t len = b - a;
        float *env = malloc(len * BANDS * sizeof *env);
        unsigned char *steady = calloc(len, 1);
        float *flux = calloc(len, sizeof *flux);
        if (!env || !steady || !flux) {
            free(env);
            free(steady);
            free(flux);
            return -1;
        }
        for (size_t i = 0; i < len; i++)
            envelope(pcm, n, (a + i) * CD_AUDIO_HOP, edges, env + i * BANDS);
        for (size_t i = FLUX_LAG; i < len; i++) {
            double d = 0;
            for (int k = 0; k < BANDS; k++) {
                double x = env[i * BANDS + k] - env[(i - FLUX_LAG) * BANDS + k];
                d += x * x;
            }
            flux[i] = (float)sqrt(d / BANDS);
            const cd_audio_frame *cur = &f->v[a + i], *prev = &f->v[a + i - 1];
            bool pitch_jump =
                cur->f0 > 0 && prev->f0 > 0 && semitones(cur->f0, prev->f0) >= CD_AUDIO_FP_PITCH_ST;
            steady[i] = cur->voicing >= VOICING_MIN && !pitch_jump && flux[i] < CD_AUDIO_FP_FLUX_DB;
        }
        size_t i = 0;
        while (i < len) {
            if (!steady[i]) {
                i++;
                continue;
            }
            size_t r0 = i, last = i, glitch = 0, count = 1;
            for (i++; i < len; i++) {
                if (steady[i]) {
                    last = i;
                    glitch = 0;
                    count++;
                } else if (++glitch > GLITCH_MAX) {
                    break;
                }
            }
            double dur = (double)(last + 1 - r0) / CD_AUDIO_FPS;
            if (dur < CD_AUDIO_FP_MIN_S || dur > CD_AUDIO_FP_MAX_S ||
                (double)count / CD_AUDIO_FPS < MIN_STEADY_S)
                continue;
            float lo = 1e9f, hi = 0;
            double fl = 0, lh = 0;
            size_t voiced = 0, murmur = 0;
            /* the highest mean over MURMUR_RUN frames: a running sum over
             * the last MURMUR_RUN frames' values, each computed once */
            float window[MURMUR_RUN];
            double run = 0, peak = -1e9;
            for (size_t k = r0; k <= last; k++) {
                float x = low_over_high(env + k * BANDS);
                if (f->v[a + k].voicing >= VOICING_MIN) {
                    lh += x;
                    voiced++;
                    murmur += x >= MURMUR_LH_DB;
                }
                size_t slot = (k - r0) % MURMUR_RUN;
                if (k >= r0 + MURMUR_RUN)
                    run -= window[slot];
                window[slot] = x;
                run += x;
                if (k >= r0 + MURMUR_RUN - 1 && run / MURMUR_RUN > peak)
                    peak = run / MURMUR_RUN;
                float p = f->v[a + k].f0;
                if (p > 0 && p < lo)
                    lo = p;
                if (p > hi)
                    hi = p;
                fl += flux[k];
            }
            cd_audio_fp fp = {.start = (double)(a + r0 - 1) / CD_AUDIO_FPS,
                              .end = (double)(a + last + 1) / CD_AUDIO_FPS + 0.025,
                              .flux_db = fl / (double)(last + 1 - r0),
                              .pitch_st = hi > lo ? semitones(hi, lo) : 0,
                              .lowhigh_db = peak > -1e9 ? peak : lh / (double)(voiced ? voiced : 1),
                              .murmur = voiced ? (double)murmur / (double)voiced : 0};
            if (fp_push(out, &fp) != 0) {
                free(env);
                free(steady);
                free(flux);
                return -1;
            }
        }
        free(env);
        free(steady);
        free(flux);
    }
    return 0;
}
