/* Fast (AVX2/FMA) kernels against the plain reference on random shapes:
 * odd sizes, channel counts that are not multiples of the vector width,
 * strides, dilations, SAME/VALID/explicit padding and every fused
 * activation. The reference accumulates in double, the fast path in float,
 * so results agree to float rounding: relative 1e-4 of the term magnitude. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "nn/kernels.h"
#include "nn/nn_internal.h"

static unsigned rng_state = 12345;

static float frand(void)
{
    rng_state = rng_state * 1664525u + 1013904223u;
    return (float)((rng_state >> 8) & 0xffff) / 32768.0f - 1.0f;
}

static int irand(int lo, int hi)
{
    rng_state = rng_state * 1664525u + 1013904223u;
    return lo + (int)((rng_state >> 8) % (unsigned)(hi - lo + 1));
}

static float *rand_buf(size_t n)
{
    float *b = malloc((n ? n : 1) * sizeof(float));
    for (size_t i = 0; i < n; i++)
        b[i] = frand();
    return b;
}

static void assert_close(const float *a, const float *b, size_t n, double tol, const char *what)
{
    for (size_t i = 0; i < n; i++)
        if (!(fabs((double)a[i] - (double)b[i]) <= tol * (1.0 + fabs((double)b[i]))))
            fail_msg("%s: element %zu fast %g vs reference %g", what, i, a[i], b[i]);
}

static void random_geom(nn_conv_geom *g, int *padding, int pads[4], bool depthwise)
{
    for (;;) {
        *g = (nn_conv_geom){.n = irand(1, 2),
                            .ih = irand(1, 13),
                            .iw = irand(1, 17),
                            .ic = irand(1, 37),
                            .kh = irand(1, 5),
                            .kw = irand(1, 5),
                            .sh = irand(1, 3),
                            .sw = irand(1, 3),
                            .dh = irand(1, 2),
                            .dw = irand(1, 2)};
        g->oc = depthwise ? g->ic : irand(1, 40);
        *padding = irand(0, 2);
        for (int i = 0; i < 4; i++)
            pads[i] = irand(0, 3);
        if (nn_conv_geom_finish(g, *padding, pads) == 0)
            return;
    }
}

/* Every epilogue the fused kernels support: with/without bias, each
 * activation, and (half the time) a residual with each activation after
 * it, as the planner builds from a following AddV2 and Relu/Relu6/Prelu.
 * Drawn at random, independently of the shape cases picked by `iter`, so
 * every fast path meets every epilogue. */
static nn_epilogue random_epilogue(const float *bias, const float *alpha, const float *residual,
                                   const float *alpha2)
{
    nn_epilogue ep = {.bias = irand(0, 4) ? bias : NULL, .act = irand(0, 3), .alpha = alpha};
    if (irand(0, 1)) {
        ep.residual = residual;
        ep.act2 = irand(0, 3);
        ep.alpha2 = alpha2;
    }
    return ep;
}

