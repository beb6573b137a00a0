/* ops_reduce.c - Mean, Softmax (last axis) and TopKV2. */
#include <math.h>
#include <string.h>

#include "nn/nn_internal.h"

static int arity(nn_node *n, cd_nn_model *m, cd_err *err)
{
    (void)m;
    int want = !strcmp(n->op->name, "Softmax") ? 1 : 2;
    return n->n_in == want ? 0 : nn_node_error(err, n, "expects %d inputs", want);
}

/* ---- Mean -------------------------------------------------------------------- */

static int mean_axes(const nn_exec *x, bool reduce[CD_NN_MAX_DIMS], cd_err *err)
{
    int ax[CD_NN_MAX_DIMS];
    int n = nn_static_ints(x->in[1], ax, CD_NN_MAX_DIMS);
    if (n < 0)
        return nn_node_error(err, x->node, "axes must be known before run time");
    memset(reduce, 0, sizeof(bool) * CD_NN_MAX_DIMS);
    for (int i = 0; i < n; i++) {
        int a = ax[i] < 0 ? ax[i] + x->in[0]->ndim : ax[i];
        if (a < 0 || a >= x->in[0]->ndim)
            return nn_node_error(err, x->node, "axis %d out of range", ax[i]);
        reduce[a] = true;
    }
    return 0;
}

static int mean_infer(nn_exec *x, cd_err *err)
{
    bool red[CD_NN_MAX_DIMS];
    if (mean_axes(x, red, err))
        return -1;
    int dims[CD_NN_MAX_DIMS], nd = 0;
    for (int i = 0; i < x->in[0]->ndim; i++) {
        if (!red[i])
            dims[nd++] = x->in[0]->shape[i];
        else if (x->node->a.keep_dims)
            dims[nd++] = 1;
    }
    x->out[0]->dtype = x->in[0]->dtype;
    return nn_set_shape(x->out[0], nd, dims, err, x->node);
}

static void mean_run(nn_exec *x)
{
    bool red[CD_NN_MAX_DIMS];
    mean_axes(x, red, NULL);
    const nn_tensor *in = x->in[0];
    int nd = in->ndim;
    long long ostride[CD_NN_MAX_DIMS], r = 1, count = 1;
    for (int i = nd - 1; i >= 0; i--) {
        ostride[i] = red[i] ? 0 : r;
        if (!red[i])
            r *= in->shape[i];
        else
            count *= in->shape[i];
    }
    long long nout = nn_numel(x->out[0]), total = nn_numel(in), off = 0;
    float *o = x->out[0]->data;
    memset(o, 0, (size_t)nout * sizeof(float));
    int idx[CD_NN_MAX_DIMS] = {0};
    for (long long e = 0; e < total; e++) {
        o[off] += in->data[e];
        for (int d = nd - 1; d >= 0; d--) {
            off += ostride[d];
            if (++idx[d] < in->shape[d])
                break;
            off -= ostride[d] * in->shape[d];
            idx[d] = 0;
        }
    }
    for (long long i = 0; i < nout; i++)
        o[i] = count ? o[i] / (float)count : NAN;
}

/* ---- Softmax --------------------------------------------------------------------- */

static int softmax_infer(nn_exec *x, cd_err *err)
{
    if (x->in[0]->ndim < 1)
        return nn_node_error(err, x->node, "needs rank >= 1");
    x->out[0]->dtype = NN_F32;
    return nn_set_shape(x->out[0], x->in[0]->ndim, x->in[0]->shape, err, x->node);
}

static void softmax_run(nn_exec *x)
{
    int n = x->in[0]->shape[x->in[0]->ndim - 1];
    long long rows = n ? nn_numel(x->in[0]) / n : 0;
    for (long long r = 0; r < rows; r++) {
        const float *a = x->in[0]->data + r * n;
        float *o = x->out[0]->data + r * n, mx = -INFINITY, sum = 0;
        for (int i = 0; i < n; i++)
            mx = a[i] > mx ? a[i] : mx;
        for (int i = 0; i < n; i++)
            sum += o[i] = expf(a[i] - mx);
        for (int i = 0; i < n; i++)
            o[i] /= sum;
    }
}

/* ---- TopKV2 ---------------------------------------------------------------------- */

static int topk_k(const nn_exec *x)
{
    int k;
    return nn_static_ints(x->in[1], &k, 1) == 1 ? k : -1;
}

static int topk_infer(nn_exec *x, cd_err *err)
{
    const nn_tensor *in = x->in[0];
    int k = topk_k(x);
    if (in->ndim < 1 || k < 0 || k > in->shape[in->ndim - 1])
        return nn_node_error(err, x->node, "k must be known and at most the last dimension");
    int dims[CD_NN_MAX_DIMS];
    memcpy(dims, in->shape, sizeof dims);
    dims[in->ndim - 1] = k;
    x->out[0]->dtype = in->dtype;
    x->out[1]->dtype = NN_I32;
    if (nn_set_shape(x->out[0], in->ndim, dims, err, x->node))
        return -1;
    return nn_set_shape(x->out[1], in->ndim, dims, err, x->node);
}

/* Keeps the k best (value descending, then index ascending) in sorted arrays:
 * most candidates fail the first comparison, so this is close to one pass. */
static void topk_run(nn_exec *x)
{
    const nn_tensor *in = x->in[0];
    int k = topk_k(x), n = in->shape[in->ndim - 1];
    long long rows = n ? nn_numel(in) / n : 0;
    for (long long r = 0; r < rows; r++) {
        const float *a = in->data + r * n;
        float *val = x->out[0]->data + r * k, *idx = x->out[1]->data + r * k;
        int have = 0;
        for (int i = 0; i < n && k > 0; i++) {
            float v = a[i];
            if (isnan(v))
                continue;
            if (have == k && !(v > val[k - 1]))
                continue;
            int pos = have < k ? have++ : k - 1;
            while (pos > 0 && v > val[pos - 1]) {
                val[pos] = val[pos - 1];
                idx[pos] = idx[pos - 1];
                pos--;
            }
            val[pos] = v;
            idx[pos] = (float)i;
        }
        for (; have < k; have++) { /* only when NaNs were skipped */
            val[have] = NAN;
            idx[have] = 0;
        }
    }
}

const nn_op nn_op_mean = {"Mean", arity, mean_infer, mean_run};
const nn_op nn_op_softmax = {"Softmax", arity, softmax_infer, softmax_run};
const nn_op nn_op_topk = {"TopKV2", arity, topk_infer, topk_run};
