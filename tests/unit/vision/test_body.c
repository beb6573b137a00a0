/* Unit tests for the body half of src/vision without models: BlazePose
 * detector anchors and decoding, the pose and hand ROI rules, posture
 * (tilt, lean, distance, centring, slouch against a baseline), face
 * touching, mouth opening, and the body part of the summary (face touching
 * only when it lasts, posture evidence, gesturing while talking). Synthetic
 * skeletons with known answers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "vision/body.h"
#include "vision/posture.h"
#include "vision/vision.h"

#define DEG 0.017453293f

static void test_pose_anchor_layout(void **state)
{
    (void)state;
    float a[2 * CD_POSE_ANCHORS];
    assert_int_equal(cd_pose_anchors(a, CD_POSE_ANCHORS), CD_POSE_ANCHORS);
    /* first: the 28x28 grid, two per cell */
    assert_float_equal(a[0], 0.5f / 28, 1e-6);
    assert_float_equal(a[2], 0.5f / 28, 1e-6);
    assert_float_equal(a[4], 1.5f / 28, 1e-6);
    /* 14x14 grid starts after 28*28*2 */
    assert_float_equal(a[2 * 1568], 0.5f / 14, 1e-6);
    /* last: the 7x7 grid's bottom-right cell */
    assert_float_equal(a[2 * (CD_POSE_ANCHORS - 1)], 6.5f / 7, 1e-6);
    assert_float_equal(a[2 * (CD_POSE_ANCHORS - 1) + 1], 6.5f / 7, 1e-6);
    assert_int_equal(cd_pose_anchors(a, 100), -1);
}

static void test_pose_detect_decode_best_row(void **state)
{
    (void)state;
    static float raw[CD_POSE_ANCHORS * CD_POSE_DETECT_VALUES];
    float a[2 * CD_POSE_ANCHORS];
    cd_pose_anchors(a, CD_POSE_ANCHORS);
    for (int i = 0; i < CD_POSE_ANCHORS; i++)
        raw[i * CD_POSE_DETECT_VALUES] = -8; /* score ~0 */
    int best = 1568 + 2 * (14 * 7 + 7);      /* 14x14 grid cell (7, 7): anchor (7.5/14, 7.5/14) */
    float *r = raw + best * CD_POSE_DETECT_VALUES;
    r[0] = 3;                    /* sigmoid 0.95 */
    r[1] = 22.4f, r[2] = -22.4f; /* centre offset 0.1, -0.1 */
    r[3] = 44.8f, r[4] = 67.2f;  /* w 0.2, h 0.3 */
    r[5] = 0, r[6] = 44.8f;      /* hip centre 0.2 below the anchor */
    r[7] = 0, r[8] = -44.8f;     /* scale point 0.2 above it */
    cd_pose_detection d;
    assert_int_equal(cd_pose_detect_decode(raw, a, CD_POSE_ANCHORS, 0.5f, &d), 1);
    float ax = 7.5f / 14;
    assert_float_equal(d.score, 1 / (1 + expf(-3)), 1e-5);
    assert_float_equal(d.x0, ax + 0.1f - 0.1f, 1e-5);
    assert_float_equal(d.y1, ax - 0.1f + 0.15f, 1e-5);
    assert_float_equal(d.kp[0][1], ax + 0.2f, 1e-5);
    assert_float_equal(d.kp[1][1], ax - 0.2f, 1e-5);
    /* a stricter threshold finds nobody */
    assert_int_equal(cd_pose_detect_decode(raw, a, CD_POSE_ANCHORS, 0.99f, &d), 0);
}

