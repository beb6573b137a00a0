/* nn_internal.h - the engine's private model, session and op structures.
 *
 * Shared by the loader (loader.c), the planner/executor (plan.c) and the op
 * files (ops_*.c). Not a public API: only src/nn and its unit tests include it.
 *
 * Storage: every tensor is stored as float32, whatever its TensorFlow dtype.
 * int32 and bool values in these graphs are shapes, indices (< 2^24) and
 * masks, all exactly representable; one storage type keeps kernels and the
 * arena simple. The dtype is still tracked so integer ops (FloorDiv, Cast)
 * keep TensorFlow's semantics. */
#ifndef CANDOR_NN_INTERNAL_H
#define CANDOR_NN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include "nn/kernels.h"
#include "nn/nn.h"

/* Explicit limits: a model outside them is rejected at load time. */
#define NN_MAX_JSON_BYTES (64u << 20)
#define NN_MAX_WEIGHT_BYTES (512u << 20)
#define NN_MAX_NODES 20000
#define NN_MAX_NODE_INPUTS 64
#define NN_MAX_TENSOR_ELEMS (1ll << 28)
#define NN_MAX_ARENA_BYTES (2ull << 30)

typedef enum { NN_F32 = 0, NN_I32, NN_BOOL } nn_dtype;
typedef enum { NN_PAD_VALID = 0, NN_PAD_SAME, NN_PAD_EXPLICIT } nn_padding;
typedef enum { NN_ACT_NONE = 0, NN_ACT_RELU, NN_ACT_RELU6, NN_ACT_PRELU } nn_act;

/* A tensor during planning/execution: shape, storage and dtype. `is_static`
 * means its value is known before run time (a weight, or folded from
 * weights and shapes), so ops may read it while inferring shapes. */
typedef struct nn_tensor {
    int ndim;
    int shape[CD_NN_MAX_DIMS];
    float *data;
    nn_dtype dtype;
    bool is_static;
} nn_tensor;

/* Attributes parsed from a node's "attr" object; each op reads what it uses. */
typedef struct nn_attrs {
    int strides[4], dilations[4], ksize[4];
    nn_padding padding;
    int explicit_pads[8];
    nn_act act;    /* fused activation of _Fused* ops */
    bool has_bias; /* fused BiasAdd */
    int num_args;  /* extra inputs of fused ops */
    int axis;      /* Pack */
    int begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_mask;
    bool keep_dims, align_corners, half_pixel, transpose_a, transpose_b;
    int block_size;
    int batch_dims;
    nn_dtype dtype;     /* T / dtype / DstT */
    nn_dtype out_dtype; /* Shape.out_type, Cast.DstT */
} nn_attrs;

struct nn_op;

typedef struct nn_node {
    char *name;
    const struct nn_op *op;
    int n_in;
    int *in; /* value ids */
    int n_out;
    int out[2]; /* value ids (TopKV2 has two outputs) */
    nn_attrs a;
    /* Load-time prepared data owned by the node (e.g. packed conv weights). */
    float *packed;
    int packed_oc;
} nn_node;

/* A value: one output of one node. Constants carry their data. */
typedef struct nn_value {
    char *name;   /* "node" for output 0, "node:1" for output 1 */
    int producer; /* node index */
    int out_index;
    nn_dtype dtype;
    bool is_const;
    int ndim;
    int shape[CD_NN_MAX_DIMS];
    float *data; /* owned, constants only */
} nn_value;

struct cd_nn_model {
    nn_node *nodes;
    int n_nodes;
    nn_value *values;
    int n_values;
    int *order; /* topological order of the nodes the outputs need */
    int n_order;
    int n_inputs, n_outputs;
    int *inputs; /* value ids */
    int *outputs;
    char **input_names, **output_names;
    int (*input_shapes)[CD_NN_MAX_DIMS];
    int *input_ndims;
};

/* Everything an op sees when it runs: its node, tensors and scratch. */
typedef struct nn_exec {
    const nn_node *node;
    nn_tensor **in;
    int n_in;
    nn_tensor *out[2];
    int n_out;
    float *scratch;
    size_t scratch_bytes; /* infer() sets what run() will need */
    /* Plan-time fusion (plan.c; conv-like ops only). When `fused`, the
     * nodes that followed this one (bias AddV2, Relu/Relu6/Prelu, a residual
     * AddV2 and its activation) are folded into `ep`, which replaces the
     * node's own epilogue; `residual` supplies ep.residual at run time. When
     * `pad_fused`, a zero Pad before the op was folded into `pads`
     * (top, bottom, left, right), added to the op's explicit/VALID padding. */
    bool fused, pad_fused;
    nn_epilogue ep;
    const struct nn_tensor *residual;
    int pads[4];
} nn_exec;

/* One run-time step of a session's plan. */
typedef struct nn_step {
    nn_exec x;
    int node;
} nn_step;

/* fuse.c: folds the nodes that follow conv-like steps into their epilogue
 * and spatial Pads into their padding (see fuse.c). `uses` counts each
 * value's consumers (steps, aliases, model outputs); merged biases are
 * appended to `owned`, which must have room for one per step. Returns the
 * new step count, or -1 when out of memory. */
int nn_fuse_steps(nn_tensor *t, int n_values, nn_step *steps, int n_steps, const int *uses,
                  float **owned, int *n_owned);

/* profile.c: CANDOR_NN_PROFILE level (0 = off), and the per-op report. */
int nn_profile_level(void);
/* Thread CPU time in ns (profiling only: a system call). */
long long nn_profile_clock(void);
void nn_profile_report(const nn_step *steps, int n_steps, const long long *ns, long long runs);

typedef struct nn_op {
    const char *name;
    /* Load time: validate attributes/arity, prepare constant data. */
    int (*prepare)(nn_node *n, cd_nn_model *m, cd_err *err);
    /* Plan time: output shapes/dtypes from input shapes (and static values). */
    int (*infer)(nn_exec *x, cd_err *err);
    /* Run time: inputs valid, outputs allocated; must not fail. */
    void (*run)(nn_exec *x);
} nn_op;

const nn_op *nn_op_find(const char *name);

/* Helpers shared by ops. */
long long nn_numel(const nn_tensor *t);
long long nn_shape_numel(int ndim, const int *shape);
int nn_set_shape(nn_tensor *t, int ndim, const int *shape, cd_err *err, const nn_node *n);
int nn_node_error(cd_err *err, const nn_node *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Reads a static int tensor into `out` (max n values); -1 when not static. */
int nn_static_ints(const nn_tensor *t, int *out, int max);
/* Numpy-style broadcast of two shapes; returns 0 or -1. */
int nn_broadcast_shape(const nn_tensor *a, const nn_tensor *b, nn_tensor *out);
const nn_value *nn_input_value(const cd_nn_model *m, const nn_node *n, int i);

/* Chooses reference or fast kernels (tests force reference). */
bool nn_use_fast(void);
void nn_force_reference(bool on);

#endif
