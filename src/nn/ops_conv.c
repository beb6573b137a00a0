/* ops_conv.c - Conv2D, _FusedConv2D, DepthwiseConv2dNative,
 * FusedDepthwiseConv2dNative, MaxPool and _FusedMatMul: attribute checks,
 * shape inference and dispatch to the reference or fast kernels. */
#include <stdlib.h>
#include <string.h>

#include "nn/kernels.h"
#include "nn/nn_internal.h"

/* Checks the fused extras (bias, PReLU slopes) and the filter, which must be
 * a constant: these models never compute their weights. */
static int prepare_common(nn_node *n, cd_nn_model *m, int filter_ndim, int oc_of_filter,
                          cd_err *err)
{
    const nn_attrs *a = &n->a;
    int extra = (a->has_bias ? 1 : 0) + (a->act == NN_ACT_PRELU ? 1 : 0);
    if (n->n_in != 2 + extra)
        return nn_node_error(err, n, "expects %d inputs, has %d", 2 + extra, n->n_in);
    if (a->act != NN_ACT_NONE && !a->has_bias && strcmp(n->op->name, "Conv2D") != 0)
        return nn_node_error(err, n, "fused activation without BiasAdd is not supported");
    const nn_value *f = nn_input_value(m, n, 1);
    if (!f->is_const || f->ndim != filter_ndim)
        return nn_node_error(err, n, "filter must be a constant of rank %d", filter_ndim);
    for (int k = 2; k < n->n_in; k++) {
        const nn_value *v = nn_input_value(m, n, k);
        if (!v->is_const || nn_shape_numel(v->ndim, v->shape) != oc_of_filter)
            return nn_node_error(err, n, "bias/alpha must be a constant with %d values",
                                 oc_of_filter);
    }
    return 0;
}

static int check_strides(nn_node *n, cd_err *err)
{
    const nn_attrs *a = &n->a;
    if (a->strides[0] != 1 || a->strides[3] != 1 || a->strides[1] < 1 || a->strides[2] < 1 ||
        a->dilations[0] != 1 || a->dilations[3] != 1 || a->dilations[1] < 1 || a->dilations[2] < 1)
        return nn_node_error(err, n, "unsupported strides/dilations");
    return 0;
}

static nn_epilogue epilogue_of(const nn_exec *x)
{
    if (x->fused) { /* plan-time fusion (fuse.c) replaced the node's own epilogue */
        nn_epilogue ep = x->ep;
        ep.residual = x->residual ? x->residual->data : NULL;
        return ep;
    }
    nn_epilogue ep = {.act = x->node->a.act};
    int k = 2;
    if (x->node->a.has_bias)
        ep.bias = x->in[k++]->data;
    if (ep.act == NN_ACT_PRELU)
        ep.alpha = x->in[k++]->data;
    return ep;
}

static int conv_prepare(nn_node *n, cd_nn_model *m, cd_err *err)
{
    if (check_strides(n, err))
        return -1;
    const nn_value *f = nn_input_value(m, n, 1);
    if (f && f->ndim == 4 && f->shape[0] * f->shape[1] > NN_MAX_TAPS)
        return nn_node_error(err, n, "filter window too large");
    if (prepare_common(n, m, 4, f && f->ndim == 4 ? f->shape[3] : -1, err))
        return -1;
    nn_conv_geom g = {.kh = f->shape[0], .kw = f->shape[1], .ic = f->shape[2], .oc = f->shape[3]};
    n->packed = malloc(nn_conv2d_packed_floats(&g) * sizeof(float) + 1);
    if (!n->packed)
        return cd_err_set(err, CD_EINTERNAL, "", "out of memory packing weights");
    nn_conv2d_pack(&g, f->data, n->packed);
    n->packed_oc = g.oc;
    return 0;
}

static int geom_of(const nn_exec *x, bool depthwise, nn_conv_geom *g, cd_err *err)
{
    const nn_node *n = x->node;
    const nn_tensor *in = x->in[0], *f = x->in[1];
    if (in->ndim != 4)
        return nn_node_error(err, n, "input must be NHWC (rank 4), has rank %d", in->ndim);
    if (in->shape[3] != f->shape[2])
        return nn_node_error(err, n, "input has %d channels, filter expects %d", in->shape[3],
                             f->shape[2]);
    *g = (nn_conv_geom){.n = in->shape[0],
                        .ih = in->shape[1],
                        .iw = in->shape[2],
                        .ic = in->shape[3],
                        .kh = f->shape[0],
                        .kw = f->shape[1],
                        .oc = depthwise ? f->shape[2] * f->shape[3] : f->shape[3],
                        .sh = n->a.strides[1],
                        .sw = n->a.strides[2],
                        .dh = n->a.dilations[1],
                        .dw = n->a.dilations[2]};
    /* a folded Pad (fuse.c) makes the padding explicit: top, bottom, left, right */
    int rc = x->pad_fused ? nn_conv_geom_finish(g, NN_PAD_EXPLICIT, x->pads)
                          : nn_conv_geom_finish(g, n->a.padding, n->a.explicit_pads + 2);
    if (rc < 0)
        return nn_node_error(err, n, "output would be empty");
    return 0;
}

static int conv_infer(nn_exec *x, cd_err *err)
{
    nn_conv_geom g;
    if (geom_of(x, strstr(x->node->op->name, "Depthwise") != NULL, &g, err))
        return -1;
    int shape[4] = {g.n, g.oh, g.ow, g.oc};
    x->out[0]->dtype = NN_F32;
    return nn_set_shape(x->out[0], 4, shape, err, x->node);
}

