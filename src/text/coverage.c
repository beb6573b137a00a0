/* coverage.c - see coverage.h. */
#include "text/coverage.h"
#include "text/synonyms.h"

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

/* Example lists inside a talking point ("status codes such as 200, 201,
 * 404", "methods GET, POST, PUT") name instances, not separate ideas: an
 * answer that mentions any one of them has the idea. Each such list becomes
 * one slot. Lists are those after an example marker, and runs of three or
 * more numbers or capitalised names separated by commas/"and"/"or". */
static bool is_marker_end(const cd_text_doc *d, size_t i)
{
    const char *w = d->tokens[i].lower;
    const char *prev = i > 0 ? d->tokens[i - 1].lower : "";
    return strcmp(w, "e.g") == 0 || strcmp(w, "eg") == 0 || strcmp(w, "like") == 0 ||
           strcmp(w, "including") == 0 || (strcmp(w, "as") == 0 && strcmp(prev, "such") == 0) ||
           ((strcmp(w, "example") == 0 || strcmp(w, "instance") == 0) && strcmp(prev, "for") == 0);
}

static bool is_conj(const cd_text_token *t)
{
    return strcmp(t->lower, "and") == 0 || strcmp(t->lower, "or") == 0;
}

static bool is_name_like(const cd_text_token *t)
{
    return (t->flags & (CD_TOK_NUMBER | CD_TOK_ALLCAPS)) != 0;
}

/* Items of a list starting at token j: marks them in `in_list` with id
 * `gid` and returns how many. With `names_only`, items must be numbers or
 * acronyms. An item must be followed by a separator or the sentence end. */
static size_t mark_list(const cd_text_doc *d, size_t j, bool names_only, int gid, int *in_list)
{
    size_t items = 0;
    while (j < d->n_tokens) {
        const cd_text_token *t = &d->tokens[j];
        if (names_only && !is_name_like(t))
            break;
        bool last = j + 1 >= d->n_tokens || d->tokens[j + 1].sentence != t->sentence;
        bool conj_next = !last && is_conj(&d->tokens[j + 1]);
        if (!(last || (t->flags & CD_TOK_COMMA_AFTER) || conj_next))
            break;
        in_list[j] = gid;
        items++;
        if (last)
            break;
        j += 1;
        if (is_conj(&d->tokens[j]) && j + 1 < d->n_tokens)
            j++;
        else if (conj_next)
            j++;
    }
    return items;
}

typedef struct slots {
    const char *term[CD_TEXT_POINT_MAX_TERMS];
    int slot[CD_TEXT_POINT_MAX_TERMS]; /* slot of each term */
    size_t n_terms;
    double weight[CD_TEXT_POINT_MAX_TERMS];
    bool all_given[CD_TEXT_POINT_MAX_TERMS];
    size_t n_slots;
} slots;

static void build_slots(const cd_text_doc *point, const cd_text_termset *given, slots *sl,
                        int *in_list)
{
    int gid = 0;
    for (size_t i = 0; i < point->n_tokens; i++)
        in_list[i] = -1;
    for (size_t i = 0; i < point->n_tokens; i++) {
        if (in_list[i] >= 0)
            continue;
        if (is_marker_end(point, i) && i + 1 < point->n_tokens &&
            point->tokens[i + 1].sentence == point->tokens[i].sentence) {
            if (mark_list(point, i + 1, false, gid, in_list) > 0)
                gid++;
        } else if (is_name_like(&point->tokens[i])) {
            int tmp[CD_TEXT_POINT_MAX_TERMS * 4];
            size_t cap = point->n_tokens < sizeof tmp / sizeof *tmp ? point->n_tokens : 0;
            if (cap == 0)
                continue;
            for (size_t k = 0; k < cap; k++)
                tmp[k] = -1;
            if (mark_list(point, i, true, gid, tmp) >= 3) {
                for (size_t k = 0; k < cap; k++)
                    if (tmp[k] >= 0)
                        in_list[k] = gid;
                gid++;
            }
        }
    }
    /* slots 0..gid-1 are lists; single terms follow */
    int group_slot_used[CD_TEXT_POINT_MAX_TERMS];
    for (int g = 0; g < CD_TEXT_POINT_MAX_TERMS; g++)
        group_slot_used[g] = -1;
    memset(sl, 0, sizeof *sl);
    for (size_t i = 0; i < point->n_tokens && sl->n_terms < CD_TEXT_POINT_MAX_TERMS; i++) {
        const cd_text_token *t = &point->tokens[i];
        if (!cd_text_token_is_content(t))
            continue;
        bool dup = false;
        for (size_t k = 0; k < sl->n_terms && !dup; k++)
            dup = strcmp(sl->term[k], t->term) == 0;
        if (dup)
            continue;
        int s;
        bool is_given = cd_text_termset_has(given, t->term);
        if (in_list[i] >= 0 && in_list[i] < CD_TEXT_POINT_MAX_TERMS) {
            if (group_slot_used[in_list[i]] < 0) {
                group_slot_used[in_list[i]] = (int)sl->n_slots++;
                sl->all_given[group_slot_used[in_list[i]]] = true;
            }
            s = group_slot_used[in_list[i]];
            sl->all_given[s] = sl->all_given[s] && is_given;
        } else {
            s = (int)sl->n_slots++;
            sl->all_given[s] = is_given;
        }
        sl->term[sl->n_terms] = t->term;
        sl->slot[sl->n_terms] = s;
        sl->n_terms++;
    }
    for (size_t s = 0; s < sl->n_slots; s++)
        sl->weight[s] = sl->all_given[s] ? 0.5 : 1.0;
}

