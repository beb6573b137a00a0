/* lexicon.c - see lexicon.h. */
#include "text/lexicon.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "text/synonyms.h"

static cd_text_lexicon g_lex[CD_LEX_COUNT];
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

/* Lexicons whose phrases match by term rather than lowercase form. */
static bool lexicon_by_term(cd_text_lexicon_id id)
{
    return id == CD_LEX_ACTION_VERB || id == CD_LEX_RESULT;
}

static int phrase_cmp(const void *a, const void *b)
{
    return strcmp(((const cd_text_phrase *)a)->words[0], ((const cd_text_phrase *)b)->words[0]);
}

static void compile_one(cd_text_lexicon_id id, cd_text_stemmer *st)
{
    const char *const *data = cd_text_lexicon_data[id];
    size_t n = 0;
    while (data[n])
        n++;
    cd_text_phrase *ph = calloc(n ? n : 1, sizeof *ph);
    if (!ph)
        return;
    bool by_term = lexicon_by_term(id);
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        cd_text_phrase *p = &ph[used];
        p->text = data[i];
        const char *s = data[i];
        bool ok = true;
        while (*s && ok) {
            while (*s == ' ')
                s++;
            const char *e = s;
            while (*e && *e != ' ')
                e++;
            if (e == s)
                break;
            if (p->n == CD_TEXT_PHRASE_MAX_WORDS) {
                ok = false;
                break;
            }
            char buf[CD_TEXT_TERM_MAX];
            const char *w = by_term ? cd_text_term(st, s, (size_t)(e - s), buf, sizeof buf) : NULL;
            p->words[p->n] = by_term ? strdup(w) : strndup(s, (size_t)(e - s));
            ok = p->words[p->n] != NULL;
            p->n++;
            s = e;
        }
        if (ok && p->n > 0)
            used++;
    }
    /* Sorted by first word so matching can binary-search the candidates. */
    qsort(ph, used, sizeof *ph, phrase_cmp);
    g_lex[id].phrases = ph; /* lives for the process */
    g_lex[id].n = used;
    g_lex[id].by_term = by_term;
    for (size_t i = 0; i < used; i++) {
        unsigned h = cd_text_hash(ph[i].words[0]) & 255;
        g_lex[id].bloom[h >> 6] |= 1ull << (h & 63);
    }
}

static void compile_all(void)
{
    cd_text_stemmer *st = cd_text_stemmer_new();
    for (int id = 0; id < CD_LEX_COUNT; id++)
        compile_one((cd_text_lexicon_id)id, st);
    cd_text_stemmer_free(st);
}

const cd_text_lexicon *cd_text_lexicon_get(cd_text_lexicon_id id)
{
    if (id < 0 || id >= CD_LEX_COUNT)
        return NULL;
    pthread_once(&g_once, compile_all);
    return g_lex[id].phrases ? &g_lex[id] : NULL;
}

int cd_text_lexicon_match_at(const cd_text_doc *doc, const cd_text_lexicon *lex, size_t i)
{
    if (!lex || i >= doc->n_tokens)
        return -1;
    const cd_text_token *t0 = &doc->tokens[i];
    unsigned h = (lex->by_term ? t0->term_hash : t0->lower_hash) & 255;
    if (!(lex->bloom[h >> 6] & (1ull << (h & 63))))
        return -1;
    const char *first = lex->by_term ? t0->term : t0->lower;
    /* lower bound of phrases whose first word is `first` */
    size_t lo = 0, hi = lex->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(lex->phrases[mid].words[0], first) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    int best = -1;
    size_t best_n = 0;
    for (size_t p = lo; p < lex->n && strcmp(lex->phrases[p].words[0], first) == 0; p++) {
        const cd_text_phrase *ph = &lex->phrases[p];
        if (ph->n <= best_n || i + ph->n > doc->n_tokens)
            continue;
        bool hit = true;
        for (size_t k = 1; k < ph->n && hit; k++) {
            const cd_text_token *t = &doc->tokens[i + k];
            const char *w = lex->by_term ? t->term : t->lower;
            hit = strcmp(w, ph->words[k]) == 0 && t->sentence == doc->tokens[i].sentence;
        }
        if (hit) {
            best = (int)p;
            best_n = ph->n;
        }
    }
    return best;
}

int cd_text_hits_push(cd_text_hits *h, size_t tok_first, size_t tok_last, size_t start, size_t end,
                      const char *label)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 16;
        cd_text_hit *v = realloc(h->v, cap * sizeof *v);
        if (!v)
            return -1;
        h->v = v;
        h->cap = cap;
    }
    h->v[h->n++] = (cd_text_hit){tok_first, tok_last, start, end, label};
    return 0;
}

void cd_text_hits_free(cd_text_hits *h)
{
    free(h->v);
    memset(h, 0, sizeof *h);
}
