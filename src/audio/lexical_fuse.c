/* lexical_fuse.c - forced choice between recognised words and the filler
 * phrase they are often mistaken for. See lexical_fuse.h. */
#include "audio/lexical_fuse.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/fillers.h"
#include "media/audio_decode.h"

#define LEX_NEIGHBOUR_S 1.0 /* a word further away than this is no neighbour */
#define LEX_PAD_S 0.05      /* context decoded around the words */
#define LEX_MAX_SPAN_S 3.0  /* longest audio decoded for one choice */
#define LEX_MAX_WORDS 2     /* longest confusion below */
/* The filler phrase must fit the audio better than the recognised words by
 * this much (decoder score units). Fitted on train a1-a30 (docs/audio.md):
 * "you'll" and "really" are common words that open sentences, so a tie
 * keeps them. */
#define LEX_MARGIN_MIN 0.0

/* What the recogniser made of a filler phrase, seen in the training split
 * of bench/audio (round 3 and 4 diagnoses). */
typedef struct {
    const char *heard[LEX_MAX_WORDS]; /* one or two words, second may be NULL */
    const char *phrase;
} confusion;

static const confusion CONFUSIONS[] = {
    {{"you'll", NULL}, "you know"}, {{"you", "will"}, "you know"},  {{"you", "don't"}, "you know"},
    {{"you", "go"}, "you know"},    {{"you're", NULL}, "you know"}, {{"you'd", NULL}, "you know"},
    {{"i", "agree"}, "i mean"},     {{"i", "repeat"}, "i mean"},    {{"i", "read"}, "i mean"},
    {{"really", NULL}, "i mean"},
};

/* Words matched by confusion c at word i (0 when none). */
static size_t match(const cd_audio_words *w, size_t i, const confusion *c)
{
    size_t k = 0;
    for (; k < LEX_MAX_WORDS && c->heard[k]; k++)
        if (i + k >= w->n || strcmp(w->v[i + k].text, c->heard[k]) != 0)
            return 0;
    return k;
}

/* Replaces words [a, b) (b > a) by the words of `phrase` spread over their
 * time. Returns 0, or -1 out of memory. */
static int replace(cd_audio_words *w, size_t a, size_t b, const char *phrase)
{
    char buf[64], *tok[LEX_MAX_WORDS + 1], *save = NULL;
    size_t k = 0;
    snprintf(buf, sizeof buf, "%s", phrase);
    for (char *t = strtok_r(buf, " ", &save); t && k <= LEX_MAX_WORDS;
         t = strtok_r(NULL, " ", &save))
        tok[k++] = t;
    double s = w->v[a].start, e = w->v[b - 1].end, step = (e - s) / (double)k;
    /* make room: the phrase may have more words than were heard */
    while (b - a < k) {
        if (cd_audio_words_push(w, "", 0, 0, 1.0) != 0)
            return -1;
        memmove(&w->v[b + 1], &w->v[b], (w->n - 1 - b) * sizeof *w->v);
        b++;
    }
    if (b - a > k) {
        memmove(&w->v[a + k], &w->v[b], (w->n - b) * sizeof *w->v);
        w->n -= b - a - k;
    }
    for (size_t j = 0; j < k; j++) {
        cd_audio_word *x = &w->v[a + j];
        snprintf(x->text, sizeof x->text, "%s", tok[j]);
        x->start = s + step * (double)j;
        x->end = s + step * (double)(j + 1);
        x->conf = 1.0;
    }
    return 0;
}

int cd_audio_fuse_lexical(cd_audio_asr *asr, const float *pcm, size_t n, cd_audio_words *w,
                          cd_err *err)
{
    const char *tr = getenv("CANDOR_AUDIO_TRACE");
    bool trace = tr && *tr;
    int replaced = 0;
    for (size_t i = 0; i < w->n; i++) {
        /* these fillers open a sentence: first word, after a pause or a
         * vocal filler (as the filler rules of fillers.c) */
        bool start = i == 0 || w->v[i].start - w->v[i - 1].end >= CD_AUDIO_FILLER_PAUSE_S ||
                     cd_audio_is_vocal_filler(w->v[i - 1].text);
        if (!start)
            continue;
        const confusion *c = NULL;
        size_t len = 0;
        for (size_t k = 0; k < sizeof CONFUSIONS / sizeof *CONFUSIONS && !len; k++)
            if ((len = match(w, i, &CONFUSIONS[k])) > 0)
                c = &CONFUSIONS[k];
        if (!c)
            continue;
        size_t b = i + len;
        const cd_audio_word *prev =
            i > 0 && w->v[i].start - w->v[i - 1].end < LEX_NEIGHBOUR_S ? &w->v[i - 1] : NULL;
        const cd_audio_word *next =
            b < w->n && w->v[b].start - w->v[b - 1].end < LEX_NEIGHBOUR_S ? &w->v[b] : NULL;
        double s = prev ? prev->start : w->v[i].start;
        double e = next ? next->end : w->v[b - 1].end;
        if (e - s > LEX_MAX_SPAN_S)
            continue;
        char words[64] = "";
        for (size_t k = i; k < b; k++) {
            size_t off = strlen(words);
            snprintf(words + off, sizeof words - off, "%s%s", k > i ? " " : "", w->v[k].text);
        }
        double ps = s - LEX_PAD_S < 0 ? 0 : s - LEX_PAD_S, pe = e + LEX_PAD_S;
        size_t sa = (size_t)(ps * CD_AUDIO_RATE), sb = (size_t)(pe * CD_AUDIO_RATE);
        if (sb > n)
            sb = n;
        if (sa >= sb)
            continue;
        double margin;
        if (cd_audio_asr_words_margin(asr, pcm + sa, sb - sa, prev ? prev->text : NULL, words,
                                      c->phrase, next ? next->text : NULL, &margin, err) != 0)
            return -1;
        bool won = margin > LEX_MARGIN_MIN;
        if (trace)
            fprintf(stderr, "lexical_trace %.3f %.3f words=[%s] phrase=[%s] margin=%.0f won=%d\n",
                    w->v[i].start, w->v[b - 1].end, words, c->phrase,
                    margin > 1e6    ? 1e6
                    : margin < -1e6 ? -1e6
                                    : margin,
                    won);
        if (!won)
            continue;
        if (replace(w, i, b, c->phrase) != 0)
            return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory"), -1;
        replaced++;
    }
    return replaced;
}
