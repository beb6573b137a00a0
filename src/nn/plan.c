/* plan.c - sessions: static execution plan, activation arena, execution.
 *
 * Planning happens once per session (and again only if the input shape
 * changes): walk the model's topological order inferring every shape;
 * evaluate at plan time every node whose inputs are all known (weights,
 * shapes), which folds the Shape/StridedSlice/Pack chains and any
 * constant-only arithmetic; keep the rest as run-time steps. Each run-time
 * tensor gets an offset in one arena: tensors whose lifetimes (first
 * definition .. last use, inclusive) overlap never share bytes, others do.
 * Greedy placement, largest first, gives a peak close to the lower bound. */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn/kernels.h"
#include "nn/nn_internal.h"

#define NN_ALIGN 64

static atomic_bool g_force_reference;

bool nn_use_fast(void)
{
    return !atomic_load(&g_force_reference) && nn_cpu_fast();
}

void nn_force_reference(bool on)
{
    atomic_store(&g_force_reference, on);
}

void cd_nn_force_reference(int on)
{
    nn_force_reference(on != 0);
}

long long nn_shape_numel(int ndim, const int *shape)
{
    long long n = 1;
    for (int i = 0; i < ndim; i++) {
        if (shape[i] < 0)
            return -1;
        n *= shape[i];
        if (n > NN_MAX_TENSOR_ELEMS)
            return NN_MAX_TENSOR_ELEMS + 1;
    }
    return n;
}

long long nn_numel(const nn_tensor *t)
{
    return nn_shape_numel(t->ndim, t->shape);
}

int nn_node_error(cd_err *err, const nn_node *n, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cd_err_set(err, CD_EUNPROCESSABLE, n->name, "node '%s' (%s): %s", n->name,
                      n->op ? n->op->name : "Const", msg);
}

int nn_set_shape(nn_tensor *t, int ndim, const int *shape, cd_err *err, const nn_node *n)
{
    if (ndim < 0 || ndim > CD_NN_MAX_DIMS)
        return nn_node_error(err, n, "result would have %d dimensions (max %d)", ndim,
                             CD_NN_MAX_DIMS);
    long long e = nn_shape_numel(ndim, shape);
    if (e < 0 || e > NN_MAX_TENSOR_ELEMS)
        return nn_node_error(err, n, "result shape is invalid or too large");
    t->ndim = ndim;
    memcpy(t->shape, shape, sizeof(int) * (size_t)ndim);
    return 0;
}

int nn_static_ints(const nn_tensor *t, int *out, int max)
{
    if (!t->is_static || !t->data)
        return -1;
    long long n = nn_numel(t);
    if (n < 0 || n > max)
        return -1;
    for (long long i = 0; i < n; i++)
        out[i] = (int)t->data[i];
    return (int)n;
}

int nn_broadcast_shape(const nn_tensor *a, const nn_tensor *b, nn_tensor *out)
{
    int nd = a->ndim > b->ndim ? a->ndim : b->ndim;
    int shape[CD_NN_MAX_DIMS];
    for (int i = 0; i < nd; i++) {
        int ai = i - (nd - a->ndim), bi = i - (nd - b->ndim);
        int da = ai >= 0 ? a->shape[ai] : 1, db = bi >= 0 ? b->shape[bi] : 1;
        if (da != db && da != 1 && db != 1)
            return -1;
        shape[i] = da == 1 ? db : da;
    }
    out->ndim = nd;
    memcpy(out->shape, shape, sizeof(int) * (size_t)nd);
    return 0;
}

/* ---- session ----------------------------------------------------------------- */

struct cd_nn_session {
    const cd_nn_model *m;
    nn_tensor *t;       /* one per value */
    nn_tensor **inptrs; /* flat storage for every exec's input pointers */
    nn_step *steps;
    int n_steps;
    float **owned; /* plan-time folded buffers */
    int n_owned;
    float *arena;
    size_t arena_bytes;
    float *scratch;
    size_t scratch_bytes;
    int *alias_dst, *alias_src; /* no-copy Reshape/ExpandDims, in plan order */
    int n_alias;
    long long *prof_ns; /* CANDOR_NN_PROFILE: ns per step, summed over runs */
    long long prof_runs;
    int planned_ndim[64];
    int planned_shape[64][CD_NN_MAX_DIMS];
    bool planned;
    /* cd_nn_session_new_outputs(): outputs the caller asked for and the
     * nodes they depend on; NULL means everything. Kept across re-plans. */
    bool *want, *need;
};

