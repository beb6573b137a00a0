/* face_detect_run.c - runs the BlazeFace model on a frame.
 *
 * Kept apart from the decoding in face_detect.c so tests of the geometry do
 * not pull in the inference engine. */
#include "vision/face_detect.h"

#include <stdlib.h>
#include <string.h>

#include "vision/model_io.h"

#define DETECT_INPUT 256 /* the human-models BlazeFace input side */
#define DETECT_NMS_IOU 0.3f
#define DETECT_ANCHORS 896

int cd_face_detect(cd_model_runner *s, const cd_rgb_image *frame, float min_score,
                   cd_face_detection *out, int max_out, cd_err *err)
{
    /* 896 anchors: cheaper to recompute than to share between threads */
    float anchors[2 * DETECT_ANCHORS];
    int n_anchors = cd_blazeface_anchors(DETECT_INPUT, anchors, DETECT_ANCHORS);

    cd_roi roi = cd_roi_letterbox(frame->width, frame->height);
    float *input = malloc(sizeof(float) * DETECT_INPUT * DETECT_INPUT * 3);
    float *raw = malloc(sizeof(float) * (size_t)n_anchors * CD_BLAZEFACE_VALUES);
    cd_face_detection *cand = malloc(sizeof *cand * 256);
    int count = -1;
    if (!input || !raw || !cand) {
        cd_err_set(err, CD_EINTERNAL, "vision", "out of memory");
        goto out;
    }
    cd_roi_crop(frame, &roi, DETECT_INPUT, (cd_crop_norm){1.0f / 127.5f, -1.0f, 0}, input);
    if (cd_model_run_blazeface(s, input, DETECT_INPUT, raw, n_anchors, err))
        goto out;
    int n = cd_blazeface_decode(raw, anchors, n_anchors, DETECT_INPUT, min_score, cand, 256);
    n = cd_weighted_nms(cand, n, DETECT_NMS_IOU);
    count = n < max_out ? n : max_out;
    for (int i = 0; i < count; i++) {
        cd_face_detection d = cand[i];
        /* normalised letterbox coordinates -> frame pixels */
        cd_point3 a = cd_roi_to_frame(&roi, 1, d.x0, d.y0, 0);
        cd_point3 b = cd_roi_to_frame(&roi, 1, d.x1, d.y1, 0);
        d.x0 = a.x, d.y0 = a.y, d.x1 = b.x, d.y1 = b.y;
        for (int k = 0; k < CD_FACE_KEYPOINTS; k++) {
            cd_point3 p = cd_roi_to_frame(&roi, 1, d.kp[k][0], d.kp[k][1], 0);
            d.kp[k][0] = p.x, d.kp[k][1] = p.y;
        }
        out[i] = d;
    }
out:
    free(input);
    free(raw);
    free(cand);
    return count;
}
