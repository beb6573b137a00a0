/* loader.c - reads a TensorFlow.js graph model (model.json + weight shards)
 * into a cd_nn_model.
 *
 * Steps: parse the JSON; read every shard named by weightsManifest (paths
 * must stay inside the model folder) and decode the weights, dequantising
 * float16/uint8/uint16 to float32; create one value per node output,
 * resolve Identity nodes to the value they forward (constant folding of
 * Const/Identity); wire inputs by name; order the nodes the outputs need
 * topologically; let each op validate its attributes and prepare its
 * constant data. Every failure names the node, weight or file at fault. */
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "nn/nn_internal.h"

/* ---- small string -> int hash map (node and weight names) ---------------- */

typedef struct name_map {
    const char **keys;
    int *vals;
    size_t cap;
} name_map;

static size_t hash_str(const char *s, size_t len)
{
    size_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static int map_init(name_map *m, size_t n)
{
    m->cap = 16;
    while (m->cap < n * 2 + 1)
        m->cap *= 2;
    m->keys = calloc(m->cap, sizeof *m->keys);
    m->vals = calloc(m->cap, sizeof *m->vals);
    return m->keys && m->vals ? 0 : -1;
}

static void map_free(name_map *m)
{
    free(m->keys);
    free(m->vals);
}

/* Looks up the first `len` bytes of key. */
static int map_get(const name_map *m, const char *key, size_t len)
{
    for (size_t i = hash_str(key, len) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i])
            return -1;
        if (strlen(m->keys[i]) == len && memcmp(m->keys[i], key, len) == 0)
            return m->vals[i];
    }
}

/* Returns 0, or 1 when the key already exists. */
static int map_put(name_map *m, const char *key, int val)
{
    size_t len = strlen(key);
    for (size_t i = hash_str(key, len) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i]) {
            m->keys[i] = key;
            m->vals[i] = val;
            return 0;
        }
        if (strcmp(m->keys[i], key) == 0)
            return 1;
    }
}

/* ---- attribute parsing --------------------------------------------------- */

static int b64val(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

/* Decodes a base64 attribute string (TF stores "s" attrs this way). */
static void b64decode(const char *in, char *out, size_t outsz)
{
    size_t o = 0;
    unsigned acc = 0;
    int bits = 0;
    for (; *in && *in != '='; in++) {
        int v = b64val((unsigned char)*in);
        if (v < 0)
            break;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (o + 1 < outsz)
                out[o++] = (char)((acc >> bits) & 0xff);
        }
    }
    out[o] = 0;
}

static long long json_intish(json_t *v)
{
    if (json_is_integer(v))
        return json_integer_value(v);
    if (json_is_string(v))
        return strtoll(json_string_value(v), NULL, 10);
    if (json_is_real(v))
        return (long long)json_real_value(v);
    return 0;
}

static json_t *attr_get(json_t *attr, const char *key, const char *kind)
{
    json_t *a = json_object_get(attr, key);
    return a ? json_object_get(a, kind) : NULL;
}

static int attr_ints(json_t *attr, const char *key, int *out, int max)
{
    json_t *l = attr_get(attr, key, "list");
    json_t *arr = l ? json_object_get(l, "i") : NULL;
    if (!json_is_array(arr))
        return 0;
    int n = 0;
    for (size_t i = 0; i < json_array_size(arr) && n < max; i++) {
        long long v = json_intish(json_array_get(arr, i));
        out[n++] = v > INT_MAX ? INT_MAX : (v < INT_MIN ? INT_MIN : (int)v);
    }
    return n;
}

static int attr_int(json_t *attr, const char *key, int def)
{
    json_t *v = attr_get(attr, key, "i");
    if (!v)
        return def;
    long long x = json_intish(v);
    return x > INT_MAX ? INT_MAX : (x < INT_MIN ? INT_MIN : (int)x);
}

static bool attr_bool(json_t *attr, const char *key)
{
    return json_is_true(attr_get(attr, key, "b"));
}

static void attr_str(json_t *attr, const char *key, char *out, size_t outsz)
{
    json_t *v = attr_get(attr, key, "s");
    out[0] = 0;
    if (json_is_string(v))
        b64decode(json_string_value(v), out, outsz);
}

static int parse_dtype(const char *s, nn_dtype *out)
{
    if (!s)
        return -1;
    if (!strcmp(s, "DT_FLOAT") || !strcmp(s, "float32"))
        *out = NN_F32;
    else if (!strcmp(s, "DT_INT32") || !strcmp(s, "int32"))
        *out = NN_I32;
    else if (!strcmp(s, "DT_BOOL") || !strcmp(s, "bool"))
        *out = NN_BOOL;
    else
        return -1;
    return 0;
}

