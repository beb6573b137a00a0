/* synonyms.c - see synonyms.h. */
#include "text/synonyms.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "text/doc.h"
#include "text/stopwords.h"

typedef struct alias {
    const char *key;  /* lowercase alias or stem */
    const char *term; /* canonical term */
} alias;

#define MAX_ALIASES 1024
#define MAX_MULTIWORDS 128

static alias g_alias[MAX_ALIASES];
static size_t g_n_alias;
static cd_text_multiword g_multi[MAX_MULTIWORDS];
static size_t g_n_multi;
#define MAX_RELATED 64
#define MAX_RELATED_TERMS 24
typedef struct related {
    const char *term;
    const char *rel[MAX_RELATED_TERMS];
    size_t n;
} related;
static related g_related[MAX_RELATED];
static size_t g_n_related;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static int alias_cmp(const void *a, const void *b)
{
    return strcmp(((const alias *)a)->key, ((const alias *)b)->key);
}

static const char *find_alias(const char *key)
{
    alias k = {.key = key, .term = NULL};
    const alias *hit = bsearch(&k, g_alias, g_n_alias, sizeof *g_alias, alias_cmp);
    return hit ? hit->term : NULL;
}

static void add_alias(const char *key, const char *term)
{
    if (g_n_alias >= MAX_ALIASES || !key)
        return;
    for (size_t i = 0; i < g_n_alias; i++) /* first group wins; tables are small */
        if (strcmp(g_alias[i].key, key) == 0)
            return;
    char *k = strdup(key);
    if (!k)
        return;
    g_alias[g_n_alias].key = k;
    g_alias[g_n_alias].term = term;
    g_n_alias++;
}

/* Splits `line` on `sep` into at most `max` NUL-terminated words (in place). */
static size_t split(char *line, char sep, char **words, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (*p && n < max) {
        while (*p == sep)
            *p++ = '\0';
        if (!*p)
            break;
        words[n++] = p;
        while (*p && *p != sep)
            p++;
    }
    return n;
}

static const char *term_impl(cd_text_stemmer *s, const char *lower, size_t n, char *out,
                             size_t cap);

static void build_single(cd_text_stemmer *st)
{
    char stem[CD_TEXT_TERM_MAX];
    for (size_t g = 0; g < cd_text_synonym_groups_n; g++) {
        char *line = strdup(cd_text_synonym_groups[g]);
        if (!line)
            return;
        char *words[32];
        size_t n = split(line, ' ', words, 32);
        if (n > 0) {
            cd_text_stem(st, words[0], strlen(words[0]), stem, sizeof stem);
            char *term = strdup(stem); /* lives for the process: referenced by g_alias */
            if (term) {
                for (size_t i = 0; i < n; i++) {
                    add_alias(words[i], term);
                    cd_text_stem(st, words[i], strlen(words[i]), stem, sizeof stem);
                    add_alias(stem, term);
                }
            }
        }
        free(line);
    }
    qsort(g_alias, g_n_alias, sizeof *g_alias, alias_cmp);
}

static void build_multi(cd_text_stemmer *st)
{
    char buf[CD_TEXT_TERM_MAX];
    for (size_t g = 0; g < cd_text_multiword_groups_n; g++) {
        char *line = strdup(cd_text_multiword_groups[g]);
        if (!line)
            return;
        char *parts[8];
        size_t np = split(line, '|', parts, 8);
        const char *canon = NULL;
        if (np > 1) {
            const char *t = term_impl(st, parts[0], strlen(parts[0]), buf, sizeof buf);
            canon = strdup(t);
        }
        for (size_t p = 1; canon && p < np && g_n_multi < MAX_MULTIWORDS; p++) {
            char *words[CD_TEXT_MULTIWORD_MAX + 1];
            size_t nw = split(parts[p], ' ', words, CD_TEXT_MULTIWORD_MAX + 1);
            if (nw < 2 || nw > CD_TEXT_MULTIWORD_MAX)
                continue;
            cd_text_multiword *m = &g_multi[g_n_multi];
            bool ok = true;
            for (size_t i = 0; i < nw; i++) {
                const char *t = term_impl(st, words[i], strlen(words[i]), buf, sizeof buf);
                m->terms[i] = strdup(t);
                m->hashes[i] = cd_text_hash(t);
                ok = ok && m->terms[i];
            }
            m->n = nw;
            m->canonical = canon;
            if (ok)
                g_n_multi++;
        }
        free(line);
    }
}

static void build_related(cd_text_stemmer *st)
{
    char buf[CD_TEXT_TERM_MAX];
    for (size_t g = 0; g < cd_text_related_groups_n && g_n_related < MAX_RELATED; g++) {
        char *line = strdup(cd_text_related_groups[g]);
        if (!line)
            return;
        char *colon = strchr(line, ':');
        if (colon) {
            *colon = '\0';
            related *r = &g_related[g_n_related];
            r->term = strdup(term_impl(st, line, strlen(line), buf, sizeof buf));
            char *words[MAX_RELATED_TERMS];
            size_t n = split(colon + 1, ' ', words, MAX_RELATED_TERMS);
            for (size_t i = 0; i < n && r->term; i++) {
                const char *t = term_impl(st, words[i], strlen(words[i]), buf, sizeof buf);
                if ((r->rel[r->n] = strdup(t)))
                    r->n++;
            }
            if (r->term)
                g_n_related++;
        }
        free(line);
    }
}

static void build_tables(void)
{
    cd_text_stemmer *st = cd_text_stemmer_new();
    if (!st)
        return; /* no aliases: matching still works on plain stems */
    build_single(st);
    build_multi(st);
    build_related(st);
    cd_text_stemmer_free(st);
}

static void ensure_tables(void)
{
    pthread_once(&g_once, build_tables);
}

static const char *term_impl(cd_text_stemmer *s, const char *lower, size_t n, char *out, size_t cap)
{
    char word[CD_TEXT_TERM_MAX];
    if (n >= sizeof word) { /* too long to be a word we know: keep it as is */
        cd_text_stem(NULL, lower, n, out, cap);
        return out;
    }
    memcpy(word, lower, n);
    word[n] = '\0';
    if (cd_text_is_stopword(word)) {
        cd_text_stem(NULL, word, n, out, cap);
        return out;
    }
    const char *t = find_alias(word);
    if (t)
        return t;
    cd_text_stem(s, word, n, out, cap);
    t = find_alias(out);
    return t ? t : out;
}

const char *cd_text_term(cd_text_stemmer *s, const char *lower, size_t n, char *out, size_t cap)
{
    ensure_tables();
    return term_impl(s, lower, n, out, cap);
}

const cd_text_multiword *cd_text_multiwords(size_t *n)
{
    ensure_tables();
    *n = g_n_multi;
    return g_multi;
}

const char *const *cd_text_related(const char *term, size_t *n)
{
    ensure_tables();
    for (size_t i = 0; i < g_n_related; i++)
        if (strcmp(g_related[i].term, term) == 0) {
            *n = g_related[i].n;
            return g_related[i].rel;
        }
    *n = 0;
    return NULL;
}
