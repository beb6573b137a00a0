/* roi.c - rotated crops with bilinear sampling, and their inverse. */
#include "vision/roi.h"

#include <math.h>

static inline float sample(const cd_rgb_image *img, float x, float y, int c)
{
    /* x, y in continuous coordinates; pixel centres at i + 0.5 */
    x -= 0.5f;
    y -= 0.5f;
    int x0 = (int)floorf(x), y0 = (int)floorf(y);
    float fx = x - (float)x0, fy = y - (float)y0;
    float v = 0;
    for (int dy = 0; dy < 2; dy++) {
        int yy = y0 + dy;
        if (yy < 0 || yy >= img->height)
            continue;
        float wy = dy ? fy : 1 - fy;
        const unsigned char *row = img->pixels + (size_t)yy * img->stride;
        for (int dx = 0; dx < 2; dx++) {
            int xx = x0 + dx;
            if (xx < 0 || xx >= img->width)
                continue;
            float wx = dx ? fx : 1 - fx;
            v += wx * wy * (float)row[xx * 3 + c];
        }
    }
    return v;
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
            float r = sample(img, x, y, 0), g = sample(img, x, y, 1), b = sample(img, x, y, 2);
            if (norm.grayscale) {
                o[0] = (0.2989f * r + 0.5870f * g + 0.1140f * b) * norm.scale + norm.offset;
            } else {
                o[0] = r * norm.scale + norm.offset;
                o[1] = g * norm.scale + norm.offset;
                o[2] = b * norm.scale + norm.offset;
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
