/* ops_elementwise.c - broadcasting binary ops (AddV2, Add, Sub, Mul,
 * Maximum, Minimum, Prelu, Equal, FloorDiv, FloorMod), AddN, activations
 * (Relu, Relu6, Sigmoid) and Cast.
 *
 * Binary ops take the fast "repeat" kernel when one operand is a scalar or
 * matches the trailing dimensions of the other (bias- and channel-style
 * broadcasts, by far the most common), and a general strided loop
 * otherwise. */
#include <math.h>
#include <string.h>

#include "nn/kernels.h"
#include "nn/nn_internal.h"

typedef struct binop_info {
    const char *name;
    nn_binop op;
    bool commutative;
} binop_info;

static const binop_info BINOPS[] = {
    {"AddV2", NN_BIN_ADD, true},          {"Add", NN_BIN_ADD, true},
    {"Sub", NN_BIN_SUB, false},           {"Mul", NN_BIN_MUL, true},
    {"Maximum", NN_BIN_MAX, true},        {"Minimum", NN_BIN_MIN, true},
    {"Prelu", NN_BIN_PRELU, false},       {"Equal", NN_BIN_EQUAL, true},
    {"FloorDiv", NN_BIN_FLOORDIV, false}, {"FloorMod", NN_BIN_FLOORMOD, false},
};

static const binop_info *binop_of(const nn_node *n)
{
    for (size_t i = 0; i < sizeof BINOPS / sizeof BINOPS[0]; i++)
        if (!strcmp(BINOPS[i].name, n->op->name))
            return &BINOPS[i];
    return NULL;
}

static int arity_prepare(nn_node *n, cd_nn_model *m, cd_err *err)
{
    (void)m;
    int want = binop_of(n) ? 2 : 1;
    if (!strcmp(n->op->name, "AddN"))
        return n->n_in >= 1 ? 0 : nn_node_error(err, n, "needs inputs");
    if (n->n_in != want)
        return nn_node_error(err, n, "expects %d inputs, has %d", want, n->n_in);
    return 0;
}

static int binary_infer(nn_exec *x, cd_err *err)
{
    nn_tensor out = {0};
    if (nn_broadcast_shape(x->in[0], x->in[1], &out) < 0)
        return nn_node_error(err, x->node, "shapes cannot be broadcast together");
    const binop_info *b = binop_of(x->node);
    x->out[0]->dtype = b->op == NN_BIN_EQUAL ? NN_BOOL : x->in[0]->dtype;
    return nn_set_shape(x->out[0], out.ndim, out.shape, err, x->node);
}

/* True when `small` broadcasts into `big` as a repetition: its shape, without
 * leading 1s, equals big's trailing dimensions. */
static bool repeats_into(const nn_tensor *small, const nn_tensor *big)
{
    if (small->ndim > big->ndim && nn_numel(small) != 1)
        return false;
    int s = 0;
    while (s < small->ndim && small->shape[s] == 1)
        s++;
    int rest = small->ndim - s;
    if (rest > big->ndim)
        return false;
    for (int i = 0; i < rest; i++)
        if (small->shape[s + i] != big->shape[big->ndim - rest + i])
            return false;
    return true;
}

static bool same_shape(const nn_tensor *a, const nn_tensor *b)
{
    return a->ndim == b->ndim && !memcmp(a->shape, b->shape, sizeof(int) * (size_t)a->ndim);
}

static void binary_general(nn_binop op, const nn_tensor *a, const nn_tensor *b, nn_tensor *o)
{
    int nd = o->ndim;
    long long sa[CD_NN_MAX_DIMS], sb[CD_NN_MAX_DIMS];
    long long ra = 1, rb = 1;
    for (int i = nd - 1; i >= 0; i--) {
        int ai = i - (nd - a->ndim), bi = i - (nd - b->ndim);
        int da = ai >= 0 ? a->shape[ai] : 1, db = bi >= 0 ? b->shape[bi] : 1;
        sa[i] = da == 1 ? 0 : ra;
        sb[i] = db == 1 ? 0 : rb;
        ra *= da;
        rb *= db;
    }
    int idx[CD_NN_MAX_DIMS] = {0};
    long long total = nn_numel(o), ia = 0, ib = 0;
    for (long long e = 0; e < total; e++) {
        o->data[e] = nn_binary_scalar(op, a->data[ia], b->data[ib]);
        for (int d = nd - 1; d >= 0; d--) {
            ia += sa[d];
            ib += sb[d];
            if (++idx[d] < o->shape[d])
                break;
            ia -= sa[d] * o->shape[d];
            ib -= sb[d] * o->shape[d];
            idx[d] = 0;
        }
    }
}

