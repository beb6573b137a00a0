/* synonyms.h - canonical terms: stems with aliases folded together.
 *
 * A "term" is what matching compares: the Snowball stem of a word, except
 * that aliases map to one canonical term ("db", "dbs", "database" ->
 * "databas"; "k8s" -> "kubernet"), British spellings map to American ones,
 * and multi-word names fold into one term ("machine learning" -> "ml",
 * "pull request" -> "pr"). Stop words are their own term (not stemmed).
 *
 * The alias tables are built once, on first use (pthread_once), and are
 * read-only afterwards: any thread may call, each with its own stemmer.
 * The data lives in synonyms_data.c so it can grow without touching code. */
#ifndef CANDOR_TEXT_SYNONYMS_H
#define CANDOR_TEXT_SYNONYMS_H

#include <stdbool.h>
#include <stddef.h>

#include "text/stem.h"

/* Longest term we store; longer words keep their lowercase form, cut here. */
#define CD_TEXT_TERM_MAX 64
/* Most words in one multi-word alias ("object relational mapping" = 3). */
#define CD_TEXT_MULTIWORD_MAX 4

/* Term of the lowercase word lower[0..n): writes it to out (cap bytes) and
 * returns out, or returns a pointer to a static canonical string. */
const char *cd_text_term(cd_text_stemmer *s, const char *lower, size_t n, char *out, size_t cap);

typedef struct cd_text_multiword {
    const char *terms[CD_TEXT_MULTIWORD_MAX]; /* terms of the words, in order */
    unsigned hashes[CD_TEXT_MULTIWORD_MAX];   /* cd_text_hash of each term */
    size_t n;
    const char *canonical; /* term the whole phrase folds into */
} cd_text_multiword;

/* The multi-word aliases (static, read-only). */
const cd_text_multiword *cd_text_multiwords(size_t *n);

/* Related terms of a point term (one-way evidence, see synonyms_data.c):
 * static array of terms, *n entries; NULL with *n = 0 when none. */
const char *const *cd_text_related(const char *term, size_t *n);

/* Data tables (synonyms_data.c). Each line: "canonical alias alias ...";
 * multi-word lines: "canonical|first phrase|second phrase". */
extern const char *const cd_text_synonym_groups[];
extern const size_t cd_text_synonym_groups_n;
extern const char *const cd_text_multiword_groups[];
extern const size_t cd_text_multiword_groups_n;
extern const char *const cd_text_related_groups[];
extern const size_t cd_text_related_groups_n;

#endif