static void test_pose_roi_from_alignment(void **state)
{
    (void)state;
    /* upright: scale point straight above the hips */
    cd_roi r = cd_pose_roi_from_alignment(100, 300, 100, 200);
    assert_float_equal(r.cx, 100, 1e-4);
    assert_float_equal(r.cy, 300, 1e-4);
    assert_float_equal(r.w, 2 * 100 * 1.25f, 1e-3);
    assert_float_equal(r.angle, 0, 1e-5);
    /* body leaning 30 degrees to the image right: the crop turns with it,
     * so the crop's up direction maps onto the body's */
    float s = sinf(30 * DEG), c = cosf(30 * DEG);
    r = cd_pose_roi_from_alignment(100, 300, 100 + 100 * s, 300 - 100 * c);
    assert_float_equal(r.angle, 30 * DEG, 1e-4);
    cd_point3 up = cd_roi_to_frame(&r, 256, 128, 0, 0); /* top middle of the crop */
    float ux = up.x - 100, uy = up.y - 300;
    assert_float_equal(atan2f(ux, -uy), 30 * DEG, 1e-4);
}

static void test_pose_roi_from_face(void **state)
{
    (void)state;
    /* an upright face 100 px tall centred at (300, 150): hips 280 px below,
     * circle top 75 px above, so the crop is centred on the hips, upright,
     * 2 x 355 x 1.25 wide */
    cd_roi r = cd_pose_roi_from_face(250, 100, 350, 200, 0);
    assert_float_equal(r.cx, 300, 1e-3);
    assert_float_equal(r.cy, 150 + 280, 1e-3);
    assert_float_equal(r.w, 2 * 355 * 1.25f, 1e-2);
    assert_float_equal(r.angle, 0, 1e-5);
    /* the head rolled 20 degrees: the body crop turns with it */
    r = cd_pose_roi_from_face(250, 100, 350, 200, 20 * DEG);
    assert_float_equal(r.angle, 20 * DEG, 1e-4);
    /* the face's box stays inside the crop */
    float x, y;
    cd_roi_from_frame(&r, 256, 300, 150, &x, &y);
    assert_true(x > 0 && x < 256 && y > 0 && y < 128);
}

static void set_kp(cd_body *b, int k, float x, float y)
{
    b->kp[k] = (cd_point3){x, y, 0};
    b->visibility[k] = b->presence[k] = 1;
}

/* A seated person in a 640x480 frame: shoulders 200 px apart at y 360,
 * ears 100 px above them, hips below the frame. */
static void make_body(cd_body *b, float tilt_deg, float neck_px, float dx)
{
    memset(b, 0, sizeof *b);
    b->score = 1;
    float half = 100, t = tanf(tilt_deg * DEG) * half;
    set_kp(b, CD_KP_R_SHOULDER, 320 - half + dx, 360 - t); /* subject's right: image left */
    set_kp(b, CD_KP_L_SHOULDER, 320 + half + dx, 360 + t);
    set_kp(b, CD_KP_R_EAR, 290 + dx, 360 - neck_px);
    set_kp(b, CD_KP_L_EAR, 350 + dx, 360 - neck_px);
    set_kp(b, CD_KP_NOSE, 320 + dx, 360 - neck_px);
    set_kp(b, CD_KP_L_HIP, 380, 700);
    set_kp(b, CD_KP_R_HIP, 260, 700);
    b->presence[CD_KP_L_HIP] = b->presence[CD_KP_R_HIP] = 0; /* out of the picture */
}

