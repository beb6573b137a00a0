/* stream.c - incremental frames, VAD over the not-yet-closed tail, and
 * per-stretch decoding. See stream.h. */
#include "audio/stream.h"

#include <stdlib.h>
#include <string.h>

#include "audio/filled_pause.h"
#include "base/fs.h"
#include "media/audio_decode.h"

#define SPEAKING_FRAMES 20 /* 200 ms */

struct cd_audio_stream {
    cd_audio_opts opts;
    char *bias;
    float *pcm;
    size_t n, alloc;
    cd_audio_frames frames;
    size_t hist[CD_AUDIO_HIST_BINS]; /* unvoiced frame levels, for the noise floor */
    size_t hist_total;
    size_t committed;       /* frames before this index are segmented for good */
    cd_audio_segments segs; /* closed segments */
    cd_audio_words words;   /* all words so far */
    size_t polled;          /* words already handed out by poll */
    bool finished;
};

cd_audio_stream *cd_audio_stream_new(const cd_audio_opts *opts, cd_err *err)
{
    cd_audio_stream *s = calloc(1, sizeof *s);
    if (!s) {
        cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
        return NULL;
    }
    if (opts)
        s->opts = *opts;
    if (opts && opts->bias_text) {
        s->bias = strdup(opts->bias_text);
        if (!s->bias) {
            free(s);
            cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
            return NULL;
        }
        s->opts.bias_text = s->bias;
    }
    if (s->opts.asr && !(s->opts.remote && s->opts.remote->url[0]) &&
        cd_audio_asr_set_bias(s->opts.asr, s->bias, s->opts.bias_weight, err) < 0) {
        free(s->bias);
        free(s);
        return NULL;
    }
    return s;
}

void cd_audio_stream_free(cd_audio_stream *s)
{
    if (!s)
        return;
    free(s->bias);
    free(s->pcm);
    cd_audio_frames_free(&s->frames);
    cd_audio_segments_free(&s->segs);
    cd_audio_words_free(&s->words);
    free(s);
}

static float floor_from_hist(const cd_audio_stream *s)
{
    return cd_audio_floor_from_histogram(s->hist, s->hist_total);
}

static int decode_segment(cd_audio_stream *s, const cd_audio_segment *seg, cd_err *err)
{
    if (!seg->speech)
        return 0;
    double a = seg->start - CD_AUDIO_ASR_PAD_S, b = seg->end + CD_AUDIO_ASR_PAD_S;
    size_t sa = a < 0 ? 0 : (size_t)(a * CD_AUDIO_RATE), sb = (size_t)(b * CD_AUDIO_RATE);
    if (sb > s->n)
        sb = s->n;
    if (sa >= sb)
        return 0;
    if (s->opts.remote && s->opts.remote->url[0]) {
        cd_audio_words tmp = {0};
        int rc =
            cd_audio_remote_transcribe(s->opts.remote, s->pcm + sa, sb - sa, s->bias, &tmp, err);
        for (size_t i = 0; rc == 0 && i < tmp.n; i++)
            if (cd_audio_words_push(&s->words, tmp.v[i].text,
                                    tmp.v[i].start + (double)sa / CD_AUDIO_RATE,
                                    tmp.v[i].end + (double)sa / CD_AUDIO_RATE, tmp.v[i].conf) != 0)
                rc = cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
        cd_audio_words_free(&tmp);
        return rc;
    }
    if (s->opts.asr)
        return cd_audio_asr_decode(s->opts.asr, s->pcm + sa, sb - sa, (double)sa / CD_AUDIO_RATE,
                                   &s->words, err);
    return 0;
}

/* Segments the uncommitted tail; commits (and transcribes) every segment
 * followed by enough silence, or all of them when `final`. */
static int advance(cd_audio_stream *s, bool final, cd_err *err)
{
    if (s->committed >= s->frames.n)
        return 0;
    cd_audio_segments tail = {0};
    double t0 = (double)s->committed / CD_AUDIO_FPS;
    if (cd_audio_vad(s->frames.v + s->committed, s->frames.n - s->committed, t0, floor_from_hist(s),
                     &tail) != 0)
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    double now = (double)s->frames.n / CD_AUDIO_FPS;
    int rc = 0;
    for (size_t i = 0; i < tail.n && rc == 0; i++) {
        if (!final && tail.v[i].end > now - CD_AUDIO_PAUSE_MIN)
            break;
        if (s->segs.n == s->segs.alloc) {
            size_t na = s->segs.alloc ? s->segs.alloc * 2 : 64;
            cd_audio_segment *nv = realloc(s->segs.v, na * sizeof *nv);
            if (!nv) {
                rc = cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
                break;
            }
            s->segs.v = nv;
            s->segs.alloc = na;
        }
        s->segs.v[s->segs.n++] = tail.v[i];
        s->committed = (size_t)(tail.v[i].end * CD_AUDIO_FPS + 0.5);
        rc = decode_segment(s, &tail.v[i], err);
    }
    if (final && rc == 0)
        s->committed = s->frames.n;
    cd_audio_segments_free(&tail);
    return rc;
}

static int update_frames(cd_audio_stream *s, bool final)
{
    size_t before = s->frames.n;
    if (cd_audio_frames_update(&s->frames, s->pcm, s->n, final) != 0)
        return -1;
    for (size_t i = before; i < s->frames.n; i++) {
        if (s->frames.v[i].f0 > 0)
            continue;
        int b = (int)(s->frames.v[i].db + 100.5f);
        s->hist[b < 0 ? 0 : b >= CD_AUDIO_HIST_BINS ? CD_AUDIO_HIST_BINS - 1 : b]++;
        s->hist_total++;
    }
    return 0;
}

