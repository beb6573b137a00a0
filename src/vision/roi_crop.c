/* roi_crop.c - the crops fed to the models: rotated, scaled, bilinear.
 *
 * Every analysed frame is cropped four to five times (face mesh 192x192,
 * two iris 64x64 crops, emotion 64x64, the 128x128 sharpness patch), about
 * 65,000 output pixels, so this is the hottest code outside src/nn. The
 * plain version samples one pixel at a time; the AVX2 version does eight at
 * once with gathers when all eight lie wholly inside the frame, and hands
 * any group touching the border to the plain per-pixel code, so both give
 * the same pixels up to float rounding (checked by test_geometry). */
#include <immintrin.h>
#include <math.h>
#include <stdbool.h>

#include "base/cpu.h"
#include "vision/roi.h"

/* BT.601 luma weights of the grayscale crop. */
#define LUMA_R 0.2989f
#define LUMA_G 0.5870f
#define LUMA_B 0.1140f

/* Bilinear sample of all three channels at continuous (x, y), pixel
 * centres at i + 0.5; taps outside the image count as zero. */
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

/* One output pixel at frame position (x, y). */
static inline void crop_pixel(const cd_rgb_image *img, float x, float y, cd_crop_norm norm,
                              float *o)
{
    /* zero outside the frame, as the official pipeline pads; written so a
     * NaN position (a model's garbage output) also counts as outside */
    if (!(x >= -1 && y >= -1 && x <= (float)img->width + 1 && y <= (float)img->height + 1)) {
        o[0] = norm.offset;
        if (!norm.grayscale)
            o[1] = o[2] = norm.offset;
        return;
    }
    float rgb[3];
    sample3(img, x, y, rgb);
    if (norm.grayscale) {
        o[0] = (LUMA_R * rgb[0] + LUMA_G * rgb[1] + LUMA_B * rgb[2]) * norm.scale + norm.offset;
    } else {
        o[0] = rgb[0] * norm.scale + norm.offset;
        o[1] = rgb[1] * norm.scale + norm.offset;
        o[2] = rgb[2] * norm.scale + norm.offset;
    }
}

/* Geometry shared by both versions: output pixel (i, j) samples frame point
 * (x0 + i*ux + j*vx, y0 + i*uy + j*vy), i.e. the ROI's rotated axes. */
typedef struct crop_axes {
    float x0, y0; /* frame position of output pixel (0, 0)'s centre */
    float ux, uy; /* one output pixel to the right */
    float vx, vy; /* one output pixel down */
} crop_axes;

static crop_axes axes_of(const cd_roi *roi, int size)
{
    float ca = cosf(roi->angle), sa = sinf(roi->angle);
    float sx = roi->w / (float)size, sy = roi->h / (float)size;
    float dx = 0.5f * sx - roi->w * 0.5f, dy = 0.5f * sy - roi->h * 0.5f;
    crop_axes a = {roi->cx + dx * ca - dy * sa,
                   roi->cy + dx * sa + dy * ca,
                   sx * ca,
                   sx * sa,
                   -sy * sa,
                   sy * ca};
    return a;
}

void cd_roi_crop_reference(const cd_rgb_image *img, const cd_roi *roi, int size, cd_crop_norm norm,
                           float *out)
{
    crop_axes a = axes_of(roi, size);
    int channels = norm.grayscale ? 1 : 3;
    for (int j = 0; j < size; j++)
        for (int i = 0; i < size; i++) {
            float x = a.x0 + (float)i * a.ux + (float)j * a.vx;
            float y = a.y0 + (float)i * a.uy + (float)j * a.vy;
            crop_pixel(img, x, y, norm, out + ((size_t)j * size + i) * channels);
        }
}

/* Eight neighbouring output pixels with AVX2. Returns false, writing
 * nothing, when any of their 2x2 taps (plus the one byte the 32-bit gather
 * reads past the right tap) leaves the frame. */
