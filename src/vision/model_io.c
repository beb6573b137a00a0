/* model_io.c - glue between prepared crops and cd_nn sessions. */
#include "vision/model_io.h"

#include <string.h>

#include "vision/face_detect.h"

int cd_model_num_outputs(const cd_model_runner *s)
{
    int n = cd_nn_num_outputs(s->model);
    return n < CD_MODEL_MAX_OUTPUTS ? n : CD_MODEL_MAX_OUTPUTS;
}

long cd_tensor_count(const cd_tensor *t)
{
    if (!t->data)
        return 0; /* an output the session was told not to compute */
    long n = 1;
    for (int i = 0; i < t->ndim; i++)
        n *= t->shape[i] > 0 ? t->shape[i] : 0;
    return n;
}

int cd_model_run_image(cd_model_runner *s, const float *input, int size, int channels,
                       cd_tensor *outs, int n_outs, cd_err *err)
{
    cd_tensor in = {4, {1, size, size, channels}, (float *)input};
    if (n_outs != cd_nn_num_outputs(s->model))
        return cd_err_set(err, CD_EINTERNAL, "model", "model has %d outputs, expected %d",
                          cd_nn_num_outputs(s->model), n_outs);
    return cd_nn_run(s->session, &in, 1, outs, n_outs, err);
}

int cd_model_take(const cd_tensor *outs, int n_outs, long count, float *dst, const char *what,
                  cd_err *err)
{
    for (int i = 0; i < n_outs; i++)
        if (cd_tensor_count(&outs[i]) == count) {
            memcpy(dst, outs[i].data, sizeof(float) * (size_t)count);
            return 0;
        }
    return cd_err_set(err, CD_EINTERNAL, "model", "%s model has no output of %ld values", what,
                      count);
}

int cd_model_run_blazeface(cd_model_runner *s, const float *input, int size, float *raw,
                           int n_anchors, cd_err *err)
{
    cd_tensor outs[CD_MODEL_MAX_OUTPUTS];
    int n_outs = 4; /* the human-models graph splits scores and regressors per grid */
    int rc = cd_model_run_image(s, input, size, 3, outs, n_outs, err);
    if (rc)
        return rc;
    /* split form: per grid a [1,K,1] score and a [1,K,16] regressor; the
     * larger grid (more anchors, finer stride) comes first in anchor order */
    const cd_tensor *score[2] = {NULL, NULL}, *reg[2] = {NULL, NULL};
    int k_big = 0, k_small = 1 << 30;
    for (int i = 0; i < n_outs; i++) {
        int last = outs[i].shape[outs[i].ndim - 1];
        int rows = (int)(cd_tensor_count(&outs[i]) / (last > 0 ? last : 1));
        k_big = rows > k_big ? rows : k_big;
        k_small = rows < k_small ? rows : k_small;
    }
    for (int i = 0; i < n_outs; i++) {
        int last = outs[i].shape[outs[i].ndim - 1];
        int rows = (int)(cd_tensor_count(&outs[i]) / (last > 0 ? last : 1));
        int g = rows == k_big ? 0 : rows == k_small ? 1 : -1;
        if (g < 0)
            continue;
        if (last == 1)
            score[g] = &outs[i];
        else if (last == CD_BLAZEFACE_VALUES - 1)
            reg[g] = &outs[i];
    }
    if (!score[0] || !score[1] || !reg[0] || !reg[1] || k_big + k_small != n_anchors)
        return cd_err_set(err, CD_EINTERNAL, "model",
                          "face detector outputs do not match BlazeFace (%d + %d anchors)", k_big,
                          k_small);
    int row = 0;
    for (int g = 0; g < 2; g++) {
        int k = g == 0 ? k_big : k_small;
        for (int i = 0; i < k; i++, row++) {
            float *r = raw + (size_t)row * CD_BLAZEFACE_VALUES;
            r[0] = score[g]->data[i];
            memcpy(r + 1, reg[g]->data + (size_t)i * (CD_BLAZEFACE_VALUES - 1),
                   sizeof(float) * (CD_BLAZEFACE_VALUES - 1));
        }
    }
    return 0;
}
