/* bias.c - a small bigram language model, in ARPA text, from bias text.
 *
 * Why a bigram with absolute discounting: the bias text is a few hundred
 * words; a trigram would be all zero counts, and discounting keeps some mass
 * for unseen continuations so the interpolated model never forbids what the
 * generic model allows. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/asr.h"
#include "base/buf.h"

#define BIAS_MAX_VOCAB 8192
#define BIAS_MAX_BIGRAMS 65536
#define DISCOUNT 0.5

/* Interview phrasing written for this project: openers, connectives and the
 * words answers are built from (STAR structure, teamwork, results). Fillers
 * are included because candidates say them and we want them recognised. */
const char cd_audio_interview_phrasing[] =
    "i think that is a great question. so in my previous role i was responsible for the project.\n"
    "the situation was that our team had a deadline. my task was to fix the problem.\n"
    "the action i took was to talk to the team and we worked together. the result was that we "
    "delivered on time.\n"
    "i learned a lot from that experience. i would say my greatest strength is communication.\n"
    "i worked with the customer and the manager. we had to make a decision.\n"
    "for example when i was working at my last company we had a problem with the system.\n"
    "i am really interested in this position because i want to grow.\n"
    "one of my weaknesses is that i sometimes take on too much work.\n"
    "in five years i see myself leading a team. i have experience with software development.\n"
    "um i think uh we decided to do it. you know it was hard but i mean we did it.\n"
    "basically we built a new process and actually it worked well. i like working with people.\n"
    "what i would do is first understand the requirements and then test the solution.\n"
    "thank you for the question. that is how i handled it. i hope that answers your question.\n";

typedef struct vocab {
    char **word;
    size_t *count;
    size_t n;
} vocab;

typedef struct bigram {
    int a, b;
    size_t count;
} bigram;

static int vocab_id(vocab *v, const char *w, bool add)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->word[i], w) == 0)
            return (int)i;
    if (!add || v->n >= BIAS_MAX_VOCAB)
        return -1;
    v->word[v->n] = strdup(w);
    if (!v->word[v->n])
        return -1;
    v->count[v->n] = 0;
    return (int)v->n++;
}

static int cmp_bigram(const void *x, const void *y)
{
    const bigram *a = x, *b = y;
    if (a->a != b->a)
        return a->a - b->a;
    return a->b - b->b;
}

/* Tokenises into sentences of known words; calls add_pair for each bigram
 * including <s> and </s>. */
static void count_text(const char *text, vocab *v, bigram *bg, size_t *nbg,
                       int (*known)(const char *, void *), void *ctx)
{
    int prev = vocab_id(v, "<s>", true);
    v->count[prev]++;
    char w[CD_AUDIO_WORD_MAX];
    size_t wl = 0;
    for (const char *p = text;; p++) {
        unsigned char c = (unsigned char)*p;
        bool wordch = isalpha(c) || (c == '\'' && wl > 0);
        if (wordch) {
            if (wl + 1 < sizeof w)
                w[wl++] = (char)tolower(c);
            continue;
        }
        if (wl > 0) {
            w[wl] = '\0';
            wl = 0;
            if (!known || known(w, ctx)) {
                int id = vocab_id(v, w, true);
                if (id >= 0) {
                    v->count[id]++;
                    if (*nbg < BIAS_MAX_BIGRAMS)
                        bg[(*nbg)++] = (bigram){prev, id, 1};
                    prev = id;
                }
            }
        }
        bool end = c == '\0' || c == '.' || c == '?' || c == '!' || c == '\n' || c == ';';
        if (end) {
            int s_end = vocab_id(v, "</s>", true);
            if (prev != vocab_id(v, "<s>", false)) {
                v->count[s_end]++;
                if (*nbg < BIAS_MAX_BIGRAMS)
                    bg[(*nbg)++] = (bigram){prev, s_end, 1};
            }
            prev = vocab_id(v, "<s>", false);
            if (c == '\0')
                break;
            v->count[prev]++;
        }
    }
}

