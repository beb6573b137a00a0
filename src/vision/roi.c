/* roi.c - ROI geometry: mapping between crop and frame, ROIs around points.
 * The crops themselves are in roi_crop.c. */
#include "vision/roi.h"

#include <math.h>

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
