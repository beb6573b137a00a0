/* ops_shape.c - data movement ops: Reshape, ExpandDims, Shape, Pack,
 * ConcatV2, StridedSlice, Pad, GatherV2, DepthToSpace.
 *
 * Shape-like arguments (target shapes, axes, slice bounds, paddings) must be
 * known at plan time; in these graphs they are weights or derive from
 * shapes, and the planner folds them. */
#include <string.h>

#include "nn/nn_internal.h"

static int need_ins(nn_node *n, cd_nn_model *m, cd_err *err)
{
    (void)m;
    static const struct {
        const char *op;
        int min, max;
    } ARITY[] = {{"Reshape", 2, 2},
                 {"ExpandDims", 2, 2},
                 {"Shape", 1, 1},
                 {"Pack", 1, NN_MAX_NODE_INPUTS},
                 {"ConcatV2", 2, NN_MAX_NODE_INPUTS},
                 {"StridedSlice", 4, 4},
                 {"Pad", 2, 2},
                 {"GatherV2", 3, 3},
                 {"DepthToSpace", 1, 1}};
    for (size_t i = 0; i < sizeof ARITY / sizeof ARITY[0]; i++)
        if (!strcmp(ARITY[i].op, n->op->name) && (n->n_in < ARITY[i].min || n->n_in > ARITY[i].max))
            return nn_node_error(err, n, "has %d inputs", n->n_in);
    if (!strcmp(n->op->name, "StridedSlice") && (n->a.ellipsis_mask || n->a.new_axis_mask))
        return nn_node_error(err, n, "ellipsis/new-axis masks are not supported");
    if (!strcmp(n->op->name, "DepthToSpace") && n->a.block_size < 2)
        return nn_node_error(err, n, "block_size must be >= 2");
    return 0;
}

static void copy_run(nn_exec *x)
{
    memmove(x->out[0]->data, x->in[0]->data, (size_t)nn_numel(x->out[0]) * sizeof(float));
}

/* ---- Reshape / ExpandDims / Shape ------------------------------------------- */

static int reshape_infer(nn_exec *x, cd_err *err)
{
    int dims[CD_NN_MAX_DIMS];
    int nd = nn_static_ints(x->in[1], dims, CD_NN_MAX_DIMS);
    if (nd < 0)
        return nn_node_error(err, x->node,
                             "target shape must be known before run time (max %d dims)",
                             CD_NN_MAX_DIMS);
    long long total = nn_numel(x->in[0]), known = 1;
    int unknown = -1;
    for (int i = 0; i < nd; i++) {
        if (dims[i] == -1 && unknown < 0)
            unknown = i;
        else if (dims[i] < 0)
            return nn_node_error(err, x->node, "bad target dimension %d", dims[i]);
        else
            known *= dims[i];
        if (known > NN_MAX_TENSOR_ELEMS)
            return nn_node_error(err, x->node, "target shape too large");
    }
    if (unknown >= 0) {
        if (known == 0 || total % known)
            return nn_node_error(err, x->node, "cannot infer the -1 dimension");
        dims[unknown] = (int)(total / known);
        known = total;
    }
    if (known != total)
        return nn_node_error(err, x->node, "%lld elements cannot be reshaped to %lld", total,
                             known);
    x->out[0]->dtype = x->in[0]->dtype;
    return nn_set_shape(x->out[0], nd, dims, err, x->node);
}

static int expand_infer(nn_exec *x, cd_err *err)
{
    int ax;
    if (nn_static_ints(x->in[1], &ax, 1) != 1)
        return nn_node_error(err, x->node, "axis must be a known scalar");
    const nn_tensor *in = x->in[0];
    if (ax < 0)
        ax += in->ndim + 1;
    if (ax < 0 || ax > in->ndim)
        return nn_node_error(err, x->node, "axis out of range");
    int dims[CD_NN_MAX_DIMS + 1], k = 0;
    for (int i = 0; i <= in->ndim; i++)
        dims[i] = i == ax ? 1 : in->shape[k++];
    x->out[0]->dtype = in->dtype;
    return nn_set_shape(x->out[0], in->ndim + 1, dims, err, x->node);
}

