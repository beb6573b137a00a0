/* kernels_epilogue.h - the conv/depthwise epilogue
 *   out = act2(act(acc + bias) + residual)
 * as one scalar function (reference kernels, tails) and as 8-lane AVX2
 * helpers (fast kernels). Private to the kernel files of src/nn. */
#ifndef CANDOR_NN_KERNELS_EPILOGUE_H
#define CANDOR_NN_KERNELS_EPILOGUE_H

#include <immintrin.h>
#include <stddef.h>

#include "nn/kernels.h"
#include "nn/nn_internal.h"

static inline float nn_act1(int act, float v, const float *alpha, int c)
{
    switch (act) {
    case NN_ACT_RELU:
        return v > 0 ? v : 0;
    case NN_ACT_RELU6:
        return v < 0 ? 0 : (v > 6 ? 6 : v);
    case NN_ACT_PRELU:
        return v > 0 ? v : v * alpha[c];
    default:
        return v;
    }
}

/* One output value: channel c, element index idx of the output tensor. */
static inline float nn_epilogue1(const nn_epilogue *ep, float v, int c, size_t idx)
{
    if (ep->bias)
        v += ep->bias[c];
    v = nn_act1(ep->act, v, ep->alpha, c);
    if (ep->residual)
        v = nn_act1(ep->act2, v + ep->residual[idx], ep->alpha2, c);
    return v;
}

__attribute__((target("avx2,fma"))) static inline __m256 nn_act8(__m256 v, int act, __m256 alpha)
{
    const __m256 zero = _mm256_setzero_ps();
    switch (act) {
    case NN_ACT_RELU:
        return _mm256_max_ps(v, zero);
    case NN_ACT_RELU6:
        return _mm256_min_ps(_mm256_max_ps(v, zero), _mm256_set1_ps(6.0f));
    case NN_ACT_PRELU: {
        __m256 neg = _mm256_mul_ps(v, alpha);
        __m256 pos = _mm256_cmp_ps(v, zero, _CMP_GT_OQ);
        return _mm256_blendv_ps(neg, v, pos);
    }
    default:
        return v;
    }
}

/* Epilogue constants of 8 consecutive channels. */
typedef struct nn_epi8 {
    __m256 bias, alpha, alpha2;
} nn_epi8;

__attribute__((target("avx2,fma"))) static inline nn_epi8 nn_epi8_load(const nn_epilogue *ep, int c)
{
    nn_epi8 e;
    e.bias = ep->bias ? _mm256_loadu_ps(ep->bias + c) : _mm256_setzero_ps();
    e.alpha = ep->act == NN_ACT_PRELU ? _mm256_loadu_ps(ep->alpha + c) : _mm256_setzero_ps();
    e.alpha2 = ep->residual && ep->act2 == NN_ACT_PRELU ? _mm256_loadu_ps(ep->alpha2 + c)
                                                        : _mm256_setzero_ps();
    return e;
}

/* Stores 8 finished channels; acc already includes the bias. */
__attribute__((target("avx2,fma"))) static inline void
nn_epi8_store(const nn_epilogue *ep, const nn_epi8 *e, __m256 acc, float *out, size_t idx)
{
    __m256 v = nn_act8(acc, ep->act, e->alpha);
    if (ep->residual)
        v = nn_act8(_mm256_add_ps(v, _mm256_loadu_ps(ep->residual + idx)), ep->act2, e->alpha2);
    _mm256_storeu_ps(out + idx, v);
}

#endif
