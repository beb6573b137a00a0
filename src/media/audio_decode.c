/* audio_decode.c - FFmpeg front end: demux from memory, decode the best audio
 * stream, resample to 16 kHz mono float. See audio_decode.h. */
#include "media/audio_decode.h"

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"

#define AVIO_BUF_SIZE 65536
/* Probing reads at most this much: enough for every container we accept. */
#define PROBE_BYTES (1 << 20)

typedef struct mem_reader {
    const unsigned char *data;
    size_t len;
    size_t pos;
} mem_reader;

static int mem_read(void *opaque, uint8_t *buf, int size)
{
    mem_reader *r = opaque;
    size_t left = r->len - r->pos;
    if (left == 0)
        return AVERROR_EOF;
    size_t n = (size_t)size < left ? (size_t)size : left;
    memcpy(buf, r->data + r->pos, n);
    r->pos += n;
    return (int)n;
}

static int64_t mem_seek(void *opaque, int64_t offset, int whence)
{
    mem_reader *r = opaque;
    int64_t base;
    switch (whence & ~AVSEEK_FORCE) {
    case AVSEEK_SIZE:
        return (int64_t)r->len;
    case SEEK_SET:
        base = 0;
        break;
    case SEEK_CUR:
        base = (int64_t)r->pos;
        break;
    case SEEK_END:
        base = (int64_t)r->len;
        break;
    default:
        return -1;
    }
    int64_t p = base + offset;
    if (p < 0 || p > (int64_t)r->len)
        return -1;
    r->pos = (size_t)p;
    return p;
}

static pthread_once_t quiet_once = PTHREAD_ONCE_INIT;
static void quiet_ffmpeg(void)
{
    /* FFmpeg's own stderr chatter about hostile files is noise to a user;
     * errors reach them through cd_err instead. */
    av_log_set_level(AV_LOG_QUIET);
}

/* Growable float array with a hard cap in samples. */
typedef struct pcm_out {
    float *v;
    size_t n, alloc, cap;
} pcm_out;

static int pcm_reserve(pcm_out *o, size_t extra)
{
    if (o->n + extra <= o->alloc)
        return 0;
    size_t want = o->alloc ? o->alloc * 2 : 16000 * 8;
    while (want < o->n + extra)
        want *= 2;
    float *nv = realloc(o->v, want * sizeof *nv);
    if (!nv)
        return -1;
    o->v = nv;
    o->alloc = want;
    return 0;
}

/* Pulls converted samples out of swr (in = NULL flushes). */
static int resample_into(SwrContext *swr, const uint8_t **in, int in_n, pcm_out *o, cd_err *err)
{
    int room = swr_get_out_samples(swr, in_n);
    if (room < 0)
        return cd_err_set(err, CD_EUNPROCESSABLE, "file", "audio resampling failed");
    if (room == 0)
        return 0;
    if (pcm_reserve(o, (size_t)room) != 0)
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory decoding audio");
    uint8_t *dst = (uint8_t *)(o->v + o->n);
    int got = swr_convert(swr, &dst, room, in, in_n);
    if (got < 0)
        return cd_err_set(err, CD_EUNPROCESSABLE, "file", "audio resampling failed");
    o->n += (size_t)got;
    if (o->n > o->cap)
        return cd_err_set(err, CD_ETOOBIG, "file", "recording is longer than the %.0f s limit",
                          (double)o->cap / CD_AUDIO_RATE);
    return 0;
}

static int drain_frames(AVCodecContext *dec, AVFrame *frame, SwrContext *swr, pcm_out *o,
                        cd_err *err)
{
    for (;;) {
        int rc = avcodec_receive_frame(dec, frame);
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
            return 0;
        if (rc < 0)
            return 0; /* a corrupt frame: skip it, keep what decoded */
        rc = resample_into(swr, (const uint8_t **)frame->extended_data, frame->nb_samples, o, err);
        av_frame_unref(frame);
        if (rc != 0)
            return rc;
    }
}

