/* cmd_analyze_vision.c - `candor analyze image|video FILE`: body-language
 * analysis of a picture or a recording, as JSON, with an optional overlay
 * a person can check by eye. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fs.h"
#include "cli/cli.h"
#include "media/video_decode.h"
#include "media/video_encode.h"
#include "vision/draw.h"
#include "vision/vision.h"

#define DEFAULT_FPS 5.0
#define MAX_FPS 60.0

typedef struct opts {
    const char *file, *json_out, *overlay, *models_dir;
    double fps, calibrate, max_seconds;
    double pose_every;
    int all_models, timeline, timings, face_only;
} opts;

static void usage(FILE *out, const char *kind)
{
    fprintf(out,
            "usage: candor analyze %s FILE [options]\n"
            "  --json PATH        write the full report (summary + timeline) to PATH\n"
            "  --overlay PATH     draw what was seen: .png for images, .mp4/.mkv for video\n"
            "  --models DIR       models directory (default $CANDOR_MODELS_DIR or the npm one)\n"
            "  --all-models       also run phone/person, identity and liveness models\n"
            "  --face-only        skip body pose and hands (posture, gestures, face touching)\n"
            "  --timings          add per-stage milliseconds (\"timings\") to the output and\n"
            "                     print them on stderr\n"
            "%s",
            kind,
            strcmp(kind, "video") == 0
                ? "  --fps N            frames analysed per second (default 5, max 60)\n"
                  "  --calibrate S      the first S seconds the candidate looks at the camera\n"
                  "  --max-seconds S    refuse longer videos (default 3 hours)\n"
                  "  --timeline         print the timeline on stdout too\n"
                  "  --pose-every S     run body pose and hands at most every S seconds\n"
                  "                     (default 0.2; 0 = every analysed frame)\n"
                : "");
}

static int parse(int argc, char **argv, const char *kind, opts *o)
{
    static const struct option longs[] = {{"json", required_argument, 0, 'j'},
                                          {"overlay", required_argument, 0, 'o'},
                                          {"models", required_argument, 0, 'm'},
                                          {"fps", required_argument, 0, 'f'},
                                          {"calibrate", required_argument, 0, 'c'},
                                          {"max-seconds", required_argument, 0, 's'},
                                          {"all-models", no_argument, 0, 'a'},
                                          {"timeline", no_argument, 0, 't'},
                                          {"timings", no_argument, 0, 'T'},
                                          {"face-only", no_argument, 0, 'F'},
                                          {"pose-every", required_argument, 0, 'p'},
                                          {"help", no_argument, 0, 'h'},
                                          {0, 0, 0, 0}};
    memset(o, 0, sizeof *o);
    o->fps = DEFAULT_FPS;
    o->pose_every = -1;
    optind = 1;
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
        switch (c) {
        case 'j':
            o->json_out = optarg;
            break;
        case 'o':
            o->overlay = optarg;
            break;
        case 'm':
            o->models_dir = optarg;
            break;
        case 'a':
            o->all_models = 1;
            break;
        case 't':
            o->timeline = 1;
            break;
        case 'T':
            o->timings = 1;
            break;
        case 'F':
            o->face_only = 1;
            break;
        case 'p':
            o->pose_every = strtod(optarg, &end);
            if (*end || !(o->pose_every >= 0 && o->pose_every <= 60))
                return cli_usage_error("analyze", "--pose-every must be 0..60 seconds");
            break;
        case 'f':
            o->fps = strtod(optarg, &end);
            if (*end || !(o->fps > 0 && o->fps <= MAX_FPS))
                return cli_usage_error("analyze", "--fps must be a number in (0, %g]", MAX_FPS);
            break;
        case 'c':
            o->calibrate = strtod(optarg, &end);
            if (*end || !(o->calibrate >= 0 && o->calibrate <= 60))
                return cli_usage_error("analyze", "--calibrate must be 0..60 seconds");
            break;
        case 's':
            o->max_seconds = strtod(optarg, &end);
            if (*end || !(o->max_seconds > 0))
                return cli_usage_error("analyze", "--max-seconds must be a positive number");
            break;
        case 'h':
            usage(stdout, kind);
            return -1;
        default:
            return cli_usage_error("analyze", "bad option for analyze %s", kind);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("analyze", "analyze %s needs exactly one FILE", kind);
    o->file = argv[optind];
    return 0;
}

static int write_json(const char *path, json_t *j)
{
    char *text = json_dumps(j, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
    cd_err err = {0};
    int rc = text ? cd_write_file_atomic(path, text, strlen(text), &err) : CD_EINTERNAL;
    if (rc)
        fprintf(stderr, "candor: cannot write %s: %s\n", path, text ? err.msg : "out of memory");
    free(text);
    return rc;
}

static void progress(double t, double duration, int frames)
{
    int width = 40, done = duration > 0 ? (int)(width * fmin(1.0, t / duration)) : 0;
    fprintf(stderr, "\r[");
    for (int i = 0; i < width; i++)
        fputc(i < done ? '#' : '.', stderr);
    fprintf(stderr, "] %6.1f/%.1f s  %d frames", t, duration, frames);
    fflush(stderr);
}

static void print_timings(const cd_vision_timings *tm)
{
    fprintf(stderr, "stage          calls   ms/call  ms/frame\n");
    for (int i = 0; i < CD_STAGE_COUNT; i++) {
        if (!tm->calls[i])
            continue;
        fprintf(stderr, "%-12s %7ld %9.2f %9.2f\n", cd_vision_stage_name((cd_vision_stage)i),
                tm->calls[i], (double)tm->ns[i] / 1e6 / (double)tm->calls[i],
                tm->frames ? (double)tm->ns[i] / 1e6 / (double)tm->frames : 0.0);
    }
    fprintf(stderr, "%-12s %7ld %9s %9.2f\n", "total", tm->frames, "",
            tm->frames ? (double)tm->frame_ns / 1e6 / (double)tm->frames : 0.0);
}

/* Shared by image and video: open models and session, run every frame. */
static int analyze(const opts *o, int still)
{
    cd_err err = {0};
    cd_vision_models models;
    unsigned want = CD_VM_DEFAULT | (o->all_models ? CD_VM_ALL : 0);
    if (o->face_only)
        want &= ~(CD_VM_BIT(CD_VM_POSE_DETECT) | CD_VM_BIT(CD_VM_POSE) | CD_VM_BIT(CD_VM_HAND));
    if (cd_vision_models_load(&models, o->models_dir, want, &err)) {
        fprintf(stderr, "candor: %s\n", err.msg);
        return 1;
    }
    cd_vision_config cfg;
    cd_vision_config_default(&cfg);
    cfg.still = still;
    cfg.calibration_s = o->calibrate;
    if (o->pose_every >= 0)
        cfg.pose_every_s = o->pose_every;
    cd_video_limits limits = {0, o->max_seconds, 0};
    cd_vision_session *s = cd_vision_session_new(&models, &cfg, &err);
    cd_video_reader *r = s ? cd_video_open_file(o->file, &limits, &err) : NULL;
    cd_video_writer *w = NULL;
    cd_rgb_image frame = {0};
    int status = 1, frames = 0;
    if (!r)
        goto out;
    const cd_video_info *info = cd_video_get_info(r);
    int tty = isatty(2) && !still;
    for (;;) {
        double t;
        int rc = cd_video_read(r, still ? 0 : 1.0 / o->fps, &frame, &t, &err);
        if (rc < 0)
            goto out;
        if (rc == 0)
            break;
        cd_vision_sample smp;
        const cd_face *faces;
        int n_faces;
        if (cd_vision_process(s, &frame, t, &smp, &faces, &n_faces, &err))
            goto out;
        frames++;
        if (o->overlay) {
            const cd_object *objs;
            int n_objs = cd_vision_last_objects(s, &objs);
            const cd_hand *hands;
            int n_hands = cd_vision_last_hands(s, &hands);
            cd_draw_analysis(&frame, &smp, faces, n_faces, objs, n_objs, cd_vision_last_body(s),
                             hands, n_hands);
            if (still) {
                if (cd_image_write_png(o->overlay, &frame, &err))
                    goto out;
            } else {
                if (!w)
                    w = cd_video_writer_open(o->overlay, frame.width, frame.height, o->fps, &err);
                if (!w || cd_video_writer_add(w, &frame, t, &err))
                    goto out;
            }
        }
        if (tty)
            progress(t, info->duration, frames);
        if (still)
            break;
    }
    if (tty)
        fputc('\n', stderr);
    if (frames == 0) {
        cd_err_set(&err, CD_EUNPROCESSABLE, "video", "no frame could be decoded");
        goto out;
    }
    if (w) {
        int rc = cd_video_writer_close(w, &err);
        w = NULL;
        if (rc)
            goto out;
    }
    json_t *report = cd_vision_report_json(s, 1);
    json_object_set_new(report, "input",
                        json_pack("{s:s, s:s, s:s, s:i, s:i, s:f}", "file", o->file, "container",
                                  info->container, "codec", info->codec, "width", info->width,
                                  "height", info->height, "fps", info->fps));
    if (o->timings) {
        const cd_vision_timings *tm = cd_vision_session_timings(s);
        json_object_set_new(report, "timings", cd_vision_timings_json(tm));
        print_timings(tm);
    }
    status = 0;
    if (o->json_out && write_json(o->json_out, report))
        status = 1;
    if (!still && !o->timeline)
        json_object_del(report, "timeline");
    char *text = json_dumps(report, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
    if (text)
        puts(text);
    free(text);
    json_decref(report);
out:
    if (status && err.msg[0])
        fprintf(stderr, "%scandor: %s: %s\n", frames && isatty(2) ? "\n" : "", o->file, err.msg);
    cd_video_writer_close(w, NULL);
    cd_rgb_image_free(&frame);
    cd_video_close(r);
    cd_vision_session_free(s);
    cd_vision_models_free(&models);
    return status;
}

int cli_analyze_image(int argc, char **argv)
{
    opts o;
    int rc = parse(argc, argv, "image", &o);
    if (rc)
        return rc < 0 ? 0 : rc;
    return analyze(&o, 1);
}

int cli_analyze_video(int argc, char **argv)
{
    opts o;
    int rc = parse(argc, argv, "video", &o);
    if (rc)
        return rc < 0 ? 0 : rc;
    return analyze(&o, 0);
}
