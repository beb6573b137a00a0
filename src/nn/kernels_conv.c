/* kernels_conv.c - convolution, depthwise convolution and max pooling.
 *
 * The fast conv is a direct NHWC convolution without im2col: output channels
 * are blocked by 16 (two AVX registers) and output pixels by 6, giving 12
 * accumulators that stay in registers while the loop walks filter taps and
 * input channels. A 1x1 convolution is then exactly a GEMM micro-kernel.
 * Border pixels, whose taps fall partly into the padding, take a one-pixel
 * path over the valid taps only, so no padded copy of the input is made. */
#include <immintrin.h>
#include <math.h>
#include <string.h>

#include "base/cpu.h"
#include "nn/kernels.h"
#include "nn/kernels_epilogue.h"
#include "nn/nn_internal.h"

bool nn_cpu_fast(void)
{
    return cd_cpu_has_avx2_fma();
}

static int out_size(int in, int k, int s, int d, int padding, int pad_sum, int *pad_before,
                    int explicit_before)
{
    int ek = (k - 1) * d + 1;
    if (padding == NN_PAD_SAME) {
        int o = (in + s - 1) / s;
        int total = (o - 1) * s + ek - in;
        *pad_before = total > 0 ? total / 2 : 0;
        return o;
    }
    if (padding == NN_PAD_EXPLICIT) {
        *pad_before = explicit_before;
        int span = in + pad_sum - ek;
        return span < 0 ? 0 : span / s + 1;
    }
    *pad_before = 0;
    return in < ek ? 0 : (in - ek) / s + 1;
}

int nn_conv_geom_finish(nn_conv_geom *g, int padding, const int explicit_pads[4])
{
    int ep[4] = {0, 0, 0, 0};
    if (explicit_pads)
        memcpy(ep, explicit_pads, sizeof ep);
    if (g->sh < 1 || g->sw < 1 || g->dh < 1 || g->dw < 1 || g->kh < 1 || g->kw < 1)
        return -1;
    g->oh = out_size(g->ih, g->kh, g->sh, g->dh, padding, ep[0] + ep[1], &g->pad_top, ep[0]);
    g->ow = out_size(g->iw, g->kw, g->sw, g->dw, padding, ep[2] + ep[3], &g->pad_left, ep[2]);
    return g->oh > 0 && g->ow > 0 ? 0 : -1;
}

/* ---- reference ----------------------------------------------------------- */

void nn_conv2d_ref(const nn_conv_geom *g, const float *in, const float *filter,
                   const nn_epilogue *ep, float *out)
{
    for (int n = 0; n < g->n; n++)
        for (int oy = 0; oy < g->oh; oy++)
            for (int ox = 0; ox < g->ow; ox++)
                for (int o = 0; o < g->oc; o++) {
                    double acc = 0; /* like tfjs-cpu, whose JS numbers are doubles */
                    for (int ky = 0; ky < g->kh; ky++) {
                        int iy = oy * g->sh - g->pad_top + ky * g->dh;
                        if (iy < 0 || iy >= g->ih)
                            continue;
                        for (int kx = 0; kx < g->kw; kx++) {
                            int ix = ox * g->sw - g->pad_left + kx * g->dw;
                            if (ix < 0 || ix >= g->iw)
                                continue;
                            const float *p = in + (((size_t)n * g->ih + iy) * g->iw + ix) * g->ic;
                            const float *f = filter + ((size_t)(ky * g->kw + kx) * g->ic) * g->oc;
                            for (int ci = 0; ci < g->ic; ci++)
                                acc += p[ci] * f[(size_t)ci * g->oc + o];
                        }
                    }
                    size_t idx = (((size_t)n * g->oh + oy) * g->ow + ox) * g->oc + o;
                    out[idx] = nn_epilogue1(ep, (float)acc, o, idx);
                }
}

