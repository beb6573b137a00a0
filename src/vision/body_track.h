/* body_track.h - the body half of an analysis session: BlazePose tracked
 * from frame to frame (the next crop from the previous landmarks' alignment
 * points; the detector only when no body is tracked), hands tracked from
 * their own landmarks or re-seeded from the pose wrists, posture against a
 * baseline, face touching, gesturing and hand motion.
 *
 * The pose runs at most every cfg->pose_every_s (frames in between carry
 * the last values with pose_ran = 0): posture and hands change slower than
 * gaze or blinks, and the pose model costs as much as the whole tracked face
 * pipeline.
 *
 * Plain state owned by the session (zero it to start); one thread. */
#ifndef CANDOR_VISION_BODY_TRACK_H
#define CANDOR_VISION_BODY_TRACK_H

#include "vision/body.h"
#include "vision/posture.h"
#include "vision/timing.h"
#include "vision/vision.h"

typedef struct cd_body_tracker {
    int started;
    double first_t, last_pose_t;
    int has_body;
    cd_body body;
    cd_hand hands[2];
    int hand_ok[2];
    cd_posture posture;
    cd_posture_baseline base;
    /* hand motion between pose runs */
    int has_prev[2];
    float prev[2][2];
    double prev_t;
    /* the primary face's last box, for touches that hide it */
    int has_face_box;
    float face_box[4];
    double face_t;
    /* talking proxy */
    int has_mouth, mouth_moved;
    float mouth;
    double mouth_change_t;
    cd_vision_sample last; /* body fields of the last pose run */
} cd_body_tracker;

typedef struct cd_body_runners {
    cd_model_runner *detect, *pose, *hand; /* sessions NULL when not loaded */
} cd_body_runners;

/* Fills smp's body fields for a frame at t; face is the primary face (NULL
 * when none). Runs the models when the pose is due. */
int cd_body_track(cd_body_tracker *bt, const cd_body_runners *r, const cd_vision_config *cfg,
                  cd_vision_timings *tm, const cd_rgb_image *frame, double t, const cd_face *face,
                  cd_vision_sample *smp, cd_err *err);

#endif