static nn_dtype attr_type(json_t *attr, const char *key, nn_dtype def)
{
    json_t *v = attr_get(attr, key, "type");
    nn_dtype d;
    return json_is_string(v) && parse_dtype(json_string_value(v), &d) == 0 ? d : def;
}

static int parse_attrs(nn_node *n, json_t *attr, cd_err *err)
{
    nn_attrs *a = &n->a;
    for (int i = 0; i < 4; i++)
        a->strides[i] = a->dilations[i] = a->ksize[i] = 1;
    if (!attr)
        return 0;
    if (!json_is_object(attr))
        return nn_node_error(err, n, "attr is not an object");
    int k;
    if ((k = attr_ints(attr, "strides", a->strides, 4)) != 0 && k != 4)
        return nn_node_error(err, n, "strides must have 4 values");
    if ((k = attr_ints(attr, "dilations", a->dilations, 4)) != 0 && k != 4)
        return nn_node_error(err, n, "dilations must have 4 values");
    if ((k = attr_ints(attr, "ksize", a->ksize, 4)) != 0 && k != 4)
        return nn_node_error(err, n, "ksize must have 4 values");
    int ep = attr_ints(attr, "explicit_paddings", a->explicit_pads, 8);
    char s[64];
    attr_str(attr, "padding", s, sizeof s);
    if (!s[0] || !strcmp(s, "VALID"))
        a->padding = NN_PAD_VALID;
    else if (!strcmp(s, "SAME"))
        a->padding = NN_PAD_SAME;
    else if (!strcmp(s, "EXPLICIT") && ep == 8)
        a->padding = NN_PAD_EXPLICIT;
    else
        return nn_node_error(err, n, "unsupported padding '%s'", s);
    attr_str(attr, "data_format", s, sizeof s);
    if (s[0] && strcmp(s, "NHWC") != 0)
        return nn_node_error(err, n, "unsupported data_format '%s' (only NHWC)", s);
    json_t *fl = attr_get(attr, "fused_ops", "list");
    json_t *fused = fl ? json_object_get(fl, "s") : NULL;
    for (size_t i = 0; json_is_array(fused) && i < json_array_size(fused); i++) {
        json_t *e = json_array_get(fused, i);
        if (!json_is_string(e))
            return nn_node_error(err, n, "fused_ops entry is not a string");
        b64decode(json_string_value(e), s, sizeof s);
        if (!strcmp(s, "BiasAdd"))
            a->has_bias = true;
        else if (!strcmp(s, "Relu"))
            a->act = NN_ACT_RELU;
        else if (!strcmp(s, "Relu6"))
            a->act = NN_ACT_RELU6;
        else if (!strcmp(s, "Prelu"))
            a->act = NN_ACT_PRELU;
        else
            return nn_node_error(err, n, "unsupported fused op '%s'", s);
    }
    a->num_args = attr_int(attr, "num_args", 0);
    a->axis = attr_int(attr, "axis", 0);
    a->begin_mask = attr_int(attr, "begin_mask", 0);
    a->end_mask = attr_int(attr, "end_mask", 0);
    a->ellipsis_mask = attr_int(attr, "ellipsis_mask", 0);
    a->new_axis_mask = attr_int(attr, "new_axis_mask", 0);
    a->shrink_mask = attr_int(attr, "shrink_axis_mask", 0);
    a->block_size = attr_int(attr, "block_size", 0);
    a->batch_dims = attr_int(attr, "batch_dims", 0);
    a->keep_dims = attr_bool(attr, "keep_dims");
    a->align_corners = attr_bool(attr, "align_corners");
    a->half_pixel = attr_bool(attr, "half_pixel_centers");
    a->transpose_a = attr_bool(attr, "transpose_a");
    a->transpose_b = attr_bool(attr, "transpose_b");
    a->dtype = attr_type(attr, "T", attr_type(attr, "dtype", NN_F32));
    a->out_dtype = attr_type(attr, "out_type", attr_type(attr, "DstT", NN_I32));
    return 0;
}

/* ---- weights ---------------------------------------------------------------- */

typedef struct weight {
    const char *name;
    int ndim;
    int shape[CD_NN_MAX_DIMS];
    nn_dtype dtype;
    float *data; /* owned until moved into a Const value */
} weight;

