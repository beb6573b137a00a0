/* kernels_dw.c - fast (AVX2/FMA) depthwise convolution, multiplier 1.
 *
 * NHWC depthwise is a per-channel stencil, so channels are the vector lanes
 * (8 per register). For the filters these models use (3x3 and 5x5, stride 1
 * or 2, no dilation) interior pixels - every horizontal tap inside the
 * input - take a specialised path: 8 (then 4, 2, 1) neighbouring output
 * pixels are computed together, walking each input row once: every input
 * vector loaded is used by all the output pixels whose window covers it
 * (up to kw of them at stride 1), and one filter row stays in registers.
 * Rows whose window crosses the top or bottom edge simply walk fewer filter
 * rows. Channel counts that are not a multiple of 8 finish with one
 * overlapping block (channels C-8..C-1 recomputed, same values), so there
 * is no scalar tail. Left/right border pixels and every other shape take a
 * generic per-pixel path over the valid taps. */
#include <immintrin.h>
#include <string.h>

#include "nn/kernels.h"
#include "nn/kernels_epilogue.h"
#include "nn/nn_internal.h"

/* Valid tap range of one output pixel along one axis. */
static inline void tap_range(int i0, int k, int d, int size, int *lo, int *hi)
{
    int a = 0, b = k;
    while (a < b && i0 + a * d < 0)
        a++;
    while (b > a && i0 + (b - 1) * d >= size)
        b--;
    *lo = a;
    *hi = b;
}

/* Generic path: one output pixel, any window/stride/dilation. */
__attribute__((target("avx2,fma"))) static void dw_pixel(const nn_conv_geom *g, const float *in_n,
                                                         const float *filter, const nn_epilogue *ep,
                                                         int oy, int ox, float *out, size_t idx)
{
    int C = g->ic;
    int iy0 = oy * g->sh - g->pad_top, ix0 = ox * g->sw - g->pad_left;
    int ky0, ky1, kx0, kx1;
    tap_range(iy0, g->kh, g->dh, g->ih, &ky0, &ky1);
    tap_range(ix0, g->kw, g->dw, g->iw, &kx0, &kx1);
    if (C < 8) {
        for (int c = 0; c < C; c++) {
            float acc = 0;
            for (int ky = ky0; ky < ky1; ky++)
                for (int kx = kx0; kx < kx1; kx++)
                    acc += in_n[((size_t)(iy0 + ky * g->dh) * g->iw + ix0 + kx * g->dw) * C + c] *
                           filter[(size_t)(ky * g->kw + kx) * C + c];
            out[idx + c] = nn_epilogue1(ep, acc, c, idx + c);
        }
        return;
    }
    int c0 = 0;
    /* four channel blocks at once: four independent FMA chains instead of
     * one running at FMA latency (each channel still sums its taps in the
     * same order, so the values do not change) */
    for (; c0 + 32 <= C; c0 += 32) {
        nn_epi8 e0 = nn_epi8_load(ep, c0), e1 = nn_epi8_load(ep, c0 + 8);
        nn_epi8 e2 = nn_epi8_load(ep, c0 + 16), e3 = nn_epi8_load(ep, c0 + 24);
        __m256 a0 = e0.bias, a1 = e1.bias, a2 = e2.bias, a3 = e3.bias;
        for (int ky = ky0; ky < ky1; ky++) {
            const float *row = in_n + ((size_t)(iy0 + ky * g->dh) * g->iw) * C + c0;
            const float *frow = filter + (size_t)ky * g->kw * C + c0;
            for (int kx = kx0; kx < kx1; kx++) {
                const float *x = row + (size_t)(ix0 + kx * g->dw) * C, *f = frow + (size_t)kx * C;
                a0 = _mm256_fmadd_ps(_mm256_loadu_ps(x), _mm256_loadu_ps(f), a0);
                a1 = _mm256_fmadd_ps(_mm256_loadu_ps(x + 8), _mm256_loadu_ps(f + 8), a1);
                a2 = _mm256_fmadd_ps(_mm256_loadu_ps(x + 16), _mm256_loadu_ps(f + 16), a2);
                a3 = _mm256_fmadd_ps(_mm256_loadu_ps(x + 24), _mm256_loadu_ps(f + 24), a3);
            }
        }
        nn_epi8_store(ep, &e0, a0, out, idx + c0);
        nn_epi8_store(ep, &e1, a1, out, idx + c0 + 8);
        nn_epi8_store(ep, &e2, a2, out, idx + c0 + 16);
        nn_epi8_store(ep, &e3, a3, out, idx + c0 + 24);
    }
    for (; c0 < C; c0 += 8) {
        int c = c0 + 8 <= C ? c0 : C - 8;
        nn_epi8 e = nn_epi8_load(ep, c);
        __m256 acc = e.bias;
        for (int ky = ky0; ky < ky1; ky++) {
            const float *row = in_n + ((size_t)(iy0 + ky * g->dh) * g->iw) * C + c;
            const float *frow = filter + (size_t)ky * g->kw * C + c;
            for (int kx = kx0; kx < kx1; kx++)
                acc = _mm256_fmadd_ps(_mm256_loadu_ps(row + (size_t)(ix0 + kx * g->dw) * C),
                                      _mm256_loadu_ps(frow + (size_t)kx * C), acc);
        }
        nn_epi8_store(ep, &e, acc, out, idx + c);
    }
}

