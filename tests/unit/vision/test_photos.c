/* src/vision on real photos with the real models (each test skips when its
 * models or photos are missing): the labelled LFW subset (faces found in
 * faces, not in non-faces), the face-api demo group photos (every person's
 * face, distinct), CenterNet's person in the astronaut photo and the phone
 * lying on the sofa in sample2, identity embeddings (the same face after
 * mirroring and rescaling is closer than any two different people, with
 * the session's threshold between), and liveness of real faces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "media/video_decode.h"
#include "vision/face_detect.h"
#include "vision/vision.h"

#define ASTRONAUT "/usr/lib/python3/dist-packages/skimage/data/astronaut.png"
#define PHOTOS CANDOR_FIXTURE_DIR "/faceapi/node_modules/@vladmandic/face-api/demo"
#define MAX_TEST_FACES 16

static cd_vision_models all;   /* everything that loaded */
static cd_vision_models faces; /* the same, less all but the face detector and mesh */
static int have_models;

static int setup(void **state)
{
    (void)state;
    cd_err err = {0};
    unsigned want = CD_VM_BIT(CD_VM_OBJECTS) | CD_VM_BIT(CD_VM_FACERES) | CD_VM_BIT(CD_VM_LIVENESS);
    have_models = cd_vision_models_load(&all, NULL, want, &err) == 0;
    if (!have_models) {
        fprintf(stderr, "vision photo tests skipped: %s\n", err.msg);
        return 0;
    }
    /* sessions borrow models: one that runs only detection and mesh */
    faces = all;
    for (int id = 0; id < CD_VM_COUNT; id++)
        if (id != CD_VM_FACE_DETECT && id != CD_VM_FACE_MESH)
            faces.m[id] = NULL;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (have_models)
        cd_vision_models_free(&all);
    return 0;
}

static int load(const char *path, cd_rgb_image *img)
{
    cd_err err = {0};
    if (access(path, R_OK) != 0)
        return 0;
    if (cd_image_load_file(path, img, &err))
        fail_msg("%s: %s", path, err.msg);
    return 1;
}

/* Faces of a still picture (detector + mesh), copied into out. */
static int find_faces(const cd_rgb_image *img, cd_face *out, int max)
{
    cd_err err = {0};
    cd_vision_config cfg;
    cd_vision_config_default(&cfg);
    cfg.still = 1;
    cd_vision_session *s = cd_vision_session_new(&faces, &cfg, &err);
    assert_non_null(s);
    const cd_face *f;
    int n;
    assert_int_equal(cd_vision_process(s, img, 0, NULL, &f, &n, &err), 0);
    n = n < max ? n : max;
    memcpy(out, f, sizeof *out * (size_t)n);
    cd_vision_session_free(s);
    return n;
}

static void test_lfw_faces_and_non_faces(void **state)
{
    (void)state;
    const char *clip = CANDOR_FIXTURE_DIR "/lfw.mkv";
    if (!have_models || access(clip, R_OK) != 0)
        skip();
    cd_err err = {0};
    cd_video_reader *r = cd_video_open_file(clip, NULL, &err);
    assert_non_null(r);
    cd_rgb_image frame = {0};
    cd_face found[1];
    double t;
    int seen[2] = {0, 0}, total[2] = {0, 0};
    /* one frame a second: every 2nd picture, 50 faces then 50 non-faces */
    while (cd_video_read(r, 2.0, &frame, &t, &err) == 1) {
        int face = t < 99.5;
        total[!face]++;
        seen[!face] += find_faces(&frame, found, 1) > 0;
    }
    assert_int_equal(total[0], 50);
    assert_int_equal(total[1], 50);
    assert_true(seen[0] >= 47); /* 99 of all 100 when measured */
    assert_true(seen[1] <= 2);  /* 0 of 100 when measured */
    cd_rgb_image_free(&frame);
    cd_video_close(r);
}

