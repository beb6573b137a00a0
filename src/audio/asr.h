/* asr.h - offline speech recognition with PocketSphinx, with per-word start,
 * end and confidence, and context biasing.
 *
 * Context biasing: the generic en-us trigram model is weak on conversational
 * answers. cd_audio_asr_set_bias() builds a small bigram model from text the
 * answer is likely to share words with (the question, its keywords and
 * talking points, resume skills; common interview phrasing is always added)
 * and linearly interpolates it with the generic model (sphinxbase
 * ngram_model_set). Words missing from the pronunciation dictionary are
 * skipped: biasing can only promote words the decoder can already say.
 *
 * Long audio is decoded chunk by chunk on the VAD's speech segments (one
 * utterance per chunk), which is both faster and more accurate than one long
 * utterance.
 *
 * Ownership: cd_audio_asr_new() returns a decoder the caller frees with
 * cd_audio_asr_free(). Threads: a decoder may be used by one thread at a
 * time; create one per worker (loading costs ~0.3 s and ~40 MB). */
#ifndef CANDOR_AUDIO_ASR_H
#define CANDOR_AUDIO_ASR_H

#include <stddef.h>

#include "audio/types.h"
#include "audio/vad.h"
#include "base/err.h"

#define CD_AUDIO_SPHINX_MODEL_DIR "/usr/share/pocketsphinx/model/en-us"
#define CD_AUDIO_ASR_CHUNK_MAX_S 20.0        /* longest utterance handed to the decoder */
#define CD_AUDIO_ASR_PAD_S 0.15              /* context kept around each speech chunk */
#define CD_AUDIO_BIAS_MAX_BYTES (256 * 1024) /* bias text cap */
#define CD_AUDIO_BIAS_WEIGHT 0.3             /* default weight of the bias model */
#define CD_AUDIO_ASR_FLOOR_DB (-25.0) /* noise floor added for the decoder, dB re chunk RMS */

typedef struct cd_audio_asr cd_audio_asr;

/* model_dir: NULL = $CANDOR_SPHINX_MODEL or CD_AUDIO_SPHINX_MODEL_DIR; it
 * must hold en-us/ (acoustic model), en-us.lm.bin and cmudict-en-us.dict. */
cd_audio_asr *cd_audio_asr_new(const char *model_dir, cd_err *err);
void cd_audio_asr_free(cd_audio_asr *asr);

/* Biases recognition towards `text` with interpolation weight `weight`
 * (0..1, 0 = CD_AUDIO_BIAS_WEIGHT). text NULL or "" returns to plain decoding.
 * Returns the number of distinct bias words the dictionary knows, or -1. */
int cd_audio_asr_set_bias(cd_audio_asr *asr, const char *text, double weight, cd_err *err);

/* Decodes pcm[0..n) (16 kHz mono float) as one utterance; appends words with
 * times offset by t0 seconds. */
int cd_audio_asr_decode(cd_audio_asr *asr, const float *pcm, size_t n, double t0,
                        cd_audio_words *out, cd_err *err);

/* Decodes a recording chunk by chunk over its speech segments. */
int cd_audio_asr_transcribe(cd_audio_asr *asr, const float *pcm, size_t n,
                            const cd_audio_segments *segs, cd_audio_words *out, cd_err *err);

/* Second pass for a suspected filled pause: decodes pcm[0..n) with a
 * grammar that allows only `before`, then either a vocal filler (um, uh,
 * ah, er, hmm, mm) or `words` (what the language-model pass heard there),
 * then `after` (the neighbouring recognised words, which anchor the choice
 * in time; NULL or "" for none). All are lowercase, space separated. The
 * acoustic model alone decides between the filler and the words (margin
 * > 0 in cd_audio_asr_filler_margin below). Returns 1
 * when a filler wins (its text in `filler`), 0 when the words win (or
 * cannot be put in a grammar), -1 on a decoder error. The biased or plain
 * search is restored afterwards. */
int cd_audio_asr_filler_or_words(cd_audio_asr *asr, const float *pcm, size_t n, const char *before,
                                 const char *words, const char *after, char filler[8], cd_err *err);

/* The same second pass as two scores: decodes pcm[0..n) once with the
 * fillers and once with `words` between the neighbours, only silence
 * allowed between words, and sets *margin to the path score of the best
 * filler minus that of the words, in the decoder's score units (+HUGE_VAL
 * when only the filler path reaches the end; -HUGE_VAL, `filler` "", when
 * no filler path does or the words cannot be put in a grammar), `filler`
 * to the filler that path took. The sign alone is a weak decision: the
 * acoustic model barely tells "uh" from "of" or "the", so the caller
 * weighs it with other evidence (filler_fuse.c). Returns 0, or -1 on a
 * decoder error; the search is restored afterwards. */
int cd_audio_asr_filler_margin(cd_audio_asr *asr, const float *pcm, size_t n, const char *before,
                               const char *words, const char *after, char filler[8], double *margin,
                               cd_err *err);

/* Number of phones in the dictionary pronunciation of `word`, 0 when the
 * dictionary does not know it. */
int cd_audio_asr_phone_count(cd_audio_asr *asr, const char *word);

/* Builds the ARPA text of the bias bigram model from `text` plus common
 * interview phrasing, keeping only words for which known(word, ctx) is true
 * (NULL keeps all). Returns malloc'd ARPA text, and the vocabulary size in
 * *n_words. Exposed for tests. */
char *cd_audio_bias_arpa(const char *text, int (*known)(const char *word, void *ctx), void *ctx,
                         size_t *n_words);

/* Common interview-answer phrasing that every bias model includes. */
extern const char cd_audio_interview_phrasing[];

#endif