static void test_conv_fast_matches_reference(void **state)
{
    (void)state;
    if (!nn_cpu_fast())
        skip();
    for (int iter = 0; iter < 400; iter++) {
        nn_conv_geom g;
        int padding, pads[4];
        random_geom(&g, &padding, pads, false);
        if (iter % 4 == 1) { /* a single output channel over ic % 8 == 0: the dot-product path */
            g.oc = 1;
            g.ic = 8 * irand(1, 3);
        } else if (iter % 4 == 2) { /* at most 8 output channels: the 8-wide block */
            g.oc = irand(1, 8);
        }
        if (iter % 5 == 3) { /* 1x1 stride 1 unpadded: the GEMM path, groups across rows */
            g.kh = g.kw = g.sh = g.sw = 1;
            g.ih = irand(1, 20);
            padding = NN_PAD_VALID;
            nn_conv_geom_finish(&g, padding, pads);
        }
        if (iter % 3 == 0) { /* wide rows: several 6-pixel interior groups per row */
            g.iw = irand(18, 40);
            nn_conv_geom_finish(&g, padding, pads);
        }
        size_t nin = (size_t)g.n * g.ih * g.iw * g.ic, nf = (size_t)g.kh * g.kw * g.ic * g.oc;
        size_t nout = (size_t)g.n * g.oh * g.ow * g.oc;
        float *in = rand_buf(nin), *f = rand_buf(nf), *bias = rand_buf((size_t)g.oc);
        float *alpha = rand_buf((size_t)g.oc), *alpha2 = rand_buf((size_t)g.oc);
        float *res = rand_buf(nout);
        float *packed = malloc(nn_conv2d_packed_floats(&g) * sizeof(float));
        float *a = malloc(nout * sizeof(float)), *b = malloc(nout * sizeof(float));
        nn_conv2d_pack(&g, f, packed);
        nn_epilogue ep = random_epilogue(bias, alpha, res, alpha2);
        nn_conv2d_fast(&g, in, packed, &ep, a);
        nn_conv2d_ref(&g, in, f, &ep, b);
        char what[200];
        snprintf(what, sizeof what, "conv in %dx%dx%dx%d k %dx%d s %d,%d d %d,%d oc %d pad %d", g.n,
                 g.ih, g.iw, g.ic, g.kh, g.kw, g.sh, g.sw, g.dh, g.dw, g.oc, padding);
        assert_close(a, b, nout, 1e-4 * sqrt((double)g.kh * g.kw * g.ic), what);
        free(in), free(f), free(bias), free(alpha), free(alpha2), free(res), free(packed), free(a),
            free(b);
    }
}

static void test_depthwise_fast_matches_reference(void **state)
{
    (void)state;
    if (!nn_cpu_fast())
        skip();
    for (int iter = 0; iter < 600; iter++) {
        nn_conv_geom g;
        int padding, pads[4];
        random_geom(&g, &padding, pads, true);
        if (iter % 3 == 0) /* wide channel counts: several 8-lane blocks, overlapping tail */
            g.ic = g.oc = irand(8, 80);
        if (iter % 2 == 0) { /* the specialised 3x3 / 5x5, stride 1 / 2 interior kernels */
            g.kh = g.kw = irand(0, 1) ? 3 : 5;
            g.sw = irand(1, 2);
            g.dw = 1;
            g.iw = irand(1, 45); /* 8-, 4- and 1-pixel groups, and rows with no interior */
            g.ih = irand(1, 9);
            if (nn_conv_geom_finish(&g, padding, pads) < 0)
                continue;
        }
        size_t nin = (size_t)g.n * g.ih * g.iw * g.ic, nf = (size_t)g.kh * g.kw * g.ic;
        size_t nout = (size_t)g.n * g.oh * g.ow * g.oc;
        float *in = rand_buf(nin), *f = rand_buf(nf), *bias = rand_buf((size_t)g.oc);
        float *alpha = rand_buf((size_t)g.oc), *alpha2 = rand_buf((size_t)g.oc);
        float *res = rand_buf(nout);
        float *a = malloc(nout * sizeof(float)), *b = malloc(nout * sizeof(float));
        nn_epilogue ep = random_epilogue(bias, alpha, res, alpha2);
        nn_dwconv2d_fast(&g, in, f, &ep, a);
        nn_dwconv2d_ref(&g, in, f, &ep, b);
        char what[200];
        snprintf(what, sizeof what, "depthwise in %dx%dx%dx%d k %dx%d s %d,%d d %d,%d pad %d", g.n,
                 g.ih, g.iw, g.ic, g.kh, g.kw, g.sh, g.sw, g.dh, g.dw, padding);
        assert_close(a, b, nout, 1e-5, what);
        free(in), free(f), free(bias), free(alpha), free(alpha2), free(res), free(a), free(b);
    }
}

