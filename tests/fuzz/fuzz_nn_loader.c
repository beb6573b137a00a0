/* libFuzzer target: the fuzz input is a model.json next to a fixed 64-byte
 * weight shard "w.bin"; loading, planning and (for small models) running it
 * must never crash, hang or read out of bounds, only fail with an error.
 * Seed with any model.json from models/node_modules (weights paths then
 * point at missing shards, which exercises that path too). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fs.h"
#include "nn/nn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[256];

static void write_all(const char *name, const void *p, size_t n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(p, 1, n, f);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/fuzz_nn_loader.%d", (int)getpid());
        cd_err e;
        cd_mkdirs(dir, &e);
        unsigned char w[64];
        for (int i = 0; i < 64; i++)
            w[i] = (unsigned char)(i * 37);
        write_all("w.bin", w, sizeof w);
    }
    write_all("model.json", data, size);
    char path[512];
    snprintf(path, sizeof path, "%s/model.json", dir);
    cd_err err;
    cd_nn_model *m = cd_nn_load(path, &err);
    if (!m)
        return 0;
    cd_nn_session *s = cd_nn_session_new(m, &err);
    if (s && cd_nn_session_peak_bytes(s) < (64u << 20) && cd_nn_num_inputs(m) == 1 &&
        cd_nn_num_outputs(m) <= 16) {
        int shape[CD_NN_MAX_DIMS];
        cd_tensor in = {.ndim = cd_nn_input_shape(m, 0, shape)};
        long long n = 1;
        for (int d = 0; d < in.ndim; d++) {
            in.shape[d] = shape[d] < 1 ? 1 : shape[d];
            n *= in.shape[d];
        }
        if (n > 0 && n < (1 << 22)) {
            in.data = calloc((size_t)n, sizeof(float));
            cd_tensor out[16];
            cd_nn_run(s, &in, 1, out, cd_nn_num_outputs(m), &err);
            free(in.data);
        }
    }
    cd_nn_session_free(s);
    cd_nn_model_free(m);
    return 0;
}
