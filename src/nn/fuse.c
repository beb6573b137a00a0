/* fuse.c - plan-time fusion of a session's steps.
 *
 * The graphs are chains of conv -> [AddV2 bias] -> [Relu] -> AddV2(skip) ->
 * [Relu|Relu6|Prelu], each node of which would otherwise read and write a
 * whole activation tensor. When a conv-like step's output has exactly one
 * consumer, that consumer is folded into the conv's epilogue
 *   out = act2(act(acc + bias) + residual)
 * and the fused step moves to the consumer's slot (every input it needs is
 * defined by then, and nothing else reads the intermediate value). A zero
 * Pad of the spatial dims whose only consumer is a VALID/EXPLICIT conv is
 * folded into the conv's explicit padding the same way. The result is
 * identical to running the nodes one by one up to float rounding order. */
#include <stdlib.h>
#include <string.h>

#include "nn/nn_internal.h"

static bool is_conv_like(const nn_node *n)
{
    const char *op = n->op->name;
    return !strcmp(op, "Conv2D") || !strcmp(op, "_FusedConv2D") ||
           !strcmp(op, "DepthwiseConv2dNative") || !strcmp(op, "FusedDepthwiseConv2dNative");
}

static bool same_shape(const nn_tensor *a, const nn_tensor *b)
{
    return a->ndim == b->ndim && !memcmp(a->shape, b->shape, sizeof(int) * (size_t)a->ndim);
}

/* A static per-channel vector for `oc` channels: shape [..1.., oc] or a
 * scalar. Returns its length (1 or oc) or 0. */
static int channel_vector(const nn_tensor *t, int oc)
{
    if (!t->is_static || !t->data || t->dtype != NN_F32)
        return 0;
    long long n = nn_numel(t);
    if (n == 1)
        return 1;
    if (n != oc || t->ndim < 1 || t->shape[t->ndim - 1] != oc)
        return 0;
    return oc;
}

typedef struct fuse_ctx {
    nn_tensor *t; /* session tensors, indexed by value id */
    nn_step *steps;
    int n_steps;
    const int *uses;
    int *consumer; /* value -> step consuming it (when uses == 1) */
    int *producer; /* value -> step defining it, or -1 */
    bool *removed;
    float **owned;
    int *n_owned;
} fuse_ctx;

static int value_of(const fuse_ctx *c, const nn_tensor *t)
{
    return (int)(t - c->t);
}

/* Adds a constant (scalar or per-channel) to the step's bias, in a buffer
 * the session owns. */
static bool merge_bias(fuse_ctx *c, nn_exec *x, const nn_tensor *k, int len, int oc)
{
    float *b = malloc((size_t)oc * sizeof(float));
    if (!b)
        return false;
    for (int i = 0; i < oc; i++)
        b[i] = (x->ep.bias ? x->ep.bias[i] : 0.0f) + k->data[len == 1 ? 0 : i];
    c->owned[(*c->n_owned)++] = b;
    x->ep.bias = b;
    return true;
}

/* Tries to fold step `j` (the only consumer of the conv-like step x's
 * current output) into x's epilogue. */
static bool absorb(fuse_ctx *c, nn_exec *x, int j, int oc)
{
    const nn_exec *y = &c->steps[j].x;
    const char *op = y->node->op->name;
    const nn_tensor *cur = x->out[0];
    if (y->n_out != 1 || !same_shape(y->out[0], cur) || y->out[0]->dtype != NN_F32)
        return false;
    bool add = !strcmp(op, "AddV2") || !strcmp(op, "Add") || (!strcmp(op, "AddN") && y->n_in == 2);
    if (add) {
        if (y->n_in != 2 || y->in[0] == y->in[1])
            return false;
        const nn_tensor *other = y->in[0] == cur ? y->in[1] : y->in[0];
        int len = channel_vector(other, oc);
        if (len) { /* a bias: commutes with the residual, not with an activation */
            if (x->ep.act != NN_ACT_NONE || (x->residual && x->ep.act2 != NN_ACT_NONE))
                return false;
            return merge_bias(c, x, other, len, oc);
        }
        if (x->residual || other->is_static || !same_shape(other, cur) || other->dtype != NN_F32)
            return false;
        x->residual = other;
        x->ep.act2 = NN_ACT_NONE;
        return true;
    }
    int act = !strcmp(op, "Relu")    ? NN_ACT_RELU
              : !strcmp(op, "Relu6") ? NN_ACT_RELU6
              : !strcmp(op, "Prelu") ? NN_ACT_PRELU
                                     : -1;
    if (act < 0)
        return false;
    const float *alpha = NULL;
    if (act == NN_ACT_PRELU) {
        if (y->n_in != 2 || y->in[0] != cur || channel_vector(y->in[1], oc) != oc)
            return false;
        alpha = y->in[1]->data;
    }
    if (!x->residual && x->ep.act == NN_ACT_NONE) {
        x->ep.act = act;
        x->ep.alpha = alpha;
        return true;
    }
    if (x->residual && x->ep.act2 == NN_ACT_NONE) {
        x->ep.act2 = act;
        x->ep.alpha2 = alpha;
        return true;
    }
    return false;
}

