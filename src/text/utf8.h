/* utf8.h - minimal UTF-8 decoding for the text layer.
 *
 * Owns nothing; pure functions over caller-owned bytes. Any thread may call.
 * Why our own: we need byte offsets that never split a code point, and a
 * strict validity check before text is put into JSON (jansson refuses
 * invalid UTF-8), not full Unicode tables. */
#ifndef CANDOR_TEXT_UTF8_H
#define CANDOR_TEXT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s[0..n). Returns its length in bytes (1..4) and
 * stores it in *cp; an invalid or truncated sequence gives length 1 and
 * *cp = -1 so callers can skip one byte and carry on. n must be > 0. */
size_t cd_text_utf8_next(const char *s, size_t n, int32_t *cp);

/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
bool cd_text_utf8_valid(const char *s, size_t n);

/* True for code points that belong inside words: ASCII letters and digits,
 * underscore, and non-ASCII code points outside the punctuation, symbol and
 * emoji blocks. Deliberately coarse: a word of Devanagari or Cyrillic stays
 * one token, an em dash or a smiley separates tokens. */
bool cd_text_is_word_cp(int32_t cp);

#endif
