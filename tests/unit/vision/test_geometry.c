/* Unit tests for src/vision geometry: ROI crops and their inverse, BlazeFace
 * anchors/decoding/weighted NMS, head pose, eye aspect ratio, gaze, quality
 * measures, evidence ranges and the summary. All on synthetic inputs with
 * known answers, so they need no model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "vision/face_detect.h"
#include "vision/face_metrics.h"
#include "vision/objects.h"
#include "vision/quality.h"
#include "vision/roi.h"
#include "vision/vision.h"

static void test_roi_round_trip_with_rotation_and_mirror(void **state)
{
    (void)state;
    cd_roi roi = {120.f, 80.f, 60.f, 60.f, 0.4f};
    for (int mirror = 0; mirror < 2; mirror++) {
        if (mirror)
            roi.w = -roi.w;
        float x, y;
        cd_roi_from_frame(&roi, 64, 130.f, 95.f, &x, &y);
        cd_point3 p = cd_roi_to_frame(&roi, 64, x, y, 0);
        assert_float_equal(p.x, 130.f, 1e-3);
        assert_float_equal(p.y, 95.f, 1e-3);
    }
    /* the crop centre is the ROI centre */
    cd_point3 c = cd_roi_to_frame(&roi, 64, 32, 32, 0);
    assert_float_equal(c.x, 120.f, 1e-4);
    assert_float_equal(c.y, 80.f, 1e-4);
}

static void test_roi_crop_samples_the_right_place(void **state)
{
    (void)state;
    /* left half black, right half white; a crop rotated by 180 degrees
     * must see white on its left */
    cd_rgb_image img;
    assert_int_equal(cd_rgb_image_alloc(&img, 100, 50, NULL), 0);
    for (int y = 0; y < 50; y++)
        for (int x = 50; x < 100; x++)
            memset(img.pixels + y * img.stride + 3 * x, 255, 3);
    float out[16 * 16 * 3];
    cd_roi upright = {50, 25, 40, 40, 0};
    cd_roi_crop(&img, &upright, 16, (cd_crop_norm){1.0f / 255, 0, 0}, out);
    assert_float_equal(out[(8 * 16 + 2) * 3], 0.0f, 1e-3);
    assert_float_equal(out[(8 * 16 + 13) * 3], 1.0f, 1e-3);
    cd_roi turned = {50, 25, 40, 40, (float)M_PI};
    cd_roi_crop(&img, &turned, 16, (cd_crop_norm){1.0f / 255, 0, 0}, out);
    assert_float_equal(out[(8 * 16 + 2) * 3], 1.0f, 1e-3);
    assert_float_equal(out[(8 * 16 + 13) * 3], 0.0f, 1e-3);
    /* outside the frame: the offset value (zero padding) */
    cd_roi away = {500, 500, 10, 10, 0};
    cd_roi_crop(&img, &away, 16, (cd_crop_norm){1.0f / 127.5f, -1.0f, 0}, out);
    assert_float_equal(out[0], -1.0f, 1e-6);
    cd_rgb_image_free(&img);
}

/* The fast crop (eight pixels at a time where all their taps are inside the
 * frame) must give the plain per-pixel crop's values, wherever the ROI lies:
 * inside, across a border, mirrored, rotated, grayscale or colour, odd sizes. */