__attribute__((target("avx2,fma"))) static bool crop8_avx2(const cd_rgb_image *img, __m256 x,
                                                           __m256 y, cd_crop_norm norm, float *o)
{
    const __m256 half = _mm256_set1_ps(0.5f);
    x = _mm256_sub_ps(x, half);
    y = _mm256_sub_ps(y, half);
    __m256 xf = _mm256_floor_ps(x), yf = _mm256_floor_ps(y);
    /* the comparisons on floats first: positions far outside (or NaN)
     * would not survive the conversion to int */
    __m256 inside = _mm256_and_ps(
        _mm256_and_ps(_mm256_cmp_ps(xf, _mm256_setzero_ps(), _CMP_GE_OQ),
                      _mm256_cmp_ps(yf, _mm256_setzero_ps(), _CMP_GE_OQ)),
        _mm256_and_ps(_mm256_cmp_ps(xf, _mm256_set1_ps((float)(img->width - 3)), _CMP_LE_OQ),
                      _mm256_cmp_ps(yf, _mm256_set1_ps((float)(img->height - 2)), _CMP_LE_OQ)));
    if (_mm256_movemask_ps(inside) != 0xff)
        return false;
    __m256i xi = _mm256_cvtps_epi32(xf), yi = _mm256_cvtps_epi32(yf);
    __m256i off = _mm256_add_epi32(_mm256_mullo_epi32(yi, _mm256_set1_epi32(img->stride)),
                                   _mm256_mullo_epi32(xi, _mm256_set1_epi32(3)));
    const int *base = (const int *)(const void *)img->pixels;
    __m256i stride = _mm256_set1_epi32(img->stride);
    __m256i t00 = _mm256_i32gather_epi32(base, off, 1);
    __m256i t01 = _mm256_i32gather_epi32(base, _mm256_add_epi32(off, _mm256_set1_epi32(3)), 1);
    __m256i off1 = _mm256_add_epi32(off, stride);
    __m256i t10 = _mm256_i32gather_epi32(base, off1, 1);
    __m256i t11 = _mm256_i32gather_epi32(base, _mm256_add_epi32(off1, _mm256_set1_epi32(3)), 1);
    __m256 fx = _mm256_sub_ps(x, xf), fy = _mm256_sub_ps(y, yf);
    __m256 one = _mm256_set1_ps(1.0f);
    __m256 gx = _mm256_sub_ps(one, fx), gy = _mm256_sub_ps(one, fy);
    __m256 w00 = _mm256_mul_ps(gx, gy), w01 = _mm256_mul_ps(fx, gy);
    __m256 w10 = _mm256_mul_ps(gx, fy), w11 = _mm256_mul_ps(fx, fy);
    const __m256i byte = _mm256_set1_epi32(0xff);
    /* the three channels are bytes 0, 1, 2 of each gathered 32-bit word */
#define TAP(t, s) _mm256_cvtepi32_ps(_mm256_and_si256(_mm256_srli_epi32(t, s), byte))
#define BILINEAR(s)                                                                                \
    _mm256_fmadd_ps(                                                                               \
        w11, TAP(t11, s),                                                                          \
        _mm256_fmadd_ps(w10, TAP(t10, s),                                                          \
                        _mm256_fmadd_ps(w01, TAP(t01, s), _mm256_mul_ps(w00, TAP(t00, s)))))
    __m256 ch[3] = {BILINEAR(0), BILINEAR(8), BILINEAR(16)};
#undef BILINEAR
#undef TAP
    __m256 scale = _mm256_set1_ps(norm.scale), offset = _mm256_set1_ps(norm.offset);
    if (norm.grayscale) {
        __m256 l = _mm256_mul_ps(ch[0], _mm256_set1_ps(LUMA_R));
        l = _mm256_fmadd_ps(ch[1], _mm256_set1_ps(LUMA_G), l);
        l = _mm256_fmadd_ps(ch[2], _mm256_set1_ps(LUMA_B), l);
        _mm256_storeu_ps(o, _mm256_fmadd_ps(l, scale, offset));
        return true;
    }
    float tmp[3][8];
    for (int c = 0; c < 3; c++)
        _mm256_storeu_ps(tmp[c], _mm256_fmadd_ps(ch[c], scale, offset));
    for (int k = 0; k < 8; k++) {
        o[3 * k] = tmp[0][k];
        o[3 * k + 1] = tmp[1][k];
        o[3 * k + 2] = tmp[2][k];
    }
    return true;
}

__attribute__((target("avx2,fma"))) static void
crop_avx2(const cd_rgb_image *img, const cd_roi *roi, int size, cd_crop_norm norm, float *out)
{
    crop_axes a = axes_of(roi, size);
    int channels = norm.grayscale ? 1 : 3;
    const __m256 lane = _mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7);
    for (int j = 0; j < size; j++) {
        float rx = a.x0 + (float)j * a.vx, ry = a.y0 + (float)j * a.vy;
        float *row = out + (size_t)j * size * channels;
        int i = 0;
        for (; i + 8 <= size; i += 8) {
            __m256 fi = _mm256_add_ps(_mm256_set1_ps((float)i), lane);
            __m256 x = _mm256_fmadd_ps(fi, _mm256_set1_ps(a.ux), _mm256_set1_ps(rx));
            __m256 y = _mm256_fmadd_ps(fi, _mm256_set1_ps(a.uy), _mm256_set1_ps(ry));
            if (crop8_avx2(img, x, y, norm, row + (size_t)i * channels))
                continue;
            for (int k = i; k < i + 8; k++)
                crop_pixel(img, rx + (float)k * a.ux, ry + (float)k * a.uy, norm,
                           row + (size_t)k * channels);
        }
        for (; i < size; i++)
            crop_pixel(img, rx + (float)i * a.ux, ry + (float)i * a.uy, norm,
                       row + (size_t)i * channels);
    }
}

void cd_roi_crop(const cd_rgb_image *img, const cd_roi *roi, int size, cd_crop_norm norm,
                 float *out)
{
    if (cd_cpu_has_avx2_fma() && img->width >= 3 && img->height >= 2)
        crop_avx2(img, roi, size, norm, out);
    else
        cd_roi_crop_reference(img, roi, size, norm, out);
}
