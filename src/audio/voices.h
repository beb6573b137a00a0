/* voices.h - evidence of a second speaker, for proctoring.
 *
 * Heuristic: a speaker's pitch stays within a few semitones of their own
 * median. The recording is cut into 1 s windows of voiced speech; windows
 * whose median pitch sits more than CD_AUDIO_VOICE_SHIFT_ST semitones from
 * the recording's median form the second population. It reports only when
 * that population lasts long enough to be more than a pitch excursion.
 * It cannot separate two speakers of similar pitch, and it does not detect
 * overlapped speech; results are evidence to review, not a verdict.
 * Threads: pure function. */
#ifndef CANDOR_AUDIO_VOICES_H
#define CANDOR_AUDIO_VOICES_H

#include "audio/frames.h"
#include "audio/types.h"
#include "audio/vad.h"

#define CD_AUDIO_VOICE_SHIFT_ST 4.5 /* semitones from the main voice */
#define CD_AUDIO_VOICE_MIN_S 1.5    /* total shifted speech needed to report */

/* Appends "second_voice" events; returns the number of seconds of speech
 * attributed to another voice, or -1 on out of memory. */
double cd_audio_detect_voices(const cd_audio_frames *f, const cd_audio_segments *segs,
                              cd_audio_events *ev);

#endif
