/* stopwords.c - see stopwords.h. Lists are kept sorted (strcmp order);
 * the unit test checks that, so a careless edit cannot break bsearch. */
#include "text/stopwords.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "text/doc.h"

static const char *const STOP[] = {
    "a",          "about",    "above",    "after",     "again",      "against", "all",
    "am",         "an",       "and",      "any",       "are",        "aren't",  "as",
    "at",         "be",       "because",  "been",      "before",     "being",   "below",
    "between",    "both",     "but",      "by",        "can",        "can't",   "cannot",
    "could",      "couldn't", "did",      "didn't",    "do",         "does",    "doesn't",
    "doing",      "don't",    "down",     "during",    "each",       "either",  "few",
    "for",        "from",     "further",  "had",       "hadn't",     "has",     "hasn't",
    "have",       "haven't",  "having",   "he",        "he'd",       "he'll",   "he's",
    "her",        "here",     "hers",     "herself",   "him",        "himself", "his",
    "how",        "i",        "i'd",      "i'll",      "i'm",        "i've",    "if",
    "in",         "into",     "is",       "isn't",     "it",         "it's",    "its",
    "itself",     "let's",    "me",       "more",      "most",       "my",      "myself",
    "no",         "nor",      "not",      "of",        "off",        "on",      "once",
    "only",       "or",       "other",    "ought",     "our",        "ours",    "ourselves",
    "out",        "over",     "own",      "same",      "shall",      "she",     "she'd",
    "she'll",     "she's",    "should",   "shouldn't", "so",         "some",    "such",
    "than",       "that",     "that's",   "the",       "their",      "theirs",  "them",
    "themselves", "then",     "there",    "there's",   "these",      "they",    "they'd",
    "they'll",    "they're",  "they've",  "this",      "those",      "through", "to",
    "too",        "under",    "until",    "up",        "upon",       "us",      "very",
    "was",        "wasn't",   "we",       "we'd",      "we'll",      "we're",   "we've",
    "were",       "weren't",  "what",     "what's",    "when",       "where",   "which",
    "while",      "who",      "whom",     "whose",     "why",        "will",    "with",
    "won't",      "would",    "wouldn't", "you",       "you'd",      "you'll",  "you're",
    "you've",     "your",     "yours",    "yourself",  "yourselves",
};

/* Generic words that appear in any answer: a talking point is not covered
 * because the answer says "use" or "example". Includes STAR labels that the
 * question bank writes as prefixes ("result: time to recovery"). */
static const char *const WEAK[] = {
    "actually", "also",    "always",  "another", "basically", "e.g",     "eg",     "etc",
    "even",     "every",   "example", "get",     "gets",      "getting", "give",   "given",
    "go",       "going",   "good",    "got",     "i.e",       "ie",      "just",   "kind",
    "know",     "like",    "lot",     "lots",    "make",      "makes",   "making", "many",
    "may",      "maybe",   "might",   "much",    "must",      "need",    "needs",  "often",
    "one",      "really",  "say",     "see",     "something", "sort",    "stuff",  "such",
    "sure",     "take",    "thing",   "things",  "think",     "use",     "used",   "uses",
    "using",    "usually", "want",    "way",     "ways",      "well",    "yeah",   "yes",
};

static int cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Open-addressing hash sets over both lists, built once: every token of
 * every text is looked up, so this is on the hot path. */
#define SET_SIZE 1024 /* power of two, > 3x the entries */
static const char *g_stop[SET_SIZE], *g_weak[SET_SIZE];
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void set_add(const char **set, const char *w)
{
    unsigned h = cd_text_hash(w) & (SET_SIZE - 1);
    while (set[h])
        h = (h + 1) & (SET_SIZE - 1);
    set[h] = w;
}

static bool set_has(const char **set, const char *w)
{
    unsigned h = cd_text_hash(w) & (SET_SIZE - 1);
    for (; set[h]; h = (h + 1) & (SET_SIZE - 1))
        if (strcmp(set[h], w) == 0)
            return true;
    return false;
}

static void build_sets(void)
{
    for (size_t i = 0; i < sizeof STOP / sizeof *STOP; i++)
        set_add(g_stop, STOP[i]);
    for (size_t i = 0; i < sizeof WEAK / sizeof *WEAK; i++)
        set_add(g_weak, WEAK[i]);
}

bool cd_text_is_stopword(const char *lower)
{
    pthread_once(&g_once, build_sets);
    return set_has(g_stop, lower);
}

bool cd_text_is_weak_word(const char *lower)
{
    pthread_once(&g_once, build_sets);
    return set_has(g_weak, lower);
}

/* bsearch self-check used by the unit test (lists stay sorted for review) */
static bool in(const char *const *list, size_t n, const char *w)
{
    return bsearch(&w, list, n, sizeof *list, cmp) != NULL;
}

/* For the unit test: both lists must be sorted for bsearch. */
bool cd_text_stopwords_sorted(void)
{
    for (size_t i = 1; i < sizeof STOP / sizeof *STOP; i++)
        if (strcmp(STOP[i - 1], STOP[i]) >= 0)
            return false;
    for (size_t i = 1; i < sizeof WEAK / sizeof *WEAK; i++)
        if (strcmp(WEAK[i - 1], WEAK[i]) >= 0)
            return false;
    for (size_t i = 0; i < sizeof STOP / sizeof *STOP; i++) /* hash set agrees with the list */
        if (!cd_text_is_stopword(STOP[i]) || !in(STOP, sizeof STOP / sizeof *STOP, STOP[i]))
            return false;
    return !cd_text_is_stopword("index") && cd_text_is_weak_word("stuff");
}
