/* posture.c - posture, face touching and mouth geometry from landmarks. */
#include "vision/posture.h"

#include <math.h>

#include "vision/face.h"

#define DEG_PER_RAD 57.29578f

cd_posture cd_posture_measure(const cd_body *b, int width, int height)
{
    cd_posture p = {0};
    if (!cd_body_point_ok(b, CD_KP_L_SHOULDER, width, height) ||
        !cd_body_point_ok(b, CD_KP_R_SHOULDER, width, height))
        return p;
    const cd_point3 *a = &b->kp[CD_KP_L_SHOULDER], *c = &b->kp[CD_KP_R_SHOULDER];
    /* order the shoulders by image side: mirrored webcams swap them */
    if (a->x > c->x) {
        const cd_point3 *t = a;
        a = c;
        c = t;
    }
    float dx = c->x - a->x, dy = c->y - a->y;
    float span = sqrtf(dx * dx + dy * dy);
    if (!(span > 1.0f))
        return p;
    p.valid = 1;
    p.shoulder_tilt_deg = atan2f(dy, dx) * DEG_PER_RAD;
    p.shoulder_width = span / (float)width;
    float mx = (a->x + c->x) * 0.5f, my = (a->y + c->y) * 0.5f;
    p.centre_offset = (mx - (float)width * 0.5f) / (float)width;
    p.shoulder_y = my / (float)height;
    /* the ears (or, turned away, the nose) mark the head */
    float hx, hy;
    if (b->visibility[CD_KP_L_EAR] >= 0.5f && b->visibility[CD_KP_R_EAR] >= 0.5f) {
        hx = (b->kp[CD_KP_L_EAR].x + b->kp[CD_KP_R_EAR].x) * 0.5f;
        hy = (b->kp[CD_KP_L_EAR].y + b->kp[CD_KP_R_EAR].y) * 0.5f;
    } else {
        hx = b->kp[CD_KP_NOSE].x;
        hy = b->kp[CD_KP_NOSE].y;
    }
    p.neck = (my - hy) / span;
    float ux, uy; /* body "up" vector */
    if (cd_body_point_ok(b, CD_KP_L_HIP, width, height) &&
        cd_body_point_ok(b, CD_KP_R_HIP, width, height)) {
        ux = mx - (b->kp[CD_KP_L_HIP].x + b->kp[CD_KP_R_HIP].x) * 0.5f;
        uy = my - (b->kp[CD_KP_L_HIP].y + b->kp[CD_KP_R_HIP].y) * 0.5f;
        p.lean_from_torso = 1;
    } else {
        ux = hx - mx;
        uy = hy - my;
    }
    /* angle of "up" from the image vertical, > 0 toward the right */
    p.lean_deg = atan2f(ux, -uy) * DEG_PER_RAD;
    return p;
}

void cd_posture_smooth(cd_posture *state, const cd_posture *p, double dt, double tau_s)
{
    if (!p->valid || !state->valid || !(dt > 0) || !(tau_s > 0)) {
        *state = *p;
        return;
    }
    float a = (float)(1.0 - exp(-dt / tau_s));
    state->shoulder_tilt_deg += a * (p->shoulder_tilt_deg - state->shoulder_tilt_deg);
    state->lean_deg += a * (p->lean_deg - state->lean_deg);
    state->shoulder_width += a * (p->shoulder_width - state->shoulder_width);
    state->centre_offset += a * (p->centre_offset - state->centre_offset);
    state->shoulder_y += a * (p->shoulder_y - state->shoulder_y);
    state->neck += a * (p->neck - state->neck);
    state->lean_from_torso = p->lean_from_torso;
}

void cd_posture_baseline_add(cd_posture_baseline *base, const cd_posture *p)
{
    if (!p->valid)
        return;
    base->n++;
    float k = 1.0f / (float)base->n;
    base->shoulder_y += k * (p->shoulder_y - base->shoulder_y);
    base->shoulder_width += k * (p->shoulder_width - base->shoulder_width);
    base->neck += k * (p->neck - base->neck);
}

void cd_posture_slouch(const cd_posture_baseline *base, const cd_posture *p, int width, int height,
                       float *drop, float *neck_rel)
{
    *drop = 0;
    *neck_rel = 1;
    if (!base->n || !p->valid || !(base->shoulder_width > 0))
        return;
    /* both in pixels, then in baseline shoulder widths */
    *drop =
        (p->shoulder_y - base->shoulder_y) * (float)height / (base->shoulder_width * (float)width);
    if (base->neck > 0.05f)
        *neck_rel = p->neck / base->neck;
}

int cd_hand_points_on_face(const cd_hand *h, const float face_box[4])
{
    if (h->score < CD_HAND_MIN_SCORE)
        return 0;
    float mx = (face_box[2] - face_box[0]) * CD_FACE_TOUCH_MARGIN;
    float my = (face_box[3] - face_box[1]) * CD_FACE_TOUCH_MARGIN;
    int n = 0;
    for (int k = 0; k < CD_HAND_POINTS; k++) {
        const cd_point3 *q = &h->pts[k];
        n += q->x >= face_box[0] - mx && q->x <= face_box[2] + mx && q->y >= face_box[1] - my &&
             q->y <= face_box[3] + my;
    }
    return n;
}

float cd_mouth_opening(const cd_point3 *mesh)
{
    const cd_point3 *u = &mesh[CD_LM_UPPER_LIP], *l = &mesh[CD_LM_LOWER_LIP];
    const cd_point3 *r = &mesh[CD_LM_MOUTH_R], *m = &mesh[CD_LM_MOUTH_L];
    float w = hypotf(m->x - r->x, m->y - r->y);
    return w > 0 ? hypotf(l->x - u->x, l->y - u->y) / w : 0;
}