int cd_text_cover(const cd_text_doc *answer, const cd_text_doc *point, const cd_text_termset *given,
                  cd_text_coverage *out)
{
    memset(out, 0, sizeof *out);
    int *in_list = malloc((point->n_tokens + 1) * sizeof *in_list);
    if (!in_list)
        return -1;
    slots sl;
    build_slots(point, given, &sl, in_list);
    free(in_list);
    double total = 0;
    for (size_t s = 0; s < sl.n_slots; s++)
        total += sl.weight[s];
    out->n_terms = sl.n_slots;
    if (sl.n_slots == 0 || answer->n_tokens == 0)
        return 0;

    /* What counts as evidence of each slot: its terms and their related
     * terms (one-way: "communication" is evidenced by "updates"). */
    const char *match[CD_TEXT_POINT_MAX_TERMS * 4];
    unsigned match_hash[CD_TEXT_POINT_MAX_TERMS * 4];
    int match_slot[CD_TEXT_POINT_MAX_TERMS * 4];
    size_t nmatch = 0;
    for (size_t k = 0; k < sl.n_terms; k++) {
        match[nmatch] = sl.term[k];
        match_slot[nmatch++] = sl.slot[k];
    }
    for (size_t k = 0; k < sl.n_terms; k++) {
        size_t nr;
        const char *const *rel = cd_text_related(sl.term[k], &nr);
        for (size_t r = 0; r < nr && nmatch < sizeof match / sizeof *match; r++) {
            match[nmatch] = rel[r];
            match_slot[nmatch++] = sl.slot[k];
        }
    }
    /* Occurrences of point terms in the answer, in token order. */
    size_t cap = answer->n_tokens;
    size_t *pos = malloc(cap * sizeof *pos);
    unsigned char *which = malloc(cap);
    if (!pos || !which) {
        free(pos);
        free(which);
        return -1;
    }
    for (size_t k = 0; k < nmatch; k++)
        match_hash[k] = cd_text_hash(match[k]);
    size_t nocc = 0;
    for (size_t i = 0; i < answer->n_tokens; i++) {
        const cd_text_token *t = &answer->tokens[i];
        if (!cd_text_token_is_content(t))
            continue;
        for (size_t k = 0; k < nmatch; k++)
            if (match_hash[k] == t->term_hash && strcmp(match[k], t->term) == 0) {
                pos[nocc] = i;
                which[nocc] = (unsigned char)match_slot[k];
                nocc++;
                break;
            }
    }
    /* Sliding window over occurrences: the span of at most `win` tokens with
     * the largest weighted number of distinct slots. */
    size_t win =
        3 * sl.n_slots > CD_TEXT_COVER_MIN_WINDOW ? 3 * sl.n_slots : CD_TEXT_COVER_MIN_WINDOW;
    unsigned count[CD_TEXT_POINT_MAX_TERMS] = {0};
    double cur = 0, best = 0;
    size_t cur_hits = 0, lo = 0;
    for (size_t hi = 0; hi < nocc; hi++) {
        if (count[which[hi]]++ == 0) {
            cur += sl.weight[which[hi]];
            cur_hits++;
        }
        while (pos[hi] - pos[lo] >= win) {
            if (--count[which[lo]] == 0) {
                cur -= sl.weight[which[lo]];
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
    unsigned kh[8];
    for (size_t k = 0; k < nk; k++)
        kh[k] = cd_text_hash(kt[k]);
    for (size_t i = 0; i < answer->n_tokens; i++) {
        if (answer->tokens[i].term_hash != kh[0] || strcmp(answer->tokens[i].term, kt[0]) != 0)
            continue;
        size_t at = i, k = 1;
        for (; k < nk; k++) {
            size_t j = at + 1, found = 0;
            for (; j < answer->n_tokens && j <= at + 1 + CD_TEXT_KEYWORD_MAX_GAP; j++)
                if (answer->tokens[j].term_hash == kh[k] &&
                    strcmp(answer->tokens[j].term, kt[k]) == 0) {
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
