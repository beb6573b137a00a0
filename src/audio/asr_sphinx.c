/* asr_sphinx.c - PocketSphinx 5prealpha decoder: plain and biased searches,
 * chunked decoding over speech segments. See asr.h. */
#include <pocketsphinx.h>
#include <sphinxbase/cmn.h>
#include <sphinxbase/feat.h>
#include <sphinxbase/fsg_model.h>
#include <sphinxbase/ngram_model.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio/asr.h"
#include "media/audio_decode.h"

#define BIAS_SEARCH "candor_bias"
#define CHUNK_SAMPLES 8000 /* fed to the decoder 0.5 s at a time */
#define CHOICE_SEARCH "candor_filler_choice"
#define CHOICE_WORDS_MAX 256   /* bytes of the words a filler competes with */
#define CHOICE_TOKENS_MAX 16   /* ...and their number (each of before, words, after) */
#define CMN_MAX 64             /* longest cepstral vector whose mean is saved */
#define FLOOR_SEED 0x2545F491u /* fixed: the same audio always decodes the same */
#define FLOOR_FRAME 160        /* 10 ms frames for the quiet level */
#define FLOOR_PERCENTILE 10    /* the "quiet" level: this percentile of frame power */
#define FLOOR_HIST_BINS 121    /* 1 dB bins, -120..0 dBFS */

struct cd_audio_asr {
    ps_decoder_t *ps;
    char plain_search[64];
    bool biased;
};

cd_audio_asr *cd_audio_asr_new(const char *model_dir, cd_err *err)
{
    if (!model_dir)
        model_dir = getenv("CANDOR_SPHINX_MODEL");
    if (!model_dir || !*model_dir)
        model_dir = CD_AUDIO_SPHINX_MODEL_DIR;
    char hmm[1024], lm[1024], dict[1024];
    snprintf(hmm, sizeof hmm, "%s/en-us", model_dir);
    snprintf(lm, sizeof lm, "%s/en-us.lm.bin", model_dir);
    snprintf(dict, sizeof dict, "%s/cmudict-en-us.dict", model_dir);
    if (access(hmm, R_OK) != 0 || access(lm, R_OK) != 0 || access(dict, R_OK) != 0) {
        cd_err_set(err, CD_EUNAVAILABLE, "model",
                   "PocketSphinx model not found in %s (install pocketsphinx-en-us)", model_dir);
        return NULL;
    }
    /* PocketSphinx logs verbosely; CANDOR_SPHINX_LOG names a file for it. */
    const char *logfn = getenv("CANDOR_SPHINX_LOG");
    cmd_ln_t *config = cmd_ln_init(NULL, ps_args(), TRUE, "-hmm", hmm, "-lm", lm, "-dict", dict,
                                   "-logfn", logfn && *logfn ? logfn : "/dev/null",
                                   "-remove_silence", "no", "-bestpath", "yes", NULL);
    if (!config) {
        cd_err_set(err, CD_EINTERNAL, "model", "PocketSphinx rejected its configuration");
        return NULL;
    }
    cd_audio_asr *asr = calloc(1, sizeof *asr);
    if (asr)
        asr->ps = ps_init(config);
    cmd_ln_free_r(config);
    if (!asr || !asr->ps) {
        free(asr);
        cd_err_set(err, CD_EINTERNAL, "model", "PocketSphinx failed to load the model in %s",
                   model_dir);
        return NULL;
    }
    /* The search made from -lm is named "_default" (PS_DEFAULT_SEARCH in
     * pocketsphinx 5); asked for by name because ps_get_search() leaks a
     * hash iterator in this version. */
    snprintf(asr->plain_search, sizeof asr->plain_search, "%s", "_default");
    if (!ps_get_lm(asr->ps, asr->plain_search)) {
        cd_audio_asr_free(asr);
        cd_err_set(err, CD_EINTERNAL, "model", "PocketSphinx loaded no language model");
        return NULL;
    }
    return asr;
}

void cd_audio_asr_free(cd_audio_asr *asr)
{
    if (!asr)
        return;
    ps_free(asr->ps);
    free(asr);
}

static int in_dictionary(const char *word, void *ctx)
{
    char *pron = ps_lookup_word(ctx, word);
    if (!pron)
        return 0;
    free(pron);
    return 1;
}

