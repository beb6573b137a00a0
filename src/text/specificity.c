/* specificity.c - see specificity.h. */
#include "text/specificity.h"

#include <string.h>

#include "text/star.h"

/* Number words that make a statement measurable ("three weeks", "twice"). */
static bool is_number_word(const char *w)
{
    if (!strchr("tfsenhmbdp", w[0]) || strlen(w) > 9)
        return false; /* no number word starts otherwise: skip the list */
    static const char *const N[] = {
        "two",     "three",    "four",     "five",      "six",     "seven",    "eight",
        "nine",    "ten",      "twelve",   "fifteen",   "twenty",  "thirty",   "fifty",
        "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
        "twice",   "half",     "double",   "triple",    "percent", NULL};
    for (const char *const *n = N; *n; n++)
        if (strcmp(w, *n) == 0)
            return true;
    return false;
}

/* Capitalised words that are not names. */
static bool is_common_capital(const char *lower)
{
    static const char *const C[] = {"i", "i'm", "i've", "i'd", "i'll", "ok", "okay", NULL};
    for (const char *const *c = C; *c; c++)
        if (strcmp(lower, *c) == 0)
            return true;
    return false;
}

int cd_text_find_specifics(const cd_text_doc *doc, cd_text_specifics *out)
{
    memset(out, 0, sizeof *out);
    const cd_text_lexicon *tech = cd_text_lexicon_get(CD_LEX_TECH);
    const cd_text_lexicon *ex = cd_text_lexicon_get(CD_LEX_EXAMPLE);
    if (!tech || !ex)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < doc->n_tokens && rc == 0; i++) {
        const cd_text_token *t = &doc->tokens[i];
        int m = cd_text_lexicon_match_at(doc, ex, i);
        if (m >= 0) {
            size_t last = i + ex->phrases[m].n - 1;
            rc |= cd_text_hits_push(&out->examples, i, last, t->start, doc->tokens[last].end,
                                    ex->phrases[m].text);
        }
        m = cd_text_lexicon_match_at(doc, tech, i);
        if (m >= 0) {
            size_t last = i + tech->phrases[m].n - 1;
            rc |= cd_text_hits_push(&out->tech, i, last, t->start, doc->tokens[last].end,
                                    tech->phrases[m].text);
            i = last;
            continue;
        }
        if ((t->flags & CD_TOK_NUMBER) || is_number_word(t->lower)) {
            rc |= cd_text_hits_push(&out->numbers, i, i, t->start, t->end, NULL);
            continue;
        }
        bool name = (t->flags & CD_TOK_ALLCAPS) ||
                    ((t->flags & CD_TOK_CAPITAL) && !(t->flags & CD_TOK_SENT_START));
        if (name && !(t->flags & CD_TOK_STOP) && !is_common_capital(t->lower))
            rc |= cd_text_hits_push(&out->named, i, i, t->start, t->end, NULL);
    }
    if (rc == 0)
        rc = cd_text_find_actions(doc, &out->actions);
    if (rc != 0) {
        cd_text_specifics_free(out);
        return -1;
    }
    return 0;
}

void cd_text_specifics_free(cd_text_specifics *s)
{
    cd_text_hits_free(&s->numbers);
    cd_text_hits_free(&s->tech);
    cd_text_hits_free(&s->named);
    cd_text_hits_free(&s->actions);
    cd_text_hits_free(&s->examples);
}
