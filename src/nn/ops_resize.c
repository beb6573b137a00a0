/* ops_resize.c - ResizeBilinear with TensorFlow's align_corners and
 * half_pixel_centers conventions (same arithmetic as tfjs's CPU kernel, so
 * results agree to rounding). */
#include <immintrin.h>
#include <math.h>

#include "nn/kernels.h"
#include "nn/nn_internal.h"

/* Source coordinate of output index i: lower/upper neighbour and weight. */
typedef struct resize_tap {
    int lo, hi;
    float frac;
} resize_tap;

static float resize_ratio(int in, int out, bool align_corners)
{
    return (float)(align_corners && out > 1 ? in - 1 : in) /
           (float)(align_corners && out > 1 ? out - 1 : out);
}

static resize_tap resize_coord(int i, float ratio, bool half_pixel, int size)
{
    float s = half_pixel ? ratio * ((float)i + 0.5f) - 0.5f : ratio * (float)i;
    int lo = (int)fmaxf(0.0f, floorf(s));
    float frac = s - (float)lo;
    int hi = (int)fminf((float)(size - 1), ceilf(s));
    return (resize_tap){lo > size - 1 ? size - 1 : lo, hi < 0 ? 0 : hi, frac};
}

void nn_resize_bilinear_ref(const nn_resize_geom *g, const float *in, float *out)
{
    int H = g->h, W = g->w, C = g->c;
    float ry = resize_ratio(H, g->oh, g->align_corners),
          rx = resize_ratio(W, g->ow, g->align_corners);
    for (int n = 0; n < g->n; n++)
        for (int y = 0; y < g->oh; y++) {
            resize_tap r = resize_coord(y, ry, g->half_pixel, H);
            for (int xx = 0; xx < g->ow; xx++) {
                resize_tap q = resize_coord(xx, rx, g->half_pixel, W);
                const float *tl = in + (((size_t)n * H + r.lo) * W + q.lo) * C;
                const float *tr = in + (((size_t)n * H + r.lo) * W + q.hi) * C;
                const float *bl = in + (((size_t)n * H + r.hi) * W + q.lo) * C;
                const float *br = in + (((size_t)n * H + r.hi) * W + q.hi) * C;
                float *d = out + (((size_t)n * g->oh + y) * g->ow + xx) * C;
                for (int c = 0; c < C; c++) {
                    float top = tl[c] + (tr[c] - tl[c]) * q.frac;
                    float bot = bl[c] + (br[c] - bl[c]) * q.frac;
                    d[c] = top + (bot - top) * r.frac;
                }
            }
        }
}

size_t nn_resize_scratch_bytes(const nn_resize_geom *g)
{
    return (size_t)g->ow * sizeof(resize_tap);
}

/* The column table is computed once per call, channels go 8 per vector (a
 * last overlapping block covers C % 8). Same arithmetic as the reference,
 * element by element; fewer than 8 channels take the reference. */
__attribute__((target("avx2,fma"))) void
nn_resize_bilinear_fast(const nn_resize_geom *g, const float *in, float *out, void *scratch)
{
    int H = g->h, W = g->w, C = g->c;
    if (C < 8) {
        nn_resize_bilinear_ref(g, in, out);
        return;
    }
    float ry = resize_ratio(H, g->oh, g->align_corners),
          rx = resize_ratio(W, g->ow, g->align_corners);
    resize_tap *cols = scratch;
    for (int xx = 0; xx < g->ow; xx++)
        cols[xx] = resize_coord(xx, rx, g->half_pixel, W);
    for (int n = 0; n < g->n; n++)
        for (int y = 0; y < g->oh; y++) {
            resize_tap r = resize_coord(y, ry, g->half_pixel, H);
            const float *top_row = in + ((size_t)n * H + r.lo) * W * C;
            const float *bot_row = in + ((size_t)n * H + r.hi) * W * C;
            float *d = out + ((size_t)n * g->oh + y) * g->ow * C;
            __m256 fy = _mm256_set1_ps(r.frac);
            for (int xx = 0; xx < g->ow; xx++, d += C) {
                const float *tl = top_row + (size_t)cols[xx].lo * C;
                const float *tr = top_row + (size_t)cols[xx].hi * C;
                const float *bl = bot_row + (size_t)cols[xx].lo * C;
                const float *br = bot_row + (size_t)cols[xx].hi * C;
                __m256 fx = _mm256_set1_ps(cols[xx].frac);
                for (int c0 = 0; c0 < C; c0 += 8) {
                    int c = c0 + 8 <= C ? c0 : C - 8;
                    __m256 a = _mm256_loadu_ps(tl + c), b = _mm256_loadu_ps(tr + c);
                    __m256 e = _mm256_loadu_ps(bl + c), f = _mm256_loadu_ps(br + c);
                    __m256 top = _mm256_add_ps(a, _mm256_mul_ps(_mm256_sub_ps(b, a), fx));
                    __m256 bot = _mm256_add_ps(e, _mm256_mul_ps(_mm256_sub_ps(f, e), fx));
                    _mm256_storeu_ps(
                        d + c, _mm256_add_ps(top, _mm256_mul_ps(_mm256_sub_ps(bot, top), fy)));
                }
            }
        }
}

static int resize_prepare(nn_node *n, cd_nn_model *m, cd_err *err)
{
    (void)m;
    if (n->n_in != 2)
        return nn_node_error(err, n, "expects 2 inputs");
    if (n->a.align_corners && n->a.half_pixel)
        return nn_node_error(err, n, "align_corners and half_pixel_centers are exclusive");
    return 0;
}

static int resize_infer(nn_exec *x, cd_err *err)
{
    int size[2];
    const nn_tensor *in = x->in[0];
    if (nn_static_ints(x->in[1], size, 2) != 2 || size[0] < 1 || size[1] < 1 || size[0] > 1 << 15 ||
        size[1] > 1 << 15)
        return nn_node_error(err, x->node, "size must be 2 known positive values");
    if (in->ndim != 4)
        return nn_node_error(err, x->node, "input must be NHWC (rank 4)");
    int dims[4] = {in->shape[0], size[0], size[1], in->shape[3]};
    nn_resize_geom g = {.ow = size[1]};
    x->scratch_bytes = nn_resize_scratch_bytes(&g); /* column table of the fast path */
    x->out[0]->dtype = NN_F32;
    return nn_set_shape(x->out[0], 4, dims, err, x->node);
}

static void resize_run(nn_exec *x)
{
    const nn_tensor *in = x->in[0], *o = x->out[0];
    nn_resize_geom g = {.n = in->shape[0],
                        .h = in->shape[1],
                        .w = in->shape[2],
                        .c = in->shape[3],
                        .oh = o->shape[1],
                        .ow = o->shape[2],
                        .align_corners = x->node->a.align_corners,
                        .half_pixel = x->node->a.half_pixel};
    if (nn_use_fast())
        nn_resize_bilinear_fast(&g, in->data, o->data, x->scratch);
    else
        nn_resize_bilinear_ref(&g, in->data, o->data);
}

const nn_op nn_op_resize_bilinear = {"ResizeBilinear", resize_prepare, resize_infer, resize_run};
