/* ops_resize.c - ResizeBilinear with TensorFlow's align_corners and
 * half_pixel_centers conventions (same arithmetic as tfjs's CPU kernel, so
 * results agree to rounding). */
#include <math.h>

#include "nn/nn_internal.h"

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
    x->out[0]->dtype = NN_F32;
    return nn_set_shape(x->out[0], 4, dims, err, x->node);
}

static void resize_run(nn_exec *x)
{
    const nn_tensor *in = x->in[0];
    nn_tensor *o = x->out[0];
    bool ac = x->node->a.align_corners, hp = x->node->a.half_pixel;
    int N = in->shape[0], H = in->shape[1], W = in->shape[2], C = in->shape[3];
    int OH = o->shape[1], OW = o->shape[2];
    float ry = (float)(ac && OH > 1 ? H - 1 : H) / (float)(ac && OH > 1 ? OH - 1 : OH);
    float rx = (float)(ac && OW > 1 ? W - 1 : W) / (float)(ac && OW > 1 ? OW - 1 : OW);
    for (int n = 0; n < N; n++)
        for (int y = 0; y < OH; y++) {
            float sy = hp ? ry * ((float)y + 0.5f) - 0.5f : ry * (float)y;
            int y0 = (int)fmaxf(0.0f, floorf(sy));
            float fy = sy - (float)y0;
            int y1 = (int)fminf((float)(H - 1), ceilf(sy));
            y0 = y0 > H - 1 ? H - 1 : y0;
            y1 = y1 < 0 ? 0 : y1;
            for (int xx = 0; xx < OW; xx++) {
                float sx = hp ? rx * ((float)xx + 0.5f) - 0.5f : rx * (float)xx;
                int x0 = (int)fmaxf(0.0f, floorf(sx));
                float fx = sx - (float)x0;
                int x1 = (int)fminf((float)(W - 1), ceilf(sx));
                x0 = x0 > W - 1 ? W - 1 : x0;
                x1 = x1 < 0 ? 0 : x1;
                const float *tl = in->data + (((size_t)n * H + y0) * W + x0) * C;
                const float *tr = in->data + (((size_t)n * H + y0) * W + x1) * C;
                const float *bl = in->data + (((size_t)n * H + y1) * W + x0) * C;
                const float *br = in->data + (((size_t)n * H + y1) * W + x1) * C;
                float *d = o->data + (((size_t)n * OH + y) * OW + xx) * C;
                for (int c = 0; c < C; c++) {
                    float top = tl[c] + (tr[c] - tl[c]) * fx;
                    float bot = bl[c] + (br[c] - bl[c]) * fx;
                    d[c] = top + (bot - top) * fy;
                }
            }
        }
}

const nn_op nn_op_resize_bilinear = {"ResizeBilinear", resize_prepare, resize_infer, resize_run};