static void test_roi_crop_fast_matches_reference(void **state)
{
    (void)state;
    cd_rgb_image img;
    assert_int_equal(cd_rgb_image_alloc(&img, 97, 61, NULL), 0);
    uint32_t seed = 12345;
    for (int y = 0; y < img.height; y++)
        for (int x = 0; x < 3 * img.width; x++) {
            seed = seed * 1664525u + 1013904223u;
            img.pixels[(size_t)y * img.stride + x] = (unsigned char)(seed >> 24);
        }
    enum { SIZE = 37 };
    float fast[SIZE * SIZE * 3], ref[SIZE * SIZE * 3];
    int compared_inside = 0;
    for (int k = 0; k < 200; k++) {
        seed = seed * 1664525u + 1013904223u;
        float r0 = (float)(seed >> 8) / 16777216.0f;
        seed = seed * 1664525u + 1013904223u;
        float r1 = (float)(seed >> 8) / 16777216.0f;
        seed = seed * 1664525u + 1013904223u;
        float r2 = (float)(seed >> 8) / 16777216.0f;
        cd_roi roi = {-20 + 140 * r0, -15 + 90 * r1, 8 + 70 * r2, 8 + 70 * r2,
                      6.2831853f * r1 - 3.14159f};
        if (k % 3 == 0)
            roi.w = -roi.w;
        cd_crop_norm norm = {1.0f / 127.5f, -1.0f, k % 2};
        int n = SIZE * SIZE * (norm.grayscale ? 1 : 3);
        cd_roi_crop(&img, &roi, SIZE, norm, fast);
        cd_roi_crop_reference(&img, &roi, SIZE, norm, ref);
        for (int i = 0; i < n; i++) {
            assert_true(fabsf(fast[i] - ref[i]) < 1e-4f);
            compared_inside += ref[i] != norm.offset;
        }
    }
    assert_true(compared_inside > 10000); /* most samples were real pixels */
    cd_rgb_image_free(&img);
}

static void test_blazeface_anchor_layout(void **state)
{
    (void)state;
    float a[2 * 1024];
    int n = cd_blazeface_anchors(256, a, 1024);
    assert_int_equal(n, 896);                    /* 16x16x2 + 8x8x6 */
    assert_float_equal(a[0], 8.0f, 1e-6);        /* first cell centre, stride 16 */
    assert_float_equal(a[2], 8.0f, 1e-6);        /* its second anchor */
    assert_float_equal(a[2 * 512], 16.0f, 1e-6); /* first of the stride-32 grid */
    assert_float_equal(a[2 * 895 + 1], 240.0f, 1e-6);
    assert_int_equal(cd_blazeface_anchors(256, a, 100), -1);
}

static void test_blazeface_decode_and_weighted_nms(void **state)
{
    (void)state;
    float anchors[2 * 896];
    int n = cd_blazeface_anchors(256, anchors, 896);
    static float raw[896 * CD_BLAZEFACE_VALUES];
    for (int i = 0; i < n; i++)
        raw[i * CD_BLAZEFACE_VALUES] = -10.f; /* background */
    /* two overlapping candidates of one face near (128,128), one far face */
    int ids[3] = {2 * (7 * 16 + 7), 2 * (7 * 16 + 7) + 1, 512 + 6 * (1 * 8 + 6)};
    float logits[3] = {3.0f, 1.0f, 2.0f};
    float shift[3] = {4.0f, -4.0f, 0.0f};
    for (int k = 0; k < 3; k++) {
        float *r = raw + ids[k] * CD_BLAZEFACE_VALUES;
        r[0] = logits[k];
        r[1] = shift[k];
        r[2] = 0;
        r[3] = 64;
        r[4] = 64;
        r[5] = -10; /* right eye keypoint, relative to the anchor */
        r[6] = -8;
        r[7] = 10;
        r[8] = -8;
    }
    cd_face_detection d[16];
    int m = cd_blazeface_decode(raw, anchors, n, 256, 0.5f, d, 16);
    assert_int_equal(m, 3);
    assert_true(d[0].score > d[1].score && d[1].score > d[2].score);
    m = cd_weighted_nms(d, m, 0.3f);
    assert_int_equal(m, 2);
    /* the merged box is the score-weighted mean: pulled toward the stronger
     * (+4 px) candidate */
    float s1 = 1.f / (1.f + expf(-3.f)), s2 = 1.f / (1.f + expf(-1.f));
    float cx = (s1 * (120.f + 4) + s2 * (120.f - 4)) / (s1 + s2) / 256.f;
    assert_float_equal((d[0].x0 + d[0].x1) * 0.5f, cx, 1e-4);
    assert_float_equal(d[0].x1 - d[0].x0, 64.f / 256.f, 1e-5);
    assert_float_equal(d[0].kp[1][0] - d[0].kp[0][0], 20.f / 256.f, 1e-5);
    assert_float_equal(d[0].score, s1, 1e-6);
    /* min_score filters */
    assert_int_equal(cd_blazeface_decode(raw, anchors, n, 256, 0.99f, d, 16), 0);
}

