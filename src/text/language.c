/* language.c - see language.h. */
#include "text/language.h"

#include <string.h>

static bool lower_is(const cd_text_doc *doc, size_t i, const char *const *words)
{
    if (i >= doc->n_tokens)
        return false;
    for (; *words; words++)
        if (strcmp(doc->tokens[i].lower, *words) == 0)
            return true;
    return false;
}

static bool same_sentence_prev(const cd_text_doc *doc, size_t i)
{
    return i > 0 && doc->tokens[i - 1].sentence == doc->tokens[i].sentence;
}

typedef bool (*exclude_fn)(const cd_text_doc *doc, size_t i, const cd_text_phrase *p);

static int scan(const cd_text_doc *doc, cd_text_lexicon_id id, exclude_fn exclude,
                cd_text_hits *out)
{
    const cd_text_lexicon *lex = cd_text_lexicon_get(id);
    if (!lex)
        return -1;
    for (size_t i = 0; i < doc->n_tokens; i++) {
        int m = cd_text_lexicon_match_at(doc, lex, i);
        if (m < 0)
            continue;
        const cd_text_phrase *p = &lex->phrases[m];
        if (exclude && exclude(doc, i, p))
            continue;
        size_t last = i + p->n - 1;
        if (cd_text_hits_push(out, i, last, doc->tokens[i].start, doc->tokens[last].end, p->text) !=
            0)
            return -1;
        i = last;
    }
    return 0;
}

/* "what kind of", "a sort of", "some kind of" describe a category. */
static bool hedge_excluded(const cd_text_doc *doc, size_t i, const cd_text_phrase *p)
{
    static const char *const CATEGORY[] = {"what", "this",      "that",    "a",     "an",    "the",
                                           "any",  "some",      "which",   "every", "each",  "same",
                                           "one",  "different", "another", "other", "which", NULL};
    if (p->n == 2 && (strcmp(p->words[0], "kind") == 0 || strcmp(p->words[0], "sort") == 0))
        return same_sentence_prev(doc, i) && lower_is(doc, i - 1, CATEGORY);
    /* "something like 40%" is an estimate, "something like that" is vague (vague list) */
    if (strcmp(p->text, "something like") == 0)
        return lower_is(doc, i + 2, (const char *const[]){"that", "this", NULL});
    return false;
}

int cd_text_find_hedges(const cd_text_doc *doc, cd_text_hits *out)
{
    return scan(doc, CD_LEX_HEDGE, hedge_excluded, out);
}

int cd_text_find_fillers(const cd_text_doc *doc, cd_text_hits *out)
{
    if (scan(doc, CD_LEX_FILLER, NULL, out) != 0)
        return -1;
    static const char *const LEADS[] = {"so",   "and",  "but",  "um",   "uh",
                                        "yeah", "okay", "well", "like", NULL};
    size_t before = out->n;
    for (size_t i = 0; i < doc->n_tokens; i++) {
        const cd_text_token *t = &doc->tokens[i];
        bool hit = false;
        if (strcmp(t->lower, "like") == 0) {
            hit = (t->flags & (CD_TOK_COMMA_BEFORE | CD_TOK_COMMA_AFTER)) ||
                  (same_sentence_prev(doc, i) && lower_is(doc, i - 1, LEADS));
            /* "would like", "I'd like", "feel like", "looks like" are verbs, not fillers */
            if (hit && same_sentence_prev(doc, i) &&
                lower_is(doc, i - 1,
                         (const char *const[]){"would", "i'd", "feel", "looks", "look", "seems",
                                               "just", NULL}))
                hit = false;
        } else if (strcmp(t->lower, "actually") == 0) {
            hit = (t->flags & CD_TOK_SENT_START) && (t->flags & CD_TOK_COMMA_AFTER);
        }
        if (hit && cd_text_hits_push(out, i, i, t->start, t->end,
                                     t->lower[0] == 'l' ? "like" : "actually") != 0)
            return -1;
    }
    /* keep hits in text order for reports */
    if (out->n > before) {
        for (size_t a = 1; a < out->n; a++) {
            cd_text_hit h = out->v[a];
            size_t b = a;
            while (b > 0 && out->v[b - 1].start > h.start) {
                out->v[b] = out->v[b - 1];
                b--;
            }
            out->v[b] = h;
        }
    }
    return 0;
}

int cd_text_find_vague(const cd_text_doc *doc, cd_text_hits *out)
{
    return scan(doc, CD_LEX_VAGUE, NULL, out);
}
