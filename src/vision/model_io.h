/* model_io.h - running one vision model on a prepared input tensor and
 * returning its outputs in a fixed layout, whatever order or split the
 * converted graph happens to use.
 *
 * Owns nothing: inputs are the caller's, outputs are copied into the
 * caller's buffers (sizes checked). Threads: one session per thread. */
#ifndef CANDOR_VISION_MODEL_IO_H
#define CANDOR_VISION_MODEL_IO_H

#include "base/err.h"
#include "nn/nn.h"

#define CD_MODEL_MAX_OUTPUTS 8

/* A loaded model and this thread's session for it. */
typedef struct cd_model_runner {
    const cd_nn_model *model;
    cd_nn_session *session;
} cd_model_runner;

/* Output count of the model, at most CD_MODEL_MAX_OUTPUTS. */
int cd_model_num_outputs(const cd_model_runner *s);

/* Runs a single-input NHWC image model (batch 1, size x size x channels).
 * outs gets one view per model output (valid until the next run). */
int cd_model_run_image(cd_model_runner *s, const float *input, int size, int channels,
                       cd_tensor *outs, int n_outs, cd_err *err);
/* Number of float elements in t; 0 for an output not computed (data NULL). */
long cd_tensor_count(const cd_tensor *t);
/* Copies the output with exactly `count` elements into dst; CD_EINTERNAL if
 * no output has that size (a model other than the one expected). */
int cd_model_take(const cd_tensor *outs, int n_outs, long count, float *dst, const char *what,
                  cd_err *err);

/* BlazeFace: one [1,N,17] output or the split form (scores and regressors
 * for the 16x16 and 8x8 grids); raw gets N rows of 17 in anchor order. */
int cd_model_run_blazeface(cd_model_runner *s, const float *input, int size, float *raw,
                           int n_anchors, cd_err *err);

#endif