static float half_to_float(uint16_t h)
{
    uint32_t sign = (uint32_t)(h >> 15) << 31, exp = (h >> 10) & 0x1f, man = h & 0x3ff, bits;
    if (exp == 0) {
        if (man == 0) {
            bits = sign;
        } else { /* subnormal: renormalise */
            exp = 127 - 15 + 1;
            while (!(man & 0x400)) {
                man <<= 1;
                exp--;
            }
            bits = sign | (exp << 23) | ((man & 0x3ff) << 13);
        }
    } else if (exp == 31) {
        bits = sign | 0x7f800000u | (man << 13);
    } else {
        bits = sign | ((exp + 127 - 15) << 23) | (man << 13);
    }
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static int parse_shape_array(json_t *arr, int *ndim, int *shape, bool allow_unknown)
{
    if (!json_is_array(arr) || json_array_size(arr) > CD_NN_MAX_DIMS)
        return -1;
    *ndim = (int)json_array_size(arr);
    for (int i = 0; i < *ndim; i++) {
        long long v = json_intish(json_array_get(arr, (size_t)i));
        if (!json_is_integer(json_array_get(arr, (size_t)i)) &&
            !json_is_string(json_array_get(arr, (size_t)i)))
            return -1;
        if (v < (allow_unknown ? -1 : 0) || v > INT_MAX)
            return -1;
        shape[i] = (int)v;
    }
    return 0;
}

/* Reads all shards of the manifest (in order) into one buffer. */
static unsigned char *read_shards(const char *dir, json_t *manifest, size_t *total, cd_err *err)
{
    unsigned char *all = NULL;
    *total = 0;
    for (size_t g = 0; g < json_array_size(manifest); g++) {
        json_t *paths = json_object_get(json_array_get(manifest, g), "paths");
        if (!json_is_array(paths)) {
            free(all);
            cd_err_set(err, CD_EINVAL, "weightsManifest", "weight group %zu has no paths", g);
            return NULL;
        }
        for (size_t p = 0; p < json_array_size(paths); p++) {
            const char *rel = json_string_value(json_array_get(paths, p));
            if (!rel || !rel[0] || rel[0] == '/' || strstr(rel, "..") || strlen(rel) > 255) {
                free(all);
                cd_err_set(err, CD_EINVAL, "weightsManifest",
                           "weight shard path must be a plain file name inside the model folder");
                return NULL;
            }
            char path[4096 + 300];
            snprintf(path, sizeof path, "%s/%s", dir, rel);
            size_t len = 0;
            char *data = cd_read_file(path, NN_MAX_WEIGHT_BYTES, &len, err);
            if (!data) {
                free(all);
                return NULL;
            }
            if (*total + len > NN_MAX_WEIGHT_BYTES) {
                free(data);
                free(all);
                cd_err_set(err, CD_ETOOBIG, "weightsManifest", "weights exceed %u bytes",
                           NN_MAX_WEIGHT_BYTES);
                return NULL;
            }
            unsigned char *grown = realloc(all, *total + len + 1);
            if (!grown) {
                free(data);
                free(all);
                cd_err_set(err, CD_EINTERNAL, "", "out of memory reading weights");
                return NULL;
            }
            all = grown;
            memcpy(all + *total, data, len);
            *total += len;
            free(data);
        }
    }
    if (!all)
        all = malloc(1);
    return all;
}

static int decode_weights(json_t *manifest, const unsigned char *buf, size_t total, weight **out,
                          int *n_out, cd_err *err)
{
    size_t count = 0;
    for (size_t g = 0; g < json_array_size(manifest); g++)
        count += json_array_size(json_object_get(json_array_get(manifest, g), "weights"));
    if (count > NN_MAX_NODES)
        return cd_err_set(err, CD_ETOOBIG, "weightsManifest", "too many weights (%zu)", count);
    weight *ws = calloc(count ? count : 1, sizeof *ws);
    if (!ws)
        return cd_err_set(err, CD_EINTERNAL, "", "out of memory");
    *out = ws;
    *n_out = 0;
    size_t off = 0;
    for (size_t g = 0; g < json_array_size(manifest); g++) {
        json_t *list = json_object_get(json_array_get(manifest, g), "weights");
        for (size_t i = 0; i < json_array_size(list); i++) {
            json_t *w = json_array_get(list, i);
            weight *d = &ws[(*n_out)++];
            d->name = json_string_value(json_object_get(w, "name"));
            if (!d->name)
                return cd_err_set(err, CD_EINVAL, "weightsManifest", "weight without a name");
            if (parse_shape_array(json_object_get(w, "shape"), &d->ndim, d->shape, false) < 0)
                return cd_err_set(err, CD_EINVAL, d->name, "weight %s has a bad shape", d->name);
            if (parse_dtype(json_string_value(json_object_get(w, "dtype")), &d->dtype) < 0)
                return cd_err_set(err, CD_EUNSUPPORTED, d->name,
                                  "weight %s has an unsupported dtype", d->name);
            long long numel = nn_shape_numel(d->ndim, d->shape);
            if (numel < 0 || numel > NN_MAX_TENSOR_ELEMS)
                return cd_err_set(err, CD_ETOOBIG, d->name, "weight %s is too large", d->name);
            json_t *q = json_object_get(w, "quantization");
            const char *qd = q ? json_string_value(json_object_get(q, "dtype")) : NULL;
            int esize = d->dtype == NN_BOOL ? 1 : 4;
            if (q && !qd)
                return cd_err_set(err, CD_EINVAL, d->name, "weight %s: quantization without dtype",
                                  d->name);
            if (qd)
                esize = !strcmp(qd, "uint8")                                ? 1
                        : (!strcmp(qd, "uint16") || !strcmp(qd, "float16")) ? 2
                                                                            : 0;
            if (!esize)
                return cd_err_set(err, CD_EUNSUPPORTED, d->name,
                                  "weight %s: unsupported quantization '%s'", d->name, qd);
            size_t bytes = (size_t)numel * (size_t)esize;
            if (off + bytes > total)
                return cd_err_set(err, CD_EINVAL, d->name,
                                  "weight shards are truncated: %s needs bytes %zu..%zu of %zu",
                                  d->name, off, off + bytes, total);
            d->data = malloc((size_t)(numel ? numel : 1) * sizeof(float));
            if (!d->data)
                return cd_err_set(err, CD_EINTERNAL, "", "out of memory");
            const unsigned char *p = buf + off;
            double scale = q ? json_number_value(json_object_get(q, "scale")) : 1.0;
            double mn = q ? json_number_value(json_object_get(q, "min")) : 0.0;
            for (long long e = 0; e < numel; e++) {
                float v;
                if (qd && !strcmp(qd, "float16")) {
                    uint16_t h;
                    memcpy(&h, p + e * 2, 2);
                    v = half_to_float(h);
                } else if (qd && !strcmp(qd, "uint16")) {
                    uint16_t h;
                    memcpy(&h, p + e * 2, 2);
                    v = (float)(h * scale + mn);
                } else if (qd) {
                    v = (float)(p[e] * scale + mn);
                } else if (d->dtype == NN_F32) {
                    memcpy(&v, p + e * 4, 4);
                } else if (d->dtype == NN_I32) {
                    int32_t iv;
                    memcpy(&iv, p + e * 4, 4);
                    v = (float)iv;
                } else {
                    v = p[e] ? 1.0f : 0.0f;
                }
                if (qd && d->dtype == NN_I32)
                    v = roundf(v);
                d->data[e] = v;
            }
            off += bytes;
        }
    }
    if (off != total)
        return cd_err_set(err, CD_EINVAL, "weightsManifest",
                          "weight shards hold %zu bytes but the manifest describes %zu", total,
                          off);
    return 0;
}

/* ---- model ------------------------------------------------------------------ */

void cd_nn_model_free(cd_nn_model *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->n_nodes; i++) {
        free(m->nodes[i].name);
        free(m->nodes[i].in);
        free(m->nodes[i].packed);
    }
    for (int i = 0; i < m->n_values; i++) {
        free(m->values[i].name);
        free(m->values[i].data);
    }
    for (int i = 0; i < m->n_inputs; i++)
        free(m->input_names ? m->input_names[i] : NULL);
    for (int i = 0; i < m->n_outputs; i++)
        free(m->output_names ? m->output_names[i] : NULL);
    free(m->nodes);
    free(m->values);
    free(m->order);
    free(m->inputs);
    free(m->outputs);
    free(m->input_names);
    free(m->output_names);
    free(m->input_shapes);
    free(m->input_ndims);
    free(m);
}

