/* kernels_elem.c - matrix multiply, element-wise binary ops and activations,
 * reference and AVX2/FMA versions. */
#include <immintrin.h>
#include <math.h>
#include <string.h>

#include "nn/kernels.h"
#include "nn/nn_internal.h"

static inline float epi1(const nn_epilogue *ep, float v, int c)
{
    if (ep->bias)
        v += ep->bias[c];
    if (ep->act == NN_ACT_RELU)
        v = v > 0 ? v : 0;
    else if (ep->act == NN_ACT_RELU6)
        v = v < 0 ? 0 : (v > 6 ? 6 : v);
    else if (ep->act == NN_ACT_PRELU)
        v = v > 0 ? v : v * ep->alpha[c];
    return v;
}

void nn_matmul_ref(int m, int k, int n, const float *a, const float *b, const nn_epilogue *ep,
                   float *out)
{
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            double acc = 0;
            for (int t = 0; t < k; t++)
                acc += a[(size_t)i * k + t] * b[(size_t)t * n + j];
            out[(size_t)i * n + j] = epi1(ep, (float)acc, j);
        }
}

/* Rows of a against 32-column panels of b; b streams once per row, which
 * suits these models (m is the batch, usually 1). */
__attribute__((target("avx2,fma"))) void nn_matmul_fast(int m, int k, int n, const float *a,
                                                        const float *b, const nn_epilogue *ep,
                                                        float *out)
{
    for (int i = 0; i < m; i++) {
        const float *ar = a + (size_t)i * k;
        float *orow = out + (size_t)i * n;
        int j = 0;
        for (; j + 32 <= n; j += 32) {
            __m256 c0 = _mm256_setzero_ps(), c1 = c0, c2 = c0, c3 = c0;
            for (int t = 0; t < k; t++) {
                __m256 av = _mm256_broadcast_ss(ar + t);
                const float *br = b + (size_t)t * n + j;
                c0 = _mm256_fmadd_ps(av, _mm256_loadu_ps(br), c0);
                c1 = _mm256_fmadd_ps(av, _mm256_loadu_ps(br + 8), c1);
                c2 = _mm256_fmadd_ps(av, _mm256_loadu_ps(br + 16), c2);
                c3 = _mm256_fmadd_ps(av, _mm256_loadu_ps(br + 24), c3);
            }
            _mm256_storeu_ps(orow + j, c0);
            _mm256_storeu_ps(orow + j + 8, c1);
            _mm256_storeu_ps(orow + j + 16, c2);
            _mm256_storeu_ps(orow + j + 24, c3);
            for (int q = j; q < j + 32; q++)
                orow[q] = epi1(ep, orow[q], q);
        }
        for (; j + 8 <= n; j += 8) {
            __m256 c0 = _mm256_setzero_ps();
            for (int t = 0; t < k; t++)
                c0 = _mm256_fmadd_ps(_mm256_broadcast_ss(ar + t),
                                     _mm256_loadu_ps(b + (size_t)t * n + j), c0);
            _mm256_storeu_ps(orow + j, c0);
            for (int q = j; q < j + 8; q++)
                orow[q] = epi1(ep, orow[q], q);
        }
        for (; j < n; j++) {
            float acc = 0;
            for (int t = 0; t < k; t++)
                acc += ar[t] * b[(size_t)t * n + j];
            orow[j] = epi1(ep, acc, j);
        }
    }
}

static inline float bin1(nn_binop op, float x, float y)
{
    switch (op) {
    case NN_BIN_ADD:
        return x + y;
    case NN_BIN_SUB:
        return x - y;
    case NN_BIN_MUL:
        return x * y;
    case NN_BIN_MAX:
        return x > y ? x : y;
    case NN_BIN_MIN:
        return x < y ? x : y;
    case NN_BIN_PRELU:
        return x > 0 ? x : x * y;
    case NN_BIN_EQUAL:
        return x == y ? 1.0f : 0.0f;
    case NN_BIN_DIV:
        return x / y;
    case NN_BIN_FLOORDIV:
        /* integer semantics; double keeps the quotient of values < 2^24 exact */
        return y == 0 ? 0 : (float)floor((double)x / (double)y);
    case NN_BIN_FLOORMOD: {
        if (y == 0)
            return 0;
        double q = floor((double)x / (double)y);
        return (float)((double)x - q * (double)y);
    }
    }
    return 0;
}

float nn_binary_scalar(nn_binop op, float x, float y)
{
    return bin1(op, x, y);
}

void nn_binary_repeat_ref(nn_binop op, const float *a, long long na, const float *b, long long nb,
                          float *out)
{
    for (long long i = 0; i < na; i++)
        out[i] = bin1(op, a[i], b[i % nb]);
}

