/* body.h - body pose (BlazePose: detector + lite landmark model) and hand
 * landmarks (MediaPipe hand landmark lite), with the ROI rules that let
 * both be tracked from frame to frame like the face.
 *
 * A cd_body / cd_hand is plain data owned by the caller. The decoding and
 * ROI functions are pure (tested on synthetic rows and points); the run
 * functions use the caller's model runners (one set per thread).
 *
 * Keypoint indices follow MediaPipe's BlazePose topology. "Left" and
 * "right" are the subject's: on an unmirrored camera picture the subject's
 * left shoulder (11) is on the image right. */
#ifndef CANDOR_VISION_BODY_H
#define CANDOR_VISION_BODY_H

#include "base/err.h"
#include "media/image_rgb.h"
#include "vision/model_io.h"
#include "vision/roi.h"

#define CD_POSE_KEYPOINTS 33
#define CD_POSE_MODEL_POINTS 39 /* 33 + 2 alignment points + 4 hand helpers */
#define CD_POSE_DETECT_INPUT 224
#define CD_POSE_INPUT 256
#define CD_POSE_ANCHORS 2254     /* 28x28x2 + 14x14x2 + 7x7x6 */
#define CD_POSE_DETECT_VALUES 13 /* score logit, box (4), 4 alignment keypoints (8) */
#define CD_HAND_POINTS 21
#define CD_HAND_INPUT 224

enum {
    CD_KP_NOSE = 0,
    CD_KP_L_EAR = 7,
    CD_KP_R_EAR = 8,
    CD_KP_MOUTH_L = 9,
    CD_KP_MOUTH_R = 10,
    CD_KP_L_SHOULDER = 11,
    CD_KP_R_SHOULDER = 12,
    CD_KP_L_ELBOW = 13,
    CD_KP_R_ELBOW = 14,
    CD_KP_L_WRIST = 15,
    CD_KP_R_WRIST = 16,
    CD_KP_L_PINKY = 17,
    CD_KP_R_PINKY = 18,
    CD_KP_L_INDEX = 19,
    CD_KP_R_INDEX = 20,
    CD_KP_L_THUMB = 21,
    CD_KP_R_THUMB = 22,
    CD_KP_L_HIP = 23,
    CD_KP_R_HIP = 24,
};

/* One person found by the pose detector, frame pixels. kp[0] is the hip
 * centre, kp[1] a point on the circle enclosing the body (its distance
 * to kp[0] gives the scale, its direction the rotation). */
typedef struct cd_pose_detection {
    float score;
    float x0, y0, x1, y1;
    float kp[4][2];
} cd_pose_detection;

typedef struct cd_body {
    cd_roi roi;  /* crop the landmarks were computed on */
    float score; /* pose presence from the landmark model, 0..1 */
    cd_point3 kp[CD_POSE_KEYPOINTS];
    float visibility[CD_POSE_KEYPOINTS]; /* 0..1: seen (not occluded) */
    float presence[CD_POSE_KEYPOINTS];   /* 0..1: inside the picture */
    cd_point3 align[2];                  /* centre and scale point for the next ROI */
} cd_body;

/* Which hand: the subject's left or right (pose keypoints 15/17/19 or
 * 16/18/20). */
typedef struct cd_hand {
    int side; /* 0 left, 1 right */
    cd_roi roi;
    float score; /* hand presence, 0..1 */
    cd_point3 pts[CD_HAND_POINTS];
} cd_hand;

/* Anchor centres (normalised 0..1) of the pose detector, in its row order.
 * Returns the count or -1 when max is too small. */
int cd_pose_anchors(float *anchors, int max);
/* Decodes n raw rows (CD_POSE_DETECT_VALUES each) and returns the single
 * best detection (normalised 0..1 of the input) when its score reaches
 * min_score: 1 found, 0 none. */
int cd_pose_detect_decode(const float *raw, const float *anchors, int n, float min_score,
                          cd_pose_detection *best);
/* MediaPipe's alignment ROI: centred on `c`, side 2 x |s - c| x 1.25,
 * rotated so the direction c -> s points up in the crop. */
cd_roi cd_pose_roi_from_alignment(float cx, float cy, float sx, float sy);

/* The pose ROI a face implies when the detector finds nobody, or somebody
 * else: hips and the top of the enclosing circle placed from the face box
 * (x0, y0, x1, y1) and its roll (radians, the eye line's angle), with the
 * proportions the detector gives an upright person (see body_decode.c). */
cd_roi cd_pose_roi_from_face(float x0, float y0, float x1, float y1, float roll);

/* Runs the detector on the whole frame (letterboxed). 1 found (*out in
 * frame pixels), 0 none, -1 error. */
int cd_pose_detect(cd_model_runner *s, const cd_rgb_image *frame, float min_score,
                   cd_pose_detection *out, cd_err *err);
/* Runs the landmark model on roi; fills b (score, keypoints, alignment
 * points in frame pixels). */
int cd_pose_landmarks_run(cd_model_runner *s, const cd_rgb_image *frame, const cd_roi *roi,
                          cd_body *b, cd_err *err);
/* 1 when keypoint k is visible and inside the w x h frame. */
int cd_body_point_ok(const cd_body *b, int k, int width, int height);

/* Palm ROI from the pose's wrist, index and pinky keypoints (MediaPipe's
 * hand-from-pose rule: centre near the knuckles, rotated wrist -> fingers
 * up); 0 when those keypoints are not visible. */
int cd_hand_roi_from_pose(const cd_body *b, int side, int width, int height, cd_roi *roi);
/* Next frame's ROI from a hand's landmarks (tracking). */
cd_roi cd_hand_roi_from_landmarks(const cd_point3 *pts);
/* Runs the hand landmark model on roi; fills h->pts, h->score, h->roi. */
int cd_hand_landmarks_run(cd_model_runner *s, const cd_rgb_image *frame, const cd_roi *roi,
                          cd_hand *h, cd_err *err);

#endif
