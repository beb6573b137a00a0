/* report_json.c - the analysis report and transcripts as documents:
 * JSON (jansson), plain text, WebVTT and SubRip. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "audio/audio.h"
#include "base/buf.h"

#define CUE_MAX_WORDS 12 /* subtitle cue length */
#define CUE_MAX_S 5.0

static json_t *num(double v, int decimals)
{
    double p = pow(10, decimals);
    if (!isfinite(v))
        return json_null();
    return json_real(round(v * p) / p);
}

static json_t *words_json(const cd_audio_words *w)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < w->n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:o, s:o, s:o, s:b}", "word", w->v[i].text,
                                             "start", num(w->v[i].start, 2), "end",
                                             num(w->v[i].end, 2), "conf", num(w->v[i].conf, 3),
                                             "filler", cd_audio_is_vocal_filler(w->v[i].text)));
    return arr;
}

static char *plain_text(const cd_audio_words *w)
{
    cd_buf b;
    cd_buf_init(&b, 0);
    for (size_t i = 0; i < w->n; i++)
        cd_buf_printf(&b, "%s%s", i ? " " : "", w->v[i].text);
    char *s = cd_buf_steal(&b, NULL);
    cd_buf_free(&b);
    return s ? s : strdup("");
}

char *cd_audio_report_json(const cd_audio_report *r)
{
    const cd_audio_metrics *m = &r->m;
    const cd_audio_loudness *l = &m->loudness;
    const cd_audio_pitch_stats *p = &m->pitch;
    char *text = plain_text(&r->words);
    json_t *root = json_object();
    json_object_set_new(root, "transcript",
                        json_pack("{s:s, s:s, s:o}", "engine",
                                  r->asr_engine ? r->asr_engine : "none", "text", text ? text : "",
                                  "words", words_json(&r->words)));
    free(text);
    json_t *metrics = json_object();
    json_object_set_new(metrics, "duration_s", num(m->duration_s, 2));
    json_object_set_new(metrics, "speech_s", num(m->speech_s, 2));
    json_object_set_new(metrics, "noise_s", num(m->noise_s, 2));
    json_object_set_new(metrics, "time_to_first_word_s",
                        m->first_word_s >= 0 ? num(m->first_word_s, 2) : json_null());
    json_object_set_new(metrics, "pauses",
                        json_pack("{s:I, s:I, s:o, s:o, s:o}", "count", (json_int_t)m->pauses,
                                  "long", (json_int_t)m->long_pauses, "total_s",
                                  num(m->pause_total_s, 2), "mean_s", num(m->pause_mean_s, 2),
                                  "max_s", num(m->pause_max_s, 2)));
    json_object_set_new(metrics, "loudness",
                        json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "rms_dbfs",
                                  num(l->rms_dbfs, 1), "peak_dbfs", num(l->peak_dbfs, 1), "lufs",
                                  num(l->lufs, 1), "variation_db", num(l->variation_db, 1),
                                  "clipped_fraction", num(l->clipped_fraction, 5), "noise_dbfs",
                                  num(l->noise_dbfs, 1), "speech_dbfs", num(l->speech_dbfs, 1),
                                  "snr_db", num(l->snr_db, 1)));
    json_object_set_new(metrics, "pitch",
                        json_pack("{s:o, s:o, s:o, s:o, s:o, s:b, s:I}", "median_hz",
                                  num(p->median_hz, 1), "p5_hz", num(p->p5_hz, 1), "p95_hz",
                                  num(p->p95_hz, 1), "range_st", num(p->range_st, 2), "std_st",
                                  num(p->std_st, 2), "monotone", p->monotone, "voiced_frames",
                                  (json_int_t)p->voiced_frames));
    json_object_set_new(metrics, "rate",
                        json_pack("{s:I, s:o, s:o, s:o, s:I, s:o}", "words", (json_int_t)m->words,
                                  "wpm", num(m->wpm, 1), "wpm_transcript",
                                  num(m->wpm_transcript, 1), "wpm_acoustic",
                                  num(m->wpm_acoustic, 1), "syllables", (json_int_t)m->syllables,
                                  "articulation_rate_syl_s", num(m->articulation_rate, 2)));
    json_object_set_new(
        metrics, "fillers",
        json_pack("{s:I, s:I, s:I, s:I, s:o}", "vocal", (json_int_t)m->fillers.vocal, "lexical",
                  (json_int_t)m->fillers.lexical, "repetitions", (json_int_t)m->fillers.repetitions,
                  "restarts", (json_int_t)m->fillers.restarts, "per_minute",
                  num(m->fillers_per_min, 2)));
    json_object_set_new(metrics, "second_voice_s", num(m->second_voice_s, 1));
    json_object_set_new(metrics, "timings",
                        json_pack("{s:o, s:o, s:o}", "decode_s", num(m->t_decode_s, 4),
                                  "acoustic_s", num(m->t_acoustic_s, 4), "asr_s",
                                  num(m->t_asr_s, 4)));
    json_object_set_new(root, "metrics", metrics);
    json_t *energy = json_array();
    for (size_t i = 0; i < r->n_energy; i++)
        json_array_append_new(energy, num(r->energy_db[i], 1));
    json_object_set_new(root, "energy_db_per_second", energy);
    json_t *segs = json_array();
    for (size_t i = 0; i < r->segments.n; i++)
        json_array_append_new(segs, json_pack("{s:s, s:o, s:o}", "kind",
                                              r->segments.v[i].speech ? "speech" : "noise", "start",
                                              num(r->segments.v[i].start, 2), "end",
                                              num(r->segments.v[i].end, 2)));
    json_object_set_new(root, "segments", segs);
    json_t *ev = json_array();
    for (size_t i = 0; i < r->events.n; i++)
        json_array_append_new(ev, json_pack("{s:s, s:o, s:o, s:s}", "kind", r->events.v[i].kind,
                                            "start", num(r->events.v[i].start, 2), "end",
                                            num(r->events.v[i].end, 2), "detail",
                                            r->events.v[i].detail));
    json_object_set_new(root, "evidence", ev);
    char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    json_decref(root);
    return s;
}

