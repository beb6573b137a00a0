/* video_decode.c - FFmpeg front end for pictures: demux, decode, convert
 * to RGB24, with every size checked against explicit limits first.
 *
 * Files and memory buffers both go through a custom AVIOContext, so the
 * container is always chosen by probing the bytes (never by file name: an
 * image2 path with '%' in it would otherwise be read as a pattern). */
#include "media/video_decode.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libswscale/swscale.h>

#define IO_BUFFER_SIZE 65536

struct cd_video_reader {
    /* input: either a file or a private copy of the caller's bytes */
    FILE *file;
    unsigned char *mem;
    size_t mem_len, mem_pos;

    AVIOContext *io;
    AVFormatContext *fmt;
    AVCodecContext *dec;
    struct SwsContext *sws;
    AVPacket *pkt;
    AVFrame *frame;
    int stream;
    double time_base;
    double max_seconds;
    long long max_pixels;
    long long frames_decoded;
    int draining; /* sent the flush packet */
    int finished;
    double last_t;   /* time of the last frame returned, -inf before */
    double next_due; /* sampling grid: time the next frame is wanted */
    cd_video_info info;
};

static int io_read(void *opaque, uint8_t *buf, int size)
{
    cd_video_reader *r = opaque;
    if (r->file) {
        size_t n = fread(buf, 1, (size_t)size, r->file);
        return n > 0 ? (int)n : AVERROR_EOF;
    }
    size_t left = r->mem_len - r->mem_pos;
    size_t n = (size_t)size < left ? (size_t)size : left;
    if (n == 0)
        return AVERROR_EOF;
    memcpy(buf, r->mem + r->mem_pos, n);
    r->mem_pos += n;
    return (int)n;
}

static int64_t io_seek(void *opaque, int64_t offset, int whence)
{
    cd_video_reader *r = opaque;
    int64_t size = r->file ? -1 : (int64_t)r->mem_len;
    if (r->file) {
        long cur = ftell(r->file);
        if (fseek(r->file, 0, SEEK_END) != 0)
            return -1;
        size = ftell(r->file);
        if (fseek(r->file, cur, SEEK_SET) != 0)
            return -1;
    }
    if (whence & AVSEEK_SIZE)
        return size;
    whence &= ~AVSEEK_FORCE;
    int64_t pos;
    if (whence == SEEK_SET)
        pos = offset;
    else if (whence == SEEK_CUR)
        pos = (r->file ? ftell(r->file) : (int64_t)r->mem_pos) + offset;
    else if (whence == SEEK_END)
        pos = size + offset;
    else
        return -1;
    if (pos < 0 || pos > size)
        return -1;
    if (r->file)
        return fseek(r->file, (long)pos, SEEK_SET) == 0 ? pos : -1;
    r->mem_pos = (size_t)pos;
    return pos;
}

static void quiet_ffmpeg_once(void)
{
    /* Corrupt uploads make FFmpeg print pages of warnings; our errors carry
     * the message the user needs. */
    static int done;
    if (!done) {
        av_log_set_level(AV_LOG_QUIET);
        done = 1;
    }
}

static int check_size(const cd_video_reader *r, int w, int h, cd_err *err)
{
    if (w <= 0 || h <= 0)
        return cd_err_set(err, CD_EUNPROCESSABLE, "video", "picture has no size (%dx%d)", w, h);
    if (w > CD_IMAGE_MAX_SIDE || h > CD_IMAGE_MAX_SIDE || (long long)w * h > r->max_pixels)
        return cd_err_set(err, CD_ETOOBIG, "video",
                          "picture is %dx%d; the limit is %d pixels a side and %lld pixels", w, h,
                          CD_IMAGE_MAX_SIDE, r->max_pixels);
    return 0;
}

