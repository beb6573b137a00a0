/* face.h - one tracked face: 468-point mesh, iris, expression, and the
 * model runs that produce them (FaceMesh, Iris, emotion, face embedding,
 * antispoof/liveness).
 *
 * A cd_face is plain data owned by the caller. The run functions fill it
 * from a frame through the caller's sessions (one set per thread).
 *
 * Landmark indices follow MediaPipe's canonical face mesh: 33/133 are the
 * outer/inner corners of the eye on the image left (the subject's right),
 * 263/362 those of the other eye, 1 the nose tip, 10 the forehead top, 152
 * the chin. */
#ifndef CANDOR_VISION_FACE_H
#define CANDOR_VISION_FACE_H

#include "base/err.h"
#include "media/image_rgb.h"
#include "nn/nn.h"
#include "vision/model_io.h"
#include "vision/face_detect.h"
#include "vision/roi.h"

#define CD_MESH_POINTS 468
#define CD_IRIS_POINTS 5 /* centre, then four points on the iris edge */
#define CD_EMOTIONS 7
#define CD_EMBEDDING_DIM 1024
#define CD_MESH_INPUT 192
#define CD_IRIS_INPUT 64
#define CD_EMOTION_INPUT 64

/* landmark indices used by the geometry */
enum {
    CD_LM_NOSE_TIP = 1,
    CD_LM_FOREHEAD = 10,
    CD_LM_UPPER_LIP = 13,
    CD_LM_LOWER_LIP = 14,
    CD_LM_R_EYE_OUTER = 33, /* image-left eye */
    CD_LM_R_EYE_INNER = 133,
    CD_LM_CHIN = 152,
    CD_LM_R_CHEEK = 234,
    CD_LM_L_EYE_INNER = 362, /* image-right eye */
    CD_LM_L_EYE_OUTER = 263,
    CD_LM_L_CHEEK = 454,
    CD_LM_MOUTH_R = 61,
    CD_LM_MOUTH_L = 291,
};

extern const char *const cd_emotion_names[CD_EMOTIONS];

typedef struct cd_face {
    cd_roi roi;           /* crop the mesh was computed on */
    float score;          /* face presence from the mesh model, 0..1 */
    float x0, y0, x1, y1; /* bounding box of the mesh */
    cd_point3 mesh[CD_MESH_POINTS];
    int has_iris;
    cd_point3 iris[2][CD_IRIS_POINTS]; /* [0] image-left eye, [1] image-right */
    int has_emotion;
    float emotion[CD_EMOTIONS]; /* probabilities, this frame */
} cd_face;

/* MediaPipe's ROI rules: from a detection (box x1.5, rotated so the eyes
 * are level) and, when tracking, from the previous mesh (its bounding box
 * in the eye-aligned frame x1.5). */
cd_roi cd_face_roi_from_detection(const cd_face_detection *d);
cd_roi cd_face_roi_from_mesh(const cd_point3 *mesh);
/* Eye crop for the iris model: eye corners, x2.3, mirrored for eye 1. */
cd_roi cd_iris_roi(const cd_point3 *mesh, int eye);
/* Tight face crop (mesh bounding box x1.1) for emotion / identity models. */
cd_roi cd_face_tight_roi(const cd_point3 *mesh);
/* Recomputes the bounding box from the mesh. */
void cd_face_update_box(cd_face *f);

/* Runs FaceMesh on `roi`; fills mesh, score, box. */
int cd_face_mesh_run(cd_model_runner *s, const cd_rgb_image *frame, const cd_roi *roi, cd_face *f,
                     cd_err *err);
/* Runs the iris model on both eyes (needs f->mesh). */
int cd_iris_run(cd_model_runner *s, const cd_rgb_image *frame, cd_face *f, cd_err *err);
/* Runs the 7-class emotion model (needs f->mesh). */
int cd_emotion_run(cd_model_runner *s, const cd_rgb_image *frame, cd_face *f, cd_err *err);
/* Face embedding (faceres), L2-normalised into emb[CD_EMBEDDING_DIM]. */
int cd_face_embed(cd_model_runner *s, const cd_rgb_image *frame, const cd_face *f, float *emb,
                  cd_err *err);
/* Probability the face is real (antispoof, 128 px crop) / live (liveness,
 * 32 px crop). */
int cd_face_real_score(cd_model_runner *s, const cd_rgb_image *frame, const cd_face *f,
                       float *score, cd_err *err);
int cd_face_live_score(cd_model_runner *s, const cd_rgb_image *frame, const cd_face *f,
                       float *score, cd_err *err);

#endif
