/* face_roi.c - where the face models look: ROIs from detections and meshes. */
#include "vision/face.h"

#include <math.h>

#define FACE_ROI_SCALE 1.5f /* MediaPipe face mesh: detection/landmarks x1.5 */
#define IRIS_ROI_SCALE 2.3f /* MediaPipe iris: eye-corner span x2.3 */
#define TIGHT_ROI_SCALE 1.1f

const char *const cd_emotion_names[CD_EMOTIONS] = {"angry", "disgust",  "fear",   "happy",
                                                   "sad",   "surprise", "neutral"};

cd_roi cd_face_roi_from_detection(const cd_face_detection *d)
{
    float angle = cd_roi_angle_of(d->kp[0][0], d->kp[0][1], d->kp[1][0], d->kp[1][1]);
    cd_point3 corners[4] = {
        {d->x0, d->y0, 0}, {d->x1, d->y0, 0}, {d->x0, d->y1, 0}, {d->x1, d->y1, 0}};
    /* the box is axis-aligned: size it unrotated, then turn it */
    cd_roi r = cd_roi_around_points(corners, 4, 0, FACE_ROI_SCALE);
    r.angle = angle;
    return r;
}

static float mesh_angle(const cd_point3 *mesh)
{
    return cd_roi_angle_of(mesh[CD_LM_R_EYE_OUTER].x, mesh[CD_LM_R_EYE_OUTER].y,
                           mesh[CD_LM_L_EYE_OUTER].x, mesh[CD_LM_L_EYE_OUTER].y);
}

cd_roi cd_face_roi_from_mesh(const cd_point3 *mesh)
{
    return cd_roi_around_points(mesh, CD_MESH_POINTS, mesh_angle(mesh), FACE_ROI_SCALE);
}

cd_roi cd_face_tight_roi(const cd_point3 *mesh)
{
    return cd_roi_around_points(mesh, CD_MESH_POINTS, mesh_angle(mesh), TIGHT_ROI_SCALE);
}

cd_roi cd_iris_roi(const cd_point3 *mesh, int eye)
{
    /* both crops run left-to-right across the face; the iris model was
     * trained on one eye, so the other one is mirrored */
    const cd_point3 *a = &mesh[eye == 0 ? CD_LM_R_EYE_OUTER : CD_LM_L_EYE_INNER];
    const cd_point3 *b = &mesh[eye == 0 ? CD_LM_R_EYE_INNER : CD_LM_L_EYE_OUTER];
    float dx = b->x - a->x, dy = b->y - a->y;
    float side = sqrtf(dx * dx + dy * dy) * IRIS_ROI_SCALE;
    cd_roi r = {(a->x + b->x) * 0.5f, (a->y + b->y) * 0.5f, side, side, atan2f(dy, dx)};
    if (eye == 1)
        r.w = -r.w;
    return r;
}

void cd_face_update_box(cd_face *f)
{
    f->x0 = f->y0 = INFINITY;
    f->x1 = f->y1 = -INFINITY;
    for (int i = 0; i < CD_MESH_POINTS; i++) {
        f->x0 = fminf(f->x0, f->mesh[i].x);
        f->y0 = fminf(f->y0, f->mesh[i].y);
        f->x1 = fmaxf(f->x1, f->mesh[i].x);
        f->y1 = fmaxf(f->y1, f->mesh[i].y);
    }
}
