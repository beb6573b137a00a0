/* stream.h - incremental analysis of a live answer: feed PCM chunks as they
 * arrive, poll for newly recognised words and running delivery metrics, and
 * finish with the same report cd_audio_analyze() gives for a whole file.
 *
 * A speech stretch is transcribed as soon as the speaker pauses (the VAD sees
 * CD_AUDIO_PAUSE_MIN of silence after it), so words arrive with roughly one
 * pause of latency. The stream keeps the samples of the whole answer (up to
 * CD_AUDIO_MAX_SECONDS) for the final report.
 *
 * Ownership: cd_audio_stream_new() borrows opts->asr (it must outlive the
 * stream and not be used elsewhere meanwhile) and copies bias_text.
 * Threads: one thread at a time per stream. */
#ifndef CANDOR_AUDIO_STREAM_H
#define CANDOR_AUDIO_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#include "audio/audio.h"

typedef struct cd_audio_stream cd_audio_stream;

typedef struct cd_audio_live {
    double elapsed_s;         /* audio received so far */
    bool speaking;            /* the last 200 ms were above the speech threshold */
    double speech_s;          /* closed speech so far */
    size_t pauses;            /* pauses between closed speech stretches */
    double current_silence_s; /* silence since the last speech */
    double first_word_s;      /* -1 until someone speaks */
    size_t words;             /* recognised words so far, fillers excluded */
    double wpm;               /* over the speaking span so far (0 before 3 s) */
    size_t fillers;           /* vocal + lexical so far */
    float level_db;           /* level of the last frame */
    float pitch_hz;           /* last voiced pitch, 0 if none yet */
} cd_audio_live;

cd_audio_stream *cd_audio_stream_new(const cd_audio_opts *opts, cd_err *err);
void cd_audio_stream_free(cd_audio_stream *s);

/* Appends 16 kHz mono float samples (see cd_audio_from_s16 for raw PCM).
 * Fails with CD_ETOOBIG past CD_AUDIO_MAX_SECONDS. */
int cd_audio_stream_feed(cd_audio_stream *s, const float *pcm, size_t n, cd_err *err);

/* Appends the words recognised since the previous poll to *new_words (may
 * be NULL) and fills *live (may be NULL). */
int cd_audio_stream_poll(cd_audio_stream *s, cd_audio_words *new_words, cd_audio_live *live);

/* Flushes the last speech and produces the full report (caller frees it
 * with cd_audio_report_free). The stream can only be freed afterwards. */
int cd_audio_stream_finish(cd_audio_stream *s, cd_audio_report *r, cd_err *err);

#endif