static void session_clear(cd_nn_session *s)
{
    if (s->prof_ns)
        nn_profile_report(s->steps, s->n_steps, s->prof_ns, s->prof_runs);
    free(s->prof_ns);
    free(s->alias_dst);
    free(s->alias_src);
    for (int i = 0; i < s->n_owned; i++)
        free(s->owned[i]);
    free(s->owned);
    free(s->t);
    free(s->inptrs);
    free(s->steps);
    free(s->arena);
    free(s->scratch);
    const cd_nn_model *m = s->m;
    bool *want = s->want, *need = s->need;
    memset(s, 0, sizeof *s);
    s->m = m;
    s->want = want;
    s->need = need;
}

static void *xaligned(size_t bytes)
{
    size_t sz = (bytes + NN_ALIGN - 1) / NN_ALIGN * NN_ALIGN;
    return aligned_alloc(NN_ALIGN, sz ? sz : NN_ALIGN);
}

typedef struct live {
    int value;
    int def, last;
    size_t bytes, off;
} live;

static int cmp_live_size(const void *a, const void *b)
{
    const live *x = a, *y = b;
    if (x->bytes != y->bytes)
        return x->bytes < y->bytes ? 1 : -1;
    return x->def - y->def;
}

static int cmp_size_t(const void *a, const void *b)
{
    const size_t *x = a, *y = b;
    return *x < *y ? -1 : (*x > *y);
}

/* Greedy offset assignment; returns the arena size. */
static size_t place_buffers(live *lv, int n)
{
    qsort(lv, (size_t)n, sizeof *lv, cmp_live_size);
    size_t peak = 0;
    size_t *busy = malloc(sizeof(size_t) * 2 * ((size_t)n + 1));
    if (!busy)
        return (size_t)-1;
    for (int i = 0; i < n; i++) {
        int nb = 0;
        for (int j = 0; j < i; j++)
            if (lv[j].def <= lv[i].last && lv[i].def <= lv[j].last) {
                busy[2 * nb] = lv[j].off;
                busy[2 * nb + 1] = lv[j].off + lv[j].bytes;
                nb++;
            }
        qsort(busy, (size_t)nb, 2 * sizeof(size_t), cmp_size_t);
        size_t off = 0;
        for (int k = 0; k < nb; k++) {
            if (busy[2 * k] >= off + lv[i].bytes)
                break;
            if (busy[2 * k + 1] > off)
                off = busy[2 * k + 1];
        }
        lv[i].off = off;
        if (off + lv[i].bytes > peak)
            peak = off + lv[i].bytes;
    }
    free(busy);
    return peak;
}

static bool is_alias_op(const nn_node *n)
{
    return !strcmp(n->op->name, "Reshape") || !strcmp(n->op->name, "ExpandDims");
}

/* Lifetimes of the run-time values over the (fused) step list: an alias
 * (no-copy Reshape/ExpandDims) extends the life of the value it views. */
static int plan_lifetimes(cd_nn_session *s, const int *root, int *def, int *last)
{
    const cd_nn_model *m = s->m;
    for (int v = 0; v < m->n_values; v++)
        def[v] = last[v] = -1;
    for (int i = 0; i < s->n_steps; i++) {
        const nn_exec *x = &s->steps[i].x;
        for (int k = 0; k < x->n_in; k++)
            last[root[x->in[k] - s->t]] = i;
        if (x->residual)
            last[root[x->residual - s->t]] = i;
        for (int k = 0; k < x->n_out; k++)
            def[x->out[k] - s->t] = i;
    }
    for (int o = 0; o < m->n_outputs; o++)
        if (!s->want || s->want[o])
            last[root[m->outputs[o]]] = s->n_steps; /* outputs live until the next run */
    return 0;
}