/* Epilogues the interior kernels are compiled for: none, the common
 * Relu6/Relu without a residual, and everything else through
 * nn_epi8_store (whose switch per stored vector costs as much as the
 * stencil itself on narrow channel counts). */
enum { DW_PLAIN, DW_RELU6, DW_RELU, DW_GENERIC };

static int dw_mode(const nn_epilogue *ep)
{
    if (ep->residual)
        return DW_GENERIC;
    return ep->act == NN_ACT_NONE    ? DW_PLAIN
           : ep->act == NN_ACT_RELU6 ? DW_RELU6
           : ep->act == NN_ACT_RELU  ? DW_RELU
                                     : DW_GENERIC;
}

/* NP neighbouring interior output pixels, 8 channels, window width K,
 * horizontal stride S (all compile-time constants after inlining).
 * `in` points at the first pixel's first tap (row ky0), `f` at filter row
 * ky0, both at channel c; rows are `rstride` floats apart in the input. */
__attribute__((target("avx2,fma"), always_inline)) static inline void
dw_run8(const float *in, size_t rstride, int nrows, const float *f, int C, const int K, const int S,
        const int NP, const int mode, const nn_epilogue *ep, const nn_epi8 *e, float *out,
        size_t idx)
{
    __m256 acc[8];
#pragma GCC unroll 8
    for (int p = 0; p < NP; p++)
        acc[p] = e->bias;
    /* Tap-major order: for each tap every pixel's accumulator takes one FMA,
     * so NP independent chains are in flight (column-major order, which
     * shares each input load among neighbours, chains successive FMAs into
     * the same accumulator and runs at FMA latency, a third of the rate). */
    /* Tap-major order: for each tap every pixel's accumulator takes one FMA,
     * so NP independent chains are in flight. */
    for (int r = 0; r < nrows; r++, in += rstride, f += (size_t)K * C) {
#pragma GCC unroll 5
        for (int kx = 0; kx < K; kx++) {
            __m256 w = _mm256_loadu_ps(f + (size_t)kx * C);
#pragma GCC unroll 8
            for (int p = 0; p < NP; p++)
                acc[p] = _mm256_fmadd_ps(_mm256_loadu_ps(in + (size_t)(p * S + kx) * C), w, acc[p]);
        }
    }
#pragma GCC unroll 8
    for (int p = 0; p < NP; p++)
        if (mode == DW_PLAIN) /* the bias is already in */
            _mm256_storeu_ps(out + idx + (size_t)p * C, acc[p]);
        else if (mode == DW_RELU6)
            _mm256_storeu_ps(
                out + idx + (size_t)p * C,
                _mm256_min_ps(_mm256_max_ps(acc[p], _mm256_setzero_ps()), _mm256_set1_ps(6.0f)));
        else if (mode == DW_RELU)
            _mm256_storeu_ps(out + idx + (size_t)p * C, _mm256_max_ps(acc[p], _mm256_setzero_ps()));
        else
            nn_epi8_store(ep, e, acc[p], out, idx + (size_t)p * C);
}

