/* profile.c - optional per-op timing of cd_nn_run().
 *
 * CANDOR_NN_PROFILE=1 in the environment makes every session time each
 * step and, when the session is freed (or re-planned), print milliseconds
 * per run by op type to stderr, with the multiply-accumulates of conv-like
 * ops so kernel efficiency (GMAC/s) can be read off directly;
 * CANDOR_NN_PROFILE=2 adds the 40 slowest steps. When the variable is unset
 * the only cost is one branch per run. Steps are timed in thread CPU time,
 * so a shared, busy core does not charge other processes' time to an op. Steps that fused several
 * graph nodes are named after the node that starts them, with a "+" suffix. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nn/nn_internal.h"

int nn_profile_level(void)
{
    /* read once; sessions may be created from several threads */
    static atomic_int level = -1;
    int l = atomic_load(&level);
    if (l < 0) {
        const char *v = getenv("CANDOR_NN_PROFILE");
        l = v && *v >= '1' && *v <= '9' ? *v - '0' : 0;
        atomic_store(&level, l);
    }
    return l;
}

long long nn_profile_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (long long)ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

/* Multiply-accumulates of one run of a step (0 for data movement). */
static double step_macs(const nn_exec *x)
{
    const char *op = x->node->op->name;
    const nn_tensor *o = x->out[0];
    if (strstr(op, "Conv2D") || strstr(op, "Depthwise")) {
        const nn_tensor *f = x->in[1];
        double taps = (double)f->shape[0] * f->shape[1];
        double per_out = strstr(op, "Depthwise") ? taps : taps * f->shape[2];
        return (double)nn_numel(o) * per_out;
    }
    if (strstr(op, "MatMul"))
        return (double)nn_numel(o) * x->in[0]->shape[1];
    return 0;
}

/* Steps listed one by one at CANDOR_NN_PROFILE=2. */
#define PROFILE_TOP_STEPS 40

typedef struct prof_row {
    char name[96];
    double ns, macs;
    int count;
} prof_row;

static int cmp_row(const void *a, const void *b)
{
    const prof_row *x = a, *y = b;
    return x->ns < y->ns ? 1 : x->ns > y->ns ? -1 : 0;
}

void nn_profile_report(const nn_step *steps, int n_steps, const long long *ns, long long runs)
{
    if (runs <= 0 || n_steps <= 0)
        return;
    prof_row *rows = calloc((size_t)n_steps, sizeof *rows);
    prof_row *each = calloc((size_t)n_steps, sizeof *each);
    if (!rows || !each) {
        free(rows);
        free(each);
        return;
    }
    int nr = 0;
    double total = 0;
    for (int i = 0; i < n_steps; i++) {
        const nn_exec *x = &steps[i].x;
        char name[64];
        snprintf(name, sizeof name, "%s%s", x->node->op->name, x->fused ? "+" : "");
        int r = 0;
        while (r < nr && strcmp(rows[r].name, name))
            r++;
        if (r == nr)
            snprintf(rows[nr++].name, sizeof rows[0].name, "%s", name);
        rows[r].ns += (double)ns[i];
        rows[r].macs += step_macs(x) * (double)runs;
        rows[r].count++;
        total += (double)ns[i];
        /* the tail of the node name says more than its (shared) prefix */
        size_t len = strlen(x->node->name);
        const nn_tensor *o = x->out[0], *f = x->n_in > 1 ? x->in[1] : NULL;
        bool f4 = f && f->ndim == 4;
        snprintf(each[i].name, sizeof each[i].name, "%.24s%s %dx%dx%d k%dx%dx%d",
                 x->node->name + (len > 24 ? len - 24 : 0), x->fused ? "+" : "",
                 o->ndim == 4 ? o->shape[1] : 0, o->ndim == 4 ? o->shape[2] : 0,
                 o->ndim ? o->shape[o->ndim - 1] : 0, f4 ? f->shape[0] : 0, f4 ? f->shape[1] : 0,
                 f4 ? f->shape[2] : 0);
        each[i].ns = (double)ns[i];
        each[i].macs = step_macs(x) * (double)runs;
    }
    qsort(rows, (size_t)nr, sizeof *rows, cmp_row);
    fprintf(stderr, "nn profile: %d steps, %lld runs, %.3f ms/run\n", n_steps, runs,
            total / 1e6 / (double)runs);
    fprintf(stderr, "  %-30s %9s %6s %5s %8s\n", "op", "ms/run", "%", "steps", "GMAC/s");
    for (int r = 0; r < nr; r++)
        fprintf(stderr, "  %-30s %9.3f %6.1f %5d %8.2f\n", rows[r].name,
                rows[r].ns / 1e6 / (double)runs, 100.0 * rows[r].ns / (total > 0 ? total : 1),
                rows[r].count, rows[r].ns > 0 ? rows[r].macs / rows[r].ns : 0.0);
    if (nn_profile_level() >= 2) {
        qsort(each, (size_t)n_steps, sizeof *each, cmp_row);
        for (int i = 0; i < n_steps && i < PROFILE_TOP_STEPS; i++)
            fprintf(stderr, "    %-60s %9.3f %8.2f\n", each[i].name,
                    each[i].ns / 1e6 / (double)runs,
                    each[i].ns > 0 ? each[i].macs / each[i].ns : 0.0);
    }
    free(rows);
    free(each);
}