int cd_audio_asr_set_bias(cd_audio_asr *asr, const char *text, double weight, cd_err *err)
{
    if (!text || !*text) {
        ps_set_search(asr->ps, asr->plain_search);
        asr->biased = false;
        return 0;
    }
    if (strlen(text) > CD_AUDIO_BIAS_MAX_BYTES)
        return cd_err_set(err, CD_ETOOBIG, "bias", "bias text is over %d bytes",
                          CD_AUDIO_BIAS_MAX_BYTES),
               -1;
    if (weight <= 0 || weight >= 1)
        weight = CD_AUDIO_BIAS_WEIGHT;
    size_t nwords = 0;
    char *arpa = cd_audio_bias_arpa(text, in_dictionary, asr->ps, &nwords);
    if (!arpa)
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory building the bias model"), -1;
    /* sphinxbase reads models only from files: a private temp file. */
    char path[] = "/tmp/candor-bias-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        free(arpa);
        return cd_err_set(err, CD_EIO, NULL, "cannot create a temporary file for the bias model"),
               -1;
    }
    size_t len = strlen(arpa);
    bool ok = write(fd, arpa, len) == (ssize_t)len;
    close(fd);
    free(arpa);
    ngram_model_t *bias = NULL;
    if (ok)
        bias = ngram_model_read(ps_get_config(asr->ps), path, NGRAM_ARPA, ps_get_logmath(asr->ps));
    unlink(path);
    ngram_model_t *generic = ps_get_lm(asr->ps, asr->plain_search);
    if (!bias || !generic) {
        if (bias)
            ngram_model_free(bias);
        return cd_err_set(err, CD_EINTERNAL, NULL, "could not load the bias language model"), -1;
    }
    /* ngram_model_set_init() takes a reference of its own to each model. */
    ngram_model_t *models[2] = {generic, bias};
    char *names[2] = {"generic", "bias"};
    float32 weights[2] = {(float32)(1.0 - weight), (float32)weight};
    ngram_model_t *set = ngram_model_set_init(ps_get_config(asr->ps), models, names, weights, 2);
    ngram_model_free(bias);
    if (!set) {
        return cd_err_set(err, CD_EINTERNAL, NULL, "could not interpolate the bias model"), -1;
    }
    int rc = ps_set_lm(asr->ps, BIAS_SEARCH, set);
    ngram_model_free(set); /* the search holds its own reference */
    if (rc != 0 || ps_set_search(asr->ps, BIAS_SEARCH) != 0) {
        ps_set_search(asr->ps, asr->plain_search);
        return cd_err_set(err, CD_EINTERNAL, NULL, "PocketSphinx rejected the bias model"), -1;
    }
    asr->biased = true;
    return (int)nwords;
}

static bool is_marker(const char *w)
{
    return w[0] == '<' || w[0] == '[' || strcmp(w, "(NULL)") == 0;
}

/* Power of the noise to add so that the quietest frames of pcm[0..n) are
 * no more than -CD_AUDIO_ASR_FLOOR_DB below its RMS. Recordings with a
 * noise floor of their own (a microphone, a room) get nothing: adding noise
 * to them only costs accuracy (LibriVox WER 0.296 -> 0.380 with an
 * unconditional floor). */
static double floor_topup_power(const float *pcm, size_t n)
{
    size_t hist[FLOOR_HIST_BINS] = {0}, frames = 0;
    double total = 0;
    for (size_t off = 0; off + FLOOR_FRAME <= n; off += FLOOR_FRAME) {
        double e = 0;
        for (size_t i = 0; i < FLOOR_FRAME; i++)
            e += (double)pcm[off + i] * pcm[off + i];
        total += e;
        e /= FLOOR_FRAME;
        int b = e > 1e-14 ? (int)(10 * log10(e)) + FLOOR_HIST_BINS - 1 : 0;
        hist[b < 0 ? 0 : b >= FLOOR_HIST_BINS ? FLOOR_HIST_BINS - 1 : b]++;
        frames++;
    }
    if (frames == 0 || total <= 0)
        return 0;
    size_t target = frames * FLOOR_PERCENTILE / 100, acc = 0;
    int b = 0;
    for (; b < FLOOR_HIST_BINS - 1; b++) {
        acc += hist[b];
        if (acc > target)
            break;
    }
    double quiet = pow(10.0, (b - (FLOOR_HIST_BINS - 1)) / 10.0);
    double want = total / (double)(frames * FLOOR_FRAME) * pow(10.0, CD_AUDIO_ASR_FLOOR_DB / 10.0);
    return want > quiet ? want - quiet : 0;
}