/* A synthetic face: a few landmarks of a canonical head (cm, x right, y
 * down, z away from the camera), rotated by yaw/pitch/roll and projected
 * orthographically at 10 px/cm around (300, 200). */
typedef struct lm {
    int id;
    float x, y, z;
} lm;
static const lm canon[] = {
    {CD_LM_R_EYE_OUTER, -4.5f, -1.5f, 1.0f}, {CD_LM_R_EYE_INNER, -1.5f, -1.5f, 0.5f},
    {CD_LM_L_EYE_INNER, 1.5f, -1.5f, 0.5f},  {CD_LM_L_EYE_OUTER, 4.5f, -1.5f, 1.0f},
    {CD_LM_R_CHEEK, -7.0f, 0.5f, 4.0f},      {CD_LM_L_CHEEK, 7.0f, 0.5f, 4.0f},
    {CD_LM_FOREHEAD, 0.0f, -8.0f, 1.0f},     {CD_LM_CHIN, 0.0f, 9.0f, 1.0f},
    {CD_LM_NOSE_TIP, 0.0f, 2.0f, -2.5f},     {CD_LM_MOUTH_R, -2.5f, 5.0f, 0.5f},
    {CD_LM_MOUTH_L, 2.5f, 5.0f, 0.5f},
};

static void make_face(cd_face *f, float yaw, float pitch, float roll)
{
    memset(f, 0, sizeof *f);
    float y = yaw * (float)M_PI / 180, p = pitch * (float)M_PI / 180, r = roll * (float)M_PI / 180;
    for (size_t i = 0; i < sizeof canon / sizeof canon[0]; i++) {
        float x0 = canon[i].x, y0 = canon[i].y, z0 = canon[i].z;
        /* roll first, about the face's own forward axis (clockwise in the
         * image with y down), then pitch, then yaw: intrinsic yaw-pitch-roll */
        float xr = x0 * cosf(r) - y0 * sinf(r), yr = x0 * sinf(r) + y0 * cosf(r);
        /* pitch (about x): looking up brings the chin forward (z smaller) */
        float y1 = yr * cosf(p) + z0 * sinf(p), z1 = -yr * sinf(p) + z0 * cosf(p);
        /* yaw (about y): turning toward +x moves the nose to +x */
        float x2 = xr * cosf(y) - z1 * sinf(y), z2 = xr * sinf(y) + z1 * cosf(y);
        f->mesh[canon[i].id] = (cd_point3){300 + 10 * x2, 200 + 10 * y1, 10 * z2};
    }
}

static void test_head_pose_recovers_known_angles(void **state)
{
    (void)state;
    const float cases[][3] = {{0, 0, 0},   {25, 0, 0}, {-30, 0, 0}, {0, 20, 0},
                              {0, -15, 0}, {0, 0, 15}, {20, -10, 8}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cd_face f;
        make_face(&f, cases[i][0], cases[i][1], cases[i][2]);
        cd_head_pose pose = cd_head_pose_from_mesh(f.mesh);
        assert_float_equal(pose.yaw, cases[i][0], 2.0);
        assert_float_equal(pose.pitch, cases[i][1], 2.0);
        assert_float_equal(pose.roll, cases[i][2], 2.0);
    }
}

static void set_eye(cd_face *f, int eye, float open)
{
    static const int idx[2][6] = {{33, 160, 158, 133, 153, 144}, {362, 385, 387, 263, 373, 380}};
    float x0 = eye ? 330 : 250;
    const int *k = idx[eye];
    f->mesh[k[0]] = (cd_point3){x0, 100, 0};
    f->mesh[k[3]] = (cd_point3){x0 + 40, 100, 0};
    f->mesh[k[1]] = (cd_point3){x0 + 13, 100 - open, 0};
    f->mesh[k[2]] = (cd_point3){x0 + 27, 100 - open, 0};
    f->mesh[k[5]] = (cd_point3){x0 + 13, 100 + open, 0};
    f->mesh[k[4]] = (cd_point3){x0 + 27, 100 + open, 0};
}

