/* frames.h - per-frame acoustic features at 100 frames per second: level,
 * zero-crossing rate, clipping and pitch (YIN). Every later stage (VAD,
 * loudness, syllable nuclei, voices) reads these instead of raw samples, so
 * the samples are scanned once.
 *
 * Frame i describes the 25 ms window starting at sample i*CD_AUDIO_HOP; its
 * pitch is measured on a 47 ms window centred on the same point, after
 * decimation to 8 kHz (why: halves the cost of YIN with no loss below 450 Hz).
 *
 * Incremental: cd_audio_frames_update() computes only the frames that the
 * samples so far allow, so a live stream and a whole file share the code.
 * Ownership: the caller owns the struct; free with cd_audio_frames_free().
 * Threads: one thread per cd_audio_frames. */
#ifndef CANDOR_AUDIO_FRAMES_H
#define CANDOR_AUDIO_FRAMES_H

#include <stdbool.h>
#include <stddef.h>

#define CD_AUDIO_WIN 400        /* level window: 25 ms */
#define CD_AUDIO_PITCH_MIN 60.0 /* Hz */
#define CD_AUDIO_PITCH_MAX 400.0
#define CD_AUDIO_SILENT_DB -100.0f /* level reported for digital silence */

typedef struct cd_audio_frame {
    float db;         /* RMS level of the window, dBFS */
    float zcr;        /* zero crossings per sample, 0..1 */
    float f0;         /* fundamental frequency in Hz; 0 when unvoiced */
    float voicing;    /* 1 - YIN aperiodicity, 0..1 (0 when not measured) */
    unsigned clipped; /* samples of this hop at or above full scale */
} cd_audio_frame;

typedef struct cd_audio_frames {
    cd_audio_frame *v;
    size_t n, alloc;
} cd_audio_frames;

/* Computes the frames that pcm[0..n) makes available (all remaining ones,
 * zero-padded, when `final`). Returns 0, or -1 out of memory. */
int cd_audio_frames_update(cd_audio_frames *f, const float *pcm, size_t n, bool final);
void cd_audio_frames_free(cd_audio_frames *f);

/* YIN on 8 kHz samples x[0 .. win+lag_max): returns f0 in Hz (0 unvoiced)
 * and stores 1-aperiodicity in *voicing. Exposed for tests. */
float cd_audio_yin8k(const float *x, int win, float *voicing);

#endif
