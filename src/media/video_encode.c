/* video_encode.c - FFmpeg encoders for overlay output (video and PNG). */
#include "media/video_encode.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>

#include "base/fs.h"

/* Time base of the output stream: milliseconds, so frames sampled at any
 * rate keep their real timestamps. */
#define WRITER_TB_DEN 1000

struct cd_video_writer {
    AVFormatContext *fmt;
    AVCodecContext *enc;
    AVStream *st;
    struct SwsContext *sws;
    AVFrame *frame;
    AVPacket *pkt;
    int width, height;
    int64_t last_pts;
    int header_written;
};

static int drain(cd_video_writer *w, cd_err *err)
{
    for (;;) {
        int rc = avcodec_receive_packet(w->enc, w->pkt);
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
            return 0;
        if (rc < 0)
            return cd_err_set(err, CD_EINTERNAL, "overlay", "video encoder failed");
        av_packet_rescale_ts(w->pkt, w->enc->time_base, w->st->time_base);
        w->pkt->stream_index = w->st->index;
        rc = av_interleaved_write_frame(w->fmt, w->pkt);
        av_packet_unref(w->pkt);
        if (rc < 0)
            return cd_err_set(err, CD_EIO, "overlay", "could not write the video file");
    }
}

static void writer_free(cd_video_writer *w)
{
    if (!w)
        return;
    sws_freeContext(w->sws);
    av_frame_free(&w->frame);
    av_packet_free(&w->pkt);
    avcodec_free_context(&w->enc);
    if (w->fmt) {
        if (w->fmt->pb)
            avio_closep(&w->fmt->pb);
        avformat_free_context(w->fmt);
    }
    free(w);
}

cd_video_writer *cd_video_writer_open(const char *path, int width, int height, double fps,
                                      cd_err *err)
{
    cd_video_writer *w = calloc(1, sizeof *w);
    if (!w) {
        cd_err_set(err, CD_EINTERNAL, "overlay", "out of memory");
        return NULL;
    }
    /* even sizes: the encoders need 4:2:0 chroma */
    w->width = width & ~1;
    w->height = height & ~1;
    w->last_pts = -1;
    if (w->width < 2 || w->height < 2)
        goto bad_size;
    if (avformat_alloc_output_context2(&w->fmt, NULL, NULL, path) < 0 || !w->fmt) {
        cd_err_set(err, CD_EUNSUPPORTED, "overlay",
                   "cannot tell the video format from the name %s (use .mp4 or .mkv)", path);
        goto fail;
    }
    const AVCodec *codec = avcodec_find_encoder_by_name("libx264");
    if (!codec)
        codec = avcodec_find_encoder(AV_CODEC_ID_MPEG4);
    if (!codec) {
        cd_err_set(err, CD_EUNSUPPORTED, "overlay", "no H.264 or MPEG-4 encoder available");
        goto fail;
    }
    w->st = avformat_new_stream(w->fmt, NULL);
    w->enc = avcodec_alloc_context3(codec);
    w->frame = av_frame_alloc();
    w->pkt = av_packet_alloc();
    if (!w->st || !w->enc || !w->frame || !w->pkt) {
        cd_err_set(err, CD_EINTERNAL, "overlay", "out of memory");
        goto fail;
    }
    w->enc->width = w->width;
    w->enc->height = w->height;
    w->enc->pix_fmt = AV_PIX_FMT_YUV420P;
    w->enc->time_base = (AVRational){1, WRITER_TB_DEN};
    w->enc->framerate = (AVRational){(int)lround(fps > 0 ? fps : 10), 1};
    w->enc->gop_size = 50;
    w->enc->thread_count = 1;
    if (codec->id == AV_CODEC_ID_MPEG4)
        w->enc->bit_rate = 2000000;
    if (w->fmt->oformat->flags & AVFMT_GLOBALHEADER)
        w->enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    AVDictionary *opts = NULL;
    if (strcmp(codec->name, "libx264") == 0) {
        av_dict_set(&opts, "preset", "veryfast", 0);
        av_dict_set(&opts, "crf", "23", 0);
    }
    int rc = avcodec_open2(w->enc, codec, &opts);
    av_dict_free(&opts);
    if (rc < 0) {
        cd_err_set(err, CD_EINTERNAL, "overlay", "could not open the %s encoder", codec->name);
        goto fail;
    }
    avcodec_parameters_from_context(w->st->codecpar, w->enc);
    w->st->time_base = w->enc->time_base;
    w->frame->format = AV_PIX_FMT_YUV420P;
    w->frame->width = w->width;
    w->frame->height = w->height;
    if (av_frame_get_buffer(w->frame, 0) < 0) {
        cd_err_set(err, CD_EINTERNAL, "overlay", "out of memory");
        goto fail;
    }
    if (avio_open(&w->fmt->pb, path, AVIO_FLAG_WRITE) < 0) {
        cd_err_set(err, CD_EIO, "overlay", "cannot create %s", path);
        goto fail;
    }
    if (avformat_write_header(w->fmt, NULL) < 0) {
        cd_err_set(err, CD_EIO, "overlay", "cannot write the header of %s", path);
        goto fail;
    }
    w->header_written = 1;
    return w;
bad_size:
    cd_err_set(err, CD_EINVAL, "overlay", "frame size %dx%d is too small to encode", width, height);
fail:
    writer_free(w);
    return NULL;
}

