/* kernels.h - the numeric kernels behind the ops, each as a plain reference
 * function and a fast (AVX2/FMA) one with identical semantics.
 *
 * The op files pick the fast kernel when the CPU supports it
 * (nn_cpu_fast()); unit tests call both directly and compare them on random
 * shapes. Pure functions over caller-owned buffers; thread-safe. */
#ifndef CANDOR_NN_KERNELS_H
#define CANDOR_NN_KERNELS_H

#include <stdbool.h>
#include <stddef.h>

/* True when the CPU has AVX2 and FMA (checked once). */
bool nn_cpu_fast(void);

/* Largest filter window (kh * kw) the fast conv handles. */
#define NN_MAX_TAPS 1024

/* Convolution geometry, NHWC input, filter HWIO (or HWCM for depthwise). */
typedef struct nn_conv_geom {
    int n, ih, iw, ic;
    int kh, kw, oc; /* depthwise: oc = ic * multiplier */
    int sh, sw, dh, dw;
    int pad_top, pad_left;
    int oh, ow;
} nn_conv_geom;

/* Fills oh/ow and the leading pads from the padding mode. explicit_pads
 * (top, bottom, left, right) is used for NN_PAD_EXPLICIT. Returns -1 when
 * the output would be empty. */
int nn_conv_geom_finish(nn_conv_geom *g, int padding, const int explicit_pads[4]);

/* Epilogue shared by conv/matmul kernels:
 *   out = act2(act(acc + bias) + residual)
 * bias, alpha/alpha2 (PReLU slopes, one per output channel) and residual may
 * be NULL. residual (same layout as out) and act2 come from a following
 * AddV2 and Relu/Relu6/Prelu that the planner folded in (conv and depthwise
 * kernels only); act2 is ignored without a residual. */
typedef struct nn_epilogue {
    const float *bias;
    int act; /* nn_act */
    const float *alpha;
    const float *residual;
    int act2; /* nn_act */
    const float *alpha2;
} nn_epilogue;

void nn_conv2d_ref(const nn_conv_geom *g, const float *in, const float *filter,
                   const nn_epilogue *ep, float *out);
/* Packed filter layout for the fast conv: [oc/16][kh*kw][ic][16], zero padded. */
size_t nn_conv2d_packed_floats(const nn_conv_geom *g);
void nn_conv2d_pack(const nn_conv_geom *g, const float *filter, float *packed);
void nn_conv2d_fast(const nn_conv_geom *g, const float *in, const float *packed,
                    const nn_epilogue *ep, float *out);
/* Part of nn_conv2d_fast: a single output channel with ic % 8 == 0 (vector
 * over input channels). Returns false, doing nothing, for other shapes. */
bool nn_conv2d_oc1_fast(const nn_conv_geom *g, const float *in, const float *packed,
                        const nn_epilogue *ep, float *out);

void nn_dwconv2d_ref(const nn_conv_geom *g, const float *in, const float *filter,
                     const nn_epilogue *ep, float *out);
/* Fast path: channel multiplier 1 only. */
void nn_dwconv2d_fast(const nn_conv_geom *g, const float *in, const float *filter,
                      const nn_epilogue *ep, float *out);

/* out[m][n] = act(sum_k a[m][k] * b[k][n] + bias[n]) */
void nn_matmul_ref(int m, int k, int n, const float *a, const float *b, const nn_epilogue *ep,
                   float *out);
void nn_matmul_fast(int m, int k, int n, const float *a, const float *b, const nn_epilogue *ep,
                    float *out);

typedef enum {
    NN_BIN_ADD,
    NN_BIN_SUB,
    NN_BIN_MUL,
    NN_BIN_MAX,
    NN_BIN_MIN,
    NN_BIN_PRELU, /* a > 0 ? a : a * b */
    NN_BIN_EQUAL,
    NN_BIN_FLOORDIV,
    NN_BIN_FLOORMOD,
    NN_BIN_DIV,
} nn_binop;

/* Binary op where b repeats every `nb` elements of a (nb == na: same shape,
 * nb == 1: scalar). The common broadcasts in these graphs. */
void nn_binary_repeat_ref(nn_binop op, const float *a, long long na, const float *b, long long nb,
                          float *out);
void nn_binary_repeat_fast(nn_binop op, const float *a, long long na, const float *b, long long nb,
                           float *out);
/* One element of a binary op (the general broadcast path uses it). */
float nn_binary_scalar(nn_binop op, float x, float y);

void nn_maxpool_ref(const nn_conv_geom *g, const float *in, float *out);
void nn_maxpool_fast(const nn_conv_geom *g, const float *in, float *out);

/* ResizeBilinear (NHWC) with TensorFlow's align_corners / half_pixel_centers
 * conventions; the fast path needs nn_resize_scratch_bytes() of scratch. */
typedef struct nn_resize_geom {
    int n, h, w, c, oh, ow;
    bool align_corners, half_pixel;
} nn_resize_geom;
void nn_resize_bilinear_ref(const nn_resize_geom *g, const float *in, float *out);
size_t nn_resize_scratch_bytes(const nn_resize_geom *g);
void nn_resize_bilinear_fast(const nn_resize_geom *g, const float *in, float *out, void *scratch);

/* Activation in place: NN_ACT_RELU / NN_ACT_RELU6, or sigmoid (act = -1). */
#define NN_ACT_SIGMOID (-1)
void nn_activation_ref(int act, float *x, long long n);
void nn_activation_fast(int act, float *x, long long n);

#endif