static void test_posture_tilt_width_centre_lean(void **state)
{
    (void)state;
    cd_body b;
    make_body(&b, 10, 100, 0);
    cd_posture p = cd_posture_measure(&b, 640, 480);
    assert_true(p.valid);
    assert_float_equal(p.shoulder_tilt_deg, 10, 0.01);
    assert_float_equal(p.shoulder_width, 200 / cosf(10 * DEG) / 640, 1e-3);
    assert_float_equal(p.centre_offset, 0, 1e-4);
    assert_false(p.lean_from_torso); /* hips are below the frame */
    assert_float_equal(p.lean_deg, 0, 0.01);
    /* a mirrored camera swaps the sides: the same tilt comes out */
    cd_body m = b;
    m.kp[CD_KP_L_SHOULDER] = b.kp[CD_KP_R_SHOULDER];
    m.kp[CD_KP_R_SHOULDER] = b.kp[CD_KP_L_SHOULDER];
    assert_float_equal(cd_posture_measure(&m, 640, 480).shoulder_tilt_deg, 10, 0.01);
    /* head shifted 58 px right over 100 px of neck: leaning ~30 deg */
    make_body(&b, 0, 100, 0);
    for (int k = CD_KP_NOSE; k <= CD_KP_R_EAR; k++)
        b.kp[k].x += 57.735f;
    assert_float_equal(cd_posture_measure(&b, 640, 480).lean_deg, 30, 0.05);
    /* with hips in view the torso line is used */
    make_body(&b, 0, 100, 0);
    b.presence[CD_KP_L_HIP] = b.presence[CD_KP_R_HIP] = 1;
    set_kp(&b, CD_KP_L_HIP, 380 - 60, 460);
    set_kp(&b, CD_KP_R_HIP, 260 - 60, 460);
    cd_posture p2 = cd_posture_measure(&b, 640, 480);
    assert_true(p2.lean_from_torso);
    assert_float_equal(p2.lean_deg, atanf(60.0f / 100.0f) / DEG, 0.05);
    /* off centre by 128 px = 0.2 frame widths */
    make_body(&b, 0, 100, 128);
    assert_float_equal(cd_posture_measure(&b, 640, 480).centre_offset, 0.2f, 1e-4);
    /* a shoulder not visible: no posture */
    b.visibility[CD_KP_L_SHOULDER] = 0.1f;
    assert_false(cd_posture_measure(&b, 640, 480).valid);
}

static void test_slouch_against_baseline(void **state)
{
    (void)state;
    cd_body b;
    cd_posture_baseline base = {0};
    make_body(&b, 0, 100, 0);
    for (int i = 0; i < 10; i++) {
        cd_posture p = cd_posture_measure(&b, 640, 480);
        cd_posture_baseline_add(&base, &p);
    }
    float drop, neck;
    cd_posture p = cd_posture_measure(&b, 640, 480);
    cd_posture_slouch(&base, &p, 640, 480, &drop, &neck);
    assert_float_equal(drop, 0, 1e-4);
    assert_float_equal(neck, 1, 1e-4);
    /* sinking 60 px (0.3 shoulder widths) with the head 60 px nearer the
     * shoulders than before (the neck shortens: head forward / down) */
    make_body(&b, 0, 60, 0);
    for (int k = 0; k < CD_POSE_KEYPOINTS; k++)
        b.kp[k].y += 60;
    p = cd_posture_measure(&b, 640, 480);
    cd_posture_slouch(&base, &p, 640, 480, &drop, &neck);
    assert_float_equal(drop, 0.3f, 1e-3);
    assert_float_equal(neck, 0.6f, 1e-3);
    assert_true(drop > CD_POSTURE_SLOUCH_DROP && neck < CD_POSTURE_SLOUCH_NECK);
}

static void test_posture_smoothing(void **state)
{
    (void)state;
    cd_body b;
    make_body(&b, 0, 100, 0);
    cd_posture s = {0}, level = cd_posture_measure(&b, 640, 480);
    make_body(&b, 10, 100, 0);
    cd_posture tilted = cd_posture_measure(&b, 640, 480);
    cd_posture_smooth(&s, &level, 0.2, 0.5); /* first: taken as is */
    assert_float_equal(s.shoulder_tilt_deg, 0, 1e-5);
    /* one 0.2 s step toward a 10 degree tilt: 1 - e^-0.4 of the way */
    cd_posture_smooth(&s, &tilted, 0.2, 0.5);
    assert_float_equal(s.shoulder_tilt_deg, 10 * (1 - expf(-0.4f)), 1e-3);
    /* held for 2 s: there */
    for (int i = 0; i < 10; i++)
        cd_posture_smooth(&s, &tilted, 0.2, 0.5);
    assert_float_equal(s.shoulder_tilt_deg, 10, 0.2);
    /* a frame without shoulders restarts the series */
    cd_posture none = {0};
    cd_posture_smooth(&s, &none, 0.2, 0.5);
    assert_false(s.valid);
    cd_posture_smooth(&s, &level, 0.2, 0.5);
    assert_float_equal(s.shoulder_tilt_deg, 0, 1e-5);
}

