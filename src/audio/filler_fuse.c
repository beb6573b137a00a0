/* filler_fuse.c - acoustic filled-pause candidates checked by a second,
 * grammar-constrained decoding pass. See filled_pause.h.
 *
 * Why a forced choice: in the language-model pass a filler competes with
 * every word the model finds likely after the previous ones, and "um" is
 * rare in the model's text, so an isolated "uh" comes out as "of", "our"
 * or "i'm". Decoded again once with only the fillers and once with only
 * those words allowed, the two acoustic scores are compared; but the
 * acoustic model barely separates "uh" from "of" or "the", so the margin
 * is weighed with two cues a held filler has and a word does not: a steady
 * spectrum, and a length well beyond what the word takes at the speaker's
 * pace. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/filled_pause.h"
#include "audio/fillers.h"
#include "base/log.h"
#include "media/audio_decode.h"

#define FUSE_PAD_S 0.05      /* context decoded around the words */
#define FUSE_NEIGHBOUR_S 1.0 /* a word further away than this is no neighbour */
#define FUSE_MAX_WORDS 2     /* a longer stretch of words is speech, not a filler */
#define FUSE_MAX_SPAN_S 3.0  /* longest audio decoded for one choice */
/* The decision (fitted on the training split of bench/audio, see
 * docs/audio.md): a filler replaces the word when
 *   margin + FUSE_BIAS - FUSE_FLUX_W * flux + FUSE_PROLONG_W * prolongation > 0
 * margin: acoustic score of the best filler path minus that of the word
 *   (cd_audio_asr_filler_margin), clipped to [FUSE_MARGIN_MIN, FUSE_MARGIN_MAX]:
 *   a filler that fits better than the word counts no more than a tie (on
 *   the training split, 11 of the 13 margins over 300 were real words such
 *   as "small", "manager", "database" that the first pass had misplaced), and
 *   a word that fits far better ("month" for "ah") loses no further;
 * flux: the candidate's mean spectral change (dB per 20 ms), the less the
 *   steadier the vowel;
 * prolongation: the candidate's length over the length the word would have
 *   at the recording's own pace (its phones times the mean phone length of
 *   the recognised words), capped at FUSE_PROLONG_MAX. A filled pause is a
 *   held vowel: "uh" heard as "of" lasts two or three times as long as "of";
 * isolation (round 3): + FUSE_ISOLATED_W when silence of FUSE_ISOLATED_S
 *   or more parts the candidate from the words on both sides. A filler
 *   is said on its own ("... room, er, basically"), a word runs into a
 *   neighbour; "hmm" heard as "them" and "er" as "there" had no other cue.
 *   (On the synthetic set every filler is its own espeak-ng piece with
 *   120 ms of silence around it, so the set rewards this cue more than
 *   real speech, where fillers also run into words, would.)
 * phrase-final lengthening (round 3): - FUSE_FINAL_W when the candidate runs
 *   straight on from the word before (gap < FUSE_FINAL_JOIN_S) and a pause
 *   of FUSE_FINAL_PAUSE_S or more (or the end) follows: a slow speaker's
 *   last syllable ("every day" heard as "every uh") is long and steady too.
 * nasal murmur (round 4): + FUSE_MURMUR_W x the share of the candidate's voiced
 *   frames that are a closed-mouth murmur (filled_pause.c): "hmm" heard as
 *   "them", the "m" of "um". Fitted on train a1-a30 with the other weights
 *   kept: F1 +0.007 there (+19 fillers found, mostly "hmm", +13 false); the
 *   same weight is best on either half (+0.001 and +0.012 on the other).
 * The other weights: fitted on train a1-a20 in round 3 (each half's fit
 * checked on the other half). */
#define FUSE_BIAS (-600.0)
#define FUSE_FLUX_W 300.0
#define FUSE_PROLONG_W 1500.0
#define FUSE_ISOLATED_S 0.06
#define FUSE_ISOLATED_W 400.0
#define FUSE_FINAL_JOIN_S 0.15
#define FUSE_FINAL_PAUSE_S 0.3
#define FUSE_FINAL_W 2000.0
#define FUSE_MURMUR_W 800.0
#define FUSE_MARGIN_MIN (-1500.0)
#define FUSE_MARGIN_MAX 0.0
#define FUSE_PROLONG_MAX 4.0
#define FUSE_PHONE_S 0.08      /* phone length when too few words give their own */
#define FUSE_PHONE_MIN_WORDS 5 /* words needed to measure the pace */
#define FUSE_NO_WORD_S 9.0     /* "gap" to a neighbour that is not there */