void nn_dwconv2d_ref(const nn_conv_geom *g, const float *in, const float *filter,
                     const nn_epilogue *ep, float *out)
{
    int mult = g->oc / g->ic;
    for (int n = 0; n < g->n; n++)
        for (int oy = 0; oy < g->oh; oy++)
            for (int ox = 0; ox < g->ow; ox++)
                for (int c = 0; c < g->ic; c++)
                    for (int m = 0; m < mult; m++) {
                        double acc = 0;
                        for (int ky = 0; ky < g->kh; ky++) {
                            int iy = oy * g->sh - g->pad_top + ky * g->dh;
                            if (iy < 0 || iy >= g->ih)
                                continue;
                            for (int kx = 0; kx < g->kw; kx++) {
                                int ix = ox * g->sw - g->pad_left + kx * g->dw;
                                if (ix < 0 || ix >= g->iw)
                                    continue;
                                acc += in[(((size_t)n * g->ih + iy) * g->iw + ix) * g->ic + c] *
                                       filter[((size_t)(ky * g->kw + kx) * g->ic + c) * mult + m];
                            }
                        }
                        int o = c * mult + m;
                        size_t idx = (((size_t)n * g->oh + oy) * g->ow + ox) * g->oc + o;
                        out[idx] = nn_epilogue1(ep, (float)acc, o, idx);
                    }
}

void nn_maxpool_ref(const nn_conv_geom *g, const float *in, float *out)
{
    for (int n = 0; n < g->n; n++)
        for (int oy = 0; oy < g->oh; oy++)
            for (int ox = 0; ox < g->ow; ox++)
                for (int c = 0; c < g->ic; c++) {
                    float m = -INFINITY;
                    for (int ky = 0; ky < g->kh; ky++) {
                        int iy = oy * g->sh - g->pad_top + ky;
                        if (iy < 0 || iy >= g->ih)
                            continue;
                        for (int kx = 0; kx < g->kw; kx++) {
                            int ix = ox * g->sw - g->pad_left + kx;
                            if (ix < 0 || ix >= g->iw)
                                continue;
                            float v = in[(((size_t)n * g->ih + iy) * g->iw + ix) * g->ic + c];
                            if (v > m)
                                m = v;
                        }
                    }
                    out[(((size_t)n * g->oh + oy) * g->ow + ox) * g->ic + c] = m;
                }
}

/* ---- fast conv ------------------------------------------------------------ */

size_t nn_conv2d_packed_floats(const nn_conv_geom *g)
{
    size_t blocks = ((size_t)g->oc + 15) / 16;
    return blocks * (size_t)g->kh * g->kw * g->ic * 16;
}

void nn_conv2d_pack(const nn_conv_geom *g, const float *filter, float *packed)
{
    int taps = g->kh * g->kw;
    int blocks = (g->oc + 15) / 16;
    for (int b = 0; b < blocks; b++)
        for (int t = 0; t < taps; t++)
            for (int ci = 0; ci < g->ic; ci++) {
                float *dst = packed + (((size_t)b * taps + t) * g->ic + ci) * 16;
                for (int j = 0; j < 16; j++) {
                    int o = b * 16 + j;
                    dst[j] = o < g->oc ? filter[((size_t)t * g->ic + ci) * g->oc + o] : 0.0f;
                }
            }
}

/* Epilogue constants for one block of up to 16 output channels. */
typedef struct block_params {
    __m256 b0, b1, a0, a1, r0, r1; /* bias, PReLU slopes, slopes after the residual */
    int act, act2, noc;
    float *out;            /* output tensor ... */
    const float *residual; /* ... and the residual with the same layout, or NULL */
} block_params;

__attribute__((target("avx2,fma"))) static void
block_params_load(block_params *bp, const nn_epilogue *ep, int oc0, int noc, float *out)
{
    float b[16] = {0}, a[16] = {0}, r[16] = {0};
    if (ep->bias)
        memcpy(b, ep->bias + oc0, (size_t)noc * sizeof(float));
    if (ep->act == NN_ACT_PRELU)
        memcpy(a, ep->alpha + oc0, (size_t)noc * sizeof(float));
    if (ep->residual && ep->act2 == NN_ACT_PRELU)
        memcpy(r, ep->alpha2 + oc0, (size_t)noc * sizeof(float));
    bp->b0 = _mm256_loadu_ps(b);
    bp->b1 = _mm256_loadu_ps(b + 8);
    bp->a0 = _mm256_loadu_ps(a);
    bp->a1 = _mm256_loadu_ps(a + 8);
    bp->r0 = _mm256_loadu_ps(r);
    bp->r1 = _mm256_loadu_ps(r + 8);
    bp->act = ep->act;
    bp->act2 = ep->residual ? ep->act2 : NN_ACT_NONE;
    bp->noc = noc;
    bp->out = out;
    bp->residual = ep->residual;
}

