/* body_run.c - BlazePose detector, pose landmark and hand landmark model
 * runs: crop through a cd_roi, run, map back through the same ROI. */
#include "vision/body.h"

#include <math.h>
#include <stdlib.h>

#define POSE_VALUES (CD_POSE_MODEL_POINTS * 5) /* x, y, z, visibility, presence */
#define HAND_VALUES (CD_HAND_POINTS * 3)

static float sigmoid(float x)
{
    return 1.0f / (1.0f + expf(-fmaxf(-100.f, fminf(100.f, x))));
}

/* Crops roi to size x size RGB with `norm`, runs the model; outs views. */
static int run_roi(cd_model_runner *s, const cd_rgb_image *frame, const cd_roi *roi, int size,
                   cd_crop_norm norm, cd_tensor *outs, cd_err *err)
{
    float *input = malloc(sizeof(float) * (size_t)size * size * 3);
    if (!input)
        return cd_err_set(err, CD_EINTERNAL, "vision", "out of memory");
    cd_roi_crop(frame, roi, size, norm, input);
    int rc = cd_model_run_image(s, input, size, 3, outs, cd_model_num_outputs(s), err);
    free(input);
    return rc;
}

int cd_pose_detect(cd_model_runner *s, const cd_rgb_image *frame, float min_score,
                   cd_pose_detection *out, cd_err *err)
{
    float *anchors = malloc(sizeof(float) * 2 * CD_POSE_ANCHORS);
    float *raw = malloc(sizeof(float) * CD_POSE_ANCHORS * CD_POSE_DETECT_VALUES);
    int found = -1;
    if (!anchors || !raw) {
        cd_err_set(err, CD_EINTERNAL, "vision", "out of memory");
        goto out;
    }
    int n = cd_pose_anchors(anchors, CD_POSE_ANCHORS);
    cd_roi roi = cd_roi_letterbox(frame->width, frame->height);
    cd_tensor outs[CD_MODEL_MAX_OUTPUTS];
    /* MediaPipe feeds the pose detector pixels in [-1, 1] */
    if (run_roi(s, frame, &roi, CD_POSE_DETECT_INPUT, (cd_crop_norm){1.0f / 127.5f, -1.0f, 0}, outs,
                err) ||
        cd_model_take(outs, cd_model_num_outputs(s), (long)n * CD_POSE_DETECT_VALUES, raw,
                      "pose detector", err))
        goto out;
    cd_pose_detection d;
    found = cd_pose_detect_decode(raw, anchors, n, min_score, &d);
    if (found) {
        cd_point3 a = cd_roi_to_frame(&roi, 1, d.x0, d.y0, 0);
        cd_point3 b = cd_roi_to_frame(&roi, 1, d.x1, d.y1, 0);
        d.x0 = a.x, d.y0 = a.y, d.x1 = b.x, d.y1 = b.y;
        for (int k = 0; k < 4; k++) {
            cd_point3 p = cd_roi_to_frame(&roi, 1, d.kp[k][0], d.kp[k][1], 0);
            d.kp[k][0] = p.x, d.kp[k][1] = p.y;
        }
        *out = d;
    }
out:
    free(anchors);
    free(raw);
    return found;
}

int cd_pose_landmarks_run(cd_model_runner *s, const cd_rgb_image *frame, const cd_roi *roi,
                          cd_body *b, cd_err *err)
{
    float raw[POSE_VALUES], flag;
    cd_tensor outs[CD_MODEL_MAX_OUTPUTS];
    int n = cd_model_num_outputs(s);
    int rc =
        run_roi(s, frame, roi, CD_POSE_INPUT, (cd_crop_norm){1.0f / 255.0f, 0.0f, 0}, outs, err);
    if (!rc)
        rc = cd_model_take(outs, n, POSE_VALUES, raw, "pose landmark", err);
    if (!rc)
        rc = cd_model_take(outs, n, 1, &flag, "pose landmark", err);
    if (rc)
        return rc;
    b->roi = *roi;
    b->score = flag;
    for (int k = 0; k < CD_POSE_MODEL_POINTS; k++) {
        const float *p = raw + 5 * k;
        cd_point3 q = cd_roi_to_frame(roi, CD_POSE_INPUT, p[0], p[1], p[2]);
        if (k < CD_POSE_KEYPOINTS) {
            b->kp[k] = q;
            b->visibility[k] = sigmoid(p[3]);
            b->presence[k] = sigmoid(p[4]);
        } else if (k < CD_POSE_KEYPOINTS + 2) {
            b->align[k - CD_POSE_KEYPOINTS] = q;
        }
    }
    return 0;
}

static int output_named(const cd_model_runner *s, const cd_tensor *outs, const char *name,
                        long count, const float **data, cd_err *err)
{
    int i = cd_nn_output_index(s->model, name);
    if (i < 0 || i >= cd_model_num_outputs(s) || cd_tensor_count(&outs[i]) != count)
        return cd_err_set(err, CD_EINTERNAL, "model",
                          "hand landmark model has no output %s of %ld values", name, count);
    *data = outs[i].data;
    return 0;
}

int cd_hand_landmarks_run(cd_model_runner *s, const cd_rgb_image *frame, const cd_roi *roi,
                          cd_hand *h, cd_err *err)
{
    cd_tensor outs[CD_MODEL_MAX_OUTPUTS];
    const float *pts = NULL, *flag = NULL;
    /* the graph has two 63-value outputs (image and world landmarks) and
     * two scalars (presence and handedness): pick them by name */
    int rc =
        run_roi(s, frame, roi, CD_HAND_INPUT, (cd_crop_norm){1.0f / 255.0f, 0.0f, 0}, outs, err);
    if (!rc)
        rc = output_named(s, outs, "Identity:0", HAND_VALUES, &pts, err);
    if (!rc)
        rc = output_named(s, outs, "Identity_1:0", 1, &flag, err);
    if (rc)
        return rc;
    h->roi = *roi;
    /* the graph ends in a sigmoid here: raw values are already 0..1 */
    h->score = fminf(1.0f, fmaxf(0.0f, flag[0]));
    for (int k = 0; k < CD_HAND_POINTS; k++)
        h->pts[k] = cd_roi_to_frame(roi, CD_HAND_INPUT, pts[3 * k], pts[3 * k + 1], pts[3 * k + 2]);
    return 0;
}