static void test_eye_aspect_ratio_open_and_closed(void **state)
{
    (void)state;
    cd_face f;
    memset(&f, 0, sizeof f);
    set_eye(&f, 0, 6);
    set_eye(&f, 1, 1);
    assert_float_equal(cd_eye_aspect_ratio(f.mesh, 0), 12.f / 40.f, 1e-5);
    assert_float_equal(cd_eye_aspect_ratio(f.mesh, 1), 2.f / 40.f, 1e-5);
}

static void test_gaze_follows_iris(void **state)
{
    (void)state;
    cd_face f;
    make_face(&f, 0, 0, 0);
    f.has_iris = 1;
    cd_head_pose pose = cd_head_pose_from_mesh(f.mesh);
    for (int eye = 0; eye < 2; eye++) {
        cd_point3 a = f.mesh[eye ? CD_LM_L_EYE_INNER : CD_LM_R_EYE_OUTER];
        cd_point3 b = f.mesh[eye ? CD_LM_L_EYE_OUTER : CD_LM_R_EYE_INNER];
        f.iris[eye][0] = (cd_point3){(a.x + b.x) / 2, (a.y + b.y) / 2, 0};
    }
    cd_gaze g = cd_gaze_estimate(&f, pose);
    assert_float_equal(g.yaw, 0, 1.0);
    assert_float_equal(g.pitch, 0, 1.0);
    /* irises shifted toward the image right by 10% of the eye span, and up */
    for (int eye = 0; eye < 2; eye++) {
        f.iris[eye][0].x += 3.0f;
        f.iris[eye][0].y -= 1.5f;
    }
    g = cd_gaze_estimate(&f, pose);
    assert_true(g.yaw > 10 && g.yaw < 20); /* asin(0.25) = 14.5 deg */
    assert_true(g.pitch > 3);
    /* head turned the other way, eyes compensating: looks at the camera */
    cd_face turned;
    make_face(&turned, -14.5f, 0, 0);
    cd_head_pose tp = cd_head_pose_from_mesh(turned.mesh);
    assert_float_equal(tp.yaw + g.eye_yaw, 0, 2.5);
}

static void test_quality_flags_dark_and_blur(void **state)
{
    (void)state;
    cd_rgb_image img;
    assert_int_equal(cd_rgb_image_alloc(&img, 160, 120, NULL), 0);
    /* flat dark frame: dark and blurred */
    memset(img.pixels, 20, (size_t)img.stride * img.height);
    cd_frame_quality q = cd_frame_quality_measure(&img, NULL, NULL);
    assert_true(q.too_dark);
    assert_true(q.blurred);
    /* bright checkerboard: neither */
    for (int y = 0; y < 120; y++)
        for (int x = 0; x < 160; x++)
            memset(img.pixels + y * img.stride + 3 * x, ((x / 2 + y / 2) & 1) ? 250 : 90, 3);
    q = cd_frame_quality_measure(&img, NULL, NULL);
    assert_false(q.too_dark);
    assert_false(q.blurred);
    /* a face box half outside the frame is cut off; a tiny one too small */
    float box[4] = {120, 10, 200, 100};
    cd_roi roi = {160, 55, 135, 135, 0};
    q = cd_frame_quality_measure(&img, box, &roi);
    assert_true(q.face_cut_off);
    float small[4] = {70, 50, 78, 58};
    cd_roi sroi = {74, 54, 12, 12, 0};
    q = cd_frame_quality_measure(&img, small, &sroi);
    assert_true(q.face_too_small);
    assert_false(q.face_cut_off);
    cd_rgb_image_free(&img);
}

static int away(const cd_vision_sample *s)
{
    return s->face && !s->eye_contact;
}