static void test_group_photos_every_face_once(void **state)
{
    (void)state;
    /* people with their face toward the camera in each demo photo (the
     * session tracks at most CD_VISION_MAX_FACES = 4) */
    static const struct {
        const char *file;
        int people;
    } photos[] = {{"sample1.jpg", 3}, {"sample3.jpg", 3}, {"sample4.jpg", 4}, {"sample6.jpg", 4}};
    if (!have_models)
        skip();
    for (size_t p = 0; p < sizeof photos / sizeof photos[0]; p++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", PHOTOS, photos[p].file);
        cd_rgb_image img = {0};
        if (!load(path, &img))
            skip();
        cd_face f[CD_VISION_MAX_FACES];
        int n = find_faces(&img, f, CD_VISION_MAX_FACES);
        if (n != photos[p].people)
            fail_msg("%s: %d faces, expected %d", photos[p].file, n, photos[p].people);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) {
                cd_face_detection a = {f[i].x0, f[i].y0, f[i].x1, f[i].y1, 0, {{0}}};
                cd_face_detection b = {f[j].x0, f[j].y0, f[j].x1, f[j].y1, 0, {{0}}};
                assert_true(cd_box_iou(&a, &b) < 0.1f); /* no face twice */
            }
        cd_rgb_image_free(&img);
    }
}

static void test_hands_where_the_pose_puts_wrists(void **state)
{
    (void)state;
    if (!have_models || !all.m[CD_VM_POSE] || !all.m[CD_VM_HAND])
        skip();
    cd_rgb_image img = {0};
    if (!load(PHOTOS "/sample2.jpg", &img))
        skip();
    cd_vision_models body = faces;
    body.m[CD_VM_POSE_DETECT] = all.m[CD_VM_POSE_DETECT];
    body.m[CD_VM_POSE] = all.m[CD_VM_POSE];
    body.m[CD_VM_HAND] = all.m[CD_VM_HAND];
    cd_err err = {0};
    cd_vision_config cfg;
    cd_vision_config_default(&cfg);
    cfg.still = 1;
    cd_vision_session *s = cd_vision_session_new(&body, &cfg, &err);
    assert_non_null(s);
    cd_vision_sample smp;
    assert_int_equal(cd_vision_process(s, &img, 0, &smp, NULL, NULL, &err), 0);
    /* the woman on the right: one hand behind her head, one in her lap */
    const cd_body *b = cd_vision_last_body(s);
    assert_non_null(b);
    const cd_hand *h;
    int n = cd_vision_last_hands(s, &h);
    assert_int_equal(n, smp.hands_visible);
    assert_true(n >= 1);
    for (int i = 0; i < n; i++) {
        /* each hand's wrist landmark is near the pose's wrist on that side */
        const cd_point3 *w = &b->kp[h[i].side ? CD_KP_R_WRIST : CD_KP_L_WRIST];
        assert_true(h[i].score >= 0.5f);
        assert_true(hypotf(h[i].pts[0].x - w->x, h[i].pts[0].y - w->y) < 0.05f * (float)img.width);
    }
    assert_false(smp.touching_face);
    cd_vision_session_free(s);
    cd_rgb_image_free(&img);
}

static int objects_in(const char *path, cd_object *objs)
{
    cd_rgb_image img = {0};
    if (!load(path, &img))
        return -1;
    cd_err err = {0};
    cd_model_runner run = {all.m[CD_VM_OBJECTS], cd_nn_session_new(all.m[CD_VM_OBJECTS], &err)};
    assert_non_null(run.session);
    int n = cd_objects_detect(&run, &img, 0.35f, objs, CD_OBJECTS_MAX, &err);
    assert_true(n >= 0);
    cd_nn_session_free(run.session);
    cd_rgb_image_free(&img);
    return n;
}

static void test_person_and_phone(void **state)
{
    (void)state;
    if (!have_models || !all.m[CD_VM_OBJECTS])
        skip();
    cd_object o[CD_OBJECTS_MAX];
    int n = objects_in(ASTRONAUT, o);
    if (n < 0)
        skip();
    int persons = 0, phones = 0;
    for (int i = 0; i < n; i++) {
        persons += o[i].cls == CD_OBJECT_PERSON;
        phones += o[i].cls == CD_OBJECT_CELL_PHONE;
        /* the person's box holds her face (x 180..275, y 70..175) */
        if (o[i].cls == CD_OBJECT_PERSON)
            assert_true(o[i].x0 < 180 && o[i].x1 > 275 && o[i].y0 < 70 && o[i].y1 > 175);
    }
    assert_int_equal(persons, 1);
    assert_int_equal(phones, 0);
    /* sample2: a phone lies on the sofa at the bottom left */
    n = objects_in(PHOTOS "/sample2.jpg", o);
    if (n < 0)
        skip();
    phones = 0;
    for (int i = 0; i < n; i++)
        if (o[i].cls == CD_OBJECT_CELL_PHONE) {
            phones++;
            assert_true(o[i].x1 < 1920 * 0.25f && o[i].y0 > 1367 * 0.8f);
        }
    assert_int_equal(phones, 1);
}

