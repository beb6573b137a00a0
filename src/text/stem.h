/* stem.h - English stemming (Snowball/Porter2 via libstemmer).
 *
 * A cd_text_stemmer wraps one sb_stemmer, which is NOT thread-safe: create one
 * per call or per thread, never share one between threads. The caller owns
 * it and frees it with cd_text_stemmer_free(). */
#ifndef CANDOR_TEXT_STEM_H
#define CANDOR_TEXT_STEM_H

#include <stddef.h>

/* Words longer than this are not stemmed (identifiers, hashes, noise): the
 * lowercase form is used as is, which also bounds the cost per token. */
#define CD_TEXT_STEM_MAX_BYTES 48

typedef struct cd_text_stemmer cd_text_stemmer;

/* NULL when memory is exhausted. */
cd_text_stemmer *cd_text_stemmer_new(void);
void cd_text_stemmer_free(cd_text_stemmer *s);

/* Stems the lowercase word w[0..n) into out (cap bytes, NUL-terminated,
 * truncated to fit). Returns the stem length. Words that are too long or
 * contain digits are copied unchanged. */
size_t cd_text_stem(cd_text_stemmer *s, const char *w, size_t n, char *out, size_t cap);

#endif
