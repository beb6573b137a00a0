/* op_table.c - the TensorFlow op names the engine implements. A name not
 * listed here makes cd_nn_load() fail naming the op and the node. */
#include <string.h>

#include "nn/nn_internal.h"

extern const nn_op nn_op_conv2d, nn_op_fused_conv2d, nn_op_dwconv, nn_op_fused_dwconv,
    nn_op_maxpool, nn_op_fused_matmul, nn_op_addv2, nn_op_add, nn_op_sub, nn_op_mul, nn_op_maximum,
    nn_op_minimum, nn_op_prelu, nn_op_equal, nn_op_floordiv, nn_op_floormod, nn_op_addn, nn_op_relu,
    nn_op_relu6, nn_op_sigmoid, nn_op_cast, nn_op_reshape, nn_op_expanddims, nn_op_shape,
    nn_op_pack, nn_op_concat, nn_op_stridedslice, nn_op_pad, nn_op_gather, nn_op_depthtospace,
    nn_op_mean, nn_op_softmax, nn_op_topk, nn_op_resize_bilinear;

static const nn_op *const OPS[] = {
    &nn_op_conv2d,       &nn_op_fused_conv2d,
    &nn_op_dwconv,       &nn_op_fused_dwconv,
    &nn_op_maxpool,      &nn_op_fused_matmul,
    &nn_op_addv2,        &nn_op_add,
    &nn_op_sub,          &nn_op_mul,
    &nn_op_maximum,      &nn_op_minimum,
    &nn_op_prelu,        &nn_op_equal,
    &nn_op_floordiv,     &nn_op_floormod,
    &nn_op_addn,         &nn_op_relu,
    &nn_op_relu6,        &nn_op_sigmoid,
    &nn_op_cast,         &nn_op_reshape,
    &nn_op_expanddims,   &nn_op_shape,
    &nn_op_pack,         &nn_op_concat,
    &nn_op_stridedslice, &nn_op_pad,
    &nn_op_gather,       &nn_op_depthtospace,
    &nn_op_mean,         &nn_op_softmax,
    &nn_op_topk,         &nn_op_resize_bilinear,
};

const nn_op *nn_op_find(const char *name)
{
    for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++)
        if (!strcmp(OPS[i]->name, name))
            return OPS[i];
    return NULL;
}
