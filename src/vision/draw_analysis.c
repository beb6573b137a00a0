/* draw_analysis.c - the overlay: what the analysis saw, drawn on the frame. */
#include "vision/draw.h"

#include <math.h>
#include <stdio.h>

static const cd_rgb green = {40, 220, 60}, yellow = {250, 220, 40}, red = {240, 50, 50},
                    cyan = {40, 200, 240}, white = {255, 255, 255}, magenta = {230, 60, 230};

static const cd_rgb orange = {255, 150, 30};

/* BlazePose bones worth drawing for a seated person (no face: the mesh is
 * there) and the hand's five finger chains from the wrist. */
static const unsigned char bones[][2] = {
    {11, 12}, {11, 13}, {13, 15}, {12, 14}, {14, 16}, {15, 17}, {15, 19}, {17, 19},
    {15, 21}, {16, 18}, {16, 20}, {18, 20}, {16, 22}, {11, 23}, {12, 24}, {23, 24},
    {23, 25}, {25, 27}, {24, 26}, {26, 28}, {7, 0},   {8, 0},
};
static const unsigned char hand_bones[][2] = {
    {0, 1},   {1, 2},   {2, 3},   {3, 4},   {0, 5},   {5, 6},   {6, 7},
    {7, 8},   {5, 9},   {9, 10},  {10, 11}, {11, 12}, {9, 13},  {13, 14},
    {14, 15}, {15, 16}, {13, 17}, {17, 18}, {18, 19}, {19, 20}, {0, 17},
};

static void draw_body(cd_rgb_image *img, const cd_body *b, const cd_hand *hands, int n_hands)
{
    if (b) {
        for (size_t i = 0; i < sizeof bones / sizeof bones[0]; i++) {
            int a = bones[i][0], c = bones[i][1];
            if (b->visibility[a] < 0.5f || b->visibility[c] < 0.5f)
                continue;
            cd_draw_line(img, b->kp[a].x, b->kp[a].y, b->kp[c].x, b->kp[c].y, orange);
        }
        for (int k = 0; k < CD_POSE_KEYPOINTS; k++)
            if (b->visibility[k] >= 0.5f)
                cd_draw_dot(img, b->kp[k].x, b->kp[k].y, 2, orange);
    }
    for (int h = 0; h < n_hands; h++) {
        const cd_point3 *p = hands[h].pts;
        for (size_t i = 0; i < sizeof hand_bones / sizeof hand_bones[0]; i++)
            cd_draw_line(img, p[hand_bones[i][0]].x, p[hand_bones[i][0]].y, p[hand_bones[i][1]].x,
                         p[hand_bones[i][1]].y, cyan);
        for (int k = 0; k < CD_HAND_POINTS; k++)
            cd_draw_dot(img, p[k].x, p[k].y, 1, magenta);
    }
}

