/* roi.c - rotated crops with bilinear sampling, and their inverse. */
#include "vision/roi.h"

#include <math.h>

/* Bilinear sample of all three channels at continuous (x, y), pixel
 * centres at i + 0.5; taps outside the image count as zero. The sums run in
 * one fixed order (row 0 left, right, row 1 left, right) on both paths so
 * the interior fast path gives the same floats as the clipped one. */
static inline void sample3(const cd_rgb_image *img, float x, float y, float out[3])
{
    x -= 0.5f;
    y -= 0.5f;
    /* floor without a libm call (callers keep x, y within the int range) */
    int x0 = (int)x, y0 = (int)y;
    x0 -= (float)x0 > x;
    y0 -= (float)y0 > y;
    float fx = x - (float)x0, fy = y - (float)y0;
    float w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
    if (x0 >= 0 && y0 >= 0 && x0 + 1 < img->width && y0 + 1 < img->height) {
        const unsigned char *p = img->pixels + (size_t)y0 * img->stride + 3 * (size_t)x0;
        const unsigned char *q = p + img->stride;
        for (int c = 0; c < 3; c++) {
            float v = 0;
            v += w00 * (float)p[c];
            v += w01 * (float)p[3 + c];
            v += w10 * (float)q[c];
            v += w11 * (float)q[3 + c];
            out[c] = v;
        }
        return;
    }
    const float w[2][2] = {{w00, w01}, {w10, w11}};
    out[0] = out[1] = out[2] = 0;
    for (int dy = 0; dy < 2; dy++) {
        int yy = y0 + dy;
        if (yy < 0 || yy >= img->height)
            continue;
        const unsigned char *row = img->pixels + (size_t)yy * img->stride;
        for (int dx = 0; dx < 2; dx++) {
            int xx = x0 + dx;
            if (xx < 0 || xx >= img->width)
                continue;
            for (int c = 0; c < 3; c++)
                out[c] += w[dy][dx] * (float)row[xx * 3 + c];
        }
    }
}

void cd_roi_crop(const cd_rgb_image *img, const cd_roi *roi, int size, cd_crop_norm norm,
                 float *out)
{
    float ca = cosf(roi->angle), sa = sinf(roi->angle);
    float sx = roi->w / (float)size, sy = roi->h / (float)size;
    int channels = norm.grayscale ? 1 : 3;
    for (int j = 0; j < size; j++) {
        float dy = ((float)j + 0.5f) * sy - roi->h * 0.5f;
        for (int i = 0; i < size; i++) {
            float dx = ((float)i + 0.5f) * sx - roi->w * 0.5f;
            float x = roi->cx + dx * ca - dy * sa;
            float y = roi->cy + dx * sa + dy * ca;
            float *o = out + ((size_t)j * size + i) * channels;
            /* zero outside the frame, as the official pipeline pads */
            if (x < -1 || y < -1 || x > (float)img->width + 1 || y > (float)img->height + 1) {
                if (norm.grayscale)
                    o[0] = norm.offset;
                else
                    o[0] = o[1] = o[2] = norm.offset;
                continue;
            }
            float rgb[3];
            sample3(img, x, y, rgb);
            if (norm.grayscale) {
                o[0] = (0.2989f * rgb[0] + 0.5870f * rgb[1] + 0.1140f * rgb[2]) * norm.scale +
                       norm.offset;
            } else {
                o[0] = rgb[0] * norm.scale + norm.offset;
                o[1] = rgb[1] * norm.scale + norm.offset;
                o[2] = rgb[2] * norm.scale + norm.offset;
            }
        }
    }
}

cd_point3 cd_roi_to_frame(const cd_roi *roi, int size, float x, float y, float z)
{
    float ca = cosf(roi->angle), sa = sinf(roi->angle);
    float dx = (x / (float)size - 0.5f) * roi->w;
    float dy = (y / (float)size - 0.5f) * roi->h;
    cd_point3 p = {roi->cx + dx * ca - dy * sa, roi->cy + dx * sa + dy * ca,
                   z * fabsf(roi->w) / (float)size};
    return p;
}

void cd_roi_from_frame(const cd_roi *roi, int size, float fx, float fy, float *x, float *y)
{
    float ca = cosf(roi->angle), sa = sinf(roi->angle);
    float ex = fx - roi->cx, ey = fy - roi->cy;
    float dx = ex * ca + ey * sa, dy = -ex * sa + ey * ca;
    *x = (dx / roi->w + 0.5f) * (float)size;
    *y = (dy / roi->h + 0.5f) * (float)size;
}

cd_roi cd_roi_letterbox(int width, int height)
{
    float side = (float)(width > height ? width : height);
    cd_roi r = {(float)width * 0.5f, (float)height * 0.5f, side, side, 0};
    return r;
}

cd_roi cd_roi_around_points(const cd_point3 *pts, int n, float angle, float scale)
{
    float ca = cosf(angle), sa = sinf(angle);
    float minu = INFINITY, maxu = -INFINITY, minv = INFINITY, maxv = -INFINITY;
    for (int i = 0; i < n; i++) {
        /* coordinates in the rotated axes */
        float u = pts[i].x * ca + pts[i].y * sa;
        float v = -pts[i].x * sa + pts[i].y * ca;
        minu = fminf(minu, u);
        maxu = fmaxf(maxu, u);
        minv = fminf(minv, v);
        maxv = fmaxf(maxv, v);
    }
    float cu = (minu + maxu) * 0.5f, cv = (minv + maxv) * 0.5f;
    float side = fmaxf(maxu - minu, maxv - minv) * scale;
    cd_roi r = {cu * ca - cv * sa, cu * sa + cv * ca, side, side, angle};
    return r;
}

float cd_roi_angle_of(float x0, float y0, float x1, float y1)
{
    return atan2f(y1 - y0, x1 - x0);
}
