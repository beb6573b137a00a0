/* face_run.c - FaceMesh, Iris, emotion, identity and liveness model runs.
 * Each prepares its crop with cd_roi_crop, runs, and maps outputs back to
 * frame pixels through the same ROI. */
#include "vision/face.h"

#include <math.h>
#include <stdlib.h>

#include "vision/model_io.h"

#define IRIS_VALUES (76 * 3) /* 71 eye-contour points + 5 iris points, xyz */
#define IRIS_FIRST 71
#define FACERES_INPUT 224
#define ANTISPOOF_INPUT 128
#define LIVENESS_INPUT 32

static const cd_crop_norm unit_range = {1.0f / 255.0f, 0.0f, 0};

/* Runs an image model on a crop; out_count floats of the output with that
 * many elements land in out. */
static int run_crop(cd_model_runner *s, const cd_rgb_image *frame, const cd_roi *roi, int size,
                    cd_crop_norm norm, float *out, long out_count, const char *what, cd_err *err)
{
    int channels = norm.grayscale ? 1 : 3;
    float *input = malloc(sizeof(float) * (size_t)size * size * channels);
    if (!input)
        return cd_err_set(err, CD_EINTERNAL, "vision", "out of memory");
    cd_roi_crop(frame, roi, size, norm, input);
    cd_tensor outs[CD_MODEL_MAX_OUTPUTS];
    int rc = cd_model_run_image(s, input, size, channels, outs, cd_model_num_outputs(s), err);
    free(input);
    if (rc)
        return rc;
    return cd_model_take(outs, cd_model_num_outputs(s), out_count, out, what, err);
}

int cd_face_mesh_run(cd_model_runner *s, const cd_rgb_image *frame, const cd_roi *roi, cd_face *f,
                     cd_err *err)
{
    float *coords = malloc(sizeof(float) * CD_MESH_POINTS * 3);
    if (!coords)
        return cd_err_set(err, CD_EINTERNAL, "vision", "out of memory");
    float *input = malloc(sizeof(float) * CD_MESH_INPUT * CD_MESH_INPUT * 3);
    int rc = 0;
    if (!input) {
        rc = cd_err_set(err, CD_EINTERNAL, "vision", "out of memory");
        goto out;
    }
    cd_roi_crop(frame, roi, CD_MESH_INPUT, unit_range, input);
    cd_tensor outs[CD_MODEL_MAX_OUTPUTS];
    int n = cd_model_num_outputs(s);
    rc = cd_model_run_image(s, input, CD_MESH_INPUT, 3, outs, n, err);
    if (rc)
        goto out;
    float flag;
    rc = cd_model_take(outs, n, CD_MESH_POINTS * 3, coords, "face mesh", err);
    if (!rc)
        rc = cd_model_take(outs, n, 1, &flag, "face mesh", err);
    if (rc)
        goto out;
    f->roi = *roi;
    f->score = flag;
    for (int i = 0; i < CD_MESH_POINTS; i++)
        f->mesh[i] = cd_roi_to_frame(roi, CD_MESH_INPUT, coords[3 * i], coords[3 * i + 1],
                                     coords[3 * i + 2]);
    cd_face_update_box(f);
out:
    free(input);
    free(coords);
    return rc;
}

int cd_iris_run(cd_model_runner *s, const cd_rgb_image *frame, cd_face *f, cd_err *err)
{
    float out[IRIS_VALUES];
    for (int eye = 0; eye < 2; eye++) {
        cd_roi roi = cd_iris_roi(f->mesh, eye);
        int rc = run_crop(s, frame, &roi, CD_IRIS_INPUT, unit_range, out, IRIS_VALUES, "iris", err);
        if (rc)
            return rc;
        for (int k = 0; k < CD_IRIS_POINTS; k++) {
            const float *p = out + 3 * (IRIS_FIRST + k);
            f->iris[eye][k] = cd_roi_to_frame(&roi, CD_IRIS_INPUT, p[0], p[1], p[2]);
        }
    }
    f->has_iris = 1;
    return 0;
}

int cd_emotion_run(cd_model_runner *s, const cd_rgb_image *frame, cd_face *f, cd_err *err)
{
    cd_roi roi = cd_face_tight_roi(f->mesh);
    /* grayscale in [-1, 1], as the model was trained */
    cd_crop_norm norm = {2.0f / 255.0f, -1.0f, 1};
    int rc =
        run_crop(s, frame, &roi, CD_EMOTION_INPUT, norm, f->emotion, CD_EMOTIONS, "emotion", err);
    if (rc)
        return rc;
    f->has_emotion = 1;
    return 0;
}

/* The identity and liveness models were trained on the crop the face mesh
 * sees (eye-aligned, mesh box x1.5), as the reference pipeline feeds them. */
static cd_roi identity_roi(const cd_face *f)
{
    return cd_face_roi_from_mesh(f->mesh);
}

int cd_face_embed(cd_model_runner *s, const cd_rgb_image *frame, const cd_face *f, float *emb,
                  cd_err *err)
{
    cd_roi roi = identity_roi(f);
    /* faceres takes raw 0..255 pixels: with 0..1 every face maps to nearly
     * the same descriptor (cosine distance < 0.003 between strangers) */
    int rc = run_crop(s, frame, &roi, FACERES_INPUT, (cd_crop_norm){1.0f, 0.0f, 0}, emb,
                      CD_EMBEDDING_DIM, "face embedding", err);
    if (rc)
        return rc;
    double norm = 0;
    for (int i = 0; i < CD_EMBEDDING_DIM; i++)
        norm += (double)emb[i] * emb[i];
    float inv = norm > 0 ? (float)(1.0 / sqrt(norm)) : 0;
    for (int i = 0; i < CD_EMBEDDING_DIM; i++)
        emb[i] *= inv;
    return 0;
}

int cd_face_real_score(cd_model_runner *s, const cd_rgb_image *frame, const cd_face *f,
                       float *score, cd_err *err)
{
    cd_roi roi = identity_roi(f);
    return run_crop(s, frame, &roi, ANTISPOOF_INPUT, unit_range, score, 1, "antispoof", err);
}

int cd_face_live_score(cd_model_runner *s, const cd_rgb_image *frame, const cd_face *f,
                       float *score, cd_err *err)
{
    cd_roi roi = identity_roi(f);
    float probs[2];
    int rc = run_crop(s, frame, &roi, LIVENESS_INPUT, unit_range, probs, 2, "liveness", err);
    if (!rc)
        *score = probs[0];
    return rc;
}
