/* quality.c - lighting, sharpness and framing measures. */
#include "vision/quality.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#define SHARPNESS_CROP 128

/* Mean luma over a box, from a grid of samples LUMA_STEP pixels apart:
 * lighting is smooth at that scale, and this runs on every frame (whole
 * frame and face box), where sampling all 300,000 pixels cost 0.25 ms. The
 * BT.601 weights are applied in 8.8 fixed point (77, 150, 29 sum to 256). */
#define LUMA_STEP 3

float cd_luma_mean(const cd_rgb_image *img, float x0, float y0, float x1, float y1)
{
    int ix0 = (int)fmaxf(0, floorf(x0)), iy0 = (int)fmaxf(0, floorf(y0));
    int ix1 = (int)fminf((float)img->width, ceilf(x1));
    int iy1 = (int)fminf((float)img->height, ceilf(y1));
    if (ix1 <= ix0 || iy1 <= iy0)
        return 0;
    uint64_t sum = 0, n = 0;
    for (int y = iy0; y < iy1; y += LUMA_STEP) {
        const unsigned char *row = img->pixels + (size_t)y * img->stride;
        uint32_t row_sum = 0; /* at most 8192 / 3 samples of 255 * 256 */
        for (int x = ix0; x < ix1; x += LUMA_STEP) {
            const unsigned char *p = row + 3 * x;
            row_sum += 77u * p[0] + 150u * p[1] + 29u * p[2];
            n++;
        }
        sum += row_sum;
    }
    return n ? (float)((double)sum / 256.0 / (double)n) : 0;
}

float cd_laplacian_variance(const float *gray, int size)
{
    /* float sums per row (vectorisable), double across rows (no loss over
     * thousands of rows' worth of terms) */
    double sum = 0, sum2 = 0;
    long n = 0;
    for (int y = 1; y < size - 1; y++) {
        const float *r = gray + (size_t)y * size;
        float rs = 0, rs2 = 0;
        for (int x = 1; x < size - 1; x++) {
            float l = 4.0f * r[x] - r[x - 1] - r[x + 1] - r[x - size] - r[x + size];
            rs += l;
            rs2 += l * l;
        }
        sum += rs;
        sum2 += rs2;
        n += size - 2;
    }
    if (n <= 0)
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
