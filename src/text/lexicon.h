/* lexicon.h - phrase lists matched against a doc, with spans.
 *
 * A lexicon is a list of phrases ("i think", "not sure", "as a result"),
 * each compiled once into words. Phrases match consecutive tokens, either by
 * lowercase form (hedges, fillers: "like" must be the word "like") or by
 * term (action verbs: "implemented" matches "implement"). The built-in
 * lexicons (lexicon_data.c) are compiled on first use (pthread_once) and are
 * read-only afterwards: any thread may match against them. */
#ifndef CANDOR_TEXT_LEXICON_H
#define CANDOR_TEXT_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

#include "text/doc.h"

#define CD_TEXT_PHRASE_MAX_WORDS 6

typedef struct cd_text_phrase {
    const char *text; /* as written in the data, for reports */
    const char *words[CD_TEXT_PHRASE_MAX_WORDS];
    size_t n;
} cd_text_phrase;

typedef struct cd_text_lexicon {
    const cd_text_phrase *phrases;
    size_t n;
    bool by_term;
    unsigned long long bloom[4]; /* bit (hash of a first word) & 255: quick reject */
} cd_text_lexicon;

/* A phrase found in a doc: tokens [tok_first, tok_last], bytes [start, end). */
typedef struct cd_text_hit {
    size_t tok_first, tok_last;
    size_t start, end;
    const char *label; /* the phrase text, or a detector-specific label */
} cd_text_hit;

/* A growable list of hits, owned by the caller (cd_text_hits_free). */
typedef struct cd_text_hits {
    cd_text_hit *v;
    size_t n, cap;
} cd_text_hits;

int cd_text_hits_push(cd_text_hits *h, size_t tok_first, size_t tok_last, size_t start, size_t end,
                      const char *label);
void cd_text_hits_free(cd_text_hits *h);

/* Index of the longest phrase of `lex` matching at token i, or -1. */
int cd_text_lexicon_match_at(const cd_text_doc *doc, const cd_text_lexicon *lex, size_t i);

/* The built-in lexicons. */
typedef enum cd_text_lexicon_id {
    CD_LEX_HEDGE,          /* "i think", "maybe" */
    CD_LEX_FILLER,         /* "basically", "you know" ("like" is handled by context) */
    CD_LEX_VAGUE,          /* "stuff", "things", "etc" */
    CD_LEX_SITUATION,      /* "when i was", "at my previous job" */
    CD_LEX_TASK,           /* "my task was", "i was responsible for" */
    CD_LEX_ACTION_VERB,    /* by term: implemented, led, wrote */
    CD_LEX_RESULT,         /* "as a result", "which led to", "reduced" */
    CD_LEX_EXAMPLE,        /* "for example", "in my project" */
    CD_LEX_TECH,           /* named technologies, by lowercase form */
    CD_LEX_STORY_QUESTION, /* question wording that asks for a story */
    CD_LEX_COUNT
} cd_text_lexicon_id;

/* NULL only if memory ran out on first use. */
const cd_text_lexicon *cd_text_lexicon_get(cd_text_lexicon_id id);

/* Raw data (lexicon_data.c): NULL-terminated phrase lists. */
extern const char *const *const cd_text_lexicon_data[CD_LEX_COUNT];

#endif