static int shape_infer(nn_exec *x, cd_err *err)
{
    int d = x->in[0]->ndim;
    x->out[0]->dtype = NN_I32;
    return nn_set_shape(x->out[0], 1, &d, err, x->node);
}

static void shape_run(nn_exec *x)
{
    for (int i = 0; i < x->in[0]->ndim; i++)
        x->out[0]->data[i] = (float)x->in[0]->shape[i];
}

/* ---- Pack / ConcatV2 ------------------------------------------------------- */

static int pack_infer(nn_exec *x, cd_err *err)
{
    const nn_tensor *a = x->in[0];
    int ax = x->node->a.axis < 0 ? x->node->a.axis + a->ndim + 1 : x->node->a.axis;
    if (ax < 0 || ax > a->ndim)
        return nn_node_error(err, x->node, "axis out of range");
    for (int k = 1; k < x->n_in; k++)
        if (x->in[k]->ndim != a->ndim ||
            memcmp(x->in[k]->shape, a->shape, sizeof(int) * (size_t)a->ndim))
            return nn_node_error(err, x->node, "inputs must have the same shape");
    int dims[CD_NN_MAX_DIMS + 1], j = 0;
    for (int i = 0; i <= a->ndim; i++)
        dims[i] = i == ax ? x->n_in : a->shape[j++];
    x->out[0]->dtype = a->dtype;
    return nn_set_shape(x->out[0], a->ndim + 1, dims, err, x->node);
}

static void pack_run(nn_exec *x)
{
    const nn_tensor *a = x->in[0];
    int ax = x->node->a.axis < 0 ? x->node->a.axis + a->ndim + 1 : x->node->a.axis;
    long long outer = 1, inner = 1;
    for (int i = 0; i < ax; i++)
        outer *= a->shape[i];
    for (int i = ax; i < a->ndim; i++)
        inner *= a->shape[i];
    for (long long o = 0; o < outer; o++)
        for (int k = 0; k < x->n_in; k++)
            memcpy(x->out[0]->data + (o * x->n_in + k) * inner, x->in[k]->data + o * inner,
                   (size_t)inner * sizeof(float));
}

static int concat_axis(const nn_exec *x)
{
    int ax = 0;
    if (nn_static_ints(x->in[x->n_in - 1], &ax, 1) != 1)
        return -1000;
    return ax < 0 ? ax + x->in[0]->ndim : ax;
}

static int concat_infer(nn_exec *x, cd_err *err)
{
    int ax = concat_axis(x);
    const nn_tensor *a = x->in[0];
    if (ax < 0 || ax >= a->ndim)
        return nn_node_error(err, x->node, "axis must be a known scalar within the rank");
    int dims[CD_NN_MAX_DIMS];
    memcpy(dims, a->shape, sizeof dims);
    dims[ax] = 0;
    for (int k = 0; k < x->n_in - 1; k++) {
        const nn_tensor *t = x->in[k];
        if (t->ndim != a->ndim)
            return nn_node_error(err, x->node, "inputs have different ranks");
        for (int i = 0; i < a->ndim; i++)
            if (i != ax && t->shape[i] != a->shape[i])
                return nn_node_error(err, x->node, "input %d has dimension %d = %d, expected %d", k,
                                     i, t->shape[i], a->shape[i]);
        dims[ax] += t->shape[ax];
    }
    x->out[0]->dtype = a->dtype;
    return nn_set_shape(x->out[0], a->ndim, dims, err, x->node);
}

