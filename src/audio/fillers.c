/* fillers.c - context rules for lexical fillers, plus repetitions/restarts.
 *
 * The rules look one word either side (and at pauses) because that is what
 * separates the filler "like" from the verb, and "you know" the filler from
 * "do you know". They are deliberately conservative: a missed filler costs
 * less than telling a candidate off for saying "I like Python". */
#include "audio/fillers.h"

#include <stdio.h>
#include <string.h>

static const char *const VOCAL[] = {"um", "umm", "uh", "er", "ah", "hmm", "mm", "erm", "uhm", NULL};
/* Verbs of perception or make-up followed by "like" compare ("feels like a
 * good fit", "looks like a bug", "built like a tank"): never a filler, not
 * even after a pause, because these verbs do not end a sentence before a
 * filler the way "i" or "things" can ("what does a week look | like here"). */
static const char *const LIKE_COMPARE_PREV[] = {"look",    "looks",  "looked",  "looking", "seem",
                                                "seems",   "seemed", "seeming", "sound",   "sounds",
                                                "sounded", "feel",   "feels",   "feeling", "felt",
                                                "built",   "smells", "smelled", "tastes",  NULL};
/* Other words before "like" that make it a verb or a preposition. */
static const char *const LIKE_LEGIT_PREV[] = {
    "i",     "you",    "we",    "they",      "he",       "she",       "i'd",    "we'd",
    "you'd", "they'd", "would", "really",    "don't",    "didn't",    "do",     "does",
    "did",   "not",    "also",  "something", "anything", "nothing",   "things", "people",
    "just",  "most",   "who",   "that",      "to",       "will",      "might",  "like",
    "very",  "much",   "more",  "things",    "stuff",    "languages", "tools",  NULL};
/* Words after "you know" that make "know" a real verb with an object. */
static const char *const KNOW_OBJECT_NEXT[] = {"how", "that",    "what",  "why",    "where", "when",
                                               "who", "whether", "about", "him",    "her",   "them",
                                               "me",  "this",    "each",  "python", NULL};
/* Words that open a clause: after "you know that" they make "that" the
 * conjunction of the verb "know" ("you know that we ..."); any other word
 * makes "that" the subject after the filler ("you know, that matters"). */
static const char *const CLAUSE_START[] = {"i",     "we",   "you",   "they",  "he", "she", "it",
                                           "it's",  "the",  "a",     "an",    "my", "our", "your",
                                           "there", "this", "these", "those", NULL};
static const char *const KNOW_LEGIT_PREV[] = {"do", "did",    "don't", "didn't", "if",
                                              "as", "would",  "could", "will",   "let",
                                              "to", "should", "might", NULL};
/* "i mean it's" run together is ambiguous (the filler before a clause, or
 * "i mean it" with the next word clipped onto it); as everywhere here the
 * doubt goes to the speaker. A pause after "mean" still makes it a filler. */
static const char *const MEAN_LEGIT_NEXT[] = {"it", "it's", "that", "to", "what", "every", NULL};
/* ...but "i mean it has to" is the filler before a clause whose subject is "it". */
static const char *const MEAN_IT_VERB_NEXT[] = {"has",  "is",  "was", "does",
                                                "will", "can", "had", NULL};
static const char *const KIND_LEGIT_PREV[] = {
    "a",    "the",       "this",  "that",  "what",  "which",  "any", "some",  "every", "one",
    "same", "different", "these", "those", "my",    "your",   "our", "his",   "her",   "their",
    "no",   "another",   "each",  "all",   "first", "second", "new", "right", NULL};
static const char *const SO_LEGIT_NEXT[] = {"that", "much", "many", "far",    "long",
                                            "good", "bad",  "far",  "called", NULL};
static const char *const THAT_VERB_NEXT[] = {"is", "was", "will", "would", "has", "makes", NULL};
static const char *const ALWAYS_LEXICAL[] = {"basically", "actually", "literally", NULL};
/* Legitimate doubled words ("had had", "that that"). */
static const char *const DOUBLE_OK[] = {"had", "that", "very", "bye", "no", NULL};

static bool in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0)
            return true;
    return false;
}

bool cd_audio_is_vocal_filler(const char *word)
{
    return in_list(word, VOCAL);
}

static const char *word_at(const cd_audio_words *w, long i)
{
    return i >= 0 && (size_t)i < w->n ? w->v[i].text : "";
}

static double gap_before(const cd_audio_words *w, size_t i)
{
    return i == 0 ? 1e9 : w->v[i].start - w->v[i - 1].end;
}

static double gap_after(const cd_audio_words *w, size_t i)
{
    return i + 1 >= w->n ? 1e9 : w->v[i + 1].start - w->v[i].end;
}

/* True when word i begins a sentence: first word, after a pause, or after a
 * vocal filler. */
static bool sentence_start(const cd_audio_words *w, size_t i)
{
    return i == 0 || gap_before(w, i) >= CD_AUDIO_FILLER_PAUSE_S ||
           cd_audio_is_vocal_filler(w->v[i - 1].text);
}

