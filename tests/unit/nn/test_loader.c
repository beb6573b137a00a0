/* Loader and executor on small hand-written graph models: dequantisation
 * (float16, uint8), broadcasting, output naming, and every kind of bad
 * model (unknown op, truncated or missing shard, hostile shard path,
 * malformed JSON, cycles, shape mismatches) giving a clear error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fs.h"
#include "nn/nn.h"

static char dir[512];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s/loader-%d", CANDOR_BINARY_DIR, (int)getpid());
    cd_err err;
    return cd_mkdirs(dir, &err);
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *name, const void *data, size_t len)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* model.json: y = Relu(x + bias) with bias as float16, and z = x * scale with
 * scale as uint8-quantised; x is [1,2,2,2]. */
static const char *MODEL_FMT =
    "{\"format\":\"graph-model\",\"modelTopology\":{\"node\":["
    "{\"name\":\"x\",\"op\":\"Placeholder\",\"attr\":{\"dtype\":{\"type\":\"DT_FLOAT\"},"
    "\"shape\":{\"shape\":{\"dim\":[{\"size\":\"-1\"},{\"size\":\"2\"},{\"size\":\"2\"},{\"size\":"
    "\"2\"}]}}}},"
    "{\"name\":\"bias\",\"op\":\"Const\",\"attr\":{\"value\":{\"tensor\":{\"dtype\":\"DT_FLOAT\","
    "\"tensorShape\":{\"dim\":[{\"size\":\"2\"}]}}},\"dtype\":{\"type\":\"DT_FLOAT\"}}},"
    "{\"name\":\"scale\",\"op\":\"Const\",\"attr\":{\"value\":{\"tensor\":{\"dtype\":\"DT_FLOAT\","
    "\"tensorShape\":{\"dim\":[{\"size\":\"2\"}]}}},\"dtype\":{\"type\":\"DT_FLOAT\"}}},"
    "{\"name\":\"sum\",\"op\":\"%s\",\"input\":[\"x\",\"bias\"],\"attr\":{\"T\":{\"type\":\"DT_"
    "FLOAT\"}}},"
    "{\"name\":\"y\",\"op\":\"Relu\",\"input\":[\"%s\"]},"
    "{\"name\":\"z\",\"op\":\"Mul\",\"input\":[\"x\",\"scale\"]},"
    "{\"name\":\"Identity\",\"op\":\"Identity\",\"input\":[\"z\"]}"
    "]},\"weightsManifest\":[{\"paths\":[\"%s\"],\"weights\":["
    "{\"name\":\"bias\",\"shape\":[2],\"dtype\":\"float32\",\"quantization\":{\"dtype\":"
    "\"float16\",\"original_dtype\":\"float32\"}},"
    "{\"name\":\"scale\",\"shape\":[2],\"dtype\":\"float32\",\"quantization\":{\"dtype\":\"uint8\","
    "\"scale\":0.5,\"min\":-1.0}}"
    "]}]}";

/* float16 1.5 = 0x3E00, -2.0 = 0xC000; uint8 4 -> 4*0.5-1 = 1, 10 -> 4 */
static const unsigned char WEIGHTS[] = {0x00, 0x3E, 0x00, 0xC0, 4, 10};

static cd_nn_model *load_variant(const char *op, const char *relu_in, const char *shard,
                                 size_t weight_bytes, cd_err *err)
{
    char json[4096];
    snprintf(json, sizeof json, MODEL_FMT, op, relu_in, shard);
    write_file("model.json", json, strlen(json));
    write_file("w.bin", WEIGHTS, weight_bytes);
    char path[600];
    snprintf(path, sizeof path, "%s/model.json", dir);
    return cd_nn_load(path, err);
}

