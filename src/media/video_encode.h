/* video_encode.h - writing RGB frames out: a video file (overlay MP4/MKV)
 * and a single PNG picture.
 *
 * Owns: the FFmpeg encoder and muxer state of a cd_video_writer (free with
 * cd_video_writer_close, which also finishes the file).
 * Threads: one writer per thread; no shared state. */
#ifndef CANDOR_MEDIA_VIDEO_ENCODE_H
#define CANDOR_MEDIA_VIDEO_ENCODE_H

#include "base/err.h"
#include "media/image_rgb.h"

typedef struct cd_video_writer cd_video_writer;

/* Opens `path` (container from its extension: .mp4, .mkv, .avi, .webm);
 * codec: libx264 when FFmpeg has it, else MPEG-4 part 2. Frames must all be
 * width x height; fps is the output frame rate. */
cd_video_writer *cd_video_writer_open(const char *path, int width, int height, double fps,
                                      cd_err *err);
/* Writes a frame shown at time t (seconds from start, increasing). */
int cd_video_writer_add(cd_video_writer *w, const cd_rgb_image *frame, double t, cd_err *err);
/* Flushes, writes the trailer and frees; returns the first error if any. */
int cd_video_writer_close(cd_video_writer *w, cd_err *err);

/* Encodes img as PNG into `path` (written atomically). */
int cd_image_write_png(const char *path, const cd_rgb_image *img, cd_err *err);

#endif