/* Decodes pcm[0..n) as one utterance with the current search.
 *
 * A white noise floor tops the quietest frames up to CD_AUDIO_ASR_FLOOR_DB
 * below the chunk level.
 * Why: clean synthetic speech, digital silence and the output of browser
 * noise suppression have spectral holes whose log filterbank energies are
 * outliers for an acoustic model trained on microphone speech; on the
 * clean espeak-ng answers of bench/audio this took recognition from
 * unusable to fair (docs/audio.md). The noise is deterministic. */
static int feed_utterance(cd_audio_asr *asr, const float *pcm, size_t n, cd_err *err)
{
    int16 buf[CHUNK_SAMPLES];
    /* uniform noise of amplitude a has an RMS of a/sqrt(3) */
    float amp = (float)(sqrt(floor_topup_power(pcm, n)) * sqrt(3.0) * 32767.0);
    uint32_t rng = FLOOR_SEED;
    /* Segment frame numbers count from the start of the stream: start a new
     * stream per utterance so they count from this chunk. */
    if (ps_start_stream(asr->ps) < 0 || ps_start_utt(asr->ps) < 0)
        return cd_err_set(err, CD_EINTERNAL, NULL, "speech decoder failed to start");
    for (size_t off = 0; off < n; off += CHUNK_SAMPLES) {
        size_t m = n - off < CHUNK_SAMPLES ? n - off : CHUNK_SAMPLES;
        for (size_t i = 0; i < m; i++) {
            rng ^= rng << 13;
            rng ^= rng >> 17;
            rng ^= rng << 5;
            float u = (float)(rng >> 8) / (float)(1u << 23) - 1.0f; /* -1..1 */
            float v = pcm[off + i] * 32767.0f + amp * u;
            buf[i] = (int16)(v > 32767.0f ? 32767 : v < -32768.0f ? -32768 : v);
        }
        if (ps_process_raw(asr->ps, buf, m, FALSE, FALSE) < 0) {
            ps_end_utt(asr->ps);
            return cd_err_set(err, CD_EINTERNAL, NULL, "speech decoder failed");
        }
    }
    if (ps_end_utt(asr->ps) < 0)
        return cd_err_set(err, CD_EINTERNAL, NULL, "speech decoder failed to finish");
    return 0;
}

int cd_audio_asr_decode(cd_audio_asr *asr, const float *pcm, size_t n, double t0,
                        cd_audio_words *out, cd_err *err)
{
    if (n == 0)
        return 0;
    int rc = feed_utterance(asr, pcm, n, err);
    if (rc != 0)
        return rc;
    logmath_t *lmath = ps_get_logmath(asr->ps);
    /* The best-path search runs inside ps_get_hyp(); iterating segments
     * before it reads a stale path (empty after switching searches). */
    int32 best_score;
    if (!ps_get_hyp(asr->ps, &best_score))
        return 0;
    for (ps_seg_t *seg = ps_seg_iter(asr->ps); seg; seg = ps_seg_next(seg)) {
        const char *w = ps_seg_word(seg);
        if (!w || is_marker(w))
            continue;
        char word[CD_AUDIO_WORD_MAX];
        snprintf(word, sizeof word, "%s", w);
        char *paren = strchr(word, '('); /* "read(2)": alternate pronunciation */
        if (paren && paren != word)
            *paren = '\0';
        int sf, ef;
        ps_seg_frames(seg, &sf, &ef);
        int32 ascr, lscr, lback;
        double conf = logmath_exp(lmath, ps_seg_prob(seg, &ascr, &lscr, &lback));
        /* The decoder's last frame may reach past the samples: clamp. */
        double limit = t0 + (double)n / CD_AUDIO_RATE;
        double ws = t0 + sf / 100.0, we = t0 + (ef + 1) / 100.0;
        if (we > limit)
            we = limit;
        if (we - ws < 0.01)
            continue; /* nothing left of it inside the audio */
        if (cd_audio_words_push(out, word, ws, we, conf) != 0) {
            ps_seg_free(seg);
            return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
        }
    }
    return 0;
}