/* Mean phone length (s) of the recognised words other than fillers. */
static double phone_seconds(cd_audio_asr *asr, const cd_audio_words *w)
{
    double dur = 0;
    long phones = 0, words = 0;
    for (size_t i = 0; i < w->n; i++) {
        int k = cd_audio_is_vocal_filler(w->v[i].text)
                    ? 0
                    : cd_audio_asr_phone_count(asr, w->v[i].text);
        if (k <= 0)
            continue;
        dur += w->v[i].end - w->v[i].start;
        phones += k;
        words++;
    }
    return words >= FUSE_PHONE_MIN_WORDS && dur > 0 ? dur / (double)phones : FUSE_PHONE_S;
}

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

static double overlap(const cd_audio_word *x, double s, double e)
{
    double a = x->start > s ? x->start : s, b = x->end < e ? x->end : e;
    return b > a ? b - a : 0;
}

/* Replaces words [a, b) by one word. */
static int replace_words(cd_audio_words *w, size_t a, size_t b, const char *text, double start,
                         double end)
{
    if (a == b) {
        if (cd_audio_words_push(w, text, start, end, 1.0) != 0)
            return -1;
        /* keep time order: move the new word back to position a */
        cd_audio_word nw = w->v[w->n - 1];
        memmove(&w->v[a + 1], &w->v[a], (w->n - 1 - a) * sizeof *w->v);
        w->v[a] = nw;
        return 0;
    }
    cd_audio_word *x = &w->v[a];
    snprintf(x->text, sizeof x->text, "%s", text);
    x->start = start;
    x->end = end;
    x->conf = 1.0;
    memmove(&w->v[a + 1], &w->v[b], (w->n - b) * sizeof *w->v);
    w->n -= b - a - 1;
    return 0;
}