static void concat_run(nn_exec *x)
{
    int ax = concat_axis(x);
    const nn_tensor *o = x->out[0];
    long long outer = 1, inner = 1;
    for (int i = 0; i < ax; i++)
        outer *= o->shape[i];
    for (int i = ax + 1; i < o->ndim; i++)
        inner *= o->shape[i];
    float *dst = o->data;
    for (long long r = 0; r < outer; r++)
        for (int k = 0; k < x->n_in - 1; k++) {
            long long chunk = (long long)x->in[k]->shape[ax] * inner;
            memcpy(dst, x->in[k]->data + r * chunk, (size_t)chunk * sizeof(float));
            dst += chunk;
        }
}

/* ---- StridedSlice -------------------------------------------------------------- */

typedef struct slice_plan {
    int nd;
    int begin[CD_NN_MAX_DIMS], step[CD_NN_MAX_DIMS], count[CD_NN_MAX_DIMS];
} slice_plan;

static int slice_compute(const nn_exec *x, slice_plan *p, cd_err *err)
{
    const nn_tensor *in = x->in[0];
    const nn_attrs *a = &x->node->a;
    int b[CD_NN_MAX_DIMS], e[CD_NN_MAX_DIMS], s[CD_NN_MAX_DIMS];
    int nb = nn_static_ints(x->in[1], b, CD_NN_MAX_DIMS);
    int ne = nn_static_ints(x->in[2], e, CD_NN_MAX_DIMS);
    int ns = nn_static_ints(x->in[3], s, CD_NN_MAX_DIMS);
    if (nb < 0 || nb != ne || nb != ns || nb > in->ndim)
        return nn_node_error(err, x->node, "begin/end/strides must be known and match the rank");
    p->nd = in->ndim;
    for (int i = 0; i < in->ndim; i++) {
        int dim = in->shape[i];
        if (i >= nb) {
            p->begin[i] = 0, p->step[i] = 1, p->count[i] = dim;
            continue;
        }
        int st = s[i];
        if (st == 0)
            return nn_node_error(err, x->node, "stride 0");
        if (a->shrink_mask & (1 << i)) {
            int bi = b[i] < 0 ? b[i] + dim : b[i];
            if (bi < 0 || bi >= dim)
                return nn_node_error(err, x->node, "index %d out of range", b[i]);
            p->begin[i] = bi, p->step[i] = 1, p->count[i] = 1;
            continue;
        }
        int lo = st > 0 ? 0 : -1, hi = st > 0 ? dim : dim - 1;
        int bi, ei;
        if (a->begin_mask & (1 << i))
            bi = st > 0 ? 0 : dim - 1;
        else {
            bi = b[i] < 0 ? b[i] + dim : b[i];
            bi = bi < lo ? lo : (bi > hi ? hi : bi);
        }
        if (a->end_mask & (1 << i))
            ei = st > 0 ? dim : -1;
        else {
            ei = e[i] < 0 ? e[i] + dim : e[i];
            ei = ei < lo ? lo : (ei > hi ? hi : ei);
        }
        long long span = st > 0 ? (long long)ei - bi : (long long)bi - ei;
        long long as = st > 0 ? st : -(long long)st;
        p->begin[i] = bi, p->step[i] = st;
        p->count[i] = span <= 0 ? 0 : (int)((span + as - 1) / as);
    }
    return 0;
}

static int slice_infer(nn_exec *x, cd_err *err)
{
    slice_plan p;
    if (slice_compute(x, &p, err))
        return -1;
    int dims[CD_NN_MAX_DIMS], nd = 0;
    for (int i = 0; i < p.nd; i++)
        if (!(x->node->a.shrink_mask & (1 << i)) || i >= x->in[1]->shape[0])
            dims[nd++] = p.count[i];
    x->out[0]->dtype = x->in[0]->dtype;
    return nn_set_shape(x->out[0], nd, dims, err, x->node);
}

