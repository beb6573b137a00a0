/* filled_pause.h - acoustic detection of vocal fillers ("uh", "um", "er"):
 * the classic filled-pause signature of a voiced stretch of 120-900 ms
 * whose pitch stays level and whose spectral envelope (formants) barely
 * moves, because the speaker holds one neutral vowel (and maybe a nasal)
 * instead of articulating syllables.
 *
 * Why acoustic: a recogniser hears "uh" as "a", "the", "but" or nothing
 * at all, so fillers counted from the transcript alone are missed. The
 * detector works without a transcript but only proposes (on espeak-ng
 * speech it also fires on long vowels inside words);
 * cd_audio_fuse_filled_pauses() below lets the recogniser decide.
 *
 * Thresholds were set on the training split of bench/audio (synth_set.sh).
 * Ownership: cd_audio_fp_list owns its array (cd_audio_fp_list_free); the
 * fusion edits the caller's words in place.
 * Threads: the detector is pure; the fusion uses the decoder, so it runs on
 * the thread that owns that cd_audio_asr. */
#ifndef CANDOR_AUDIO_FILLED_PAUSE_H
#define CANDOR_AUDIO_FILLED_PAUSE_H

#include <stddef.h>

#include "base/err.h"

#include "audio/asr.h"
#include "audio/frames.h"
#include "audio/types.h"
#include "audio/vad.h"

#define CD_AUDIO_FP_MIN_S 0.12   /* shorter steady vowels are ordinary syllables */
#define CD_AUDIO_FP_MAX_S 0.90   /* longer steady voicing is singing or a tone */
#define CD_AUDIO_FP_FLUX_DB 2.5  /* spectral change per 20 ms that still counts as steady */
#define CD_AUDIO_FP_PITCH_ST 1.0 /* pitch change per 10 ms that still counts as level */

typedef struct cd_audio_fp {
    double start, end; /* seconds */
    double flux_db;    /* mean spectral flux over the stretch */
    double pitch_st;   /* pitch range over the stretch, semitones */
    double lowhigh_db; /* 100-415 Hz over 1-4 kHz (dB), its highest 80 ms mean */
    double murmur;     /* share of its voiced frames that sound like a nasal murmur */
} cd_audio_fp;

typedef struct cd_audio_fp_list {
    cd_audio_fp *v;
    size_t n, alloc;
} cd_audio_fp_list;

/* Finds filled-pause candidates inside the speech segments of pcm[0..n)
 * (16 kHz mono) with its frames. Returns 0, or -1 out of memory. */
int cd_audio_filled_pauses(const float *pcm, size_t n, const cd_audio_frames *f,
                           const cd_audio_segments *segs, cd_audio_fp_list *out);
void cd_audio_fp_list_free(cd_audio_fp_list *l);

/* Fuses the detector with the recogniser: each candidate that no vocal
 * filler already covers is decoded again as a forced choice between "um",
 * "uh" and the words the language-model pass put there
 * (cd_audio_asr_filler_margin), its acoustic margin weighed with the
 * candidate's steadiness and how much longer it lasts than the word would
 * (filler_fuse.c); when the filler wins it replaces those words in *w (a
 * candidate with no word on it becomes a filler as it is).
 * Returns the number of fillers added, or -1 (err set). */
int cd_audio_fuse_filled_pauses(cd_audio_asr *asr, const float *pcm, size_t n,
                                const cd_audio_frames *f, const cd_audio_segments *segs,
                                cd_audio_words *w, cd_err *err);

#endif
