/* prosody.h - how the voice sounds, independent of the words: loudness
 * (dBFS, integrated LUFS after ITU-R BS.1770 K-weighting and gating), level
 * variation, clipping, noise and SNR, pitch statistics in semitones with a
 * monotone indicator, and syllable nuclei for an articulation rate that does
 * not depend on speech recognition.
 *
 * All functions are pure: inputs are the samples and/or the frames and
 * segments from frames.h / vad.h. Threads: any. */
#ifndef CANDOR_AUDIO_PROSODY_H
#define CANDOR_AUDIO_PROSODY_H

#include <stdbool.h>
#include <stddef.h>

#include "audio/frames.h"
#include "audio/types.h"
#include "audio/vad.h"

#define CD_AUDIO_MONOTONE_ST 2.0    /* pitch std below this (semitones) = monotone */
#define CD_AUDIO_RATE_WINDOW_S 10.0 /* window for rushing/slowing detection */
#define CD_AUDIO_RUSH_RATIO 1.25
#define CD_AUDIO_SLOW_RATIO 0.75

typedef struct cd_audio_loudness {
    double rms_dbfs;         /* over speech, dBFS (-100 when none) */
    double peak_dbfs;        /* sample peak, dBFS */
    double lufs;             /* integrated loudness, LUFS (-70 when all gated) */
    double variation_db;     /* std of 400 ms block loudness over gated blocks */
    double clipped_fraction; /* share of samples at full scale */
    double noise_dbfs;       /* level between speech */
    double speech_dbfs;      /* median level within speech */
    double snr_db;           /* speech_dbfs - noise_dbfs */
} cd_audio_loudness;

typedef struct cd_audio_pitch_stats {
    size_t voiced_frames;
    double median_hz, p5_hz, p95_hz;
    double range_st; /* p95/p5 in semitones */
    double std_st;   /* std of pitch in semitones around the median */
    bool monotone;   /* std_st < CD_AUDIO_MONOTONE_ST with enough voiced speech */
} cd_audio_pitch_stats;

/* Integrated loudness (BS.1770-4 gating) of 16 kHz mono samples; also the
 * standard deviation of gated 400 ms block loudness in *variation. */
double cd_audio_lufs(const float *pcm, size_t n, double *variation);

void cd_audio_loudness_measure(const float *pcm, size_t n, const cd_audio_frames *f,
                               const cd_audio_segments *segs, cd_audio_loudness *out);
/* Adds a "clipping" event for each run of clipped frames. */
int cd_audio_clipping_events(const cd_audio_frames *f, cd_audio_events *ev);

void cd_audio_pitch_measure(const cd_audio_frames *f, const cd_audio_segments *segs,
                            cd_audio_pitch_stats *out);

/* Syllable nuclei (intensity peaks with a dip before them, voiced) inside
 * speech segments. Writes up to `max` times (seconds) and returns the count
 * found (which may exceed max). */
size_t cd_audio_syllable_nuclei(const cd_audio_frames *f, const cd_audio_segments *segs,
                                double *times, size_t max);

/* Mean level per whole second (dBFS); returns a malloc'd array of *n values. */
float *cd_audio_energy_per_second(const cd_audio_frames *f, size_t *n);

#endif
