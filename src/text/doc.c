/* doc.c - tokeniser and sentence splitter (see doc.h).
 *
 * One pass over the bytes finds tokens and sentence boundaries together:
 * the punctuation between two tokens decides both whether a sentence ends
 * there and whether a comma separates them. A second pass computes
 * lowercase forms and terms, a third folds multi-word aliases. */
#include "text/doc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/stopwords.h"
#include "text/synonyms.h"
#include "text/utf8.h"

static bool is_ascii_alpha(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(int32_t c)
{
    return c >= '0' && c <= '9';
}

static int32_t cp_at(const char *t, size_t len, size_t i, size_t *n)
{
    int32_t cp = -1;
    size_t k = 0;
    if (i < len)
        k = cd_text_utf8_next(t + i, len - i, &cp);
    if (n)
        *n = k;
    return cp;
}

/* Scans the token starting at `i`; returns its end. */
static size_t scan_token(const char *t, size_t len, size_t i)
{
    size_t start = i, n;
    int32_t prev = -1;
    if (t[i] == '$') /* currency before a number: "$10k" */
        prev = '$', i++;
    while (i < len) {
        int32_t cp = cp_at(t, len, i, &n);
        if (cd_text_is_word_cp(cp)) {
            prev = cp;
            i += n;
            continue;
        }
        size_t n2;
        int32_t next = cp_at(t, len, i + n, &n2);
        if (cp == '.' && cd_text_is_word_cp(prev) && cd_text_is_word_cp(next)) {
            i += n; /* node.js, 3.5, asp.net */
            continue;
        }
        if ((cp == '\'' || cp == 0x2019) && cd_text_is_word_cp(prev) && !is_digit(prev) &&
            cd_text_is_word_cp(next) && !is_digit(next)) {
            i += n; /* don't, it’s */
            continue;
        }
        if (cp == '+' && i - start == 1 && (t[start] == 'c' || t[start] == 'C') && next == '+')
            return i + 2; /* c++ */
        if (cp == '#' && i - start == 1 && strchr("cCfF", t[start]) && !cd_text_is_word_cp(next))
            return i + 1; /* c#, f# */
        if (cp == '%' && is_digit(prev))
            return i + 1;
        break;
    }
    return i;
}

static bool starts_token(const char *t, size_t len, size_t i, int32_t cp)
{
    if (cd_text_is_word_cp(cp))
        return true;
    return cp == '$' && i + 1 < len && is_digit((unsigned char)t[i + 1]);
}

/* Abbreviations whose period does not end a sentence when a lowercase word
 * follows ("e.g. caching", "etc. and"). */
static bool is_abbreviation(const char *t, size_t s, size_t e)
{
    static const char *const ABBR[] = {"e.g", "i.e", "eg",  "ie", "etc",    "vs",
                                       "mr",  "mrs", "ms",  "dr", "approx", "incl",
                                       "esp", "cf",  "fig", "no", "ca"};
    for (size_t k = 0; k < sizeof ABBR / sizeof *ABBR; k++) {
        size_t n = strlen(ABBR[k]);
        if (e - s == n && strncasecmp(t + s, ABBR[k], n) == 0)
            return true;
    }
    return false;
}

static bool is_closing(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == '"' || cp == '\'' || cp == ')' ||
           cp == ']' || cp == 0x2026 || cp == 0x201D || cp == 0x2019;
}

typedef struct scan_state {
    cd_text_doc *doc;
    size_t tok_cap, sent_cap;
} scan_state;

static void close_sentence(cd_text_doc *doc)
{
    if (doc->n_sentences == 0)
        return;
    cd_text_sentence *s = &doc->sentences[doc->n_sentences - 1];
    if (s->n_tokens == 0)
        return;
    size_t e = doc->tokens[s->first_token + s->n_tokens - 1].end;
    size_t n;
    int32_t cp;
    while (e < doc->len && is_closing(cp = cp_at(doc->text, doc->len, e, &n)))
        e += n;
    s->end = e;
}

static int tokenize(cd_text_doc *doc)
{
    const char *t = doc->text;
    size_t len = doc->len;
    /* Tokens are separated by at least one byte, so len/2+1 always suffices. */
    size_t cap = len / 2 + 2;
    doc->tokens = calloc(cap, sizeof *doc->tokens);
    doc->sentences = calloc(cap, sizeof *doc->sentences);
    if (!doc->tokens || !doc->sentences)
        return -1;
    bool boundary = true, comma = false;
    size_t i = 0, n;
    while (i < len) {
        int32_t cp = cp_at(t, len, i, &n);
        if (starts_token(t, len, i, cp)) {
            size_t e = scan_token(t, len, i);
            if (boundary) {
                close_sentence(doc);
                cd_text_sentence *s = &doc->sentences[doc->n_sentences++];
                s->start = i;
                s->first_token = doc->n_tokens;
                s->n_tokens = 0;
            }
            cd_text_token *tok = &doc->tokens[doc->n_tokens++];
            tok->start = i;
            tok->end = tok->term_end = e;
            tok->sentence = doc->n_sentences - 1;
            tok->flags = (boundary ? CD_TOK_SENT_START : 0) | (comma ? CD_TOK_COMMA_BEFORE : 0);
            doc->sentences[doc->n_sentences - 1].n_tokens++;
            boundary = comma = false;
            i = e;
            continue;
        }
        if (cp == ',' || cp == ';' || cp == ':' || cp == 0x2013 || cp == 0x2014 ||
            (cp == '-' && i > 0 && t[i - 1] == ' ')) {
            comma = true;
            if (doc->n_tokens > 0)
                doc->tokens[doc->n_tokens - 1].flags |= CD_TOK_COMMA_AFTER;
        } else if (cp == '!' || cp == '?' || cp == 0x2026 || cp == '\n') {
            boundary = true;
        } else if (cp == '.') {
            bool abbrev = false;
            if (doc->n_tokens > 0) {
                const cd_text_token *p = &doc->tokens[doc->n_tokens - 1];
                size_t j = i + 1;
                while (j < len && (t[j] == ' ' || t[j] == '\t'))
                    j++;
                bool lower_next = j < len && (t[j] >= 'a' && t[j] <= 'z');
                abbrev = p->end == i && is_abbreviation(t, p->start, p->end) && lower_next;
            }
            if (!abbrev)
                boundary = true;
        }
        i += n;
    }
    close_sentence(doc);
    return 0;
}

static void set_shape_flags(cd_text_token *tok, const char *t)
{
    size_t letters = 0, upper = 0;
    for (size_t k = tok->start; k < tok->end; k++) {
        unsigned char c = (unsigned char)t[k];
        if (is_digit(c))
            tok->flags |= CD_TOK_HAS_DIGIT;
        if (is_ascii_alpha(c)) {
            letters++;
            upper += c >= 'A' && c <= 'Z';
        }
    }
    unsigned char c0 = (unsigned char)t[tok->start];
    if (is_digit(c0) || c0 == '$')
        tok->flags |= CD_TOK_NUMBER;
    if (c0 >= 'A' && c0 <= 'Z')
        tok->flags |= CD_TOK_CAPITAL;
    if (letters >= 2 && upper == letters)
        tok->flags |= CD_TOK_ALLCAPS;
}

/* Lowercase form into the arena: ASCII folded, "’" as "'". */
static char *lower_into(char *dst, const char *t, size_t s, size_t e)
{
    char *p = dst;
    for (size_t k = s; k < e;) {
        unsigned char c = (unsigned char)t[k];
        if (c == 0xE2 && k + 2 < e && (unsigned char)t[k + 1] == 0x80 &&
            (unsigned char)t[k + 2] == 0x99) {
            *p++ = '\'';
            k += 3;
            continue;
        }
        *p++ = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : (char)c;
        k++;
    }
    *p++ = '\0';
    return p;
}

static int compute_terms(cd_text_doc *doc, cd_text_stemmer *stemmer)
{
    size_t bytes = 0;
    for (size_t i = 0; i < doc->n_tokens; i++)
        bytes += 2 * (doc->tokens[i].end - doc->tokens[i].start) + 2;
    doc->arena = malloc(bytes + 1);
    if (!doc->arena)
        return -1;
    char *p = doc->arena;
    for (size_t i = 0; i < doc->n_tokens; i++) {
        cd_text_token *tok = &doc->tokens[i];
        set_shape_flags(tok, doc->text);
        tok->lower = p;
        p = lower_into(p, doc->text, tok->start, tok->end);
        size_t ln = (size_t)(p - tok->lower) - 1;
        if (cd_text_is_stopword(tok->lower))
            tok->flags |= CD_TOK_STOP;
        else if (cd_text_is_weak_word(tok->lower))
            tok->flags |= CD_TOK_WEAK;
        /* A stem is never longer than its word, so ln+1 bytes always fit. */
        const char *term = cd_text_term(stemmer, tok->lower, ln, p, ln + 1);
        if (term == p) {
            tok->term = p;
            p += strlen(p) + 1;
        } else {
            tok->term = term;
        }
        tok->term_hash = cd_text_hash(tok->term);
        tok->lower_hash = cd_text_hash(tok->lower);
    }
    return 0;
}

static void fold_multiwords(cd_text_doc *doc)
{
    size_t nm;
    const cd_text_multiword *mw = cd_text_multiwords(&nm);
    uint64_t bloom = 0; /* first terms of the aliases: most tokens skip the loop */
    for (size_t m = 0; m < nm; m++)
        bloom |= 1ull << (mw[m].hashes[0] & 63);
    for (size_t i = 0; i < doc->n_tokens; i++) {
        cd_text_token *tok = &doc->tokens[i];
        if (!(bloom & (1ull << (tok->term_hash & 63))))
            continue;
        for (size_t m = 0; m < nm; m++) {
            size_t n = mw[m].n;
            if (i + n > doc->n_tokens)
                continue;
            bool hit = true;
            for (size_t k = 0; k < n && hit; k++) {
                const cd_text_token *o = &doc->tokens[i + k];
                hit = o->term_hash == mw[m].hashes[k] && o->sentence == tok->sentence &&
                      !(o->flags & CD_TOK_MERGED) && strcmp(o->term, mw[m].terms[k]) == 0;
            }
            if (!hit)
                continue;
            tok->term = mw[m].canonical;
            tok->term_hash = cd_text_hash(tok->term);
            tok->term_end = doc->tokens[i + n - 1].end;
            tok->flags &= ~(unsigned)(CD_TOK_STOP | CD_TOK_WEAK);
            for (size_t k = 1; k < n; k++) {
                doc->tokens[i + k].flags |= CD_TOK_MERGED;
                doc->tokens[i + k].term = "";
                doc->tokens[i + k].term_hash = cd_text_hash("");
            }
            i += n - 1;
            break;
        }
    }
}

int cd_text_doc_init(cd_text_doc *doc, const char *text, size_t len, cd_text_stemmer *stemmer,
                     cd_err *err)
{
    memset(doc, 0, sizeof *doc);
    if (!text)
        text = "", len = 0;
    if (len > CD_TEXT_MAX_BYTES)
        return cd_err_set(err, CD_ETOOBIG, "text", "text is %zu bytes; the limit is %d", len,
                          CD_TEXT_MAX_BYTES);
    if (!cd_text_utf8_valid(text, len))
        return cd_err_set(err, CD_EINVAL, "text", "text is not valid UTF-8");
    if (memchr(text, '\0', len))
        return cd_err_set(err, CD_EINVAL, "text", "text contains a NUL byte");
    doc->text = text;
    doc->len = len;
    if (tokenize(doc) != 0 || compute_terms(doc, stemmer) != 0) {
        cd_text_doc_free(doc);
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory while analysing text");
    }
    fold_multiwords(doc);
    doc->n_words = doc->n_tokens;
    return 0;
}

void cd_text_doc_free(cd_text_doc *doc)
{
    if (!doc)
        return;
    free(doc->tokens);
    free(doc->sentences);
    free(doc->arena);
    memset(doc, 0, sizeof *doc);
}

unsigned cd_text_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

bool cd_text_token_is_content(const cd_text_token *t)
{
    return !(t->flags & (CD_TOK_STOP | CD_TOK_WEAK | CD_TOK_MERGED)) && t->term[0] != '\0';
}

void cd_text_sentence_span(const cd_text_doc *doc, size_t tok_a, size_t tok_b, size_t *start,
                           size_t *end)
{
    if (doc->n_tokens == 0) {
        *start = *end = 0;
        return;
    }
    if (tok_a >= doc->n_tokens)
        tok_a = doc->n_tokens - 1;
    if (tok_b >= doc->n_tokens)
        tok_b = doc->n_tokens - 1;
    *start = doc->sentences[doc->tokens[tok_a].sentence].start;
    *end = doc->sentences[doc->tokens[tok_b].sentence].end;
}