static void slice_run(nn_exec *x)
{
    slice_plan p;
    slice_compute(x, &p, NULL);
    const nn_tensor *in = x->in[0];
    long long stride[CD_NN_MAX_DIMS], r = 1, off = 0;
    for (int i = p.nd - 1; i >= 0; i--) {
        stride[i] = r;
        r *= in->shape[i];
    }
    long long total = nn_numel(x->out[0]);
    if (total == 0)
        return;
    int idx[CD_NN_MAX_DIMS] = {0};
    for (int i = 0; i < p.nd; i++)
        off += (long long)p.begin[i] * stride[i];
    for (long long e = 0; e < total; e++) {
        x->out[0]->data[e] = in->data[off];
        for (int d = p.nd - 1; d >= 0; d--) {
            off += p.step[d] * stride[d];
            if (++idx[d] < p.count[d])
                break;
            off -= (long long)p.step[d] * stride[d] * p.count[d];
            idx[d] = 0;
        }
    }
}

/* ---- Pad -------------------------------------------------------------------- */

static int pad_infer(nn_exec *x, cd_err *err)
{
    const nn_tensor *in = x->in[0];
    int pads[2 * CD_NN_MAX_DIMS];
    if (nn_static_ints(x->in[1], pads, 2 * CD_NN_MAX_DIMS) != 2 * in->ndim || in->ndim < 1)
        return nn_node_error(err, x->node, "paddings must be a known [rank, 2] tensor");
    int dims[CD_NN_MAX_DIMS];
    for (int i = 0; i < in->ndim; i++) {
        if (pads[2 * i] < 0 || pads[2 * i + 1] < 0 || pads[2 * i] > 1 << 16 ||
            pads[2 * i + 1] > 1 << 16)
            return nn_node_error(err, x->node, "bad padding");
        dims[i] = in->shape[i] + pads[2 * i] + pads[2 * i + 1];
    }
    x->out[0]->dtype = in->dtype;
    return nn_set_shape(x->out[0], in->ndim, dims, err, x->node);
}

static void pad_run(nn_exec *x)
{
    const nn_tensor *in = x->in[0];
    nn_tensor *o = x->out[0];
    int pads[2 * CD_NN_MAX_DIMS];
    nn_static_ints(x->in[1], pads, 2 * CD_NN_MAX_DIMS);
    memset(o->data, 0, (size_t)nn_numel(o) * sizeof(float));
    int nd = in->ndim;
    long long ostride[CD_NN_MAX_DIMS], r = 1;
    for (int i = nd - 1; i >= 0; i--) {
        ostride[i] = r;
        r *= o->shape[i];
    }
    long long rows = nn_numel(in) / (in->shape[nd - 1] ? in->shape[nd - 1] : 1);
    if (in->shape[nd - 1] == 0)
        return;
    int idx[CD_NN_MAX_DIMS] = {0};
    for (long long row = 0; row < rows; row++) {
        long long off = pads[2 * (nd - 1)];
        for (int d = 0; d < nd - 1; d++)
            off += (long long)(idx[d] + pads[2 * d]) * ostride[d];
        memcpy(o->data + off, in->data + row * in->shape[nd - 1],
               (size_t)in->shape[nd - 1] * sizeof(float));
        for (int d = nd - 2; d >= 0; d--) {
            if (++idx[d] < in->shape[d])
                break;
            idx[d] = 0;
        }
    }
}

/* ---- GatherV2 --------------------------------------------------------------- */

static int gather_axis(const nn_exec *x)
{
    int ax;
    if (nn_static_ints(x->in[2], &ax, 1) != 1)
        return -1000;
    return ax < 0 ? ax + x->in[0]->ndim : ax;
}