typedef struct load_ctx {
    cd_nn_model *m;
    json_t *jnodes;
    name_map nodes;   /* node name -> node index */
    int *first_value; /* node index -> value id of output 0, or -1 (Identity) */
    int *alias;       /* Identity node -> node it forwards, else -1 */
} load_ctx;

/* Resolves "name", "name:k" (and Identity chains) to a value id. */
static int resolve_input(load_ctx *c, const char *ref, int depth, cd_err *err, const nn_node *n)
{
    if (depth > NN_MAX_NODES)
        return nn_node_error(err, n, "Identity chain loops"), -1;
    const char *colon = strrchr(ref, ':');
    size_t len = colon ? (size_t)(colon - ref) : strlen(ref);
    int k = 0;
    if (colon) {
        char *end;
        long v = strtol(colon + 1, &end, 10);
        if (*end || v < 0 || v > 1)
            return nn_node_error(err, n, "bad input reference '%s'", ref), -1;
        k = (int)v;
    }
    int idx = map_get(&c->nodes, ref, len);
    if (idx < 0)
        return nn_node_error(err, n, "input '%s' names no node", ref), -1;
    if (c->alias[idx] >= 0) {
        const char *fwd = json_string_value(
            json_array_get(json_object_get(json_array_get(c->jnodes, idx), "input"), 0));
        if (!fwd)
            return nn_node_error(err, n, "Identity node without input"), -1;
        return resolve_input(c, fwd, depth + 1, err, n);
    }
    int v = c->first_value[idx];
    if (v < 0 || k >= c->m->nodes[idx].n_out)
        return nn_node_error(err, n, "input '%s' refers to a missing output", ref), -1;
    return v + k;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static int build_nodes(load_ctx *c, weight *ws, int n_ws, cd_err *err)
{
    cd_nn_model *m = c->m;
    size_t nn = json_array_size(c->jnodes);
    name_map wmap;
    if (map_init(&wmap, (size_t)n_ws) < 0 || map_init(&c->nodes, nn) < 0) {
        map_free(&wmap);
        return cd_err_set(err, CD_EINTERNAL, "", "out of memory");
    }
    for (int i = 0; i < n_ws; i++)
        if (map_put(&wmap, ws[i].name, i))
            return map_free(&wmap),
                   cd_err_set(err, CD_EINVAL, ws[i].name, "weight %s appears twice", ws[i].name);
    m->nodes = calloc(nn ? nn : 1, sizeof *m->nodes);
    m->values = calloc(nn * 2 + 1, sizeof *m->values);
    c->first_value = malloc((nn ? nn : 1) * sizeof(int));
    c->alias = malloc((nn ? nn : 1) * sizeof(int));
    if (!m->nodes || !m->values || !c->first_value || !c->alias)
        return map_free(&wmap), cd_err_set(err, CD_EINTERNAL, "", "out of memory");
    /* pass 1: names, ops, attributes, values */
    for (size_t i = 0; i < nn; i++) {
        json_t *jn = json_array_get(c->jnodes, i);
        nn_node *n = &m->nodes[m->n_nodes++];
        const char *name = json_string_value(json_object_get(jn, "name"));
        const char *op = json_string_value(json_object_get(jn, "op"));
        if (!name || !op) {
            map_free(&wmap);
            return cd_err_set(err, CD_EINVAL, "modelTopology", "node %zu lacks a name or op", i);
        }
        n->name = xstrdup(name);
        if (!n->name)
            return map_free(&wmap), cd_err_set(err, CD_EINTERNAL, "", "out of memory");
        if (map_put(&c->nodes, n->name, (int)i))
            return map_free(&wmap), nn_node_error(err, n, "duplicate node name");
        c->alias[i] = -1;
        c->first_value[i] = -1;
        if (!strcmp(op, "Identity")) {
            c->alias[i] = (int)i;
            continue;
        }
        bool is_const = !strcmp(op, "Const"), is_ph = !strcmp(op, "Placeholder");
        if (!is_const && !is_ph) {
            n->op = nn_op_find(op);
            if (!n->op) {
                map_free(&wmap);
                return cd_err_set(err, CD_EUNSUPPORTED, name, "unsupported op '%s' in node '%s'",
                                  op, name);
            }
        }
        if (parse_attrs(n, json_object_get(jn, "attr"), err))
            return map_free(&wmap), err ? err->code : CD_EINVAL;
        n->n_out = n->op && !strcmp(n->op->name, "TopKV2") ? 2 : 1;
        c->first_value[i] = m->n_values;
        for (int k = 0; k < n->n_out; k++) {
            nn_value *v = &m->values[m->n_values];
            n->out[k] = m->n_values++;
            char buf[1024];
            snprintf(buf, sizeof buf, k ? "%s:%d" : "%s", name, k);
            v->name = xstrdup(buf);
            if (!v->name)
                return map_free(&wmap), cd_err_set(err, CD_EINTERNAL, "", "out of memory");
            v->producer = (int)i;
            v->out_index = k;
            v->dtype = n->a.dtype;
            v->ndim = -1;
        }
        if (n->op && !strcmp(n->op->name, "TopKV2"))
            m->values[n->out[1]].dtype = NN_I32;
        if (is_ph) {
            json_t *sh = json_object_get(
                json_object_get(json_object_get(json_object_get(jn, "attr"), "shape"), "shape"),
                "dim");
            nn_value *v = &m->values[n->out[0]];
            v->ndim = 0;
            for (size_t d = 0; json_is_array(sh) && d < json_array_size(sh); d++) {
                if (d >= CD_NN_MAX_DIMS)
                    return map_free(&wmap), nn_node_error(err, n, "too many dimensions");
                long long s = json_intish(json_object_get(json_array_get(sh, d), "size"));
                v->shape[v->ndim++] = s < 0 ? -1 : (s > INT_MAX ? INT_MAX : (int)s);
            }
        }
        if (is_const) {
            json_t *t =
                json_object_get(json_object_get(json_object_get(jn, "attr"), "value"), "tensor");
            int wi = map_get(&wmap, name, strlen(name));
            if (wi < 0)
                return map_free(&wmap),
                       nn_node_error(err, n, "constant has no weights in the manifest");
            weight *w = &ws[wi];
            nn_value *v = &m->values[n->out[0]];
            v->is_const = true;
            v->dtype = w->dtype;
            v->ndim = w->ndim;
            memcpy(v->shape, w->shape, sizeof v->shape);
            json_t *dims = json_object_get(json_object_get(t, "tensorShape"), "dim");
            long long declared = 1;
            for (size_t d = 0; json_is_array(dims) && d < json_array_size(dims); d++)
                declared *= json_intish(json_object_get(json_array_get(dims, d), "size"));
            if (declared != nn_shape_numel(w->ndim, w->shape))
                return map_free(&wmap),
                       nn_node_error(err, n, "constant shape does not match its weight size");
            v->data = w->data;
            w->data = NULL;
            if (!v->data)
                return map_free(&wmap), nn_node_error(err, n, "weights used twice");
        }
    }
    map_free(&wmap);
    /* pass 2: wire inputs by name */
    for (size_t i = 0; i < nn; i++) {
        nn_node *n = &m->nodes[i];
        if (c->alias[i] >= 0)
            continue;
        json_t *ins = json_object_get(json_array_get(c->jnodes, i), "input");
        size_t cnt = 0;
        for (size_t k = 0; json_is_array(ins) && k < json_array_size(ins); k++) {
            const char *r = json_string_value(json_array_get(ins, k));
            if (!r)
                return nn_node_error(err, n, "input %zu is not a string", k);
            if (r[0] != '^')
                cnt++;
        }
        if (cnt > NN_MAX_NODE_INPUTS)
            return nn_node_error(err, n, "too many inputs");
        n->in = malloc((cnt ? cnt : 1) * sizeof(int));
        if (!n->in)
            return cd_err_set(err, CD_EINTERNAL, "", "out of memory");
        for (size_t k = 0; json_is_array(ins) && k < json_array_size(ins); k++) {
            const char *r = json_string_value(json_array_get(ins, k));
            if (r[0] == '^')
                continue; /* control dependency: no data flows */
            int v = resolve_input(c, r, 0, err, n);
            if (v < 0)
                return err ? err->code : CD_EINVAL;
            n->in[n->n_in++] = v;
        }
        if (n->op && n->n_in == 0)
            return nn_node_error(err, n, "op has no inputs");
    }
    return 0;
}

static int find_io(load_ctx *c, json_t *root, cd_err *err)
{
    cd_nn_model *m = c->m;
    json_t *sig = json_object_get(root, "signature");
    json_t *sin = json_object_get(sig, "inputs"), *sout = json_object_get(sig, "outputs");
    size_t nn = (size_t)m->n_nodes;
    m->inputs = malloc((nn + 1) * sizeof(int));
    m->outputs = malloc((nn + 1) * sizeof(int));
    m->input_names = calloc(nn + 1, sizeof(char *));
    m->output_names = calloc(nn + 1, sizeof(char *));
    if (!m->inputs || !m->outputs || !m->input_names || !m->output_names)
        return cd_err_set(err, CD_EINTERNAL, "", "out of memory");
    const char *key;
    json_t *val;
    if (json_is_object(sin) && json_object_size(sin) > 0) {
        json_object_foreach(sin, key, val)
        {
            const char *ref = json_string_value(json_object_get(val, "name"));
            nn_node dummy = {.name = (char *)"signature"};
            int v = ref ? resolve_input(c, ref, 0, err, &dummy) : -1;
            if (v < 0 || m->nodes[m->values[v].producer].op || m->values[v].is_const)
                return cd_err_set(err, CD_EINVAL, "signature", "input '%s' is not a Placeholder",
                                  key);
            m->input_names[m->n_inputs] = xstrdup(key);
            m->inputs[m->n_inputs++] = v;
        }
    } else {
        for (size_t i = 0; i < nn; i++) {
            nn_node *n = &m->nodes[i];
            if (c->alias[i] < 0 && !n->op && !m->values[n->out[0]].is_const) {
                m->input_names[m->n_inputs] = xstrdup(n->name);
                m->inputs[m->n_inputs++] = n->out[0];
            }
        }
    }
    if (json_is_object(sout) && json_object_size(sout) > 0) {
        json_object_foreach(sout, key, val)
        {
            const char *ref = json_string_value(json_object_get(val, "name"));
            nn_node dummy = {.name = (char *)"signature"};
            int v = ref ? resolve_input(c, ref, 0, err, &dummy) : -1;
            if (v < 0)
                return err ? err->code : CD_EINVAL;
            m->output_names[m->n_outputs] = xstrdup(key);
            m->outputs[m->n_outputs++] = v;
        }
    } else {
        /* sinks: nodes nobody consumes, in file order (Identity resolved) */
        bool *used = calloc(nn + 1, sizeof(bool));
        if (!used)
            return cd_err_set(err, CD_EINTERNAL, "", "out of memory");
        for (size_t i = 0; i < nn; i++) {
            json_t *ins = json_object_get(json_array_get(c->jnodes, i), "input");
            for (size_t k = 0; k < json_array_size(ins); k++) {
                const char *r = json_string_value(json_array_get(ins, k));
                if (!r)
                    continue;
                if (r[0] == '^')
                    r++;
                const char *colon = strrchr(r, ':');
                int idx = map_get(&c->nodes, r, colon ? (size_t)(colon - r) : strlen(r));
                if (idx >= 0)
                    used[idx] = true;
            }
        }
        for (size_t i = 0; i < nn; i++) {
            nn_node *n = &m->nodes[i];
            if (used[i] || (c->alias[i] < 0 && !n->op))
                continue;
            int v = resolve_input(c, n->name, 0, err, n);
            if (v < 0) {
                free(used);
                return err ? err->code : CD_EINVAL;
            }
            m->output_names[m->n_outputs] = xstrdup(n->name);
            m->outputs[m->n_outputs++] = v;
        }
        free(used);
    }
    for (int i = 0; i < m->n_inputs; i++)
        if (!m->input_names[i])
            return cd_err_set(err, CD_EINTERNAL, "", "out of memory");
    for (int i = 0; i < m->n_outputs; i++)
        if (!m->output_names[i])
            return cd_err_set(err, CD_EINTERNAL, "", "out of memory");
    if (m->n_inputs < 1 || m->n_outputs < 1)
        return cd_err_set(err, CD_EINVAL, "modelTopology", "model has no inputs or no outputs");
    m->input_shapes = calloc((size_t)m->n_inputs, sizeof *m->input_shapes);
    m->input_ndims = calloc((size_t)m->n_inputs, sizeof(int));
    if (!m->input_shapes || !m->input_ndims)
        return cd_err_set(err, CD_EINTERNAL, "", "out of memory");
    for (int i = 0; i < m->n_inputs; i++) {
        const nn_value *v = &m->values[m->inputs[i]];
        m->input_ndims[i] = v->ndim;
        memcpy(m->input_shapes[i], v->shape, sizeof m->input_shapes[i]);
    }
    return 0;
}

/* Depth-first post-order from the outputs; iterative so a hostile deep
 * graph cannot overflow the stack. Detects cycles. */
static int topo_sort(cd_nn_model *m, cd_err *err)
{
    int nn = m->n_nodes;
    int *state = calloc((size_t)nn + 1, sizeof(int)); /* 0 new, 1 open, 2 done */
    int *stack = malloc(((size_t)nn + 1) * sizeof(int));
    int *next = calloc((size_t)nn + 1, sizeof(int));
    m->order = malloc(((size_t)nn + 1) * sizeof(int));
    if (!state || !stack || !next || !m->order) {
        free(state), free(stack), free(next);
        return cd_err_set(err, CD_EINTERNAL, "", "out of memory");
    }
    int rc = 0;
    for (int o = 0; o < m->n_outputs && !rc; o++) {
        int root = m->values[m->outputs[o]].producer;
        if (state[root])
            continue;
        int sp = 0;
        stack[sp++] = root;
        state[root] = 1;
        while (sp > 0 && !rc) {
            int cur = stack[sp - 1];
            nn_node *n = &m->nodes[cur];
            if (next[cur] < n->n_in) {
                int p = m->values[n->in[next[cur]++]].producer;
                if (state[p] == 1) {
                    rc = nn_node_error(err, n, "graph has a cycle");
                } else if (state[p] == 0) {
                    state[p] = 1;
                    stack[sp++] = p;
                }
            } else {
                state[cur] = 2;
                m->order[m->n_order++] = cur;
                sp--;
            }
        }
    }
    free(state);
    free(stack);
    free(next);
    return rc;
}

cd_nn_model *cd_nn_load(const char *model_json_path, cd_err *err)
{
    size_t len = 0;
    char *text = cd_read_file(model_json_path, NN_MAX_JSON_BYTES, &len, err);
    if (!text)
        return NULL;
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    free(text);
    if (!json_is_object(root)) {
        cd_err_set(err, CD_EINVAL, "model.json", "%s is not a JSON object (%s at line %d)",
                   model_json_path, jerr.text, jerr.line);
        json_decref(root);
        return NULL;
    }
    json_t *topo = json_object_get(root, "modelTopology");
    json_t *jnodes = json_object_get(topo, "node");
    json_t *manifest = json_object_get(root, "weightsManifest");
    if (!json_is_array(jnodes) || !json_is_array(manifest)) {
        cd_err_set(err, CD_EINVAL, "model.json",
                   "%s lacks modelTopology.node or weightsManifest (not a graph model?)",
                   model_json_path);
        json_decref(root);
        return NULL;
    }
    if (json_array_size(jnodes) > NN_MAX_NODES) {
        cd_err_set(err, CD_ETOOBIG, "model.json", "model has over %d nodes", NN_MAX_NODES);
        json_decref(root);
        return NULL;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", model_json_path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(dir, sizeof dir, ".");

    cd_nn_model *m = calloc(1, sizeof *m);
    load_ctx c = {.m = m, .jnodes = jnodes};
    weight *ws = NULL;
    int n_ws = 0, rc = m ? 0 : cd_err_set(err, CD_EINTERNAL, "", "out of memory");
    size_t total = 0;
    unsigned char *buf = rc ? NULL : read_shards(dir, manifest, &total, err);
    if (!rc && !buf)
        rc = err ? err->code : CD_EIO;
    if (!rc)
        rc = decode_weights(manifest, buf, total, &ws, &n_ws, err);
    free(buf);
    if (!rc)
        rc = build_nodes(&c, ws, n_ws, err);
    if (!rc)
        rc = find_io(&c, root, err);
    if (!rc)
        rc = topo_sort(m, err);
    for (int i = 0; !rc && i < m->n_order; i++) {
        nn_node *n = &m->nodes[m->order[i]];
        if (n->op && n->op->prepare)
            rc = n->op->prepare(n, m, err);
    }
    for (int i = 0; i < n_ws; i++)
        free(ws[i].data);
    free(ws);
    map_free(&c.nodes);
    free(c.first_value);
    free(c.alias);
    json_decref(root);
    if (rc) {
        cd_nn_model_free(m);
        return NULL;
    }
    return m;
}

int cd_nn_num_inputs(const cd_nn_model *m)
{
    return m->n_inputs;
}

int cd_nn_num_outputs(const cd_nn_model *m)
{
    return m->n_outputs;
}

const char *cd_nn_input_name(const cd_nn_model *m, int i)
{
    return i >= 0 && i < m->n_inputs ? m->input_names[i] : NULL;
}

int cd_nn_input_shape(const cd_nn_model *m, int i, int shape[CD_NN_MAX_DIMS])
{
    if (i < 0 || i >= m->n_inputs)
        return -1;
    memcpy(shape, m->input_shapes[i], sizeof(int) * CD_NN_MAX_DIMS);
    return m->input_ndims[i];
}

const char *cd_nn_output_name(const cd_nn_model *m, int i)
{
    return i >= 0 && i < m->n_outputs ? m->output_names[i] : NULL;
}

int cd_nn_output_index(const cd_nn_model *m, const char *name)
{
    for (int i = 0; i < m->n_outputs; i++)
        if (!strcmp(m->output_names[i], name))
            return i;
    return -1;
}
