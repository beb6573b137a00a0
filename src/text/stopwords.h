/* stopwords.h - English stop words and "weak" words.
 *
 * Stop words ("the", "of", "is") never count as evidence that an answer
 * covers a talking point. Weak words ("use", "thing", "example") are
 * ordinary words too generic to show coverage either. Both lists are
 * static, sorted, read-only data: any thread may call. Input is a
 * lowercase word (NUL-terminated). */
#ifndef CANDOR_TEXT_STOPWORDS_H
#define CANDOR_TEXT_STOPWORDS_H

#include <stdbool.h>

bool cd_text_is_stopword(const char *lower);
bool cd_text_is_weak_word(const char *lower);
/* Self-check for tests: both lists are strictly sorted. */
bool cd_text_stopwords_sorted(void);

#endif
