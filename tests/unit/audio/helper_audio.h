/* helper_audio.h - shared by the audio unit tests: fixture paths and
 * loading, label files written by synth.sh, synthetic signals. */
#ifndef CANDOR_TEST_HELPER_AUDIO_H
#define CANDOR_TEST_HELPER_AUDIO_H

#include <stddef.h>

#include "audio/audio.h"

#define LIBRIVOX_DIR "/usr/share/pocketsphinx/test/data/librivox"

/* CANDOR_FIXTURE_DIR "/" name, in a static buffer. */
const char *fixture(const char *name);
/* Decodes a fixture (fails the test on error). */
float *load_fixture(const char *name, size_t *n);

typedef struct label {
    char kind[16]; /* speech | filler | pause */
    double start, end;
    int nwords;
    char text[128];
} label;
/* Reads synth.sh labels; returns count (fails the test on error). */
size_t load_labels(const char *name, label *out, size_t max);

/* A harmonic "voice": f0 glides from f_start to f_end, amplitude amp. */
float *make_voice(double seconds, double f_start, double f_end, double amp, size_t *n);
/* One shared PocketSphinx decoder per test process (loaded once). */
cd_audio_asr *shared_asr(void);
void shared_asr_free(void);

#endif
