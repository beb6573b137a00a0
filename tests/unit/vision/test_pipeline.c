/* End-to-end tests of src/vision on real pictures with the real models
 * (skipped when the models are not installed): one smiling face in the
 * skimage astronaut photo, tracking through a zooming clip (the detector
 * runs far less often than the mesh), no face where there is none; the
 * body: pose on the astronaut, tracked through the zoom, and slouching
 * reported when she sinks lower in the picture after the baseline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "media/video_decode.h"
#include "vision/vision.h"

#define ASTRONAUT "/usr/lib/python3/dist-packages/skimage/data/astronaut.png"

static cd_vision_models models;
static int have_models;

static int setup(void **state)
{
    (void)state;
    cd_err err = {0};
    have_models = cd_vision_models_load(&models, NULL, CD_VM_DEFAULT, &err) == 0;
    if (!have_models)
        fprintf(stderr, "vision pipeline tests skipped: %s\n", err.msg);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (have_models)
        cd_vision_models_free(&models);
    return 0;
}

static void test_astronaut_one_smiling_frontal_face(void **state)
{
    (void)state;
    if (!have_models || access(ASTRONAUT, R_OK) != 0)
        skip();
    cd_err err = {0};
    cd_rgb_image img = {0};
    assert_int_equal(cd_image_load_file(ASTRONAUT, &img, &err), 0);
    cd_vision_config cfg;
    cd_vision_config_default(&cfg);
    cfg.still = 1;
    cd_vision_session *s = cd_vision_session_new(&models, &cfg, &err);
    assert_non_null(s);
    cd_vision_sample smp;
    const cd_face *faces;
    int n;
    assert_int_equal(cd_vision_process(s, &img, 0, &smp, &faces, &n, &err), 0);
    assert_int_equal(n, 1);
    /* her face spans about x 180..275, y 70..175 in the 512x512 photo */
    assert_true(faces[0].x0 > 160 && faces[0].x0 < 200);
    assert_true(faces[0].x1 > 255 && faces[0].x1 < 295);
    assert_true(faces[0].y0 > 50 && faces[0].y0 < 100);
    assert_true(faces[0].y1 > 155 && faces[0].y1 < 195);
    /* the iris centres lie between their eye corners */
    assert_true(faces[0].has_iris);
    for (int e = 0; e < 2; e++) {
        float h, v;
        cd_iris_offset(&faces[0], e, &h, &v);
        assert_true(fabsf(h) < 0.25f && fabsf(v) < 0.25f);
    }
    assert_true(fabsf(smp.yaw) < 15 && fabsf(smp.roll) < 15);
    assert_true(smp.ear > 0.2f && !smp.eyes_closed);
    assert_string_equal(cd_emotion_names[smp.expression], "happy");
    assert_true(smp.smiling);
    assert_false(smp.quality.too_dark || smp.quality.blurred || smp.quality.face_cut_off);
    cd_vision_session_free(s);
    cd_rgb_image_free(&img);
}

static void test_astronaut_body_pose_and_posture(void **state)
{
    (void)state;
    if (!have_models || !models.m[CD_VM_POSE] || access(ASTRONAUT, R_OK) != 0)
        skip();
    cd_err err = {0};
    cd_rgb_image img = {0};
    assert_int_equal(cd_image_load_file(ASTRONAUT, &img, &err), 0);
    cd_vision_config cfg;
    cd_vision_config_default(&cfg);
    cfg.still = 1;
    cd_vision_session *s = cd_vision_session_new(&models, &cfg, &err);
    assert_non_null(s);
    cd_vision_sample smp;
    const cd_face *faces;
    int n;
    assert_int_equal(cd_vision_process(s, &img, 0, &smp, &faces, &n, &err), 0);
    assert_true(smp.body && smp.pose_ran);
    const cd_body *b = cd_vision_last_body(s);
    assert_non_null(b);
    /* the pose's nose lies on the mesh's face; her shoulders either side
     * of it and below the chin */
    const cd_point3 *nose = &b->kp[CD_KP_NOSE];
    assert_true(nose->x > faces[0].x0 && nose->x < faces[0].x1);
    assert_true(nose->y > faces[0].y0 && nose->y < faces[0].y1);
    const cd_point3 *left = &b->kp[CD_KP_R_SHOULDER], *right = &b->kp[CD_KP_L_SHOULDER];
    assert_true(left->x < faces[0].x0 && right->x > faces[0].x1);
    assert_true(left->y > faces[0].y1 && right->y > faces[0].y1);
    assert_true(smp.posture);
    /* shoulders about 180 px apart in the 512 px photo, fairly level */
    assert_true(smp.shoulder_width > 0.25f && smp.shoulder_width < 0.5f);
    assert_true(fabsf(smp.shoulder_tilt) < 15);
    assert_false(smp.too_close || smp.too_far);
    assert_false(smp.touching_face);
    /* her hands are out of the picture: none reported (the pose still
     * guesses wrists at the bottom edge; the hand model finds nothing) */
    assert_int_equal(smp.hands_visible, 0);
    cd_vision_session_free(s);
    cd_rgb_image_free(&img);
}

/* Runs a clip at `fps`; returns frames, fills frames with a face and
 * frames where the detector ran. */