__attribute__((target("avx2,fma"))) static inline __m256 bin8(nn_binop op, __m256 x, __m256 y)
{
    switch (op) {
    case NN_BIN_ADD:
        return _mm256_add_ps(x, y);
    case NN_BIN_SUB:
        return _mm256_sub_ps(x, y);
    case NN_BIN_MUL:
        return _mm256_mul_ps(x, y);
    case NN_BIN_MAX:
        /* operand order makes NaN/ties match the scalar x > y ? x : y */
        return _mm256_blendv_ps(y, x, _mm256_cmp_ps(x, y, _CMP_GT_OQ));
    case NN_BIN_MIN:
        return _mm256_blendv_ps(y, x, _mm256_cmp_ps(x, y, _CMP_LT_OQ));
    case NN_BIN_PRELU:
        return _mm256_blendv_ps(_mm256_mul_ps(x, y), x,
                                _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_GT_OQ));
    case NN_BIN_DIV:
        return _mm256_div_ps(x, y);
    default:
        return x; /* not vectorised; callers route these to the reference */
    }
}

__attribute__((target("avx2,fma"))) void nn_binary_repeat_fast(nn_binop op, const float *a,
                                                               long long na, const float *b,
                                                               long long nb, float *out)
{
    if (op == NN_BIN_EQUAL || op == NN_BIN_FLOORDIV || op == NN_BIN_FLOORMOD) {
        nn_binary_repeat_ref(op, a, na, b, nb, out);
        return;
    }
    if (nb == 1) {
        __m256 y = _mm256_set1_ps(b[0]);
        long long i = 0;
        for (; i + 8 <= na; i += 8)
            _mm256_storeu_ps(out + i, bin8(op, _mm256_loadu_ps(a + i), y));
        for (; i < na; i++)
            out[i] = bin1(op, a[i], b[0]);
        return;
    }
    for (long long base = 0; base < na; base += nb) {
        long long i = 0;
        for (; i + 8 <= nb; i += 8)
            _mm256_storeu_ps(out + base + i,
                             bin8(op, _mm256_loadu_ps(a + base + i), _mm256_loadu_ps(b + i)));
        for (; i < nb; i++)
            out[base + i] = bin1(op, a[base + i], b[i]);
    }
}

static inline float act1(int act, float v)
{
    if (act == NN_ACT_RELU)
        return v > 0 ? v : 0;
    if (act == NN_ACT_RELU6)
        return v < 0 ? 0 : (v > 6 ? 6 : v);
    if (act == NN_ACT_SIGMOID)
        return 1.0f / (1.0f + expf(-v));
    return v;
}

void nn_activation_ref(int act, float *x, long long n)
{
    for (long long i = 0; i < n; i++)
        x[i] = act1(act, x[i]);
}

/* exp(x) for 8 lanes: Cephes' expf (range reduction by ln 2, degree-5
 * polynomial), within 2 ulp of expf over the clamped range. */
__attribute__((target("avx2,fma"))) static inline __m256 exp8(__m256 x)
{
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-88.3762626647949f)),
                      _mm256_set1_ps(88.3762626647949f));
    __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                               _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 y = _mm256_set1_ps(1.9875691500e-4f);
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(1.3981999507e-3f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(8.3334519073e-3f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(4.1665795894e-2f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(1.6666665459e-1f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(5.0000001201e-1f));
    y = _mm256_fmadd_ps(y, _mm256_mul_ps(r, r), _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
    __m256i e =
        _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(y, _mm256_castsi256_ps(e));
}

/* ReLU/ReLU6 are exact; sigmoid uses exp8, so it agrees with the reference
 * to a few ulp (relative 1e-6), far inside the models' tolerance. */
__attribute__((target("avx2,fma"))) void nn_activation_fast(int act, float *x, long long n)
{
    if (act != NN_ACT_RELU && act != NN_ACT_RELU6 && act != NN_ACT_SIGMOID) {
        nn_activation_ref(act, x, n);
        return;
    }
    const __m256 zero = _mm256_setzero_ps(), six = _mm256_set1_ps(6.0f), one = _mm256_set1_ps(1.0f);
    long long i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 v = _mm256_loadu_ps(x + i);
        if (act == NN_ACT_SIGMOID) {
            v = _mm256_div_ps(one, _mm256_add_ps(one, exp8(_mm256_sub_ps(zero, v))));
        } else {
            v = _mm256_max_ps(v, zero);
            if (act == NN_ACT_RELU6)
                v = _mm256_min_ps(v, six);
        }
        _mm256_storeu_ps(x + i, v);
    }
    for (; i < n; i++)
        x[i] = act1(act, x[i]);
}