static void test_runs_small_model_with_dequantised_weights(void **state)
{
    (void)state;
    cd_err err = {0};
    cd_nn_model *m = load_variant("AddV2", "sum", "w.bin", sizeof WEIGHTS, &err);
    if (!m)
        fail_msg("%s", err.msg);
    assert_int_equal(cd_nn_num_inputs(m), 1);
    assert_string_equal(cd_nn_input_name(m, 0), "x");
    int shape[CD_NN_MAX_DIMS];
    assert_int_equal(cd_nn_input_shape(m, 0, shape), 4);
    assert_int_equal(shape[0], -1);
    assert_int_equal(cd_nn_num_outputs(m), 2);
    assert_string_equal(cd_nn_output_name(m, 0), "y");
    assert_string_equal(cd_nn_output_name(m, 1), "Identity");
    assert_int_equal(cd_nn_output_index(m, "Identity"), 1);
    assert_int_equal(cd_nn_output_index(m, "nope"), -1);

    cd_nn_session *s = cd_nn_session_new(m, &err);
    assert_non_null(s);
    float xs[8] = {1, 1, -1, 3, 0, 0, -5, 5};
    cd_tensor in = {.ndim = 4, .shape = {1, 2, 2, 2}, .data = xs}, out[2];
    assert_int_equal(cd_nn_run(s, &in, 1, out, 2, &err), 0);
    float want_y[8] = {2.5f, 0, 0.5f, 1, 1.5f, 0, 0, 3};
    float want_z[8] = {1, 4, -1, 12, 0, 0, -5, 20};
    for (int i = 0; i < 8; i++) {
        assert_float_equal(out[0].data[i], want_y[i], 1e-6);
        assert_float_equal(out[1].data[i], want_z[i], 1e-6);
    }
    assert_true(cd_nn_session_peak_bytes(s) > 0);

    /* a batch of 2 re-plans the session */
    float x2[16] = {0};
    cd_tensor in2 = {.ndim = 4, .shape = {2, 2, 2, 2}, .data = x2};
    assert_int_equal(cd_nn_run(s, &in2, 1, out, 2, &err), 0);
    assert_int_equal(out[0].shape[0], 2);
    assert_float_equal(out[0].data[8], 1.5f, 1e-6);

    /* wrong spatial size is refused, not read out of bounds */
    cd_tensor bad = {.ndim = 4, .shape = {1, 3, 2, 2}, .data = x2};
    assert_int_not_equal(cd_nn_run(s, &bad, 1, out, 2, &err), 0);
    assert_non_null(strstr(err.msg, "dimension 1"));
    cd_nn_session_free(s);
    cd_nn_model_free(m);
}

static void expect_load_error(const char *op, const char *relu_in, const char *shard, size_t bytes,
                              const char *needle)
{
    cd_err err = {0};
    cd_nn_model *m = load_variant(op, relu_in, shard, bytes, &err);
    if (m) {
        cd_nn_model_free(m);
        fail_msg("expected an error containing '%s'", needle);
    }
    if (!strstr(err.msg, needle))
        fail_msg("error '%s' does not mention '%s'", err.msg, needle);
}

static void test_unknown_op_names_op_and_node(void **state)
{
    (void)state;
    expect_load_error("FancyAttention", "sum", "w.bin", sizeof WEIGHTS, "FancyAttention");
    expect_load_error("FancyAttention", "sum", "w.bin", sizeof WEIGHTS, "'sum'");
}

static void test_truncated_and_oversized_shards(void **state)
{
    (void)state;
    expect_load_error("AddV2", "sum", "w.bin", sizeof WEIGHTS - 1, "truncated");
    expect_load_error("AddV2", "sum", "w.bin", 0, "truncated");
    /* extra bytes: the manifest does not describe the file */
    char json[4096];
    snprintf(json, sizeof json, MODEL_FMT, "AddV2", "sum", "w.bin");
    write_file("model.json", json, strlen(json));
    unsigned char longer[16] = {0};
    memcpy(longer, WEIGHTS, sizeof WEIGHTS);
    write_file("w.bin", longer, sizeof longer);
    char path[600];
    snprintf(path, sizeof path, "%s/model.json", dir);
    cd_err err = {0};
    assert_null(cd_nn_load(path, &err));
    assert_non_null(strstr(err.msg, "manifest describes"));
}