static void test_hand_rois(void **state)
{
    (void)state;
    cd_body b;
    make_body(&b, 0, 100, 0);
    /* subject's left hand raised, fingers up: wrist (400, 300), knuckles
     * 60 px above */
    set_kp(&b, CD_KP_L_WRIST, 400, 300);
    set_kp(&b, CD_KP_L_INDEX, 390, 240);
    set_kp(&b, CD_KP_L_PINKY, 420, 240);
    cd_roi r;
    assert_int_equal(cd_hand_roi_from_pose(&b, 0, 640, 480, &r), 1);
    float len = hypotf(400 - 400, 240 - 300);
    assert_float_equal(r.w, 3.0f * len, 1.0);
    assert_float_equal(r.angle, 0, 1e-4);  /* fingers point up: upright crop */
    assert_true(r.cy < 240 && r.cy > 200); /* centred past the knuckles */
    float x, y;
    cd_roi_from_frame(&r, 224, 400, 300, &x, &y);
    assert_true(y > 112 && y < 224); /* the wrist is in the lower half */
    /* the right hand was not seen */
    assert_int_equal(cd_hand_roi_from_pose(&b, 1, 640, 480, &r), 0);
    /* tracking ROI from landmarks: a hand pointing to the image right */
    cd_point3 pts[CD_HAND_POINTS];
    for (int k = 0; k < CD_HAND_POINTS; k++)
        pts[k] = (cd_point3){100.0f + 5.0f * (float)k, 200.0f + (float)(k % 5), 0};
    pts[0] = (cd_point3){100, 200, 0};
    pts[9] = (cd_point3){150, 200, 0};
    r = cd_hand_roi_from_landmarks(pts);
    assert_float_equal(r.angle, 90 * DEG, 1e-4);
    for (int k = 0; k < CD_HAND_POINTS; k++) {
        cd_roi_from_frame(&r, 224, pts[k].x, pts[k].y, &x, &y);
        assert_true(x >= 0 && x <= 224 && y >= 0 && y <= 224);
    }
}

static void test_face_touch_and_mouth(void **state)
{
    (void)state;
    cd_hand h;
    memset(&h, 0, sizeof h);
    h.score = 0.9f;
    for (int k = 0; k < CD_HAND_POINTS; k++)
        h.pts[k] = (cd_point3){50.0f + (float)k, 50, 0}; /* far from the face */
    float face[4] = {200, 100, 300, 220};
    assert_int_equal(cd_hand_points_on_face(&h, face), 0);
    for (int k = 0; k < 5; k++)
        h.pts[k] = (cd_point3){210.0f + 10 * (float)k, 200, 0}; /* five on the chin */
    assert_int_equal(cd_hand_points_on_face(&h, face), 5);
    h.pts[5] = (cd_point3){195, 150, 0}; /* within the 10 % margin */
    assert_int_equal(cd_hand_points_on_face(&h, face), 6);
    h.score = 0.2f; /* not a hand */
    assert_int_equal(cd_hand_points_on_face(&h, face), 0);

    cd_point3 mesh[468];
    memset(mesh, 0, sizeof mesh);
    mesh[61] = (cd_point3){100, 100, 0};
    mesh[291] = (cd_point3){150, 100, 0};
    mesh[13] = (cd_point3){125, 95, 0};
    mesh[14] = (cd_point3){125, 105, 0};
    assert_float_equal(cd_mouth_opening(mesh), 0.2f, 1e-5);
}

static int touching(const cd_vision_sample *s)
{
    return s->touching_face;
}

