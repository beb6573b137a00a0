/* quality.c - lighting, sharpness and framing measures. */
#include "vision/quality.h"

#include <math.h>
#include <stdlib.h>

#define SHARPNESS_CROP 128

float cd_luma_mean(const cd_rgb_image *img, float x0, float y0, float x1, float y1)
{
    int ix0 = (int)fmaxf(0, floorf(x0)), iy0 = (int)fmaxf(0, floorf(y0));
    int ix1 = (int)fminf((float)img->width, ceilf(x1));
    int iy1 = (int)fminf((float)img->height, ceilf(y1));
    if (ix1 <= ix0 || iy1 <= iy0)
        return 0;
    /* every other pixel is plenty for a mean and halves the cost */
    double sum = 0;
    long n = 0;
    for (int y = iy0; y < iy1; y += 2) {
        const unsigned char *row = img->pixels + (size_t)y * img->stride;
        for (int x = ix0; x < ix1; x += 2) {
            const unsigned char *p = row + 3 * x;
            sum += 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
            n++;
        }
    }
    return n ? (float)(sum / (double)n) : 0;
}

float cd_laplacian_variance(const float *gray, int size)
{
    double sum = 0, sum2 = 0;
    long n = 0;
    for (int y = 1; y < size - 1; y++)
        for (int x = 1; x < size - 1; x++) {
            const float *p = gray + (size_t)y * size + x;
            double l = 4.0 * p[0] - p[-1] - p[1] - p[-size] - p[size];
            sum += l;
            sum2 += l * l;
            n++;
        }
    if (n == 0)
        return 0;
    double mean = sum / (double)n;
    return (float)(sum2 / (double)n - mean * mean);
}

cd_frame_quality cd_frame_quality_measure(const cd_rgb_image *img, const float *face_box,
                                          const cd_roi *face_roi)
{
    cd_frame_quality q = {0};
    q.frame_luma = cd_luma_mean(img, 0, 0, (float)img->width, (float)img->height);
    q.face_luma = -1;
    cd_roi region;
    if (face_box && face_roi) {
        float x0 = face_box[0], y0 = face_box[1], x1 = face_box[2], y1 = face_box[3];
        q.face_luma = cd_luma_mean(img, x0, y0, x1, y1);
        q.face_fraction = (y1 - y0) / (float)img->height;
        float area = (x1 - x0) * (y1 - y0);
        float ix = fminf(x1, (float)img->width) - fmaxf(x0, 0);
        float iy = fminf(y1, (float)img->height) - fmaxf(y0, 0);
        float inside = ix > 0 && iy > 0 ? ix * iy : 0;
        q.face_cut_off = area > 0 && 1.0f - inside / area > CD_QUALITY_CUT_FRACTION;
        q.face_too_small = q.face_fraction < CD_QUALITY_MIN_FACE_FRACTION;
        q.too_dark = q.face_luma < CD_QUALITY_DARK_LUMA;
        q.backlit = q.frame_luma - q.face_luma > CD_QUALITY_BACKLIT_DELTA;
        region = *face_roi;
        region.w = fabsf(region.w) / 1.5f; /* the face itself, not the mesh margin */
        region.h /= 1.5f;
    } else {
        q.too_dark = q.frame_luma < CD_QUALITY_DARK_LUMA;
        float side = (float)(img->width < img->height ? img->width : img->height) * 0.5f;
        region = (cd_roi){(float)img->width * 0.5f, (float)img->height * 0.5f, side, side, 0};
    }
    float *gray = malloc(sizeof(float) * SHARPNESS_CROP * SHARPNESS_CROP);
    if (gray) {
        cd_roi_crop(img, &region, SHARPNESS_CROP, (cd_crop_norm){1.0f, 0.0f, 1}, gray);
        q.sharpness = cd_laplacian_variance(gray, SHARPNESS_CROP);
        free(gray);
        q.blurred = q.sharpness < CD_QUALITY_BLUR_VARIANCE;
    }
    return q;
}