int cd_audio_stream_feed(cd_audio_stream *s, const float *pcm, size_t n, cd_err *err)
{
    if (s->finished)
        return cd_err_set(err, CD_ECONFLICT, NULL, "the audio stream is already finished");
    if (s->n + n > (size_t)CD_AUDIO_MAX_SECONDS * CD_AUDIO_RATE)
        return cd_err_set(err, CD_ETOOBIG, "audio", "the answer is longer than the %d s limit",
                          CD_AUDIO_MAX_SECONDS);
    if (s->n + n > s->alloc) {
        size_t na = s->alloc ? s->alloc : CD_AUDIO_RATE * 10;
        while (na < s->n + n)
            na *= 2;
        float *nv = realloc(s->pcm, na * sizeof *nv);
        if (!nv)
            return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
        s->pcm = nv;
        s->alloc = na;
    }
    memcpy(s->pcm + s->n, pcm, n * sizeof *pcm);
    s->n += n;
    if (update_frames(s, false) != 0)
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    return advance(s, false, err);
}

int cd_audio_stream_poll(cd_audio_stream *s, cd_audio_words *new_words, cd_audio_live *live)
{
    if (new_words)
        for (; s->polled < s->words.n; s->polled++) {
            const cd_audio_word *w = &s->words.v[s->polled];
            if (cd_audio_words_push(new_words, w->text, w->start, w->end, w->conf) != 0)
                return -1;
        }
    if (!live)
        return 0;
    memset(live, 0, sizeof *live);
    live->elapsed_s = (double)s->n / CD_AUDIO_RATE;
    live->first_word_s = -1;
    double prev_end = -1;
    for (size_t i = 0; i < s->segs.n; i++) {
        const cd_audio_segment *g = &s->segs.v[i];
        if (!g->speech)
            continue;
        if (live->first_word_s < 0)
            live->first_word_s = g->start;
        live->speech_s += g->end - g->start;
        if (prev_end >= 0 && g->start - prev_end >= CD_AUDIO_PAUSE_MIN)
            live->pauses++;
        prev_end = g->end;
    }
    if (s->words.n)
        live->first_word_s = s->words.v[0].start;
    float thr = floor_from_hist(s) + CD_AUDIO_VAD_MARGIN_DB;
    if (thr < CD_AUDIO_VAD_ABS_FLOOR_DB)
        thr = CD_AUDIO_VAD_ABS_FLOOR_DB;
    size_t active = 0, last_active = 0;
    for (size_t i = s->frames.n > SPEAKING_FRAMES ? s->frames.n - SPEAKING_FRAMES : 0;
         i < s->frames.n; i++)
        active += s->frames.v[i].db > thr;
    live->speaking = active >= SPEAKING_FRAMES / 2;
    for (size_t i = s->frames.n; i-- > 0;)
        if (s->frames.v[i].db > thr) {
            last_active = i + 1;
            break;
        }
    live->current_silence_s = (double)(s->frames.n - last_active) / CD_AUDIO_FPS;
    if (s->frames.n) {
        live->level_db = s->frames.v[s->frames.n - 1].db;
        for (size_t i = s->frames.n; i-- > 0 && i + 300 > s->frames.n;)
            if (s->frames.v[i].f0 > 0) {
                live->pitch_hz = s->frames.v[i].f0;
                break;
            }
    }
    for (size_t i = 0; i < s->words.n; i++)
        live->words += !cd_audio_is_vocal_filler(s->words.v[i].text);
    if (s->words.n) {
        double span = s->words.v[s->words.n - 1].end - s->words.v[0].start;
        if (span >= CD_AUDIO_WPM_MIN_SPAN_S)
            live->wpm = (double)live->words / (span / 60.0);
    }
    cd_audio_events ev = {0};
    cd_audio_filler_stats st;
    if (cd_audio_detect_fillers(&s->words, &ev, &st) == 0)
        live->fillers = st.vocal + st.lexical;
    cd_audio_events_free(&ev);
    return 0;
}

int cd_audio_stream_finish(cd_audio_stream *s, cd_audio_report *r, cd_err *err)
{
    memset(r, 0, sizeof *r);
    if (s->finished)
        return cd_err_set(err, CD_ECONFLICT, NULL, "the audio stream is already finished");
    s->finished = true;
    if (update_frames(s, true) != 0)
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    int rc = advance(s, true, err);
    if (rc != 0)
        return rc;
    r->asr_engine = s->opts.remote && s->opts.remote->url[0] ? "remote"
                    : s->opts.asr                            ? "pocketsphinx"
                                                             : "none";
    /* Hand the accumulated words and segments to the report. */
    r->words = s->words;
    memset(&s->words, 0, sizeof s->words);
    r->segments = s->segs;
    memset(&s->segs, 0, sizeof s->segs);
    /* Filled pauses need the whole answer's words: checked once, here. */
    if (s->opts.asr && !(s->opts.remote && s->opts.remote->url[0]) &&
        cd_audio_fuse_filled_pauses(s->opts.asr, s->pcm, s->n, &s->frames, &r->segments, &r->words,
                                    err) < 0) {
        cd_audio_report_free(r);
        return err ? (int)err->code : CD_EINTERNAL;
    }
    if (cd_audio_report_finish(r, s->pcm, s->n, &s->frames, s->opts.question_end_s) != 0) {
        cd_audio_report_free(r);
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    }
    return 0;
}
