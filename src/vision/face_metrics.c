/* face_metrics.c - head pose, gaze, eye openness and smile geometry. */
#include "vision/face_metrics.h"

#include <math.h>

#define RAD2DEG 57.29577951308232f
/* Eye-corner span over eyeball radius (about 30 mm / 12 mm): turns an iris
 * offset measured in eye widths into the sine of the eye's rotation. */
#define EYE_SPAN_OVER_RADIUS 2.5f

typedef struct vec3 {
    float x, y, z;
} vec3;

static vec3 sub(cd_point3 a, cd_point3 b)
{
    return (vec3){a.x - b.x, a.y - b.y, a.z - b.z};
}
static float dot(vec3 a, vec3 b)
{
    return a.x * b.x + a.y * b.y + a.z * b.z;
}
static vec3 scale(vec3 a, float s)
{
    return (vec3){a.x * s, a.y * s, a.z * s};
}
static vec3 add(vec3 a, vec3 b)
{
    return (vec3){a.x + b.x, a.y + b.y, a.z + b.z};
}
static vec3 norm(vec3 a)
{
    float n = sqrtf(dot(a, a));
    return n > 0 ? scale(a, 1.0f / n) : a;
}
static vec3 cross(vec3 a, vec3 b)
{
    return (vec3){a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
static float dist2d(cd_point3 a, cd_point3 b)
{
    return hypotf(a.x - b.x, a.y - b.y);
}

cd_head_pose cd_head_pose_from_mesh(const cd_point3 *mesh)
{
    /* The face's own axes from stable, widely spaced landmarks: across the
     * face (eye corners and cheeks, averaged) and down it (forehead to
     * chin), made orthogonal. Forward is their cross product, negated
     * because z grows away from the camera. */
    vec3 across = add(norm(sub(mesh[CD_LM_L_EYE_OUTER], mesh[CD_LM_R_EYE_OUTER])),
                      norm(sub(mesh[CD_LM_L_CHEEK], mesh[CD_LM_R_CHEEK])));
    across = norm(across);
    vec3 down = norm(sub(mesh[CD_LM_CHIN], mesh[CD_LM_FOREHEAD]));
    down = norm(add(down, scale(across, -dot(down, across))));
    vec3 forward = scale(cross(across, down), -1.0f);
    cd_head_pose p;
    p.yaw = atan2f(forward.x, -forward.z) * RAD2DEG;
    p.pitch = atan2f(-forward.y, hypotf(forward.x, forward.z)) * RAD2DEG;
    p.roll = atan2f(across.y, across.x) * RAD2DEG;
    return p;
}

float cd_eye_aspect_ratio(const cd_point3 *mesh, int eye)
{
    /* p1..p6 of the EAR paper: corners p1/p4, upper lid p2/p3, lower p6/p5 */
    static const int idx[2][6] = {{33, 160, 158, 133, 153, 144}, {362, 385, 387, 263, 373, 380}};
    const int *i = idx[eye ? 1 : 0];
    float width = dist2d(mesh[i[0]], mesh[i[3]]);
    if (width <= 0)
        return 0;
    return (dist2d(mesh[i[1]], mesh[i[5]]) + dist2d(mesh[i[2]], mesh[i[4]])) / (2.0f * width);
}

void cd_iris_offset(const cd_face *f, int eye, float *h, float *v)
{
    cd_point3 a = f->mesh[eye == 0 ? CD_LM_R_EYE_OUTER : CD_LM_L_EYE_INNER];
    cd_point3 b = f->mesh[eye == 0 ? CD_LM_R_EYE_INNER : CD_LM_L_EYE_OUTER];
    cd_point3 c = f->iris[eye][0];
    float ux = b.x - a.x, uy = b.y - a.y;
    float span = hypotf(ux, uy);
    if (span <= 0) {
        *h = *v = 0;
        return;
    }
    ux /= span;
    uy /= span;
    float mx = c.x - (a.x + b.x) * 0.5f, my = c.y - (a.y + b.y) * 0.5f;
    *h = (mx * ux + my * uy) / span;
    *v = (-mx * uy + my * ux) / span; /* (−uy, ux) points down the face */
}

static float eye_angle(float offset)
{
    float s = fmaxf(-1.0f, fminf(1.0f, offset * EYE_SPAN_OVER_RADIUS));
    return asinf(s) * RAD2DEG;
}

cd_gaze cd_gaze_estimate(const cd_face *f, cd_head_pose pose)
{
    cd_gaze g = {0, 0, pose.yaw, pose.pitch};
    if (!f->has_iris)
        return g;
    float h0, v0, h1, v1;
    cd_iris_offset(f, 0, &h0, &v0);
    cd_iris_offset(f, 1, &h1, &v1);
    g.eye_yaw = eye_angle((h0 + h1) * 0.5f);
    g.eye_pitch = -eye_angle((v0 + v1) * 0.5f);
    g.yaw = pose.yaw + g.eye_yaw;
    g.pitch = pose.pitch + g.eye_pitch;
    return g;
}

float cd_mouth_width_ratio(const cd_point3 *mesh)
{
    float eyes = dist2d(mesh[CD_LM_R_EYE_OUTER], mesh[CD_LM_L_EYE_OUTER]);
    return eyes > 0 ? dist2d(mesh[CD_LM_MOUTH_R], mesh[CD_LM_MOUTH_L]) / eyes : 0;
}
