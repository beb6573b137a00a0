/* nn_bench.c - milliseconds per inference for each vision model on the
 * current core, and peak RSS with every model loaded.
 *
 *   nn_bench MODELS_DIR FIXTURE_DIR RUNS model[:output,...] [...]
 *
 * "model:out1,out2" times a session that computes only those outputs
 * (cd_nn_session_new_outputs), as the vision layer can ask for.
 *
 * Inputs are the oracle fixtures (real photo crops scaled from the 512x512
 * astronaut image, see tests/unit/nn/setup.sh). Prints one JSON line per
 * model, then a summary line. Wall-clock (ms_*) and thread CPU time
 * (cpu_ms_*) are both reported: on a shared, busy core the CPU time is the
 * steadier figure, wall time is what a caller waits.
 * CANDOR_NN_PROFILE=1 adds a per-op-type breakdown on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "base/fs.h"
#include "nn/nn.h"

#define MAX_MODELS 32
#define MAX_OUTPUTS 16

static long long cpu_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (long long)ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: nn_bench MODELS_DIR FIXTURE_DIR RUNS model...\n");
        return 2;
    }
    int runs = atoi(argv[3]);
    int n = argc - 4 > MAX_MODELS ? MAX_MODELS : argc - 4;
    if (runs < 1)
        runs = 1;
    cd_nn_model *models[MAX_MODELS] = {0};
    cd_nn_session *sessions[MAX_MODELS] = {0};
    cd_tensor inputs[MAX_MODELS];
    double *t = calloc((size_t)runs, sizeof(double));
    double *cpu = calloc((size_t)runs, sizeof(double));
    for (int i = 0; i < n; i++) {
        /* "model" or "model:out1,out2": a session computing only those outputs */
        char name[256], *outs[MAX_OUTPUTS];
        int n_outs = 0;
        snprintf(name, sizeof name, "%s", argv[4 + i]);
        char *colon = strchr(name, ':');
        if (colon) {
            *colon = 0;
            for (char *tok = strtok(colon + 1, ","); tok && n_outs < MAX_OUTPUTS;
                 tok = strtok(NULL, ","))
                outs[n_outs++] = tok;
        }
        char path[2048];
        cd_err err = {0};
        snprintf(path, sizeof path, "%s/%s.json", argv[1], name);
        models[i] = cd_nn_load(path, &err);
        if (models[i])
            sessions[i] = n_outs ? cd_nn_session_new_outputs(models[i], (const char *const *)outs,
                                                             n_outs, &err)
                                 : cd_nn_session_new(models[i], &err);
        if (!sessions[i]) {
            fprintf(stderr, "nn_bench: %s: %s\n", argv[4 + i], err.msg);
            return 1;
        }
        int shape[CD_NN_MAX_DIMS];
        inputs[i].ndim = cd_nn_input_shape(models[i], 0, shape);
        for (int d = 0; d < inputs[i].ndim; d++)
            inputs[i].shape[d] = shape[d] < 0 ? 1 : shape[d];
        snprintf(path, sizeof path, "%s/%s/input.bin", argv[2], name);
        size_t len = 0;
        inputs[i].data = (float *)cd_read_file(path, 64u << 20, &len, &err);
        if (!inputs[i].data) {
            fprintf(stderr, "nn_bench: %s\n", err.msg);
            return 1;
        }
    }
    double total_median = 0;
    for (int i = 0; i < n; i++) {
        cd_tensor out[16];
        cd_err err = {0};
        int n_out = cd_nn_num_outputs(models[i]);
        for (int r = -2; r < runs; r++) { /* two warm-up runs */
            long long t0 = cd_now_ns(), c0 = cpu_now_ns();
            if (cd_nn_run(sessions[i], &inputs[i], 1, out, n_out, &err)) {
                fprintf(stderr, "nn_bench: %s: %s\n", argv[4 + i], err.msg);
                return 1;
            }
            if (r >= 0) {
                t[r] = (double)(cd_now_ns() - t0) / 1e6;
                cpu[r] = (double)(cpu_now_ns() - c0) / 1e6;
            }
        }
        qsort(t, (size_t)runs, sizeof(double), cmp_double);
        qsort(cpu, (size_t)runs, sizeof(double), cmp_double);
        total_median += t[runs / 2];
        printf("{\"model\":\"%s\",\"ms_median\":%.3f,\"ms_min\":%.3f,\"cpu_ms_median\":%.3f,"
               "\"cpu_ms_min\":%.3f,\"arena_kib\":%zu}\n",
               argv[4 + i], t[runs / 2], t[0], cpu[runs / 2], cpu[0],
               cd_nn_session_peak_bytes(sessions[i]) / 1024);
        fflush(stdout);
        if (getenv("CANDOR_NN_PROFILE")) { /* the breakdown prints when the session ends */
            fprintf(stderr, "%s: ", argv[4 + i]);
            cd_nn_session_free(sessions[i]);
            sessions[i] = NULL;
        }
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("{\"models\":%d,\"peak_rss_mib\":%.1f,\"sum_ms_median\":%.3f}\n", n,
           (double)ru.ru_maxrss / 1024.0, total_median);
    for (int i = 0; i < n; i++) {
        free(inputs[i].data);
        cd_nn_session_free(sessions[i]);
        cd_nn_model_free(models[i]);
    }
    free(t);
    free(cpu);
    return 0;
}
