/* nn.h - Candor's inference engine for TensorFlow.js graph models.
 *
 * Two objects, split by what may be shared:
 *   cd_nn_model   - the loaded graph and its (dequantised, folded) weights.
 *                   Immutable after cd_nn_load(); share it freely across
 *                   threads; free once with cd_nn_model_free().
 *   cd_nn_session - the activation arena and execution state for one thread.
 *                   Create one per worker thread per model; not thread-safe.
 *
 * Tensors are float32, row-major, NHWC for images (TensorFlow's layout).
 * Output tensors returned by cd_nn_run() point into the session's arena and
 * stay valid until the next cd_nn_run() on that session. */
#ifndef CANDOR_NN_H
#define CANDOR_NN_H

#include <stddef.h>
#include "base/err.h"

#define CD_NN_MAX_DIMS 6

typedef struct cd_tensor {
    int ndim;
    int shape[CD_NN_MAX_DIMS];
    float *data;
} cd_tensor;

typedef struct cd_nn_model cd_nn_model;
typedef struct cd_nn_session cd_nn_session;

/* Loads model.json and its weight shards from the same folder. Fails with a
 * clear message naming the op and node for unsupported ops, and on malformed
 * JSON, missing/truncated shards or mismatched weight sizes. */
cd_nn_model *cd_nn_load(const char *model_json_path, cd_err *err);
void cd_nn_model_free(cd_nn_model *m);

int cd_nn_num_inputs(const cd_nn_model *m);
int cd_nn_num_outputs(const cd_nn_model *m);
/* Name and declared shape of an input/output (-1 for unknown dims). */
const char *cd_nn_input_name(const cd_nn_model *m, int i);
int cd_nn_input_shape(const cd_nn_model *m, int i, int shape[CD_NN_MAX_DIMS]);
const char *cd_nn_output_name(const cd_nn_model *m, int i);
/* Output order and names: the model.json "signature" outputs in file order,
 * named by their signature keys (facemesh: "output_mesh", "output_faceflag",
 * "output_contours"); models without a signature (blazeface, iris, emotion)
 * list their sink nodes in file order, named by node name. Returns the index
 * of the output called `name`, or -1. */
int cd_nn_output_index(const cd_nn_model *m, const char *name);

cd_nn_session *cd_nn_session_new(const cd_nn_model *m, cd_err *err);
/* A session that computes only the outputs named (cd_nn_output_index
 * names) and the nodes they need: e.g. blazepose's landmarks without its
 * 256x256 segmentation mask, which is a third of the model's time.
 * cd_nn_run() still takes n_out == cd_nn_num_outputs(); outputs not asked
 * for come back empty: data NULL, ndim 1, shape[0] 0 (zero elements, so
 * code that picks outputs by size never takes one). Fails on an unknown
 * name. */
cd_nn_session *cd_nn_session_new_outputs(const cd_nn_model *m, const char *const *names,
                                         int n_names, cd_err *err);
void cd_nn_session_free(cd_nn_session *s);
/* Runs the graph. `inputs` in model input order; fills `outputs` (n_out must
 * equal cd_nn_num_outputs) with views into the session arena. */
int cd_nn_run(cd_nn_session *s, const cd_tensor *inputs, int n_in, cd_tensor *outputs, int n_out,
              cd_err *err);
/* Peak bytes of the activation arena planned for this model. */
size_t cd_nn_session_peak_bytes(const cd_nn_session *s);
/* Benchmarks and tests: non-zero makes every session use the plain C
 * reference kernels instead of the AVX2/FMA ones (process-wide). */
void cd_nn_force_reference(int on);

#endif