/* Interior pixels ox_lo..ox_hi of one output row, for window width K and
 * horizontal stride S. */
__attribute__((target("avx2,fma"), always_inline)) static inline void
dw_interior(const nn_conv_geom *g, const float *in_n, const float *filter, const nn_epilogue *ep,
            int oy, int ox_lo, int ox_hi, float *out, size_t row_idx, const int K, const int S,
            const int mode)
{
    int C = g->ic;
    int iy0 = oy * g->sh - g->pad_top, ky0, ky1;
    tap_range(iy0, g->kh, g->dh, g->ih, &ky0, &ky1);
    size_t rstride = (size_t)g->dh * g->iw * C;
    const float *in_r = in_n + (size_t)(iy0 + ky0 * g->dh) * g->iw * C;
    const float *f_r = filter + (size_t)ky0 * K * C;
    int nrows = ky1 - ky0;
    int ox = ox_lo;
    for (; ox + 8 <= ox_hi + 1; ox += 8) {
        const float *in_p = in_r + (size_t)(ox * S - g->pad_left) * C;
        size_t idx = row_idx + (size_t)ox * C;
        for (int c0 = 0; c0 < C; c0 += 8) {
            int c = c0 + 8 <= C ? c0 : C - 8;
            nn_epi8 e = nn_epi8_load(ep, c);
            dw_run8(in_p + c, rstride, nrows, f_r + c, C, K, S, 8, mode, ep, &e, out, idx + c);
        }
    }
    for (; ox + 4 <= ox_hi + 1; ox += 4) {
        const float *in_p = in_r + (size_t)(ox * S - g->pad_left) * C;
        size_t idx = row_idx + (size_t)ox * C;
        for (int c0 = 0; c0 < C; c0 += 8) {
            int c = c0 + 8 <= C ? c0 : C - 8;
            nn_epi8 e = nn_epi8_load(ep, c);
            dw_run8(in_p + c, rstride, nrows, f_r + c, C, K, S, 4, mode, ep, &e, out, idx + c);
        }
    }
    for (; ox + 2 <= ox_hi + 1; ox += 2) {
        const float *in_p = in_r + (size_t)(ox * S - g->pad_left) * C;
        size_t idx = row_idx + (size_t)ox * C;
        for (int c0 = 0; c0 < C; c0 += 8) {
            int c = c0 + 8 <= C ? c0 : C - 8;
            nn_epi8 e = nn_epi8_load(ep, c);
            dw_run8(in_p + c, rstride, nrows, f_r + c, C, K, S, 2, mode, ep, &e, out, idx + c);
        }
    }
    for (; ox <= ox_hi; ox++) {
        const float *in_p = in_r + (size_t)(ox * S - g->pad_left) * C;
        size_t idx = row_idx + (size_t)ox * C;
        for (int c0 = 0; c0 < C; c0 += 8) {
            int c = c0 + 8 <= C ? c0 : C - 8;
            nn_epi8 e = nn_epi8_load(ep, c);
            dw_run8(in_p + c, rstride, nrows, f_r + c, C, K, S, 1, mode, ep, &e, out, idx + c);
        }
    }
}

/* dw_interior with the epilogue's mode turned into a compile-time constant,
 * so each (K, S) below gets four fully specialised loops. */
__attribute__((target("avx2,fma"), always_inline)) static inline void
dw_interior_by_mode(const nn_conv_geom *g, const float *in_n, const float *filter,
                    const nn_epilogue *ep, int oy, int lo, int hi, float *out, size_t row_idx,
                    int K, int S)
{
    switch (dw_mode(ep)) {
    case DW_PLAIN:
        dw_interior(g, in_n, filter, ep, oy, lo, hi, out, row_idx, K, S, DW_PLAIN);
        break;
    case DW_RELU6:
        dw_interior(g, in_n, filter, ep, oy, lo, hi, out, row_idx, K, S, DW_RELU6);
        break;
    case DW_RELU:
        dw_interior(g, in_n, filter, ep, oy, lo, hi, out, row_idx, K, S, DW_RELU);
        break;
    default:
        dw_interior(g, in_n, filter, ep, oy, lo, hi, out, row_idx, K, S, DW_GENERIC);
    }
}