int cd_audio_asr_transcribe(cd_audio_asr *asr, const float *pcm, size_t n,
                            const cd_audio_segments *segs, cd_audio_words *out, cd_err *err)
{
    size_t i = 0;
    while (i < segs->n) {
        if (!segs->v[i].speech) {
            i++;
            continue;
        }
        double a = segs->v[i].start, b = segs->v[i].end;
        size_t j = i + 1;
        /* Join following speech segments while the chunk stays short. */
        while (j < segs->n && segs->v[j].end - a <= CD_AUDIO_ASR_CHUNK_MAX_S) {
            if (segs->v[j].speech)
                b = segs->v[j].end;
            j++;
        }
        a -= CD_AUDIO_ASR_PAD_S;
        b += CD_AUDIO_ASR_PAD_S;
        size_t sa = a < 0 ? 0 : (size_t)(a * CD_AUDIO_RATE);
        size_t sb = (size_t)(b * CD_AUDIO_RATE);
        if (sb > n)
            sb = n;
        if (sa < sb) {
            int rc =
                cd_audio_asr_decode(asr, pcm + sa, sb - sa, (double)sa / CD_AUDIO_RATE, out, err);
            if (rc != 0)
                return rc;
        }
        i = j;
    }
    return 0;
}

/* The vocal fillers a suspected filled pause may be (cmudict spellings). */
static const char *const CHOICE_FILLERS[] = {"um", "uh", "ah", "er", "hmm", "mm", NULL};

/* Splits `text` (copied into buf) into dictionary words; returns their
 * number, or -1 when there are too many or one is unknown. */
static int split_words(cd_audio_asr *asr, const char *text, char *buf, size_t bufsz, char **tok,
                       int max)
{
    int k = 0;
    if (!text)
        return 0;
    if (strlen(text) >= bufsz)
        return -1;
    snprintf(buf, bufsz, "%s", text);
    for (char *save = NULL, *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        if (k == max || !in_dictionary(t, asr->ps))
            return -1;
        tok[k++] = t;
    }
    return k;
}

/* Adds the word chain tok[0..k) from state `from`; returns its end state
 * (`to` when given, else a new one). */
static int add_chain(fsg_model_t *fsg, int from, int to, int *next_state, char **tok, int k)
{
    for (int i = 0; i < k; i++) {
        int dst = i == k - 1 && to >= 0 ? to : (*next_state)++;
        fsg_model_trans_add(fsg, from, dst, 0, fsg_model_word_add(fsg, tok[i]));
        from = dst;
    }
    return from;
}

/* Registers CHOICE_SEARCH: `before`, then either any one of CHOICE_FILLERS
 * (fillers true) or the words `words` (fillers false), then `after`. The
 * neighbours anchor the alternative in time, so that it does not have to
 * explain their audio. Built as an FSG directly (ps_set_jsgf_string in
 * pocketsphinx 5prealpha leaks its parse tree). Returns 0, or -1 when a
 * word cannot be used. */
static int set_choice_search(cd_audio_asr *asr, const char *before, const char *words,
                             const char *after, bool fillers)
{
    char bb[CHOICE_WORDS_MAX], wb[CHOICE_WORDS_MAX], ab[CHOICE_WORDS_MAX];
    char *bt[CHOICE_TOKENS_MAX], *wt[CHOICE_TOKENS_MAX], *at[CHOICE_TOKENS_MAX];
    int nb = split_words(asr, before, bb, sizeof bb, bt, CHOICE_TOKENS_MAX);
    int nw = split_words(asr, words, wb, sizeof wb, wt, CHOICE_TOKENS_MAX);
    int na = split_words(asr, after, ab, sizeof ab, at, CHOICE_TOKENS_MAX);
    if (nb < 0 || nw <= 0 || na < 0)
        return -1;
    logmath_t *lmath = ps_get_logmath(asr->ps);
    /* states: 0 start, 1 final, then as many as the chains need */
    fsg_model_t *fsg = fsg_model_init(CHOICE_SEARCH, lmath, 1.0f, 4 + nb + nw + na);
    if (!fsg)
        return -1;
    fsg->start_state = 0;
    fsg->final_state = 1;
    int next_state = 2;
    int s_alt = add_chain(fsg, 0, -1, &next_state, bt, nb); /* 0 itself when nb == 0 */
    int s_end = na ? next_state++ : 1;
    /* Every alternative has probability 1: the two searches are compared
     * on their acoustic scores, with no prior hidden in the grammar. */
    if (fillers) {
        for (int i = 0; CHOICE_FILLERS[i]; i++)
            fsg_model_trans_add(fsg, s_alt, s_end, 0, fsg_model_word_add(fsg, CHOICE_FILLERS[i]));
    } else {
        add_chain(fsg, s_alt, s_end, &next_state, wt, nw);
    }
    if (na)
        add_chain(fsg, s_end, 1, &next_state, at, na);
    /* Silence, and only silence, may come between the words: with a
     * silence loop already in the grammar the search adds none of the
     * noise words ([SPEECH], [NOISE]), which would otherwise swallow the
     * syllables a filler cannot explain ("last ah we" for "last month we"). */
    fsg_model_add_silence(fsg, "<sil>", -1, cmd_ln_float32_r(ps_get_config(asr->ps), "-silprob"));
    int rc = ps_set_fsg(asr->ps, CHOICE_SEARCH, fsg);
    fsg_model_free(fsg); /* the search keeps its own reference */
    return rc == 0 && ps_set_search(asr->ps, CHOICE_SEARCH) == 0 ? 0 : -1;
}