static int open_streams(cd_video_reader *r, cd_err *err)
{
    unsigned char *iobuf = av_malloc(IO_BUFFER_SIZE);
    if (!iobuf)
        return cd_err_set(err, CD_EINTERNAL, "video", "out of memory");
    r->io = avio_alloc_context(iobuf, IO_BUFFER_SIZE, 0, r, io_read, NULL, io_seek);
    if (!r->io) {
        av_free(iobuf);
        return cd_err_set(err, CD_EINTERNAL, "video", "out of memory");
    }
    r->fmt = avformat_alloc_context();
    if (!r->fmt)
        return cd_err_set(err, CD_EINTERNAL, "video", "out of memory");
    r->fmt->pb = r->io;
    r->fmt->flags |= AVFMT_FLAG_CUSTOM_IO;
    if (avformat_open_input(&r->fmt, NULL, NULL, NULL) < 0) {
        r->fmt = NULL; /* freed by FFmpeg on failure */
        return cd_err_set(err, CD_EUNSUPPORTED, "video", "not a recognised picture or video file");
    }
    if (avformat_find_stream_info(r->fmt, NULL) < 0)
        return cd_err_set(err, CD_EUNSUPPORTED, "video", "could not read the stream layout");
    const AVCodec *codec = NULL;
    r->stream = av_find_best_stream(r->fmt, AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
    if (r->stream < 0 || !codec)
        return cd_err_set(err, CD_EUNSUPPORTED, "video", "the file has no decodable picture");
    AVStream *st = r->fmt->streams[r->stream];
    int rc = check_size(r, st->codecpar->width, st->codecpar->height, err);
    if (rc)
        return rc;
    double duration = 0;
    if (st->duration != AV_NOPTS_VALUE && st->duration > 0)
        duration = (double)st->duration * av_q2d(st->time_base);
    else if (r->fmt->duration != AV_NOPTS_VALUE && r->fmt->duration > 0)
        duration = (double)r->fmt->duration / AV_TIME_BASE;
    if (duration > r->max_seconds)
        return cd_err_set(err, CD_ETOOBIG, "video", "video lasts %.0f s; the limit is %.0f s",
                          duration, r->max_seconds);
    r->dec = avcodec_alloc_context3(codec);
    if (!r->dec || avcodec_parameters_to_context(r->dec, st->codecpar) < 0)
        return cd_err_set(err, CD_EINTERNAL, "video", "could not set up the decoder");
    r->dec->thread_count = 1; /* analysis runs one stream per worker */
    if (avcodec_open2(r->dec, codec, NULL) < 0)
        return cd_err_set(err, CD_EUNSUPPORTED, "video", "could not open the %s decoder",
                          codec->name);
    r->pkt = av_packet_alloc();
    r->frame = av_frame_alloc();
    if (!r->pkt || !r->frame)
        return cd_err_set(err, CD_EINTERNAL, "video", "out of memory");
    r->time_base = av_q2d(st->time_base);
    snprintf(r->info.container, sizeof r->info.container, "%s", r->fmt->iformat->name);
    snprintf(r->info.codec, sizeof r->info.codec, "%s", codec->name);
    r->info.width = st->codecpar->width;
    r->info.height = st->codecpar->height;
    AVRational fr = av_guess_frame_rate(r->fmt, st, NULL);
    r->info.fps = fr.num > 0 && fr.den > 0 ? av_q2d(fr) : 0;
    if (r->info.fps > 1000)
        r->info.fps = 0;
    r->info.duration = duration;
    r->last_t = -INFINITY;
    return 0;
}

static cd_video_reader *reader_new(const cd_video_limits *limits)
{
    quiet_ffmpeg_once();
    cd_video_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->max_seconds = limits && limits->max_seconds > 0 ? limits->max_seconds : CD_VIDEO_MAX_SECONDS;
    r->max_pixels = limits && limits->max_pixels > 0 ? limits->max_pixels : CD_IMAGE_MAX_PIXELS;
    return r;
}

static size_t max_bytes(const cd_video_limits *limits)
{
    return limits && limits->max_input_bytes ? limits->max_input_bytes
                                             : (size_t)CD_VIDEO_MAX_INPUT_BYTES;
}

cd_video_reader *cd_video_open_file(const char *path, const cd_video_limits *limits, cd_err *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        cd_err_set(err, errno == ENOENT ? CD_ENOTFOUND : CD_EIO, "file", "cannot open %s: %s", path,
                   strerror(errno));
        return NULL;
    }
    if (!S_ISREG(sb.st_mode)) {
        cd_err_set(err, CD_EINVAL, "file", "%s is not a regular file", path);
        return NULL;
    }
    if (sb.st_size == 0) {
        cd_err_set(err, CD_EINVAL, "file", "%s is empty", path);
        return NULL;
    }
    if ((unsigned long long)sb.st_size > max_bytes(limits)) {
        cd_err_set(err, CD_ETOOBIG, "file", "%s is %lld bytes; the limit is %zu", path,
                   (long long)sb.st_size, max_bytes(limits));
        return NULL;
    }
    cd_video_reader *r = reader_new(limits);
    if (!r) {
        cd_err_set(err, CD_EINTERNAL, "video", "out of memory");
        return NULL;
    }
    r->file = fopen(path, "rb");
    if (!r->file) {
        cd_err_set(err, CD_EIO, "file", "cannot open %s: %s", path, strerror(errno));
        cd_video_close(r);
        return NULL;
    }
    if (open_streams(r, err)) {
        cd_video_close(r);
        return NULL;
    }
    return r;
}

