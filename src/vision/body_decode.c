/* body_decode.c - BlazePose detector anchors and decoding, and the ROI
 * rules of the pose and hand trackers. Pure: tested without the models. */
#include "vision/body.h"

#include <math.h>

#define POSE_ROI_SCALE 1.25f /* MediaPipe pose: alignment circle x1.25 */
/* Hand from pose: the pose's index/pinky keypoints sit near the knuckles;
 * the crop is centred there and spans this many wrist-to-knuckle lengths
 * (the whole hand is about 2.1 of them, so the fingers fit with margin
 * whichever way the pose estimate errs). */
#define HAND_FROM_POSE_SPAN 3.0f
#define HAND_FROM_POSE_SHIFT 0.15f /* centre moved toward the fingertips, in spans */
#define HAND_ROI_SCALE 1.6f        /* tracking: all 21 landmarks' box x1.6 */
#define HAND_MIN_VISIBILITY 0.5f
/* Face -> pose alignment points, in face heights from the face centre
 * along the face's down direction. The detector's own output on the
 * upright, frontal skimage astronaut: face 103 px tall, hip centre 2.8
 * heights below the face centre, circle top 0.75 above it. */
#define FACE_TO_HIPS 2.8f
#define FACE_TO_TOP 0.75f

int cd_pose_anchors(float *anchors, int max)
{
    /* strides 8, 16, 32, 32, 32; layers sharing a stride share one grid
     * with two anchors per layer per cell */
    static const int strides[3] = {8, 16, 32};
    static const int per_cell[3] = {2, 2, 6};
    int n = 0;
    for (int l = 0; l < 3; l++) {
        int grid = (CD_POSE_DETECT_INPUT + strides[l] - 1) / strides[l];
        for (int y = 0; y < grid; y++)
            for (int x = 0; x < grid; x++)
                for (int k = 0; k < per_cell[l]; k++) {
                    if (n >= max)
                        return -1;
                    anchors[2 * n] = ((float)x + 0.5f) / (float)grid;
                    anchors[2 * n + 1] = ((float)y + 0.5f) / (float)grid;
                    n++;
                }
    }
    return n;
}

int cd_pose_detect_decode(const float *raw, const float *anchors, int n, float min_score,
                          cd_pose_detection *best)
{
    int bi = -1;
    float bs = -INFINITY;
    for (int i = 0; i < n; i++) {
        float logit = raw[(size_t)i * CD_POSE_DETECT_VALUES];
        if (isfinite(logit) && logit > bs) {
            bs = logit;
            bi = i;
        }
    }
    if (bi < 0)
        return 0;
    float score = 1.0f / (1.0f + expf(-fmaxf(-100.f, fminf(100.f, bs))));
    if (!(score >= min_score))
        return 0;
    const float *r = raw + (size_t)bi * CD_POSE_DETECT_VALUES;
    const float inv = 1.0f / CD_POSE_DETECT_INPUT;
    float ax = anchors[2 * bi], ay = anchors[2 * bi + 1];
    float cx = r[1] * inv + ax, cy = r[2] * inv + ay, w = r[3] * inv, h = r[4] * inv;
    best->score = score;
    best->x0 = cx - w * 0.5f;
    best->y0 = cy - h * 0.5f;
    best->x1 = cx + w * 0.5f;
    best->y1 = cy + h * 0.5f;
    for (int k = 0; k < 4; k++) {
        best->kp[k][0] = r[5 + 2 * k] * inv + ax;
        best->kp[k][1] = r[6 + 2 * k] * inv + ay;
    }
    return 1;
}

/* Square ROI centred on (cx, cy), side `side`, whose up direction (crop
 * -y) points along (ux, uy). */
static cd_roi roi_up(float cx, float cy, float ux, float uy, float side)
{
    cd_roi r = {cx, cy, side, side, atan2f(ux, -uy)};
    return r;
}

cd_roi cd_pose_roi_from_alignment(float cx, float cy, float sx, float sy)
{
    float dx = sx - cx, dy = sy - cy;
    float side = 2.0f * sqrtf(dx * dx + dy * dy) * POSE_ROI_SCALE;
    return roi_up(cx, cy, dx, dy, side);
}

int cd_body_point_ok(const cd_body *b, int k, int width, int height)
{
    const cd_point3 *p = &b->kp[k];
    return b->visibility[k] >= HAND_MIN_VISIBILITY && b->presence[k] >= HAND_MIN_VISIBILITY &&
           p->x >= 0 && p->y >= 0 && p->x < (float)width && p->y < (float)height;
}

int cd_hand_roi_from_pose(const cd_body *b, int side, int width, int height, cd_roi *roi)
{
    int wrist = side ? CD_KP_R_WRIST : CD_KP_L_WRIST;
    int index = side ? CD_KP_R_INDEX : CD_KP_L_INDEX;
    int pinky = side ? CD_KP_R_PINKY : CD_KP_L_PINKY;
    /* the wrist may be just outside the picture while the hand is in it */
    if (b->visibility[wrist] < HAND_MIN_VISIBILITY || b->visibility[index] < HAND_MIN_VISIBILITY ||
        !cd_body_point_ok(b, index, width, height))
        return 0;
    const cd_point3 *w = &b->kp[wrist], *i = &b->kp[index], *p = &b->kp[pinky];
    /* the middle finger's knuckle lies a third of the way from the index
     * to the pinky one */
    float mx = (2.0f * i->x + p->x) / 3.0f, my = (2.0f * i->y + p->y) / 3.0f;
    float ux = mx - w->x, uy = my - w->y;
    float len = sqrtf(ux * ux + uy * uy);
    if (!(len > 1.0f))
        return 0;
    float side_px = len * HAND_FROM_POSE_SPAN;
    float shift = side_px * HAND_FROM_POSE_SHIFT / len;
    *roi = roi_up(mx + ux * shift, my + uy * shift, ux, uy, side_px);
    return 1;
}

cd_roi cd_hand_roi_from_landmarks(const cd_point3 *pts)
{
    /* upright = wrist (0) -> middle finger knuckle (9), as MediaPipe */
    float ux = pts[9].x - pts[0].x, uy = pts[9].y - pts[0].y;
    float angle = atan2f(ux, -uy);
    return cd_roi_around_points(pts, CD_HAND_POINTS, angle, HAND_ROI_SCALE);
}

cd_roi cd_pose_roi_from_face(float x0, float y0, float x1, float y1, float roll)
{
    float cx = (x0 + x1) * 0.5f, cy = (y0 + y1) * 0.5f, h = y1 - y0;
    float dx = -sinf(roll), dy = cosf(roll); /* the face's down direction */
    return cd_pose_roi_from_alignment(cx + dx * h * FACE_TO_HIPS, cy + dy * h * FACE_TO_HIPS,
                                      cx - dx * h * FACE_TO_TOP, cy - dy * h * FACE_TO_TOP);
}
