/* star.c - see star.h. */
#include "text/star.h"

#include <string.h>

const char *cd_text_star_part_name(cd_text_star_part_id id)
{
    static const char *const N[] = {"situation", "task", "action", "result"};
    return id < CD_STAR_PARTS ? N[id] : "?";
}

/* Tokens allowed between "I" and the verb: adverbs and auxiliaries of a
 * real past action ("I then wrote", "I quickly set up", "I also added"). */
static bool is_bridge(const char *w)
{
    static const char *const B[] = {
        "then",       "also",   "quickly",  "first", "immediately", "finally",  "personally",
        "eventually", "later",  "actually", "just",  "carefully",   "directly", "initially",
        "instead",    "myself", "had",      "have",  "did",         NULL};
    for (const char *const *b = B; *b; b++)
        if (strcmp(w, *b) == 0)
            return true;
    return false;
}

/* Past-tense shape: "emailed", "paired"; short words ("red", "bed") excluded. */
static bool looks_past(const char *w)
{
    size_t n = strlen(w);
    return n >= 5 && strcmp(w + n - 2, "ed") == 0 && strcmp(w, "needed") != 0 &&
           strcmp(w, "wanted") != 0;
}

int cd_text_find_actions(const cd_text_doc *doc, cd_text_hits *out)
{
    const cd_text_lexicon *verbs = cd_text_lexicon_get(CD_LEX_ACTION_VERB);
    if (!verbs)
        return -1;
    for (size_t i = 0; i < doc->n_tokens; i++) {
        if (strcmp(doc->tokens[i].lower, "i") != 0)
            continue;
        for (size_t j = i + 1; j < doc->n_tokens && j <= i + 3; j++) {
            const cd_text_token *t = &doc->tokens[j];
            if (t->sentence != doc->tokens[i].sentence)
                break;
            if (cd_text_lexicon_match_at(doc, verbs, j) >= 0 || looks_past(t->lower)) {
                if (cd_text_hits_push(out, i, j, doc->tokens[i].start, t->end, "action") != 0)
                    return -1;
                i = j;
                break;
            }
            if (!is_bridge(t->lower))
                break; /* "I would", "I think", "I am": not a reported action */
        }
    }
    return 0;
}

static bool sentence_has_lexicon(const cd_text_doc *doc, const cd_text_sentence *s,
                                 const cd_text_lexicon *lex)
{
    for (size_t i = s->first_token; i < s->first_token + s->n_tokens; i++)
        if (cd_text_lexicon_match_at(doc, lex, i) >= 0)
            return true;
    return false;
}

static bool sentence_has_flag(const cd_text_doc *doc, const cd_text_sentence *s, unsigned flag)
{
    for (size_t i = s->first_token; i < s->first_token + s->n_tokens; i++)
        if (doc->tokens[i].flags & flag)
            return true;
    return false;
}

static bool sentence_has_year(const cd_text_doc *doc, const cd_text_sentence *s)
{
    for (size_t i = s->first_token; i < s->first_token + s->n_tokens; i++) {
        const char *w = doc->tokens[i].lower;
        if (strlen(w) == 4 && (strncmp(w, "19", 2) == 0 || strncmp(w, "20", 2) == 0) &&
            w[2] >= '0' && w[2] <= '9' && w[3] >= '0' && w[3] <= '9')
            return true;
    }
    return false;
}

static bool sentence_sets_scene(const cd_text_doc *doc, const cd_text_sentence *s)
{
    static const char *const W[] = {"was", "were", "had", NULL};
    for (size_t i = s->first_token; i < s->first_token + s->n_tokens; i++)
        for (const char *const *w = W; *w; w++)
            if (strcmp(doc->tokens[i].lower, *w) == 0)
                return true;
    return false;
}

static void mark(cd_text_star *st, cd_text_star_part_id id, const cd_text_doc *doc, size_t s)
{
    cd_text_star_part *p = &st->part[id];
    p->present = true;
    p->sentence = s;
    p->start = doc->sentences[s].start;
    p->end = doc->sentences[s].end;
}

int cd_text_detect_star(const cd_text_doc *doc, cd_text_star *st)
{
    memset(st, 0, sizeof *st);
    const cd_text_lexicon *sit = cd_text_lexicon_get(CD_LEX_SITUATION);
    const cd_text_lexicon *task = cd_text_lexicon_get(CD_LEX_TASK);
    const cd_text_lexicon *res = cd_text_lexicon_get(CD_LEX_RESULT);
    if (!sit || !task || !res)
        return -1;
    cd_text_hits actions = {0};
    if (cd_text_find_actions(doc, &actions) != 0) {
        cd_text_hits_free(&actions);
        return -1;
    }
    if (actions.n > 0)
        mark(st, CD_STAR_ACTION, doc, doc->tokens[actions.v[0].tok_first].sentence);
    size_t first_action =
        st->part[CD_STAR_ACTION].present ? st->part[CD_STAR_ACTION].sentence : doc->n_sentences;
    cd_text_hits_free(&actions);

    for (size_t s = 0; s < doc->n_sentences; s++) {
        const cd_text_sentence *se = &doc->sentences[s];
        if (!st->part[CD_STAR_SITUATION].present &&
            (sentence_has_lexicon(doc, se, sit) || sentence_has_year(doc, se)))
            mark(st, CD_STAR_SITUATION, doc, s);
        if (!st->part[CD_STAR_TASK].present && sentence_has_lexicon(doc, se, task))
            mark(st, CD_STAR_TASK, doc, s);
        if (sentence_has_lexicon(doc, se, res)) {
            bool quantified = sentence_has_flag(doc, se, CD_TOK_NUMBER);
            cd_text_star_part *r = &st->part[CD_STAR_RESULT];
            /* A result is an outcome: prefer one after the first action, and
             * one with a number over one without. */
            bool after = s >= first_action || first_action == doc->n_sentences;
            bool better = !r->present || (quantified && !r->quantified) ||
                          (after && r->sentence < first_action && first_action < doc->n_sentences);
            if (better) {
                mark(st, CD_STAR_RESULT, doc, s);
                r->quantified = quantified;
            }
        }
    }
    /* No explicit context phrase: an opening sentence describing how things
     * were ("Our checkout page was timing out") still sets the scene. */
    if (!st->part[CD_STAR_SITUATION].present && doc->n_sentences > 1 && first_action > 0) {
        for (size_t s = 0; s < first_action && s < doc->n_sentences; s++)
            if (sentence_sets_scene(doc, &doc->sentences[s])) {
                mark(st, CD_STAR_SITUATION, doc, s);
                break;
            }
    }
    return 0;
}