int cd_audio_decode_mem(const void *data, size_t len, const cd_audio_limits *limits,
                        float **out_pcm, size_t *out_n, cd_audio_info *info, cd_err *err)
{
    *out_pcm = NULL;
    *out_n = 0;
    size_t max_bytes =
        limits && limits->max_input_bytes ? limits->max_input_bytes : CD_AUDIO_MAX_INPUT_BYTES;
    double max_s = limits && limits->max_seconds > 0 ? limits->max_seconds : CD_AUDIO_MAX_SECONDS;
    if (!data || len == 0)
        return cd_err_set(err, CD_EINVAL, "file", "the audio file is empty");
    if (len > max_bytes)
        return cd_err_set(err, CD_ETOOBIG, "file",
                          "the audio file is larger than the %zu byte limit", max_bytes);
    pthread_once(&quiet_once, quiet_ffmpeg);

    int status = 0;
    mem_reader rd = {data, len, 0};
    AVFormatContext *fmt = NULL;
    AVIOContext *avio = NULL;
    AVCodecContext *dec = NULL;
    SwrContext *swr = NULL;
    AVPacket *pkt = NULL;
    AVFrame *frame = NULL;
    pcm_out out = {0};
    out.cap = (size_t)(max_s * CD_AUDIO_RATE);

    unsigned char *iobuf = av_malloc(AVIO_BUF_SIZE);
    fmt = avformat_alloc_context();
    if (!iobuf || !fmt) {
        av_free(iobuf);
        status = cd_err_set(err, CD_EINTERNAL, NULL, "out of memory decoding audio");
        goto done;
    }
    avio = avio_alloc_context(iobuf, AVIO_BUF_SIZE, 0, &rd, mem_read, NULL, mem_seek);
    if (!avio) {
        av_free(iobuf);
        status = cd_err_set(err, CD_EINTERNAL, NULL, "out of memory decoding audio");
        goto done;
    }
    fmt->pb = avio;
    fmt->probesize = PROBE_BYTES;
    fmt->flags |= AVFMT_FLAG_CUSTOM_IO;
    if (avformat_open_input(&fmt, NULL, NULL, NULL) < 0) {
        fmt = NULL; /* freed by avformat_open_input on failure */
        status = cd_err_set(err, CD_EUNSUPPORTED, "file",
                            "not a recognised audio or video file (or it is truncated)");
        goto done;
    }
    if (avformat_find_stream_info(fmt, NULL) < 0) {
        status = cd_err_set(err, CD_EUNPROCESSABLE, "file", "could not read the media streams");
        goto done;
    }
    const AVCodec *codec = NULL;
    int si = av_find_best_stream(fmt, AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
    if (si < 0 || !codec) {
        status = cd_err_set(err, CD_EUNSUPPORTED, "file",
                            si == AVERROR_DECODER_NOT_FOUND ? "no decoder for this audio codec"
                                                            : "the file has no audio track");
        goto done;
    }
    AVStream *st = fmt->streams[si];
    if (fmt->duration > 0 && (double)fmt->duration / AV_TIME_BASE > max_s + 1.0) {
        status =
            cd_err_set(err, CD_ETOOBIG, "file", "recording is %.0f s long, over the %.0f s limit",
                       (double)fmt->duration / AV_TIME_BASE, max_s);
        goto done;
    }
    dec = avcodec_alloc_context3(codec);
    if (!dec || avcodec_parameters_to_context(dec, st->codecpar) < 0 ||
        avcodec_open2(dec, codec, NULL) < 0) {
        status = cd_err_set(err, CD_EUNPROCESSABLE, "file", "could not open the %s audio decoder",
                            codec->name);
        goto done;
    }
    if (dec->sample_rate <= 0 || dec->sample_rate > 768000 || dec->ch_layout.nb_channels <= 0) {
        status = cd_err_set(err, CD_EUNPROCESSABLE, "file",
                            "audio track has an invalid sample rate or channel count");
        goto done;
    }
    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
    AVChannelLayout in_layout;
    if (dec->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
        av_channel_layout_default(&in_layout, dec->ch_layout.nb_channels);
    else if (av_channel_layout_copy(&in_layout, &dec->ch_layout) < 0) {
        status = cd_err_set(err, CD_EINTERNAL, NULL, "out of memory decoding audio");
        goto done;
    }
    int rc = swr_alloc_set_opts2(&swr, &mono, AV_SAMPLE_FMT_FLT, CD_AUDIO_RATE, &in_layout,
                                 dec->sample_fmt, dec->sample_rate, 0, NULL);
    av_channel_layout_uninit(&in_layout);
    if (rc < 0 || swr_init(swr) < 0) {
        status = cd_err_set(err, CD_EUNPROCESSABLE, "file", "unsupported audio sample layout");
        goto done;
    }
    if (info) {
        memset(info, 0, sizeof *info);
        snprintf(info->container, sizeof info->container, "%s", fmt->iformat->name);
        snprintf(info->codec, sizeof info->codec, "%s", codec->name);
        info->source_rate = dec->sample_rate;
        info->source_channels = dec->ch_layout.nb_channels;
    }
    pkt = av_packet_alloc();
    frame = av_frame_alloc();
    if (!pkt || !frame) {
        status = cd_err_set(err, CD_EINTERNAL, NULL, "out of memory decoding audio");
        goto done;
    }
    while (av_read_frame(fmt, pkt) >= 0) {
        if (pkt->stream_index == si) {
            /* A bad packet is skipped: partial recordings are still useful. */
            if (avcodec_send_packet(dec, pkt) >= 0)
                status = drain_frames(dec, frame, swr, &out, err);
        }
        av_packet_unref(pkt);
        if (status != 0)
            goto done;
    }
    avcodec_send_packet(dec, NULL);
    if ((status = drain_frames(dec, frame, swr, &out, err)) != 0)
        goto done;
    if ((status = resample_into(swr, NULL, 0, &out, err)) != 0)
        goto done;
    if (out.n == 0) {
        status =
            cd_err_set(err, CD_EUNPROCESSABLE, "file", "no audio could be decoded from the file");
        goto done;
    }
    if (info)
        info->seconds = (double)out.n / CD_AUDIO_RATE;
    *out_pcm = out.v;
    *out_n = out.n;
    out.v = NULL;

done:
    free(out.v);
    av_frame_free(&frame);
    av_packet_free(&pkt);
    swr_free(&swr);
    avcodec_free_context(&dec);
    if (fmt)
        avformat_close_input(&fmt);
    else
        avformat_free_context(fmt);
    if (avio) {
        av_freep(&avio->buffer);
        avio_context_free(&avio);
    }
    return status;
}

int cd_audio_decode_file(const char *path, const cd_audio_limits *limits, float **out_pcm,
                         size_t *out_n, cd_audio_info *info, cd_err *err)
{
    *out_pcm = NULL;
    *out_n = 0;
    size_t max_bytes =
        limits && limits->max_input_bytes ? limits->max_input_bytes : CD_AUDIO_MAX_INPUT_BYTES;
    size_t len = 0;
    char *data = cd_read_file(path, max_bytes, &len, err);
    if (!data)
        return err ? (int)err->code : CD_EIO;
    int rc = cd_audio_decode_mem(data, len, limits, out_pcm, out_n, info, err);
    free(data);
    return rc;
}

int cd_audio_from_s16(const short *pcm, size_t frames, int rate, int channels, float **out_pcm,
                      size_t *out_n, cd_err *err)
{
    *out_pcm = NULL;
    *out_n = 0;
    if (rate < 4000 || rate > 192000 || channels < 1 || channels > 8)
        return cd_err_set(err, CD_EINVAL, "format", "unsupported PCM format: %d Hz, %d channels",
                          rate, channels);
    if (frames == 0)
        return 0;
    if (frames > (size_t)INT32_MAX)
        return cd_err_set(err, CD_ETOOBIG, "audio", "PCM chunk is too large");
    SwrContext *swr = NULL;
    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO, in_layout;
    av_channel_layout_default(&in_layout, channels);
    int rc = swr_alloc_set_opts2(&swr, &mono, AV_SAMPLE_FMT_FLT, CD_AUDIO_RATE, &in_layout,
                                 AV_SAMPLE_FMT_S16, rate, 0, NULL);
    av_channel_layout_uninit(&in_layout);
    if (rc < 0 || swr_init(swr) < 0) {
        swr_free(&swr);
        return cd_err_set(err, CD_EINTERNAL, NULL, "could not set up PCM conversion");
    }
    pcm_out out = {0};
    out.cap = (size_t)-1;
    const uint8_t *in = (const uint8_t *)pcm;
    int status = resample_into(swr, &in, (int)frames, &out, err);
    if (status == 0)
        status = resample_into(swr, NULL, 0, &out, err);
    swr_free(&swr);
    if (status != 0) {
        free(out.v);
        return status;
    }
    *out_pcm = out.v;
    *out_n = out.n;
    return 0;
}
