/* kernels_conv_oc1.c - fast convolution with a single output channel
 * (segmentation and score heads, e.g. blazepose's 256x256x8 -> 1 mask).
 *
 * The blocked conv vectorises over output channels, which would waste 15 of
 * 16 lanes here. This path vectorises over input channels instead: each
 * output pixel is a dot product of its window with the filter, 8 input
 * channels per lane, and 8 neighbouring pixels are reduced together so the
 * horizontal sums cost about one instruction per pixel. Needs ic % 8 == 0. */
#include <immintrin.h>
#include <string.h>

#include "nn/kernels.h"
#include "nn/kernels_epilogue.h"
#include "nn/nn_internal.h"

/* Filter taps * input channels the path keeps on the stack. */
#define OC1_MAX_WEIGHTS 4096

/* Sums of each of 8 vectors, as one vector (lane i = sum of a[i]). */
__attribute__((target("avx2,fma"))) static inline __m256 hsum8x8(const __m256 a[8])
{
    __m256 s01 = _mm256_hadd_ps(a[0], a[1]), s23 = _mm256_hadd_ps(a[2], a[3]);
    __m256 s45 = _mm256_hadd_ps(a[4], a[5]), s67 = _mm256_hadd_ps(a[6], a[7]);
    __m256 s0123 = _mm256_hadd_ps(s01, s23), s4567 = _mm256_hadd_ps(s45, s67);
    return _mm256_add_ps(_mm256_permute2f128_ps(s0123, s4567, 0x20),
                         _mm256_permute2f128_ps(s0123, s4567, 0x31));
}

__attribute__((target("avx2,fma"))) static inline float hsum1(__m256 v)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

/* One pixel over its valid taps. */
__attribute__((target("avx2,fma"))) static float oc1_pixel(const nn_conv_geom *g, const float *in_n,
                                                           const float *w, int oy, int ox)
{
    __m256 acc = _mm256_setzero_ps();
    for (int ky = 0; ky < g->kh; ky++) {
        int iy = oy * g->sh - g->pad_top + ky * g->dh;
        if (iy < 0 || iy >= g->ih)
            continue;
        for (int kx = 0; kx < g->kw; kx++) {
            int ix = ox * g->sw - g->pad_left + kx * g->dw;
            if (ix < 0 || ix >= g->iw)
                continue;
            const float *p = in_n + ((size_t)iy * g->iw + ix) * g->ic;
            const float *wt = w + (size_t)(ky * g->kw + kx) * g->ic;
            for (int ci = 0; ci < g->ic; ci += 8)
                acc = _mm256_fmadd_ps(_mm256_loadu_ps(p + ci), _mm256_loadu_ps(wt + ci), acc);
        }
    }
    return hsum1(acc);
}

__attribute__((target("avx2,fma"))) static void oc1_run(const nn_conv_geom *g, const float *in,
                                                        const float *w, const int *toff,
                                                        const nn_epilogue *ep, float *out)
{
    int taps = g->kh * g->kw, ic = g->ic;
    int ox_lo = (g->pad_left + g->sw - 1) / g->sw;
    int span = g->iw - 1 - (g->kw - 1) * g->dw + g->pad_left;
    int ox_hi = span < 0 ? -1 : span / g->sw;
    if (ox_hi > g->ow - 1)
        ox_hi = g->ow - 1;
    float bias = ep->bias ? ep->bias[0] : 0.0f;
    nn_epi8 e = {
        .bias = _mm256_set1_ps(bias),
        .alpha = _mm256_set1_ps(ep->act == NN_ACT_PRELU ? ep->alpha[0] : 0.0f),
        .alpha2 = _mm256_set1_ps(ep->residual && ep->act2 == NN_ACT_PRELU ? ep->alpha2[0] : 0.0f)};
    for (int n = 0; n < g->n; n++) {
        const float *in_n = in + (size_t)n * g->ih * g->iw * ic;
        for (int oy = 0; oy < g->oh; oy++) {
            int iy0 = oy * g->sh - g->pad_top;
            bool row_inside = iy0 >= 0 && iy0 + (g->kh - 1) * g->dh < g->ih;
            size_t row = ((size_t)n * g->oh + oy) * g->ow;
            int ox = 0;
            while (ox < g->ow) {
                if (row_inside && ox >= ox_lo && ox + 7 <= ox_hi) {
                    const float *p0 = in_n + ((size_t)iy0 * g->iw + ox * g->sw - g->pad_left) * ic;
                    size_t ps = (size_t)g->sw * ic;
                    __m256 acc[8];
                    for (int p = 0; p < 8; p++)
                        acc[p] = _mm256_setzero_ps();
                    for (int t = 0; t < taps; t++) {
                        const float *q = p0 + toff[t];
                        const float *wt = w + (size_t)t * ic;
                        for (int ci = 0; ci < ic; ci += 8) {
                            __m256 wv = _mm256_loadu_ps(wt + ci);
#pragma GCC unroll 8
                            for (int p = 0; p < 8; p++)
                                acc[p] =
                                    _mm256_fmadd_ps(_mm256_loadu_ps(q + p * ps + ci), wv, acc[p]);
                        }
                    }
                    nn_epi8_store(ep, &e, _mm256_add_ps(hsum8x8(acc), e.bias), out, row + ox);
                    ox += 8;
                    continue;
                }
                size_t idx = row + ox;
                out[idx] = nn_epilogue1(ep, oc1_pixel(g, in_n, w, oy, ox), 0, idx);
                ox++;
            }
        }
    }
}

bool nn_conv2d_oc1_fast(const nn_conv_geom *g, const float *in, const float *packed,
                        const nn_epilogue *ep, float *out)
{
    int taps = g->kh * g->kw;
    if (g->oc != 1 || g->ic % 8 || (size_t)taps * g->ic > OC1_MAX_WEIGHTS)
        return false;
    /* the packed filter keeps 16 lanes per (tap, input channel): take lane 0 */
    float w[OC1_MAX_WEIGHTS];
    int toff[NN_MAX_TAPS];
    for (int t = 0; t < taps; t++)
        for (int ci = 0; ci < g->ic; ci++)
            w[t * g->ic + ci] = packed[((size_t)t * g->ic + ci) * 16];
    for (int ky = 0; ky < g->kh; ky++)
        for (int kx = 0; kx < g->kw; kx++)
            toff[ky * g->kw + kx] = (ky * g->dh * g->iw + kx * g->dw) * g->ic;
    oc1_run(g, in, w, toff, ep, out);
    return true;
}
