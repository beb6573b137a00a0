/* vision.h - body-language analysis of a picture or a video, frame by
 * frame, and the clip summary with evidence.
 *
 * A cd_vision_session holds one thread's model sessions, the face tracks
 * carried from frame to frame (MediaPipe-style: the previous mesh gives
 * the next crop, the detector runs only to find new faces or recover a lost
 * one), the calibration of gaze, the smoothing state and the timeline.
 *
 * Memory: the session owns its timeline; JSON returned by the report
 * functions is new (json_decref it). Models are borrowed from a
 * cd_vision_models that must outlive the session.
 * Threads: one session per thread; sessions over the same models may run
 * in parallel. */
#ifndef CANDOR_VISION_VISION_H
#define CANDOR_VISION_VISION_H

#include <jansson.h>
#include <stddef.h>

#include "base/err.h"
#include "media/image_rgb.h"
#include "vision/body.h"
#include "vision/face.h"
#include "vision/face_metrics.h"
#include "vision/models.h"
#include "vision/objects.h"
#include "vision/quality.h"
#include "vision/timing.h"

#define CD_VISION_MAX_FACES 4
#define CD_VISION_MAX_SAMPLES 200000 /* timeline cap: ~5.5 h at 10 fps */

typedef struct cd_vision_config {
    double calibration_s;   /* gaze calibration window at the start, 0 = none */
    float eye_contact_deg;  /* |gaze - calibrated centre| within this = eye contact */
    double look_away_s;     /* looking away longer than this is a proctoring event */
    float detect_score;     /* face detector threshold */
    double detect_every_s;  /* while tracking, look for new faces this often */
    double objects_every_s; /* phone/person check period (CenterNet is heavy) */
    double identity_every_s;
    float identity_threshold;  /* cosine distance to the first face = different person */
    int still;                 /* a single picture: no tracking, no smoothing */
    double pose_every_s;       /* body pose (and hands) at most this often; 0 = every frame */
    double posture_baseline_s; /* slouch reference: the first seconds (or calibration) */
    float pose_score;          /* pose detector threshold */
} cd_vision_config;

void cd_vision_config_default(cd_vision_config *cfg);

/* One analysed frame, as stored in the timeline. -1 means "not measured". */
typedef struct cd_vision_sample {
    double t;
    int faces;   /* faces found */
    int persons; /* people seen by the object detector, -1 not run */
    int phone;   /* cell phone seen, -1 not run */
    int face;    /* a primary face with a mesh */
    float face_score;
    float yaw, pitch, roll;
    int has_gaze;
    float gaze_yaw, gaze_pitch; /* minus calibration */
    int eye_contact;
    float ear;
    int eyes_closed;
    int blink;      /* a blink ended at this frame */
    int expression; /* index into cd_emotion_names, -1 none */
    float expression_score;
    float happy; /* smoothed probability */
    int smiling;
    float motion; /* head motion, face widths per second */
    float identity_distance;
    float real_score, live_score;
    int detected; /* the detector ran on this frame */
    cd_frame_quality quality;
    /* body: measured when the pose runs (pose_ran), carried between runs */
    int body; /* a body pose is tracked */
    int pose_ran;
    float body_score;
    int posture;               /* both shoulders seen: the posture fields below are set */
    float shoulder_tilt, lean; /* degrees, > 0 toward the image right */
    int lean_from_torso;
    float shoulder_width; /* fraction of the frame width */
    float centre_offset;  /* frame widths, > 0 right of centre */
    float slouch_drop;    /* shoulders below the baseline, shoulder widths */
    float neck_rel;       /* neck height / baseline neck height */
    int slouching, leaning, shoulders_tilted, too_close, too_far, off_centre;
    int hands_visible; /* 0..2 */
    float hand_motion; /* fastest hand, shoulder widths per second */
    int touching_face; /* hand landmarks on the face (this frame; >= 0.5 s in the summary) */
    int talking;       /* the mouth moved within the last second (speech proxy) */
    int gesturing;     /* a visible hand moving */
    float fidget;      /* head motion + hand motion while not talking */
} cd_vision_sample;

typedef struct cd_vision_session cd_vision_session;

cd_vision_session *cd_vision_session_new(const cd_vision_models *models,
                                         const cd_vision_config *cfg, cd_err *err);
void cd_vision_session_free(cd_vision_session *s);

/* Analyses one frame shown at time t (seconds, increasing). On success the
 * sample is appended to the timeline; *sample (may be NULL) gets a copy and
 * faces/n_faces (may be NULL) the faces found, for drawing. */
int cd_vision_process(cd_vision_session *s, const cd_rgb_image *frame, double t,
                      cd_vision_sample *sample, const cd_face **faces, int *n_faces, cd_err *err);
/* Objects found on the last frame where the detector ran. */
int cd_vision_last_objects(const cd_vision_session *s, const cd_object **objs);
/* The body tracked on the last pose run (NULL when none) and the hands
 * found then (count, <= 2). */
const cd_body *cd_vision_last_body(const cd_vision_session *s);
int cd_vision_last_hands(const cd_vision_session *s, const cd_hand **hands);
/* Time spent per stage so far (see timing.h). */
const cd_vision_timings *cd_vision_session_timings(const cd_vision_session *s);

/* Sets the gaze direction that counts as "at the camera" (degrees),
 * overriding the automatic calibration window. */
void cd_vision_set_calibration(cd_vision_session *s, float yaw, float pitch);
/* 1 and the values when calibrated. */
int cd_vision_get_calibration(const cd_vision_session *s, float *yaw, float *pitch);

size_t cd_vision_timeline(const cd_vision_session *s, const cd_vision_sample **samples);
const cd_vision_config *cd_vision_session_config(const cd_vision_session *s);

/* JSON of one sample; of the whole clip: {"summary": ..., "timeline": [...]}. */
json_t *cd_vision_sample_json(const cd_vision_sample *smp);
json_t *cd_vision_report_json(const cd_vision_session *s, int with_timeline);

/* Summary over any timeline (pure): presence, eye contact, blinks,
 * expression, posture of the head, fidgeting, quality and proctoring
 * findings, each with the time ranges that support it. */
json_t *cd_vision_summarize(const cd_vision_sample *samples, size_t n, const cd_vision_config *cfg);

/* Merges frames where pred() holds into [start, end) ranges of at least
 * min_s seconds; returns the count (<= max). */
int cd_vision_ranges(const cd_vision_sample *samples, size_t n,
                     int (*pred)(const cd_vision_sample *), double min_s, double ranges[][2],
                     int max);

#endif
