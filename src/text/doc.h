/* doc.h - a tokenised, sentence-split, stemmed view of one text.
 *
 * cd_text_doc_init() reads caller-owned UTF-8 text (which must outlive the
 * doc: tokens point into it by byte offset) and allocates tokens, sentences
 * and an arena for lowercase forms and terms; cd_text_doc_free() releases
 * them. A doc is immutable after init and may be read from any thread; the
 * stemmer passed to init belongs to the calling thread.
 *
 * Tokens are words and numbers; punctuation is not a token but is recorded
 * in flags (comma before/after) because filler detection needs it. Byte
 * offsets never split a UTF-8 sequence. Tokenisation keeps "node.js",
 * "3.5", "c++", "c#", "40%", "$10", "don't" whole and splits "b-tree",
 * "ci/cd" into parts (phrases then match across the parts). */
#ifndef CANDOR_TEXT_DOC_H
#define CANDOR_TEXT_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "text/stem.h"

/* Hard limit on the text size a doc accepts: answers are at most 10,000
 * characters (40,000 bytes of UTF-8); anything larger is refused. */
#define CD_TEXT_MAX_BYTES (64 * 1024)

enum cd_text_token_flag {
    CD_TOK_NUMBER = 1u << 0,       /* starts with a digit or a currency sign */
    CD_TOK_HAS_DIGIT = 1u << 1,    /* contains a digit anywhere (k8s, p99) */
    CD_TOK_CAPITAL = 1u << 2,      /* first character is an ASCII capital */
    CD_TOK_ALLCAPS = 1u << 3,      /* two or more letters, all capitals (API, SQL) */
    CD_TOK_STOP = 1u << 4,         /* stop word */
    CD_TOK_WEAK = 1u << 5,         /* generic word, no evidence of content */
    CD_TOK_SENT_START = 1u << 6,   /* first token of its sentence */
    CD_TOK_COMMA_BEFORE = 1u << 7, /* a comma (or ; : dash) right before */
    CD_TOK_COMMA_AFTER = 1u << 8,  /* a comma (or ; : dash) right after */
    CD_TOK_MERGED = 1u << 9,       /* folded into the previous token's multi-word term */
};

typedef struct cd_text_token {
    size_t start, end; /* bytes in the text */
    size_t term_end;   /* end of the multi-word term it starts (== end otherwise) */
    size_t sentence;   /* index into sentences */
    unsigned flags;
    const char *lower;   /* lowercase form ("’" folded to "'"), NUL-terminated */
    const char *term;    /* canonical term ("" for merged tokens) */
    unsigned term_hash;  /* cd_text_hash(term): compare hashes before strings */
    unsigned lower_hash; /* cd_text_hash(lower) */
} cd_text_token;

typedef struct cd_text_sentence {
    size_t start, end; /* bytes, including the closing punctuation */
    size_t first_token, n_tokens;
} cd_text_sentence;

typedef struct cd_text_doc {
    const char *text;
    size_t len;
    cd_text_token *tokens;
    size_t n_tokens;
    cd_text_sentence *sentences;
    size_t n_sentences;
    size_t n_words; /* tokens that are not merged parts: the word count */
    char *arena;
} cd_text_doc;

/* Fails with CD_ETOOBIG over CD_TEXT_MAX_BYTES, CD_EINVAL on invalid
 * UTF-8, CD_EINTERNAL when memory runs out. `stemmer` may be NULL (terms are
 * then lowercase forms with aliases resolved). On failure *doc is empty and
 * safe to free. */
int cd_text_doc_init(cd_text_doc *doc, const char *text, size_t len, cd_text_stemmer *stemmer,
                     cd_err *err);
void cd_text_doc_free(cd_text_doc *doc);

/* FNV-1a hash of a NUL-terminated string (term comparison fast path). */
unsigned cd_text_hash(const char *s);

/* True when the token's term carries content (not stop, weak or merged). */
bool cd_text_token_is_content(const cd_text_token *t);

/* Byte span of the sentences from the one holding token a to the one
 * holding token b (a <= b). */
void cd_text_sentence_span(const cd_text_doc *doc, size_t tok_a, size_t tok_b, size_t *start,
                           size_t *end);

#endif