char *cd_audio_bias_arpa(const char *text, int (*known)(const char *word, void *ctx), void *ctx,
                         size_t *n_words)
{
    vocab v = {calloc(BIAS_MAX_VOCAB, sizeof(char *)), calloc(BIAS_MAX_VOCAB, sizeof(size_t)), 0};
    bigram *bg = malloc(BIAS_MAX_BIGRAMS * sizeof *bg);
    char *result = NULL;
    cd_buf out;
    cd_buf_init(&out, 0);
    if (!v.word || !v.count || !bg)
        goto done;
    size_t nbg = 0;
    vocab_id(&v, "<s>", true);
    vocab_id(&v, "</s>", true);
    count_text(cd_audio_interview_phrasing, &v, bg, &nbg, known, ctx);
    if (text)
        count_text(text, &v, bg, &nbg, known, ctx);
    /* Merge duplicate bigrams. */
    qsort(bg, nbg, sizeof *bg, cmp_bigram);
    size_t m = 0;
    for (size_t i = 0; i < nbg; i++) {
        if (m > 0 && bg[m - 1].a == bg[i].a && bg[m - 1].b == bg[i].b)
            bg[m - 1].count++;
        else
            bg[m++] = bg[i];
    }
    nbg = m;
    /* Unigrams: relative frequency with add-one; <s> gets no probability of
     * its own (ARPA convention -99). */
    size_t total = 0;
    for (size_t i = 0; i < v.n; i++)
        total += v.count[i] + 1;
    double *puni = malloc(v.n * sizeof *puni);
    double *alpha = malloc(v.n * sizeof *alpha);
    if (!puni || !alpha) {
        free(puni);
        free(alpha);
        goto done;
    }
    for (size_t i = 0; i < v.n; i++)
        puni[i] = (double)(v.count[i] + 1) / (double)total;
    /* Backoff weight of each history: mass freed by discounting divided by
     * the unigram mass of unseen continuations. bg is sorted by history. */
    size_t *hist = calloc(v.n, sizeof *hist), *types = calloc(v.n, sizeof *types);
    if (!hist || !types) {
        free(hist);
        free(types);
        free(puni);
        free(alpha);
        goto done;
    }
    for (size_t h = 0; h < v.n; h++)
        alpha[h] = 0;
    for (size_t i = 0; i < nbg; i++) {
        hist[bg[i].a] += bg[i].count;
        types[bg[i].a]++;
        alpha[bg[i].a] += puni[bg[i].b]; /* seen continuation mass, for now */
    }
    for (size_t h = 0; h < v.n; h++) {
        alpha[h] = hist[h]
                       ? (DISCOUNT * (double)types[h] / (double)hist[h]) / (1.0 - alpha[h] + 1e-9)
                       : 1.0;
    }
    cd_buf_printf(&out, "\\data\\\nngram 1=%zu\nngram 2=%zu\n\n\\1-grams:\n", v.n, nbg);
    for (size_t i = 0; i < v.n; i++) {
        double lp = strcmp(v.word[i], "<s>") == 0 ? -99.0 : log10(puni[i]);
        cd_buf_printf(&out, "%.4f %s %.4f\n", lp, v.word[i], log10(alpha[i]));
    }
    cd_buf_puts(&out, "\n\\2-grams:\n");
    for (size_t i = 0; i < nbg; i++) {
        double p = ((double)bg[i].count - DISCOUNT) / (double)hist[bg[i].a];
        cd_buf_printf(&out, "%.4f %s %s\n", log10(p), v.word[bg[i].a], v.word[bg[i].b]);
    }
    cd_buf_puts(&out, "\n\\end\\\n");
    free(puni);
    free(alpha);
    free(hist);
    free(types);
    if (n_words)
        *n_words = v.n - 2;
    result = cd_buf_steal(&out, NULL);
done:
    cd_buf_free(&out);
    for (size_t i = 0; i < v.n; i++)
        free(v.word[i]);
    free(v.word);
    free(v.count);
    free(bg);
    return result;
}