static void binary_run(nn_exec *x)
{
    const binop_info *info = binop_of(x->node);
    const nn_tensor *a = x->in[0], *b = x->in[1];
    nn_tensor *o = x->out[0];
    bool fast = nn_use_fast();
    if (same_shape(a, o) && repeats_into(b, a)) {
        (fast ? nn_binary_repeat_fast : nn_binary_repeat_ref)(info->op, a->data, nn_numel(a),
                                                              b->data, nn_numel(b), o->data);
    } else if (info->commutative && same_shape(b, o) && repeats_into(a, b)) {
        (fast ? nn_binary_repeat_fast : nn_binary_repeat_ref)(info->op, b->data, nn_numel(b),
                                                              a->data, nn_numel(a), o->data);
    } else {
        binary_general(info->op, a, b, o);
    }
}

static int same_infer(nn_exec *x, cd_err *err)
{
    for (int k = 1; k < x->n_in; k++)
        if (!same_shape(x->in[k], x->in[0]))
            return nn_node_error(err, x->node, "inputs must have the same shape");
    x->out[0]->dtype = x->in[0]->dtype;
    return nn_set_shape(x->out[0], x->in[0]->ndim, x->in[0]->shape, err, x->node);
}

static void addn_run(nn_exec *x)
{
    long long n = nn_numel(x->out[0]);
    memcpy(x->out[0]->data, x->in[0]->data, (size_t)n * sizeof(float));
    for (int k = 1; k < x->n_in; k++)
        (nn_use_fast() ? nn_binary_repeat_fast : nn_binary_repeat_ref)(
            NN_BIN_ADD, x->out[0]->data, n, x->in[k]->data, n, x->out[0]->data);
}

static void activation_run(nn_exec *x)
{
    const char *op = x->node->op->name;
    int act = !strcmp(op, "Relu")    ? NN_ACT_RELU
              : !strcmp(op, "Relu6") ? NN_ACT_RELU6
                                     : NN_ACT_SIGMOID;
    long long n = nn_numel(x->out[0]);
    memcpy(x->out[0]->data, x->in[0]->data, (size_t)n * sizeof(float));
    (nn_use_fast() ? nn_activation_fast : nn_activation_ref)(act, x->out[0]->data, n);
}

static int cast_infer(nn_exec *x, cd_err *err)
{
    if (same_infer(x, err))
        return -1;
    x->out[0]->dtype = x->node->a.out_dtype;
    return 0;
}

static void cast_run(nn_exec *x)
{
    long long n = nn_numel(x->out[0]);
    nn_dtype to = x->node->a.out_dtype;
    for (long long i = 0; i < n; i++) {
        float v = x->in[0]->data[i];
        x->out[0]->data[i] = to == NN_I32 ? truncf(v) : to == NN_BOOL ? (v != 0) : v;
    }
}

const nn_op nn_op_addv2 = {"AddV2", arity_prepare, binary_infer, binary_run};
const nn_op nn_op_add = {"Add", arity_prepare, binary_infer, binary_run};
const nn_op nn_op_sub = {"Sub", arity_prepare, binary_infer, binary_run};
const nn_op nn_op_mul = {"Mul", arity_prepare, binary_infer, binary_run};
const nn_op nn_op_maximum = {"Maximum", arity_prepare, binary_infer, binary_run};
const nn_op nn_op_minimum = {"Minimum", arity_prepare, binary_infer, binary_run};
const nn_op nn_op_prelu = {"Prelu", arity_prepare, binary_infer, binary_run};
const nn_op nn_op_equal = {"Equal", arity_prepare, binary_infer, binary_run};
const nn_op nn_op_floordiv = {"FloorDiv", arity_prepare, binary_infer, binary_run};
const nn_op nn_op_floormod = {"FloorMod", arity_prepare, binary_infer, binary_run};
const nn_op nn_op_addn = {"AddN", arity_prepare, same_infer, addn_run};
const nn_op nn_op_relu = {"Relu", arity_prepare, same_infer, activation_run};
const nn_op nn_op_relu6 = {"Relu6", arity_prepare, same_infer, activation_run};
const nn_op nn_op_sigmoid = {"Sigmoid", arity_prepare, same_infer, activation_run};
const nn_op nn_op_cast = {"Cast", arity_prepare, cast_infer, cast_run};
