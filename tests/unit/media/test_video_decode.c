/* Unit tests for src/media video/image decoding and encoding: round trips
 * through our own PNG and MP4 writers (no fixtures needed), frame-rate
 * sampling, and bad input: empty, truncated, wrong format, over limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fs.h"
#include "media/video_decode.h"
#include "media/video_encode.h"

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/candor_media_test_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* A picture with a known pattern: red ramp left to right, a green square. */
static void pattern(cd_rgb_image *img, int w, int h, int shift)
{
    assert_int_equal(cd_rgb_image_alloc(img, w, h, NULL), 0);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned char *p = img->pixels + y * img->stride + 3 * x;
            p[0] = (unsigned char)(x * 255 / (w - 1));
            int in = x >= w / 4 + shift && x < w / 2 + shift && y >= h / 4 && y < h / 2;
            p[1] = in ? 220 : 30;
            p[2] = 60;
        }
}

static void test_png_round_trip_is_exact(void **state)
{
    (void)state;
    cd_rgb_image img, back = {0};
    pattern(&img, 97, 61, 0); /* odd sizes */
    char path[300];
    snprintf(path, sizeof path, "%s/p.png", tmpdir);
    cd_err err = {0};
    assert_int_equal(cd_image_write_png(path, &img, &err), 0);
    assert_int_equal(cd_image_load_file(path, &back, &err), 0);
    assert_int_equal(back.width, 97);
    assert_int_equal(back.height, 61);
    for (int y = 0; y < 61; y++)
        assert_memory_equal(img.pixels + y * img.stride, back.pixels + y * back.stride, 97 * 3);
    cd_rgb_image_free(&img);
    cd_rgb_image_free(&back);
}

static void test_video_round_trip_and_fps_sampling(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/v.mp4", tmpdir);
    cd_err err = {0};
    cd_video_writer *w = cd_video_writer_open(path, 160, 120, 25, &err);
    assert_non_null(w);
    for (int i = 0; i < 50; i++) { /* 2 s at 25 fps, square moving right */
        cd_rgb_image img;
        pattern(&img, 160, 120, i);
        assert_int_equal(cd_video_writer_add(w, &img, i / 25.0, &err), 0);
        cd_rgb_image_free(&img);
    }
    assert_int_equal(cd_video_writer_close(w, &err), 0);

    cd_video_reader *r = cd_video_open_file(path, NULL, &err);
    assert_non_null(r);
    const cd_video_info *info = cd_video_get_info(r);
    assert_int_equal(info->width, 160);
    assert_int_equal(info->height, 120);
    assert_float_equal(info->fps, 25.0, 0.5);
    cd_rgb_image frame = {0};
    double t, prev = -1;
    int n = 0;
    int rc;
    while ((rc = cd_video_read(r, 0.2, &frame, &t, &err)) == 1) {
        assert_true(prev < 0 || t - prev >= 0.75 * 0.2 - 1e-6);
        if (n == 0) {
            /* lossy, but the pattern survives: green square, red ramp */
            const unsigned char *p = frame.pixels + 45 * frame.stride + 3 * 55;
            assert_true(p[1] > 150);
            const unsigned char *q = frame.pixels + 100 * frame.stride + 3 * 150;
            assert_true(q[0] > 200 && q[1] < 80);
        }
        prev = t;
        n++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(n, 10); /* 2 s sampled at 5 fps */
    cd_video_close(r);
    cd_rgb_image_free(&frame);

    /* a lower duration limit refuses the same file */
    cd_video_limits lim = {0, 1.0, 0};
    r = cd_video_open_file(path, &lim, &err);
    assert_null(r);
    assert_int_equal(err.code, CD_ETOOBIG);
}

static void test_bad_inputs_give_clear_errors(void **state)
{
    (void)state;
    cd_err err = {0};
    cd_rgb_image img = {0};
    char path[300];
    snprintf(path, sizeof path, "%s/missing.png", tmpdir);
    assert_int_equal(cd_image_load_file(path, &img, &err), CD_ENOTFOUND);

    snprintf(path, sizeof path, "%s/empty.mp4", tmpdir);
    assert_int_equal(cd_write_file_atomic(path, "", 0, &err), 0);
    assert_int_equal(cd_image_load_file(path, &img, &err), CD_EINVAL);
    assert_non_null(strstr(err.msg, "empty"));

    const char text[] = "this is a text file, not a picture at all. \n";
    assert_int_not_equal(cd_image_load_mem(text, sizeof text, &img, &err), 0);
    assert_true(err.code == CD_EUNSUPPORTED || err.code == CD_EUNPROCESSABLE);

    /* a truncated PNG */
    cd_rgb_image pic;
    pattern(&pic, 64, 64, 0);
    snprintf(path, sizeof path, "%s/t.png", tmpdir);
    assert_int_equal(cd_image_write_png(path, &pic, &err), 0);
    size_t len;
    char *data = cd_read_file(path, 1 << 20, &len, &err);
    assert_non_null(data);
    for (size_t cut = 1; cut < len; cut += len / 7 + 1) {
        int rc = cd_image_load_mem(data, cut, &img, &err);
        if (rc == 0) /* a decoder may salvage a partial picture; sizes stay sane */
            assert_true(img.width == 64 && img.height == 64);
        cd_rgb_image_free(&img);
    }
    /* an absurd size in the header is refused before allocating */
    cd_rgb_image huge;
    assert_int_equal(cd_rgb_image_alloc(&huge, 100000, 100000, &err), CD_ETOOBIG);
    free(data);
    cd_rgb_image_free(&pic);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png_round_trip_is_exact),
        cmocka_unit_test(test_video_round_trip_and_fps_sampling),
        cmocka_unit_test(test_bad_inputs_give_clear_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