int cd_audio_fuse_filled_pauses(cd_audio_asr *asr, const float *pcm, size_t n,
                                const cd_audio_frames *f, const cd_audio_segments *segs,
                                cd_audio_words *w, cd_err *err)
{
    cd_audio_fp_list c = {0};
    if (cd_audio_filled_pauses(pcm, n, f, segs, &c) != 0) {
        cd_err_set(err, CD_EINTERNAL, NULL, "out of memory finding filled pauses");
        return -1;
    }
    int added = 0;
    double phone_s = phone_seconds(asr, w);
    /* CANDOR_AUDIO_TRACE: one line per decision on stderr, for fitting the
     * weights above on the training split (bench/audio, docs/audio.md). */
    const char *tr = getenv("CANDOR_AUDIO_TRACE");
    bool trace = tr && *tr;
    for (size_t k = 0; k < c.n; k++) {
        double cs = c.v[k].start, ce = c.v[k].end;
        size_t a = 0;
        while (a < w->n && w->v[a].end <= cs)
            a++;
        size_t b = a;
        bool vocal = false;
        while (b < w->n && w->v[b].start < ce)
            vocal |= cd_audio_is_vocal_filler(w->v[b++].text);
        if (vocal || b - a > FUSE_MAX_WORDS) {
            if (trace)
                fprintf(stderr, "filler_trace %.3f %.3f skip=%s lh=%.1f murmur=%.3f\n", cs, ce,
                        vocal ? "vocal" : "words", c.v[k].lowhigh_db, c.v[k].murmur);
            continue;
        }
        /* Of two words the one the steady stretch overlaps most competes;
         * the other ("bomb fight" for "um fight") stays. */
        if (b - a == 2) {
            double o0 = overlap(&w->v[a], cs, ce), o1 = overlap(&w->v[a + 1], cs, ce);
            if (o1 > o0)
                a++;
            else
                b--;
        }
        if (b == a) {
            /* Nothing recognised on a steady voiced stretch: the language
             * model had no word for it. */
            if (trace)
                fprintf(stderr, "filler_trace %.3f %.3f words=[] lh=%.1f murmur=%.3f won=1\n", cs,
                        ce, c.v[k].lowhigh_db, c.v[k].murmur);
            if (replace_words(w, a, b, "uh", cs, ce) != 0)
                goto oom;
            added++;
            continue;
        }
        /* The word competes with the fillers between its recognised
         * neighbours, which anchor it in time: the language-model pass
         * often stretches a word over the silence and syllables around a
         * filler ("promptly" for "um we"), and without its neighbours the
         * choice would have to explain their audio too. */
        const cd_audio_word *prev =
            a > 0 && cs - w->v[a - 1].end < FUSE_NEIGHBOUR_S ? &w->v[a - 1] : NULL;
        const cd_audio_word *next =
            b < w->n && w->v[b].start - ce < FUSE_NEIGHBOUR_S ? &w->v[b] : NULL;
        double s = prev ? prev->start : w->v[a].start < cs ? w->v[a].start : cs;
        double e = next ? next->end : w->v[b - 1].end > ce ? w->v[b - 1].end : ce;
        if (e - s > FUSE_MAX_SPAN_S)
            continue;
        char words[256] = "", filler[8] = "";
        size_t off = 0;
        for (size_t i = a; i < b && off < sizeof words; i++) {
            int m =
                snprintf(words + off, sizeof words - off, "%s%s", i > a ? " " : "", w->v[i].text);
            off += m > 0 ? (size_t)m : 0;
        }
        double ps = s - FUSE_PAD_S < 0 ? 0 : s - FUSE_PAD_S, pe = e + FUSE_PAD_S;
        size_t sa = (size_t)(ps * CD_AUDIO_RATE), sb = (size_t)(pe * CD_AUDIO_RATE);
        if (sb > n)
            sb = n;
        if (sa >= sb)
            continue;
        double margin;
        if (cd_audio_asr_filler_margin(asr, pcm + sa, sb - sa, prev ? prev->text : NULL, words,
                                       next ? next->text : NULL, filler, &margin, err) != 0) {
            cd_audio_fp_list_free(&c);
            return -1;
        }
        int phones = cd_audio_asr_phone_count(asr, words);
        double prolong = phones > 0 ? (ce - cs) / (phones * phone_s) : 1.0;
        /* silence to the recognised words either side (none: a long way) */
        double gap_prev = a > 0 ? cs - w->v[a - 1].end : FUSE_NO_WORD_S;
        double gap_next = b < w->n ? w->v[b].start - ce : FUSE_NO_WORD_S;
        bool isolated = gap_prev >= FUSE_ISOLATED_S && gap_next >= FUSE_ISOLATED_S;
        bool final = gap_prev < FUSE_FINAL_JOIN_S && gap_next >= FUSE_FINAL_PAUSE_S;
        double evidence = clamp(margin, FUSE_MARGIN_MIN, FUSE_MARGIN_MAX) + FUSE_BIAS -
                          FUSE_FLUX_W * c.v[k].flux_db +
                          FUSE_PROLONG_W * clamp(prolong, 0, FUSE_PROLONG_MAX) +
                          (isolated ? FUSE_ISOLATED_W : 0) - (final ? FUSE_FINAL_W : 0) +
                          FUSE_MURMUR_W * c.v[k].murmur;
        bool won = filler[0] && evidence > 0;
        cd_log(CD_LOG_DEBUG, "audio.filler_choice",
               "\"start\":%.2f,\"end\":%.2f,\"margin\":%.0f,\"flux_db\":%.2f,\"prolong\":%.2f,"
               "\"gap_prev\":%.3f,\"gap_next\":%.3f,\"evidence\":%.0f,\"filler\":\"%s\"",
               cs, ce, clamp(margin, -1e6, 1e6), c.v[k].flux_db, prolong, gap_prev, gap_next,
               evidence, won ? filler : "");
        if (trace)
            fprintf(stderr,
                    "filler_trace %.3f %.3f words=[%s] prev=[%s] next=[%s] margin=%.0f flux=%.3f "
                    "prolong=%.3f pitch=%.2f gapp=%.3f gapn=%.3f lh=%.1f murmur=%.3f filler=%s "
                    "ev=%.0f won=%d\n",
                    cs, ce, words, prev ? prev->text : "", next ? next->text : "",
                    clamp(margin, -1e6, 1e6), c.v[k].flux_db, prolong, c.v[k].pitch_st, gap_prev,
                    gap_next, c.v[k].lowhigh_db, c.v[k].murmur, filler, evidence, won);
        if (!won)
            continue;
        /* a word kept beside the filler keeps its time */
        if (a > 0 && w->v[a - 1].end > cs)
            cs = w->v[a - 1].end;
        if (b < w->n && w->v[b].start < ce)
            ce = w->v[b].start;
        if (ce <= cs)
            continue;
        if (replace_words(w, a, b, filler, cs, ce) != 0)
            goto oom;
        added++;
    }
    cd_audio_fp_list_free(&c);
    return added;
oom:
    cd_audio_fp_list_free(&c);
    cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    return -1;
}
