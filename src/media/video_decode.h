/* video_decode.h - decoding video files and still images into RGB frames.
 *
 * Owns: the FFmpeg demux/decode/scale front end for pictures (WebM VP8/VP9,
 * MP4 H.264, MKV, AVI, and still JPEG/PNG, which FFmpeg treats as one-frame
 * videos). Vision code only ever sees cd_rgb_image frames with timestamps.
 *
 * Limits are explicit and checked before allocating: input bytes, frame
 * size (pixels and sides), duration and number of decoded frames. Hostile
 * input gives a cd_err naming the problem, never a crash.
 *
 * Memory: a cd_video_reader owns its FFmpeg state and its input copy (for
 * memory input); free it with cd_video_close(). Frames handed out by
 * cd_video_read() are written into a caller-owned cd_rgb_image.
 * Threads: one reader per thread; readers share nothing. */
#ifndef CANDOR_MEDIA_VIDEO_DECODE_H
#define CANDOR_MEDIA_VIDEO_DECODE_H

#include <stddef.h>
#include "base/err.h"
#include "media/image_rgb.h"

#define CD_VIDEO_MAX_INPUT_BYTES (2048ull * 1024 * 1024) /* 2 GiB */
#define CD_VIDEO_MAX_SECONDS (3.0 * 60 * 60)             /* 3 hours */
#define CD_VIDEO_MAX_FRAMES 2000000                      /* decoded, incl. skipped */

typedef struct cd_video_limits {
    size_t max_input_bytes; /* 0 = CD_VIDEO_MAX_INPUT_BYTES */
    double max_seconds;     /* 0 = CD_VIDEO_MAX_SECONDS */
    long long max_pixels;   /* 0 = CD_IMAGE_MAX_PIXELS (per frame) */
} cd_video_limits;

typedef struct cd_video_info {
    char container[32]; /* FFmpeg demuxer name, e.g. "matroska,webm" */
    char codec[32];     /* e.g. "vp8", "h264", "png" */
    int width;
    int height;
    double fps;      /* nominal frame rate, 0 if unknown (stills) */
    double duration; /* seconds, 0 if unknown */
} cd_video_info;

typedef struct cd_video_reader cd_video_reader;

/* Opens a file / an in-memory copy. limits may be NULL. Errors: CD_ENOTFOUND
 * no such file, CD_EINVAL empty, CD_EUNSUPPORTED not a picture or video,
 * CD_ETOOBIG over a limit. */
cd_video_reader *cd_video_open_file(const char *path, const cd_video_limits *limits, cd_err *err);
cd_video_reader *cd_video_open_mem(const void *data, size_t len, const cd_video_limits *limits,
                                   cd_err *err);
const cd_video_info *cd_video_get_info(const cd_video_reader *r);

/* Decodes the next frame due on a grid of `min_interval` seconds (0 =
 * every frame; a frame within a quarter interval of its slot counts),
 * converts it to RGB into *out (reallocated as needed) and its presentation time in seconds into
 * *t. Returns 1 for a frame, 0 at the end of the stream, a negative cd_errcode on error (corrupt
 * stream, frame over the limits, duration over the limit). */
int cd_video_read(cd_video_reader *r, double min_interval, cd_rgb_image *out, double *t,
                  cd_err *err);
void cd_video_close(cd_video_reader *r);

/* Convenience for stills: first frame of a file / of memory. */
int cd_image_load_file(const char *path, cd_rgb_image *out, cd_err *err);
int cd_image_load_mem(const void *data, size_t len, cd_rgb_image *out, cd_err *err);

#endif