static int plan(cd_nn_session *s, const cd_tensor *inputs, cd_err *err)
{
    const cd_nn_model *m = s->m;
    session_clear(s);
    int total_in = 0;
    for (int i = 0; i < m->n_order; i++)
        total_in += m->nodes[m->order[i]].n_in;
    s->t = calloc((size_t)m->n_values + 1, sizeof *s->t);
    s->inptrs = calloc((size_t)total_in + 1, sizeof *s->inptrs);
    s->steps = calloc((size_t)m->n_order + 1, sizeof *s->steps);
    s->owned = calloc((size_t)m->n_order * 3 + 1, sizeof *s->owned);
    s->alias_dst = calloc((size_t)m->n_order + 1, sizeof(int));
    s->alias_src = calloc((size_t)m->n_order + 1, sizeof(int));
    int *def = calloc((size_t)m->n_values + 1, sizeof(int));
    int *last = calloc((size_t)m->n_values + 1, sizeof(int));
    int *root = calloc((size_t)m->n_values + 1, sizeof(int));
    int *uses = calloc((size_t)m->n_values + 1, sizeof(int));
    live *lv = calloc((size_t)m->n_values + 1, sizeof *lv);
    int rc = 0;
    if (!s->t || !s->inptrs || !s->steps || !s->owned || !s->alias_dst || !s->alias_src || !def ||
        !last || !root || !uses || !lv) {
        rc = cd_err_set(err, CD_EINTERNAL, "", "out of memory planning the model");
        goto done;
    }
    for (int v = 0; v < m->n_values; v++) {
        const nn_value *val = &m->values[v];
        nn_tensor *t = &s->t[v];
        t->dtype = val->dtype;
        root[v] = v;
        if (val->is_const) {
            t->ndim = val->ndim;
            memcpy(t->shape, val->shape, sizeof t->shape);
            t->data = val->data;
            t->is_static = true;
        }
    }
    for (int i = 0; i < m->n_inputs; i++) {
        nn_tensor *t = &s->t[m->inputs[i]];
        t->ndim = inputs[i].ndim;
        memcpy(t->shape, inputs[i].shape, sizeof t->shape);
        s->planned_ndim[i] = inputs[i].ndim;
        memcpy(s->planned_shape[i], inputs[i].shape, sizeof s->planned_shape[i]);
    }
    int used_in = 0;
    size_t scratch_max = 0;
    for (int i = 0; i < m->n_order && !rc; i++) {
        const nn_node *n = &m->nodes[m->order[i]];
        if (!n->op || (s->need && !s->need[m->order[i]]))
            continue; /* Const / Placeholder, or only feeds outputs nobody asked for */
        nn_exec x = {.node = n, .in = s->inptrs + used_in, .n_in = n->n_in, .n_out = n->n_out};
        used_in += n->n_in;
        bool all_static = true;
        for (int k = 0; k < n->n_in; k++) {
            x.in[k] = &s->t[n->in[k]];
            all_static = all_static && x.in[k]->is_static;
        }
        for (int k = 0; k < n->n_out; k++)
            x.out[k] = &s->t[n->out[k]];
        if ((rc = n->op->infer(&x, err)) != 0)
            break;
        if (all_static || !strcmp(n->op->name, "Shape")) {
            /* fold now: results are known before any input arrives */
            for (int k = 0; k < n->n_out && !rc; k++) {
                long long e = nn_numel(x.out[k]);
                float *buf = xaligned((size_t)(e > 0 ? e : 1) * sizeof(float));
                if (!buf)
                    rc = cd_err_set(err, CD_EINTERNAL, "", "out of memory folding constants");
                else
                    s->owned[s->n_owned++] = buf;
                x.out[k]->data = buf;
                x.out[k]->is_static = true;
            }
            float *scr = rc ? NULL : xaligned(x.scratch_bytes);
            if (!rc && !scr)
                rc = cd_err_set(err, CD_EINTERNAL, "", "out of memory");
            if (!rc) {
                x.scratch = scr;
                n->op->run(&x);
            }
            free(scr);
            continue;
        }
        for (int k = 0; k < n->n_in; k++)
            uses[n->in[k]]++;
        if (is_alias_op(n)) { /* same bytes, new shape: a view, no step */
            s->alias_dst[s->n_alias] = n->out[0];
            s->alias_src[s->n_alias++] = n->in[0];
            root[n->out[0]] = root[n->in[0]];
            continue;
        }
        if (x.scratch_bytes > scratch_max)
            scratch_max = x.scratch_bytes;
        s->steps[s->n_steps].x = x;
        s->steps[s->n_steps++].node = m->order[i];
    }
    if (rc)
        goto done;
    for (int o = 0; o < m->n_outputs; o++)
        if (!s->want || s->want[o])
            uses[m->outputs[o]]++;
    s->n_steps =
        nn_fuse_steps(s->t, m->n_values, s->steps, s->n_steps, uses, s->owned, &s->n_owned);
    if (s->n_steps < 0) {
        s->n_steps = 0;
        rc = cd_err_set(err, CD_EINTERNAL, "", "out of memory fusing steps");
        goto done;
    }
    plan_lifetimes(s, root, def, last);
    int nl = 0;
    for (int v = 0; v < m->n_values; v++) {
        if (def[v] < 0)
            continue;
        long long e = nn_numel(&s->t[v]);
        size_t bytes =
            ((size_t)(e > 0 ? e : 1) * sizeof(float) + NN_ALIGN - 1) / NN_ALIGN * NN_ALIGN;
        lv[nl++] = (live){
            .value = v, .def = def[v], .last = last[v] < def[v] ? def[v] : last[v], .bytes = bytes};
    }
    s->arena_bytes = place_buffers(lv, nl);
    if (s->arena_bytes == (size_t)-1 || s->arena_bytes > NN_MAX_ARENA_BYTES) {
        rc = cd_err_set(err, CD_ETOOBIG, "", "activation arena would need %zu bytes",
                        s->arena_bytes);
        goto done;
    }
    s->arena = xaligned(s->arena_bytes);
    s->scratch_bytes = scratch_max;
    s->scratch = xaligned(scratch_max);
    if (nn_profile_level() > 0)
        s->prof_ns = calloc((size_t)s->n_steps + 1, sizeof(long long));
    if (!s->arena || !s->scratch || (nn_profile_level() > 0 && !s->prof_ns)) {
        rc = cd_err_set(err, CD_EINTERNAL, "", "out of memory for the activation arena");
        goto done;
    }
    for (int i = 0; i < nl; i++)
        s->t[lv[i].value].data = s->arena + lv[i].off / sizeof(float);
    for (int i = 0; i < s->n_alias; i++)
        s->t[s->alias_dst[i]].data = s->t[s->alias_src[i]].data;
    for (int i = 0; i < s->n_steps; i++)
        s->steps[i].x.scratch = s->scratch;
    s->planned = true;
done:
    free(def);
    free(last);
    free(root);
    free(uses);
    free(lv);
    if (rc)
        session_clear(s);
    return rc;
}