static void test_summary_face_touch_posture_gestures(void **state)
{
    (void)state;
    /* 40 s at 5 fps with a body throughout: a 0.4 s touch (ignored), a
     * 1.2 s touch at 10 s; slouching from 20 s on; talking 0-20 s with the
     * hands moving during 5-10 s */
    enum { N = 200 };
    static cd_vision_sample s[N];
    memset(s, 0, sizeof s);
    for (int i = 0; i < N; i++) {
        cd_vision_sample *m = &s[i];
        m->t = i * 0.2;
        m->face = m->faces = 1;
        m->persons = m->phone = -1;
        m->expression = -1;
        m->identity_distance = m->real_score = m->live_score = -1;
        m->body = m->posture = m->pose_ran = 1;
        m->shoulder_width = 0.4f;
        m->neck_rel = 1;
        m->hands_visible = 1;
        m->touching_face = (i >= 15 && i < 17) || (i >= 50 && i < 56);
        m->slouching = m->t >= 20 - 1e-9;
        m->talking = m->t < 20 - 1e-9;
        m->gesturing = m->t >= 5 - 1e-9 && m->t < 10 - 1e-9;
        m->hand_motion = m->gesturing ? 0.6f : 0;
        /* jitter around the tilt threshold: half the frames, never 2 s on end */
        m->shoulders_tilted = i % 2;
    }
    double r[4][2];
    assert_int_equal(cd_vision_ranges(s, N, touching, 0.5, r, 4), 1);
    assert_float_equal(r[0][0], 10.0, 1e-9);
    assert_float_equal(r[0][1], 11.2, 1e-9);
    json_t *sum = cd_vision_summarize(s, N, NULL);
    json_t *hands = json_object_get(sum, "hands");
    assert_non_null(hands);
    assert_int_equal(json_integer_value(json_object_get(hands, "face_touches")), 1);
    assert_float_equal(json_real_value(json_object_get(hands, "face_touching_s")), 1.2, 1e-6);
    assert_float_equal(json_real_value(json_object_get(hands, "gesturing_while_talking")), 0.25,
                       1e-3);
    json_t *posture = json_object_get(sum, "posture");
    assert_float_equal(json_real_value(json_object_get(posture, "shoulders_tilted")), 0.5, 1e-3);
    assert_float_equal(json_real_value(json_object_get(posture, "slouching")), 0.5, 1e-3);
    /* findings: face touching and slouching with their evidence */
    json_t *findings = json_object_get(sum, "findings");
    int seen = 0;
    for (size_t i = 0; i < json_array_size(findings); i++) {
        json_t *f = json_array_get(findings, i);
        const char *id = json_string_value(json_object_get(f, "id"));
        json_t *ev = json_object_get(f, "evidence");
        if (strcmp(id, "face_touching") == 0) {
            assert_int_equal(json_array_size(ev), 1);
            seen |= 1;
        } else if (strcmp(id, "slouching") == 0) {
            assert_float_equal(json_real_value(json_array_get(json_array_get(ev, 0), 0)), 20.0,
                               1e-6);
            seen |= 2;
        } else if (strcmp(id, "gesturing") == 0) {
            seen |= 4;
        } else if (strcmp(id, "shoulders_tilted") == 0) {
            seen |= 8; /* scattered frames are no finding */
        }
    }
    assert_int_equal(seen, 7);
    json_decref(sum);
    /* the timeline JSON carries the body fields */
    json_t *o = cd_vision_sample_json(&s[52]);
    assert_true(json_is_true(json_object_get(json_object_get(o, "hands"), "touching_face")));
    assert_non_null(json_object_get(o, "posture"));
    json_decref(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pose_anchor_layout),
        cmocka_unit_test(test_pose_detect_decode_best_row),
        cmocka_unit_test(test_pose_roi_from_alignment),
        cmocka_unit_test(test_pose_roi_from_face),
        cmocka_unit_test(test_posture_tilt_width_centre_lean),
        cmocka_unit_test(test_slouch_against_baseline),
        cmocka_unit_test(test_posture_smoothing),
        cmocka_unit_test(test_hand_rois),
        cmocka_unit_test(test_face_touch_and_mouth),
        cmocka_unit_test(test_summary_face_touch_posture_gestures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
