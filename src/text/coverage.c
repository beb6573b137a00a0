/* coverage.c - see coverage.h. */
#include "text/coverage.h"

#include <stdlib.h>
#include <string.h>

static size_t lower_bound(const cd_text_termset *s, const char *term, bool *eq)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(s->terms[mid], term);
        if (c == 0) {
            *eq = true;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *eq = false;
    return lo;
}

int cd_text_termset_add(cd_text_termset *s, const char *term)
{
    bool eq;
    size_t at = lower_bound(s, term, &eq);
    if (eq)
        return 0;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        char **v = realloc(s->terms, cap * sizeof *v);
        if (!v)
            return -1;
        s->terms = v;
        s->cap = cap;
    }
    char *copy = strdup(term);
    if (!copy)
        return -1;
    memmove(s->terms + at + 1, s->terms + at, (s->n - at) * sizeof *s->terms);
    s->terms[at] = copy;
    s->n++;
    return 0;
}

int cd_text_termset_add_doc(cd_text_termset *s, const cd_text_doc *doc)
{
    for (size_t i = 0; i < doc->n_tokens; i++)
        if (cd_text_token_is_content(&doc->tokens[i]) &&
            cd_text_termset_add(s, doc->tokens[i].term) != 0)
            return -1;
    return 0;
}

bool cd_text_termset_has(const cd_text_termset *s, const char *term)
{
    bool eq = false;
    if (s && s->n)
        lower_bound(s, term, &eq);
    return eq;
}

void cd_text_termset_free(cd_text_termset *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->terms[i]);
    free(s->terms);
    memset(s, 0, sizeof *s);
}

int cd_text_cover(const cd_text_doc *answer, const cd_text_doc *point, const cd_text_termset *given,
                  cd_text_coverage *out)
{
    memset(out, 0, sizeof *out);
    const char *terms[CD_TEXT_POINT_MAX_TERMS];
    double weight[CD_TEXT_POINT_MAX_TERMS];
    size_t nt = 0;
    double total = 0;
    for (size_t i = 0; i < point->n_tokens && nt < CD_TEXT_POINT_MAX_TERMS; i++) {
        const cd_text_token *t = &point->tokens[i];
        if (!cd_text_token_is_content(t))
            continue;
        bool dup = false;
        for (size_t k = 0; k < nt && !dup; k++)
            dup = strcmp(terms[k], t->term) == 0;
        if (dup)
            continue;
        terms[nt] = t->term;
        weight[nt] = cd_text_termset_has(given, t->term) ? 0.5 : 1.0;
        total += weight[nt];
        nt++;
    }
    out->n_terms = nt;
    if (nt == 0 || answer->n_tokens == 0)
        return 0;

    /* Occurrences of point terms in the answer, in token order. */
    size_t cap = answer->n_tokens;
    size_t *pos = malloc(cap * sizeof *pos);
    unsigned char *which = malloc(cap);
    if (!pos || !which) {
        free(pos);
        free(which);
        return -1;
    }
    size_t nocc = 0;
    for (size_t i = 0; i < answer->n_tokens; i++) {
        const cd_text_token *t = &answer->tokens[i];
        if (!cd_text_token_is_content(t))
            continue;
        for (size_t k = 0; k < nt; k++)
            if (strcmp(terms[k], t->term) == 0) {
                pos[nocc] = i;
                which[nocc] = (unsigned char)k;
                nocc++;
                break;
            }
    }
    /* Sliding window over occurrences: the span of at most `win` tokens with
     * the largest weighted number of distinct terms. */
    size_t win = 3 * nt > CD_TEXT_COVER_MIN_WINDOW ? 3 * nt : CD_TEXT_COVER_MIN_WINDOW;
    unsigned count[CD_TEXT_POINT_MAX_TERMS] = {0};
    double cur = 0, best = 0;
    size_t cur_hits = 0, lo = 0;
    for (size_t hi = 0; hi < nocc; hi++) {
        if (count[which[hi]]++ == 0) {
            cur += weight[which[hi]];
            cur_hits++;
        }
        while (pos[hi] - pos[lo] >= win) {
            if (--count[which[lo]] == 0) {
                cur -= weight[which[lo]];
                cur_hits--;
            }
            lo++;
        }
        if (cur > best + 1e-9) {
            best = cur;
            out->n_hit = cur_hits;
            out->found = true;
            out->tok_first = pos[lo];
            out->tok_last = pos[hi];
        }
    }
    out->ratio = total > 0 ? best / total : 0;
    free(pos);
    free(which);
    return 0;
}

bool cd_text_find_keyword(const cd_text_doc *answer, const cd_text_doc *keyword, size_t *tok_first,
                          size_t *tok_last)
{
    /* The keyword's terms: content terms, or all terms when it has none
     * ("GET", "put" are stop-ish words but real keywords). */
    const char *kt[8];
    size_t nk = 0;
    for (int pass = 0; pass < 2 && nk == 0; pass++)
        for (size_t i = 0; i < keyword->n_tokens && nk < 8; i++) {
            const cd_text_token *t = &keyword->tokens[i];
            if (t->flags & CD_TOK_MERGED)
                continue;
            if (pass == 0 && !cd_text_token_is_content(t))
                continue;
            kt[nk++] = t->term;
        }
    if (nk == 0)
        return false;
    for (size_t i = 0; i < answer->n_tokens; i++) {
        if (strcmp(answer->tokens[i].term, kt[0]) != 0)
            continue;
        size_t at = i, k = 1;
        for (; k < nk; k++) {
            size_t j = at + 1, found = 0;
            for (; j < answer->n_tokens && j <= at + 1 + CD_TEXT_KEYWORD_MAX_GAP; j++)
                if (strcmp(answer->tokens[j].term, kt[k]) == 0) {
                    found = j;
                    break;
                }
            if (!found)
                break;
            at = found;
        }
        if (k == nk) {
            *tok_first = i;
            *tok_last = at;
            return true;
        }
    }
    return false;
}