int cd_video_writer_add(cd_video_writer *w, const cd_rgb_image *frame, double t, cd_err *err)
{
    if (frame->width < w->width || frame->height < w->height)
        return cd_err_set(err, CD_EINVAL, "overlay", "frame size changed mid-video");
    w->sws = sws_getCachedContext(w->sws, w->width, w->height, AV_PIX_FMT_RGB24, w->width,
                                  w->height, AV_PIX_FMT_YUV420P, SWS_BILINEAR, NULL, NULL, NULL);
    if (!w->sws || av_frame_make_writable(w->frame) < 0)
        return cd_err_set(err, CD_EINTERNAL, "overlay", "cannot convert the frame");
    const uint8_t *src[4] = {frame->pixels, NULL, NULL, NULL};
    int src_stride[4] = {frame->stride, 0, 0, 0};
    sws_scale(w->sws, src, src_stride, 0, w->height, w->frame->data, w->frame->linesize);
    int64_t pts = llround(t * WRITER_TB_DEN);
    if (pts <= w->last_pts)
        pts = w->last_pts + 1;
    w->last_pts = pts;
    w->frame->pts = pts;
    if (avcodec_send_frame(w->enc, w->frame) < 0)
        return cd_err_set(err, CD_EINTERNAL, "overlay", "video encoder refused a frame");
    return drain(w, err);
}

int cd_video_writer_close(cd_video_writer *w, cd_err *err)
{
    if (!w)
        return 0;
    int rc = 0;
    if (avcodec_send_frame(w->enc, NULL) == 0)
        rc = drain(w, err);
    if (w->header_written && av_write_trailer(w->fmt) < 0 && !rc)
        rc = cd_err_set(err, CD_EIO, "overlay", "could not finish the video file");
    writer_free(w);
    return rc;
}

int cd_image_write_png(const char *path, const cd_rgb_image *img, cd_err *err)
{
    const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_PNG);
    if (!codec)
        return cd_err_set(err, CD_EUNSUPPORTED, "overlay", "FFmpeg has no PNG encoder");
    AVCodecContext *enc = avcodec_alloc_context3(codec);
    AVFrame *frame = av_frame_alloc();
    AVPacket *pkt = av_packet_alloc();
    int rc = 0;
    if (!enc || !frame || !pkt) {
        rc = cd_err_set(err, CD_EINTERNAL, "overlay", "out of memory");
        goto out;
    }
    enc->width = img->width;
    enc->height = img->height;
    enc->pix_fmt = AV_PIX_FMT_RGB24;
    enc->time_base = (AVRational){1, 1};
    if (avcodec_open2(enc, codec, NULL) < 0) {
        rc = cd_err_set(err, CD_EINTERNAL, "overlay", "could not open the PNG encoder");
        goto out;
    }
    frame->format = AV_PIX_FMT_RGB24;
    frame->width = img->width;
    frame->height = img->height;
    frame->data[0] = img->pixels;
    frame->linesize[0] = img->stride;
    if (avcodec_send_frame(enc, frame) < 0 || avcodec_receive_packet(enc, pkt) < 0) {
        rc = cd_err_set(err, CD_EINTERNAL, "overlay", "PNG encoding failed");
        goto out;
    }
    rc = cd_write_file_atomic(path, pkt->data, (size_t)pkt->size, err);
out:
    av_packet_free(&pkt);
    av_frame_free(&frame);
    avcodec_free_context(&enc);
    return rc;
}