static void test_ranges_and_summary_evidence(void **state)
{
    (void)state;
    /* 20 s at 5 fps: face throughout, looking away from 4 to 10 s, no face
     * from 15 to 17 s, two blinks */
    cd_vision_sample s[100];
    memset(s, 0, sizeof s);
    for (int i = 0; i < 100; i++) {
        s[i].t = i * 0.2;
        s[i].face = !(s[i].t >= 15 - 1e-9 && s[i].t < 17 - 1e-9);
        s[i].faces = s[i].face;
        s[i].persons = s[i].phone = -1;
        s[i].has_gaze = s[i].face;
        s[i].eye_contact = !(s[i].t >= 4 - 1e-9 && s[i].t < 10 - 1e-9);
        s[i].expression = -1;
        s[i].identity_distance = s[i].real_score = s[i].live_score = -1;
    }
    s[30].blink = s[60].blink = 1;
    double r[8][2];
    int k = cd_vision_ranges(s, 100, away, 1.0, r, 8);
    assert_int_equal(k, 1);
    assert_float_equal(r[0][0], 4.0, 1e-9);
    assert_float_equal(r[0][1], 10.0, 1e-9);
    /* a minimum duration longer than the range drops it */
    assert_int_equal(cd_vision_ranges(s, 100, away, 7.0, r, 8), 0);

    json_t *sum = cd_vision_summarize(s, 100, NULL);
    assert_non_null(sum);
    assert_float_equal(json_real_value(json_object_get(sum, "face_present")), 0.9, 1e-3);
    /* eye contact over 18 s with a face, 6 s away */
    assert_float_equal(json_real_value(json_object_get(sum, "eye_contact")), 12.0 / 18.0, 2e-3);
    assert_int_equal(json_integer_value(json_object_get(sum, "blinks")), 2);
    json_t *proc = json_object_get(sum, "proctoring");
    json_t *noface = json_object_get(proc, "no_face");
    assert_int_equal(json_array_size(noface), 1);
    assert_float_equal(json_real_value(json_array_get(json_array_get(noface, 0), 0)), 15.0, 1e-6);
    json_t *look = json_object_get(proc, "looking_away");
    assert_int_equal(json_array_size(look), 1); /* 6 s > the 3 s default */
    json_decref(sum);
}

static void test_objects_decode_keeps_phone_and_person(void **state)
{
    (void)state;
    float rows[4 * 6] = {
        100, 100, 300, 400, 0.9f, 0,  /* person */
        102, 101, 298, 401, 0.8f, 0,  /* duplicate person */
        50,  60,  80,  120, 0.6f, 67, /* cell phone */
        10,  10,  20,  20,  0.9f, 2,  /* a car: not our business */
    };
    cd_object o[8];
    int n = cd_objects_decode(rows, 4, 1024, 512, 0.35f, o, 8);
    assert_int_equal(n, 2);
    assert_int_equal(o[0].cls, CD_OBJECT_PERSON);
    assert_float_equal(o[0].x1, 600.f, 1e-3); /* scaled x2 horizontally */
    assert_float_equal(o[0].y1, 400.f, 1e-3);
    assert_int_equal(o[1].cls, CD_OBJECT_CELL_PHONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roi_round_trip_with_rotation_and_mirror),
        cmocka_unit_test(test_roi_crop_samples_the_right_place),
        cmocka_unit_test(test_roi_crop_fast_matches_reference),
        cmocka_unit_test(test_blazeface_anchor_layout),
        cmocka_unit_test(test_blazeface_decode_and_weighted_nms),
        cmocka_unit_test(test_head_pose_recovers_known_angles),
        cmocka_unit_test(test_eye_aspect_ratio_open_and_closed),
        cmocka_unit_test(test_gaze_follows_iris),
        cmocka_unit_test(test_quality_flags_dark_and_blur),
        cmocka_unit_test(test_ranges_and_summary_evidence),
        cmocka_unit_test(test_objects_decode_keeps_phone_and_person),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