cd_video_reader *cd_video_open_mem(const void *data, size_t len, const cd_video_limits *limits,
                                   cd_err *err)
{
    if (!data || len == 0) {
        cd_err_set(err, CD_EINVAL, "video", "input is empty");
        return NULL;
    }
    if (len > max_bytes(limits)) {
        cd_err_set(err, CD_ETOOBIG, "video", "input is %zu bytes; the limit is %zu", len,
                   max_bytes(limits));
        return NULL;
    }
    cd_video_reader *r = reader_new(limits);
    if (r)
        r->mem = malloc(len);
    if (!r || !r->mem) {
        cd_err_set(err, CD_EINTERNAL, "video", "out of memory");
        cd_video_close(r);
        return NULL;
    }
    memcpy(r->mem, data, len);
    r->mem_len = len;
    if (open_streams(r, err)) {
        cd_video_close(r);
        return NULL;
    }
    return r;
}

const cd_video_info *cd_video_get_info(const cd_video_reader *r)
{
    return &r->info;
}

/* Pulls one decoded frame into r->frame: 1 got one, 0 end, <0 error. */
static int decode_one(cd_video_reader *r, cd_err *err)
{
    for (;;) {
        int rc = avcodec_receive_frame(r->dec, r->frame);
        if (rc == 0)
            return 1;
        if (rc == AVERROR_EOF)
            return 0;
        if (rc != AVERROR(EAGAIN))
            return -cd_err_set(err, CD_EUNPROCESSABLE, "video", "the video stream is corrupt");
        if (r->draining)
            return 0;
        rc = av_read_frame(r->fmt, r->pkt);
        if (rc < 0) {
            /* end of input (or unreadable tail): flush what is buffered */
            r->draining = 1;
            avcodec_send_packet(r->dec, NULL);
            continue;
        }
        if (r->pkt->stream_index == r->stream) {
            rc = avcodec_send_packet(r->dec, r->pkt);
            /* a damaged packet is skipped, as players do; a stream that
             * never yields a frame ends with zero frames */
            (void)rc;
        }
        av_packet_unref(r->pkt);
    }
}