static void test_depthwise_reference_multiplier(void **state)
{
    (void)state;
    /* 1x1 input, 1x1 filter, multiplier 2: out[c*2+m] = in[c] * f[c][m] */
    nn_conv_geom g = {.n = 1,
                      .ih = 1,
                      .iw = 1,
                      .ic = 2,
                      .kh = 1,
                      .kw = 1,
                      .oc = 4,
                      .sh = 1,
                      .sw = 1,
                      .dh = 1,
                      .dw = 1};
    assert_int_equal(nn_conv_geom_finish(&g, NN_PAD_VALID, NULL), 0);
    float in[2] = {2, 3}, f[4] = {1, 10, 100, 1000}, out[4];
    nn_epilogue ep = {0};
    nn_dwconv2d_fast(&g, in, f, &ep, out); /* falls back to the reference */
    assert_float_equal(out[0], 2, 0);
    assert_float_equal(out[1], 20, 0);
    assert_float_equal(out[2], 300, 0);
    assert_float_equal(out[3], 3000, 0);
}

static void test_same_padding_geometry(void **state)
{
    (void)state;
    nn_conv_geom g = {.n = 1,
                      .ih = 7,
                      .iw = 8,
                      .ic = 1,
                      .kh = 3,
                      .kw = 3,
                      .oc = 1,
                      .sh = 2,
                      .sw = 2,
                      .dh = 1,
                      .dw = 1};
    assert_int_equal(nn_conv_geom_finish(&g, NN_PAD_SAME, NULL), 0);
    assert_int_equal(g.oh, 4); /* ceil(7/2) */
    assert_int_equal(g.ow, 4);
    assert_int_equal(g.pad_top, 1);  /* total (4-1)*2+3-7 = 2 */
    assert_int_equal(g.pad_left, 0); /* total (4-1)*2+3-8 = 1: TF puts the odd one after */
    assert_int_equal(nn_conv_geom_finish(&g, NN_PAD_VALID, NULL), 0);
    assert_int_equal(g.oh, 3);
    g.ih = 2;
    assert_int_equal(nn_conv_geom_finish(&g, NN_PAD_VALID, NULL), -1);
}

static void test_maxpool_fast_matches_reference(void **state)
{
    (void)state;
    if (!nn_cpu_fast())
        skip();
    for (int iter = 0; iter < 200; iter++) {
        nn_conv_geom g;
        int padding, pads[4];
        random_geom(&g, &padding, pads, true);
        g.dh = g.dw = 1;
        if (nn_conv_geom_finish(&g, iter % 2 ? NN_PAD_SAME : NN_PAD_VALID, NULL))
            continue;
        size_t nin = (size_t)g.n * g.ih * g.iw * g.ic, nout = (size_t)g.n * g.oh * g.ow * g.ic;
        float *in = rand_buf(nin), *a = malloc(nout * 4), *b = malloc(nout * 4);
        nn_maxpool_fast(&g, in, a);
        nn_maxpool_ref(&g, in, b);
        assert_close(a, b, nout, 0, "maxpool");
        free(in), free(a), free(b);
    }
}

static void test_matmul_fast_matches_reference(void **state)
{
    (void)state;
    if (!nn_cpu_fast())
        skip();
    for (int iter = 0; iter < 100; iter++) {
        int m = irand(1, 4), k = irand(1, 300), n = irand(1, 100);
        float *a = rand_buf((size_t)m * k), *b = rand_buf((size_t)k * n);
        float *bias = rand_buf((size_t)n), *alpha = rand_buf((size_t)n);
        float *x = malloc((size_t)m * n * 4), *y = malloc((size_t)m * n * 4);
        nn_epilogue ep = {.bias = iter % 3 ? bias : NULL, .act = iter % 4, .alpha = alpha};
        nn_matmul_fast(m, k, n, a, b, &ep, x);
        nn_matmul_ref(m, k, n, a, b, &ep, y);
        assert_close(x, y, (size_t)m * n, 1e-4 * sqrt((double)k), "matmul");
        free(a), free(b), free(bias), free(alpha), free(x), free(y);
    }
}

