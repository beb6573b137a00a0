/* roi.h - rotated regions of interest and the crops fed to the models.
 *
 * Every model in the face/body pipeline sees a square crop of the frame,
 * possibly rotated so the face or body is upright. A cd_roi describes that
 * crop once; the same description maps model-space landmarks back to frame
 * pixels, so crop and un-crop can never disagree.
 *
 * Convention: image coordinates in pixels, x right, y down, pixel i covers
 * [i, i+1). A ROI is centred at (cx, cy), `w` x `h` pixels, its x axis
 * pointing along (cos angle, sin angle). A negative w mirrors the crop
 * horizontally (used for the right eye of the iris model).
 *
 * Pure functions, no allocation, any thread. */
#ifndef CANDOR_VISION_ROI_H
#define CANDOR_VISION_ROI_H

#include "media/image_rgb.h"

typedef struct cd_roi {
    float cx, cy; /* centre, frame pixels */
    float w, h;   /* size, frame pixels (w < 0: mirrored) */
    float angle;  /* radians */
} cd_roi;

typedef struct cd_point3 {
    float x, y, z;
} cd_point3;

/* Normalisation of the crop: value = pixel * scale + offset, per channel
 * (e.g. scale 1/255, offset 0 for [0,1]; 1/127.5, -1 for [-1,1]). */
typedef struct cd_crop_norm {
    float scale;
    float offset;
    int grayscale; /* 1: one channel, BT.601 luma of RGB */
} cd_crop_norm;

/* Samples `roi` from img into out (size x size x C floats, NHWC, bilinear,
 * zero outside the frame). */
void cd_roi_crop(const cd_rgb_image *img, const cd_roi *roi, int size, cd_crop_norm norm,
                 float *out);
/* The same crop one pixel at a time, without SIMD: what cd_roi_crop must
 * equal (up to float rounding) and what runs on CPUs without AVX2. */
void cd_roi_crop_reference(const cd_rgb_image *img, const cd_roi *roi, int size, cd_crop_norm norm,
                           float *out);

/* Maps a point given in crop pixels (0..size) back to frame pixels. The z
 * coordinate is scaled like x. */
cd_point3 cd_roi_to_frame(const cd_roi *roi, int size, float x, float y, float z);
/* Inverse of cd_roi_to_frame for x, y. */
void cd_roi_from_frame(const cd_roi *roi, int size, float fx, float fy, float *x, float *y);

/* The square ROI, centred on the frame, that holds the whole frame
 * (letterboxing for the detectors). */
cd_roi cd_roi_letterbox(int width, int height);

/* Square ROI around points (frame pixels) in the frame rotated by `angle`:
 * their bounding box in the rotated axes, scaled by `scale`, side = the
 * longer one. n >= 1. */
cd_roi cd_roi_around_points(const cd_point3 *pts, int n, float angle, float scale);

/* Angle that makes the line p0->p1 horizontal (p0 on the left). */
float cd_roi_angle_of(float x0, float y0, float x1, float y1);

#endif