static void test_missing_and_hostile_shard_paths(void **state)
{
    (void)state;
    cd_err err = {0};
    char json[4096];
    snprintf(json, sizeof json, MODEL_FMT, "AddV2", "sum", "absent.bin");
    write_file("model.json", json, strlen(json));
    char path[600];
    snprintf(path, sizeof path, "%s/model.json", dir);
    assert_null(cd_nn_load(path, &err));
    assert_int_equal(err.code, CD_ENOTFOUND);
    expect_load_error("AddV2", "sum", "../w.bin", sizeof WEIGHTS, "inside the model folder");
    expect_load_error("AddV2", "sum", "/etc/passwd", sizeof WEIGHTS, "inside the model folder");
}

static void test_bad_graphs(void **state)
{
    (void)state;
    expect_load_error("AddV2", "nothere", "w.bin", sizeof WEIGHTS, "names no node");
    /* a cycle the outputs depend on: z and sum consume y, y consumes sum */
    char json[4096];
    snprintf(json, sizeof json, MODEL_FMT, "AddV2", "sum", "w.bin");
    char *p = strstr(json, "\"input\":[\"x\",\"bias\"]");
    assert_non_null(p);
    memcpy(p, "\"input\":[\"y\",\"bias\"]", strlen("\"input\":[\"y\",\"bias\"]"));
    p = strstr(json, "\"input\":[\"x\",\"scale\"]");
    assert_non_null(p);
    memcpy(p, "\"input\":[\"y\",\"scale\"]", strlen("\"input\":[\"y\",\"scale\"]"));
    write_file("model.json", json, strlen(json));
    write_file("w.bin", WEIGHTS, sizeof WEIGHTS);
    char path[600];
    snprintf(path, sizeof path, "%s/model.json", dir);
    cd_err err = {0};
    assert_null(cd_nn_load(path, &err));
    assert_non_null(strstr(err.msg, "cycle"));

    const char *garbage = "{\"modelTopology\": [1,2";
    write_file("model.json", garbage, strlen(garbage));
    assert_null(cd_nn_load(path, &err));
    assert_int_equal(err.code, CD_EINVAL);
    const char *not_graph = "{\"modelTopology\":{},\"weightsManifest\":[]}";
    write_file("model.json", not_graph, strlen(not_graph));
    assert_null(cd_nn_load(path, &err));
    assert_non_null(strstr(err.msg, "graph model"));
}

static void test_shape_mismatch_is_a_session_error(void **state)
{
    (void)state;
    /* bias has 2 values but x has 2 channels: fine; make x 3 channels */
    char json[4096];
    snprintf(json, sizeof json, MODEL_FMT, "AddV2", "sum", "w.bin");
    char *p = strstr(json, "{\"size\":\"2\"}]}}}}");
    assert_non_null(p);
    p[9] = '3';
    write_file("model.json", json, strlen(json));
    write_file("w.bin", WEIGHTS, sizeof WEIGHTS);
    char path[600];
    snprintf(path, sizeof path, "%s/model.json", dir);
    cd_err err = {0};
    cd_nn_model *m = cd_nn_load(path, &err);
    assert_non_null(m);
    assert_null(cd_nn_session_new(m, &err));
    assert_non_null(strstr(err.msg, "broadcast"));
    cd_nn_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runs_small_model_with_dequantised_weights),
        cmocka_unit_test(test_unknown_op_names_op_and_node),
        cmocka_unit_test(test_truncated_and_oversized_shards),
        cmocka_unit_test(test_missing_and_hostile_shard_paths),
        cmocka_unit_test(test_bad_graphs),
        cmocka_unit_test(test_shape_mismatch_is_a_session_error),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