void cd_draw_analysis(cd_rgb_image *img, const cd_vision_sample *smp, const cd_face *faces,
                      int n_faces, const cd_object *objs, int n_objs, const cd_body *body,
                      const cd_hand *hands, int n_hands)
{
    int scale = img->height >= 720 ? 3 : img->height >= 360 ? 2 : 1;
    draw_body(img, body, hands, n_hands);
    for (int i = 0; i < n_objs; i++) {
        const cd_object *o = &objs[i];
        cd_rgb c = o->cls == CD_OBJECT_CELL_PHONE ? red : magenta;
        cd_draw_box(img, o->x0, o->y0, o->x1, o->y1, c);
        char label[48];
        snprintf(label, sizeof label, "%s %.0f%%", cd_object_label(o->cls), o->score * 100);
        cd_draw_text(img, (int)o->x0 + 2, (int)o->y0 + 2, scale, label, c);
    }
    for (int i = 0; i < n_faces; i++) {
        const cd_face *f = &faces[i];
        cd_rgb c = i == 0 ? green : yellow;
        cd_draw_box(img, f->x0, f->y0, f->x1, f->y1, c);
        int r = (f->x1 - f->x0) > 300 ? 1 : 0;
        for (int k = 0; k < CD_MESH_POINTS; k++)
            cd_draw_dot(img, f->mesh[k].x, f->mesh[k].y, r, c);
        if (f->has_iris)
            for (int e = 0; e < 2; e++) {
                const cd_point3 *p = f->iris[e];
                float rad = 0.25f * (hypotf(p[1].x - p[3].x, p[1].y - p[3].y) +
                                     hypotf(p[2].x - p[4].x, p[2].y - p[4].y));
                for (int a = 0; a < 32; a++) {
                    float t0 = (float)a * 0.19635f, t1 = (float)(a + 1) * 0.19635f;
                    cd_draw_line(img, p[0].x + rad * cosf(t0), p[0].y + rad * sinf(t0),
                                 p[0].x + rad * cosf(t1), p[0].y + rad * sinf(t1), cyan);
                }
                cd_draw_dot(img, p[0].x, p[0].y, 1, cyan);
            }
        if (i == 0 && smp->face) {
            /* head direction from the nose tip */
            const cd_point3 *nose = &f->mesh[CD_LM_NOSE_TIP];
            float len = (f->x1 - f->x0) * 0.6f;
            float yaw = smp->yaw * 0.0174533f, pitch = smp->pitch * 0.0174533f;
            cd_draw_line(img, nose->x, nose->y, nose->x + len * sinf(yaw),
                         nose->y - len * sinf(pitch), smp->eye_contact ? green : red);
        }
    }
    /* label block */
    char line[96];
    int y = 4 * scale, step = 10 * scale;
    snprintf(line, sizeof line, "T %.2fS  FACES %d", smp->t, smp->faces);
    cd_draw_text(img, 4 * scale, y, scale, line, white);
    y += step;
    if (smp->face) {
        snprintf(line, sizeof line, "YAW %+.0f PITCH %+.0f ROLL %+.0f", smp->yaw, smp->pitch,
                 smp->roll);
        cd_draw_text(img, 4 * scale, y, scale, line, white);
        y += step;
        if (smp->has_gaze) {
            snprintf(line, sizeof line, "GAZE %+.0f %+.0f %s", smp->gaze_yaw, smp->gaze_pitch,
                     smp->eye_contact ? "EYE CONTACT" : "LOOKING AWAY");
            cd_draw_text(img, 4 * scale, y, scale, line, smp->eye_contact ? green : yellow);
            y += step;
        }
        snprintf(line, sizeof line, "EAR %.2f%s", smp->ear,
                 smp->blink         ? " BLINK"
                 : smp->eyes_closed ? " CLOSED"
                                    : "");
        cd_draw_text(img, 4 * scale, y, scale, line, white);
        y += step;
        if (smp->expression >= 0) {
            snprintf(line, sizeof line, "%s %.0f%%%s", cd_emotion_names[smp->expression],
                     smp->expression_score * 100, smp->smiling ? " SMILE" : "");
            cd_draw_text(img, 4 * scale, y, scale, line, white);
            y += step;
        }
    } else {
        cd_draw_text(img, 4 * scale, y, scale, "NO FACE", red);
        y += step;
    }
    if (smp->posture || smp->touching_face || smp->gesturing) {
        snprintf(line, sizeof line, "TILT %+.0f LEAN %+.0f%s%s%s%s%s", smp->shoulder_tilt,
                 smp->lean, smp->slouching ? " SLOUCH" : "", smp->too_close ? " CLOSE" : "",
                 smp->too_far ? " FAR" : "", smp->touching_face ? " TOUCHING FACE" : "",
                 smp->gesturing ? " GESTURE" : "");
        cd_draw_text(img, 4 * scale, y, scale, line,
                     smp->slouching || smp->touching_face ? yellow : white);
        y += step;
    }
    const cd_frame_quality *q = &smp->quality;
    if (q->too_dark || q->backlit || q->blurred ||
        (smp->face && (q->face_too_small || q->face_cut_off))) {
        snprintf(line, sizeof line, "%s%s%s%s%s", q->too_dark ? "DARK " : "",
                 q->backlit ? "BACKLIT " : "", q->blurred ? "BLURRED " : "",
                 smp->face && q->face_too_small ? "SMALL " : "",
                 smp->face && q->face_cut_off ? "CUT OFF" : "");
        cd_draw_text(img, 4 * scale, y, scale, line, red);
    }
}
