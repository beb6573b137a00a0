/* lexical_fuse.h - a second decoding pass for the lexical fillers that the
 * language model turns into other words: "you know" heard as "you'll",
 * "you don't" or "you will", "i mean" heard as "i agree" or "really".
 *
 * Why: the n-gram model prefers the common continuation over the filler
 * when the acoustic evidence is close, and the filler rules (fillers.c) can
 * only count what was recognised. At the start of a sentence, where these
 * fillers are said, each such confusion is decoded again as a forced choice
 * between the recognised words and the filler phrase
 * (cd_audio_asr_words_margin); the phrase replaces the words when it fits
 * the audio clearly better (LEX_MARGIN_MIN in lexical_fuse.c, fitted on the
 * training split of bench/audio).
 * Ownership: edits the caller's words in place.
 * Threads: uses the decoder, so it runs on the thread that owns that
 * cd_audio_asr. */
#ifndef CANDOR_AUDIO_LEXICAL_FUSE_H
#define CANDOR_AUDIO_LEXICAL_FUSE_H

#include <stddef.h>

#include "base/err.h"

#include "audio/asr.h"
#include "audio/types.h"

/* Returns the number of phrases replaced, or -1 (err set). */
int cd_audio_fuse_lexical(cd_audio_asr *asr, const float *pcm, size_t n, cd_audio_words *w,
                          cd_err *err);

#endif