/* Marks the nodes the wanted outputs depend on (iterative depth-first walk
 * over producers; every node is pushed at most once). */
static int mark_needed(cd_nn_session *s, cd_err *err)
{
    const cd_nn_model *m = s->m;
    s->need = calloc((size_t)m->n_nodes + 1, sizeof(bool));
    int *stack = malloc(sizeof(int) * ((size_t)m->n_nodes + 1));
    if (!s->need || !stack) {
        free(stack);
        return cd_err_set(err, CD_EINTERNAL, "", "out of memory");
    }
    int top = 0;
    for (int o = 0; o < m->n_outputs; o++) {
        int p = m->values[m->outputs[o]].producer;
        if (s->want[o] && p >= 0 && !s->need[p])
            s->need[p] = true, stack[top++] = p;
    }
    while (top > 0) {
        const nn_node *n = &m->nodes[stack[--top]];
        for (int k = 0; k < n->n_in; k++) {
            int p = m->values[n->in[k]].producer;
            if (p >= 0 && !s->need[p])
                s->need[p] = true, stack[top++] = p;
        }
    }
    free(stack);
    return 0;
}

static void session_destroy(cd_nn_session *s)
{
    session_clear(s);
    free(s->want);
    free(s->need);
    free(s);
}

/* Shared by both constructors: names == NULL means every output. */
static cd_nn_session *session_create(const cd_nn_model *m, const char *const *names, int n_names,
                                     cd_err *err)
{
    cd_nn_session *s = calloc(1, sizeof *s);
    if (!s) {
        cd_err_set(err, CD_EINTERNAL, "", "out of memory");
        return NULL;
    }
    s->m = m;
    if (m->n_inputs > 64) {
        free(s);
        cd_err_set(err, CD_EUNSUPPORTED, "", "model has too many inputs");
        return NULL;
    }
    if (names) {
        s->want = calloc((size_t)m->n_outputs + 1, sizeof(bool));
        if (!s->want) {
            cd_err_set(err, CD_EINTERNAL, "", "out of memory");
            session_destroy(s);
            return NULL;
        }
        for (int i = 0; i < n_names; i++) {
            int o = names[i] ? cd_nn_output_index(m, names[i]) : -1;
            if (o < 0) {
                cd_err_set(err, CD_EINVAL, "output", "model has no output named '%s'",
                           names[i] ? names[i] : "(null)");
                session_destroy(s);
                return NULL;
            }
            s->want[o] = true;
        }
        if (mark_needed(s, err)) {
            session_destroy(s);
            return NULL;
        }
    }
    /* plan for the declared input shapes, unknown (batch) dims as 1 */
    cd_tensor in[64];
    for (int i = 0; i < m->n_inputs; i++) {
        in[i].ndim = m->input_ndims[i];
        for (int d = 0; d < in[i].ndim; d++)
            in[i].shape[d] = m->input_shapes[i][d] < 0 ? 1 : m->input_shapes[i][d];
        in[i].data = NULL;
    }
    if (plan(s, in, err)) {
        session_destroy(s);
        return NULL;
    }
    return s;
}

