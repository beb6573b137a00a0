/* models.h - the set of vision models, loaded once and shared read-only by
 * every analysis session (cd_nn_model is immutable after loading).
 *
 * Files come from a models directory: the `dir` argument, else
 * $CANDOR_MODELS_DIR, else <source>/models/node_modules/@vladmandic/
 * human-models/models (see scripts/fetch-models.sh). The face detector and
 * mesh are required; the others are optional and the features that need
 * them are reported as unavailable when their file is absent.
 *
 * Owns the cd_nn_model objects; free with cd_vision_models_free(). Load
 * and free from one thread; use from any. */
#ifndef CANDOR_VISION_MODELS_H
#define CANDOR_VISION_MODELS_H

#include <stddef.h>
#include "base/err.h"
#include "nn/nn.h"

typedef enum cd_vision_model_id {
    CD_VM_FACE_DETECT, /* blazeface.json */
    CD_VM_FACE_MESH,   /* facemesh.json */
    CD_VM_IRIS,        /* iris.json */
    CD_VM_EMOTION,     /* emotion.json */
    CD_VM_OBJECTS,     /* centernet.json */
    CD_VM_FACERES,     /* faceres.json */
    CD_VM_ANTISPOOF,   /* antispoof.json */
    CD_VM_LIVENESS,    /* liveness.json */
    CD_VM_POSE_DETECT, /* blazepose-detector.json */
    CD_VM_POSE,        /* blazepose-lite.json */
    CD_VM_HAND,        /* handlandmark-lite.json */
    CD_VM_COUNT
} cd_vision_model_id;

/* Which optional models to load (bit per cd_vision_model_id). */
#define CD_VM_BIT(id) (1u << (id))
#define CD_VM_DEFAULT                                                                              \
    (CD_VM_BIT(CD_VM_FACE_DETECT) | CD_VM_BIT(CD_VM_FACE_MESH) | CD_VM_BIT(CD_VM_IRIS) |           \
     CD_VM_BIT(CD_VM_EMOTION) | CD_VM_BIT(CD_VM_POSE_DETECT) | CD_VM_BIT(CD_VM_POSE) |             \
     CD_VM_BIT(CD_VM_HAND))
/* The face pipeline only (no body pose or hands). */
#define CD_VM_FACE_ONLY                                                                            \
    (CD_VM_BIT(CD_VM_FACE_DETECT) | CD_VM_BIT(CD_VM_FACE_MESH) | CD_VM_BIT(CD_VM_IRIS) |           \
     CD_VM_BIT(CD_VM_EMOTION))
#define CD_VM_ALL ((1u << CD_VM_COUNT) - 1)

typedef struct cd_vision_models {
    cd_nn_model *m[CD_VM_COUNT]; /* NULL when not loaded */
    char dir[1024];
} cd_vision_models;

const char *cd_vision_model_file(cd_vision_model_id id);
/* Resolves the models directory into buf. */
const char *cd_vision_models_dir(const char *dir, char *buf, size_t n);
/* Loads the models in `want` (face detect + mesh always). Optional models
 * whose file is missing are skipped; a file that exists but fails to load
 * is an error. */
int cd_vision_models_load(cd_vision_models *vm, const char *dir, unsigned want, cd_err *err);
void cd_vision_models_free(cd_vision_models *vm);
/* A session for model `id` (one per thread) that computes only the outputs
 * src/vision reads; free with cd_nn_session_free(). */
cd_nn_session *cd_vision_model_session(const cd_vision_models *vm, cd_vision_model_id id,
                                       cd_err *err);

#endif
