/* types.h - the values every audio module shares: recognised words, evidence
 * events, and growable arrays of both.
 *
 * Ownership: arrays own their storage; free them with the matching *_free.
 * Word text is stored inline so a word can be copied by value.
 * Threads: plain data, no shared state. */
#ifndef CANDOR_AUDIO_TYPES_H
#define CANDOR_AUDIO_TYPES_H

#include <stdbool.h>
#include <stddef.h>

#define CD_AUDIO_WORD_MAX 48 /* longest stored word, bytes incl. NUL */
#define CD_AUDIO_HOP 160     /* analysis hop: 10 ms at 16 kHz */
#define CD_AUDIO_FPS 100     /* analysis frames per second */

typedef struct cd_audio_word {
    char text[CD_AUDIO_WORD_MAX]; /* lowercase, no pronunciation suffix */
    double start, end;            /* seconds from the start of the recording */
    double conf;                  /* 0..1 */
} cd_audio_word;

typedef struct cd_audio_words {
    cd_audio_word *v;
    size_t n, alloc;
} cd_audio_words;

int cd_audio_words_push(cd_audio_words *w, const char *text, double start, double end, double conf);
void cd_audio_words_free(cd_audio_words *w);

/* Evidence: a time range with a kind ("filler", "long_pause", "rushing",
 * "slowing", "second_voice", "clipping", "repetition", "restart") and the
 * words or detail that justify it. `kind` points to a static string. */
typedef struct cd_audio_event {
    const char *kind;
    double start, end;
    char detail[64];
} cd_audio_event;

typedef struct cd_audio_events {
    cd_audio_event *v;
    size_t n, alloc;
} cd_audio_events;

int cd_audio_events_push(cd_audio_events *e, const char *kind, double start, double end,
                         const char *detail);
void cd_audio_events_free(cd_audio_events *e);
/* Number of events of one kind. */
size_t cd_audio_events_count(const cd_audio_events *e, const char *kind);

#endif
