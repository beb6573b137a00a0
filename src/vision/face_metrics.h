/* face_metrics.h - geometry on a face mesh: head pose, gaze, eye openness,
 * smile. Pure functions of landmarks, so they are tested on synthetic
 * meshes with known answers.
 *
 * Angles are degrees in the camera's frame: yaw > 0 the face turns toward
 * the image right, pitch > 0 it looks up, roll > 0 it is tilted clockwise
 * as seen in the image. Landmark z follows MediaPipe (smaller = nearer the
 * camera). Any thread. */
#ifndef CANDOR_VISION_FACE_METRICS_H
#define CANDOR_VISION_FACE_METRICS_H

#include "vision/face.h"

typedef struct cd_head_pose {
    float yaw, pitch, roll;
} cd_head_pose;

typedef struct cd_gaze {
    float eye_yaw, eye_pitch; /* eyes within the head, from the iris position */
    float yaw, pitch;         /* head + eyes: where the person looks */
} cd_gaze;

cd_head_pose cd_head_pose_from_mesh(const cd_point3 *mesh);

/* Eye aspect ratio (Soukupova & Cech): ~0.3 open, < 0.2 closed. eye 0 is
 * the image-left eye. */
float cd_eye_aspect_ratio(const cd_point3 *mesh, int eye);

/* Iris offset within eye `eye`, as fractions of the eye-corner distance:
 * *h > 0 toward the image right, *v > 0 downward. Needs f->has_iris. */
void cd_iris_offset(const cd_face *f, int eye, float *h, float *v);

/* Gaze from both irises and the head pose. */
cd_gaze cd_gaze_estimate(const cd_face *f, cd_head_pose pose);

/* Mouth corner distance over outer eye-corner distance: rises with a
 * smile (neutral ~0.85-0.95, broad smile > 1.05). */
float cd_mouth_width_ratio(const cd_point3 *mesh);

#endif