__attribute__((target("avx2,fma"))) static void
dw_interior_k3s1(const nn_conv_geom *g, const float *in_n, const float *filter,
                 const nn_epilogue *ep, int oy, int lo, int hi, float *out, size_t row_idx)
{
    dw_interior_by_mode(g, in_n, filter, ep, oy, lo, hi, out, row_idx, 3, 1);
}

__attribute__((target("avx2,fma"))) static void
dw_interior_k3s2(const nn_conv_geom *g, const float *in_n, const float *filter,
                 const nn_epilogue *ep, int oy, int lo, int hi, float *out, size_t row_idx)
{
    dw_interior_by_mode(g, in_n, filter, ep, oy, lo, hi, out, row_idx, 3, 2);
}

__attribute__((target("avx2,fma"))) static void
dw_interior_k5s1(const nn_conv_geom *g, const float *in_n, const float *filter,
                 const nn_epilogue *ep, int oy, int lo, int hi, float *out, size_t row_idx)
{
    dw_interior_by_mode(g, in_n, filter, ep, oy, lo, hi, out, row_idx, 5, 1);
}

__attribute__((target("avx2,fma"))) static void
dw_interior_k5s2(const nn_conv_geom *g, const float *in_n, const float *filter,
                 const nn_epilogue *ep, int oy, int lo, int hi, float *out, size_t row_idx)
{
    dw_interior_by_mode(g, in_n, filter, ep, oy, lo, hi, out, row_idx, 5, 2);
}

typedef void (*dw_row_fn)(const nn_conv_geom *, const float *, const float *, const nn_epilogue *,
                          int, int, int, float *, size_t);

/* The specialised interior kernel for this geometry, or NULL. */
static dw_row_fn dw_special(const nn_conv_geom *g)
{
    if (g->ic < 8 || g->dw != 1)
        return NULL;
    if (g->kw == 3)
        return g->sw == 1 ? dw_interior_k3s1 : g->sw == 2 ? dw_interior_k3s2 : NULL;
    if (g->kw == 5)
        return g->sw == 1 ? dw_interior_k5s1 : g->sw == 2 ? dw_interior_k5s2 : NULL;
    return NULL;
}

void nn_dwconv2d_fast(const nn_conv_geom *g, const float *in, const float *filter,
                      const nn_epilogue *ep, float *out)
{
    if (g->oc != g->ic) {
        nn_dwconv2d_ref(g, in, filter, ep, out);
        return;
    }
    dw_row_fn special = dw_special(g);
    /* interior x range: all kw taps inside the input */
    int ox_lo = (g->pad_left + g->sw - 1) / g->sw;
    int span = g->iw - 1 - (g->kw - 1) * g->dw + g->pad_left;
    int ox_hi = span < 0 ? -1 : span / g->sw;
    if (ox_hi > g->ow - 1)
        ox_hi = g->ow - 1;
    if (!special || ox_lo > ox_hi)
        ox_lo = g->ow, ox_hi = g->ow - 1; /* everything on the generic path */
    for (int n = 0; n < g->n; n++) {
        const float *in_n = in + (size_t)n * g->ih * g->iw * g->ic;
        for (int oy = 0; oy < g->oh; oy++) {
            size_t row_idx = ((size_t)n * g->oh + oy) * g->ow * g->oc;
            for (int ox = 0; ox < g->ow && ox < ox_lo; ox++)
                dw_pixel(g, in_n, filter, ep, oy, ox, out, row_idx + (size_t)ox * g->oc);
            if (ox_lo <= ox_hi)
                special(g, in_n, filter, ep, oy, ox_lo, ox_hi, out, row_idx);
            for (int ox = ox_hi + 1 > ox_lo ? ox_hi + 1 : ox_lo; ox < g->ow; ox++)
                dw_pixel(g, in_n, filter, ep, oy, ox, out, row_idx + (size_t)ox * g->oc);
        }
    }
}
