/* face_detect.h - BlazeFace face detection: anchors, box decoding and
 * weighted non-maximum suppression, and the model run that feeds them.
 *
 * The decoding functions are pure (no model needed) so they are tested with
 * synthetic regressor outputs; cd_face_detect() runs the model on a frame.
 *
 * Threads: pure functions any thread; cd_face_detect uses the caller's
 * session (one per thread). */
#ifndef CANDOR_VISION_FACE_DETECT_H
#define CANDOR_VISION_FACE_DETECT_H

#include "base/err.h"
#include "media/image_rgb.h"
#include "nn/nn.h"
#include "vision/model_io.h"
#include "vision/roi.h"

#define CD_FACE_KEYPOINTS 6    /* right eye, left eye, nose, mouth, right ear, left ear */
#define CD_BLAZEFACE_VALUES 17 /* score logit, box (4), 6 keypoints (12) */
#define CD_BLAZEFACE_MAX_ANCHORS 4096
#define CD_FACE_MAX_DETECTIONS 16

typedef struct cd_face_detection {
    float x0, y0, x1, y1; /* box */
    float score;          /* 0..1 */
    float kp[CD_FACE_KEYPOINTS][2];
} cd_face_detection;

/* Anchor centres (x, y in input pixels) for a BlazeFace of `input_size`:
 * stride size/16 with 2 anchors per cell, then size/8 with 6. Returns the
 * count (<= max) or -1 if max is too small. */
int cd_blazeface_anchors(int input_size, float *anchors, int max);

/* Decodes n raw rows (CD_BLAZEFACE_VALUES each) against the anchors into
 * detections with coordinates normalised to [0,1] of the input. Keeps rows
 * with score >= min_score; returns how many were written (<= max_out,
 * highest scores kept). */
int cd_blazeface_decode(const float *raw, const float *anchors, int n, int input_size,
                        float min_score, cd_face_detection *out, int max_out);

/* Intersection over union of two boxes. */
float cd_box_iou(const cd_face_detection *a, const cd_face_detection *b);

/* MediaPipe's weighted NMS: the best remaining detection absorbs every other
 * one overlapping it by more than iou, its box and keypoints becoming their
 * score-weighted mean. In place; returns the count kept. */
int cd_weighted_nms(cd_face_detection *dets, int n, float iou);

/* Runs BlazeFace on the whole frame (letterboxed); detections in frame
 * pixels, best first. Returns the count or -1 with err set. */
int cd_face_detect(cd_model_runner *s, const cd_rgb_image *frame, float min_score,
                   cd_face_detection *out, int max_out, cd_err *err);

#endif
