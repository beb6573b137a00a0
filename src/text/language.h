/* language.h - hedging, filler and vague language in a doc.
 *
 * Each finder appends non-overlapping hits (label = the phrase as listed) to
 * a caller-owned cd_text_hits and returns 0, or -1 when memory runs out.
 * Context rules keep false alarms down: "kind of" after "what"/"a"/"this"
 * is not a hedge ("what kind of index"); "like" is a filler only next to a
 * comma or after "so"/"and"/"but" ("like, the cache" vs "a queue is like a
 * list"); "actually" only as an aside ("Actually, ..."). Pure functions over
 * an immutable doc: any thread may call. */
#ifndef CANDOR_TEXT_LANGUAGE_H
#define CANDOR_TEXT_LANGUAGE_H

#include "text/doc.h"
#include "text/lexicon.h"

int cd_text_find_hedges(const cd_text_doc *doc, cd_text_hits *out);
int cd_text_find_fillers(const cd_text_doc *doc, cd_text_hits *out);
int cd_text_find_vague(const cd_text_doc *doc, cd_text_hits *out);

#endif
