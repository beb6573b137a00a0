/* audio_decode.h - decoding uploaded recordings into 16 kHz mono float PCM.
 *
 * Owns: the FFmpeg demux/decode/resample front end for audio (WebM/Opus,
 * Ogg/Opus, WAV, MP3, M4A/AAC, the audio track of MP4/WebM video). Every
 * analysis in src/audio works on the one format produced here, so the rest of
 * the code never sees sample formats, channel layouts or container quirks.
 *
 * Limits are explicit: input bytes and decoded duration are capped, and the
 * caller may lower both. Hostile input (truncated, not audio, huge) gives a
 * cd_err naming the problem; nothing here aborts.
 *
 * Memory: *out_pcm is malloc'd; the caller free()s it.
 * Threads: any thread may call; no shared state (FFmpeg logging is silenced
 * once, process-wide, on first use). */
#ifndef CANDOR_MEDIA_AUDIO_DECODE_H
#define CANDOR_MEDIA_AUDIO_DECODE_H

#include <stddef.h>
#include "base/err.h"

#define CD_AUDIO_RATE 16000                           /* output sample rate */
#define CD_AUDIO_MAX_INPUT_BYTES (256u * 1024 * 1024) /* default upload cap */
#define CD_AUDIO_MAX_SECONDS (30 * 60)                /* default duration cap */

typedef struct cd_audio_limits {
    size_t max_input_bytes; /* 0 = CD_AUDIO_MAX_INPUT_BYTES */
    double max_seconds;     /* 0 = CD_AUDIO_MAX_SECONDS */
} cd_audio_limits;

typedef struct cd_audio_info {
    char container[32]; /* FFmpeg demuxer name, e.g. "matroska,webm" */
    char codec[32];     /* e.g. "opus" */
    int source_rate;
    int source_channels;
    double seconds; /* decoded duration at 16 kHz */
} cd_audio_info;

/* Decodes an in-memory file. limits and info may be NULL. Errors:
 * CD_EINVAL empty input, CD_EUNSUPPORTED not a recognised audio file or no
 * audio track, CD_ETOOBIG over a limit, CD_EUNPROCESSABLE undecodable. */
int cd_audio_decode_mem(const void *data, size_t len, const cd_audio_limits *limits,
                        float **out_pcm, size_t *out_n, cd_audio_info *info, cd_err *err);

/* Reads the file (within the byte limit) and decodes it as above. */
int cd_audio_decode_file(const char *path, const cd_audio_limits *limits, float **out_pcm,
                         size_t *out_n, cd_audio_info *info, cd_err *err);

/* Converts interleaved signed 16-bit PCM at `rate` Hz with `channels`
 * channels into 16 kHz mono float (for live streams that send raw PCM). */
int cd_audio_from_s16(const short *pcm, size_t frames, int rate, int channels, float **out_pcm,
                      size_t *out_n, cd_err *err);

#endif