/* Finishes and stores n (1..8) channels of one output pixel. Full vectors
 * go straight out; narrower tails go through a small stack buffer. */
__attribute__((target("avx2,fma"), always_inline)) static inline void
store8(const block_params *bp, __m256 v, __m256 alpha, __m256 alpha2, float *o, int n)
{
    v = nn_act8(v, bp->act, alpha);
    const float *res = bp->residual ? bp->residual + (o - bp->out) : NULL;
    if (n == 8) {
        if (res)
            v = nn_act8(_mm256_add_ps(v, _mm256_loadu_ps(res)), bp->act2, alpha2);
        _mm256_storeu_ps(o, v);
        return;
    }
    float tmp[8] = {0};
    if (res) {
        for (int i = 0; i < n; i++)
            tmp[i] = res[i];
        v = nn_act8(_mm256_add_ps(v, _mm256_loadu_ps(tmp)), bp->act2, alpha2);
    }
    _mm256_storeu_ps(tmp, v);
    for (int i = 0; i < n; i++)
        o[i] = tmp[i];
}

__attribute__((target("avx2,fma"), always_inline)) static inline void
store16(const block_params *bp, __m256 c0, __m256 c1, float *o)
{
    if (bp->noc >= 8) {
        store8(bp, c0, bp->a0, bp->r0, o, 8);
        if (bp->noc > 8)
            store8(bp, c1, bp->a1, bp->r1, o + 8, bp->noc - 8);
    } else {
        store8(bp, c0, bp->a0, bp->r0, o, bp->noc);
    }
}

/* Six output pixels, a block of at most 8 output channels: one vector per
 * pixel, so even and odd input channels accumulate separately to keep 12
 * independent FMA chains in flight. */