/* Decodes pcm with one side of the choice; *score gets the path score
 * (decoder units) (-HUGE_VAL when no path reached the end), and `filler` the filler
 * the path took (fillers side). Returns 0, 1 when the grammar cannot be
 * built, or -1 on a decoder error. */
static int choice_score(cd_audio_asr *asr, const float *pcm, size_t n, const char *before,
                        const char *words, const char *after, bool fillers, double *score,
                        char filler[8], cd_err *err)
{
    *score = -HUGE_VAL;
    if (set_choice_search(asr, before, words, after, fillers) != 0)
        return 1;
    if (feed_utterance(asr, pcm, n, err) != 0)
        return -1;
    int32 s;
    const char *hyp = ps_get_hyp(asr->ps, &s);
    if (!hyp || !*hyp)
        return 0;
    *score = s;
    if (!fillers)
        return 0;
    /* The hypothesis is before + filler + after: the filler is the token
     * right after the `before` words. */
    int nb = 0;
    for (const char *c = before; c && *c; c++)
        nb += (c == before || c[-1] == ' ') && *c != ' ';
    const char *t = hyp;
    for (int k = 0; k < nb && t; k++) {
        t = strchr(t, ' ');
        t = t ? t + 1 : NULL;
    }
    for (int i = 0; t && CHOICE_FILLERS[i]; i++) {
        size_t l = strlen(CHOICE_FILLERS[i]);
        if (strncmp(t, CHOICE_FILLERS[i], l) == 0 && (t[l] == ' ' || t[l] == '\0'))
            snprintf(filler, 8, "%s", CHOICE_FILLERS[i]);
    }
    return 0;
}

int cd_audio_asr_filler_margin(cd_audio_asr *asr, const float *pcm, size_t n, const char *before,
                               const char *words, const char *after, char filler[8], double *margin,
                               cd_err *err)
{
    filler[0] = '\0';
    *margin = -HUGE_VAL;
    if (n == 0)
        return 0;
    /* Live cepstral mean normalisation learns from every utterance: keep
     * the mean the answer itself gave, so that choices neither disturb the
     * next decoding nor depend on the ones before them (or on each other). */
    cmn_t *cmn = ps_get_feat(asr->ps)->cmn_struct;
    mfcc_t saved[CMN_MAX];
    bool keep = cmn && cmn->veclen <= CMN_MAX;
    if (keep)
        cmn_live_get(cmn, saved);
    double sf = -HUGE_VAL, sw = -HUGE_VAL;
    int rc = choice_score(asr, pcm, n, before, words, after, true, &sf, filler, err);
    if (keep)
        cmn_live_set(cmn, saved);
    if (rc == 0)
        rc = choice_score(asr, pcm, n, before, words, after, false, &sw, NULL, err);
    ps_set_search(asr->ps, asr->biased ? BIAS_SEARCH : asr->plain_search);
    if (keep)
        cmn_live_set(cmn, saved);
    if (rc < 0)
        return -1;
    if (rc > 0 || !filler[0] || sf == -HUGE_VAL) {
        filler[0] = '\0'; /* words we cannot put in a grammar, or no filler path: keep them */
        return 0;
    }
    *margin = sw == -HUGE_VAL ? HUGE_VAL : sf - sw;
    return 0;
}

int cd_audio_asr_filler_or_words(cd_audio_asr *asr, const float *pcm, size_t n, const char *before,
                                 const char *words, const char *after, char filler[8], cd_err *err)
{
    double margin;
    if (cd_audio_asr_filler_margin(asr, pcm, n, before, words, after, filler, &margin, err) != 0)
        return -1;
    if (margin > 0)
        return 1;
    filler[0] = '\0';
    return 0;
}

int cd_audio_asr_phone_count(cd_audio_asr *asr, const char *word)
{
    char *pron = word && *word ? ps_lookup_word(asr->ps, word) : NULL;
    if (!pron)
        return 0;
    int k = 0;
    for (const char *c = pron; *c; c++)
        k += (c == pron || c[-1] == ' ') && *c != ' ';
    free(pron);
    return k;
}