static int run_clip(const char *name, double fps, int *with_face, int *detections)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", CANDOR_FIXTURE_DIR, name);
    cd_err err = {0};
    cd_video_reader *r = cd_video_open_file(path, NULL, &err);
    if (!r)
        fail_msg("%s: %s", path, err.msg);
    cd_vision_session *s = cd_vision_session_new(&models, NULL, &err);
    assert_non_null(s);
    cd_rgb_image frame = {0};
    double t;
    int n = 0;
    *with_face = *detections = 0;
    while (cd_video_read(r, 1.0 / fps, &frame, &t, &err) == 1) {
        cd_vision_sample smp;
        assert_int_equal(cd_vision_process(s, &frame, t, &smp, NULL, NULL, &err), 0);
        *with_face += smp.face;
        *detections += smp.detected;
        n++;
    }
    json_t *rep = cd_vision_report_json(s, 1);
    assert_int_equal(json_array_size(json_object_get(rep, "timeline")), (size_t)n);
    json_decref(rep);
    cd_vision_session_free(s);
    cd_video_close(r);
    cd_rgb_image_free(&frame);
    return n;
}

static void test_zoom_clip_tracks_the_face(void **state)
{
    (void)state;
    if (!have_models)
        skip();
    const char *clips[] = {"astronaut_zoom.mp4", "astronaut_zoom.webm"};
    for (int i = 0; i < 2; i++) {
        int with_face, detections;
        int n = run_clip(clips[i], 10, &with_face, &detections);
        assert_true(n >= 28 && n <= 31); /* 3 s at 10 fps */
        assert_int_equal(with_face, n);
        /* tracked: the detector ran about once a second, not every frame */
        assert_true(detections <= 5);
    }
}

static void test_zoom_clip_tracks_the_body(void **state)
{
    (void)state;
    if (!have_models || !models.m[CD_VM_POSE])
        skip();
    char path[512];
    snprintf(path, sizeof path, "%s/astronaut_zoom.mp4", CANDOR_FIXTURE_DIR);
    cd_err err = {0};
    cd_video_reader *r = cd_video_open_file(path, NULL, &err);
    assert_non_null(r);
    cd_vision_session *s = cd_vision_session_new(&models, NULL, &err);
    assert_non_null(s);
    cd_rgb_image frame = {0};
    double t;
    int n = 0, pose_runs = 0, bodies = 0;
    while (cd_video_read(r, 0.1, &frame, &t, &err) == 1) {
        cd_vision_sample smp;
        assert_int_equal(cd_vision_process(s, &frame, t, &smp, NULL, NULL, &err), 0);
        pose_runs += smp.pose_ran;
        bodies += smp.pose_ran && smp.body;
        n++;
    }
    /* the pose runs at 5 Hz of the 10 analysed frames a second, tracked:
     * the detector only found her once */
    assert_true(pose_runs >= n / 2 - 1 && pose_runs <= n / 2 + 1);
    assert_int_equal(bodies, pose_runs);
    const cd_vision_timings *tm = cd_vision_session_timings(s);
    assert_int_equal(tm->calls[CD_STAGE_POSE_DETECT], 1);
    assert_int_equal(tm->calls[CD_STAGE_POSE], pose_runs);
    assert_int_equal(tm->frames, n);
    json_t *rep = cd_vision_report_json(s, 0);
    json_t *sum = json_object_get(rep, "summary");
    assert_float_equal(json_real_value(json_object_get(sum, "body_present")), 1.0, 1e-9);
    assert_non_null(json_object_get(sum, "posture"));
    json_decref(rep);
    cd_vision_session_free(s);
    cd_video_close(r);
    cd_rgb_image_free(&frame);
}

static void test_sinking_in_the_chair_is_slouching(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/sink.mp4", CANDOR_FIXTURE_DIR);
    if (!have_models || !models.m[CD_VM_POSE] || access(path, R_OK) != 0)
        skip();
    cd_err err = {0};
    cd_video_reader *r = cd_video_open_file(path, NULL, &err);
    assert_non_null(r);
    cd_vision_session *s = cd_vision_session_new(&models, NULL, &err);
    assert_non_null(s);
    cd_rgb_image frame = {0};
    double t;
    int late = 0, late_slouch = 0;
    while (cd_video_read(r, 0.25, &frame, &t, &err) == 1) {
        cd_vision_sample smp;
        assert_int_equal(cd_vision_process(s, &frame, t, &smp, NULL, NULL, &err), 0);
        assert_true(smp.posture);
        if (t < 3.4)
            assert_false(smp.slouching); /* the baseline, and still as in it */
        if (t >= 4.5) {
            late++;
            late_slouch += smp.slouching;
        }
    }
    assert_true(late >= 8 && late_slouch >= late - 1);
    json_t *rep = cd_vision_report_json(s, 0);
    json_t *findings = json_object_get(json_object_get(rep, "summary"), "findings");
    int found = 0;
    for (size_t i = 0; i < json_array_size(findings); i++) {
        json_t *f = json_array_get(findings, i);
        if (strcmp(json_string_value(json_object_get(f, "id")), "slouching") != 0)
            continue;
        double start =
            json_real_value(json_array_get(json_array_get(json_object_get(f, "evidence"), 0), 0));
        assert_true(start >= 3.4 && start <= 4.5);
        found = 1;
    }
    assert_true(found);
    json_decref(rep);
    cd_vision_session_free(s);
    cd_video_close(r);
    cd_rgb_image_free(&frame);
}

static void test_no_face_clip(void **state)
{
    (void)state;
    if (!have_models)
        skip();
    int with_face, detections;
    int n = run_clip("noface.mp4", 10, &with_face, &detections);
    assert_true(n >= 9);
    assert_int_equal(with_face, 0);
    assert_int_equal(detections, n); /* nothing tracked: detect every frame */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_astronaut_one_smiling_frontal_face),
        cmocka_unit_test(test_zoom_clip_tracks_the_face),
        cmocka_unit_test(test_astronaut_body_pose_and_posture),
        cmocka_unit_test(test_zoom_clip_tracks_the_body),
        cmocka_unit_test(test_sinking_in_the_chair_is_slouching),
        cmocka_unit_test(test_no_face_clip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