static void test_binary_and_activation_fast_match_reference(void **state)
{
    (void)state;
    if (!nn_cpu_fast())
        skip();
    nn_binop ops[] = {NN_BIN_ADD, NN_BIN_SUB,   NN_BIN_MUL,      NN_BIN_MAX,
                      NN_BIN_MIN, NN_BIN_PRELU, NN_BIN_FLOORDIV, NN_BIN_EQUAL};
    for (int iter = 0; iter < 200; iter++) {
        long long nb = irand(0, 2) == 0 ? 1 : irand(1, 41), na = nb * irand(1, 9);
        float *a = rand_buf((size_t)na), *b = rand_buf((size_t)nb);
        float *x = malloc((size_t)na * 4), *y = malloc((size_t)na * 4);
        nn_binop op = ops[iter % 8];
        nn_binary_repeat_fast(op, a, na, b, nb, x);
        nn_binary_repeat_ref(op, a, na, b, nb, y);
        assert_close(x, y, (size_t)na, 0, "binary");
        int act = iter % 3 == 0 ? NN_ACT_RELU : iter % 3 == 1 ? NN_ACT_RELU6 : NN_ACT_SIGMOID;
        for (long long i = 0; i < na; i++)
            x[i] = y[i] = a[i] * 8;
        nn_activation_fast(act, x, na);
        nn_activation_ref(act, y, na);
        /* ReLU/ReLU6 exact; sigmoid's vector exp within a few ulp */
        assert_close(x, y, (size_t)na, act == NN_ACT_SIGMOID ? 1e-6 : 0, "activation");
        free(a), free(b), free(x), free(y);
    }
}

static void test_resize_fast_matches_reference(void **state)
{
    (void)state;
    if (!nn_cpu_fast())
        skip();
    for (int iter = 0; iter < 200; iter++) {
        nn_resize_geom g = {.n = irand(1, 2),
                            .h = irand(1, 9),
                            .w = irand(1, 9),
                            .c = irand(1, 30),
                            .oh = irand(1, 20),
                            .ow = irand(1, 20),
                            .align_corners = iter % 3 == 1,
                            .half_pixel = iter % 3 == 2};
        size_t nin = (size_t)g.n * g.h * g.w * g.c, nout = (size_t)g.n * g.oh * g.ow * g.c;
        float *in = rand_buf(nin), *a = malloc(nout * 4), *b = malloc(nout * 4);
        void *scratch = malloc(nn_resize_scratch_bytes(&g));
        nn_resize_bilinear_fast(&g, in, a, scratch);
        nn_resize_bilinear_ref(&g, in, b);
        assert_close(a, b, nout, 1e-6, "resize");
        free(in), free(a), free(b), free(scratch);
    }
}

static void test_sigmoid_fast_extremes(void **state)
{
    (void)state;
    if (!nn_cpu_fast())
        skip();
    /* saturating inputs (exp overflow/underflow), zero and the steep middle */
    float x[64], y[64];
    for (int i = 0; i < 64; i++)
        x[i] = y[i] = (float)(i - 32) * (i % 2 ? 6.5f : 0.37f);
    x[0] = y[0] = -1000.0f;
    x[63] = y[63] = 1000.0f;
    nn_activation_fast(NN_ACT_SIGMOID, x, 64);
    nn_activation_ref(NN_ACT_SIGMOID, y, 64);
    for (int i = 0; i < 64; i++)
        assert_true(fabsf(x[i] - y[i]) <= 1e-6f * (1 + fabsf(y[i])));
    assert_true(x[0] >= 0 && x[0] < 1e-30f);
    assert_float_equal(x[63], 1.0f, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conv_fast_matches_reference),
        cmocka_unit_test(test_depthwise_fast_matches_reference),
        cmocka_unit_test(test_depthwise_reference_multiplier),
        cmocka_unit_test(test_same_padding_geometry),
        cmocka_unit_test(test_maxpool_fast_matches_reference),
        cmocka_unit_test(test_matmul_fast_matches_reference),
        cmocka_unit_test(test_binary_and_activation_fast_match_reference),
        cmocka_unit_test(test_resize_fast_matches_reference),
        cmocka_unit_test(test_sigmoid_fast_extremes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