/* The picture mirrored left-right and shrunk to 3/4 (nearest pixel): the
 * same people at another size, turned the other way. */
static void mirror_shrink(const cd_rgb_image *src, cd_rgb_image *dst)
{
    cd_err err = {0};
    int w = src->width * 3 / 4, h = src->height * 3 / 4;
    assert_int_equal(cd_rgb_image_alloc(dst, w, h, &err), 0);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            const unsigned char *p = src->pixels + (size_t)(y * 4 / 3) * src->stride +
                                     3 * (size_t)(src->width - 1 - x * 4 / 3);
            memcpy(dst->pixels + (size_t)y * dst->stride + 3 * (size_t)x, p, 3);
        }
}

static double distance(const float *a, const float *b)
{
    double d = 0;
    for (int k = 0; k < CD_EMBEDDING_DIM; k++)
        d += (double)a[k] * b[k];
    return 1 - d;
}

static void test_identity_same_face_closer_than_strangers(void **state)
{
    (void)state;
    if (!have_models || !all.m[CD_VM_FACERES])
        skip();
    const char *files[] = {PHOTOS "/sample1.jpg", PHOTOS "/sample4.jpg"};
    static float emb[MAX_TEST_FACES][CD_EMBEDDING_DIM], again[MAX_TEST_FACES][CD_EMBEDDING_DIM];
    int n = 0;
    cd_err err = {0};
    cd_model_runner run = {all.m[CD_VM_FACERES], cd_nn_session_new(all.m[CD_VM_FACERES], &err)};
    cd_model_runner live = {all.m[CD_VM_LIVENESS],
                            all.m[CD_VM_LIVENESS] ? cd_nn_session_new(all.m[CD_VM_LIVENESS], &err)
                                                  : NULL};
    for (int p = 0; p < 2; p++) {
        cd_rgb_image img = {0}, other = {0};
        if (!load(files[p], &img))
            skip();
        cd_face f[CD_VISION_MAX_FACES], g[CD_VISION_MAX_FACES];
        int nf = find_faces(&img, f, CD_VISION_MAX_FACES);
        mirror_shrink(&img, &other);
        int ng = find_faces(&other, g, CD_VISION_MAX_FACES);
        assert_int_equal(nf, ng);
        for (int i = 0; i < nf; i++) {
            assert_int_equal(cd_face_embed(&run, &img, &f[i], emb[n + i], &err), 0);
            if (live.session) {
                float score;
                assert_int_equal(cd_face_live_score(&live, &img, &f[i], &score, &err), 0);
                assert_true(score > 0.5f); /* real faces read as live */
            }
            /* the same face in the other picture: mirrored, 3/4 size */
            float cx = (float)img.width - (f[i].x0 + f[i].x1) * 0.5f,
                  cy = (f[i].y0 + f[i].y1) * 0.5f;
            int best = -1;
            float bd = INFINITY;
            for (int j = 0; j < ng; j++) {
                float d = hypotf((g[j].x0 + g[j].x1) * 0.5f * 4 / 3 - cx,
                                 (g[j].y0 + g[j].y1) * 0.5f * 4 / 3 - cy);
                if (d < bd) {
                    bd = d;
                    best = j;
                }
            }
            assert_true(best >= 0 && bd < (f[i].x1 - f[i].x0) * 0.5f);
            assert_int_equal(cd_face_embed(&run, &other, &g[best], again[n + i], &err), 0);
        }
        n += nf;
        cd_rgb_image_free(&img);
        cd_rgb_image_free(&other);
    }
    assert_int_equal(n, 7);
    cd_vision_config cfg;
    cd_vision_config_default(&cfg);
    for (int i = 0; i < n; i++) {
        double same = distance(emb[i], again[i]);
        assert_true(same < cfg.identity_threshold);
        for (int j = 0; j < n; j++) {
            if (j == i)
                continue;
            double stranger = distance(emb[i], emb[j]);
            if (!(stranger > cfg.identity_threshold && stranger > same))
                fail_msg("faces %d and %d: distance %.3f, same face %.3f", i, j, stranger, same);
        }
    }
    cd_nn_session_free(run.session);
    cd_nn_session_free(live.session);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lfw_faces_and_non_faces),
        cmocka_unit_test(test_group_photos_every_face_once),
        cmocka_unit_test(test_hands_where_the_pose_puts_wrists),
        cmocka_unit_test(test_person_and_phone),
        cmocka_unit_test(test_identity_same_face_closer_than_strangers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