__attribute__((target("avx2,fma"))) static void conv_k6x8(const float *const p[6], const int *toff,
                                                          int ntaps, int ic, const float *w,
                                                          const block_params *bp, float *const o[6])
{
    __m256 c0 = bp->b0, c1 = bp->b0, c2 = bp->b0, c3 = bp->b0, c4 = bp->b0, c5 = bp->b0;
    __m256 d0 = _mm256_setzero_ps(), d1 = d0, d2 = d0, d3 = d0, d4 = d0, d5 = d0;
    for (int t = 0; t < ntaps; t++) {
        const float *q0 = p[0] + toff[t], *q1 = p[1] + toff[t], *q2 = p[2] + toff[t];
        const float *q3 = p[3] + toff[t], *q4 = p[4] + toff[t], *q5 = p[5] + toff[t];
        const float *wt = w + (size_t)t * ic * 16;
        int ci = 0;
        for (; ci + 1 < ic; ci += 2, wt += 32) {
            __m256 w0 = _mm256_loadu_ps(wt), w1 = _mm256_loadu_ps(wt + 16);
            c0 = _mm256_fmadd_ps(_mm256_broadcast_ss(q0 + ci), w0, c0);
            c1 = _mm256_fmadd_ps(_mm256_broadcast_ss(q1 + ci), w0, c1);
            c2 = _mm256_fmadd_ps(_mm256_broadcast_ss(q2 + ci), w0, c2);
            c3 = _mm256_fmadd_ps(_mm256_broadcast_ss(q3 + ci), w0, c3);
            c4 = _mm256_fmadd_ps(_mm256_broadcast_ss(q4 + ci), w0, c4);
            c5 = _mm256_fmadd_ps(_mm256_broadcast_ss(q5 + ci), w0, c5);
            d0 = _mm256_fmadd_ps(_mm256_broadcast_ss(q0 + ci + 1), w1, d0);
            d1 = _mm256_fmadd_ps(_mm256_broadcast_ss(q1 + ci + 1), w1, d1);
            d2 = _mm256_fmadd_ps(_mm256_broadcast_ss(q2 + ci + 1), w1, d2);
            d3 = _mm256_fmadd_ps(_mm256_broadcast_ss(q3 + ci + 1), w1, d3);
            d4 = _mm256_fmadd_ps(_mm256_broadcast_ss(q4 + ci + 1), w1, d4);
            d5 = _mm256_fmadd_ps(_mm256_broadcast_ss(q5 + ci + 1), w1, d5);
        }
        if (ci < ic) {
            __m256 w0 = _mm256_loadu_ps(wt);
            c0 = _mm256_fmadd_ps(_mm256_broadcast_ss(q0 + ci), w0, c0);
            c1 = _mm256_fmadd_ps(_mm256_broadcast_ss(q1 + ci), w0, c1);
            c2 = _mm256_fmadd_ps(_mm256_broadcast_ss(q2 + ci), w0, c2);
            c3 = _mm256_fmadd_ps(_mm256_broadcast_ss(q3 + ci), w0, c3);
            c4 = _mm256_fmadd_ps(_mm256_broadcast_ss(q4 + ci), w0, c4);
            c5 = _mm256_fmadd_ps(_mm256_broadcast_ss(q5 + ci), w0, c5);
        }
    }
    int n = bp->noc;
    if (o[0])
        store8(bp, _mm256_add_ps(c0, d0), bp->a0, bp->r0, o[0], n);
    if (o[1])
        store8(bp, _mm256_add_ps(c1, d1), bp->a0, bp->r0, o[1], n);
    if (o[2])
        store8(bp, _mm256_add_ps(c2, d2), bp->a0, bp->r0, o[2], n);
    if (o[3])
        store8(bp, _mm256_add_ps(c3, d3), bp->a0, bp->r0, o[3], n);
    if (o[4])
        store8(bp, _mm256_add_ps(c4, d4), bp->a0, bp->r0, o[4], n);
    if (o[5])
        store8(bp, _mm256_add_ps(c5, d5), bp->a0, bp->r0, o[5], n);
}

/* Six output pixels whose taps are all inside the input. */
__attribute__((target("avx2,fma"))) static void conv_k6(const float *const p[6], const int *toff,
                                                        int ntaps, int ic, const float *w,
                                                        const block_params *bp, float *const o[6])
{
    __m256 c00 = bp->b0, c01 = bp->b1, c10 = bp->b0, c11 = bp->b1, c20 = bp->b0, c21 = bp->b1;
    __m256 c30 = bp->b0, c31 = bp->b1, c40 = bp->b0, c41 = bp->b1, c50 = bp->b0, c51 = bp->b1;
    for (int t = 0; t < ntaps; t++) {
        const float *q0 = p[0] + toff[t], *q1 = p[1] + toff[t], *q2 = p[2] + toff[t];
        const float *q3 = p[3] + toff[t], *q4 = p[4] + toff[t], *q5 = p[5] + toff[t];
        const float *wt = w + (size_t)t * ic * 16;
        for (int ci = 0; ci < ic; ci++, wt += 16) {
            __m256 w0 = _mm256_loadu_ps(wt), w1 = _mm256_loadu_ps(wt + 8), b;
            b = _mm256_broadcast_ss(q0 + ci);
            c00 = _mm256_fmadd_ps(b, w0, c00);
            c01 = _mm256_fmadd_ps(b, w1, c01);
            b = _mm256_broadcast_ss(q1 + ci);
            c10 = _mm256_fmadd_ps(b, w0, c10);
            c11 = _mm256_fmadd_ps(b, w1, c11);
            b = _mm256_broadcast_ss(q2 + ci);
            c20 = _mm256_fmadd_ps(b, w0, c20);
            c21 = _mm256_fmadd_ps(b, w1, c21);
            b = _mm256_broadcast_ss(q3 + ci);
            c30 = _mm256_fmadd_ps(b, w0, c30);
            c31 = _mm256_fmadd_ps(b, w1, c31);
            b = _mm256_broadcast_ss(q4 + ci);
            c40 = _mm256_fmadd_ps(b, w0, c40);
            c41 = _mm256_fmadd_ps(b, w1, c41);
            b = _mm256_broadcast_ss(q5 + ci);
            c50 = _mm256_fmadd_ps(b, w0, c50);
            c51 = _mm256_fmadd_ps(b, w1, c51);
        }
    }
    if (o[0])
        store16(bp, c00, c01, o[0]);
    if (o[1])
        store16(bp, c10, c11, o[1]);
    if (o[2])
        store16(bp, c20, c21, o[2]);
    if (o[3])
        store16(bp, c30, c31, o[3]);
    if (o[4])
        store16(bp, c40, c41, o[4]);
    if (o[5])
        store16(bp, c50, c51, o[5]);
}

