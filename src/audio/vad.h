/* vad.h - voice activity: which stretches of a recording are speech, which
 * are silence and which are non-speech noise, from the per-frame features.
 *
 * Why level + voicing rather than level alone: a door slam or keyboard is
 * loud but aperiodic, and steady background noise raises the level of every
 * frame; the threshold is set relative to the recording's own noise floor
 * (a low percentile of frame levels) and a loud stretch only counts as speech
 * when enough of it is voiced.
 *
 * Ownership: cd_audio_segments owns its array (cd_audio_segments_free).
 * Threads: pure functions. */
#ifndef CANDOR_AUDIO_VAD_H
#define CANDOR_AUDIO_VAD_H

#include <stdbool.h>
#include <stddef.h>

#include "audio/frames.h"

#define CD_AUDIO_PAUSE_MIN 0.25          /* s: shorter gaps are part of fluent speech */
#define CD_AUDIO_LONG_PAUSE 2.0          /* s: a "long pause" in the report */
#define CD_AUDIO_VAD_MARGIN_DB 9.0f      /* speech must be this far above the floor */
#define CD_AUDIO_VAD_ABS_FLOOR_DB -55.0f /* ...and above this absolute level */

typedef struct cd_audio_segment {
    double start, end; /* seconds */
    bool speech;       /* false: loud but unvoiced (noise) */
    float voiced_frac; /* share of frames with a pitch */
    float level_db;    /* mean level */
} cd_audio_segment;

typedef struct cd_audio_segments {
    cd_audio_segment *v;
    size_t n, alloc;
} cd_audio_segments;

/* Level (dBFS) below which `pct` percent of the frames lie. */
float cd_audio_level_percentile(const cd_audio_frame *fr, size_t n, float pct);
#define CD_AUDIO_HIST_BINS 101       /* 1 dB level bins over -100..0 dBFS */
#define CD_AUDIO_FLOOR_MIN_FRAMES 10 /* fewer unvoiced frames: floor unknown */

/* The noise floor the VAD uses: 10th percentile of the unvoiced frames'
 * levels (CD_AUDIO_SILENT_DB when there are too few). */
float cd_audio_noise_floor(const cd_audio_frame *fr, size_t n);
/* The same from a histogram of unvoiced frame levels (streaming). */
float cd_audio_floor_from_histogram(const size_t *hist, size_t total);

/* Segments the frames fr[0..n) (frame 0 at time t0 seconds) given a noise
 * floor; appends to *out. Returns 0 or -1 out of memory. */
int cd_audio_vad(const cd_audio_frame *fr, size_t n, double t0, float noise_db,
                 cd_audio_segments *out);
void cd_audio_segments_free(cd_audio_segments *s);

#endif