static void conv_run(nn_exec *x)
{
    nn_conv_geom g;
    geom_of(x, false, &g, NULL);
    nn_epilogue ep = epilogue_of(x);
    if (nn_use_fast())
        nn_conv2d_fast(&g, x->in[0]->data, x->node->packed, &ep, x->out[0]->data);
    else
        nn_conv2d_ref(&g, x->in[0]->data, x->in[1]->data, &ep, x->out[0]->data);
}

static int dw_prepare(nn_node *n, cd_nn_model *m, cd_err *err)
{
    if (check_strides(n, err))
        return -1;
    const nn_value *f = nn_input_value(m, n, 1);
    int oc = f && f->ndim == 4 ? f->shape[2] * f->shape[3] : -1;
    return prepare_common(n, m, 4, oc, err);
}

static void dw_run(nn_exec *x)
{
    nn_conv_geom g;
    geom_of(x, true, &g, NULL);
    nn_epilogue ep = epilogue_of(x);
    if (nn_use_fast() && g.oc == g.ic)
        nn_dwconv2d_fast(&g, x->in[0]->data, x->in[1]->data, &ep, x->out[0]->data);
    else
        nn_dwconv2d_ref(&g, x->in[0]->data, x->in[1]->data, &ep, x->out[0]->data);
}

/* ---- MaxPool ------------------------------------------------------------- */

static int pool_prepare(nn_node *n, cd_nn_model *m, cd_err *err)
{
    (void)m;
    if (check_strides(n, err))
        return -1;
    if (n->n_in != 1 || n->a.ksize[0] != 1 || n->a.ksize[3] != 1 || n->a.ksize[1] < 1 ||
        n->a.ksize[2] < 1 || n->a.padding == NN_PAD_EXPLICIT)
        return nn_node_error(err, n, "unsupported pooling window");
    return 0;
}

static int pool_geom(const nn_exec *x, nn_conv_geom *g, cd_err *err)
{
    const nn_tensor *in = x->in[0];
    const nn_attrs *a = &x->node->a;
    if (in->ndim != 4)
        return nn_node_error(err, x->node, "input must be NHWC (rank 4)");
    *g = (nn_conv_geom){.n = in->shape[0],
                        .ih = in->shape[1],
                        .iw = in->shape[2],
                        .ic = in->shape[3],
                        .kh = a->ksize[1],
                        .kw = a->ksize[2],
                        .oc = in->shape[3],
                        .sh = a->strides[1],
                        .sw = a->strides[2],
                        .dh = 1,
                        .dw = 1};
    if (nn_conv_geom_finish(g, a->padding, NULL) < 0)
        return nn_node_error(err, x->node, "output would be empty");
    return 0;
}

static int pool_infer(nn_exec *x, cd_err *err)
{
    nn_conv_geom g;
    if (pool_geom(x, &g, err))
        return -1;
    int shape[4] = {g.n, g.oh, g.ow, g.ic};
    x->out[0]->dtype = NN_F32;
    return nn_set_shape(x->out[0], 4, shape, err, x->node);
}

static void pool_run(nn_exec *x)
{
    nn_conv_geom g;
    pool_geom(x, &g, NULL);
    if (nn_use_fast())
        nn_maxpool_fast(&g, x->in[0]->data, x->out[0]->data);
    else
        nn_maxpool_ref(&g, x->in[0]->data, x->out[0]->data);
}

/* ---- _FusedMatMul ---------------------------------------------------------- */

static int mm_prepare(nn_node *n, cd_nn_model *m, cd_err *err)
{
    if (n->a.transpose_a || n->a.transpose_b)
        return nn_node_error(err, n, "transposed MatMul is not supported");
    const nn_value *b = nn_input_value(m, n, 1);
    return prepare_common(n, m, 2, b && b->ndim == 2 ? b->shape[1] : -1, err);
}

static int mm_infer(nn_exec *x, cd_err *err)
{
    const nn_tensor *a = x->in[0], *b = x->in[1];
    if (a->ndim != 2 || a->shape[1] != b->shape[0])
        return nn_node_error(err, x->node, "matrix shapes do not match");
    int shape[2] = {a->shape[0], b->shape[1]};
    x->out[0]->dtype = NN_F32;
    return nn_set_shape(x->out[0], 2, shape, err, x->node);
}

static void mm_run(nn_exec *x)
{
    const nn_tensor *a = x->in[0], *b = x->in[1];
    nn_epilogue ep = epilogue_of(x);
    if (nn_use_fast())
        nn_matmul_fast(a->shape[0], a->shape[1], b->shape[1], a->data, b->data, &ep,
                       x->out[0]->data);
    else
        nn_matmul_ref(a->shape[0], a->shape[1], b->shape[1], a->data, b->data, &ep,
                      x->out[0]->data);
}

const nn_op nn_op_conv2d = {"Conv2D", conv_prepare, conv_infer, conv_run};
const nn_op nn_op_fused_conv2d = {"_FusedConv2D", conv_prepare, conv_infer, conv_run};
const nn_op nn_op_dwconv = {"DepthwiseConv2dNative", dw_prepare, conv_infer, dw_run};
const nn_op nn_op_fused_dwconv = {"FusedDepthwiseConv2dNative", dw_prepare, conv_infer, dw_run};
const nn_op nn_op_maxpool = {"MaxPool", pool_prepare, pool_infer, pool_run};
const nn_op nn_op_fused_matmul = {"_FusedMatMul", mm_prepare, mm_infer, mm_run};