/* One output pixel over an explicit list of valid taps (absolute offsets). */
__attribute__((target("avx2,fma"))) static void conv_k1(const float *base, const int *toff,
                                                        const int *tidx, int ntaps, int ic,
                                                        const float *w, const block_params *bp,
                                                        float *o)
{
    __m256 c0 = bp->b0, c1 = bp->b1, d0 = _mm256_setzero_ps(), d1 = _mm256_setzero_ps();
    for (int t = 0; t < ntaps; t++) {
        const float *q = base + toff[t];
        const float *wt = w + (size_t)tidx[t] * ic * 16;
        int ci = 0;
        for (; ci + 1 < ic; ci += 2, wt += 32) {
            __m256 b0 = _mm256_broadcast_ss(q + ci), b1 = _mm256_broadcast_ss(q + ci + 1);
            c0 = _mm256_fmadd_ps(b0, _mm256_loadu_ps(wt), c0);
            c1 = _mm256_fmadd_ps(b0, _mm256_loadu_ps(wt + 8), c1);
            d0 = _mm256_fmadd_ps(b1, _mm256_loadu_ps(wt + 16), d0);
            d1 = _mm256_fmadd_ps(b1, _mm256_loadu_ps(wt + 24), d1);
        }
        if (ci < ic) {
            __m256 b0 = _mm256_broadcast_ss(q + ci);
            c0 = _mm256_fmadd_ps(b0, _mm256_loadu_ps(wt), c0);
            c1 = _mm256_fmadd_ps(b0, _mm256_loadu_ps(wt + 8), c1);
        }
    }
    store16(bp, _mm256_add_ps(c0, d0), _mm256_add_ps(c1, d1), o);
}

static void conv_fast_generic(const nn_conv_geom *g, const float *in, const float *packed,
                              const nn_epilogue *ep, float *out);

/* A 1x1, stride-1, unpadded conv is a GEMM over all pixels of the batch:
 * pixels are taken 6 at a time straight through row ends (small maps such
 * as 8x8 would otherwise waste a third of each row's last group), in
 * chunks of POINTWISE_CHUNK pixels so each 16-channel block's weights stay
 * in L1 while the chunk's inputs stay in L2. */
#define POINTWISE_CHUNK 192

__attribute__((target("avx2,fma"))) static void
conv_fast_pointwise(const nn_conv_geom *g, const float *in, const float *packed,
                    const nn_epilogue *ep, float *out)
{
    static const int toff0[1] = {0};
    long long npix = (long long)g->n * g->oh * g->ow;
    int blocks = (g->oc + 15) / 16, ic = g->ic;
    for (long long c0 = 0; c0 < npix; c0 += POINTWISE_CHUNK) {
        long long c1 = c0 + POINTWISE_CHUNK < npix ? c0 + POINTWISE_CHUNK : npix;
        for (int b = 0; b < blocks; b++) {
            block_params bp;
            int noc = g->oc - b * 16 < 16 ? g->oc - b * 16 : 16;
            block_params_load(&bp, ep, b * 16, noc, out);
            const float *w = packed + (size_t)b * ic * 16;
            for (long long px = c0; px < c1; px += 6) {
                int np = c1 - px < 6 ? (int)(c1 - px) : 6;
                const float *p[6];
                float *o[6];
                for (int i = 0; i < 6; i++) {
                    p[i] = in + (size_t)(px + (i < np ? i : np - 1)) * ic;
                    o[i] = i < np ? out + (size_t)(px + i) * g->oc + b * 16 : NULL;
                }
                if (noc <= 8)
                    conv_k6x8(p, toff0, 1, ic, w, &bp, o);
                else
                    conv_k6(p, toff0, 1, ic, w, &bp, o);
            }
        }
    }
}

