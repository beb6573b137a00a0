/* remote.h - optional remote speech recognition over the OpenAI-compatible
 * `POST {url}/v1/audio/transcriptions` protocol (multipart upload of a WAV,
 * response_format=verbose_json, timestamp_granularities[]=word).
 *
 * Configured by URL + key (from the caller, or CANDOR_ASR_URL,
 * CANDOR_ASR_KEY, CANDOR_ASR_MODEL in the environment). Requests have a
 * connect and a total timeout; transport errors, 429 and 5xx are retried with
 * exponential backoff; other 4xx and malformed responses fail at once with a
 * clear error. The key is never logged.
 *
 * Threads: any thread; no shared state beyond libcurl's global init, which
 * the caller's process does once (curl_global_init is called lazily here
 * under pthread_once). */
#ifndef CANDOR_AUDIO_REMOTE_H
#define CANDOR_AUDIO_REMOTE_H

#include <stddef.h>

#include "audio/types.h"
#include "base/err.h"

#define CD_AUDIO_REMOTE_TIMEOUT_MS 60000
#define CD_AUDIO_REMOTE_CONNECT_MS 5000
#define CD_AUDIO_REMOTE_RETRIES 2
#define CD_AUDIO_REMOTE_BACKOFF_MS 500
#define CD_AUDIO_REMOTE_MAX_RESPONSE (8 * 1024 * 1024)

typedef struct cd_audio_remote_cfg {
    char url[512];     /* base URL, e.g. https://api.example.com (no trailing path) */
    char api_key[256]; /* sent as "Authorization: Bearer"; may be empty */
    char model[64];    /* default "whisper-1" */
    long timeout_ms;   /* 0 = CD_AUDIO_REMOTE_TIMEOUT_MS */
    int retries;       /* < 0 = CD_AUDIO_REMOTE_RETRIES */
    long backoff_ms;   /* first retry delay; 0 = CD_AUDIO_REMOTE_BACKOFF_MS */
} cd_audio_remote_cfg;

/* Fills cfg from the environment; returns 1 when CANDOR_ASR_URL is set. */
int cd_audio_remote_from_env(cd_audio_remote_cfg *cfg);

/* Uploads pcm (16 kHz mono float) and appends the words with their times.
 * prompt (may be NULL) is sent as the provider's biasing prompt. Errors:
 * CD_ETIMEOUT, CD_EUNAVAILABLE (transport, 5xx, malformed), CD_EAUTH (401/403),
 * CD_EINVAL (other 4xx). */
int cd_audio_remote_transcribe(const cd_audio_remote_cfg *cfg, const float *pcm, size_t n,
                               const char *prompt, cd_audio_words *out, cd_err *err);

/* Encodes 16 kHz mono float as a 16-bit PCM WAV file in memory (malloc'd). */
unsigned char *cd_audio_wav_encode(const float *pcm, size_t n, size_t *out_len);

#endif
