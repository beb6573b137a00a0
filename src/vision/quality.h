/* quality.h - is the picture good enough to judge? Lighting, backlight,
 * blur, face size and cut-off, so feedback can say "improve your
 * lighting" instead of misreading a dark or blurred face.
 *
 * Pure functions of a frame (and the face box when there is one); any
 * thread. */
#ifndef CANDOR_VISION_QUALITY_H
#define CANDOR_VISION_QUALITY_H

#include "media/image_rgb.h"
#include "vision/roi.h"

#define CD_QUALITY_DARK_LUMA 50.0f         /* face (or frame) mean luma below: too dark */
#define CD_QUALITY_BACKLIT_DELTA 50.0f     /* background brighter than the face by more */
#define CD_QUALITY_BLUR_VARIANCE 25.0f     /* Laplacian variance of the 128 px face crop */
#define CD_QUALITY_MIN_FACE_FRACTION 0.10f /* face height over frame height */
#define CD_QUALITY_CUT_FRACTION 0.08f      /* face box share outside the frame */

typedef struct cd_frame_quality {
    float frame_luma;    /* 0..255 */
    float face_luma;     /* 0..255, -1 without a face */
    float sharpness;     /* Laplacian variance (face crop, else frame centre) */
    float face_fraction; /* face height / frame height, 0 without a face */
    int too_dark, backlit, blurred, face_too_small, face_cut_off;
} cd_frame_quality;

/* Mean luma of a region (clipped to the frame; whole frame when roi NULL). */
float cd_luma_mean(const cd_rgb_image *img, float x0, float y0, float x1, float y1);
/* Variance of the 4-neighbour Laplacian of a size x size gray crop. */
float cd_laplacian_variance(const float *gray, int size);

/* face_box (x0,y0,x1,y1) and face_roi may be NULL (no face): then only frame-level measures are
 * set. The box is the face's bounding box in frame pixels, possibly outside it. */
cd_frame_quality cd_frame_quality_measure(const cd_rgb_image *img, const float *face_box,
                                          const cd_roi *face_roi);

#endif