void nn_conv2d_fast(const nn_conv_geom *g, const float *in, const float *packed,
                    const nn_epilogue *ep, float *out)
{
    if (nn_conv2d_oc1_fast(g, in, packed, ep, out))
        return;
    if (g->kh == 1 && g->kw == 1 && g->sh == 1 && g->sw == 1 && g->oh == g->ih && g->ow == g->iw)
        conv_fast_pointwise(g, in, packed, ep, out);
    else
        conv_fast_generic(g, in, packed, ep, out);
}

__attribute__((target("avx2,fma"))) static void conv_fast_generic(const nn_conv_geom *g,
                                                                  const float *in,
                                                                  const float *packed,
                                                                  const nn_epilogue *ep, float *out)
{
    int taps = g->kh * g->kw;
    if (taps > NN_MAX_TAPS)
        return; /* the conv op rejects such filters at load time */
    int toff[NN_MAX_TAPS], btoff[NN_MAX_TAPS], btidx[NN_MAX_TAPS];
    for (int ky = 0; ky < g->kh; ky++)
        for (int kx = 0; kx < g->kw; kx++)
            toff[ky * g->kw + kx] = (ky * g->dh * g->iw + kx * g->dw) * g->ic;
    /* Without horizontal dilation one window row is kw*ic contiguous input
     * floats, and the packed filter stores it in the same order, so the
     * 6-pixel kernels walk rows (kh steps of kw*ic) rather than taps (kh*kw
     * steps of ic): a 3x3 RGB conv loops 3 x 9 instead of 9 x 3. */
    int rtoff[NN_MAX_TAPS];
    bool by_rows = g->dw == 1;
    for (int ky = 0; ky < g->kh; ky++)
        rtoff[ky] = ky * g->dh * g->iw * g->ic;
    const int *gtoff = by_rows ? rtoff : toff;
    int gsteps = by_rows ? g->kh : taps, glen = by_rows ? g->kw * g->ic : g->ic;
    int blocks = (g->oc + 15) / 16;
    size_t wblock = (size_t)taps * g->ic * 16;
    /* interior x range: every tap inside the input */
    int ox_lo = (g->pad_left + g->sw - 1) / g->sw;
    int ox_hi = (g->iw - 1 - (g->kw - 1) * g->dw + g->pad_left); /* max ix0 + pad */
    ox_hi = ox_hi < 0 ? -1 : ox_hi / g->sw;
    if (ox_hi > g->ow - 1)
        ox_hi = g->ow - 1;
    for (int n = 0; n < g->n; n++) {
        const float *in_n = in + (size_t)n * g->ih * g->iw * g->ic;
        for (int oy = 0; oy < g->oh; oy++) {
            int iy0 = oy * g->sh - g->pad_top;
            bool row_inside = iy0 >= 0 && iy0 + (g->kh - 1) * g->dh < g->ih;
            float *out_row = out + (((size_t)n * g->oh + oy) * g->ow) * g->oc;
            for (int b = 0; b < blocks; b++) {
                block_params bp;
                int noc = g->oc - b * 16 < 16 ? g->oc - b * 16 : 16;
                block_params_load(&bp, ep, b * 16, noc, out);
                const float *w = packed + (size_t)b * wblock;
                int ox = 0;
                while (ox < g->ow) {
                    /* 1-3 interior pixels left: one at a time beats a group of 6
                     * computing duplicates (a 1x1 output map, e.g. facemesh's head) */
                    if (row_inside && ox >= ox_lo && ox + 3 <= ox_hi) {
                        const float *p[6];
                        float *o[6];
                        int np = ox_hi - ox + 1 < 6 ? ox_hi - ox + 1 : 6;
                        for (int i = 0; i < 6; i++) {
                            int xi = ox + (i < np ? i : np - 1);
                            int ix0 = xi * g->sw - g->pad_left;
                            p[i] = in_n + ((size_t)iy0 * g->iw + ix0) * g->ic;
                            o[i] = i < np ? out_row + (size_t)(ox + i) * g->oc + b * 16 : NULL;
                        }
                        if (noc <= 8)
                            conv_k6x8(p, gtoff, gsteps, glen, w, &bp, o);
                        else
                            conv_k6(p, gtoff, gsteps, glen, w, &bp, o);
                        ox += np;
                        continue;
                    }
                    int ix0 = ox * g->sw - g->pad_left, nt = 0;
                    for (int ky = 0; ky < g->kh; ky++) {
                        int iy = iy0 + ky * g->dh;
                        if (iy < 0 || iy >= g->ih)
                            continue;
                        for (int kx = 0; kx < g->kw; kx++) {
                            int ix = ix0 + kx * g->dw;
                            if (ix < 0 || ix >= g->iw)
                                continue;
                            btoff[nt] = (iy * g->iw + ix) * g->ic;
                            btidx[nt++] = ky * g->kw + kx;
                        }
                    }
                    conv_k1(in_n, btoff, btidx, nt, g->ic, w, &bp,
                            out_row + (size_t)ox * g->oc + b * 16);
                    ox++;
                }
            }
        }
    }
}