int cd_transcript_format_parse(const char *s)
{
    static const char *const names[] = {"txt", "json", "vtt", "srt"};
    for (int i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

static void timestamp(cd_buf *b, double t, char frac_sep)
{
    long ms = (long)llround(t * 1000);
    cd_buf_printf(b, "%02ld:%02ld:%02ld%c%03ld", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60,
                  frac_sep, ms % 1000);
}

char *cd_audio_transcript_render(const cd_audio_words *w, cd_transcript_format fmt)
{
    if (fmt == CD_TRANSCRIPT_TXT) {
        char *t = plain_text(w);
        size_t n = t ? strlen(t) : 0;
        char *s = t ? realloc(t, n + 2) : NULL;
        if (s) {
            s[n] = '\n';
            s[n + 1] = '\0';
        }
        return s;
    }
    if (fmt == CD_TRANSCRIPT_JSON) {
        char *text = plain_text(w);
        json_t *root = json_pack("{s:s, s:o}", "text", text ? text : "", "words", words_json(w));
        free(text);
        char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
        json_decref(root);
        return s;
    }
    cd_buf b;
    cd_buf_init(&b, 0);
    bool vtt = fmt == CD_TRANSCRIPT_VTT;
    if (vtt)
        cd_buf_puts(&b, "WEBVTT\n\n");
    size_t cue = 0, i = 0;
    while (i < w->n) {
        size_t j = i;
        while (j < w->n && j - i < CUE_MAX_WORDS && w->v[j].end - w->v[i].start <= CUE_MAX_S)
            j++;
        if (j == i)
            j = i + 1;
        cd_buf_printf(&b, "%zu\n", ++cue);
        timestamp(&b, w->v[i].start, vtt ? '.' : ',');
        cd_buf_puts(&b, " --> ");
        timestamp(&b, w->v[j - 1].end, vtt ? '.' : ',');
        cd_buf_puts(&b, "\n");
        for (size_t k = i; k < j; k++)
            cd_buf_printf(&b, "%s%s", k > i ? " " : "", w->v[k].text);
        cd_buf_puts(&b, "\n\n");
        i = j;
    }
    if (!b.data)
        cd_buf_puts(&b, "");
    char *s = cd_buf_steal(&b, NULL);
    cd_buf_free(&b);
    return s;
}