cd_nn_session *cd_nn_session_new(const cd_nn_model *m, cd_err *err)
{
    return session_create(m, NULL, 0, err);
}

cd_nn_session *cd_nn_session_new_outputs(const cd_nn_model *m, const char *const *names,
                                         int n_names, cd_err *err)
{
    if (!names || n_names < 1) {
        cd_err_set(err, CD_EINVAL, "output", "no outputs requested");
        return NULL;
    }
    return session_create(m, names, n_names, err);
}

void cd_nn_session_free(cd_nn_session *s)
{
    if (!s)
        return;
    session_destroy(s);
}

size_t cd_nn_session_peak_bytes(const cd_nn_session *s)
{
    return s->arena_bytes;
}

int cd_nn_run(cd_nn_session *s, const cd_tensor *inputs, int n_in, cd_tensor *outputs, int n_out,
              cd_err *err)
{
    const cd_nn_model *m = s->m;
    if (n_in != m->n_inputs || n_out != m->n_outputs)
        return cd_err_set(err, CD_EINVAL, "", "model takes %d inputs and %d outputs, got %d/%d",
                          m->n_inputs, m->n_outputs, n_in, n_out);
    bool same = s->planned;
    for (int i = 0; i < n_in; i++) {
        const cd_tensor *t = &inputs[i];
        if (!t->data || t->ndim < 0 || t->ndim > CD_NN_MAX_DIMS)
            return cd_err_set(err, CD_EINVAL, m->input_names[i], "input %s has no data or bad rank",
                              m->input_names[i]);
        if (t->ndim != m->input_ndims[i])
            return cd_err_set(err, CD_EINVAL, m->input_names[i], "input %s needs rank %d, got %d",
                              m->input_names[i], m->input_ndims[i], t->ndim);
        for (int d = 0; d < t->ndim; d++) {
            int want = m->input_shapes[i][d];
            if (t->shape[d] < 1 || (want >= 0 && t->shape[d] != want))
                return cd_err_set(err, CD_EINVAL, m->input_names[i],
                                  "input %s dimension %d is %d, model needs %d", m->input_names[i],
                                  d, t->shape[d], want);
            if (t->shape[d] != s->planned_shape[i][d])
                same = false;
        }
    }
    if (!same && plan(s, inputs, err))
        return err ? err->code : CD_EINVAL;
    for (int i = 0; i < n_in; i++)
        s->t[m->inputs[i]].data = inputs[i].data; /* read-only by every op */
    for (int i = 0; i < s->n_alias; i++)          /* views of an input follow it */
        s->t[s->alias_dst[i]].data = s->t[s->alias_src[i]].data;
    if (s->prof_ns) {
        for (int i = 0; i < s->n_steps; i++) {
            long long t0 = nn_profile_clock();
            m->nodes[s->steps[i].node].op->run(&s->steps[i].x);
            s->prof_ns[i] += nn_profile_clock() - t0;
        }
        s->prof_runs++;
    } else {
        for (int i = 0; i < s->n_steps; i++)
            m->nodes[s->steps[i].node].op->run(&s->steps[i].x);
    }
    for (int o = 0; o < n_out; o++) {
        if (s->want && !s->want[o]) { /* not computed: an empty tensor, zero elements */
            memset(&outputs[o], 0, sizeof outputs[o]);
            outputs[o].ndim = 1;
            continue;
        }
        const nn_tensor *t = &s->t[m->outputs[o]];
        outputs[o].ndim = t->ndim;
        memset(outputs[o].shape, 0, sizeof outputs[o].shape);
        memcpy(outputs[o].shape, t->shape, sizeof(int) * (size_t)t->ndim);
        outputs[o].data = t->data;
    }
    return 0;
}

const nn_value *nn_input_value(const cd_nn_model *m, const nn_node *n, int i)
{
    return i >= 0 && i < n->n_in ? &m->values[n->in[i]] : NULL;
}