/* ---- fast max pool ---------------------------------------------------------- */

/* Each output pixel clips its window to the input once; channels then go 8
 * per vector with no per-tap bounds checks (a last overlapping block covers
 * C % 8 when C >= 8; max is idempotent, so recomputed lanes agree). */
__attribute__((target("avx2,fma"))) void nn_maxpool_fast(const nn_conv_geom *g, const float *in,
                                                         float *out)
{
    int C = g->ic;
    for (int n = 0; n < g->n; n++)
        for (int oy = 0; oy < g->oh; oy++) {
            int iy0 = oy * g->sh - g->pad_top;
            int ky0 = iy0 < 0 ? -iy0 : 0, ky1 = g->ih - iy0 < g->kh ? g->ih - iy0 : g->kh;
            for (int ox = 0; ox < g->ow; ox++) {
                float *o = out + (((size_t)n * g->oh + oy) * g->ow + ox) * C;
                int ix0 = ox * g->sw - g->pad_left;
                int kx0 = ix0 < 0 ? -ix0 : 0, kx1 = g->iw - ix0 < g->kw ? g->iw - ix0 : g->kw;
                if (C < 8 || ky0 >= ky1 || kx0 >= kx1) {
                    for (int c = 0; c < C; c++) {
                        float m = -INFINITY;
                        for (int ky = ky0; ky < ky1; ky++)
                            for (int kx = kx0; kx < kx1; kx++) {
                                const float *base =
                                    in + (((size_t)n * g->ih + iy0 + ky) * g->iw + ix0 + kx) * C;
                                float v = base[c];
                                m = v > m ? v : m;
                            }
                        o[c] = m;
                    }
                    continue;
                }
                /* first valid tap; the operand order keeps NaN handling like v > m */
                const float *base = in + (((size_t)n * g->ih + iy0 + ky0) * g->iw + ix0 + kx0) * C;
                int nky = ky1 - ky0, nkx = kx1 - kx0;
                for (int c0 = 0; c0 < C; c0 += 8) {
                    int c = c0 + 8 <= C ? c0 : C - 8;
                    __m256 m = _mm256_set1_ps(-INFINITY);
                    for (int ky = 0; ky < nky; ky++)
                        for (int kx = 0; kx < nkx; kx++)
                            m = _mm256_max_ps(
                                _mm256_loadu_ps(base + ((size_t)ky * g->iw + kx) * C + c), m);
                    _mm256_storeu_ps(o + c, m);
                }
            }
        }
}