int cd_video_read(cd_video_reader *r, double min_interval, cd_rgb_image *out, double *t,
                  cd_err *err)
{
    if (r->finished)
        return 0;
    for (;;) {
        int rc = decode_one(r, err);
        if (rc <= 0) {
            r->finished = 1;
            return rc;
        }
        if (++r->frames_decoded > CD_VIDEO_MAX_FRAMES) {
            r->finished = 1;
            return -cd_err_set(err, CD_ETOOBIG, "video", "video has more than %d frames",
                               CD_VIDEO_MAX_FRAMES);
        }
        int64_t ts = r->frame->best_effort_timestamp;
        double when;
        if (ts != AV_NOPTS_VALUE)
            when = (double)ts * r->time_base;
        else if (r->info.fps > 0)
            when = (double)(r->frames_decoded - 1) / r->info.fps;
        else
            when = 0;
        if (!isfinite(when))
            when = 0;
        if (when > r->max_seconds) {
            r->finished = 1;
            av_frame_unref(r->frame);
            return -cd_err_set(err, CD_ETOOBIG, "video", "video runs past the %.0f s limit",
                               r->max_seconds);
        }
        /* sample on a fixed grid of min_interval, so 10 fps from a 25 fps
         * source gives 10 frames a second, not every third frame (8.3) */
        if (r->last_t != -INFINITY && when < r->next_due - 0.25 * min_interval) {
            av_frame_unref(r->frame);
            continue;
        }
        r->next_due = (r->last_t == -INFINITY ? when : r->next_due) + min_interval;
        if (r->next_due <= when)
            r->next_due = when + min_interval;
        int w = r->frame->width, h = r->frame->height;
        rc = check_size(r, w, h, err);
        if (rc) {
            av_frame_unref(r->frame);
            r->finished = 1;
            return -rc;
        }
        if (out->width != w || out->height != h || !out->pixels) {
            cd_rgb_image_free(out);
            rc = cd_rgb_image_alloc(out, w, h, err);
            if (rc) {
                av_frame_unref(r->frame);
                return -rc;
            }
        }
        r->sws = sws_getCachedContext(r->sws, w, h, r->frame->format, w, h, AV_PIX_FMT_RGB24,
                                      SWS_BILINEAR, NULL, NULL, NULL);
        if (!r->sws) {
            av_frame_unref(r->frame);
            r->finished = 1;
            return -cd_err_set(err, CD_EUNSUPPORTED, "video", "unsupported pixel format");
        }
        uint8_t *dst[4] = {out->pixels, NULL, NULL, NULL};
        int dst_stride[4] = {out->stride, 0, 0, 0};
        sws_scale(r->sws, (const uint8_t *const *)r->frame->data, r->frame->linesize, 0, h, dst,
                  dst_stride);
        av_frame_unref(r->frame);
        r->last_t = when;
        *t = when;
        return 1;
    }
}

void cd_video_close(cd_video_reader *r)
{
    if (!r)
        return;
    sws_freeContext(r->sws);
    av_frame_free(&r->frame);
    av_packet_free(&r->pkt);
    avcodec_free_context(&r->dec);
    if (r->fmt)
        avformat_close_input(&r->fmt);
    if (r->io) {
        av_freep(&r->io->buffer);
        avio_context_free(&r->io);
    }
    if (r->file)
        fclose(r->file);
    free(r->mem);
    free(r);
}

static int first_frame(cd_video_reader *r, cd_rgb_image *out, cd_err *err)
{
    double t;
    int rc = cd_video_read(r, 0, out, &t, err);
    cd_video_close(r);
    if (rc == 0)
        return cd_err_set(err, CD_EUNPROCESSABLE, "image", "the file holds no decodable picture");
    return rc < 0 ? -rc : 0;
}

int cd_image_load_file(const char *path, cd_rgb_image *out, cd_err *err)
{
    cd_video_reader *r = cd_video_open_file(path, NULL, err);
    if (!r)
        return err ? err->code : CD_EINVAL;
    return first_frame(r, out, err);
}

int cd_image_load_mem(const void *data, size_t len, cd_rgb_image *out, cd_err *err)
{
    cd_video_reader *r = cd_video_open_mem(data, len, NULL, err);
    if (!r)
        return err ? err->code : CD_EINVAL;
    return first_frame(r, out, err);
}
