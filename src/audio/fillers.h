/* fillers.h - filler words, repetitions and restarts in a timed transcript.
 *
 * Vocal fillers (um, uh, er, ah, hmm, mm) always count. Lexical fillers
 * (like, you know, basically, actually, literally, i mean, sort of, kind of,
 * and "so" opening a sentence) count only in filler position: "I like
 * Python", "do you know", "what kind of", "so much" are legitimate and are
 * not counted. Without punctuation from the recogniser, "sentence start"
 * means the first word or a word after a pause of CD_AUDIO_FILLER_PAUSE_S.
 *
 * Each detection becomes an event (kind "filler", "repetition" or
 * "restart") with its time range and the words as detail.
 * Threads: pure functions. */
#ifndef CANDOR_AUDIO_FILLERS_H
#define CANDOR_AUDIO_FILLERS_H

#include <stdbool.h>
#include <stddef.h>

#include "audio/types.h"

/* A gap this long between words starts a new sentence. Fluent speech runs
 * words together (gaps under ~50 ms besides stop closures); 80 ms is the
 * shortest sentence break in the training split of bench/audio (espeak-ng
 * at 210 wpm), where 0.3 s missed half the sentence-initial "so". */
#define CD_AUDIO_FILLER_PAUSE_S 0.08

typedef struct cd_audio_filler_stats {
    size_t vocal;       /* um, uh, ... */
    size_t lexical;     /* like, you know, ... in filler position */
    size_t repetitions; /* "the the" */
    size_t restarts;    /* "i was i was", "i um i" */
} cd_audio_filler_stats;

bool cd_audio_is_vocal_filler(const char *word);

/* Appends events for every filler/repetition/restart in w and fills *st. */
int cd_audio_detect_fillers(const cd_audio_words *w, cd_audio_events *ev,
                            cd_audio_filler_stats *st);

#endif