static int gather_infer(nn_exec *x, cd_err *err)
{
    const nn_tensor *p = x->in[0], *ix = x->in[1];
    int ax = gather_axis(x);
    if (ax < 0 || ax >= p->ndim || x->node->a.batch_dims != 0)
        return nn_node_error(err, x->node, "axis must be known and in range (batch_dims 0)");
    int dims[CD_NN_MAX_DIMS * 2], nd = 0;
    for (int i = 0; i < ax; i++)
        dims[nd++] = p->shape[i];
    for (int i = 0; i < ix->ndim; i++)
        dims[nd++] = ix->shape[i];
    for (int i = ax + 1; i < p->ndim; i++)
        dims[nd++] = p->shape[i];
    x->out[0]->dtype = p->dtype;
    return nn_set_shape(x->out[0], nd, dims, err, x->node);
}

static void gather_run(nn_exec *x)
{
    const nn_tensor *p = x->in[0], *ix = x->in[1];
    int ax = gather_axis(x);
    long long outer = 1, inner = 1, n_idx = nn_numel(ix);
    for (int i = 0; i < ax; i++)
        outer *= p->shape[i];
    for (int i = ax + 1; i < p->ndim; i++)
        inner *= p->shape[i];
    int dim = p->shape[ax];
    float *dst = x->out[0]->data;
    for (long long o = 0; o < outer; o++)
        for (long long k = 0; k < n_idx; k++, dst += inner) {
            float fi = ix->data[k];
            /* run-time indices: out of range reads zeros instead of memory */
            if (!(fi >= 0 && fi < dim)) {
                memset(dst, 0, (size_t)inner * sizeof(float));
                continue;
            }
            memcpy(dst, p->data + (o * dim + (long long)fi) * inner, (size_t)inner * sizeof(float));
        }
}

/* ---- DepthToSpace (NHWC, DCR order as TensorFlow) ------------------------------ */

static int d2s_infer(nn_exec *x, cd_err *err)
{
    const nn_tensor *in = x->in[0];
    int bs = x->node->a.block_size;
    if (in->ndim != 4 || in->shape[3] % (bs * bs))
        return nn_node_error(err, x->node, "channels must divide by block_size^2");
    int dims[4] = {in->shape[0], in->shape[1] * bs, in->shape[2] * bs, in->shape[3] / (bs * bs)};
    x->out[0]->dtype = in->dtype;
    return nn_set_shape(x->out[0], 4, dims, err, x->node);
}

static void d2s_run(nn_exec *x)
{
    const nn_tensor *in = x->in[0];
    int bs = x->node->a.block_size, H = in->shape[1], W = in->shape[2], C = in->shape[3];
    int oc = C / (bs * bs), OW = W * bs;
    for (int n = 0; n < in->shape[0]; n++)
        for (int h = 0; h < H; h++)
            for (int w = 0; w < W; w++)
                for (int by = 0; by < bs; by++)
                    for (int bx = 0; bx < bs; bx++) {
                        const float *src = in->data + (((size_t)n * H + h) * W + w) * C +
                                           (size_t)(by * bs + bx) * oc;
                        float *dst = x->out[0]->data +
                                     (((size_t)n * H * bs + h * bs + by) * OW + w * bs + bx) * oc;
                        memcpy(dst, src, (size_t)oc * sizeof(float));
                    }
}

const nn_op nn_op_reshape = {"Reshape", need_ins, reshape_infer, copy_run};
const nn_op nn_op_expanddims = {"ExpandDims", need_ins, expand_infer, copy_run};
const nn_op nn_op_shape = {"Shape", need_ins, shape_infer, shape_run};
const nn_op nn_op_pack = {"Pack", need_ins, pack_infer, pack_run};
const nn_op nn_op_concat = {"ConcatV2", need_ins, concat_infer, concat_run};
const nn_op nn_op_stridedslice = {"StridedSlice", need_ins, slice_infer, slice_run};
const nn_op nn_op_pad = {"Pad", need_ins, pad_infer, pad_run};
const nn_op nn_op_gather = {"GatherV2", need_ins, gather_infer, gather_run};
const nn_op nn_op_depthtospace = {"DepthToSpace", need_ins, d2s_infer, d2s_run};