/* Length in words (0 = none) of a lexical filler starting at word i. */
static size_t lexical_filler_at(const cd_audio_words *w, size_t i)
{
    const char *cur = w->v[i].text;
    const char *prev = word_at(w, (long)i - 1), *next = word_at(w, (long)i + 1);
    if (in_list(cur, ALWAYS_LEXICAL))
        return 1;
    if (strcmp(cur, "like") == 0) {
        if (strcmp(prev, "like") == 0)
            return 0; /* "like like": a repetition, the first one decides */
        if (in_list(prev, LIKE_COMPARE_PREV))
            return 0;
        if (sentence_start(w, i))
            return 1;
        if (in_list(prev, LIKE_LEGIT_PREV) || strcmp(next, "to") == 0)
            return 0;
        return 1;
    }
    if (strcmp(cur, "you") == 0 && strcmp(next, "know") == 0) {
        if (!sentence_start(w, i) && in_list(prev, KNOW_LEGIT_PREV))
            return 0;
        bool paused = gap_after(w, i + 1) >= 0.15 || i + 2 >= w->n;
        const char *obj = word_at(w, (long)i + 2);
        /* "you know that matters", opening a sentence: the filler (round 4) */
        bool that_subject = sentence_start(w, i) && (strcmp(obj, "that") == 0) && i + 3 < w->n &&
                            !in_list(word_at(w, (long)i + 3), CLAUSE_START);
        if (!paused && !that_subject && in_list(obj, KNOW_OBJECT_NEXT))
            return 0;
        return 2;
    }
    if (strcmp(cur, "i") == 0 && strcmp(next, "mean") == 0) {
        bool paused = gap_after(w, i + 1) >= 0.15;
        if (!paused && strcmp(word_at(w, (long)i + 2), "it") == 0 &&
            in_list(word_at(w, (long)i + 3), MEAN_IT_VERB_NEXT))
            return 2;
        if (!paused && in_list(word_at(w, (long)i + 2), MEAN_LEGIT_NEXT))
            return 0;
        return 2;
    }
    if ((strcmp(cur, "sort") == 0 || strcmp(cur, "kind") == 0) && strcmp(next, "of") == 0) {
        if (in_list(prev, KIND_LEGIT_PREV))
            return 0;
        return 2;
    }
    if (strcmp(cur, "so") == 0 && sentence_start(w, i) && i + 1 < w->n) {
        /* "so that we could" is a purpose clause, but a sentence opening
         * "so that is ..." is the discourse marker before a demonstrative. */
        if (strcmp(next, "that") == 0 && in_list(word_at(w, (long)i + 2), THAT_VERB_NEXT))
            return 1;
        if (!in_list(next, SO_LEGIT_NEXT))
            return 1;
    }
    return 0;
}

static int add_event(cd_audio_events *ev, const char *kind, const cd_audio_words *w, size_t a,
                     size_t len)
{
    char d[64] = "";
    size_t off = 0;
    for (size_t k = a; k < a + len && off + 1 < sizeof d; k++) {
        int m = snprintf(d + off, sizeof d - off, "%s%s", k > a ? " " : "", w->v[k].text);
        if (m < 0)
            break;
        off += (size_t)m;
    }
    return cd_audio_events_push(ev, kind, w->v[a].start, w->v[a + len - 1].end, d);
}

static bool same_ngram(const cd_audio_words *w, size_t a, size_t b, size_t n)
{
    if (b + n > w->n)
        return false;
    for (size_t k = 0; k < n; k++)
        if (strcmp(w->v[a + k].text, w->v[b + k].text) != 0)
            return false;
    return true;
}

int cd_audio_detect_fillers(const cd_audio_words *w, cd_audio_events *ev, cd_audio_filler_stats *st)
{
    memset(st, 0, sizeof *st);
    size_t i = 0;
    while (i < w->n) {
        const char *cur = w->v[i].text;
        if (cd_audio_is_vocal_filler(cur)) {
            if (add_event(ev, "filler", w, i, 1) != 0)
                return -1;
            st->vocal++;
            /* "i um i think": the speaker rewound over the filler. */
            if (i > 0 && i + 1 < w->n && strcmp(w->v[i - 1].text, w->v[i + 1].text) == 0 &&
                !cd_audio_is_vocal_filler(w->v[i + 1].text)) {
                if (add_event(ev, "restart", w, i - 1, 3) != 0)
                    return -1;
                st->restarts++;
            }
            i++;
            continue;
        }
        size_t len = lexical_filler_at(w, i);
        if (len > 0) {
            if (add_event(ev, "filler", w, i, len) != 0)
                return -1;
            st->lexical++;
            i += len;
            continue;
        }
        /* Restart: the same two or three words said twice in a row. */
        size_t rn = 0;
        for (size_t n = 3; n >= 2 && !rn; n--)
            if (same_ngram(w, i, i + n, n))
                rn = n;
        if (rn) {
            if (add_event(ev, "restart", w, i, 2 * rn) != 0)
                return -1;
            st->restarts++;
            i += rn;
            continue;
        }
        if (i + 1 < w->n && strcmp(cur, w->v[i + 1].text) == 0 && !in_list(cur, DOUBLE_OK) &&
            gap_after(w, i) < 1.0) {
            if (add_event(ev, "repetition", w, i, 2) != 0)
                return -1;
            st->repetitions++;
            i += 1;
            continue;
        }
        i++;
    }
    return 0;
}
