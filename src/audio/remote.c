/* remote.c - OpenAI-compatible transcription client on libcurl. */
#include "audio/remote.h"

#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "media/audio_decode.h"

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void init_curl(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

int cd_audio_remote_from_env(cd_audio_remote_cfg *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->retries = -1;
    const char *url = getenv("CANDOR_ASR_URL"), *key = getenv("CANDOR_ASR_KEY");
    const char *model = getenv("CANDOR_ASR_MODEL");
    snprintf(cfg->url, sizeof cfg->url, "%s", url ? url : "");
    snprintf(cfg->api_key, sizeof cfg->api_key, "%s", key ? key : "");
    snprintf(cfg->model, sizeof cfg->model, "%s", model ? model : "");
    return url && *url ? 1 : 0;
}

static void put_le(unsigned char *p, unsigned v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

unsigned char *cd_audio_wav_encode(const float *pcm, size_t n, size_t *out_len)
{
    size_t data = n * 2;
    if (data > 0xffffffffu - 36)
        return NULL;
    unsigned char *w = malloc(44 + data);
    if (!w)
        return NULL;
    memcpy(w, "RIFF", 4);
    put_le(w + 4, (unsigned)(36 + data), 4);
    memcpy(w + 8, "WAVEfmt ", 8);
    put_le(w + 16, 16, 4);
    put_le(w + 20, 1, 2); /* PCM */
    put_le(w + 22, 1, 2); /* mono */
    put_le(w + 24, CD_AUDIO_RATE, 4);
    put_le(w + 28, CD_AUDIO_RATE * 2, 4);
    put_le(w + 32, 2, 2);
    put_le(w + 34, 16, 2);
    memcpy(w + 36, "data", 4);
    put_le(w + 40, (unsigned)data, 4);
    for (size_t i = 0; i < n; i++) {
        float v = pcm[i] * 32767.0f;
        int s = (int)(v > 32767.0f ? 32767 : v < -32768.0f ? -32768 : v);
        put_le(w + 44 + 2 * i, (unsigned)(s & 0xffff), 2);
    }
    *out_len = 44 + data;
    return w;
}

static size_t on_body(char *p, size_t size, size_t nmemb, void *ud)
{
    cd_buf *b = ud;
    return cd_buf_append(b, p, size * nmemb) == 0 ? size * nmemb : 0;
}

/* Appends the words of one JSON array of {word,start,end[,probability]}. */
static int parse_words(json_t *arr, cd_audio_words *out, cd_err *err)
{
    size_t i;
    json_t *w;
    json_array_foreach(arr, i, w)
    {
        json_t *text = json_object_get(w, "word"), *st = json_object_get(w, "start"),
               *en = json_object_get(w, "end"), *pr = json_object_get(w, "probability");
        if (!json_is_string(text) || !json_is_number(st) || !json_is_number(en) ||
            json_number_value(en) < json_number_value(st) || json_number_value(st) < 0)
            return cd_err_set(err, CD_EUNAVAILABLE, "asr",
                              "transcription service sent a malformed word entry");
        /* Providers include punctuation and leading spaces in words. */
        char clean[CD_AUDIO_WORD_MAX];
        size_t k = 0;
        for (const char *p = json_string_value(text); *p && k + 1 < sizeof clean; p++)
            if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '\'' ||
                (*p >= '0' && *p <= '9'))
                clean[k++] = *p;
        clean[k] = '\0';
        if (k == 0)
            continue;
        double conf = json_is_number(pr) ? json_number_value(pr) : 1.0;
        if (cd_audio_words_push(out, clean, json_number_value(st), json_number_value(en), conf) !=
            0)
            return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    }
    return 0;
}

/* Parses a verbose_json body into words: top-level "words" when present,
 * else the "words" inside each of "segments". A body with only "text" has
 * no timings and is rejected (the caller was promised per-word times). */
static int parse_response(const char *body, cd_audio_words *out, cd_err *err)
{
    json_error_t je;
    json_t *root = json_loads(body, 0, &je);
    if (!root || !json_is_object(root)) {
        json_decref(root);
        return cd_err_set(err, CD_EUNAVAILABLE, "asr", "transcription service sent malformed JSON");
    }
    size_t start_n = out->n;
    int rc = 0;
    json_t *words = json_object_get(root, "words"), *segs = json_object_get(root, "segments");
    if (json_is_array(words)) {
        rc = parse_words(words, out, err);
    } else if (json_is_array(segs) && json_array_size(segs) > 0) {
        size_t i;
        json_t *seg;
        json_array_foreach(segs, i, seg)
        {
            json_t *sw = json_object_get(seg, "words");
            if (!json_is_array(sw)) {
                rc = cd_err_set(err, CD_EUNAVAILABLE, "asr",
                                "transcription service returned no word timestamps");
                break;
            }
            if ((rc = parse_words(sw, out, err)) != 0)
                break;
        }
    } else if (json_is_string(json_object_get(root, "text")) &&
               json_string_length(json_object_get(root, "text")) == 0) {
        rc = 0; /* no speech: an empty transcript is a valid answer */
    } else {
        rc = cd_err_set(err, CD_EUNAVAILABLE, "asr",
                        "transcription service returned no word timestamps");
    }
    if (rc != 0)
        out->n = start_n;
    json_decref(root);
    return rc;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

int cd_audio_remote_transcribe(const cd_audio_remote_cfg *cfg, const float *pcm, size_t n,
                               const char *prompt, cd_audio_words *out, cd_err *err)
{
    if (!cfg || !cfg->url[0])
        return cd_err_set(err, CD_EINVAL, "asr_url", "no transcription service URL configured");
    if (strncmp(cfg->url, "http://", 7) != 0 && strncmp(cfg->url, "https://", 8) != 0)
        return cd_err_set(err, CD_EINVAL, "asr_url", "transcription URL must be http(s)");
    pthread_once(&curl_once, init_curl);
    size_t wav_len = 0;
    unsigned char *wav = cd_audio_wav_encode(pcm, n, &wav_len);
    if (!wav)
        return cd_err_set(err, CD_ETOOBIG, "audio", "audio too long to upload");
    char url[600];
    size_t ul = strlen(cfg->url);
    snprintf(url, sizeof url, "%.*s/v1/audio/transcriptions",
             (int)(cfg->url[ul - 1] == '/' ? ul - 1 : ul), cfg->url);
    char auth[300];
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", cfg->api_key);
    long timeout = cfg->timeout_ms > 0 ? cfg->timeout_ms : CD_AUDIO_REMOTE_TIMEOUT_MS;
    int retries = cfg->retries >= 0 ? cfg->retries : CD_AUDIO_REMOTE_RETRIES;
    long backoff = cfg->backoff_ms > 0 ? cfg->backoff_ms : CD_AUDIO_REMOTE_BACKOFF_MS;

    int status = CD_EUNAVAILABLE;
    cd_buf body;
    cd_buf_init(&body, CD_AUDIO_REMOTE_MAX_RESPONSE);
    for (int attempt = 0; attempt <= retries; attempt++) {
        if (attempt > 0)
            sleep_ms(backoff << (attempt - 1));
        cd_buf_reset(&body);
        CURL *c = curl_easy_init();
        if (!c) {
            status = cd_err_set(err, CD_EINTERNAL, NULL, "could not start an HTTP request");
            break;
        }
        curl_mime *mime = curl_mime_init(c);
        curl_mimepart *part = curl_mime_addpart(mime);
        curl_mime_name(part, "file");
        curl_mime_filename(part, "audio.wav");
        curl_mime_type(part, "audio/wav");
        curl_mime_data(part, (const char *)wav, wav_len);
        struct {
            const char *k, *v;
        } fields[] = {{"model", cfg->model[0] ? cfg->model : "whisper-1"},
                      {"response_format", "verbose_json"},
                      {"timestamp_granularities[]", "word"},
                      {"language", "en"},
                      {"prompt", prompt}};
        for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
            if (!fields[f].v || !*fields[f].v)
                continue;
            part = curl_mime_addpart(mime);
            curl_mime_name(part, fields[f].k);
            curl_mime_data(part, fields[f].v, CURL_ZERO_TERMINATED);
        }
        /* No "Expect: 100-continue" round trip before the upload. */
        struct curl_slist *hdr = curl_slist_append(NULL, "Expect:");
        if (cfg->api_key[0])
            hdr = curl_slist_append(hdr, auth);
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)CD_AUDIO_REMOTE_CONNECT_MS);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        CURLcode cc = curl_easy_perform(c);
        long http = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &http);
        curl_slist_free_all(hdr);
        curl_mime_free(mime);
        curl_easy_cleanup(c);
        if (cc == CURLE_OPERATION_TIMEDOUT) {
            status = cd_err_set(err, CD_ETIMEOUT, "asr",
                                "transcription service timed out after %ld ms", timeout);
            continue;
        }
        if (cc == CURLE_WRITE_ERROR) {
            status = cd_err_set(err, CD_EUNAVAILABLE, "asr", "transcription response is too large");
            break;
        }
        if (cc != CURLE_OK) {
            status = cd_err_set(err, CD_EUNAVAILABLE, "asr",
                                "transcription service unreachable: %s", curl_easy_strerror(cc));
            continue;
        }
        if (http == 429 || http >= 500) {
            status = cd_err_set(err, CD_EUNAVAILABLE, "asr",
                                "transcription service answered HTTP %ld", http);
            continue;
        }
        if (http == 401 || http == 403) {
            status =
                cd_err_set(err, CD_EAUTH, "asr_key", "transcription service rejected the API key");
            break;
        }
        if (http != 200) {
            status =
                cd_err_set(err, CD_EINVAL, "asr", "transcription service answered HTTP %ld", http);
            break;
        }
        status = parse_response(body.data ? body.data : "", out, err);
        break;
    }
    cd_buf_free(&body);
    free(wav);
    return status;
}