/* Folds a spatial zero Pad feeding only this VALID/EXPLICIT conv. */
static void absorb_pad(fuse_ctx *c, nn_exec *x)
{
    int v = value_of(c, x->in[0]);
    int p = c->producer[v];
    if (p < 0 || c->uses[v] != 1 || c->removed[p])
        return;
    const nn_exec *pad = &c->steps[p].x;
    if (strcmp(pad->node->op->name, "Pad") || pad->in[0]->ndim != 4 ||
        x->node->a.padding == NN_PAD_SAME)
        return;
    int pv[8];
    if (nn_static_ints(pad->in[1], pv, 8) != 8 || pv[0] || pv[1] || pv[6] || pv[7])
        return;
    const int *ex = x->node->a.explicit_pads;
    bool explicit_pad = x->node->a.padding == NN_PAD_EXPLICIT;
    for (int i = 0; i < 4; i++)
        x->pads[i] = pv[2 + i] + (explicit_pad ? ex[2 + i] : 0);
    x->pad_fused = true;
    x->in[0] = pad->in[0];
    c->removed[p] = true;
}

static nn_epilogue own_epilogue(const nn_exec *x)
{
    nn_epilogue ep = {.act = x->node->a.act};
    int k = 2;
    if (x->node->a.has_bias)
        ep.bias = x->in[k++]->data;
    if (ep.act == NN_ACT_PRELU)
        ep.alpha = x->in[k++]->data;
    return ep;
}

int nn_fuse_steps(nn_tensor *t, int n_values, nn_step *steps, int n_steps, const int *uses,
                  float **owned, int *n_owned)
{
    fuse_ctx c = {.t = t,
                  .steps = steps,
                  .n_steps = n_steps,
                  .uses = uses,
                  .owned = owned,
                  .n_owned = n_owned};
    c.consumer = malloc(sizeof(int) * ((size_t)n_values + 1));
    c.producer = malloc(sizeof(int) * ((size_t)n_values + 1));
    c.removed = calloc((size_t)n_steps + 1, sizeof(bool));
    if (!c.consumer || !c.producer || !c.removed) {
        free(c.consumer);
        free(c.producer);
        free(c.removed);
        return -1;
    }
    for (int v = 0; v < n_values; v++)
        c.consumer[v] = c.producer[v] = -1;
    for (int i = 0; i < n_steps; i++) {
        for (int k = 0; k < steps[i].x.n_in; k++)
            c.consumer[value_of(&c, steps[i].x.in[k])] = i;
        for (int k = 0; k < steps[i].x.n_out; k++)
            c.producer[value_of(&c, steps[i].x.out[k])] = i;
    }
    for (int i = 0; i < n_steps; i++) {
        nn_exec *x = &steps[i].x;
        if (c.removed[i] || x->fused || !is_conv_like(x->node))
            continue;
        absorb_pad(&c, x);
        x->ep = own_epilogue(x);
        int oc = x->out[0]->shape[3], slot = i;
        for (;;) {
            int v = value_of(&c, x->out[0]);
            int j = c.consumer[v];
            if (uses[v] != 1 || j <= slot || c.removed[j] || !absorb(&c, x, j, oc))
                break;
            x->out[0] = steps[j].x.out[0];
            x->fused = true;
            c.removed[j] = true;
            slot = j;
        }
        if (slot != i) { /* run where the last absorbed node ran */
            steps[slot] = steps[i];
            c.removed[slot] = false;
            c.removed[i] = true;
        }
    }
    int n = 0;
    for (int i = 0; i < n_steps; i++)
        if (!c.removed[i])
            steps[n++] = steps[i];
    free(c.consumer);
    free(c.producer);
    free(c.removed);
    return n;
}
